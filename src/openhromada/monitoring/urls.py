"""Monitoring's addresses: each part of the app keeps its own list (networks, findings,
reports, the public comparison); this module joins them under the `monitoring` namespace."""

from . import feeds
from .views import comparison, findings, networks, reports

app_name = "monitoring"

urlpatterns = [
    *networks.urlpatterns,
    *findings.urlpatterns,
    *reports.urlpatterns,
    *comparison.urlpatterns,
    *feeds.urlpatterns,
]
