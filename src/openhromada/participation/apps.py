from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "openhromada.participation"
    label = "participation"
    verbose_name = _("Co-creation and consultations")

    def ready(self):
        from openhromada.core import sections

        from .sections import commitment_proposals, hromada_participation, plan_calls

        sections.register("hromada", hromada_participation)
        sections.register("plan", plan_calls)
        sections.register("commitment", commitment_proposals)
