"""Field history for any model, and the action log (#13)."""

import datetime

from django.urls import reverse

from core.history import field_history
from core.log import log_action, log_for
from core.models import LogEntry
from governance.models import Person
from programmes.models import Task


def _edit(client, task, **fields):
    data = {"status": "to_do", "date": "", "note": "", "version": task.version}
    return client.post(
        reverse("programmes:edit-task", args=[task.pk]), {**data, **fields}
    )


def test_history_reads_labels_choices_and_related_names(task, executive, pct):
    executive.first_name, executive.last_name = "Eve", "Example"
    executive.save()
    task.owner = Person.objects.create(
        organisation=pct, first_name="John", last_name="Phipps"
    )
    task.status = "planned"
    task.date = datetime.date(2007, 3, 31)
    task._history_user = executive
    task.save()

    newest = field_history(task, hidden=("objective",))[0]
    changes = {change.field: (change.old, change.new) for change in newest.changes}
    assert changes["Status"] == ("To do", "Planned")
    assert changes["Date"] == ("—", "31 Mar 2007")
    assert changes["Owner"][1] == "John Phipps"
    assert "Objective" not in changes and "Version" not in changes
    assert newest.who == "Eve Example"


def test_history_works_for_a_model_it_was_not_written_for(executive, consortium):
    person = Person.objects.create(
        organisation=consortium, first_name="Mark", last_name="Jones"
    )
    person.job_title = "Programme lead"
    person._history_user = executive
    person.save()
    newest, created = field_history(person)
    assert [(c.field, c.old, c.new) for c in newest.changes] == [
        ("Job title", "—", "Programme lead")
    ]
    assert created.kind == "Created" and created.who == "System"


def test_history_is_read_in_a_bounded_number_of_queries(
    task, executive, django_assert_max_num_queries
):
    for n in range(30):
        task.note = f"note {n}"
        task._history_user = executive
        task.save()
    with django_assert_max_num_queries(3):  # records, organisations, people
        entries = field_history(task, hidden=("objective",))
    assert len(entries) == 31


def test_an_edit_writes_a_named_action(client, executive, task):
    client.force_login(executive)
    _edit(client, task, status="stopped", note="Stopped by new PCT")
    (entry,) = log_for(task)
    assert entry.action == "programmes.task.status_changed"
    assert entry.user == executive
    assert entry.data == {
        "status": {"from": "to_do", "to": "stopped"},
        "note": {"from": "", "to": "Stopped by new PCT"},
    }
    page = client.get(reverse("programmes:task", args=[task.pk]))
    assert "Status changed" in page.text
    assert "programmes.task.status_changed" in page.text


def test_a_note_only_edit_is_logged_as_an_update(client, executive, task):
    client.force_login(executive)
    _edit(client, task, note="Chased the PCT")
    assert [e.action for e in log_for(task)] == ["programmes.task.updated"]


def test_an_unchanged_resubmit_logs_nothing(client, executive, task):
    client.force_login(executive)
    _edit(client, task)  # the values it already has
    assert not LogEntry.objects.exists()


def test_the_log_is_kept_per_object(task, executive):
    other = Task.objects.create(
        objective=task.objective,
        order=99,
        description="Another",
        lead_organisation=task.lead_organisation,
    )
    log_action(task, "programmes.task.updated", user=executive)
    log_action(other, "programmes.task.updated")
    assert len(log_for(task)) == 1
    assert log_for(other)[0].user is None
