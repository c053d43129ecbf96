from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class CouncilsConfig(AppConfig):
    name = "openhromada.councils"
    label = "councils"
    verbose_name = _("Coordination councils")

    def ready(self):
        from openhromada.opendata.base import register as register_datasets

        from .datasets import COUNCILS, DECISIONS, MEETINGS, MEMBERSHIPS, VOTES

        register_datasets(COUNCILS, MEMBERSHIPS, MEETINGS, DECISIONS, VOTES)
        from openhromada.core import sections

        from .sections import commitment_decisions, hromada_council, plan_decisions

        sections.register("hromada", hromada_council)
        sections.register("plan", plan_decisions)
        sections.register("commitment", commitment_decisions)
        register_withholdables()
        register_publicity()


def register_publicity() -> None:
    """Who may see what of a council (see core.visibility): nothing of an unpublished meeting."""
    from django.db.models import Q

    from openhromada.core.visibility import Publicity, register

    register(
        Publicity(
            "councils.meeting",
            state=lambda p: Q(**{f"{p}agenda_published_at__isnull": False}),
            test=lambda meeting: meeting.agenda_published_at is not None,
            unpublished=lambda p: Q(**{f"{p}agenda_published_at__isnull": True}),
            container=True,
            page=lambda meeting: reverse(
                "councils:meeting", args=[meeting.council.hromada.slug, meeting.number]
            ),
            page_related=("council__hromada",),
        )
    )
    register(Publicity("councils.agendaitem", parents=("meeting",)))
    register(Publicity("councils.motion", parents=("item",)))


def register_withholdables() -> None:
    """What of a council an operator can keep out of public outputs (see core.withholding):
    a whole meeting (and all decided at it), its place, link or minutes, an agenda item or a
    decision, or their text."""
    from openhromada.core.withholding import Withholdable, register

    register(Withholdable("councils.meeting", ("place", "online_url", "minutes_text")))
    register(
        Withholdable(
            "councils.agendaitem",
            ("title", "description", "discussion"),
            ancestors={"councils.meeting": "meeting_id"},
        )
    )
    register(
        Withholdable(
            "councils.motion",
            ("text",),
            ancestors={"councils.agendaitem": "item_id", "councils.meeting": "item__meeting_id"},
        )
    )
    register(
        Withholdable(
            "councils.vote",
            (),
            record=False,
            ancestors={
                "councils.motion": "motion_id",
                "councils.agendaitem": "motion__item_id",
                "councils.meeting": "motion__item__meeting_id",
            },
        )
    )
