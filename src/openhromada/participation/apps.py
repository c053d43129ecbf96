from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from openhromada.core.people import register_private_actor


class ParticipationConfig(AppConfig):
    name = "openhromada.participation"
    label = "participation"
    verbose_name = _("Co-creation and consultations")

    def ready(self):
        # Imported here, not at the top: these modules read models and other apps' registries,
        # which Django makes ready only after every app is loaded (the layers' one exception).
        from openhromada.opendata.base import register as register_datasets

        from .datasets import CALLS, COMMENTS, CONSULTATIONS, PROPOSALS

        register_datasets(CALLS, PROPOSALS, CONSULTATIONS, COMMENTS)
        from openhromada.core import sections

        from .sections import commitment_proposals, hromada_participation, plan_calls

        sections.register("hromada", hromada_participation)
        sections.register("plan", plan_calls)
        sections.register("commitment", commitment_proposals)
        # a support is a count in the public history; who supports stays private
        register_private_actor("participation.proposal", ("support_count",))
