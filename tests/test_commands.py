"""The `openhromada` console commands: demo set-up is idempotent; the scale generator is
deterministic; anything else passes through to Django."""

import subprocess
import sys

import pytest
from django.core.management import call_command

from openhromada.accounts.models import RoleAssignment, User
from openhromada.core.history import verify_chain
from openhromada.core.models import HistoryEntry
from openhromada.places.models import Hromada

pytestmark = pytest.mark.django_db


def _counts():
    return (
        User.objects.count(),
        RoleAssignment.objects.count(),
        HistoryEntry.objects.count(),
        Hromada.objects.members().count(),
    )


def test_demo_loads_once_and_again_without_duplicates(capsys):
    call_command("demo", no_serve=True)
    out = capsys.readouterr().out
    assert "resident@demo.openhromada.org" in out and "demo-hromada-2026" in out
    first = _counts()
    assert first[3] == 6  # the six OGP Local members of DOMAIN.md
    call_command("demo", no_serve=True, quiet=True)
    assert _counts() == first
    assert verify_chain().ok
    roles = set(RoleAssignment.objects.values_list("role", flat=True))
    assert roles == {"official", "council_member", "monitor", "operator", "admin"}
    assert set(Hromada.objects.members().values_list("membership_origin", flat=True)) == {"demo"}


def test_demo_hromadas_named_in_the_domain_exist():
    from openhromada.places.demo import NAMED_IN_DOMAIN, OGP_LOCAL_MEMBERS

    codes = set(NAMED_IN_DOMAIN) | set(OGP_LOCAL_MEMBERS)
    names = dict(Hromada.objects.filter(code__in=codes).values_list("code", "name_uk"))
    assert len(names) == len(codes)
    assert all(names[code] == name for code, name in NAMED_IN_DOMAIN.items())


def test_generate_scale_is_deterministic_and_idempotent():
    call_command("generate_scale", hromadas=5, seed=7, quiet=True)
    users = set(User.objects.filter(data_origin="synthetic").values_list("email", flat=True))
    members = set(
        Hromada.objects.filter(membership_origin="synthetic").values_list("code", flat=True)
    )
    assert len(users) >= 5 * 26
    call_command("generate_scale", hromadas=5, seed=7, quiet=True)
    assert (
        set(User.objects.filter(data_origin="synthetic").values_list("email", flat=True)) == users
    )
    assert (
        set(Hromada.objects.filter(membership_origin="synthetic").values_list("code", flat=True))
        == members
    )
    assert RoleAssignment.objects.filter(data_origin="synthetic", role="official").count() == 10


def test_generate_scale_rejects_nonsense():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("generate_scale", hromadas=0, quiet=True)


def test_cli_passes_other_commands_to_django():
    result = subprocess.run(
        [sys.executable, "-m", "openhromada", "help", "verify-history"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0
    assert "Check the public history" in result.stdout


def test_models_and_migrations_agree():
    """A model change without its migration (or an unstable one) fails here, not in production."""
    call_command("makemigrations", check=True, dry_run=True, verbosity=0)


def test_generate_scale_adds_calls_with_a_big_one():
    from openhromada.participation.models import Call, Comment, Proposal

    call_command("generate_scale", hromadas=30, seed=3, big_call=300, quiet=True)
    calls = Call.objects.filter(origin="synthetic")
    assert calls.exists()
    big = max(calls, key=lambda c: c.proposals.count())
    assert big.proposals.count() == 300
    assert Comment.objects.filter(proposal__call=big).count() == 3000
    hot = big.proposals.get(number=1)
    assert hot.comment_count == Comment.objects.filter(proposal=hot).count() >= 500
    assert not Comment.objects.filter(parent__parent__isnull=False).exists()  # one level
    before = Proposal.objects.count()
    call_command("generate_scale", hromadas=30, seed=3, big_call=300, quiet=True)
    assert Proposal.objects.count() == before
