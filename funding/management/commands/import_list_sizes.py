from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from funding.services import ImportRefused, import_list_sizes, read_list_sizes
from governance.models import Organisation


class Command(BaseCommand):
    help = (
        "Import practices' list sizes from a CSV file (practice code, list size, "
        "month). Every row is checked first; nothing is imported if any is wrong."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the CSV file")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="show what would change (new, changed, unchanged); save nothing",
        )
        parser.add_argument("--user", help="the username to record as importing it")

    def handle(self, path, dry_run, user, **options):
        rows = self._read(path)
        for row in rows:
            current = "—" if row.current is None else f"{row.current:,}"
            self.stdout.write(
                f"line {row.line}: {row.practice.code} {row.month:%Y-%m} "
                f"{current} → {row.size:,} ({row.outcome})"
            )
        counts = {
            outcome: sum(1 for row in rows if row.outcome == outcome)
            for outcome in ("new", "changed", "unchanged")
        }
        summary = ", ".join(f"{n} {outcome}" for outcome, n in counts.items())
        if dry_run:
            self.stdout.write(f"Dry run, nothing saved: {summary}.")
            return
        import_list_sizes(rows, file_name=Path(path).name, user=self._user(user))
        self.stdout.write(self.style.SUCCESS(f"Imported {Path(path).name}: {summary}."))

    def _read(self, path):
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        try:
            return read_list_sizes(text, list(Organisation.objects.practices()))
        except ImportRefused as refused:
            lines = [
                f"line {line}: {message}" if line else message
                for line, message in refused.errors
            ]
            raise CommandError(
                "Nothing was imported:\n" + "\n".join(lines)
            ) from refused

    def _user(self, username):
        if not username:
            return None
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist as error:
            raise CommandError(f"No user {username!r}.") from error
