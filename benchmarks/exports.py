"""Exports of a 16,000-task programme: time to first byte and total, CSV and XLSX.

Run: DATABASE_URL=postgres://… .venv/bin/python benchmarks/exports.py [tasks]
Builds a throw-away test database (SQLite unless DATABASE_URL says otherwise) with
one programme of `tasks` tasks (default 16,000: objectives of 25, bulk-inserted),
then downloads the task list through Django's test client as an executive member:
the CSV (time to its first chunk, and to its last) and the XLSX. For comparison it
also times django-tables2's own per-cell path (`BoundRow.get_cell_value`, what
`core.exports.table_rows` used before) over the same table, and asks for the
review PDF (queued for the worker: the request only fingerprints the data).
One run, not a test.
"""

import io
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "daccom.test_settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

PER_OBJECTIVE = 25


def build(size):
    from governance.models import Organisation
    from governance.roles import Role
    from programmes.models import Objective, Task, TaskStatus
    from tests import factories

    consortium = factories.organisation(Organisation.Kind.CONSORTIUM)
    pct = factories.organisation(Organisation.Kind.PCT)
    provider = factories.organisation(Organisation.Kind.PROVIDER)
    user = factories.user(Role.EXECUTIVE, factories.person(consortium))
    programme = factories.programme(consortium, partners=[pct])
    objectives = Objective.objects.bulk_create(
        Objective(programme=programme, number=n, title=f"Objective {n}")
        for n in range(1, size // PER_OBJECTIVE + 1)
    )
    statuses = list(TaskStatus)
    Task.objects.bulk_create(
        (
            Task(
                objective=objective,
                order=i + 1,
                description=f"Task {i + 1} of objective {objective.number}: "
                "agree the referral pathway with the practices",
                lead_organisation=(consortium, pct, provider)[i % 3],
                supporting_organisation=pct,
                status=statuses[i % len(statuses)],
                date="2007-03-01" if i % 2 else None,
                note="Stopped by new PCT" if i % 7 == 6 else "",
                owner=user.person,
            )
            for objective in objectives
            for i in range(PER_OBJECTIVE)
        ),
        batch_size=2000,
    )
    return programme, user


def download(client, url, export_format):
    start = time.perf_counter()
    response = client.get(url, {"_export": export_format})
    chunks = iter(response.streaming_content)
    first = next(chunks)
    first_byte = time.perf_counter() - start
    size = len(first) + sum(len(chunk) for chunk in chunks)
    response.close()
    return first_byte, time.perf_counter() - start, size


def review_pdf(client, programme):
    """The review PDF of this programme: queued for the worker, not rendered here."""
    from django.test import override_settings

    from core.models import RenderedFile

    url = reverse("programmes:review-pdf", args=[programme.pk])
    status = reverse("programmes:review-pdf-status", args=[programme.pk])
    database = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with override_settings(TASKS=database):
        for label, address in (("review.pdf (queues)", url), ("progress page", status)):
            start = time.perf_counter()
            response = client.get(address)
            seconds = time.perf_counter() - start
            print(f"{label}: {response.status_code} in {seconds * 1000:.0f} ms")
    print(f"jobs queued: {RenderedFile.objects.count()}")


def tables2_path(programme):
    """The rows as django-tables2 gives them cell by cell (the old export path)."""
    from programmes.models import Task
    from programmes.tables import TaskTable

    table = TaskTable(
        Task.objects.filter(objective__programme=programme)
        .for_display()
        .order_by("objective__number", "order"),
        editable=False,
        inline=False,
        show_objective=True,
    )
    columns = [c for c in table.columns.iterall() if not c.column.exclude_from_export]
    start = time.perf_counter()
    count = sum(
        1 for row in table.rows for _ in [[row.get_cell_value(c.name) for c in columns]]
    )
    return count, time.perf_counter() - start


def main():
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 16_000
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        start = time.perf_counter()
        programme, user = build(size)
        print(f"built {size} tasks in {time.perf_counter() - start:.1f} s")
        client = Client()
        client.force_login(user)
        url = reverse("programmes:tasks", args=[programme.pk])
        download(client, url, "csv")  # warm-up
        for run in range(3):
            with CaptureQueriesContext(connection) as queries:
                first, total, length = download(client, url, "csv")
            print(
                f"CSV run {run + 1}: first chunk {first * 1000:.0f} ms, "
                f"all {total:.2f} s, {length / 1e6:.1f} MB, {len(queries)} queries"
            )
        for run in range(2):
            first, total, length = download(client, url, "xlsx")
            print(f"XLSX run {run + 1}: all {total:.2f} s, {length / 1e6:.1f} MB")
        review_pdf(client, programme)
        count, seconds = tables2_path(programme)
        print(f"django-tables2 per-cell path: {count} rows in {seconds:.2f} s")
        from core.exports import table_rows, write_csv
        from programmes.models import Task
        from programmes.tables import TaskTable

        table = TaskTable(
            Task.objects.filter(objective__programme=programme)
            .for_display()
            .order_by("objective__number", "order"),
            editable=False,
            inline=False,
            show_objective=True,
        )
        start = time.perf_counter()
        text = write_csv(table_rows(table))
        print(
            f"core.exports rows + CSV text: {time.perf_counter() - start:.2f} s "
            f"({len(io.StringIO(text).readlines())} lines)"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
