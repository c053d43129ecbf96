"""Synthetic users and roles at national scale, for benchmarks (deterministic for a seed)."""

import random

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction

from openhromada.core.models import DataOrigin

from .models import Role, RoleAssignment, User

OFFICIALS, COUNCIL_MEMBERS, RESIDENTS = 2, 4, 20


def _email(seed: int, code: str, kind: str, n: int) -> str:
    return f"s{seed}.{code.lower()}.{kind}{n}@synthetic.invalid"


@transaction.atomic
def generate(*, hromadas, networks, seed: int, progress=None) -> int:
    """Create (or find) the synthetic people of each hromada; returns the users created."""
    rng = random.Random(seed)
    unusable = make_password(None)
    before = User.objects.filter(data_origin=DataOrigin.SYNTHETIC).count()
    plan: list[tuple[str, str, object]] = []  # (email, role, scope)
    for hromada in hromadas:
        for kind, count, role in (
            ("official", OFFICIALS, Role.OFFICIAL),
            ("council", COUNCIL_MEMBERS, Role.COUNCIL_MEMBER),
            ("resident", RESIDENTS, None),
        ):
            for n in range(count):
                plan.append((_email(seed, hromada.code, kind, n), role, hromada))
    for network in networks:
        for n in range(rng.randint(5, 15)):
            plan.append((_email(seed, network.slug, "monitor", n), Role.MONITOR, network))
    users = [
        User(
            email=email,
            display_name=f"Synthetic {i}",
            password=unusable,
            data_origin=DataOrigin.SYNTHETIC,
        )
        for i, (email, _r, _s) in enumerate(plan)
    ]
    User.objects.bulk_create(users, batch_size=2000, ignore_conflicts=True)
    ids = dict(User.objects.filter(email__in=[p[0] for p in plan]).values_list("email", "id"))
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user_id=ids[email], email=email, verified=True, primary=True)
            for email, _r, _s in plan
        ],
        batch_size=2000,
        ignore_conflicts=True,
    )
    roles = []
    for email, role, scope in plan:
        if role is None:
            continue
        field = "network" if role == Role.MONITOR else "hromada"
        roles.append(
            RoleAssignment(
                user_id=ids[email], role=role, data_origin=DataOrigin.SYNTHETIC, **{field: scope}
            )
        )
    RoleAssignment.objects.bulk_create(roles, batch_size=2000, ignore_conflicts=True)
    if progress:
        progress("users and roles", len(plan), len(plan))
    return User.objects.filter(data_origin=DataOrigin.SYNTHETIC).count() - before
