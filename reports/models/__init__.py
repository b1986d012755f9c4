# One module per subject; every model is importable from reports.models.
