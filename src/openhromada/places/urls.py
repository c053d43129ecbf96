from django.urls import path

from . import views

app_name = "places"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("rows.csv", views.directory_csv, name="directory_csv"),
    path("<slug:slug>/", views.hromada_detail, name="hromada"),
    path("<slug:slug>/history/", views.hromada_history, name="hromada_history"),
]
