"""What every all-or-nothing CSV import shares (list sizes, practices' returns)."""

import datetime

from core.dates import first_of_month


class ImportRefused(Exception):
    """The file has errors: nothing was imported. `errors` is a list of
    (line number or None, message)."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__(f"{len(errors)} error(s): nothing was imported.")


def parse_month(text):
    """The first day of the month `text` names ("2007-04", "2007-04-01",
    "01/04/2007", "04/2007"), or None: a full date must be a 1st, since a
    figure is recorded for a month."""
    text = text.strip()
    for pattern in ("%Y-%m", "%Y-%m-%d", "%d/%m/%Y", "%m/%Y"):
        try:
            day = datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        if pattern in ("%Y-%m-%d", "%d/%m/%Y") and day.day != 1:
            return None
        return first_of_month(day)
    return None
