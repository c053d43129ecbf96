"""The council's long lists (members, meetings, the register, a member's attendance and votes)
as readers and editors get them: labels, links, escaping, withheld text blanked, and query
counts that do not grow with the lists."""

import pytest

from openhromada.core.withholding import withholding_create
from openhromada.councils import services
from openhromada.councils.lifecycle import Result, VoteOption
from tests.councils.fixtures import elect, meeting, seat
from tests.factories import actor_for

pytestmark = pytest.mark.django_db


def _base(hromada) -> str:
    return f"/hromady/{hromada.slug}/council/"


def test_members_are_listed_with_labels_and_edit_links_for_editors(
    client, official, council, members, hromada
):
    member = seat(official, council, "Олена <Коваль>")
    base = _base(hromada)
    row = (
        f'<tr><th scope="row"><a href="{base}people/{member.person_id}/">Олена &lt;Коваль&gt;</a>'
        "</th><td>Член ради</td><td>Організація Олена &lt;Коваль&gt;</td>"
        "<td>Громадська організація</td><td>01.01.2025</td>"
    )
    page = client.get(base).content.decode()
    assert row + "</tr>" in page and "/edit/" not in page
    client.force_login(official)
    page = client.get(base).content.decode()
    assert (
        row + f'<td><a href="{base}members/{member.pk}/edit/">Редагувати'
        '<span class="visually-hidden"> — Олена &lt;Коваль&gt;</span></a></td></tr>'
    ) in page


def test_meetings_are_listed_with_their_state_and_agenda_size(
    client, official, council, members, held, hromada
):
    services.meeting_create(
        actor=official, council=council, starts_at=held.starts_at.replace(year=2099), place="Онлайн"
    )
    base = _base(hromada)
    page = client.get(base).content.decode()
    assert (
        f'<li><a href="{base}meetings/{held.number}/">Засідання № {held.number}</a> — '
        f'<time datetime="{held.starts_at.astimezone().isoformat()}">'
    ) in page
    assert ', Зала засідань <span class="muted">(1 питання порядку денного)</span></li>' in page
    assert "чернетка порядку денного" not in page  # a draft meeting is not public
    client.force_login(official)
    page = client.get(base).content.decode()
    assert ' <span class="badge">чернетка порядку денного</span> ' in page


def test_the_register_lists_decisions_with_their_meeting_and_vote(
    client, official, council, members, held, hromada
):
    elect(official, held, members, text="Обрати <співголову>")
    services.motion_record(
        actor=official,
        item=held.items.first(),
        text="Не голосували",
        result=Result.NOT_CONSIDERED,
    )
    base = _base(hromada)
    page = client.get(f"{base}decisions/").content.decode()
    link = f'<a href="{base}meetings/{held.number}/#item-1">Обрати &lt;співголову&gt;</a>'
    assert link in page
    assert f'<span class="muted">(Засідання № {held.number}, питання 1)</span>' in page
    assert '<td>Ухвалено</td><td class="num">6 / 0 / 0</td></tr>' in page
    assert '<td>Не розглядали</td><td class="num">—</td></tr>' in page


def test_a_members_record_blanks_a_withheld_decision_text(
    client, official, council, members, held, hromada
):
    motion = elect(official, held, members, text="Укриття на вул. Таємничій, 7")
    withholding_create(
        actor=actor_for("operator", hromada), obj=motion, field="text", reason="Безпека"
    )
    base = _base(hromada)
    page = client.get(f"{base}people/{members[0].person_id}/").content.decode()
    assert "Таємнич" not in page
    assert (
        f'<a href="{base}meetings/{held.number}/#item-1">приховано від оприлюднення</a>'
        "</th><td>Так</td><td>Ухвалено</td></tr>"
    ) in page
    assert (
        f'<tr><th scope="row"><a href="{base}meetings/{held.number}/">Засідання № {held.number}'
        "</a></th>"
    ) in page
    assert "<td>присутній</td></tr>" in page or "<td>присутня</td></tr>" in page


def test_person_page_query_count_is_constant(
    client, official, council, members, hromada, django_assert_max_num_queries
):
    url = f"{_base(hromada)}people/{members[0].person_id}/"

    def meetings(n, days_ago):
        for i in range(n):
            made = meeting(official, council, days_ago=days_ago + i)
            services.attendance_record(
                actor=official, meeting=made, present=[m.pk for m in members]
            )
            elect(official, made, members, text=f"Рішення {days_ago + i}")
            services.motion_record(
                actor=official,
                item=made.items.first(),
                text="Ще одне",
                result=Result.NOT_ADOPTED,
                votes={m.pk: VoteOption.NO for m in members},
            )

    meetings(1, 30)
    with django_assert_max_num_queries(6):
        assert client.get(url).status_code == 200
    meetings(8, 40)
    with django_assert_max_num_queries(6):
        assert client.get(url).status_code == 200
