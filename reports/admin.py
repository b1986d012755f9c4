from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from reports.models import PublishedStatusReport, StatusReport


@admin.register(StatusReport)
class StatusReportAdmin(SimpleHistoryAdmin):
    list_display = ["month", "consortium", "published"]
    list_select_related = ["consortium", "published"]
    fields = ["consortium", "month", "funding", "framework", "les", "projects"]

    def get_readonly_fields(self, request, obj=None):
        """A published report's draft is kept as it was published."""
        if obj is not None and obj.is_published:
            return self.fields
        return ["consortium", "month"] if obj is not None else []

    def has_delete_permission(self, request, obj=None):
        return obj is None or not obj.is_published


@admin.register(PublishedStatusReport)
class PublishedStatusReportAdmin(admin.ModelAdmin):
    """Issued reports: read only, never changed or deleted."""

    list_display = ["reference", "consortium", "month", "issued_at", "issued_by"]
    list_select_related = ["consortium", "issued_by"]
    fields = ["reference", "consortium", "month", "issued_at", "issued_by", "sha256"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
