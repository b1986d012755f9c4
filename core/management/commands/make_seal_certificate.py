"""Create the development seal: a throwaway CA, and a certificate and key it signed."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.sealing import make_development_certificate


class Command(BaseCommand):
    help = (
        "Create a development certificate and key for sealing signed documents "
        "(a self-signed CA and a seal certificate under var/seal/). Not for real use."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-absent",
            action="store_true",
            help="Do nothing when the configured certificate and key exist.",
        )
        parser.add_argument(
            "--folder",
            default=str(settings.SEAL_FOLDER),
            help="Where to write ca.pem, seal.pem and seal.key (default var/seal).",
        )

    def handle(self, *args, if_absent=False, folder=None, **options):
        configured = Path(settings.SEAL_CERTIFICATE), Path(settings.SEAL_KEY)
        if if_absent and all(path.is_file() for path in configured):
            self.stdout.write("The seal's certificate and key exist: nothing to do.")
            return
        folder = Path(folder)
        if (folder / "seal.key").exists() and not if_absent:
            raise CommandError(
                f"{folder / 'seal.key'} exists: remove it first to make a new seal "
                "(documents sealed with the old one then verify only by their hash)."
            )
        paths = make_development_certificate(folder)
        self.stdout.write(
            f"Development seal written: {paths['certificate']} and {paths['key']}, "
            f"signed by the throwaway authority {paths['ca']}."
        )
