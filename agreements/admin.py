"""Admin: signed documents are read here, never changed: signatures and sealed
documents are made by the services, and published versions do not change."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from agreements.models import (
    AgreementDocument,
    AgreementPack,
    AgreementSignature,
    AgreementVersion,
    PlanApproval,
    PlanSignature,
    PracticeAgreement,
    SignedAgreement,
    SignedPlan,
)


class ReadOnlyAdmin(SimpleHistoryAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AgreementPack)
class AgreementPackAdmin(SimpleHistoryAdmin):
    list_display = ["title", "scheme", "created_at"]
    search_fields = ["title"]


@admin.register(AgreementVersion)
class AgreementVersionAdmin(ReadOnlyAdmin):
    list_display = ["pack", "number", "status", "published_at"]
    list_filter = ["status"]


@admin.register(AgreementDocument)
class AgreementDocumentAdmin(ReadOnlyAdmin):
    list_display = ["title", "version", "sha256"]


@admin.register(PracticeAgreement)
class PracticeAgreementAdmin(ReadOnlyAdmin):
    list_display = ["practice", "version", "prepared_at", "declined_at", "completed_at"]
    search_fields = ["practice__name"]


@admin.register(AgreementSignature, PlanSignature)
class SignatureAdmin(ReadOnlyAdmin):
    list_display = ["typed_name", "typed_role", "organisation_name", "signed_at"]


@admin.register(PlanApproval)
class PlanApprovalAdmin(ReadOnlyAdmin):
    list_display = ["programme", "prepared_at", "completed_at"]


@admin.register(SignedPlan, SignedAgreement)
class SealedDocumentAdmin(admin.ModelAdmin):
    list_display = ["reference", "issued_at", "sha256"]
    search_fields = ["reference"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
