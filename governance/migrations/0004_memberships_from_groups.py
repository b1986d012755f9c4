"""Roles move from groups to memberships: each grouped user with a person record
becomes a member of that person's organisation, in the role the group meant."""

from django.db import migrations

GROUP_ROLES = {
    "Executive": ("executive", "consortium"),
    "PCT": ("pct", "pct"),
    "Practice manager": ("practice_manager", "practice"),
}


def memberships_from_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Membership = apps.get_model("governance", "Membership")
    Person = apps.get_model("governance", "Person")
    for group in Group.objects.filter(name__in=GROUP_ROLES):
        role, kind = GROUP_ROLES[group.name]
        for person in Person.objects.filter(
            user__groups=group, organisation__kind=kind
        ).select_related("organisation"):
            Membership.objects.get_or_create(
                user_id=person.user_id,
                organisation_id=person.organisation_id,
                defaults={"role": role},
            )
    # Groups no longer grant anything; leaving them would suggest they do.
    Group.objects.filter(name__in=GROUP_ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [("governance", "0003_historicalmembership_membership_and_more")]

    operations = [
        migrations.RunPython(memberships_from_groups, migrations.RunPython.noop)
    ]
