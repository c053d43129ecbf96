"""Nothing withheld, hidden or unpublished leaks through a reference to it: a call shows its plan,
a proposal the commitments it became, a reply the comment it answers, a history entry the records
its values point at — each only while that record is public, in every output."""

import io
import zipfile

import pytest

from openhromada.core.withholding import withholding_create
from openhromada.participation.calls import services
from openhromada.participation.comments.services import comment_post
from openhromada.participation.models import Comment
from openhromada.participation.moderation import services as moderation
from openhromada.plans import services as plan_services
from openhromada.plans.models import Commitment
from tests.factories import UserFactory, with_role
from tests.plans.fixtures import move

from .fixtures import open_call

pytestmark = pytest.mark.django_db
PLAN_MARKER = "ПЛАН-МАРКЕР-7731"
COMMITMENT_MARKER = "ЗОБОВЯЗАННЯ-МАРКЕР-5519"
HIDDEN_MARKER = "ПРИХОВАНИЙ-КОМЕНТАР-2208"


def _body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def _outputs(client, urls, settings, tmp_path) -> dict[str, str]:
    """Each URL's body, and every file of the open-data ZIP, by name."""
    settings.OPENDATA_DUMP_DIR = tmp_path
    out = {url: _body(client.get(url)) for url in urls}
    archive = zipfile.ZipFile(io.BytesIO(b"".join(client.get("/data/openhromada.zip"))))
    out.update({f"zip:{name}": archive.read(name).decode() for name in archive.namelist()})
    return out


def _leaks(outputs: dict[str, str], marker: str) -> list[str]:
    return [where for where, body in outputs.items() if marker in body]


HISTORY_URLS = [
    "/api/v1/history?limit=500",
    "/data/history.csv",
    "/data/history.jsonl",
    "/feeds/changes.atom",
]


@pytest.fixture
def answered(official, co_plan, resident):
    """An accepted proposal linked to a commitment whose title is a marker."""
    commitment = co_plan.commitments.get(number=1)
    plan_services.commitment_update(actor=official, commitment=commitment, title=COMMITMENT_MARKER)
    call = open_call(official, co_plan)
    proposal = services.proposal_submit(
        actor=resident,
        call=call,
        title="Відкрити дані",
        problem="Проблема",
        solution="Рішення",
        category=None,
    )
    services.proposal_respond(
        actor=official,
        proposal=proposal,
        response="accepted",
        reason="Стало зобов'язанням",
        commitments=[Commitment.objects.get(pk=commitment.pk)],
    )
    return proposal


def test_a_withheld_commitment_leaks_through_no_proposal_output(
    client, answered, operator, settings, tmp_path, django_capture_on_commit_callbacks
):
    proposal = answered
    commitment = proposal.commitments.get()
    urls = [
        f"/proposals/{proposal.pk}/",
        f"/api/v1/proposals/{proposal.pk}",
        "/api/v1/proposals?limit=500",
        "/data/proposals.csv",
        *HISTORY_URLS,
    ]
    before = _outputs(client, urls, settings, tmp_path)
    assert f"/proposals/{proposal.pk}/" in _leaks(before, COMMITMENT_MARKER)  # it was shown
    assert client.get(f"/api/v1/proposals/{proposal.pk}").json()["commitment_ids"] == [
        commitment.pk
    ]

    with django_capture_on_commit_callbacks(execute=True):
        withholding_create(actor=operator, obj=commitment, reason="Безпека")

    after = _outputs(client, urls, settings, tmp_path)
    assert _leaks(after, COMMITMENT_MARKER) == []
    assert client.get(f"/api/v1/proposals/{proposal.pk}").json()["commitment_ids"] == []
    response_entry = next(
        e
        for e in client.get("/api/v1/history?object_type=participation.proposal").json()["items"]
        if "commitments" in e["changes"]
    )
    assert response_entry["changes"]["commitments"] == [[], [None]]


def test_a_public_commitment_is_referenced_by_id_and_title(client, answered):
    commitment = answered.commitments.get()
    entry = next(
        e
        for e in client.get("/api/v1/history?object_type=participation.proposal").json()["items"]
        if "commitments" in e["changes"]
    )
    assert entry["changes"]["commitments"][1] == [
        {"type": "plans.commitment", "id": commitment.pk, "title": str(commitment)}
    ]
    page = client.get(f"/proposals/{answered.pk}/").content.decode()
    assert COMMITMENT_MARKER in page


