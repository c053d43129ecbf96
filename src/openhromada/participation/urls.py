"""Every participation page, wired to its sub-domain's views; the names (`participation:…`) and
paths are the public contract templates, tests and links rely on."""

from django.urls import path

from . import views
from .calls import views as calls
from .calls.feeds import CallFeed
from .comments import views as comments
from .consultations import views as consultations
from .moderation import views as moderation

app_name = "participation"
CALL = "calls/<int:pk>/"
PROPOSAL = "proposals/<int:pk>/"
CONSULTATION = "consultations/<int:pk>/"
CONTENT = "moderation/<slug:kind>/<int:pk>/"
urlpatterns = [
    path(
        "hromady/<slug:hromada_slug>/plans/<slug:plan_slug>/calls/new/",
        calls.call_create,
        name="call_create",
    ),
    path("participation/", views.index, name="index"),
    path(CALL, calls.call_detail, name="call"),
    path(CALL + "edit/", calls.call_edit, name="call_edit"),
    path(CALL + "close/", calls.call_close, name="call_close"),
    path(CALL + "report/", calls.call_report, name="call_report"),
    path(CALL + "proposals.csv", calls.call_proposals_csv, name="call_proposals_csv"),
    path(CALL + "history/", calls.call_history, name="call_history"),
    path("feeds/calls/<int:pk>.atom", CallFeed(), name="call_feed"),
    path(CALL + "follow/", calls.call_follow, name="call_follow"),
    path(CALL + "proposals/new/", calls.proposal_create, name="proposal_create"),
    path(PROPOSAL, calls.proposal_detail, name="proposal"),
    path(PROPOSAL + "edit/", calls.proposal_edit, name="proposal_edit"),
    path(PROPOSAL + "history/", calls.proposal_history, name="proposal_history"),
    path(PROPOSAL + "withdraw/", calls.proposal_withdraw, name="proposal_withdraw"),
    path(PROPOSAL + "support/", calls.proposal_support, name="proposal_support"),
    path(PROPOSAL + "follow/", calls.proposal_follow, name="proposal_follow"),
    path(PROPOSAL + "respond/", calls.proposal_respond, name="proposal_respond"),
    path(PROPOSAL + "comments/", comments.proposal_comment, name="proposal_comment"),
    path("attachments/<int:pk>/", calls.attachment, name="attachment"),
    path(
        "hromady/<slug:hromada_slug>/consultations/new/",
        consultations.consultation_create,
        name="consultation_create",
    ),
    path(CONSULTATION, consultations.consultation_detail, name="consultation"),
    path(CONSULTATION + "edit/", consultations.consultation_edit, name="consultation_edit"),
    path(
        CONSULTATION + "history/", consultations.consultation_history, name="consultation_history"
    ),
    path(CONSULTATION + "document/", consultations.document, name="consultation_document"),
    path(CONSULTATION + "sections/new/", consultations.section_edit, name="section_create"),
    path(
        CONSULTATION + "sections/<int:number>/edit/",
        consultations.section_edit,
        name="section_edit",
    ),
    path(
        CONSULTATION + "sections/<int:number>/comments/",
        comments.section_comment,
        name="section_comment",
    ),
    path(CONSULTATION + "questions/new/", consultations.question_edit, name="question_create"),
    path(
        CONSULTATION + "questions/<int:number>/edit/",
        consultations.question_edit,
        name="question_edit",
    ),
    path(
        CONSULTATION + "publish/", consultations.consultation_publish, name="consultation_publish"
    ),
    path(CONSULTATION + "close/", consultations.consultation_close, name="consultation_close"),
    path(CONSULTATION + "survey/", consultations.survey_submit, name="survey"),
    path(CONSULTATION + "survey.csv", consultations.survey_csv, name="survey_csv"),
    path(CONSULTATION + "report/", consultations.consultation_report, name="report"),
    path(CONSULTATION + "report/edit/", consultations.report_edit, name="report_edit"),
    path(CONSULTATION + "follow/", consultations.consultation_follow, name="consultation_follow"),
    path("comments/<int:pk>/outcome/", consultations.comment_outcome, name="comment_outcome"),
    path(CONTENT + "report/", moderation.report_abuse, name="report_abuse"),
    path(CONTENT + "hide/", moderation.hide, name="hide"),
    path(CONTENT + "restore/", moderation.restore, name="restore"),
    path(CONTENT + "dismiss/", moderation.dismiss, name="dismiss"),
    path(CONTENT + "block/", moderation.block, name="block"),
    path("moderation/", moderation.moderation_log, name="moderation_log"),
    path("moderation/queue/", moderation.moderation_queue, name="moderation_queue"),
]
