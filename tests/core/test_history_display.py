"""The public history reads as people read: dates as dates, moments in Kyiv time to the minute,
links as links, lists as items, evidence files by name, references by their title — never a
Python list, JSON or an ISO timestamp, on the pages and in the feeds (issue 13, item 9)."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from openhromada.core.history import history_for, record
from openhromada.core.history_display import describe
from openhromada.core.models import HistoryAction
from openhromada.core.withholding import withholding_create
from openhromada.councils import services as councils
from openhromada.participation.calls import services as participation
from openhromada.participation.models import ResponseKind
from openhromada.places.services import hromada_update
from openhromada.plans import services
from openhromada.plans.lifecycle import PlanStatus
from tests.councils.fixtures import meeting, seat
from tests.plans.fixtures import D, make_commitment, make_milestone, move, report

pytestmark = pytest.mark.django_db
BASE = "/hromady/khmelnytska/plans/2025-2026/"
HISTORY = BASE + "commitments/1/history/"  # the commitment's page shows only its latest changes
PDF = b"%PDF-1.4\n%%EOF\n"
ATOM = "{http://www.w3.org/2005/Atom}"
RAW = {
    "a Python list of links": re.compile(r"\[\{'url'"),
    "a Python list": re.compile(r"\['"),
    "an empty list": re.compile(r"\[\]"),
    "an ISO timestamp with microseconds": re.compile(
        r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}\.\d+"
    ),
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def history_of(page: str) -> str:
    """The public history list of a page."""
    start = page.index('<ol class="history"')
    return page[start : page.index("</ol>", start)]


def assert_readable(text: str) -> None:
    """Nothing raw in the page's HTML (its JSON-LD for machines aside: ISO dates belong there)."""
    text = re.sub(r"<script[^>]*>.*?</script>", "", text, flags=re.S)
    for what, pattern in RAW.items():
        found = pattern.search(text)
        assert found is None, f"{what} shown: …{text[max(0, found.start() - 80) : found.end()]}"