def test_a_withheld_plan_leaks_through_its_call_or_the_hromada_page(
    client, official, co_plan, operator, settings, tmp_path, django_capture_on_commit_callbacks
):
    plan_services.plan_update(actor=official, plan=co_plan, title=PLAN_MARKER)
    call = open_call(official, co_plan, title="Збір ідей")
    urls = [
        f"/calls/{call.pk}/",
        "/hromady/khmelnytska/",
        "/participation/",
        "/api/v1/calls?limit=500",
        "/data/calls.csv",
        *HISTORY_URLS,
    ]
    assert f"/calls/{call.pk}/" in _leaks(_outputs(client, urls, settings, tmp_path), PLAN_MARKER)

    with django_capture_on_commit_callbacks(execute=True):
        withholding_create(actor=operator, obj=co_plan, reason="Безпека")

    after = _outputs(client, urls, settings, tmp_path)
    assert _leaks(after, PLAN_MARKER) == []
    assert client.get(f"/calls/{call.pk}/").status_code == 451  # it lives in the withheld plan
    assert "Збір ідей" not in after["/hromady/khmelnytska/"]


def test_hidden_comment_text_is_not_republished_through_a_reply(
    client, official, proposal, resident, neighbour, settings, tmp_path
):
    parent = comment_post(actor=resident, proposal=proposal, text=HIDDEN_MARKER)
    reply = comment_post(
        actor=neighbour, proposal=proposal, parent_id=parent.pk, text="Відповідь на коментар"
    )
    moderation.content_hide(actor=official, obj=Comment.objects.get(pk=parent.pk), rule="spam")

    urls = [f"/proposals/{proposal.pk}/", "/api/v1/participation-comments?limit=500"]
    after = _outputs(client, [*urls, *HISTORY_URLS], settings, tmp_path)
    assert _leaks(after, HIDDEN_MARKER) == []
    reply_entry = next(
        e
        for e in client.get("/api/v1/history?object_type=participation.comment").json()["items"]
        if e["object_id"] == str(reply.pk)
    )
    assert reply_entry["changes"]["parent"] == [None, None]  # a reference to hidden content


def test_a_reply_to_a_public_comment_refers_to_it_by_id(client, proposal, resident, neighbour):
    parent = comment_post(actor=resident, proposal=proposal, text="Добра ідея")
    reply = comment_post(actor=neighbour, proposal=proposal, parent_id=parent.pk, text="Так")
    reply_entry = next(
        e
        for e in client.get("/api/v1/history?object_type=participation.comment").json()["items"]
        if e["object_id"] == str(reply.pk)
    )
    assert reply_entry["changes"]["parent"][1] == {
        "type": "participation.comment",
        "id": parent.pk,
        "title": "Добра ідея",
    }


# --- drafts answer alike ------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["resident", "official_elsewhere"])
def test_a_draft_plan_answers_404_on_every_address(client, plan, commitment, who, hromada):
    user = UserFactory()
    if who == "official_elsewhere":
        from openhromada.places.models import Hromada

        user = with_role(user, "official", hromada=Hromada.objects.exclude(pk=hromada.pk).first())
    client.force_login(user)
    base = f"/hromady/khmelnytska/plans/{plan.slug}/"
    addresses = [
        base,
        base + "edit/",
        base + "import/",
        base + "commitments/new/",
        base + "commitments/1/",
        base + "commitments/1/edit/",
        base + "commitments/1/milestones/new/",
        base + "calls/new/",
    ]
    for address in addresses:
        assert client.get(address).status_code == 404, address
        assert client.post(address, {}).status_code == 404, address
    assert client.post(base + "status/", {"to": "co_creation"}).status_code == 404


def test_a_call_on_a_plan_moved_back_to_draft_follows_the_plan(
    client, official, co_plan, resident, settings, tmp_path
):
    plan_services.plan_update(actor=official, plan=co_plan, title=PLAN_MARKER)
    call = open_call(official, co_plan, title="ЗБІР-МАРКЕР-4410")
    proposal = services.proposal_submit(
        actor=resident, call=call, title="Ідея", problem="П", solution="Р", category=None
    )
    move(co_plan, official, "draft")

    for address in (
        f"/calls/{call.pk}/",
        f"/calls/{call.pk}/report/",
        f"/feeds/calls/{call.pk}.atom",
        f"/proposals/{proposal.pk}/",
        f"/api/v1/calls/{call.pk}",
        f"/api/v1/proposals/{proposal.pk}",
    ):
        assert client.get(address).status_code == 404, address
    outputs = _outputs(
        client,
        [
            "/hromady/khmelnytska/",
            "/participation/",
            "/sitemap-calls.xml",
            "/sitemap-proposals.xml",
            "/api/v1/calls?limit=500",
            "/api/v1/proposals?limit=500",
            *HISTORY_URLS,
        ],
        settings,
        tmp_path,
    )
    assert _leaks(outputs, "ЗБІР-МАРКЕР-4410") == []
    assert _leaks(outputs, PLAN_MARKER) == []
    assert f"/calls/{call.pk}/" not in outputs["/hromady/khmelnytska/"]
    client.force_login(official)  # its officials still see it, as they see the draft
    assert client.get(f"/calls/{call.pk}/").status_code == 200


