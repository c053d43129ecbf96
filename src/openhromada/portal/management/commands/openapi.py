"""Write the API's OpenAPI document to the committed file (after a deliberate API change)."""

from django.core.management.base import BaseCommand

from openhromada.portal.openapi import COMMITTED, generate


class Command(BaseCommand):
    help = "Regenerate src/openhromada/portal/openapi-v1.json from the API's code."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Fail if the file is stale.")

    def handle(self, *args, check=False, **options):
        document = generate()
        if check:
            if COMMITTED.read_text(encoding="utf-8") != document:
                raise SystemExit(
                    "The committed OpenAPI document is out of date: run `make openapi`."
                )
            self.stdout.write("The committed OpenAPI document is up to date.")
            return
        COMMITTED.write_text(document, encoding="utf-8")
        self.stdout.write(f"Wrote {COMMITTED}")
