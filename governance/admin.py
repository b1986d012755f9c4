from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from simple_history.admin import SimpleHistoryAdmin

from governance.models import Membership, Organisation, Person, PracticeListSize


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
