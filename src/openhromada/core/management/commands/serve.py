"""Serve with gunicorn (production settings: refuses to start with DEBUG or a default key)."""

import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the production server (gunicorn). Run `openhromada migrate` first."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("WEB_CONCURRENCY", (os.cpu_count() or 1) * 2 + 1)),
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=int(os.environ.get("GUNICORN_THREADS", 4)),
            help="threads per worker: a long bulk download then occupies one thread, not a "
            "whole worker, and is not cut off by the worker timeout",
        )
        parser.add_argument("--no-collectstatic", action="store_true")

    def handle(self, *args, port, host, workers, threads, no_collectstatic, **options):
        if not no_collectstatic:
            call_command("collectstatic", interactive=False, verbosity=0)
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "openhromada.wsgi:application",
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--access-logfile",
            "-",
            "--timeout",
            "60",
            "--graceful-timeout",
            "20",
        ]
        self.stdout.write(
            f"Serving on http://{host}:{port}/ with {workers} workers × {threads} threads "
            f"({settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]})"
        )
        sys.stdout.flush()
        os.execv(sys.executable, argv)
