"""The council's pages: what the public reads, what the secretary writes, what bad input gets."""

import datetime as dt

import pytest
from django.utils import timezone
from icalendar import Calendar

from openhromada.councils import services
from openhromada.councils.lifecycle import Result, Topic, VoteOption
from openhromada.councils.models import Meeting, Motion
from tests.councils.fixtures import elect, meeting, seat

pytestmark = pytest.mark.django_db


def _base(hromada) -> str:
    return f"/hromady/{hromada.slug}/council/"


def test_the_hromada_page_links_its_council(client, council, hromada):
    body = client.get(f"/hromady/{hromada.slug}/").content.decode()
    assert f'href="/hromady/{hromada.slug}/council/"' in body


def test_an_official_sees_how_to_set_up_a_council(client, official, hromada):
    client.force_login(official)
    assert "/council/setup/" in client.get(f"/hromady/{hromada.slug}/").content.decode()
    response = client.post(
        f"/hromady/{hromada.slug}/council/setup/",
        {
            "name": "Рада",
            "term_start": "2025-01-01",
            "term_end": "2024-01-01",
            "quorum_percent": 50,
            "notice_days": 5,
            "minutes_due_days": 10,
        },
    )
    assert response.status_code == 400
    assert "Строк повноважень має закінчуватися після початку." in response.content.decode()
    response = client.post(
        f"/hromady/{hromada.slug}/council/setup/",
        {
            "name": "Рада",
            "term_start": "2025-01-01",
            "quorum_percent": 50,
            "notice_days": 5,
            "minutes_due_days": 10,
        },
    )
    assert response.status_code == 302 and hromada.council.name == "Рада"


def test_the_council_page_shows_members_balance_and_warnings(
    client, official, council, members, hromada
):
    seat(official, council, "Ще посадовець", sector="executive")
    body = client.get(_base(hromada)).content.decode()
    assert "Гов 1" in body and "Гром 3" in body
    assert "7 членів: 4 від органів влади, 3 не від органів влади." in body
    assert "Неурядових членів (3) менше, ніж урядових (4)" in body
    assert "не збиралася 6 місяців" in body


def test_council_page_query_count_does_not_grow(
    client, official, council, members, hromada, django_assert_max_num_queries
):
    for n in range(3):
        made = meeting(official, council, days_ago=40 + n)
        services.attendance_record(actor=official, meeting=made, present=[m.pk for m in members])
    with django_assert_max_num_queries(9):
        assert client.get(_base(hromada)).status_code == 200
    for n in range(10):
        seat(official, council, f"Новий {n}")
        meeting(official, council, days_ago=50 + n)
    with django_assert_max_num_queries(9):
        assert client.get(_base(hromada)).status_code == 200


def test_meeting_page_shows_agenda_votes_attendance_and_quorum(
    client, official, council, members, held, hromada, django_assert_max_num_queries
):
    elect(official, held, members, text="Обрати Гов 1 співголовою")
    with django_assert_max_num_queries(10):
        body = client.get(f"{_base(hromada)}meetings/{held.number}/").content.decode()
    assert "Обрати Гов 1 співголовою" in body and "Рішення: ухвалено" in body
    assert "6 з 6 членів присутні; кворум 4." in body
    assert "Засідання було правомочним." in body
    history = client.get(f"{_base(hromada)}history/").content.decode()
    assert "Присутність: — → Гов 1, Гов 2, Гов 3, Гром 1, Гром 2, Гром 3" in history


def test_register_filters_by_topic_date_and_text(client, official, council, members, held, hromada):
    elect(official, held, members, text="Обрати співголову")
    services.motion_record(
        actor=official,
        item=held.items.first(),
        text="Схвалити план",
        topic=Topic.ACTION_PLAN,
        result=Result.NOT_CONSIDERED,
    )
    url = f"{_base(hromada)}decisions/"
    assert "Схвалити план" in client.get(url).content.decode()
    body = client.get(url, {"topic": "action_plan"}).content.decode()
    assert "Схвалити план" in body and "Обрати співголову" not in body
    body = client.get(url, {"q": "співголов"}).content.decode()
    assert "Обрати співголову" in body and "Схвалити план" not in body
    future = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    assert "Знайдено 0 рішень" in client.get(url, {"from": future}).content.decode()


