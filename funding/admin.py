from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from funding.models import (
    AgreedInstalment,
    FundingScheme,
    FundingStatement,
    Invoice,
    KeyPersonContract,
    ListSizeImport,
    Participation,
    PaymentKind,
    PaymentRelease,
    ReserveCredit,
)


class PaymentKindInline(admin.TabularInline):
    model = PaymentKind
    fk_name = "scheme"
    extra = 0


@admin.register(FundingScheme)
class FundingSchemeAdmin(SimpleHistoryAdmin):
    list_display = [
        "name",
        "kind",
        "programme",
        "starts_on",
        "population_as_at",
        "hourly_rate",
    ]
    list_filter = ["kind"]
    search_fields = ["name"]
    inlines = [PaymentKindInline]


class AgreedInstalmentInline(admin.TabularInline):
    model = AgreedInstalment
    extra = 0


@admin.register(PaymentKind)
class PaymentKindAdmin(SimpleHistoryAdmin):
    list_display = ["kind", "scheme", "max_rate_per_patient", "in_place_of"]
    list_filter = ["kind", "scheme"]
    search_fields = ["scheme__name", "notes"]
    inlines = [AgreedInstalmentInline]


@admin.register(AgreedInstalment)
class AgreedInstalmentAdmin(SimpleHistoryAdmin):
    list_display = ["reason", "payment_kind", "rate_per_patient", "agreed_on"]
    search_fields = ["reason", "notes"]
    list_select_related = ["payment_kind__scheme"]


@admin.register(Participation)
class ParticipationAdmin(SimpleHistoryAdmin):
    list_display = ["practice", "scheme", "status", "confirmed_on", "withdrawn_on"]
    list_filter = ["status", "scheme"]
    search_fields = ["practice__name", "practice__code"]
    list_select_related = ["practice", "scheme"]


@admin.register(PaymentRelease)
class PaymentReleaseAdmin(SimpleHistoryAdmin):
    """Releases are recorded by funding.services.release_payment; read here."""

    list_display = ["payment_kind", "released_on", "because"]
    search_fields = ["because"]
    readonly_fields = ["payment_kind", "released_on", "because", "recorded_at"]

    def has_add_permission(self, request):
        return False


@admin.register(ListSizeImport)
class ListSizeImportAdmin(admin.ModelAdmin):
    """Imports are made on the import page or by `manage.py import_list_sizes`."""

    list_display = ["file_name", "imported_at", "imported_by", "created_count"]
    search_fields = ["file_name"]
    readonly_fields = [
        "file_name",
        "imported_by",
        "created_count",
        "changed_count",
        "unchanged_count",
    ]

    def has_add_permission(self, request):
        return False


@admin.register(Invoice)
class InvoiceAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "scheme", "invoice_date", "amount", "status"]
    list_filter = ["scheme", "status"]
    search_fields = ["number", "description", "person__last_name", "practice__name"]
    # Moves between statuses go through the site (funding.services.move_invoice),
    # which checks the reserve and writes the action log.
    readonly_fields = [
        "status",
        "submitted_at",
        "submitted_by",
        "decided_at",
        "decided_by",
        "paid_on",
        "file",
    ]


@admin.register(KeyPersonContract)
class KeyPersonContractAdmin(SimpleHistoryAdmin):
    list_display = ["person", "role", "scheme", "hours_per_year", "rate"]
    list_filter = ["scheme"]
    search_fields = ["person__last_name", "role", "notes"]


@admin.register(ReserveCredit)
class ReserveCreditAdmin(SimpleHistoryAdmin):
    list_display = ["because", "scheme", "credited_on", "amount"]
    list_filter = ["scheme"]
    search_fields = ["because"]


@admin.register(FundingStatement)
class FundingStatementAdmin(admin.ModelAdmin):
    list_display = ["reference", "scheme", "issued_at", "issued_by"]
    search_fields = ["reference"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
