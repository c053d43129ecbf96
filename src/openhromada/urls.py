"""URL map: Ukrainian at /, English under /en/ (links, not cookies, pick the language)."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from openhromada.core import views as core_views
from openhromada.councils.popolo import all_councils_popolo
from openhromada.opendata import urls as opendata_urls

urlpatterns = [
    path("preferences/", core_views.set_preferences, name="set_preferences"),
    path("_bench/floor/", core_views.bench_floor, name="bench_floor"),
    path("data/councils.popolo.json", all_councils_popolo, name="councils_popolo"),
    *opendata_urls.files,
]
urlpatterns += i18n_patterns(
    path("", core_views.home, name="home"),
    path("", include("openhromada.plans.urls")),
    path("", include("openhromada.councils.urls")),
    path("", include("openhromada.participation.urls")),
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
