"""Withholding: one operator decision removes a record or field from every public output, and the
decision itself is in the public history without the withheld content."""

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from openhromada.core.models import HistoryEntry, Withholding
from openhromada.core.withholding import withholding_create, withholding_release
from openhromada.plans.models import Commitment, Milestone
from tests.factories import actor_for

pytestmark = pytest.mark.django_db
SECRET = "Портал відкритих даних"  # the first milestone's expected output


def _everything(client, plan) -> str:
    """Every public output that could show a plan's content, concatenated."""
    page = f"/hromady/khmelnytska/plans/{plan.slug}/"
    urls = [
        page,
        page + "commitments/1/",
        page + "export.csv",
        page + "export.json",
        page + "print/",
        "/api/v1/milestones?limit=500",
        "/api/v1/history?limit=500",
        "/data/milestones.csv",
        "/data/milestones.jsonl",
        "/data/history.jsonl",
        "/feeds/changes.atom",
        f"/feeds/hromady/khmelnytska/plans/{plan.slug}.atom",
        f"/feeds/hromady/khmelnytska/plans/{plan.slug}/1.atom",
    ]
    out = []
    for url in urls:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        out.append(body.decode())
    archive = zipfile.ZipFile(io.BytesIO(b"".join(client.get("/data/openhromada.zip"))))
    out += [archive.read(name).decode() for name in archive.namelist()]
    return "\n".join(out)


@pytest.fixture
def milestone(public_plan):
    return Milestone.objects.get(commitment__plan=public_plan, expected_output=SECRET)


