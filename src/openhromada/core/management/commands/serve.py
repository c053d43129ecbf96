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
        parser.add_argument(
            "--timeout",
            type=int,
            default=int(os.environ.get("GUNICORN_TIMEOUT", 60)),
            help="seconds a worker may go silent before gunicorn restarts it (its main loop "
            "reports every second even while threads serve requests; raise it on a starved "
            "machine)",
        )
        parser.add_argument(
            "--fd",
            type=int,
            help="serve on a socket that is already listening, inherited as this file "
            "descriptor (from a supervisor, or a test harness that holds the port so it is "
            "never refused or taken while the server starts); --host and --port are ignored",
        )
        parser.add_argument("--no-collectstatic", action="store_true")

    def handle(self, *args, port, host, workers, threads, timeout, fd, no_collectstatic, **options):
        if not no_collectstatic:
            call_command("collectstatic", interactive=False, verbosity=0)
        bind = f"fd://{fd}" if fd is not None else f"{host}:{port}"
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "openhromada.wsgi:application",
            "--bind",
            bind,
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--access-logfile",
            "-",
            "--timeout",
            str(timeout),
            "--graceful-timeout",
            "20",
            # gunicorn's runtime control socket lives at one path per user ($HOME/.gunicorn):
            # every server started by the same user would take it over from the others.
            "--no-control-socket",
        ]
        where = f"socket fd {fd}" if fd is not None else f"http://{host}:{port}/"
        self.stdout.write(
            f"Serving on {where} with {workers} workers × {threads} threads "
            f"({settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]})"
        )
        sys.stdout.flush()
        os.execv(sys.executable, argv)
