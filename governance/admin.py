from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from simple_history.admin import SimpleHistoryAdmin

from governance.models import (
    Framework,
    FrameworkArea,
    FrameworkLevel,
    FrameworkTarget,
    InterimFunding,
    Membership,
    Organisation,
    Person,
    PracticeListSize,
    TargetPosition,
)


class ListSizeInline(admin.TabularInline):
    model = PracticeListSize
    extra = 1
    ordering = ["-month"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "kind", "code", "member_of", "successor"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "code"]
    list_select_related = ["member_of", "successor"]
    inlines = [ListSizeInline]


@admin.register(PracticeListSize)
class PracticeListSizeAdmin(SimpleHistoryAdmin):
    list_display = ["practice", "month", "size"]
    list_filter = ["month"]
    search_fields = ["practice__name", "practice__code"]
    list_select_related = ["practice"]
    autocomplete_fields = ["practice"]
    date_hierarchy = "month"


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "initials", "job_title", "organisation", "user"]
    list_filter = ["organisation__kind", "organisation"]
    search_fields = ["first_name", "last_name", "initials", "job_title"]
    list_select_related = ["organisation", "user"]
    autocomplete_fields = ["organisation", "user"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    """Who may do what: a user's role in an organisation."""

    list_display = ["user", "role", "organisation"]
    list_filter = ["role", "organisation__kind"]
    search_fields = ["user__username", "user__last_name", "organisation__name"]
    list_select_related = ["user", "organisation"]
    autocomplete_fields = ["user", "organisation"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["organisation"]


admin.site.unregister(User)


@admin.register(User)
class UserWithMembershipsAdmin(UserAdmin):
    inlines = [MembershipInline]


# The governance framework (issue #18): its structure is kept here; the
# consortium's position on each target is kept on the framework's pages.


class FrameworkLevelInline(admin.TabularInline):
    model = FrameworkLevel
    extra = 0


@admin.register(FrameworkLevel)
class FrameworkLevelAdmin(SimpleHistoryAdmin):
    list_display = ["framework", "number", "name", "funding_per_patient"]
    list_select_related = ["framework"]
    search_fields = ["name", "framework__name"]


class FrameworkAreaInline(admin.TabularInline):
    model = FrameworkArea
    extra = 0
    show_change_link = True


class InterimFundingInline(admin.TabularInline):
    model = InterimFunding
    extra = 0


@admin.register(Framework)
class FrameworkAdmin(SimpleHistoryAdmin):
    list_display = ["name", "version", "consortium", "pct", "effective_from"]
    list_select_related = ["consortium", "pct"]
    search_fields = ["name", "version"]
    inlines = [FrameworkLevelInline, FrameworkAreaInline, InterimFundingInline]


class FrameworkTargetInline(admin.TabularInline):
    model = FrameworkTarget
    extra = 1


@admin.register(FrameworkArea)
class FrameworkAreaAdmin(SimpleHistoryAdmin):
    list_display = ["name", "framework", "order"]
    list_select_related = ["framework"]
    search_fields = ["name"]
    inlines = [FrameworkTargetInline]


@admin.register(FrameworkTarget)
class FrameworkTargetAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title", "area", "level"]
    list_select_related = ["area"]
    list_filter = ["level", "area__framework"]
    search_fields = ["code", "title"]


@admin.register(TargetPosition)
class TargetPositionAdmin(SimpleHistoryAdmin):
    list_display = ["target", "status", "plan_due", "updated_at"]
    list_select_related = ["target"]
    list_filter = ["status"]
    search_fields = ["target__code", "target__title", "evidence", "plan"]


@admin.register(InterimFunding)
class InterimFundingAdmin(SimpleHistoryAdmin):
    list_display = ["framework", "level", "starts_on", "ends_on", "targets_due_by"]
    list_select_related = ["framework"]
    search_fields = ["framework__name", "notes"]
