from django.contrib import admin

from core.models import LogEntry, RenderedFile


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


@admin.register(RenderedFile)
class RenderedFileAdmin(admin.ModelAdmin):
    """Read-only: background files and their errors, for finding what failed."""

    list_display = ["created_at", "kind", "object_id", "status", "requested_by"]
    list_filter = ["status", "kind"]
    readonly_fields = [field.name for field in RenderedFile._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
