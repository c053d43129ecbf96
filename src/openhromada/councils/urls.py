from django.urls import path

from . import calendar, popolo, views

app_name = "councils"
COUNCIL = "hromady/<slug:hromada_slug>/council/"
MEETING = COUNCIL + "meetings/<int:number>/"
urlpatterns = [
    path(COUNCIL, views.council_detail, name="council"),
    path(COUNCIL + "setup/", views.council_setup, name="setup"),
    path(COUNCIL + "history/", views.council_history, name="history"),
    path(COUNCIL + "follow/", views.follow_toggle, name="follow"),
    path(COUNCIL + "members/new/", views.membership_edit, name="membership_create"),
    path(
        COUNCIL + "members/<int:membership_id>/edit/", views.membership_edit, name="membership_edit"
    ),
    path(COUNCIL + "people/<int:person_id>/", views.person_detail, name="person"),
    path(COUNCIL + "decisions/", views.decisions, name="decisions"),
    path(COUNCIL + "decisions.csv", views.decisions_csv, name="decisions_csv"),
    path(COUNCIL + "meetings.ics", calendar.meetings_ics, name="ical"),
    path(COUNCIL + "popolo.json", popolo.council_popolo, name="popolo"),
    path(COUNCIL + "documents/<slug:kind>/<int:pk>/", views.document, name="document"),
    path(COUNCIL + "meetings/new/", views.meeting_edit, name="meeting_create"),
    path(MEETING, views.meeting_detail, name="meeting"),
    path(MEETING + "history/", views.meeting_history, name="meeting_history"),
    path(MEETING + "edit/", views.meeting_edit, name="meeting_edit"),
    path(MEETING + "publish/", views.meeting_publish, name="meeting_publish"),
    path(MEETING + "items/new/", views.item_edit, name="item_create"),
    path(MEETING + "items/<int:item_number>/edit/", views.item_edit, name="item_edit"),
    path(MEETING + "items/<int:item_number>/decision/", views.motion_create, name="motion_create"),
    path(MEETING + "attendance/", views.attendance_edit, name="attendance"),
    path(MEETING + "minutes/", views.minutes_edit, name="minutes"),
]
