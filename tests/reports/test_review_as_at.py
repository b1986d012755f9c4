"""A review drafted as at a past day shows that day's figures and tasks, from the
recorded history, whatever was edited since."""

import pytest

from reports.services import draft_review
from tests.programmes.test_as_at import MARCH_31, ORIGINAL_TITLE, edited_after_march

pytestmark = pytest.mark.django_db
__all__ = ["edited_after_march"]  # the fixture, shared with the programmes' tests


def test_a_review_as_at_31_march_shows_31_march(
    programme, executive, edited_after_march
):
    review = draft_review(programme, as_at=MARCH_31, user=executive)
    rows = review.content["objectives"]
    # By hand, as in tests/programmes/test_as_at.py: objective 1 done + to do
    # (50 / 50 / 0); objective 2, under its March title, stopped (PCT), to do (PCT)
    # and done (33.3333 / 0 / 66.6667). Since then: a task done, one archived, one
    # added, one deleted, a title changed.
    assert [(r["number"], r["title"]) for r in rows][1] == (2, ORIGINAL_TITLE)
    assert [r["tasks_figures"] for r in rows] == [
        {"achieved": "50.0000", "short_consortium": "50.0000", "short_other": "0.0000"},
        {"achieved": "33.3333", "short_consortium": "0.0000", "short_other": "66.6667"},
    ]
    assert [[t["status"] for t in r["tasks"]] for r in rows] == [
        ["Yes", "To do"],
        ["Stopped", "To do", "Yes"],
    ]