def test_a_consultation_shows_its_plan_only_while_the_plan_is_public(
    client, official, hromada, co_plan
):
    from .fixtures import draft_consultation, window

    plan_services.plan_update(actor=official, plan=co_plan, title=PLAN_MARKER)
    from openhromada.participation.consultations import services as consultations

    consultation = consultations.consultation_publish(
        actor=official, consultation=draft_consultation(official, hromada, plan=co_plan, **window())
    )
    page = f"/consultations/{consultation.pk}/"
    assert PLAN_MARKER in client.get(page).content.decode()
    move(co_plan, official, "draft")
    assert PLAN_MARKER not in client.get(page).content.decode()


# --- files and writes follow the same rule ------------------------------------------------------


def test_an_attachment_follows_its_proposals_call(
    client, official, co_plan, resident, operator, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    call = open_call(official, co_plan)
    upload = SimpleUploadedFile("idea.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    proposal = services.proposal_submit(
        actor=resident,
        call=call,
        title="Ідея",
        problem="П",
        solution="Р",
        category=None,
        attachments=[upload],
    )
    url = f"/attachments/{proposal.attachments.get().pk}/"
    assert client.get(url).status_code == 200
    move(co_plan, official, "draft")
    assert client.get(url).status_code == 404
    client.force_login(official)  # the plan's official still sees the draft's call
    assert client.get(url).status_code == 200
    client.logout()
    co_plan = move(co_plan, official, "co_creation")
    withholding_create(actor=operator, obj=co_plan, reason="Безпека")
    assert client.get(url).status_code == 451


def test_nobody_contributes_to_a_call_whose_plan_went_back_to_draft(client, official, co_plan):
    """Not even the plan's official, who still sees the call: contributions are for public
    calls only (one permission, participation.submit_proposal, asked by pages and API alike)."""
    from openhromada.opendata.tokens import token_create
    from openhromada.participation.models import Proposal

    call = open_call(official, co_plan)
    move(co_plan, official, "draft")
    _token, plain = token_create(actor=official, name="CI", scope="write")
    response = client.post(
        f"/api/v1/calls/{call.pk}/proposals",
        {"title": "Ідея", "problem": "П", "solution": "Р"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {plain}",
    )
    assert response.status_code == 403, response.content  # refused, not a 500 after the write
    assert not Proposal.objects.filter(call=call).exists()


def test_old_entries_that_copied_a_hidden_comments_text_do_not_republish_it(
    client,
    official,
    proposal,
    resident,
    neighbour,
    settings,
    tmp_path,
    django_capture_on_commit_callbacks,
):
    """Before references were ids, a reply's entry held its parent's text ("parent": [null,
    "<text>"]); the chain cannot be rewritten, so such copies are shown only while the comment
    the reply answers is public."""
    from openhromada.core.history import record

    parent = comment_post(actor=resident, proposal=proposal, text=HIDDEN_MARKER)
    reply = comment_post(actor=neighbour, proposal=proposal, parent_id=parent.pk, text="Відповідь")
    record(  # what the old code wrote for the reply
        actor=neighbour,
        obj=reply,
        action="update",
        changes={"parent": [None, HIDDEN_MARKER]},
    )
    urls = [f"/proposals/{proposal.pk}/", *HISTORY_URLS]
    assert _leaks(_outputs(client, urls, settings, tmp_path), HIDDEN_MARKER)  # public: shown
    with django_capture_on_commit_callbacks(execute=True):  # the ZIP built above is dropped
        moderation.content_hide(actor=official, obj=Comment.objects.get(pk=parent.pk), rule="spam")
    assert _leaks(_outputs(client, urls, settings, tmp_path), HIDDEN_MARKER) == []


@pytest.mark.parametrize("change", ["hide", "draft"])
def test_the_prebuilt_zip_is_dropped_when_something_stops_being_public(
    client,
    official,
    co_plan,
    proposal,
    settings,
    tmp_path,
    change,
    django_capture_on_commit_callbacks,
):
    from openhromada.opendata.dumps import build_dump, dump_path

    settings.OPENDATA_DUMP_DIR = tmp_path
    build_dump()
    assert dump_path().exists()
    with django_capture_on_commit_callbacks(execute=True):
        if change == "hide":
            moderation.content_hide(actor=official, obj=proposal, rule="spam")
        else:
            move(co_plan, official, "draft")
    assert not dump_path().exists()  # the next download rebuilds it without what went private
