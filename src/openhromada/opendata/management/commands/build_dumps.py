"""Build the ZIP of all open data now (run daily from cron, or after a large import)."""

import time

from django.core.management.base import BaseCommand

from openhromada.opendata.dumps import build_dump


class Command(BaseCommand):
    help = "Pre-build the bulk ZIP of every public dataset (served at /data/openhromada.zip)."

    def handle(self, *args, **options):
        started = time.perf_counter()
        path = build_dump()
        size = path.stat().st_size
        self.stdout.write(
            f"{path} — {size / 2**20:.1f} MiB in {time.perf_counter() - started:.1f} s"
        )
