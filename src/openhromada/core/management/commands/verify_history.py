"""Verify the public history's hash chain; exits 1 on any edited, inserted or deleted entry."""

from django.core.management.base import BaseCommand, CommandError

from openhromada.core.history import verify_chain


class Command(BaseCommand):
    help = "Check the public history: every hash, every link, and the chain head."

    def handle(self, *args, **options):
        report = verify_chain()
        for problem in report.problems:
            self.stderr.write(problem)
        if not report.ok:
            raise CommandError(
                f"Public history is NOT intact: {len(report.problems)} problem(s) "
                f"in {report.checked} entries."
            )
        self.stdout.write(f"Public history intact: {report.checked} entries verified.")
