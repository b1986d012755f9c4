"""Programme status reports (status.toml): April 2007 published with the seed's
narrative, May 2007 left as a draft."""

from django.contrib.auth import get_user_model

from daccom.demo.loader import create_missing
from reports.models import StatusReport
from reports.status_services import publish, take_figures

NARRATIVE = ("funding", "framework", "les", "projects")


def load(report, data, context):
    consortium = context.organisations[data["consortium"]]
    executive = get_user_model().objects.filter(username="mjones").first()
    for row in data["reports"]:
        status_report = create_missing(
            report,
            StatusReport,
            {"consortium": consortium, "month": row["month"]},
            {
                "created_by": executive,
                **{key: row[key].strip() for key in NARRATIVE},
            },
        )
        if status_report.is_published:
            continue
        if not status_report.figures:
            take_figures(status_report)
        if row["publish"]:
            publish(status_report, user=executive)
