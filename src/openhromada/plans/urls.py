from django.urls import path

from . import views

app_name = "plans"
PLAN = "hromady/<slug:hromada_slug>/plans/<slug:plan_slug>/"
COMMITMENT = PLAN + "commitments/<int:number>/"
urlpatterns = [
    path("plans/", views.overview, name="overview"),
    path("plans/milestones/", views.milestones, name="milestones"),
    path("hromady/<slug:hromada_slug>/plans/new/", views.plan_create, name="plan_create"),
    path(PLAN, views.plan_detail, name="plan"),
    path(PLAN + "edit/", views.plan_edit, name="plan_edit"),
    path(PLAN + "history/", views.plan_history, name="plan_history"),
    path(PLAN + "export.<str:fmt>", views.plan_export, name="plan_export"),
    path(PLAN + "print/", views.plan_print, name="plan_print"),
    path(PLAN + "import/", views.plan_import, name="plan_import"),
    path(PLAN + "follow/", views.follow_toggle, name="plan_follow"),
    path(PLAN + "evidence/<int:file_id>/", views.evidence_file, name="evidence"),
    path(COMMITMENT + "follow/", views.follow_toggle, name="commitment_follow"),
    path("plans/import-template.<str:fmt>", views.import_template, name="import_template"),
    path(PLAN + "status/", views.plan_transition, name="plan_transition"),
    path(PLAN + "commitments/new/", views.commitment_create, name="commitment_create"),
    path(COMMITMENT, views.commitment_detail, name="commitment"),
    path(COMMITMENT + "edit/", views.commitment_edit, name="commitment_edit"),
    path(COMMITMENT + "history/", views.commitment_history, name="commitment_history"),
    path(COMMITMENT + "milestones/new/", views.milestone_create, name="milestone_create"),
    path(
        COMMITMENT + "milestones/<int:milestone>/progress/",
        views.milestone_report,
        name="milestone_report",
    ),
]
