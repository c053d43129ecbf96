"""URL map: Ukrainian at /, English under /en/ (links, not cookies, pick the language).

The portal wires every app's addresses, the API (every app's router, assembled in portal.api)
and the sitemap (every app's public pages, portal.sitemaps)."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.views.decorators.cache import cache_page

from openhromada.accounts import views as account_views
from openhromada.core import views as core_views
from openhromada.councils.popolo import all_councils_popolo
from openhromada.opendata import urls as opendata_urls
from openhromada.opendata import views as opendata_views

from . import docs, views
from .api import api
from .sitemaps import SITEMAPS

urlpatterns = [
    path("preferences/", account_views.set_preferences, name="set_preferences"),
    path("_bench/floor/", core_views.bench_floor, name="bench_floor"),
    path("data/councils.popolo.json", all_councils_popolo, name="councils_popolo"),
    path("api/v1/", api.urls),
    # after the API: what it lacks (its documentation page is a site page, in both languages)
    re_path(r"^api/v1/(?!docs$)(?P<rest>.*)$", opendata_views.api_not_found),
    path("favicon.ico", docs.favicon, name="favicon"),
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
    *opendata_urls.files,
]
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("api/v1/docs", docs.api_docs, name="api_docs"),
    path("my/", views.my_home, name="my_home"),
    path("my/<slug:key>/", views.my_list, name="my_list"),
    path("", include("openhromada.plans.urls")),
    path("", include("openhromada.councils.urls")),
    path("", include("openhromada.participation.urls")),
    path("monitoring/", include("openhromada.monitoring.urls")),
    path("hromady/", include("openhromada.places.urls")),
    path("", include((opendata_urls.pages, "opendata"))),
    path("accounts/", include("openhromada.accounts.urls")),
    path("accounts/notifications/", include("openhromada.notifications.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

handler400 = "openhromada.core.views.error_400"
handler403 = "openhromada.core.views.error_403"
handler404 = "openhromada.core.views.error_404"
handler500 = "openhromada.core.views.error_500"
