"""The admin cannot be used to escalate: operators never manage operators, admins or superusers.

Every URL the admin serves for the account models is tried, by GET and POST, by an operator
against every kind of privileged account (and their own); nothing about those accounts may
change. The same operator still manages ordinary accounts, and an admin manages everyone.
"""

import pytest
from allauth.account.models import EmailAddress
from django.contrib import admin
from django.contrib.auth.hashers import check_password

from openhromada.accounts.models import Role, RoleAssignment, User
from openhromada.core.history import history_for
from openhromada.core.models import HistoryAction, HistoryEntry
from openhromada.places.models import Hromada
from tests.factories import PASSWORD, UserFactory, with_role

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Kalyna-u-sadu-2024!"


def _routes(model) -> list[str]:
    """Every URL route the registered admin serves for `model` ("" is the changelist)."""
    return [str(pattern.pattern) for pattern in admin.site._registry[model].get_urls()]


USER_ROUTES = _routes(User)
ROLE_ROUTES = _routes(RoleAssignment)
EMAIL_ROUTES = _routes(EmailAddress)
OBJECT_PLACEHOLDERS = ("<path:object_id>", "<id>")

# What an operator gets from each URL about a privileged account: the status codes allowed.
# They may look (view-only); they may never change anything.
USER_EXPECTED = {
    "": {"GET": {200}, "POST": {200}},  # bulk delete is not even offered to operators
    "add/": {"GET": {200}, "POST": {200}},  # the form again, with the refusal
    "<id>/password/": {"GET": {403}, "POST": {403}},
    "<path:object_id>/history/": {"GET": {200}, "POST": {200}},
    "<path:object_id>/delete/": {"GET": {403}, "POST": {403}},
    "<path:object_id>/change/": {"GET": {200}, "POST": {403}},
    "<path:object_id>/": {"GET": {302}, "POST": {302}},  # Django's redirect to change/
}
ROLE_EXPECTED = {
    "": {"GET": {200}, "POST": {403}},
    "add/": {"GET": {200}, "POST": {200}},
    "<path:object_id>/history/": {"GET": {200}, "POST": {200}},
    "<path:object_id>/delete/": {"GET": {403}, "POST": {403}},
    "<path:object_id>/change/": {"GET": {200}, "POST": {403}},
    "<path:object_id>/": {"GET": {302}, "POST": {302}},
}


@pytest.fixture
def lutska():
    return Hromada.objects.get(slug="lutska")


@pytest.fixture
def khmelnytska():
    return Hromada.objects.get(slug="khmelnytska")


@pytest.fixture
def operator():
    return with_role(UserFactory(display_name="Оператор"), Role.OPERATOR)


@pytest.fixture
def admin_user():
    return with_role(UserFactory(display_name="Адміністратор"), Role.ADMIN)


def _superuser():
    user = UserFactory(display_name="Суперкористувач")
    user.is_superuser = True
    user.is_staff = True
    user.save()
    return user


@pytest.fixture
def target(request, operator, lutska):
    """A privileged account, each also an official somewhere (a non-platform role to protect)."""
    kind = request.param
    if kind == "admin":
        user = with_role(UserFactory(), Role.ADMIN)
    elif kind == "operator":
        user = with_role(UserFactory(), Role.OPERATOR)
    elif kind == "superuser":
        user = _superuser()
    else:  # the operator's own account: no one raises their own rights
        user = operator
    return with_role(user, Role.OFFICIAL, hromada=lutska)


def _state():
    """Everything an escalation could touch, for every account."""
    users = {
        u.pk: (u.password, u.email, u.is_superuser, u.is_staff, u.is_active, u.display_name)
        for u in User.objects.all()
    }
    roles = sorted(RoleAssignment.objects.values_list("pk", "user_id", "role", "hromada_id"))
    emails = sorted(EmailAddress.objects.values_list("pk", "user_id", "email", "verified"))
    return users, roles, emails, HistoryEntry.objects.count()


def _url(model, route: str, pk) -> str:
    opts = model._meta
    for placeholder in OBJECT_PLACEHOLDERS:
        route = route.replace(placeholder, str(pk))
    return f"/admin/{opts.app_label}/{opts.model_name}/{route}"


