"""National-size synthetic content over real hromadas, for benchmarks (deterministic per seed)."""

import datetime as dt
import random

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from openhromada.accounts.scale import generate as generate_accounts
from openhromada.core.models import DataOrigin
from openhromada.core.progress import Progress
from openhromada.councils.scale import generate as generate_councils
from openhromada.monitoring.models import MonitoringNetwork
from openhromada.monitoring.scale import generate as generate_monitoring
from openhromada.participation.scale import generate as generate_calls
from openhromada.places.models import Hromada, Oblast
from openhromada.places.services import hromada_update
from openhromada.plans.scale import generate as generate_plans

MEMBER_SHARE = 0.1  # a tenth of the chosen hromadas get synthetic OGP Local membership
NETWORKS = 5


class Command(BaseCommand):
    help = (
        "Add synthetic users, roles, memberships, plans and councils over N real hromadas, "
        "calls for proposals and independent monitoring (marked synthetic)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--hromadas", type=int, default=1469)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--quiet", action="store_true")
        parser.add_argument(
            "--big-call",
            type=int,
            default=2000,
            help="Proposals in the one big call for proposals (ten comments each on average).",
        )

    def handle(self, *args, hromadas, seed, quiet, big_call=2000, **options):
        if settings.PRODUCTION:
            raise CommandError("Synthetic data does not belong in production.")
        if hromadas < 1:
            raise CommandError("--hromadas must be at least 1.")
        progress = Progress(self.stdout, quiet=quiet)
        if not Hromada.objects.exists():
            call_command("import_katottg", quiet=quiet)
        rng = random.Random(seed)
        pool = list(
            Hromada.objects.filter(category="H", temporarily_occupied=False).order_by("code")
        )
        chosen = rng.sample(pool, min(hromadas, len(pool)))
        networks = self._networks(seed)
        created = generate_accounts(
            hromadas=chosen, networks=networks, seed=seed, progress=progress
        )
        members = self._memberships(chosen, rng)
        progress("memberships", members, members)
        plans = generate_plans(hromadas=chosen, seed=seed, progress=progress)
        councils = generate_councils(seed=seed, progress=progress)
        calls = generate_calls(seed=seed, big_call=big_call, progress=progress)
        monitoring = generate_monitoring(seed=seed, progress=progress)
        self._analyze()
        if not quiet:
            self.stdout.write(
                f"Scale data (seed {seed}): {len(chosen)} hromadas, "
                f"{created} new synthetic users, {members} synthetic memberships, "
                f"{plans} synthetic action plans, {councils['councils']} councils with "
                f"{councils['members']} members, {councils['meetings']} meetings, "
                f"{councils['decisions']} decisions and {councils['votes']} votes; "
                f"{calls['calls']} calls with {calls['proposals']} proposals, "
                f"{calls['supports']} supports and {calls['comments']} comments; "
                f"{monitoring['members']} network members, {monitoring['reports']} monitoring "
                f"reports with {monitoring['assessments']} assessments."
            )

    def _analyze(self) -> None:
        """Fresh planner statistics after a bulk load: PostgreSQL's autovacuum gets there in its
        own time, and until then it plans a 2,000-proposal call as if it had 250 (a sort where the
        index would do: the proposal page took 84 ms instead of 29)."""
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    def _networks(self, seed):
        oblasts = list(Oblast.objects.filter(kind=Oblast.Kind.OBLAST).order_by("code"))
        networks = []
        for n in range(NETWORKS):
            network, _ = MonitoringNetwork.objects.get_or_create(
                slug=f"synthetic-{seed}-network-{n}",
                defaults={
                    "name_uk": f"Синтетична мережа {n}",
                    "name_en": f"Synthetic network {n}",
                    "origin": DataOrigin.SYNTHETIC,
                },
            )
            network.oblasts.set(oblasts[n::NETWORKS])
            networks.append(network)
        return networks

    def _memberships(self, chosen, rng) -> int:
        count = 0
        for hromada in chosen:
            # draw for every hromada, member or not, so a second run draws the same numbers
            pick = rng.random() < MEMBER_SHARE
            since = dt.date(2020 + rng.randint(0, 5), rng.choice([3, 6, 9, 12]), 1)
            if pick and hromada.ogp_member_since is None:
                hromada_update(
                    actor=None,
                    hromada=hromada,
                    ogp_member_since=since,
                    membership_origin=DataOrigin.SYNTHETIC,
                )
                count += 1
        return count
