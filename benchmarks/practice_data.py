"""The practice data pages at the issue's scale: 120 practices × 36 months × 12
indicators (51,840 returns). Queries and median time of the indicator page and
a practice page.

Run: .venv/bin/python benchmarks/practice_data.py
Builds a throw-away test database (SQLite unless DATABASE_URL says otherwise).
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "daccom.test_settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from benchmarks.page_scaling import measure  # noqa: E402

PRACTICES, MONTHS, INDICATORS = 120, 36, 12


def main():
    from governance.models import Organisation
    from governance.roles import Role
    from tests import factories
    from tests.practicedata import helpers

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        consortium = factories.organisation(Organisation.Kind.CONSORTIUM)
        pct = factories.organisation(Organisation.Kind.PCT)
        user = factories.user(Role.EXECUTIVE, factories.person(consortium))
        programme = factories.programme(consortium, partners=[pct])
        indicator, practice = helpers.large_practice_data(
            PRACTICES, programme, months=MONTHS, indicators=INDICATORS
        )
        client = Client()
        client.force_login(user)
        pages = {
            "indicator (year to date)": reverse(
                "practicedata:indicator", args=[indicator.pk]
            )
            + "?period=ytd&month=2009-03",
            "practice (year to date)": reverse(
                "practicedata:practice", args=[practice.pk]
            )
            + "?period=ytd&month=2009-03",
        }
        print(f"{PRACTICES} practices × {MONTHS} months × {INDICATORS} indicators")
        for name, url in pages.items():
            queries, seconds = measure(client, url)
            print(f"{name:28} {queries:3} queries  {seconds * 1000:8.1f} ms")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
