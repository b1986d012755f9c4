from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from funding.models import (
    AgreedInstalment,
    FundingScheme,
    ListSizeImport,
    Participation,
    PaymentKind,
    PaymentRelease,
)


class PaymentKindInline(admin.TabularInline):
    model = PaymentKind
    fk_name = "scheme"
    extra = 0


@admin.register(FundingScheme)
class FundingSchemeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "programme", "starts_on", "population_as_at"]
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
