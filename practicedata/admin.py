from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from practicedata.models import (
    ActionPlan,
    Indicator,
    IndicatorTarget,
    MonthlyReturn,
    Obligation,
    PlanAction,
    ReturnImport,
    TaskIndicator,
)


class IndicatorTargetInline(admin.TabularInline):
    model = IndicatorTarget
    extra = 0
    raw_id_fields = ["practice"]


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "programme", "normalisation", "direction"]
    list_filter = ["programme", "normalisation"]
    inlines = [IndicatorTargetInline]


@admin.register(IndicatorTarget)
class IndicatorTargetAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "scheme", "practice", "change_percent", "level"]
    raw_id_fields = ["practice"]


@admin.register(MonthlyReturn)
class MonthlyReturnAdmin(SimpleHistoryAdmin):
    list_display = ["practice", "indicator", "month", "value", "budget", "submitted_on"]
    list_filter = ["indicator", "month"]
    raw_id_fields = ["practice", "imported_in", "submitted_by"]


@admin.register(ReturnImport)
class ReturnImportAdmin(admin.ModelAdmin):
    list_display = ["file_name", "programme", "imported_by", "imported_at"]


class PlanActionInline(admin.TabularInline):
    model = PlanAction
    extra = 0


@admin.register(ActionPlan)
class ActionPlanAdmin(SimpleHistoryAdmin):
    list_display = ["practice", "scheme", "agreed_on"]
    inlines = [PlanActionInline]


@admin.register(TaskIndicator)
class TaskIndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["task", "target"]
    raw_id_fields = ["task", "target"]


@admin.register(Obligation)
class ObligationAdmin(SimpleHistoryAdmin):
    list_display = ["practice", "scheme", "kind", "description", "recorded_outcome"]
    list_filter = ["scheme", "kind"]
    raw_id_fields = ["practice", "agreement"]
