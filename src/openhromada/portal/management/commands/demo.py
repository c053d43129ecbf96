"""Migrate, load the real places and the demo content (idempotently), then serve on :8000."""

import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from openhromada.accounts import demo as accounts_demo
from openhromada.councils import demo as councils_demo
from openhromada.monitoring import demo as monitoring_demo
from openhromada.participation import demo as participation_demo
from openhromada.places import demo as places_demo
from openhromada.places.models import Hromada
from openhromada.plans import demo as plans_demo


class Command(BaseCommand):
    help = "Set up a demonstration platform on the embedded database and serve it."

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="Migrate and load only.")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--quiet", action="store_true")

    def handle(self, *args, no_serve=False, port=8000, quiet=False, **options):
        if settings.PRODUCTION:
            raise CommandError("Demo accounts have published passwords: not in production.")
        call_command("migrate", interactive=False, verbosity=0)
        if not Hromada.objects.exists():
            call_command("import_katottg", quiet=quiet, stdout=self.stdout)
        accounts = self._load_demo()
        if not quiet:
            self._print_accounts(accounts, port)
        if not no_serve:
            self._serve_with_worker(port)

    def _serve_with_worker(self, port):
        """The web server and, beside it, the task worker that sends notifications."""
        worker = subprocess.Popen(
            [sys.executable, "-m", "openhromada", "db_worker", "--interval", "2", "-v", "0"]
        )
        try:
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
        finally:
            worker.terminate()
            worker.wait(timeout=10)

    @transaction.atomic
    def _load_demo(self):
        monitoring_demo.load()
        accounts = accounts_demo.load()
        admin = next(user for account, user in accounts if account.role == "admin")
        places_demo.load(actor=admin)
        officials = {
            account.scope: user for account, user in accounts if account.role == "official"
        }
        plans_demo.load(officials=officials, on_co_creation=participation_demo.on_co_creation)
        participation_demo.load(officials=officials)
        councils_demo.load(
            officials=officials, accounts={account.email: user for account, user in accounts}
        )
        return accounts

    def _print_accounts(self, accounts, port):
        self.stdout.write(f"\nOpen Hromada demo: http://127.0.0.1:{port}/  (English: /en/)")
        self.stdout.write(f"Demo accounts (password for all: {accounts_demo.DEMO_PASSWORD}):")
        for account, _user in accounts:
            scope = f"  [{account.scope}]" if account.scope else ""
            self.stdout.write(f"  {account.role:<15} {account.email}{scope}")
        self.stdout.write(
            "E-mails (confirmation, password reset) are written to "
            f"{getattr(settings, 'EMAIL_FILE_PATH', 'the configured backend')}\n"
        )
