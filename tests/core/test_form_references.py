"""Screen readers read a field's help and errors only when `aria-describedby` names an element
that exists (issue 14: on every edit form it named `id_X_helptext` while the help was
`id_X-help`, so the 10 MB limit was never read, and axe did not notice). Every page with a form,
of every app, is visited as someone allowed to see it — shown empty, and shown again with the
errors of an empty submission — and every id that `aria-describedby`, `aria-labelledby` or a
label's `for` names must be on the page exactly once."""

from collections import Counter
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from openhromada.participation.comments import services as comments
from tests.councils.fixtures import meeting
from tests.factories import UserFactory
from tests.participation.fixtures import draft_consultation
from tests.plans.fixtures import make_milestone

pytestmark = pytest.mark.django_db

REFERENCES = ("aria-describedby", "aria-labelledby")


class References(HTMLParser):
    """The ids on a page and the ids its attributes name."""

    def __init__(self):
        super().__init__()
        self.ids: Counter = Counter()
        self.named: list[tuple[str, str, str]] = []  # (tag, attribute, id)
        self.forms = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids[attrs["id"]] += 1
        if tag == "form":
            self.forms += 1
        for name in REFERENCES:
            if name in attrs:
                ids = (attrs[name] or "").split()
                self.named += [(tag, name, i) for i in ids] or [(tag, name, "")]
        if tag == "label" and "for" in attrs:
            self.named.append((tag, "for", attrs["for"] or ""))


def problems(html: str, described: Counter | None = None) -> list[str]:
    """What is wrong with the page's references; counts its `aria-describedby` in `described`."""
    page = References()
    page.feed(html)
    found = [
        f"<{tag} {attr}> names “{i}”, found {page.ids[i]}×"
        for tag, attr, i in page.named
        if page.ids[i] != 1
    ]
    if described is not None:
        described["aria-describedby"] += sum(a == "aria-describedby" for _, a, _ in page.named)
    return found + ([] if page.forms else ["no form on the page"])


def test_the_check_finds_a_dangling_or_doubled_reference():
    page = (
        '<form><label for="id_file">File</label><input id="id_file" '
        'aria-describedby="id_file_helptext"><span id="id_file-help">10 MB</span>'
        '<span id="id_file">x</span><label for="">Choose</label></form>'
    )
    assert problems(page) == [
        "<label for> names “id_file”, found 2×",
        "<input aria-describedby> names “id_file_helptext”, found 0×",
        "<label for> names “”, found 0×",
    ]


def check(client, user, urls, post=()):
    if user is None:
        client.logout()
    else:
        client.force_login(user)
    found, described = {}, Counter()
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        if bad := problems(response.content.decode(), described):
            found[url] = bad
    for url in post:  # shown again with the errors of an empty submission
        response = client.post(url, {})
        assert response.status_code in (200, 400), (url, response.status_code)
        if bad := problems(response.content.decode(), described):
            found[f"POST {url}"] = bad
    assert found == {}
    # every empty submission has errors tied to their fields: there was something to check
    assert described["aria-describedby"] >= len(post)


@pytest.fixture
def section_comment(consultation, resident):
    return comments.comment_post(
        actor=resident, section=consultation.sections.first(), text="Коментар до розділу"
    )


def test_every_official_form_names_only_what_exists(
    client, official, hromada, call, proposal, consultation, section_comment, council, held
):
    plan = call.plan
    commitment = plan.commitments.first()
    milestone = make_milestone(official, commitment)
    draft_meeting = meeting(official, council, days_ago=-7, publish=False)
    draft = draft_consultation(official, hromada, title="Чернетка обговорення")
    h, p, c = hromada.slug, plan.slug, commitment.number
    forms = [
        reverse("plans:plan_create", args=[h]),
        reverse("plans:plan_edit", args=[h, p]),
        reverse("plans:plan_import", args=[h, p]),
        reverse("plans:commitment_create", args=[h, p]),
        reverse("plans:commitment_edit", args=[h, p, c]),
        reverse("plans:milestone_create", args=[h, p, c]),
        reverse("councils:membership_create", args=[h]),
        reverse("councils:membership_edit", args=[h, held.attendance.first().membership_id]),
        reverse("councils:meeting_create", args=[h]),
        reverse("councils:meeting_edit", args=[h, draft_meeting.number]),
        reverse("councils:item_create", args=[h, draft_meeting.number]),
        reverse("councils:item_edit", args=[h, draft_meeting.number, 1]),
        reverse("councils:motion_create", args=[h, held.number, 1]),
        reverse("councils:minutes", args=[h, held.number]),
        reverse("participation:call_create", args=[h, p]),
        reverse("participation:call_edit", args=[call.pk]),
        reverse("participation:call_close", args=[call.pk]),
        reverse("participation:proposal_respond", args=[proposal.pk]),
        reverse("participation:consultation_create", args=[h]),
        reverse("participation:consultation_edit", args=[draft.pk]),
        reverse("participation:section_create", args=[draft.pk]),
        reverse("participation:section_edit", args=[draft.pk, 1]),
        reverse("participation:question_create", args=[draft.pk]),
        reverse("participation:consultation_close", args=[consultation.pk]),
        reverse("participation:report_edit", args=[consultation.pk]),
        reverse("participation:comment_outcome", args=[section_comment.pk]),
        reverse("participation:hide", args=["comment", section_comment.pk]),
        reverse("participation:block", args=["comment", section_comment.pk]),
    ]
    pages = [
        *forms,
        reverse("councils:attendance", args=[h, held.number]),
        reverse("plans:plan", args=[h, p]),  # the status form
        reverse("plans:plan_transition", args=[h, p]) + "?to=submitted",
        reverse("councils:meeting_publish", args=[h, draft_meeting.number]),
        reverse("participation:consultation_publish", args=[draft.pk]),
        reverse("participation:consultation", args=[consultation.pk]),
        reverse("participation:call", args=[call.pk]),
        reverse("participation:moderation_queue"),
        reverse("plans:overview"),
        reverse("places:directory"),
        reverse("councils:decisions", args=[h]),
    ]
    del milestone
    check(client, official, pages, post=forms)


def test_every_resident_form_names_only_what_exists(
    client, resident, call, proposal, consultation, section_comment
):
    neighbour_comment = comments.comment_post(
        actor=UserFactory(), proposal=proposal, text="Коментар сусіда"
    )
    forms = [
        reverse("participation:proposal_create", args=[call.pk]),
        reverse("participation:proposal_edit", args=[proposal.pk]),
        reverse("participation:report_abuse", args=["comment", neighbour_comment.pk]),
        reverse("accounts:profile"),
        reverse("opendata:tokens"),
        reverse("account_email"),
        reverse("account_change_password"),
    ]
    pages = [
        *forms,
        reverse("participation:proposal", args=[proposal.pk]),  # the comment form
        reverse("participation:consultation", args=[consultation.pk]),  # comments, the survey
        reverse("participation:proposal_withdraw", args=[proposal.pk]),
        reverse("notifications:inbox"),
    ]
    refused_comment = [reverse("participation:proposal_comment", args=[proposal.pk])]
    check(client, resident, pages, post=[*forms[:3], *refused_comment])


def test_every_visitor_form_names_only_what_exists(client, db):
    forms = [reverse("account_login"), reverse("account_signup"), reverse("account_reset_password")]
    check(client, None, forms, post=forms)
