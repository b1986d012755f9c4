from django.contrib import admin

from core.models import LogEntry


@admin.register(LogEntry)
class LogEntryAdmin(admin.ModelAdmin):
    """Read-only: the log is written by services and never edited."""

    list_display = ["when", "user", "action", "content_type", "object_id"]
    list_filter = ["action", "content_type"]
    search_fields = ["action", "user__username", "user__last_name"]
    date_hierarchy = "when"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
