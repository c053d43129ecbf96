"""The findings pages: the monitor's workspace, the assessment form, submitting after the
confirmation page, corrections, the co-creation checklist, and the evidence files — who sees
what (404 for outsiders), 400 with the message on bad input, and a constant query count."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from openhromada.accounts.models import Role
from openhromada.core.withholding import withholding_create
from openhromada.monitoring.lifecycle import FindingStatus, Standard
from openhromada.monitoring.models import Assessment, Assignment, FindingFile, StandardFinding
from openhromada.monitoring.services import findings as services
from tests.factories import NetworkFactory, UserFactory, with_role
from tests.plans.fixtures import make_commitment, move

D = dt.date
GOOD = {
    "verifiable": "yes",
    "lens_transparency": "on",
    "potential": "modest",
    "narrative": "Портал працює.",
    "assessed_on": "2025-03-01",
    "links": "https://example.org/portal",
}

ROLES = (
    "anonymous",
    "resident",
    "assigned",
    "network_monitor",
    "other_network_monitor",
    "coordinator",
    "official",
    "operator",
)
SEES_WORKSPACE = {"assigned", "coordinator", "operator"}


@pytest.fixture
def people(network, monitor, coordinator, official):
    return {
        "anonymous": None,
        "resident": UserFactory(),
        "assigned": monitor,
        "network_monitor": with_role(UserFactory(), Role.MONITOR, network=network),
        "other_network_monitor": with_role(UserFactory(), Role.MONITOR, network=NetworkFactory()),
        "coordinator": coordinator,
        "official": official,
        "operator": with_role(UserFactory(), Role.OPERATOR),
    }


def as_(client, user):
    if user is not None:
        client.force_login(user)
    return client


def workspace(assignment):
    return reverse("monitoring:assignment", args=[assignment.pk])


def assess_url(assignment, commitment, kind="inception"):
    url = reverse("monitoring:assess", kwargs={"pk": assignment.pk, "kind": kind})
    return f"{url}?commitment={commitment.number}"


def checklist_url(assignment, kind="inception"):
    return reverse("monitoring:checklist", kwargs={"pk": assignment.pk, "kind": kind})


def draft_of(monitor, assignment, commitment, kind="inception", **values):
    return services.assessment_save(
        actor=monitor,
        assignment=assignment,
        commitment=commitment,
        kind=kind,
        values={
            "verifiable": True,
            "lens_transparency": True,
            "potential": "substantial",
            "narrative": "Знайдено.",
            "assessed_on": D(2025, 3, 1),
            **values,
        },
        links=["https://example.org/e"],
        files=[SimpleUploadedFile("e.pdf", b"%PDF-1.4\n", content_type="application/pdf")],
    )


def submitted(monitor, assignment, commitment, **values):
    draft = draft_of(monitor, assignment, commitment, **values)
    return services.assessment_submit(actor=monitor, assessment=draft)


# --- the workspace -------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_the_workspace_is_for_its_monitor_coordinators_and_operators(
    client, role, people, assignment, commitment
):
    response = as_(client, people[role]).get(workspace(assignment))
    assert response.status_code == (200 if role in SEES_WORKSPACE else 404)
    if role in SEES_WORKSPACE:
        assert commitment.title in response.content.decode()


@pytest.fixture
def many(network, monitor, coordinator, plan, official, commitment, milestone):
    """Eight commitments in a submitted plan assigned to the monitor."""
    commitments = [commitment] + [
        make_commitment(official, plan, title=f"Зобов'язання {n}") for n in range(2, 9)
    ]
    move(plan, official, "co_creation", "submitted")
    assignment = Assignment.objects.create(
        network=network, plan=plan, monitor=monitor, monitor_label="Моніторка"
    )
    return assignment, commitments


def test_the_workspace_shows_each_state(client, many, monitor):
    assignment, (first, second, *_rest) = many
    submitted(monitor, assignment, first)
    draft_of(monitor, assignment, second)
    page = as_(client, monitor).get(workspace(assignment)).content.decode()
    assert "submitted, version 1" in page or "подано, версія 1" in page
    assert "★" not in page  # an inception review has no completion: no star yet
    assert (
        reverse("monitoring:assessment", args=[Assessment.objects.get(commitment=first).pk]) in page
    )
    assert assess_url(assignment, second) in page  # continue the draft
    assert (
        reverse("monitoring:checklist", kwargs={"pk": assignment.pk, "kind": "inception"}) in page
    )
    # results wait for the end of the plan: no link to assess them
    assert assess_url(assignment, first, "results") not in page


def test_the_workspace_query_count_does_not_grow(
    client, many, monitor, official, django_assert_max_num_queries
):
    assignment, commitments = many
    move(assignment.plan, official, "implementation", "completed")

    def assess(some):
        for c in some:
            submitted(monitor, assignment, c)
            draft_of(monitor, assignment, c, kind="results", completion="complete")

    assess(commitments[:1])
    services.checklist_save(
        actor=monitor,
        assignment=assignment,
        kind="inception",
        rows=[{"standard": s.value, "verdict": "not_met"} for s in Standard],
    )
    client.force_login(monitor)
    client.get(workspace(assignment))  # the session and the site's caches warmed
    with django_assert_max_num_queries(20) as one:
        assert client.get(workspace(assignment)).status_code == 200
    assess(commitments[1:])
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(workspace(assignment))
    page = response.content.decode()
    for c in commitments:
        assert assess_url(assignment, c, "results") in page  # each results draft continued


# --- the assessment form -------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_the_assessment_form_is_the_assigned_monitors(client, role, people, assignment, commitment):
    response = as_(client, people[role]).get(assess_url(assignment, commitment))
    expected = {"assigned": 200, "anonymous": 302, "coordinator": 403, "operator": 403}
    assert response.status_code == expected.get(role, 404)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_assigned_monitor_saves(client, role, people, assignment, commitment):
    as_(client, people[role]).post(assess_url(assignment, commitment), GOOD)
    assert Assessment.objects.exists() is (role == "assigned")


def test_saving_a_draft(client, assignment, monitor, commitment):
    client.force_login(monitor)
    upload = SimpleUploadedFile("доказ.pdf", b"%PDF-1.4\n", content_type="application/pdf")
    response = client.post(
        assess_url(assignment, commitment), {**GOOD, "files": upload, "action": "save"}
    )
    assert response.status_code == 302 and response["Location"] == workspace(assignment)
    draft = Assessment.objects.get()
    assert draft.status == FindingStatus.DRAFT and draft.verifiable is True
    assert draft.lens_transparency and not draft.lens_participation
    assert draft.links == ["https://example.org/portal"]
    assert draft.files.get().name == "доказ.pdf"
    page = client.get(assess_url(assignment, commitment)).content.decode()
    assert "https://example.org/portal" in page and "доказ.pdf" in page
    # the inception review asks neither completion nor "did it open government"
    assert 'name="completion"' not in page


@pytest.mark.parametrize(
    "bad",
    [
        {"links": "javascript:alert(1)"},
        {"links": "example.org/no-scheme"},
        {"assessed_on": "2999-01-01"},
        {"assessed_on": "не дата"},
        {"potential": "enormous"},
        {"verifiable": "maybe"},
    ],
)
def test_bad_input_is_400_and_saves_nothing(client, assignment, monitor, commitment, bad):
    client.force_login(monitor)
    response = client.post(assess_url(assignment, commitment), {**GOOD, **bad})
    assert response.status_code == 400
    assert 'class="field-errors"' in response.content.decode()
    assert not Assessment.objects.exists()


def test_a_bad_file_is_400(client, assignment, monitor, commitment):
    client.force_login(monitor)
    upload = SimpleUploadedFile("x.txt", b"<script>alert(1)</script>", content_type="text/plain")
    response = client.post(assess_url(assignment, commitment), {**GOOD, "files": upload})
    assert response.status_code == 400
    assert not Assessment.objects.exists() and not FindingFile.objects.exists()


def test_an_unknown_kind_or_commitment_is_404(client, assignment, monitor, commitment):
    client.force_login(monitor)
    assert client.get(f"/monitoring/assignments/{assignment.pk}/final/").status_code == 404
    url = reverse("monitoring:assess", kwargs={"pk": assignment.pk, "kind": "inception"})
    assert client.get(url).status_code == 404  # which commitment?
    assert client.get(f"{url}?commitment=99").status_code == 404
    assert client.get(f"{url}?commitment=x").status_code == 404


def test_results_before_the_end_are_refused(client, assignment, monitor, commitment, official):
    client.force_login(monitor)
    assert client.get(assess_url(assignment, commitment, "results")).status_code == 400
    move(assignment.plan, official, "implementation", "completed")
    page = client.get(assess_url(assignment, commitment, "results"))
    assert page.status_code == 200 and 'name="completion"' in page.content.decode()


def test_a_conflicted_monitor_is_refused_with_the_reason(
    client, assignment, monitor, commitment, hromada
):
    with_role(monitor, Role.OFFICIAL, hromada=hromada)
    client.force_login(monitor)
    response = client.get(assess_url(assignment, commitment))
    assert response.status_code == 400
    response = client.post(assess_url(assignment, commitment), GOOD)
    assert response.status_code == 400 and not Assessment.objects.exists()


# --- submitting ----------------------------------------------------------------------------


def test_save_and_submit_leads_to_the_confirmation(client, assignment, monitor, commitment):
    client.force_login(monitor)
    response = client.post(assess_url(assignment, commitment), {**GOOD, "action": "submit"})
    draft = Assessment.objects.get()
    submit = reverse("monitoring:assessment_submit", args=[draft.pk])
    assert response["Location"] == submit
    page = client.get(submit)
    assert page.status_code == 200 and '<form method="post"' in page.content.decode()
    assert Assessment.objects.get().status == FindingStatus.DRAFT  # asking is not doing
    response = client.post(submit)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == FindingStatus.SUBMITTED and draft.is_current


def test_submitting_an_incomplete_draft_is_400(client, assignment, monitor, commitment):
    draft = draft_of(monitor, assignment, commitment, narrative="")
    client.force_login(monitor)
    response = client.post(reverse("monitoring:assessment_submit", args=[draft.pk]))
    assert response.status_code == 400
    assert "Напишіть опис" in response.content.decode()  # the narrative is required
    draft.refresh_from_db()
    assert draft.status == FindingStatus.DRAFT


@pytest.mark.parametrize("role", ["official", "coordinator", "network_monitor", "resident"])
def test_others_cannot_submit(client, role, people, assignment, monitor, commitment):
    draft = draft_of(monitor, assignment, commitment)
    response = as_(client, people[role]).post(
        reverse("monitoring:assessment_submit", args=[draft.pk])
    )
    assert response.status_code == (403 if role == "coordinator" else 404)
    draft.refresh_from_db()
    assert draft.status == FindingStatus.DRAFT


def test_a_submitted_assessment_cannot_be_edited(client, assignment, monitor, commitment):
    found = submitted(monitor, assignment, commitment)
    client.force_login(monitor)
    response = client.get(assess_url(assignment, commitment))
    assert response["Location"] == reverse("monitoring:assessment", args=[found.pk])
    response = client.post(assess_url(assignment, commitment), {**GOOD, "narrative": "Інше"})
    assert response.status_code == 302
    found.refresh_from_db()
    assert found.narrative == "Знайдено." and Assessment.objects.count() == 1
    response = client.post(reverse("monitoring:assessment_submit", args=[found.pk]))
    assert response.status_code == 400


# --- a finding's page and its corrections --------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_an_unpublished_finding_is_private(client, role, people, assignment, monitor, commitment):
    found = submitted(monitor, assignment, commitment)
    response = as_(client, people[role]).get(reverse("monitoring:assessment", args=[found.pk]))
    assert response.status_code == (200 if role in SEES_WORKSPACE else 404)


def test_a_published_finding_is_public_unless_withheld(
    client, assignment, monitor, commitment, people
):
    found = submitted(monitor, assignment, commitment)
    Assessment.objects.filter(pk=found.pk).update(published_at=timezone.now())
    url = reverse("monitoring:assessment", args=[found.pk])
    file_url = reverse("monitoring:finding_file", args=[found.files.get().pk])
    assert client.get(url).status_code == 200
    assert client.get(file_url).status_code == 200
    withholding_create(actor=people["operator"], obj=found, reason="Персональні дані")
    assert client.get(url).status_code == 451
    assert client.get(file_url).status_code == 451
    client.force_login(monitor)
    assert client.get(url).status_code == 200  # its monitor still sees it


def test_withheld_links_withhold_the_files(client, assignment, monitor, commitment, people):
    found = submitted(monitor, assignment, commitment)
    Assessment.objects.filter(pk=found.pk).update(published_at=timezone.now())
    withholding_create(actor=people["operator"], obj=found, field="links", reason="Дані")
    file_url = reverse("monitoring:finding_file", args=[found.files.get().pk])
    assert client.get(file_url).status_code == 451
    page = client.get(reverse("monitoring:assessment", args=[found.pk])).content.decode()
    assert "https://example.org/e" not in page


@pytest.mark.parametrize("role", ROLES)
def test_draft_evidence_is_private(client, role, people, assignment, monitor, commitment):
    draft = draft_of(monitor, assignment, commitment)
    url = reverse("monitoring:finding_file", args=[draft.files.get().pk])
    response = as_(client, people[role]).get(url)
    assert response.status_code == (200 if role in SEES_WORKSPACE else 404)


def test_correcting_through_the_pages(client, assignment, monitor, commitment):
    found = submitted(monitor, assignment, commitment)
    client.force_login(monitor)
    page = client.get(reverse("monitoring:assessment", args=[found.pk])).content.decode()
    correct = reverse("monitoring:assessment_correct", args=[found.pk])
    assert correct in page
    assert client.post(correct, {"correction_reason": ""}).status_code == 400
    assert Assessment.objects.count() == 1
    response = client.post(correct, {"correction_reason": "Уточнення дати"})
    assert response["Location"] == assess_url(assignment, commitment)
    new = Assessment.objects.get(version=2)
    page = client.get(assess_url(assignment, commitment)).content.decode()
    assert "Уточнення дати" in page
    client.post(assess_url(assignment, commitment), {**GOOD, "potential": "substantial"})
    client.post(reverse("monitoring:assessment_submit", args=[new.pk]))
    new.refresh_from_db()
    found.refresh_from_db()
    assert new.is_current and not found.is_current and new.status == FindingStatus.SUBMITTED


@pytest.mark.parametrize("role", ["official", "coordinator", "network_monitor"])
def test_others_cannot_correct(client, role, people, assignment, monitor, commitment):
    found = submitted(monitor, assignment, commitment)
    url = reverse("monitoring:assessment_correct", args=[found.pk])
    response = as_(client, people[role]).post(url, {"correction_reason": "x"})
    assert response.status_code == (403 if role == "coordinator" else 404)
    assert Assessment.objects.count() == 1


# --- the co-creation checklist -------------------------------------------------------------


def checklist_submit_url(assignment, kind="inception"):
    return reverse("monitoring:checklist_submit", kwargs={"pk": assignment.pk, "kind": kind})


def checklist_data(**overrides):
    data = {"checklist-assessed_on": "2025-03-01"}
    for s in Standard:
        data[f"{s.value}-verdict"] = "not_met"
        data[f"{s.value}-narrative"] = ""
        data[f"{s.value}-links"] = ""
    data.update(overrides)
    return data


@pytest.mark.parametrize("role", ROLES)
def test_the_checklist_page(client, role, people, assignment):
    response = as_(client, people[role]).get(checklist_url(assignment))
    expected = 200 if role in SEES_WORKSPACE else (302 if role == "anonymous" else 404)
    assert response.status_code == expected
    if role == "assigned":
        assert 'name="forum_meets-verdict"' in response.content.decode()
    if role == "coordinator":
        assert 'name="forum_meets-verdict"' not in response.content.decode()


def test_the_checklist_is_saved_then_submitted(client, assignment, monitor):
    client.force_login(monitor)
    data = checklist_data(
        **{"forum_meets-verdict": "met", "forum_meets-links": "https://example.org/rules"}
    )
    response = client.post(checklist_url(assignment), {**data, "action": "submit"})
    submit = reverse(
        "monitoring:checklist_submit", kwargs={"pk": assignment.pk, "kind": "inception"}
    )
    assert response["Location"] == submit
    assert StandardFinding.objects.filter(status="draft").count() == len(Standard)
    assert client.get(submit).status_code == 200
    assert client.post(submit).status_code == 302
    assert StandardFinding.objects.filter(status="submitted").count() == len(Standard)
    page = client.get(checklist_url(assignment)).content.decode()
    assert 'name="forum_meets-verdict"' not in page  # submitted: read-only, with corrections
    one = StandardFinding.objects.get(standard="endorsed")
    assert reverse("monitoring:standard_correct", args=[one.pk]) in page


def test_a_checklist_without_evidence_is_refused_at_submission(client, assignment, monitor):
    client.force_login(monitor)
    client.post(checklist_url(assignment), checklist_data(**{"endorsed-verdict": "partly"}))
    submit = reverse(
        "monitoring:checklist_submit", kwargs={"pk": assignment.pk, "kind": "inception"}
    )
    response = client.post(submit)
    assert response.status_code == 400
    assert not StandardFinding.objects.filter(status="submitted").exists()


def test_a_bad_checklist_link_is_400(client, assignment, monitor):
    client.force_login(monitor)
    response = client.post(
        checklist_url(assignment), checklist_data(**{"endorsed-links": "ftp://x.org/a"})
    )
    assert response.status_code == 400
    assert not StandardFinding.objects.exists()


def test_others_cannot_write_the_checklist(client, people, assignment):
    for role in ("coordinator", "official", "network_monitor"):
        client.force_login(people[role])
        response = client.post(checklist_url(assignment), checklist_data())
        assert response.status_code in (403, 404)
    assert not StandardFinding.objects.exists()


def test_a_standard_correction_through_the_pages(client, assignment, monitor):
    services.checklist_save(
        actor=monitor,
        assignment=assignment,
        kind="inception",
        rows=[
            {"standard": s.value, "verdict": "not_met", "assessed_on": D(2025, 3, 1)}
            for s in Standard
        ],
    )
    services.checklist_submit(actor=monitor, assignment=assignment, kind="inception")
    old = StandardFinding.objects.get(standard="endorsed")
    client.force_login(monitor)
    response = client.post(
        reverse("monitoring:standard_correct", args=[old.pk]),
        {"correction_reason": "Знайшли протокол"},
    )
    assert response.status_code == 302
    page = client.get(checklist_url(assignment)).content.decode()
    assert 'name="endorsed-verdict"' in page and 'name="forum_meets-verdict"' not in page
    response = client.post(
        checklist_url(assignment),
        {
            "checklist-assessed_on": "2025-03-02",
            "endorsed-verdict": "met",
            "endorsed-links": "https://example.org/protocol",
            "action": "submit",
        },
    )
    assert response.status_code == 302
    client.post(checklist_submit_url(assignment))
    new = StandardFinding.objects.get(standard="endorsed", version=2)
    assert new.is_current and new.verdict == "met" and new.correction_reason == "Знайшли протокол"


def test_the_results_checklist_waits_for_the_end_of_the_plan(client, assignment, monitor):
    client.force_login(monitor)
    page = client.get(checklist_url(assignment, "results")).content.decode()
    assert 'name="forum_meets-verdict"' not in page
    response = client.post(checklist_url(assignment, "results"), checklist_data())
    assert response.status_code == 400 and not StandardFinding.objects.exists()
