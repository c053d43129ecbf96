"""The daily run: flag milestones past their due date (schedule with cron or a timer)."""

from django.core.management.base import BaseCommand

from openhromada.plans.services import milestones_mark_overdue


class Command(BaseCommand):
    help = "Mark milestones that passed their due date without being completed or cancelled."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true")

    def handle(self, *args, quiet=False, **options):
        marked = milestones_mark_overdue()
        if not quiet:
            self.stdout.write(f"{len(marked)} milestone(s) newly marked overdue.")
