"""Admin: achievement reviews are read here, never changed: drafts, figures,
signatures and the agreed document are made by the services (reports.services)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from reports.models import (
    AchievementReview,
    AgreedReview,
    ReviewOverride,
    ReviewSignature,
)


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
