"""Action plans in the public API: read every public record; report progress with a token."""

from django.http import Http404
from ninja import Router, Schema, Status
from pydantic import Field, HttpUrl

from openhromada.core.withholding import active
from openhromada.opendata.base import field_description
from openhromada.opendata.endpoints import dataset_router
from openhromada.opendata.tokens import TokenAuth
from openhromada.opendata.types import IsoDate, PathId, Percent

from . import services
from .datasets import COMMITMENTS, MILESTONES, PLANS, PROGRESS_UPDATES
from .lifecycle import MilestoneStatus
from .models import Milestone, ProgressUpdate

router = Router()
router.add_router("/plans", dataset_router(PLANS, "Action plans"))
router.add_router("/commitments", dataset_router(COMMITMENTS, "Action plans"))
milestones = dataset_router(MILESTONES, "Action plans")
router.add_router("/progress-updates", dataset_router(PROGRESS_UPDATES, "Action plans"))


def _described(name: str) -> str:
    return field_description(ProgressUpdate, name)


class ProgressReport(Schema):
    date: IsoDate = Field(description=_described("date"))
    text: str = Field(min_length=1, max_length=10000, description=_described("text"))
    status: MilestoneStatus = Field(description=_described("status"))
    percent: Percent = Field(description=_described("percent"))
    links: list[HttpUrl] = Field(
        default_factory=list, max_length=20, description=_described("links")
    )


@milestones.post(
    "/{milestone_id}/progress",
    auth=TokenAuth(),
    response={201: PROGRESS_UPDATES.schema},
    operation_id="report_milestone_progress",
    summary="Report progress on a milestone",
    description=(
        "Needs a personal API token with the write scope (`Authorization: Bearer <token>`); "
        "the same rules apply as on the milestone's page: officials of the hromada, while the "
        "plan is being implemented."
    ),
)
def report_progress(request, milestone_id: PathId, payload: ProgressReport):
    milestone = Milestone.objects.select_related("commitment__plan").filter(pk=milestone_id).first()
    if milestone is None or not request.auth.user.has_perm(
        "plans.view_actionplan", milestone.commitment.plan
    ):
        raise Http404  # a draft's milestones do not exist for those who cannot see the draft
    update = services.milestone_report_progress(
        actor=request.auth.user,
        milestone=milestone,
        date=payload.date,
        text=payload.text,
        status=payload.status,
        percent=payload.percent,
        links=[{"url": str(link)} for link in payload.links],
    )
    return Status(201, PROGRESS_UPDATES.written_row(update.pk, active()))


router.add_router("/milestones", milestones)
