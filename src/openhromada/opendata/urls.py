"""Open-data pages (per language) and files (one address whatever the language)."""

from django.urls import path

from . import feeds, views

app_name = "opendata"
pages = [
    path("data/", views.index, name="index"),
    path("data/<slug:key>/", views.dataset, name="dataset"),
    path("feeds/changes.atom", feeds.ChangesFeed(), name="feed"),
    path("feeds/hromady/<slug:slug>.atom", feeds.HromadaFeed(), name="hromada_feed"),
    path(
        "feeds/hromady/<slug:hromada_slug>/plans/<slug:plan_slug>.atom",
        feeds.PlanFeed(),
        name="plan_feed",
    ),
    path(
        "feeds/hromady/<slug:hromada_slug>/plans/<slug:plan_slug>/<int:number>.atom",
        feeds.CommitmentFeed(),
        name="commitment_feed",
    ),
    path("accounts/tokens/", views.token_list, name="tokens"),
    path("accounts/tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
]

# Outside the language prefix: bulk files, the catalogue and robots (the API and the sitemap,
# which gather every app, are wired in the portal).
files = [
    path("data/openhromada.zip", views.download_all, name="download_all"),
    path("data/catalog.<str:fmt>", views.catalogue, name="catalogue"),
    path("data/<slug:key>.<str:fmt>", views.download, name="download"),
    path("robots.txt", views.robots, name="robots"),
]
