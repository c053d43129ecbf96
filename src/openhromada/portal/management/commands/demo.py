"""Migrate, load the real places and the demo content (idempotently), then serve on :8000."""

import os
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
        parser.add_argument("--port", type=int, default=8000, help="Port on 127.0.0.1.")
        parser.add_argument("--quiet", action="store_true")

    def handle(self, *args, no_serve=False, port=8000, quiet=False, **options):
        if settings.PRODUCTION:
            raise CommandError("Demo accounts have published passwords: not in production.")
        if not 1 <= port <= 65535:
            raise CommandError(f"--port must be between 1 and 65535, not {port}.")
        call_command("migrate", interactive=False, verbosity=0)
        if not Hromada.objects.exists():
            call_command("import_katottg", quiet=quiet, stdout=self.stdout)
        accounts = self._load_demo()
        if not quiet:
            self._print_accounts(accounts, port)
        if not no_serve:
            self._serve_with_worker(port)

    def _serve_with_worker(self, port):
        """The web server and, beside it, the task worker that sends notifications. The server
        runs with DEBUG off, as a visitor should see the platform: its own 404 and 500 pages,
        never Django's debug page listing every URL (static files come from WhiteNoise)."""
        env = {**os.environ, "DEBUG": "false"}
        env.setdefault("SITE_URL", f"http://127.0.0.1:{port}")  # the links in its e-mails
        command = [sys.executable, "-m", "openhromada"]
        worker = subprocess.Popen([*command, "db_worker", "--interval", "2", "-v", "0"], env=env)
        server = subprocess.Popen(
            [*command, "runserver", "--noreload", f"127.0.0.1:{port}"], env=env
        )
        try:
            server.wait()
        finally:
            for process in (server, worker):
                process.terminate()
            for process in (server, worker):
                process.wait(timeout=10)

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
        by_email = {account.email: user for account, user in accounts}
        councils_demo.load(officials=officials, accounts=by_email)
        monitoring_demo.populate(
            coordinator=by_email["coordinator@demo.openhromada.org"],
            monitor=by_email["monitor@demo.openhromada.org"],
            official=officials["UA68040470000053519"],
            applicant=by_email["resident@demo.openhromada.org"],
        )
        return accounts

    def _print_accounts(self, accounts, port):
        """Each account with who it is and what it can do, in Ukrainian (the platform's first
        language, as the demo content)."""
        self.stdout.write(f"\nВідкрита громада (демо): http://127.0.0.1:{port}/  (English: /en/)")
        self.stdout.write(
            f"Демонстраційні облікові записи (пароль для всіх: {accounts_demo.DEMO_PASSWORD}):"
        )
        for account, _user in accounts:
            self.stdout.write(f"  {account.email} — {account.can}")
        self.stdout.write(
            "Листи (підтвердження адреси, відновлення пароля, сповіщення) записуються в "
            f"{getattr(settings, 'EMAIL_FILE_PATH', 'налаштований поштовий сервер')}\n"
        )
