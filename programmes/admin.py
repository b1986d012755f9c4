from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from programmes.models import (
    ActionForTask,
    Comment,
    Evidence,
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


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    """Comments are added on the task page; here they can be read or removed."""

    list_display = ["task", "author", "created_at"]
    search_fields = ["text"]
    list_select_related = ["task", "author"]
    readonly_fields = ["task", "author", "created_at", "text"]

    def has_add_permission(self, request):
        return False


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    """Evidence is added on the task page, and its files served only from there."""

    list_display = ["description", "task", "added_by", "added_at", "file_name", "url"]
    search_fields = ["description", "file_name", "url"]
    list_select_related = ["task", "added_by"]
    fields = ["task", "description", "file_name", "content_type", "size", "url"]
    fields += ["minute_item"]
    fields += ["added_by", "added_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False


@admin.register(ActionForTask)
class ActionForTaskAdmin(SimpleHistoryAdmin):
    """A meeting's action linked to the task it serves."""

    list_display = ["action", "task"]
    search_fields = ["action__description", "task__description"]
    list_select_related = ["action__owner", "task"]
    raw_id_fields = ["action", "task"]