def _user_form(user, **overrides) -> dict:
    """The user change form as a browser would post it, with no inline role rows."""
    data = {
        "email": user.email,
        "display_name": user.display_name,
        "preferred_language": user.preferred_language,
        "text_size": user.text_size,
        "theme": user.theme,
        "is_active": "on" if user.is_active else "",
        "data_origin": user.data_origin,
        "roles-TOTAL_FORMS": "0",
        "roles-INITIAL_FORMS": "0",
        "roles-MIN_NUM_FORMS": "0",
        "roles-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v != ""}


def _user_payload(route: str, target, hromada) -> dict:
    """What an escalating operator would post to each user URL."""
    if route == "":
        return {"action": "delete_selected", "_selected_action": [target.pk], "post": "yes"}
    if route == "add/":  # a new account that would be an admin and a superuser at once
        return {
            "email": "new-admin@example.org",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "is_superuser": "on",
            "is_staff": "on",
            "roles-TOTAL_FORMS": "1",
            "roles-INITIAL_FORMS": "0",
            "roles-0-role": Role.ADMIN,
        }
    if route == "<id>/password/":
        return {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"}
    if route == "<path:object_id>/delete/":
        return {"post": "yes"}
    return _user_form(
        target,
        email="taken-over@example.org",
        is_active="",
        is_superuser="on",
        is_staff="on",
        **{
            "roles-TOTAL_FORMS": "1",
            "roles-0-role": Role.OFFICIAL,
            "roles-0-hromada": str(hromada.pk),
        },
    )


def _role_payload(route: str, assignment, resident, hromada) -> dict:
    if route == "":
        return {"action": "delete_selected", "_selected_action": [assignment.pk], "post": "yes"}
    if route == "<path:object_id>/delete/":
        return {"post": "yes"}
    # add: one more role for the privileged account; change: move the role away from them.
    user = assignment.user_id if route == "add/" else resident.pk
    return {"user": user, "role": Role.OFFICIAL, "hromada": hromada.pk, "network": ""}


def _check(response, expected: set[int], url: str, method: str) -> None:
    assert response.status_code in expected, f"{method} {url} → {response.status_code}"
    if response.status_code == 200 and response.context and "change" in url:
        # A privileged account's page is read-only for an operator.
        assert response.context.get("has_change_permission") is False, f"{method} {url}"


def test_every_account_url_is_covered():
    """A new admin URL must be added to the expectations (and so to the tests) first."""
    assert set(USER_ROUTES) == set(USER_EXPECTED)
    assert set(ROLE_ROUTES) == set(ROLE_EXPECTED)


TARGETS = ["admin", "operator", "superuser", "self"]


@pytest.mark.parametrize("target", TARGETS, indirect=True)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_operator_cannot_change_privileged_accounts_anywhere(
    client, operator, target, method, khmelnytska
):
    client.force_login(operator)
    before = _state()
    for route in USER_ROUTES:
        url = _url(User, route, target.pk)
        if method == "GET":
            response = client.get(url)
        else:
            response = client.post(url, _user_payload(route, target, khmelnytska))
        _check(response, USER_EXPECTED[route][method], url, method)
        assert _state() == before, f"{method} {url} changed something"
    target.refresh_from_db()
    assert check_password(PASSWORD, target.password)


@pytest.mark.parametrize("target", TARGETS, indirect=True)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_operator_cannot_change_the_roles_of_privileged_accounts(
    client, operator, target, method, khmelnytska
):
    client.force_login(operator)
    resident = UserFactory()
    before = _state()
    for assignment in target.roles.all():
        for route in ROLE_ROUTES:
            url = _url(RoleAssignment, route, assignment.pk)
            if method == "GET":
                response = client.get(url)
            else:
                payload = _role_payload(route, assignment, resident, khmelnytska)
                response = client.post(url, payload)
            _check(response, ROLE_EXPECTED[route][method], url, method)
            assert _state() == before, f"{method} {url} changed something"


@pytest.mark.parametrize("target", TARGETS, indirect=True)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_operator_cannot_touch_the_e_mail_addresses_of_privileged_accounts(
    client, operator, target, method
):
    client.force_login(operator)
    address = EmailAddress.objects.get(user=target)
    before = _state()
    for route in EMAIL_ROUTES:
        url = _url(EmailAddress, route, address.pk)
        if method == "GET":
            response = client.get(url)
        else:
            response = client.post(
                url, {"user": target.pk, "email": "x@example.org", "verified": "on", "post": "yes"}
            )
        if route != "<path:object_id>/":  # the redirect to change/, which then refuses
            assert response.status_code == 403, f"{method} {url} → {response.status_code}"
        assert _state() == before, f"{method} {url} changed something"


def test_operator_cannot_give_a_role_to_a_privileged_account_from_a_row_of_someone_else(
    client, operator, admin_user, lutska, khmelnytska
):
    official = with_role(UserFactory(), Role.OFFICIAL, hromada=lutska)
    row = official.roles.get()
    client.force_login(operator)
    for new_user in (admin_user, operator):
        response = client.post(
            _url(RoleAssignment, "<path:object_id>/change/", row.pk),
            {"user": new_user.pk, "role": Role.OFFICIAL, "hromada": khmelnytska.pk},
        )
        assert response.status_code == 200
        assert "user" in response.context["adminform"].form.errors
        row.refresh_from_db()
        assert (row.user_id, row.hromada_id) == (official.pk, lutska.pk)
    assert not admin_user.roles.filter(role=Role.OFFICIAL).exists()
    assert not operator.roles.filter(role=Role.OFFICIAL).exists()


def test_operator_cannot_turn_a_role_into_a_platform_role(client, operator, lutska):
    official = with_role(UserFactory(), Role.OFFICIAL, hromada=lutska)
    row = official.roles.get()
    client.force_login(operator)
    response = client.post(
        _url(RoleAssignment, "<path:object_id>/change/", row.pk),
        {"user": official.pk, "role": Role.ADMIN, "hromada": "", "network": ""},
    )
    assert response.status_code == 200
    row.refresh_from_db()
    assert row.role == Role.OFFICIAL


def test_operator_cannot_make_anyone_a_superuser_or_staff(client, operator):
    resident = UserFactory()
    client.force_login(operator)
    response = client.post(
        _url(User, "<path:object_id>/change/", resident.pk),
        _user_form(resident, is_superuser="on", is_staff="on"),
    )
    assert response.status_code == 302
    response = client.post(
        _url(User, "add/", ""),
        {
            "email": "newcomer@example.org",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "is_superuser": "on",
            "is_staff": "on",
            "roles-TOTAL_FORMS": "0",
            "roles-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    for user in User.objects.filter(email__in=[resident.email, "newcomer@example.org"]):
        assert (user.is_superuser, user.is_staff) == (False, False)
    assert User.objects.filter(email="newcomer@example.org").exists()


# --- what operators and admins still do ------------------------------------------------------


@pytest.mark.parametrize("kind", ["resident", "official"])
def test_operator_manages_an_ordinary_account(client, operator, lutska, kind):
    person = UserFactory()
    if kind == "official":
        person = with_role(person, Role.OFFICIAL, hromada=lutska)
    client.force_login(operator)
    response = client.post(
        _url(User, "<path:object_id>/change/", person.pk),
        _user_form(person, email="new-address@example.org", display_name="Нове ім'я"),
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.email, person.display_name) == ("new-address@example.org", "Нове ім'я")
    # The old address can no longer be used to sign in or reset the password.
    assert list(EmailAddress.objects.filter(user=person).values_list("email", flat=True)) == [
        "new-address@example.org"
    ]
    response = client.post(
        _url(User, "<id>/password/", person.pk),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert check_password(NEW_PASSWORD, person.password)


def test_operator_grants_a_role_on_the_user_page_and_it_is_recorded(client, operator, khmelnytska):
    person = UserFactory(display_name="Ірина")
    client.force_login(operator)
    response = client.post(
        _url(User, "<path:object_id>/change/", person.pk),
        _user_form(
            person,
            **{
                "roles-TOTAL_FORMS": "1",
                "roles-0-role": Role.OFFICIAL,
                "roles-0-hromada": str(khmelnytska.pk),
            },
        ),
    )
    assert response.status_code == 302
    assignment = person.roles.get()
    entry = history_for(assignment).get()
    assert (entry.action, entry.actor_label) == (HistoryAction.CREATE, "Оператор")


def test_operator_moves_an_officials_role_and_it_is_recorded(client, operator, lutska, khmelnytska):
    official = with_role(UserFactory(display_name="Ірина"), Role.OFFICIAL, hromada=lutska)
    row = official.roles.get()
    client.force_login(operator)
    response = client.post(
        _url(RoleAssignment, "<path:object_id>/change/", row.pk),
        {"user": official.pk, "role": Role.OFFICIAL, "hromada": khmelnytska.pk},
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.hromada == khmelnytska
    entry = history_for(row).get()
    assert entry.action == HistoryAction.UPDATE
    assert entry.changes == {
        "hromada": [
            {"uk": lutska.name_uk, "en": lutska.name_en},
            {"uk": khmelnytska.name_uk, "en": khmelnytska.name_en},
        ]
    }


def test_operator_changes_a_role_on_the_user_page_and_it_is_recorded(
    client, operator, lutska, khmelnytska
):
    official = with_role(UserFactory(), Role.OFFICIAL, hromada=lutska)
    row = official.roles.get()
    client.force_login(operator)
    response = client.post(
        _url(User, "<path:object_id>/change/", official.pk),
        _user_form(
            official,
            **{
                "roles-TOTAL_FORMS": "1",
                "roles-INITIAL_FORMS": "1",
                "roles-0-id": str(row.pk),
                "roles-0-user": str(official.pk),
                "roles-0-role": Role.COUNCIL_MEMBER,
                "roles-0-hromada": str(khmelnytska.pk),
            },
        ),
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.role, row.hromada) == (Role.COUNCIL_MEMBER, khmelnytska)
    assert history_for(row).get().changes["role"] == ["official", "council_member"]


def test_operator_removes_officials_roles_in_bulk_and_each_is_recorded(
    client, operator, lutska, khmelnytska
):
    rows = [
        with_role(UserFactory(), Role.OFFICIAL, hromada=h).roles.get()
        for h in (lutska, khmelnytska)
    ]
    client.force_login(operator)
    response = client.post(
        _url(RoleAssignment, "", ""),
        {"action": "delete_selected", "_selected_action": [r.pk for r in rows], "post": "yes"},
    )
    assert response.status_code == 302
    assert not RoleAssignment.objects.filter(pk__in=[r.pk for r in rows]).exists()
    for row in rows:
        entry = history_for(row).get()
        assert (entry.action, entry.actor_label) == (HistoryAction.DELETE, "Оператор")


@pytest.mark.parametrize("target", ["admin", "operator", "superuser"], indirect=True)
def test_admin_manages_every_account(client, admin_user, target):
    client.force_login(admin_user)
    response = client.post(
        _url(User, "<path:object_id>/change/", target.pk),
        _user_form(target, email="moved@example.org"),
    )
    assert response.status_code == 302
    response = client.post(
        _url(User, "<id>/password/", target.pk),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.email == "moved@example.org"
    assert check_password(NEW_PASSWORD, target.password)
    for row in target.roles.all():
        response = client.post(
            _url(RoleAssignment, "<path:object_id>/delete/", row.pk), {"post": "yes"}
        )
        assert response.status_code == 302
        assert history_for(row).get().action == HistoryAction.DELETE
    assert not target.roles.exists()


def test_admin_deletes_an_account_and_its_public_roles_leave_a_record(client, admin_user, lutska):
    official = with_role(UserFactory(), Role.OFFICIAL, hromada=lutska)
    row = official.roles.get()
    client.force_login(admin_user)
    response = client.post(_url(User, "<path:object_id>/delete/", official.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=official.pk).exists()
    entry = history_for(row).get()
    assert (entry.action, entry.actor_label) == (HistoryAction.DELETE, "Адміністратор")


def test_operator_cannot_delete_accounts(client, operator):
    resident = UserFactory()
    client.force_login(operator)
    response = client.post(_url(User, "<path:object_id>/delete/", resident.pk), {"post": "yes"})
    assert response.status_code == 403
    assert User.objects.filter(pk=resident.pk).exists()


def test_an_address_taken_in_another_case_is_refused_on_the_form_not_with_a_500(
    client, operator, admin_user
):
    person = UserFactory()
    client.force_login(operator)
    taken = admin_user.email.upper()
    response = client.post(
        _url(User, "<path:object_id>/change/", person.pk), _user_form(person, email=taken)
    )
    assert response.status_code == 200 and response.context["adminform"].form.errors["email"]
    response = client.post(
        _url(User, "add/", None),
        {"email": taken, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 200 and response.context["adminform"].form.errors["email"]
    person.refresh_from_db()
    assert (
        person.email != admin_user.email and User.objects.filter(email__iexact=taken).count() == 1
    )
