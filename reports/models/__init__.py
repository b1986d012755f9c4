# One module per subject; every model is importable from reports.models.
from reports.models.status import PublishedStatusReport, StatusReport  # noqa: F401
