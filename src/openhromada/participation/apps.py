from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from openhromada.core.people import register_private_actor


class ParticipationConfig(AppConfig):
    name = "openhromada.participation"
    label = "participation"
    verbose_name = _("Co-creation and consultations")

    def ready(self):
        from openhromada.opendata.base import register as register_datasets

        from .datasets import CALLS, COMMENTS, CONSULTATIONS, PROPOSALS

        register_datasets(CALLS, PROPOSALS, CONSULTATIONS, COMMENTS)
        from openhromada.core import sections

        from .sections import commitment_proposals, hromada_participation, plan_calls

        sections.register("hromada", hromada_participation)
        sections.register("plan", plan_calls)
        sections.register("commitment", commitment_proposals)
        register_publicity()
        # a support is a count in the public history; who supports stays private
        register_private_actor("participation.proposal", ("support_count",))


def register_publicity() -> None:
    """Who may see what of co-creation (see core.visibility): a call lives in its plan, a
    proposal in its call, a comment in its proposal or section; hidden content and draft
    consultations are not public."""
    from django.db.models import Q

    from openhromada.core.visibility import Publicity, register

    def not_hidden(prefix):
        return Q(**{f"{prefix}hidden_at__isnull": True})

    def is_shown(obj):
        return obj.hidden_at is None

    def hidden(prefix):
        return Q(**{f"{prefix}hidden_at__isnull": False})

    register(
        Publicity(
            "participation.call",
            parents=("plan",),
            container=True,
            page=lambda call: reverse("participation:call", args=[call.pk]),
        )
    )
    register(
        Publicity(
            "participation.proposal",
            state=not_hidden,
            test=is_shown,
            unpublished=hidden,
            parents=("call",),
            container=True,
            page=lambda proposal: reverse("participation:proposal", args=[proposal.pk]),
        )
    )
    register(
        Publicity(
            "participation.comment",
            state=not_hidden,
            test=is_shown,
            unpublished=hidden,
            parents=("proposal", "section"),
            container=True,
            page=comment_page,
            page_related=("section",),
        )
    )
    register(
        Publicity(
            "participation.consultation",
            state=lambda p: Q(**{f"{p}published_at__isnull": False}),
            test=lambda consultation: consultation.published_at is not None,
            unpublished=lambda p: Q(**{f"{p}published_at__isnull": True}),
            container=True,
            page=lambda consultation: reverse("participation:consultation", args=[consultation.pk]),
        )
    )
    register(Publicity("participation.section", parents=("consultation",)))
    register(Publicity("participation.question", parents=("consultation",)))


def comment_page(comment) -> str:
    """A comment's place: its proposal's page, or its consultation's, at the comment."""
    if comment.proposal_id:
        page = reverse("participation:proposal", args=[comment.proposal_id])
    else:
        page = reverse("participation:consultation", args=[comment.section.consultation_id])
    return f"{page}#comment-{comment.pk}"
