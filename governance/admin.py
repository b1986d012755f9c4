from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from governance.models import Organisation, Person


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "kind", "list_size", "successor"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "initials", "job_title", "organisation", "user"]
    list_filter = ["organisation__kind", "organisation"]
    search_fields = ["first_name", "last_name", "initials", "job_title"]
    list_select_related = ["organisation", "user"]
    autocomplete_fields = ["organisation", "user"]
