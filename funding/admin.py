from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from funding.models import (
    FundingScheme,
    FundingStatement,
    Invoice,
    KeyPersonContract,
    ReserveCredit,
)


@admin.register(Invoice)
class InvoiceAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "scheme", "invoice_date", "amount", "status"]
    list_filter = ["scheme", "status"]
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


@admin.register(ReserveCredit)
class ReserveCreditAdmin(SimpleHistoryAdmin):
    list_display = ["because", "scheme", "credited_on", "amount"]
    list_filter = ["scheme"]


@admin.register(FundingStatement)
class FundingStatementAdmin(admin.ModelAdmin):
    list_display = ["reference", "scheme", "issued_at", "issued_by"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


if not admin.site.is_registered(FundingScheme):

    @admin.register(FundingScheme)
    class FundingSchemeAdmin(SimpleHistoryAdmin):
        list_display = ["name", "kind", "programme", "hourly_rate"]
