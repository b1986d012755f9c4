"""Time of the figure pages and the task list at 1,625 tasks; SQL plans at ~16,000.

Run: .venv/bin/python benchmarks/figures.py [--plans]
  (add DATABASE_URL=postgres://… for PostgreSQL; --plans needs PostgreSQL)
Builds a throw-away test database. Timing: one programme of 1,625 tasks
(`tests.factories.large_programme`), its leads spread over 122 organisations and
its owners over 27 people, as in the large consortium the issue measured; median of
15 requests through Django's test client after 3 warm-ups.
--plans: 10 programmes of 1,600 tasks (16,000 tasks, 640 objectives), then EXPLAIN
ANALYZE of the slowest statement of each figure page.
"""

import os
import re
import statistics
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

RUNS, WARM_UPS = 15, 3


def measure(client, url):
    for _ in range(WARM_UPS):
        assert client.get(url).status_code == 200, url
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        client.get(url)
        timings.append(time.perf_counter() - start)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return queries, statistics.median(timings)


def spread(programme, leads=122, owners=27):
    from governance.models import Organisation
    from programmes.models import Task
    from tests import factories

    ids = list(
        Task.objects.filter(objective__programme=programme)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for k in range(leads):
        org = factories.organisation(Organisation.Kind.PROVIDER)
        Task.objects.filter(pk__in=ids[k::leads]).update(lead_organisation=org)
    for k in range(owners):
        person = factories.person()
        Task.objects.filter(pk__in=ids[k::owners]).update(owner=person)


def explain(sql, params):
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        return [row[0] for row in cursor.fetchall()]


def summarise(plan):
    """Execution time, and how often the plan scans the task table."""
    scans = sum(
        int(re.search(r"loops=(\d+)", line).group(1))
        for line in plan
        if "on programmes_task" in line and "loops=" in line
    )
    nodes = sum("on programmes_task" in line for line in plan)
    time = next(line for line in plan if "Execution Time" in line).strip()
    return f"{time}; task table: {nodes} scan nodes, {scans} scans in all"


def main():
    from governance.models import Organisation
    from governance.roles import Role
    from tests import factories

    plans = "--plans" in sys.argv
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        consortium = factories.organisation(Organisation.Kind.CONSORTIUM)
        pct = factories.organisation(Organisation.Kind.PCT)
        user = factories.user(Role.EXECUTIVE, factories.person(consortium))
        client = Client()
        client.force_login(user)
        if plans:
            programmes = [
                factories.large_programme(1600, consortium, pct, user.person)[0]
                for _ in range(10)
            ]
            programme = programmes[0]
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        else:
            programme = factories.large_programme(1625, consortium, pct, user.person)[0]
            spread(programme)
        pages = {
            "dashboard": reverse("programmes:dashboard"),
            "programmes": reverse("programmes:programmes"),
            "programme": reverse("programmes:programme", args=[programme.pk]),
            "achievement": reverse("programmes:achievement", args=[programme.pk]),
            "review": reverse("programmes:review", args=[programme.pk]),
            "tasks (25 a page)": reverse("programmes:tasks", args=[programme.pk]),
        }
        print(f"{connection.vendor}; {'plans' if plans else 'timing'}")
        for name, url in pages.items():
            queries, median = measure(client, url)
            sql_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
            print(
                f"{name:<18} {median * 1000:8.1f} ms  {len(queries):3} queries"
                f"  SQL {sql_ms:7.1f} ms"
            )
            if plans and name in ("dashboard", "programmes", "achievement"):
                for query in queries.captured_queries:
                    if "programmes_task" in query["sql"]:
                        plan = explain(query["sql"], None)
                        print("   ", summarise(plan))
                        if "-v" in sys.argv:
                            print("\n".join(plan))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
