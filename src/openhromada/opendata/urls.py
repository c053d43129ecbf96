"""Open-data pages (per language) and files (one address whatever the language)."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, re_path
from django.views.decorators.cache import cache_page

from . import feeds, views
from .api import api
from .sitemaps import SITEMAPS

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

# Outside the language prefix: the API, bulk files, the catalogue, robots and the sitemap.
files = [
    path("api/v1/", api.urls),
    re_path(r"^api/v1/(?P<rest>.*)$", views.api_not_found),  # after the API: what it lacks
    path("data/openhromada.zip", views.download_all, name="download_all"),
    path("data/catalog.<str:fmt>", views.catalogue, name="catalogue"),
    path("data/<slug:key>.<str:fmt>", views.download, name="download"),
    path("robots.txt", views.robots, name="robots"),
    path(
        "sitemap.xml",
        cache_page(3600)(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        cache_page(3600)(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
]