def test_bad_register_filters_get_a_notice_not_an_error(client, council, hromada):
    response = client.get(f"{_base(hromada)}decisions/", {"from": "31.12.2025", "topic": "x<y"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "не є датою" in body and "Невідоме значення фільтра" in body


def test_register_query_count_is_constant(
    client, official, council, members, hromada, django_assert_max_num_queries
):
    made = meeting(official, council)
    services.attendance_record(actor=official, meeting=made, present=[m.pk for m in members])
    for n in range(12):
        services.motion_record(
            actor=official,
            item=made.items.first(),
            text=f"Рішення {n}",
            result=Result.ADOPTED,
            votes={m.pk: VoteOption.YES for m in members},
        )
    with django_assert_max_num_queries(6):
        assert client.get(f"{_base(hromada)}decisions/").status_code == 200


def test_a_secretary_records_attendance_and_a_vote_on_the_pages(
    client, official, council, members, hromada
):
    made = meeting(official, council)
    client.force_login(official)
    url = f"{_base(hromada)}meetings/{made.number}/"
    response = client.post(url + "attendance/", {"present": [m.pk for m in members[:5]]})
    assert response.status_code == 302
    data = {
        "text": "Рішення",
        "topic": "other",
        "result": "adopted",
        "mode": "counts",
        "yes_count": 5,
        "no_count": 1,
    }
    response = client.post(url + "items/1/decision/", data)
    assert response.status_code == 400
    assert "Зафіксовано 6 голосів, але присутні лише 5 членів." in response.content.decode()
    assert not Motion.objects.exists()
    data.update(mode="members", **{f"vote_{m.pk}": "yes" for m in members[:5]})
    data[f"vote_{members[5].pk}"] = "absent"
    assert client.post(url + "items/1/decision/", data).status_code == 302
    motion = Motion.objects.get()
    assert (motion.yes_count, motion.absent_count) == (5, 1)
    response = client.post(url + "minutes/", {"minutes_text": "Протокол засідання"})
    assert response.status_code == 302
    assert Meeting.objects.get(pk=made.pk).minutes_published_at is not None


def test_a_bad_attendance_list_is_a_clear_400(client, official, council, members, hromada):
    made = meeting(official, council)
    client.force_login(official)
    url = f"{_base(hromada)}meetings/{made.number}/attendance/"
    assert client.post(url, {"present": ["abc"]}).status_code == 400
    upcoming = meeting(official, council, days_ago=-3)
    response = client.post(
        f"{_base(hromada)}meetings/{upcoming.number}/attendance/", {"present": [members[0].pk]}
    )
    assert response.status_code == 400 and "ще не відбулося" in response.content.decode()


def test_person_page_shows_attendance_and_voting_record(
    client, official, council, members, held, hromada
):
    elect(official, held, members, text="Обрати співголову")
    body = client.get(f"{_base(hromada)}people/{members[0].person_id}/").content.decode()
    assert "Присутність на 1 з 1 засідання." in body and "Обрати співголову" in body


def test_calendar_feed_lists_public_meetings(client, official, council, members, hromada):
    meeting(official, council, days_ago=-10, items=("Порядок",))
    meeting(official, council, days_ago=-20, publish=False)
    response = client.get(f"{_base(hromada)}meetings.ics")
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 1 and "Порядок" in str(events[0]["DESCRIPTION"])


def test_follow_the_council(client, council, hromada):
    from tests.factories import UserFactory

    resident = UserFactory()
    client.force_login(resident)
    client.post(f"{_base(hromada)}follow/")
    assert "Ви стежите — припинити" in client.get(_base(hromada)).content.decode()


def test_an_unknown_council_is_404(client, hromada):
    assert client.get(_base(hromada)).status_code == 404
    assert client.get("/hromady/lutska/council/decisions/").status_code == 404


def test_plan_and_commitment_pages_show_the_councils_decisions(
    client, official, council, members, held, hromada, plan, commitment
):
    from tests.plans.fixtures import move

    plan = move(plan, official, "co_creation")
    services.motion_record(
        actor=official,
        item=held.items.first(),
        text="Схвалити план дій до подання",
        topic=Topic.ACTION_PLAN,
        result=Result.ADOPTED,
        votes={m.pk: VoteOption.YES for m in members},
        plan=plan,
        commitments=[commitment],
    )
    plan_page = client.get(f"/hromady/{hromada.slug}/plans/{plan.slug}/").content.decode()
    assert (
        "Рішення координаційної ради" in plan_page and "Схвалити план дій до подання" in plan_page
    )
    assert "за 6, проти 0, утрималися 0" in plan_page
    page = client.get(f"/hromady/{hromada.slug}/plans/{plan.slug}/commitments/1/")
    assert f"/council/meetings/{held.number}/#item-1" in page.content.decode()


def _pdf(name="doc.pdf", content_type="application/pdf", content=b"%PDF-1.4 demo"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type=content_type)


def test_agenda_documents_follow_the_meetings_visibility(
    client, official, council, hromada, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    draft = meeting(official, council, days_ago=-10, publish=False, items=())
    client.force_login(official)
    url = f"{_base(hromada)}meetings/{draft.number}/items/new/"
    exe = _pdf("x.exe", "application/x", content=b"MZ\x90\x00\x03\x00")  # no PDF inside
    response = client.post(url, {"title": "Питання", "document": exe})
    assert response.status_code == 400 and "має недозволений тип" in response.content.decode()
    assert not draft.items.exists()
    assert client.post(url, {"title": "Питання", "document": _pdf()}).status_code == 302
    item = draft.items.get()
    document = f"{_base(hromada)}documents/agenda/{item.pk}/"
    assert client.get(document).status_code == 200
    client.logout()
    assert client.get(document).status_code == 404  # the agenda is a draft
    services.meeting_publish_agenda(actor=official, meeting=draft)
    response = client.get(document)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert client.get(f"{_base(hromada)}documents/secret/{item.pk}/").status_code == 404


def test_rules_and_minutes_files_are_public(
    client, official, council, members, hromada, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    services.council_update(actor=official, council=council, rules_file=_pdf("rules.pdf"))
    assert client.get(f"{_base(hromada)}documents/rules/{council.pk}/").status_code == 200
    made = meeting(official, council)
    services.minutes_publish(actor=official, meeting=made, minutes_file=_pdf("minutes.pdf"))
    assert client.get(f"{_base(hromada)}documents/minutes/{made.pk}/").status_code == 200
    body = client.get(f"{_base(hromada)}meetings/{made.number}/").content.decode()
    assert f"documents/minutes/{made.pk}/" in body


def test_an_official_links_a_members_account_and_it_gets_the_posts_rights(
    client, official, council, hromada
):
    from tests.factories import UserFactory

    secretary = seat(official, council, "Секретарка", post="secretary")
    user = UserFactory()
    client.force_login(official)
    url = f"{_base(hromada)}members/{secretary.pk}/edit/"
    data = {
        "name": "Секретарка",
        "on_behalf_of": "ГО",
        "sector": "civil_society",
        "post": "secretary",
        "start_date": "2025-01-01",
        "account_email": "nobody@example.org",
    }
    response = client.post(url, data)
    assert response.status_code == 400 and "Немає облікового запису" in response.content.decode()
    data["account_email"] = user.email
    assert client.post(url, data).status_code == 302
    client.force_login(user)
    assert client.get(f"{_base(hromada)}meetings/new/").status_code == 200
    # the secretary edits records but does not link accounts: the form has no e-mail field
    assert "account_email" not in client.get(url).content.decode()


def test_a_closed_meeting_cannot_be_changed(client, official, council, members, hromada):
    made = meeting(official, council)
    services.minutes_publish(actor=official, meeting=made, minutes_text="Протокол")
    client.force_login(official)
    response = client.post(
        f"{_base(hromada)}meetings/{made.number}/edit/",
        {"starts_at": "2025-05-01T10:00", "place": "Інше місце"},
    )
    assert (
        response.status_code == 400 and "запис про засідання закрито" in response.content.decode()
    )
    assert Meeting.objects.get(pk=made.pk).place == "Зала засідань"


def test_minutes_are_markdown_and_hostile_input_is_neutralised(
    client, official, council, members, hromada
):
    made = meeting(official, council)
    services.minutes_publish(
        actor=official,
        meeting=made,
        minutes_text="**Ухвалено** план.\n\n- пункт\n\n"
        "<script>alert(1)</script>[x](javascript:alert(1))",
    )
    body = client.get(f"{_base(hromada)}meetings/{made.number}/").content.decode()
    assert "<strong>Ухвалено</strong> план." in body and "<li>пункт</li>" in body
    assert "<script>alert(1)" not in body and 'href="javascript' not in body


def test_editing_keeps_a_file_unless_it_is_cleared(
    client, official, council, hromada, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    made = meeting(official, council, days_ago=-10, publish=False, items=())
    client.force_login(official)
    base = f"{_base(hromada)}meetings/{made.number}/items/"
    client.post(base + "new/", {"title": "Питання", "document": _pdf()})
    item = made.items.get()
    assert client.post(base + "1/edit/", {"title": "Нова назва"}).status_code == 302
    item.refresh_from_db()
    assert item.title == "Нова назва" and item.document
    client.post(base + "1/edit/", {"title": "Нова назва", "document-clear": "on"})
    item.refresh_from_db()
    assert not item.document
    services.council_update(actor=official, council=council, rules_file=_pdf("rules.pdf"))
    data = {
        "name": "Рада",
        "term_start": "2025-01-01",
        "quorum_percent": 50,
        "notice_days": 5,
        "minutes_due_days": 10,
    }
    assert client.post(f"{_base(hromada)}setup/", data).status_code == 302
    council.refresh_from_db()
    assert council.name == "Рада" and council.rules_file
