"""Render time of the DES achievement review's PDF: the demo's, and a programme ten
times its size (630 tasks). Not a test.

Run against a database with the demo loaded, e.g.
  DATABASE_URL=sqlite:////tmp/x.sqlite3 .venv/bin/python manage.py migrate
  DATABASE_URL=… .venv/bin/python manage.py loaddemo --with-demo-users
  DATABASE_URL=… .venv/bin/python benchmarks/review.py
The large programme is built inside a transaction that is rolled back.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "daccom.settings")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402

from core.pdf import render_pdf  # noqa: E402
from reports.models import AchievementReview  # noqa: E402
from reports.review_content import display  # noqa: E402

RUNS = 3


def timed(function):
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        result = function()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings), result


def render(review):
    content = display(review.content)
    context = {
        "organisation": content["consortium"],
        "document_date": content["as_at"],
        "review": content,
        "signatures": [],
        "reference": "BENCH",
        "content_sha256": review.content_sha256,
        "agreed_on": content["as_at"],
    }
    return render_pdf("reports/review/pdf/review.html", context)


def main():
    demo = AchievementReview.objects.select_related("programme").first()
    if demo is None:
        sys.exit("Load the demo first (manage.py loaddemo --with-demo-users).")
    seconds, pdf = timed(lambda: render(demo))
    tasks = sum(len(o["tasks"]) for o in demo.content["objectives"])
    print(f"demo review ({tasks} tasks): {seconds:.2f} s, {len(pdf):,} bytes")
    from governance.models import Organisation
    from reports.services import draft_review
    from tests import factories

    with transaction.atomic():
        programme = demo.programme
        pct = programme.partners.filter(kind=Organisation.Kind.PCT).first()
        large, _, _ = factories.large_programme(
            tasks * 10, programme.consortium, pct, None
        )
        large.refresh_from_db()
        review = draft_review(large, as_at=large.ends_on, user=demo.prepared_by)
        seconds, pdf = timed(lambda: render(review))
        print(
            f"ten times the demo ({tasks * 10} tasks): {seconds:.2f} s, "
            f"{len(pdf):,} bytes"
        )
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
