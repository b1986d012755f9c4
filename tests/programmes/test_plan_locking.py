"""Every kind of plan item can be archived, restored and edited on PostgreSQL too,
where a row lock must not reach across an outer join (a resource's optional
project, in its default ordering)."""

from django.urls import reverse

from programmes.models import ResourceAllocation


def test_a_resource_with_a_project_is_archived_restored_and_edited(
    client, executive, resource
):
    client.force_login(executive)
    client.post(reverse("programmes:archive-resource", args=[resource.pk]))
    assert ResourceAllocation.objects.get().is_archived
    client.post(reverse("programmes:restore-resource", args=[resource.pk]))
    assert not ResourceAllocation.objects.get().is_archived
    response = client.post(
        reverse("programmes:change-resource", args=[resource.pk]),
        {
            "label": "Renamed",
            "project": resource.project_id,
            "hours": "12.5",
            "version": ResourceAllocation.objects.get().version,
        },
    )
    assert response.status_code == 302
    assert ResourceAllocation.objects.get().label == "Renamed"
