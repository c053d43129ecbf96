"""Comment threads and the proposal lists as readers, contributors and moderators get them:
labelled reply forms whose CSRF field the server accepts, moderation links and forms, hidden
content told apart, and query counts that do not grow with the comments."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from openhromada.participation.calls import services
from openhromada.participation.comments.services import comment_post
from openhromada.participation.models import Comment
from openhromada.participation.moderation import services as moderation
from tests.factories import UserFactory
from tests.participation.fixtures import submit

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r'<input type="hidden" name="csrfmiddlewaretoken" value="(\w{64})">')


def _url(name, *args):
    return reverse(f"participation:{name}", args=args)


@pytest.fixture
def thread(proposal, neighbour):
    top = comment_post(actor=neighbour, proposal=proposal, text="Підтримую <b>це</b>")
    reply = comment_post(actor=neighbour, proposal=proposal, parent_id=top.pk, text="І ще одне")
    return top, reply


def test_a_contributor_replies_through_the_labelled_form_under_a_thread(proposal, thread, resident):
    top, reply = thread
    client = Client(enforce_csrf_checks=True)
    client.force_login(resident)
    page = client.get(_url("proposal", proposal.pk)).content.decode()
    action = _url("proposal_comment", proposal.pk)
    form = re.search(
        rf'<details><summary>Відповісти</summary><form method="post" action="{action}">'
        r"(.*?)</form></details>",
        page,
    )
    assert form, "a reply form under the thread"
    assert TOKEN.search(form[1])
    assert f'<input type="hidden" name="parent" value="{top.pk}">' in form[1]
    assert (
        f'<label for="reply-{top.pk}">Ваша відповідь</label>'
        f'<textarea id="reply-{top.pk}" name="text" rows="3" maxlength="5000" required></textarea>'
    ) in form[1]
    assert f'id="reply-{reply.pk}"' not in page  # replies are one level deep
    assert "Підтримую &lt;b&gt;це&lt;/b&gt;" in page  # Markdown without raw HTML
    assert f'<a href="/moderation/comment/{reply.pk}/report/">Поскаржитися</a>' in page
    assert f"/moderation/comment/{top.pk}/hide/" not in page  # not a moderator
    response = client.post(
        _url("proposal_comment", proposal.pk),
        {"csrfmiddlewaretoken": TOKEN.search(form[1])[1], "parent": top.pk, "text": "Згодна"},
    )
    assert response.status_code == 302
    assert Comment.objects.filter(parent=top, text="Згодна", author=resident).exists()


def test_a_proposal_without_comments_offers_the_comment_form(client, proposal, neighbour):
    client.force_login(neighbour)
    page = client.get(_url("proposal", proposal.pk)).content.decode()
    assert '<label for="comment-text-p">Ваш коментар</label>' in page


def test_readers_get_no_forms_no_csrf_field_and_no_cookie(client, proposal, thread):
    response = client.get(_url("proposal", proposal.pk))
    page = response.content.decode()
    assert "І ще одне" in page and "csrfmiddlewaretoken" not in page
    assert 'name="parent"' not in page and "/moderation/comment/" not in page
    assert "csrftoken" not in response.cookies  # the page stays cacheable


def test_a_moderator_hides_and_shows_again_from_the_thread(proposal, thread, official):
    top, reply = thread
    moderation.content_hide(actor=official, obj=reply, rule="spam")
    client = Client(enforce_csrf_checks=True)
    client.force_login(official)
    page = client.get(_url("proposal", proposal.pk)).content.decode()
    assert (
        f'<a href="/moderation/comment/{top.pk}/hide/">Приховати</a> · '
        f'<a href="/moderation/comment/{top.pk}/block/">Заблокувати автора</a>'
    ) in page
    restore = re.search(
        rf'<form method="post" action="/moderation/comment/{reply.pk}/restore/" '
        r'class="inline-form">(.*?)</form>',
        page,
    )
    assert (
        restore
        and '<button type="submit" class="link-button">Показати знову</button>' in restore[1]
    )
    response = client.post(
        f"/moderation/comment/{reply.pk}/restore/",
        {"csrfmiddlewaretoken": TOKEN.search(restore[1])[1]},
    )
    assert response.status_code == 302
    reply.refresh_from_db()
    assert not reply.is_hidden


def test_a_hidden_comment_shows_the_rule_not_the_text(client, proposal, thread, official):
    top, _reply = thread
    moderation.content_hide(actor=official, obj=top, rule="spam")
    page = client.get(_url("proposal", proposal.pk)).content.decode()
    assert "Підтримую" not in page
    assert (
        f'<article class="comment" id="comment-{top.pk}"><p class="muted">Приховано модератором: '
        f'спам або реклама. <a href="{_url("moderation_log")}">Журнал модерації</a></p>'
    ) in page


def test_editors_of_a_consultation_get_an_outcome_link(client, consultation, resident, official):
    section = consultation.sections.get(number=1)
    comment = comment_post(actor=resident, section=section, text="Додати пункт")
    client.force_login(official)
    page = client.get(_url("consultation", consultation.pk)).content.decode()
    assert f'<a href="{_url("comment_outcome", comment.pk)}">Результат розгляду</a>' in page
    client.force_login(resident)
    page = client.get(_url("consultation", consultation.pk)).content.decode()
    assert "Додати пункт" in page and _url("comment_outcome", comment.pk) not in page
    assert f'<label for="reply-{comment.pk}">Ваша відповідь</label>' in page


def test_the_call_list_marks_hidden_proposals_and_the_readers_support(
    client, call, proposal, neighbour, official
):
    other = submit(neighbour, call, title="Реклама <казино>")
    moderation.content_hide(actor=official, obj=other, rule="spam")
    services.proposal_support(actor=neighbour, proposal=proposal)
    client.force_login(neighbour)
    page = client.get(_url("call", call.pk)).content.decode()
    assert "казино" not in page
    assert f"<p>№ {other.number}. Приховано модератором: спам або реклама.</p>" in page
    assert '1 підтримка · 0 коментарів · <span class="badge">очікує відповіді</span>' in page
    assert " · <strong>ви підтримуєте</strong>" in page
    report = client.get(_url("call_report", call.pk)).content.decode()
    assert f"№ {other.number}. приховано модератором</a>" in report and "казино" not in report


def test_consultation_page_query_count_is_constant(
    client, consultation, official, django_assert_max_num_queries
):
    def comments(n):
        for _i in range(n):
            user = UserFactory()
            for section in consultation.sections.all():
                top = comment_post(actor=user, section=section, text="Коментар")
                comment_post(actor=user, section=section, parent_id=top.pk, text="Так")

    client.force_login(official)
    comments(1)
    # 20: the page's latest changes and their count (issue 14) are two of them
    with django_assert_max_num_queries(20):
        client.get(_url("consultation", consultation.pk))
    comments(10)
    with django_assert_max_num_queries(20):
        assert client.get(_url("consultation", consultation.pk)).status_code == 200


def test_proposal_page_query_count_for_a_moderator_is_constant(
    client, proposal, official, django_assert_max_num_queries
):
    def comments(n):
        for _i in range(n):
            user = UserFactory()
            top = comment_post(actor=user, proposal=proposal, text="Коментар")
            comment_post(actor=user, proposal=proposal, parent_id=top.pk, text="Так")

    client.force_login(official)
    comments(2)
    with django_assert_max_num_queries(19):
        client.get(_url("proposal", proposal.pk))
    comments(20)
    with django_assert_max_num_queries(19):
        assert client.get(_url("proposal", proposal.pk)).status_code == 200


def test_call_report_query_count_is_constant(client, call, django_assert_max_num_queries):
    for n in range(3):
        submit(UserFactory(), call, title=f"Ідея {n}")
    with django_assert_max_num_queries(8):
        client.get(_url("call_report", call.pk))
    for n in range(30):
        submit(UserFactory(), call, title=f"Ще {n}")
    with django_assert_max_num_queries(8):
        assert client.get(_url("call_report", call.pk)).status_code == 200
