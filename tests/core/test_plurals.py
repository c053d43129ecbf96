"""Counts read as Ukrainian (issue 14: the badge said "1 непрочитаних"): every count in text goes
through ngettext or {% blocktranslate count %}, and the catalogue's four forms (one, few, many,
other) come out right for 1, 2, 5, 11 and 21."""

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from openhromada.notifications.models import Notification

pytestmark = pytest.mark.django_db

COUNTS = (1, 2, 5, 11, 21)


def test_the_unread_badge_agrees_with_its_number(client, resident):
    client.force_login(resident)
    expected = {
        1: "1 непрочитане",
        2: "2 непрочитані",
        5: "5 непрочитаних",
        11: "11 непрочитаних",
        21: "21 непрочитане",
    }
    made = 0
    for n in COUNTS:
        Notification.objects.bulk_create(
            Notification(user=resident, title="Нове", url="/") for _ in range(n - made)
        )
        made = n
        page = client.get(reverse("notifications:inbox")).content.decode()
        badge = page.split('<span class="badge">', 1)[1].split("</span></span>", 1)[0]
        text = badge.replace('<span class="visually-hidden">', "")
        assert text == expected[n], (n, text)


@pytest.mark.parametrize(
    ("n", "form"), [(1, "член"), (2, "члени"), (5, "членів"), (11, "членів"), (21, "член")]
)
def test_a_template_count_takes_the_catalogue_form(n, form):
    template = Template(
        "{% load i18n %}{% blocktranslate with gov=1 public=0 count total=n %}{{ total }} member: "
        "{{ gov }} from government bodies, {{ public }} from outside government.{% plural %}"
        "{{ total }} members: {{ gov }} from government bodies, {{ public }} from outside "
        "government.{% endblocktranslate %}"
    )
    with translation.override("uk"):
        assert template.render(Context({"n": n})).startswith(f"{n} {form}:")


def test_python_counts_take_the_catalogue_form():
    with translation.override("uk"):
        said = [
            ngettext(
                "%(n)d comment still has no outcome: answer it first.",
                "%(n)d comments still have no outcome: answer each one first.",
                n,
            )
            % {"n": n}
            for n in COUNTS
        ]
        days = [
            ngettext(
                "The agenda was published less than %(days)d day before the meeting, "
                "the minimum notice in the council's rules.",
                "The agenda was published less than %(days)d days before the meeting, "
                "the minimum notice in the council's rules.",
                n,
            )
            % {"days": n}
            for n in COUNTS
        ]
    assert [s.split(" досі")[0] for s in said] == [
        "1 коментар",
        "2 коментарі",
        "5 коментарів",
        "11 коментарів",
        "21 коментар",
    ]
    assert [d.split(" до засідання")[0].split("за ")[1] for d in days] == [
        "1 день",
        "2 дні",
        "5 днів",
        "11 днів",
        "21 день",
    ]
