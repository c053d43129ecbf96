"""Nobody speaks as the platform: "system" and "resident" are the history's own labels for
the platform and for unnamed residents, so no person may take them as a public name, and an
account that has one is shown by the neutral label."""

import pytest
from django.core.exceptions import ValidationError

from openhromada.core.people import public_actor
from tests.factories import UserFactory


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    [
        "system",
        " System ",
        "RESIDENT",
        "sys\u200btem",  # a zero-width space inside
        "ｓｙｓｔｅｍ",  # fullwidth letters
        "Платформа",
        "the  platform",
        "Мешканець 4F7QZ",  # another resident's neutral label
    ],
)
def test_a_reserved_public_name_is_refused(name):
    user = UserFactory()
    user.display_name = name
    with pytest.raises(ValidationError) as refused:
        user.full_clean()
    assert "display_name" in refused.value.message_dict


@pytest.mark.django_db
def test_ordinary_names_stay_allowed():
    user = UserFactory()
    for name in ("Олена К.", "Мешканка вулиці Шевченка", "Systema Naturae"):
        user.display_name = name
        user.full_clean()


@pytest.mark.django_db
def test_an_account_named_system_is_never_shown_as_the_platform():
    user = UserFactory()
    user.display_name = "system"
    user.save(update_fields=["display_name"])  # stored before names were checked
    assert user.public_name not in ("system", "resident")
    shown = public_actor(user.pk, "system", "plans.commitment", {"title": ["a", "b"]})
    assert shown not in ("system", "resident") and shown.startswith(("Мешканець", "Resident"))
    assert public_actor(None, "system", "plans.commitment", {}) == "system"  # the platform
