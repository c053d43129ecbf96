from django.urls import path

from . import consultation_views as cv
from . import moderation_views as mv
from . import views
from .feeds import CallFeed

app_name = "participation"
CALL = "calls/<int:pk>/"
PROPOSAL = "proposals/<int:pk>/"
CONSULTATION = "consultations/<int:pk>/"
CONTENT = "moderation/<slug:kind>/<int:pk>/"
urlpatterns = [
    path(
        "hromady/<slug:hromada_slug>/plans/<slug:plan_slug>/calls/new/",
        views.call_create,
        name="call_create",
    ),
    path("participation/", views.index, name="index"),
    path(CALL, views.call_detail, name="call"),
    path(CALL + "edit/", views.call_edit, name="call_edit"),
    path(CALL + "close/", views.call_close, name="call_close"),
    path(CALL + "report/", views.call_report, name="call_report"),
    path("feeds/calls/<int:pk>.atom", CallFeed(), name="call_feed"),
    path(CALL + "follow/", views.call_follow, name="call_follow"),
    path(CALL + "proposals/new/", views.proposal_create, name="proposal_create"),
    path(PROPOSAL, views.proposal_detail, name="proposal"),
    path(PROPOSAL + "edit/", views.proposal_edit, name="proposal_edit"),
    path(PROPOSAL + "withdraw/", views.proposal_withdraw, name="proposal_withdraw"),
    path(PROPOSAL + "support/", views.proposal_support, name="proposal_support"),
    path(PROPOSAL + "follow/", views.proposal_follow, name="proposal_follow"),
    path(PROPOSAL + "respond/", views.proposal_respond, name="proposal_respond"),
    path(PROPOSAL + "comments/", views.proposal_comment, name="proposal_comment"),
    path("attachments/<int:pk>/", views.attachment, name="attachment"),
    path(
        "hromady/<slug:hromada_slug>/consultations/new/",
        cv.consultation_create,
        name="consultation_create",
    ),
    path(CONSULTATION, cv.consultation_detail, name="consultation"),
    path(CONSULTATION + "edit/", cv.consultation_edit, name="consultation_edit"),
    path(CONSULTATION + "document/", cv.document, name="consultation_document"),
    path(CONSULTATION + "sections/new/", cv.section_edit, name="section_create"),
    path(CONSULTATION + "sections/<int:number>/edit/", cv.section_edit, name="section_edit"),
    path(
        CONSULTATION + "sections/<int:number>/comments/",
        cv.section_comment,
        name="section_comment",
    ),
    path(CONSULTATION + "questions/new/", cv.question_edit, name="question_create"),
    path(CONSULTATION + "questions/<int:number>/edit/", cv.question_edit, name="question_edit"),
    path(CONSULTATION + "publish/", cv.consultation_publish, name="consultation_publish"),
    path(CONSULTATION + "close/", cv.consultation_close, name="consultation_close"),
    path(CONSULTATION + "survey/", cv.survey_submit, name="survey"),
    path(CONSULTATION + "survey.csv", cv.survey_csv, name="survey_csv"),
    path(CONSULTATION + "report/", cv.consultation_report, name="report"),
    path(CONSULTATION + "report/edit/", cv.report_edit, name="report_edit"),
    path(CONSULTATION + "follow/", cv.consultation_follow, name="consultation_follow"),
    path("comments/<int:pk>/outcome/", cv.comment_outcome, name="comment_outcome"),
    path(CONTENT + "report/", mv.report_abuse, name="report_abuse"),
    path(CONTENT + "hide/", mv.hide, name="hide"),
    path(CONTENT + "restore/", mv.restore, name="restore"),
    path(CONTENT + "dismiss/", mv.dismiss, name="dismiss"),
    path(CONTENT + "block/", mv.block, name="block"),
    path("moderation/", mv.moderation_log, name="moderation_log"),
    path("moderation/queue/", mv.moderation_queue, name="moderation_queue"),
]
