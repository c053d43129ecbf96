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
    can: str = ""  # who the account is and what it can do, as `openhromada demo` prints it


DEMO_ACCOUNTS = [
    DemoAccount(
        "resident@demo.openhromada.org",
        "Оксана Мешканка (демо)",
        "resident",
        can="мешканка: пропозиції й коментарі у відкритих закликах, підтримка пропозицій, "
        "опитування консультацій, стеження за планами й радами",
    ),
    DemoAccount(
        "official@demo.openhromada.org",
        "Посадовець Хмельницької громади (демо)",
        Role.OFFICIAL,
        "UA68040470000053519",
        can="посадова особа Хмельницької громади: плани дій, зобов’язання й звіти про етапи, "
        "заклики й консультації, відповіді на пропозиції, координаційна рада",
    ),
    DemoAccount(
        "official.ternopil@demo.openhromada.org",
        "Посадовиця Тернопільської громади (демо)",
        Role.OFFICIAL,
        "UA61040490000035010",
        can="посадова особа Тернопільської громади: план дій і звіти про етапи, заклики, "
        "консультації, відповіді на пропозиції, координаційна рада",
    ),
    DemoAccount(
        "official.vinnytsia@demo.openhromada.org",
        "Посадовець Вінницької громади (демо)",
        Role.OFFICIAL,
        "UA05020030000031457",
        can="посадова особа Вінницької громади: проєкт плану дій на етапі спільного творення, "
        "його заклик до пропозицій і відповіді на них",
    ),
    DemoAccount(
        "council@demo.openhromada.org",
        "Секретар координаційної ради Хмельницької громади (демо)",
        Role.COUNCIL_MEMBER,
        "UA68040470000053519",
        can="секретар координаційної ради Хмельницької громади: засідання, порядки денні, "
        "присутність, голосування й рішення, протоколи",
    ),
    DemoAccount(
        "monitor@demo.openhromada.org",
        "Моніторка мережі (демо)",
        Role.MONITOR,
        "e-democracy-monitoring-network",
        can="моніторка мережі: оцінювання зобов’язань призначених планів дій, чекліст "
        "співтворення, звіти моніторингу (надсилання громаді на відповідь, публікація)",
    ),
    DemoAccount(
        "coordinator@demo.openhromada.org",
        "Координатор мережі моніторингу (демо)",
        Role.COORDINATOR,
        "e-democracy-monitoring-network",
        can="координатор мережі моніторингу: члени мережі та заявки на вступ, призначення "
        "моніторів на плани дій, конфлікти інтересів, звіти мережі",
    ),
    DemoAccount(
        "operator@demo.openhromada.org",
        "Працівник Асоціації міст (демо)",
        Role.OPERATOR,
        can="працівник Асоціації міст: плани, заклики й ради всіх громад, модерація, "
        "приховування даних, облікові записи й ролі (крім адміністраторів), адмінпанель /admin/",
    ),
    DemoAccount(
        "admin@demo.openhromada.org",
        "Адміністратор платформи (демо)",
        Role.ADMIN,
        can="адміністратор платформи: усе, що й працівник Асоціації, а також ролі працівників "
        "і адміністраторів та видалення облікових записів",
    ),
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
            elif account.role in (Role.MONITOR, Role.COORDINATOR):
                scope["network"] = _scope_model("network").objects.get(slug=account.scope)
            if not RoleAssignment.objects.filter(user=user, role=account.role, **scope).exists():
                role_grant(actor=None, user=user, role=account.role, **scope)
        created.append((account, user))
    return created


def residents(people: list[tuple[str, str]]) -> list[User]:
    """Demo residents (e-mail, display name) with confirmed addresses, created once."""
    return [_ensure_user(DemoAccount(email, name, "resident")) for email, name in people]
