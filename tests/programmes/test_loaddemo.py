import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from governance.models import Organisation, Person
from programmes.models import Comment, Evidence, Objective, Programme, Task


def _snapshot():
    tasks = Task.objects.values_list("pk", "status", "note", "version")
    return (
        Organisation.objects.count(),
        Person.objects.count(),
        Programme.objects.count(),
        sorted(tasks),
        Task.history.count(),
        User.objects.count(),
        sorted(User.objects.values_list("username", "password")),
        Comment.objects.count(),
        Evidence.objects.count(),
    )


def test_it_loads_the_documents(pilot):
    assert Programme.objects.count() == 2
    assert Objective.objects.count() == 8
    assert Task.objects.count() == 63
    mark = Person.objects.get(first_name="Mark", last_name="Jones")
    assert mark.user.username == "mjones"
    assert mark.user.check_password("daccom-demo")
    assert mark.user.memberships.get().role == "executive"
    assert mark.user.memberships.get().organisation.short_name == "DacCom"
    phipps = User.objects.get(username="jphipps").memberships.get()
    assert (phipps.role, phipps.organisation.name) == ("pct", "West Hertfordshire PCT")
    practice_user = User.objects.get(username="practice")
    assert practice_user.person.organisation.kind == Organisation.Kind.PRACTICE


def test_it_keeps_the_reviews_wording(pilot):
    task = Task.objects.get(note="Yes - ongoing")
    assert task.status == "done"
    assert task.responsibility == "DacCom with PCT support"
    stopped = Task.objects.get(status="stopped")
    assert stopped.note == "Stopped by new PCT at this stage"
    assert stopped.responsibility == "PCT with DacCom support"
    assert Task.objects.filter(
        delivered_through="preferred provider"
    ).get().responsibility == ("PCT through preferred provider")
    assert (
        Task.objects.filter(
            lead_capacity="management", supporting_organisation__isnull=False
        )
        .first()
        .responsibility
        == "PCT management with DacCom support"
    )


def test_it_backs_the_monthly_meetings_with_invented_evidence(pilot):
    task = Task.objects.get(note__contains="monthly meetings held and minuted")
    evidence = task.evidence.get()
    assert evidence.url.startswith("https://")
    assert "(invented for the demo)" in evidence.description
    assert evidence.added_by.username == "mjones"
    authors = task.comments.values_list("author__username", flat=True)
    assert sorted(authors) == ["jphipps", "mjones"]
    assert all("(invented for the demo)" in c.text for c in task.comments.all())


def test_both_programme_leads_own_open_tasks(pilot):
    # John Phipps (PCT-led tasks) and Mark Jones (DacCom-led) see "My work".
    for username in ("jphipps", "mjones"):
        assert Task.objects.open().filter(owner__user__username=username).exists()
    phipps = User.objects.get(username="jphipps")
    mine = Task.objects.open().filter(owner__user=phipps)
    assert all(task.is_writable_by(phipps) for task in mine)


def test_it_says_in_the_history_where_the_records_came_from(pilot):
    record = Task.objects.first().history.earliest()
    assert record.history_change_reason == "Loaded from the demo data"


def test_running_it_twice_changes_nothing(pilot):
    before = _snapshot()
    call_command("loaddemo", "--with-demo-users", verbosity=0)
    assert _snapshot() == before


def test_running_it_again_keeps_what_users_changed(pilot):
    task = Task.objects.get(note="Currently underway")
    task.status = "done"
    task.note = "Finished by the team"
    task.save()
    history_rows = task.history.count()
    Task.objects.filter(objective=task.objective, order=1).delete()
    mark = User.objects.get(username="mjones")
    mark.memberships.all().delete()

    call_command("loaddemo", "--with-demo-users", verbosity=0)

    task.refresh_from_db()
    assert (task.status, task.note) == ("done", "Finished by the team")
    assert task.history.count() == history_rows
    assert Task.objects.filter(objective=task.objective, order=1).exists()  # missing
    assert not mark.memberships.exists()  # an administrator's change stands


def test_if_empty_leaves_an_existing_database_alone(pilot, capsys):
    Task.objects.filter(note="Currently underway").update(status="done")
    call_command("loaddemo", "--if-empty")
    assert Task.objects.get(note="Currently underway").status == "done"
    assert "already holds programmes" in capsys.readouterr().out


def test_it_refuses_demo_sign_ins_when_debug_is_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="Refusing to create demo sign-ins"):
        call_command("loaddemo")
    assert not User.objects.exists()
    call_command("loaddemo", "--no-users", verbosity=0)
    assert Programme.objects.exists() and not User.objects.exists()


def test_it_prints_the_sign_ins(db, capsys):
    call_command("loaddemo", "--with-demo-users")
    lines = capsys.readouterr().out.splitlines()
    assert lines[-4:] == [
        "Demo sign-ins (password “daccom-demo”):",
        "  mjones     Mark Jones — Executive member",
        "  jphipps    John Phipps — PCT reviewer",
        "  practice   Janet Whitmore — Practice manager",
    ]
