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
    assert roles == {"official", "council_member", "monitor", "coordinator", "operator", "admin"}
    assert set(Hromada.objects.members().values_list("membership_origin", flat=True)) == {"demo"}
    _printed_accounts_say_what_each_can_do(out)
    _histories_are_dated_along_the_story()


def _printed_accounts_say_what_each_can_do(out: str) -> None:
    from openhromada.accounts.demo import DEMO_ACCOUNTS

    lines = {line.split()[0]: line for line in out.splitlines() if "@demo.openhromada.org" in line}
    assert set(lines) == {account.email for account in DEMO_ACCOUNTS}
    for line in lines.values():
        assert " — " in line and len(line.split(" — ", 1)[1]) > 30, line  # who, and what
    assert "council_member" not in out
    assert (
        "секретар координаційної ради Хмельницької громади" in lines["council@demo.openhromada.org"]
    )
    assert "посадова особа Хмельницької громади" in lines["official@demo.openhromada.org"]


def _histories_are_dated_along_the_story() -> None:
    """The plan approved by the council in February 2025 shows February 2025 in its history and
    status, not the day the demo was loaded; the chain (checked above) holds."""
    import datetime as dt

    from django.utils import timezone

    from openhromada.councils.models import Meeting
    from openhromada.participation.models import Proposal
    from openhromada.plans.models import ActionPlan, ProgressUpdate

    plan = ActionPlan.objects.get(slug="2025-2026", hromada__code="UA68040470000053519")
    days = [
        timezone.localtime(e.created_at).date()
        for e in HistoryEntry.objects.filter(
            object_type="plans.actionplan", object_id=str(plan.pk)
        ).order_by("seq")
    ]
    assert days[0] < dt.date(2024, 12, 1)  # drafted and co-created in the autumn
    assert days[-1] == timezone.localtime(plan.status_changed_at).date() == dt.date(2025, 2, 12)
    approval = Meeting.objects.get(council__hromada=plan.hromada, starts_at__date="2025-02-12")
    assert approval.minutes_published_at.date() < dt.date(2025, 3, 1)
    first_report = ProgressUpdate.objects.filter(milestone__commitment__plan=plan).earliest("pk")
    assert first_report.created_at.date() == first_report.date < dt.date(2025, 7, 1)
    proposal = Proposal.objects.filter(call__plan=plan).earliest("pk")
    entry = HistoryEntry.objects.filter(
        object_type="participation.proposal", object_id=str(proposal.pk)
    ).earliest("seq")
    assert entry.created_at.date() == proposal.created_at.date() < dt.date(2025, 1, 1)


def test_demo_serves_with_debug_off_on_the_port_asked_for(monkeypatch):
    """`openhromada demo --port N` (`make demo PORT=N`): the web server listens on N with DEBUG
    off (the platform's own 404 and 500 pages), the task worker beside it."""
    from openhromada.portal.management.commands import demo

    started = []

    class Process:
        def __init__(self, command, env):
            started.append((command, env))

        def wait(self, timeout=None):
            return 0

        def terminate(self):
            pass

    monkeypatch.setattr(demo.subprocess, "Popen", Process)
    monkeypatch.delenv("SITE_URL", raising=False)
    demo.Command()._serve_with_worker(8123)
    (worker, worker_env), (server, server_env) = started
    assert "db_worker" in worker and server[-2:] == ["--noreload", "127.0.0.1:8123"]
    assert server_env["DEBUG"] == worker_env["DEBUG"] == "false"
    assert worker_env["SITE_URL"] == "http://127.0.0.1:8123"  # its e-mails link to this port


def test_demo_refuses_a_port_out_of_range():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="port"):
        call_command("demo", port=70000, no_serve=True, quiet=True)


def test_pages_with_debug_off_are_the_platform_s_own(client, settings):
    """What the demo shows for a missing page: the platform's 404, not Django's debug page
    listing every URL pattern."""
    settings.DEBUG = False
    page = client.get("/no/such/page/")
    body = page.content.decode()
    assert page.status_code == 404 and "Сторінку не знайдено" in body
    assert "URLconf" not in body and "Django tried these URL patterns" not in body


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