def test_withheld_field_is_gone_from_every_output(
    client, public_plan, milestone, operator, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.OPENDATA_DUMP_DIR = tmp_path
    assert SECRET in _everything(client, public_plan)  # and the ZIP is now pre-built
    with django_capture_on_commit_callbacks(execute=True):
        withholding_create(
            actor=operator, obj=milestone, field="expected_output", reason="Безпека об'єкта"
        )
    everything = _everything(client, public_plan)
    assert SECRET not in everything
    assert "Безпека об'єкта" in everything  # the reason is public
    row = client.get(f"/api/v1/milestones/{milestone.pk}").json()
    assert row["expected_output"] is None and row["due_date"]


def test_withholding_is_in_the_history_without_the_content(
    client, public_plan, milestone, operator
):
    withholding_create(actor=operator, obj=milestone, field="expected_output", reason="Безпека")
    entry = HistoryEntry.objects.filter(object_type="plans.milestone", action="withhold").get()
    assert entry.actor_label == "Операторка"
    assert entry.changes == {"field": [None, "expected_output"], "reason": [None, "Безпека"]}
    page = client.get(f"/hromady/khmelnytska/plans/{public_plan.slug}/commitments/1/")
    html = page.content.decode()
    assert "Безпека" in html and SECRET not in html


def test_withheld_record_and_its_children_leave_lists_and_detail_is_451(
    client, public_plan, operator
):
    commitment = Commitment.objects.get(plan=public_plan, number=1)
    withholding_create(actor=operator, obj=commitment, reason="Воєнний стан")
    page = f"/hromady/khmelnytska/plans/{public_plan.slug}/"
    assert client.get(page + "commitments/1/").status_code == 451
    assert "Реєстр відкритих даних" not in client.get(page).content.decode()
    assert client.get(f"/api/v1/commitments/{commitment.pk}").status_code == 451
    numbers = [c["number"] for c in client.get("/api/v1/commitments").json()["items"]]
    assert numbers == [2]
    outputs = [
        client.get("/api/v1/milestones?limit=500").content.decode(),
        client.get("/api/v1/progress-updates").content.decode(),
        b"".join(client.get("/data/milestones.csv").streaming_content).decode(),
        client.get(page + "export.csv").content.decode(),
    ]
    for body in outputs:
        assert SECRET not in body and "Портал запущено" not in body
    milestones = client.get("/api/v1/history?object_type=plans.milestone&limit=500").json()
    assert SECRET not in str(milestones)
    history = client.get(
        "/api/v1/history", {"object_type": "plans.commitment", "object_id": commitment.pk}
    )
    withheld = history.json()["items"]
    assert withheld[-1]["action"] == "withhold" and "Реєстр відкритих даних" not in str(withheld)


def test_withheld_plan_is_451_everywhere(client, public_plan, operator):
    withholding_create(actor=operator, obj=public_plan, reason="Воєнний стан")
    page = f"/hromady/khmelnytska/plans/{public_plan.slug}/"
    for url in (page, page + "export.csv", page + "print/"):
        assert client.get(url).status_code == 451
    assert client.get("/api/v1/plans").json()["items"] == []
    assert "План дій" not in client.get("/plans/").content.decode()
    assert "План дій" not in client.get("/hromady/khmelnytska/").content.decode()
    assert (
        client.get(f"/feeds/hromady/khmelnytska/plans/{public_plan.slug}.atom").status_code == 404
    )


def test_releasing_publishes_again_and_is_recorded(client, public_plan, milestone, operator):
    item = withholding_create(actor=operator, obj=milestone, field="expected_output", reason="x")
    withholding_release(actor=operator, withholding=item, reason="Загрозу знято")
    assert client.get(f"/api/v1/milestones/{milestone.pk}").json()["expected_output"] == SECRET
    actions = list(
        HistoryEntry.objects.filter(object_type="plans.milestone", object_id=str(milestone.pk))
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions[-2:] == ["withhold", "release"]


def test_hromada_contact_field_can_be_withheld(client, hromada, operator):
    hromada.website = "https://khm.example.gov.ua"
    hromada.save()
    withholding_create(actor=operator, obj=hromada, field="website", reason="Атаки")
    html = client.get("/hromady/khmelnytska/").content.decode()
    assert "khm.example.gov.ua" not in html
    assert client.get(f"/api/v1/hromadas/{hromada.code}").json()["website"] is None
    with pytest.raises(ValidationError):
        withholding_create(actor=operator, obj=hromada, reason="the whole record")


@pytest.mark.parametrize("who", ["anonymous", "resident", "official", "council_member", "monitor"])
def test_only_operators_and_admins_withhold(hromada, milestone, who):
    with pytest.raises(PermissionDenied):
        withholding_create(
            actor=actor_for(who, hromada), obj=milestone, field="expected_output", reason="x"
        )
    assert not Withholding.objects.exists()


def test_admin_can_withhold(hromada, milestone):
    withholding_create(actor=actor_for("admin", hromada), obj=milestone, reason="x")
    assert Withholding.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "reason", "message"),
    [("title", "x", "cannot be withheld"), ("expected_output", "  ", "reason")],
)
def test_bad_withholdings_are_refused(milestone, operator, field, reason, message):
    with pytest.raises(ValidationError):
        withholding_create(actor=operator, obj=milestone, field=field, reason=reason)
    assert not Withholding.objects.exists()
    assert not HistoryEntry.objects.filter(action="withhold").exists()


def test_withholding_twice_is_refused(milestone, operator):
    withholding_create(actor=operator, obj=milestone, field="expected_output", reason="x")
    with pytest.raises(ValidationError):
        withholding_create(actor=operator, obj=milestone, field="expected_output", reason="y")
    assert Withholding.objects.count() == 1


def test_operator_withholds_through_the_admin(client, milestone, operator):
    client.force_login(operator)
    response = client.post(
        "/admin/core/withholding/add/",
        {
            "object_type": "plans.milestone",
            "object_id": milestone.pk,
            "field": "expected_output",
            "reason": "Безпека",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    item = Withholding.objects.get()
    bad = client.post(
        "/admin/core/withholding/add/",
        {
            "object_type": "plans.milestone",
            "object_id": milestone.pk,
            "field": "title",
            "reason": "x",
        },
    )
    assert bad.status_code == 200 and Withholding.objects.count() == 1
    response = client.post(
        f"/admin/core/withholding/{item.pk}/change/", {"release_reason": "Загрозу знято"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.released_at and item.release_reason == "Загрозу знято"
