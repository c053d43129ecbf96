"""Atom feeds of published monitoring reports: every network's, and one network's. A report is
in them once published (never a draft nor one in its reply period); a withheld report is left
out, a withheld summary blanked."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext as _

from openhromada.core import visibility
from openhromada.core.feeds import PlainTextAtomFeed
from openhromada.core.withholding import active

from .models import MonitoringNetwork, Report

FEED_SIZE = 50


class ReportsFeed(Feed):
    """The latest published monitoring reports of every network."""

    feed_type = PlainTextAtomFeed  # people's text as text, XML-safe whatever is stored

    def get_object(self, request, *args, **kwargs):
        self.withheld = active()
        return None

    def title(self, obj):
        return _("Open Hromada: independent monitoring reports")

    def subtitle(self, obj):
        return _(
            "Monitoring reports on OGP Local action plans, published with the hromadas' replies."
        )

    def link(self, obj):
        return reverse("monitoring:networks")

    def reports(self, obj):
        return Report.objects.all()

    def items(self, obj):
        reports = visibility.visible(self.reports(obj), self.withheld).select_related(
            "plan__hromada", "network"
        )
        return [
            self.withheld.redact(r) for r in reports.order_by("-published_at", "-pk")[:FEED_SIZE]
        ]

    def item_title(self, item: Report):
        return _("%(kind)s: %(plan)s (%(hromada)s)") % {
            "kind": item.get_kind_display().capitalize(),
            "plan": item.plan.title,
            "hromada": item.plan.hromada.name,
        }

    def item_description(self, item: Report):
        return str(item.summary)[:1000]  # a withheld summary reads as the notice

    def item_link(self, item: Report):
        return reverse("monitoring:report", args=[item.pk])

    def item_pubdate(self, item: Report):
        return item.published_at

    def item_updateddate(self, item: Report):
        return max(item.published_at, item.updated_at)

    def item_author_name(self, item: Report):
        return item.author_label or str(item.network)

    def item_categories(self, item: Report):
        return [str(item.network)]


class NetworkReportsFeed(ReportsFeed):
    """One network's published reports."""

    def get_object(self, request, slug):
        self.withheld = active()
        return get_object_or_404(MonitoringNetwork, slug=slug)

    def title(self, obj):
        return _("%(network)s: monitoring reports") % {"network": obj}

    def link(self, obj):
        return reverse("monitoring:network", args=[obj.slug])

    def reports(self, obj):
        return Report.objects.filter(network=obj)


urlpatterns = [
    path("feeds/reports.atom", ReportsFeed(), name="reports_feed"),
    path("networks/<slug:slug>/reports.atom", NetworkReportsFeed(), name="network_reports_feed"),
]