def get(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def reported(official, plan):
    """A commitment edited while drafted (dates, tags, goals), a progress report with a link
    and an evidence file, and an amendment of its tags."""
    commitment = make_commitment(official, plan, tags=["демо"], sdgs=[])
    services.commitment_update(
        actor=official,
        commitment=commitment,
        tags=["демо", "дані"],
        sdgs=[16],
        end_date=D(2026, 5, 25),
    )
    milestone = make_milestone(official, commitment)
    move(plan, official, "co_creation", "submitted", "implementation")
    update = report(
        official,
        milestone,
        links=[{"url": "https://example.org/act"}],
        files=[SimpleUploadedFile("акт приймання.pdf", PDF, content_type="application/pdf")],
    )
    services.commitment_amend(
        actor=official, commitment=commitment, reason="Уточнення", tags=["дані"]
    )
    return update


def test_the_commitment_history_shows_dates_links_files_and_lists(client, reported):
    page = get(client, HISTORY)
    history = history_of(page)
    assert '<time datetime="2026-05-25">25 травня 2026</time>' in history  # the new end date
    assert "30 червня 2026" in history  # and the one before
    assert "демо → демо, дані" in history  # tags as items, before and after
    assert "—" in history and "16" in history  # no goals yet, then goal 16
    link = (
        '<a href="https://example.org/act" rel="nofollow ugc external">https://example.org/act</a>'
    )
    assert link in history
    evidence = reported.files.get()
    assert f'<a href="{BASE}evidence/{evidence.pk}/">акт приймання.pdf</a>' in history
    assert "демо, дані → дані" in history  # the amendment's change, field by field
    assert_readable(page)


def test_the_amendments_table_shows_values_by_type(client, reported):
    page = get(client, BASE + "commitments/1/")
    table = page[page.index('<caption id="amendment-1-table"') :]
    table = table[: table.index("</table>")]
    assert "<td>демо, дані</td><td>дані</td>" in table
    assert "tags" not in table  # the field's label, not its name
    assert_readable(table)


def test_entries_of_old_keep_lists_as_python_text_and_still_read_well(client, reported, official):
    """Entries written before lists were stored as lists hold their Python text for ever (the
    chain is immutable): they are read back, not shown raw."""
    commitment = reported.milestone.commitment
    record(
        actor=official,
        obj=commitment,
        action=HistoryAction.UPDATE,
        changes={"tags": ["['демо', 'дані']", "[]"], "sdgs": ["[]", "[16, 17]"]},
    )
    record(
        actor=official,
        obj=reported,
        action=HistoryAction.UPDATE,
        changes={
            "links": ["[]", "[{'url': 'https://example.org/old'}, {'url': 'javascript:alert(1)'}]"]
        },
    )
    history = history_of(get(client, HISTORY))
    assert "демо, дані → —" in history
    assert "— → 16, 17" in history
    assert '<a href="https://example.org/old" rel="nofollow ugc external">' in history
    assert "javascript:alert(1)" in history and 'href="javascript' not in history  # text only
    assert_readable(history)


def test_withheld_evidence_links_take_the_files_out_of_the_history(client, reported, operator):
    withholding_create(actor=operator, obj=reported, field="links", reason="Персональні дані")
    history = history_of(get(client, HISTORY))
    assert "акт приймання.pdf" not in history and "https://example.org/act" not in history


def test_the_commitment_history_reads_evidence_files_with_no_query_per_update(
    client, official, plan, django_assert_num_queries
):
    commitment = make_commitment(official, plan)
    milestones = [make_milestone(official, commitment) for _ in range(3)]
    move(plan, official, "co_creation", "submitted", "implementation")

    def upload(n):
        return SimpleUploadedFile(f"акт {n}.pdf", PDF, content_type="application/pdf")

    report(official, milestones[0], files=[upload(1)])
    client.get(HISTORY)
    with CaptureQueriesContext(connection) as one:
        client.get(HISTORY)
    for milestone in milestones[1:]:
        report(official, milestone, files=[upload(2), upload(3)])
    with django_assert_num_queries(len(one)):
        page = get(client, HISTORY)
    assert history_of(page).count(">акт ") == 5


def test_the_hromada_history_shows_dates_links_and_choices(client, official, hromada):
    hromada_update(
        actor=official,
        hromada=hromada,
        ogp_member_since=D(2026, 5, 25),
        website="https://khmelnytska.example.org/",
    )
    for url in ("/hromady/khmelnytska/", "/hromady/khmelnytska/history/"):
        page = get(client, url)
        history = history_of(page)
        assert '— → <time datetime="2026-05-25">25 травня 2026</time>' in history
        assert '<a href="https://khmelnytska.example.org/" rel="nofollow ugc external">' in history
        assert_readable(page)


def test_the_council_history_shows_membership_dates_and_meeting_times(client, official, council):
    seat(official, council, "Ірина Коваль", start_date=D(2025, 3, 1), end_date=D(2026, 5, 25))
    held = meeting(official, council, days_ago=3)
    councils.minutes_publish(
        actor=official, meeting=held, minutes_text="**Ухвалено** [план](https://example.org/plan)"
    )
    for url in ("/hromady/khmelnytska/council/", "/hromady/khmelnytska/council/history/"):
        page = get(client, url)
        history = history_of(page)
        if url.endswith("history/"):  # the council page shows the latest few entries
            assert "1 березня 2025" in history and "25 травня 2026" in history
        assert re.search(r"<time datetime=\"[\d-]+T15:00\+0[23]:00\">[^<]+, 15:00</time>", history)
        assert "Ухвалено план (https://example.org/plan)" in history  # Markdown as plain text
        assert "**" not in history
        assert_readable(history)


def test_a_proposal_history_links_the_commitments_it_became(client, official, proposal):
    commitment = proposal.call.plan.commitments.get(number=1)
    participation.proposal_respond(
        actor=official,
        proposal=proposal,
        response=ResponseKind.ACCEPTED,
        reason="Увійшло до плану",
        commitments=[commitment],
    )
    history = history_of(get(client, f"/proposals/{proposal.pk}/"))
    assert f'<a href="{BASE}commitments/1/">1. Відкриті дані</a>' in history
    assert "Увійшло до плану" in history
    assert_readable(history)


def _summaries(client, url) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    feed = ET.fromstring(response.content)
    return [entry.findtext(f"{ATOM}summary") or "" for entry in feed.iter(f"{ATOM}entry")]


def test_feeds_read_as_the_pages_in_plain_text(client, reported, official):
    feed = "\n".join(_summaries(client, "/feeds/hromady/khmelnytska/plans/2025-2026.atom"))
    assert "https://example.org/act" in feed and "акт приймання.pdf" in feed
    assert "25 травня 2026" in feed and "демо → демо, дані" in feed
    with translation.override("uk"):
        assert f"{PlanStatus.SUBMITTED.label} → {PlanStatus.IMPLEMENTATION.label}" in feed
    assert "<a " not in feed and "<time" not in feed
    assert_readable(feed)


def test_the_platform_feed_shows_call_categories_and_question_options(client, call, consultation):
    feed = "\n".join(_summaries(client, "/feeds/changes.atom"))
    assert "Доступ до інформації, Громадська участь" in feed
    assert "Так, Ні" in feed
    assert_readable(feed)
    assert "<" not in feed  # text, not markup


def test_dates_follow_the_readers_language(official, hromada):
    hromada_update(actor=official, hromada=hromada, ogp_member_since=D(2026, 5, 25))
    entry = history_for(hromada).first()
    with translation.override("en"):
        (change,) = describe([entry])[0].field_changes
    assert change.text == "OGP Local member since: — → 25 May 2026"


def test_the_same_moment_in_another_time_zone_is_not_a_change():
    """Saving a form unchanged (Kyiv time) over the stored value (UTC) records nothing."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    from openhromada.core.history import diff, public_value

    utc = dt.datetime(2026, 12, 20, 8, 0, tzinfo=dt.UTC)
    kyiv = utc.astimezone(ZoneInfo("Europe/Kyiv"))
    assert diff({"starts_at": public_value(utc)}, {"starts_at": public_value(kyiv)}) == {}
    later = kyiv + dt.timedelta(minutes=30)
    assert diff({"starts_at": public_value(utc)}, {"starts_at": public_value(later)}) != {}


def test_a_list_of_several_records_says_which_record_each_entry_is_about(client, reported):
    """The commitment's history lists its milestones' and reports' entries too: each says whose."""
    history = history_of(get(client, HISTORY))
    milestone = reported.milestone
    assert f"Етап «{milestone}»" in history.replace("&#x27;", "'").replace("&quot;", '"')
    from openhromada.core.history import history_for_many

    assert describe(history_for_many([milestone]))[0].subject == ""  # one record: said above


def test_a_long_text_or_list_shows_its_start_and_never_grows_the_page():
    """One person's 2 MB proposal must not make its page (or the changes feed) megabytes long:
    history lines show the start of a text and the first items of a list."""
    from openhromada.core import visibility
    from openhromada.core.history_values import SHOWN_CHARS, SHOWN_ITEMS, show
    from openhromada.core.withholding import active
    from openhromada.participation.models import Proposal

    references = visibility.References(active())
    field = Proposal._meta.get_field("problem")
    (part,) = show(field, "слово " * 400_000, references)
    assert len(part.text) <= SHOWN_CHARS + 1 and part.text.endswith("…")
    parts = show(None, [f"тег {n}" for n in range(1_000)], references)
    assert len(parts) == SHOWN_ITEMS + 1 and "950" in parts[-1].text


@pytest.mark.parametrize("text", [" " * 601, "\xa0 " * 400, "x" * 601, "слово " * 200])
def test_clipping_never_fails_whatever_the_text(text):
    """600 spaces (Markdown's &nbsp; become them) made a public page answer 500."""
    from openhromada.core.history_values import SHOWN_CHARS, clip

    shown = clip(text)
    assert len(shown) <= SHOWN_CHARS + 1 and shown.endswith("…")


def test_a_list_in_a_list_leaves_out_empty_items():
    from openhromada.core import visibility
    from openhromada.core.history_values import show
    from openhromada.core.withholding import active

    (part,) = show(None, [["a", None, "", "b"]], visibility.References(active()))
    assert part.text == "a, b"
