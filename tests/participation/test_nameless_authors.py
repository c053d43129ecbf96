"""An account without a public name (an old one, or one made in the admin) never shows its
internal id: pages, the API, the files and the feeds name it by a neutral label, the same label
everywhere, so a reader can still follow a discussion."""

import io
import re
import zipfile

import pytest
from django.urls import reverse

from openhromada.accounts.models import Role
from openhromada.participation.comments.services import comment_post
from openhromada.participation.moderation import services as moderation
from tests.factories import UserFactory, with_role
from tests.participation.fixtures import submit
from tests.plans.fixtures import move, report

pytestmark = pytest.mark.django_db


def _raw(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _id_labels(user) -> re.Pattern:
    """The labels that named an account by its id: "Мешканець №12", "Resident #12"."""
    return re.compile(rf"(Мешканець|Resident)\s*(№|#)\s*{user.pk}\b")


@pytest.fixture
def nameless(db):
    return UserFactory(display_name="")


def test_a_nameless_account_has_a_neutral_stable_public_name(nameless, en):
    other = UserFactory(display_name="")
    name = nameless.public_name
    assert not re.search(rf"\b{nameless.pk}\b", name) and "@" not in name
    assert re.fullmatch(r"Resident [0-9A-Z]{5}", name)
    assert type(nameless).objects.get(pk=nameless.pk).public_name == name  # stable
    assert other.public_name != name  # two people in one discussion can be told apart


def test_no_public_output_shows_a_nameless_authors_id(
    client, call, nameless, neighbour, official, settings, tmp_path
):
    proposal = submit(nameless, call)
    comment = comment_post(actor=nameless, proposal=proposal, text="Підтримую ідею")
    comment_post(actor=neighbour, proposal=proposal, text="Відповідь", parent_id=comment.pk)
    second = submit(nameless, call, title="Ще одна пропозиція")
    moderation.content_hide(actor=official, obj=second, rule="off_topic")
    settings.OPENDATA_DUMP_DIR = tmp_path
    archive = zipfile.ZipFile(io.BytesIO(_raw(client.get("/data/openhromada.zip"))))
    outputs = {
        "proposal page": client.get(reverse("participation:proposal", args=[proposal.pk])),
        "call page": client.get(reverse("participation:call", args=[call.pk])),
        "moderation log": client.get(reverse("participation:moderation_log")),
        "call feed": client.get(reverse("participation:call_feed", args=[call.pk])),
        "changes feed": client.get("/feeds/changes.atom"),
        "proposals API": client.get("/api/v1/proposals"),
        "comments API": client.get("/api/v1/participation-comments"),
        "history API": client.get("/api/v1/history?limit=500&object_type=participation.proposal"),
        "proposals.csv": client.get("/data/proposals.csv"),
        "comments.jsonl": client.get("/data/participation-comments.jsonl"),
        "history.jsonl": client.get("/data/history.jsonl"),
    }
    bodies = {name: _raw(response).decode() for name, response in outputs.items()}
    bodies["zip"] = "".join(archive.read(n).decode() for n in archive.namelist())
    for name, body in bodies.items():
        assert not _id_labels(nameless).search(body), name
    label = nameless.public_name
    for name in ("proposal page", "call page", "proposals API", "history API", "call feed"):
        assert label in bodies[name], name  # the same label on every page and file


def test_a_nameless_officials_reports_name_no_id(client, plan, commitment, milestone, hromada):
    officer = with_role(UserFactory(display_name=""), Role.OFFICIAL, hromada=hromada)
    move(plan, officer, "co_creation", "submitted", "implementation")
    report(officer, milestone, text="Зроблено")
    bodies = [
        _raw(client.get(reverse("plans:plan", args=[hromada.slug, plan.slug]))).decode(),
        _raw(client.get("/data/progress-updates.csv")).decode(),
        _raw(client.get("/api/v1/history?limit=500")).decode(),
    ]
    for body in bodies:
        assert not _id_labels(officer).search(body)
    assert officer.public_name in bodies[1]
