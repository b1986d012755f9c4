from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from programmes.models import (
    FRPTarget,
    Objective,
    Programme,
    Project,
    ResourceAllocation,
    SuccessCriterion,
    Task,
)


class ProjectInline(admin.TabularInline):
    model = Project
    extra = 0


class SuccessCriterionInline(admin.TabularInline):
    model = SuccessCriterion
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "starts_on", "ends_on", "consortium", "frp_total_saving"]
    search_fields = ["name"]
    filter_horizontal = ["partners", "leads"]
    inlines = [ProjectInline, SuccessCriterionInline]


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ["name", "programme", "order"]
    list_filter = ["programme"]
    search_fields = ["name"]


@admin.register(FRPTarget)
class FRPTargetAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title", "project", "planned_saving"]
    list_filter = ["project__programme"]
    search_fields = ["code", "title"]
    list_select_related = ["project"]


@admin.register(SuccessCriterion)
class SuccessCriterionAdmin(SimpleHistoryAdmin):
    list_display = ["letter", "description", "programme", "met"]
    list_filter = ["programme", "met"]
    search_fields = ["description", "evidence"]


@admin.register(ResourceAllocation)
class ResourceAllocationAdmin(SimpleHistoryAdmin):
    list_display = ["label", "programme", "project", "hours"]
    list_filter = ["programme"]
    search_fields = ["label"]


class TaskInline(admin.TabularInline):
    model = Task
    extra = 0
    fields = [
        "order",
        "description",
        "lead_organisation",
        "supporting_organisation",
        "status",
    ]


@admin.register(Objective)
class ObjectiveAdmin(SimpleHistoryAdmin):
    list_display = ["number", "title", "programme", "weight", "assessed_achieved"]
    list_filter = ["programme"]
    search_fields = ["title"]
    inlines = [TaskInline]


@admin.register(Task)
class TaskAdmin(SimpleHistoryAdmin):
    list_display = [
        "description",
        "objective",
        "lead_organisation",
        "status",
        "date",
        "owner",
        "shortfall_due_to",
    ]
    list_filter = [
        "status",
        "objective__programme",
        "lead_organisation",
        "shortfall_due_to",
    ]
    search_fields = ["description", "note"]
    list_select_related = ["objective", "lead_organisation", "owner"]
    autocomplete_fields = ["owner"]
