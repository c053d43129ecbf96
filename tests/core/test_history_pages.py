"""History folded (issue 14, item 2): each page of a public record shows its latest few changes
and links to its whole history, a page the kernel gives every record (core.history_pages), 50
entries a page, newest first. The history page answers as the record's page does (404 for a
draft or hidden record, the withheld notice for a withheld one, withheld fields blanked), and
neither page grows with the history: the same queries for 5 entries as for 60."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from openhromada.core.history import Change, record_many
from openhromada.core.history_pages import PAGE_SIZE, RECENT, history_of
from openhromada.core.models import HistoryAction
from openhromada.core.withholding import active, withholding_create
from openhromada.participation.moderation.services import content_hide
from openhromada.plans import services as plans
from tests.councils.fixtures import meeting
from tests.participation.fixtures import draft_consultation, open_call, submit
from tests.plans.fixtures import make_commitment, move

pytestmark = pytest.mark.django_db

# a field of each kind the padding entries claim to change (their label is the field's)
FIELDS = {
    "plans.actionplan": "title",
    "plans.commitment": "title",
    "councils.council": "name",
    "councils.meeting": "place",
    "participation.call": "title",
    "participation.proposal": "title",
    "participation.consultation": "title",
    "places.hromada": "website",
}


def pad(obj, n: int, *, start: int = 0) -> None:
    """`n` more changes of `obj` in its history, numbered from `start`."""
    field = FIELDS[obj._meta.label_lower]
    record_many(
        actor=None,
        changes=[
            Change(obj, HistoryAction.UPDATE, {field: [f"старе {i}", f"нове {i}"]})
            for i in range(start, start + n)
        ],
    )


def history_list(page: str) -> str:
    start = page.index('<ol class="history"')
    return page[start : page.index("</ol>", start)]


def shown(page: str) -> list[int]:
    """The numbers of the padding entries a page shows, in its order."""
    return [int(n) for n in re.findall(r"→ нове (\d+)</li>", history_list(page))]


def get(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


@pytest.fixture
def records(official, co_plan, council, hromada, resident, consultation):
    """One public record of each kind with a page: (its page, its history page, the record)."""
    commitment = co_plan.commitments.get(number=1)
    call = open_call(official, co_plan)
    proposal = submit(resident, call)
    held = meeting(official, council)
    plan_args = [hromada.slug, co_plan.slug]
    return {
        "commitment": (
            reverse("plans:commitment", args=[*plan_args, 1]),
            reverse("plans:commitment_history", args=[*plan_args, 1]),
            commitment,
        ),
        "plan": (
            reverse("plans:plan", args=plan_args),
            reverse("plans:plan_history", args=plan_args),
            co_plan,
        ),
        "council": (
            reverse("councils:council", args=[hromada.slug]),
            reverse("councils:history", args=[hromada.slug]),
            council,
        ),
        "meeting": (
            reverse("councils:meeting", args=[hromada.slug, held.number]),
            reverse("councils:meeting_history", args=[hromada.slug, held.number]),
            held,
        ),
        "call": (
            reverse("participation:call", args=[call.pk]),
            reverse("participation:call_history", args=[call.pk]),
            call,
        ),
        "proposal": (
            reverse("participation:proposal", args=[proposal.pk]),
            reverse("participation:proposal_history", args=[proposal.pk]),
            proposal,
        ),
        "consultation": (
            reverse("participation:consultation", args=[consultation.pk]),
            reverse("participation:consultation_history", args=[consultation.pk]),
            consultation,
        ),
        "hromada": (
            reverse("places:hromada", args=[hromada.slug]),
            reverse("places:hromada_history", args=[hromada.slug]),
            hromada,
        ),
    }


KINDS = ["commitment", "plan", "council", "meeting", "call", "proposal", "consultation", "hromada"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_page_shows_its_latest_changes_and_links_the_whole_history(client, records, kind):
    url, history_url, obj = records[kind]
    pad(obj, 8)
    total = history_of(obj, active()).count()
    page = get(client, url)
    assert "Останні зміни" in page
    assert shown(page) == [7, 6, 5, 4, 3]  # the newest first, no more than a few
    assert history_list(page).count("<li>\n    <p>") == RECENT
    assert f'<a href="{history_url}">Уся історія змін ({total})</a>' in page
    whole = get(client, history_url)
    assert shown(whole) == [7, 6, 5, 4, 3, 2, 1, 0]
    assert history_list(whole).count("<li>\n    <p>") == total
    assert f'<a href="{url}" lang="uk">' in whole  # the way back to the record, its title


def test_the_whole_history_comes_50_entries_a_page(client, records):
    _page, history_url, commitment = records["commitment"]
    pad(commitment, 60)
    total = history_of(commitment, active()).count()
    first = get(client, history_url)
    assert shown(first) == list(range(59, 9, -1))  # 50, newest first
    assert f'<ol class="history" reversed start="{total}">' in first
    assert 'href="?page=2" rel="next"' in first and "Сторінка 1 з 2" in first
    second = get(client, history_url + "?page=2")
    assert shown(second) == list(range(9, -1, -1))
    assert history_list(second).count("<li>\n    <p>") == total - PAGE_SIZE
    assert 'href="?page=1" rel="prev"' in second
    assert shown(get(client, history_url + "?page=nonsense")) == shown(first)


@pytest.mark.parametrize("kind", KINDS)
def test_no_page_grows_with_its_history(client, records, kind, django_assert_max_num_queries):
    url, history_url, obj = records[kind]
    pad(obj, 5)
    counts = {}
    for address in (url, history_url):
        client.get(address)  # warm: the first request reads what every later one has cached
        with CaptureQueriesContext(connection) as queries:
            get(client, address)
        counts[address] = len(queries)
    pad(obj, 55, start=5)
    for address, count in counts.items():
        with django_assert_max_num_queries(count):
            page = get(client, address)
        assert len(shown(page)) == (RECENT if address == url else PAGE_SIZE)


def test_a_draft_plans_history_is_as_private_as_its_pages(client, official, plan, hromada):
    make_commitment(official, plan, title="Таємна чернетка")
    args = [hromada.slug, plan.slug]
    for name, extra in (("plans:plan", []), ("plans:commitment", [1])):
        history_url = reverse(name + "_history", args=[*args, *extra])
        get(client, reverse(name, args=[*args, *extra]), 404)
        get(client, history_url, 404)
    client.force_login(official)  # its authors read the draft and how it came to be
    whole = get(client, reverse("plans:commitment_history", args=[*args, 1]))
    assert "Таємна чернетка" in whole
    assert "Таємна чернетка" in get(client, reverse("plans:plan", args=args))


def test_an_unpublished_meeting_or_consultation_has_no_public_history(
    client, official, council, hromada
):
    draft = meeting(official, council, publish=False)
    get(client, reverse("councils:meeting_history", args=[hromada.slug, draft.number]), 404)
    consultation = draft_consultation(official, hromada)
    get(client, reverse("participation:consultation_history", args=[consultation.pk]), 404)
    client.force_login(official)
    get(client, reverse("councils:meeting_history", args=[hromada.slug, draft.number]))
    get(client, reverse("participation:consultation_history", args=[consultation.pk]))


def test_a_hidden_proposal_shows_its_notice_and_no_history(client, records, official):
    url, history_url, proposal = records["proposal"]
    content_hide(actor=official, obj=proposal, rule="spam")
    page = get(client, url)
    assert "Останні зміни" not in page and proposal.title not in page
    get(client, history_url, 404)
    client.force_login(official)  # not even for the call's officials: hidden is hidden
    get(client, history_url, 404)


def test_a_withheld_record_answers_with_the_notice_and_a_withheld_field_is_blanked(
    client, records, official, operator
):
    url, history_url, commitment = records["commitment"]
    plans.commitment_update(actor=official, commitment=commitment, problem="Таємниця Ради")
    assert "Таємниця Ради" in get(client, history_url)
    withholding_create(actor=operator, obj=commitment, field="problem", reason="Персональні дані")
    for address in (url, history_url):
        page = get(client, address)
        assert "Таємниця Ради" not in page
        assert "приховано від оприлюднення" in history_list(page)
    withholding_create(actor=operator, obj=commitment, reason="Рішення суду")
    get(client, url, 451)
    get(client, history_url, 451)


def test_a_plan_moved_back_to_draft_takes_its_history_along(client, records, official):
    url, history_url, commitment = records["commitment"]
    get(client, history_url)
    move(commitment.plan, official, "draft")
    get(client, url, 404)
    get(client, history_url, 404)


def test_an_amendment_is_one_entry_of_the_history_not_two(client, records, official):
    """From the phone review: an amendment is recorded as the commitment's update and as the
    amendment keeping the same diff with its reason; the history shows it once."""
    url, history_url, commitment = records["commitment"]
    move(commitment.plan, official, "submitted")
    plans.commitment_amend(
        actor=official, commitment=commitment, reason="Уточнили назву", title="Відкриті дані 2.0"
    )
    for address in (url, history_url):
        history = history_list(get(client, address))
        assert history.count("Уточнили назву") == 1
        assert history.count("Відкриті дані → Відкриті дані 2.0") == 1, address
    page = get(client, url)  # the amendments section shows it with its reason, as before
    assert page.count("Уточнили назву") == 2


def test_a_plan_page_names_the_record_inside_it_each_latest_change_is_about(client, records):
    """When the five latest changes of a plan are all about one commitment inside it, each still
    says which record it is about (not five alike «Назва: … → …» lines)."""
    *_urls, commitment = records["commitment"]
    plan = commitment.plan
    pad(commitment, RECENT + 1)  # the page reads one more than it shows
    page = get(client, reverse("plans:plan", args=[plan.hromada.slug, plan.slug]))
    section = history_list(page)
    assert section.count("Зобов’язання") >= RECENT, section
