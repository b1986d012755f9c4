from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from simple_history.admin import SimpleHistoryAdmin

from governance.models import (
    Action,
    Attendance,
    CalendarFeed,
    Committee,
    CommitteeMembership,
    Framework,
    FrameworkArea,
    FrameworkLevel,
    FrameworkTarget,
    InterimFunding,
    Meeting,
    MeetingRecord,
    Membership,
    MinuteItem,
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


# Meetings (governance.models.meetings) ---------------------------------------


class CommitteeMembershipInline(admin.TabularInline):
    model = CommitteeMembership
    extra = 0
    autocomplete_fields = ["person", "organisation"]


@admin.register(Committee)
class CommitteeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "organisation"]
    search_fields = ["name"]
    list_select_related = ["organisation"]
    inlines = [CommitteeMembershipInline]


@admin.register(CommitteeMembership)
class CommitteeMembershipAdmin(SimpleHistoryAdmin):
    list_display = [
        "person",
        "committee",
        "organisation",
        "role",
        "starts_on",
        "ends_on",
    ]
    list_filter = ["committee"]
    search_fields = ["person__first_name", "person__last_name", "role"]
    list_select_related = ["person", "committee", "organisation"]
    autocomplete_fields = ["person", "organisation"]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    """Meetings are kept on their own pages (/meetings/); here for repairs."""

    list_display = ["held_on", "committee", "status", "place", "recorded_by"]
    list_filter = ["committee", "status"]
    search_fields = ["place", "committee__name"]
    list_select_related = ["committee", "recorded_by"]
    date_hierarchy = "held_on"


@admin.register(Attendance)
class AttendanceAdmin(SimpleHistoryAdmin):
    list_display = ["meeting", "kind", "person", "group"]
    list_filter = ["kind"]
    search_fields = ["person__first_name", "person__last_name", "group"]
    list_select_related = ["meeting__committee", "person"]


@admin.register(MinuteItem)
class MinuteItemAdmin(SimpleHistoryAdmin):
    list_display = ["number", "heading", "meeting"]
    search_fields = ["heading", "text"]
    list_select_related = ["meeting__committee"]


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = ["description", "owner", "due_on", "status", "meeting"]
    list_filter = ["status"]
    search_fields = ["description", "owner__first_name", "owner__last_name"]
    list_select_related = ["owner", "meeting__committee"]


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    """Secret addresses: revoke one by deleting it; the token is never shown."""

    list_display = ["person", "created_at"]
    search_fields = ["person__first_name", "person__last_name"]
    fields = ["person", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False


@admin.register(MeetingRecord)
class MeetingRecordAdmin(admin.ModelAdmin):
    """Issued records: read only, never changed or deleted."""

    list_display = ["reference", "meeting", "version_number", "issued_at", "issued_by"]
    search_fields = ["reference"]
    list_select_related = ["meeting__committee", "issued_by"]
    fields = ["reference", "meeting", "version_number", "issued_at", "issued_by"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
