"""How each page's cost grows from 10 to 500 tasks: queries and time, as ratios.

Run: .venv/bin/python benchmarks/page_scaling.py
Builds a throw-away test database (SQLite unless DATABASE_URL says otherwise), fills it
at each size with `tests.factories.large_programme` (as the query-count tests do), and
times each page with Django's test client (median of 15 requests after 3 warm-ups).
"""

import os
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

SIZES = (10, 500)
RUNS, WARM_UPS = 15, 3


def measure(client, url):
    for _ in range(WARM_UPS):
        client.get(url)
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        client.get(url)
        timings.append(time.perf_counter() - start)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries), statistics.median(timings)


def main():
    from governance.models import Organisation
    from governance.roles import Role
    from programmes.models import Programme
    from tests import factories

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        results = {}
        for size in SIZES:
            Programme.objects.all().delete()
            consortium = factories.organisation(Organisation.Kind.CONSORTIUM)
            pct = factories.organisation(Organisation.Kind.PCT)
            user = factories.user(Role.EXECUTIVE, factories.person(consortium))
            programme, objective, task = factories.large_programme(
                size, consortium, pct, user.person
            )
            client = Client()
            client.force_login(user)
            achievement_url = reverse("programmes:achievement", args=[programme.pk])
            pages = {
                "dashboard": reverse("programmes:dashboard"),
                "programme": reverse("programmes:programme", args=[programme.pk]),
                "achievement": achievement_url,
                "objective": reverse("programmes:objective", args=[objective.pk]),
                "task": reverse("programmes:task", args=[task.pk]),
                "review": reverse("programmes:review", args=[programme.pk]),
                "achievement.csv": f"{achievement_url}?_export=csv",
            }
            for name, url in pages.items():
                results[(name, size)] = measure(client, url)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    small, large = SIZES
    print(f"{connection.vendor}; {large} tasks vs {small} tasks")
    print(f"{'page':<17}{'queries':>12}{'time ratio':>12}")
    for name in pages:
        q_small, t_small = results[(name, small)]
        q_large, t_large = results[(name, large)]
        print(f"{name:<17}{q_small:>5} → {q_large:<4}{t_large / t_small:>11.2f}×")


if __name__ == "__main__":
    main()
