from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilsConfig(AppConfig):
    name = "openhromada.councils"
    label = "councils"
    verbose_name = _("Coordination councils")

    def ready(self):
        from openhromada.core import sections

        from .sections import commitment_decisions, hromada_council, plan_decisions

        sections.register("hromada", hromada_council)
        sections.register("plan", plan_decisions)
        sections.register("commitment", commitment_decisions)
        register_withholdables()


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
