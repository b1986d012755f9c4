"""Admin: status reports and achievement reviews. Reviews are read here, never
changed: drafts, figures, signatures and the agreed document are made by the
services (reports.services)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from reports.models import (
    AchievementReview,
    AgreedReview,
    PublishedStatusReport,
    ReviewOverride,
    ReviewSignature,
    StatusReport,
)


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


class ReadOnlyAdmin(SimpleHistoryAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AchievementReview)
class AchievementReviewAdmin(ReadOnlyAdmin):
    list_display = ["programme", "as_at", "prepared_at", "completed_at"]
    list_filter = ["completed_at"]


@admin.register(ReviewOverride)
class ReviewOverrideAdmin(ReadOnlyAdmin):
    list_display = [
        "review",
        "objective_number",
        "achieved",
        "short_consortium",
        "short_other",
    ]


@admin.register(ReviewSignature)
class ReviewSignatureAdmin(ReadOnlyAdmin):
    list_display = ["document", "party", "typed_name", "signed_at"]


@admin.register(AgreedReview)
class AgreedReviewAdmin(ReadOnlyAdmin):
    list_display = ["reference", "issued_at", "sha256"]
