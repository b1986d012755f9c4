from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from commissioning.models import (
    CriterionCheck,
    GatekeeperCriterion,
    Proposal,
    ProposalStep,
    ServiceArea,
    ServiceRole,
)


class ServiceRoleInline(admin.TabularInline):
    model = ServiceRole
    extra = 0


@admin.register(ServiceArea)
class ServiceAreaAdmin(SimpleHistoryAdmin):
    list_display = ["name", "consortium", "level_of_input", "clinical_lead"]
    list_filter = ["level_of_input", "consortium"]
    list_select_related = ["consortium", "clinical_lead"]
    search_fields = ["name"]
    inlines = [ServiceRoleInline]


@admin.register(ServiceRole)
class ServiceRoleAdmin(SimpleHistoryAdmin):
    list_display = ["service_area", "party", "description"]
    list_select_related = ["service_area"]
    search_fields = ["description", "service_area__name"]


@admin.register(GatekeeperCriterion)
class GatekeeperCriterionAdmin(SimpleHistoryAdmin):
    list_display = ["text", "consortium", "order", "active"]
    list_select_related = ["consortium"]
    search_fields = ["text"]


class CriterionCheckInline(admin.TabularInline):
    model = CriterionCheck
    extra = 0


class ProposalStepInline(admin.TabularInline):
    model = ProposalStep
    extra = 0
    readonly_fields = ["action", "from_stage", "to_stage", "on", "recorded_by"]


@admin.register(Proposal)
class ProposalAdmin(SimpleHistoryAdmin):
    """Moves go through the proposal's pages (commissioning.services.advance);
    the stage is read-only here so that the table of moves holds."""

    list_display = ["title", "consortium", "stage", "received_on", "decided_on"]
    list_filter = ["stage", "consortium"]
    list_select_related = ["consortium"]
    search_fields = ["title", "raised_by", "request"]
    readonly_fields = ["stage"]
    inlines = [CriterionCheckInline, ProposalStepInline]


@admin.register(CriterionCheck)
class CriterionCheckAdmin(SimpleHistoryAdmin):
    list_display = ["proposal", "criterion", "met"]
    list_select_related = ["proposal", "criterion"]
    search_fields = ["proposal__title", "criterion__text"]


@admin.register(ProposalStep)
class ProposalStepAdmin(SimpleHistoryAdmin):
    list_display = ["proposal", "action", "to_stage", "on", "recorded_by"]
    list_select_related = ["proposal", "recorded_by"]
    search_fields = ["proposal__title", "note"]
