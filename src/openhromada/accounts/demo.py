"""Demonstration accounts, one per role, with confirmed e-mails (labelled demo data)."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress

from openhromada.core.models import DataOrigin

from .models import Role, RoleAssignment, User
from .services import role_grant

DEMO_PASSWORD = "demo-hromada-2026"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    display_name: str
    role: str  # "resident" or a Role value
    scope: str = ""  # hromada code or network slug


DEMO_ACCOUNTS = [
    DemoAccount("resident@demo.openhromada.org", "Оксана Мешканка (демо)", "resident"),
    DemoAccount(
        "official@demo.openhromada.org",
        "Посадовець Хмельницької громади (демо)",
        Role.OFFICIAL,
        "UA68040470000053519",
    ),
    DemoAccount(
        "official.ternopil@demo.openhromada.org",
        "Посадовиця Тернопільської громади (демо)",
        Role.OFFICIAL,
        "UA61040490000035010",
    ),
    DemoAccount(
        "official.vinnytsia@demo.openhromada.org",
        "Посадовець Вінницької громади (демо)",
        Role.OFFICIAL,
        "UA05020030000031457",
    ),
    DemoAccount(
        "council@demo.openhromada.org",
        "Член координаційної ради (демо)",
        Role.COUNCIL_MEMBER,
        "UA68040470000053519",
    ),
    DemoAccount(
        "monitor@demo.openhromada.org",
        "Моніторка мережі (демо)",
        Role.MONITOR,
        "e-democracy-monitoring-network",
    ),
    DemoAccount("operator@demo.openhromada.org", "Працівник Асоціації міст (демо)", Role.OPERATOR),
    DemoAccount("admin@demo.openhromada.org", "Адміністратор платформи (демо)", Role.ADMIN),
]


def _ensure_user(account: DemoAccount) -> User:
    user = User.objects.filter(email=account.email).first()
    if user is None:
        user = User.objects.create_user(
            account.email,
            DEMO_PASSWORD,
            display_name=account.display_name,
            data_origin=DataOrigin.DEMO,
        )
    EmailAddress.objects.get_or_create(
        user=user, email=account.email, defaults={"verified": True, "primary": True}
    )
    return user


def _scope_model(name: str):
    """The model a role is scoped to (a hromada, a network), through the relation: accounts
    sits below places and monitoring and never imports them."""
    return RoleAssignment._meta.get_field(name).related_model


def load() -> list[tuple[DemoAccount, User]]:
    """Create the demo accounts and roles; running it again changes nothing."""
    created = []
    for account in DEMO_ACCOUNTS:
        user = _ensure_user(account)
        if account.role != "resident":
            scope = {}
            if account.role in (Role.OFFICIAL, Role.COUNCIL_MEMBER):
                scope["hromada"] = _scope_model("hromada").objects.get(code=account.scope)
            elif account.role == Role.MONITOR:
                scope["network"] = _scope_model("network").objects.get(slug=account.scope)
            if not RoleAssignment.objects.filter(user=user, role=account.role, **scope).exists():
                role_grant(actor=None, user=user, role=account.role, **scope)
        created.append((account, user))
    return created


def residents(people: list[tuple[str, str]]) -> list[User]:
    """Demo residents (e-mail, display name) with confirmed addresses, created once."""
    return [_ensure_user(DemoAccount(email, name, "resident")) for email, name in people]
