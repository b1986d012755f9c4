from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from daccom.demo.loader import DEMO_PASSWORD, load_demo
from programmes.models import Programme

DEMO_SIGN_INS = f"mjones, jphipps, practice (password “{DEMO_PASSWORD}”)"


class Command(BaseCommand):
    help = (
        "Load the demo: the pilot programme 2006/7 and its DES review, "
        "transcribed from "
        "the consortium's documents, with one demo sign-in per role. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--with-demo-users",
            action="store_true",
            help="Create the demo sign-ins even though DEBUG is off.",
        )
        parser.add_argument(
            "--no-users",
            action="store_true",
            help="Load the data without any sign-ins.",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the database already holds a programme.",
        )

    def handle(
        self, *args, with_demo_users=False, no_users=False, if_empty=False, **options
    ):
        if if_empty and Programme.objects.exists():
            self.stdout.write("The database already holds programmes: demo not loaded.")
            self.stdout.write(f"Demo sign-ins, if loaded earlier: {DEMO_SIGN_INS}")
            return
        create_users = not no_users
        if create_users and not settings.DEBUG and not with_demo_users:
            raise CommandError(
                "Refusing to create demo sign-ins with a known password while DEBUG is "
                "off. Pass --with-demo-users to do it anyway, or --no-users."
            )
        report = load_demo(with_users=create_users)
        if options["verbosity"] == 0:
            return
        self.stdout.write(
            f"Demo data: {report.created} records created, {report.existing} already "
            "there (left as they were)."
        )
        if report.users:
            self.stdout.write(f"Demo sign-ins (password “{DEMO_PASSWORD}”):")
            for username, name, role in report.users:
                self.stdout.write(f"  {username:<10} {name} — {role}")
