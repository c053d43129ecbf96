"""Atom feeds of public changes: platform-wide, per hromada, per action plan, per commitment."""

from __future__ import annotations

from django.apps import apps
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from openhromada.core.feeds import PlainTextAtomFeed
from openhromada.core.history_display import describe
from openhromada.core.models import HistoryEntry
from openhromada.core.people import actor_name
from openhromada.core.withholding import active

from .base import absolute
from .history_data import public_entry_objects, scoped_entry_objects
from .links import page_urls

FEED_SIZE = 50


class ChangesFeed(Feed):
    """The latest public changes on the whole platform."""

    feed_type = PlainTextAtomFeed  # people's text as text, XML-safe whatever is stored

    def get_object(self, request, *args, **kwargs):
        self.withheld = active()
        return None

    def title(self, obj):
        return _("Open Hromada: latest public changes")

    def subtitle(self, obj):
        return _("Every change to hromadas, action plans, commitments and milestones.")

    def link(self, obj):
        return reverse("home")

    def entries(self, obj):
        return public_entry_objects(self.withheld)

    def items(self, obj):
        items = list(self.entries(obj).order_by("-seq")[:FEED_SIZE])
        self.urls = page_urls(items)
        return describe(items, None, self.withheld)

    def item_title(self, item: HistoryEntry):
        return f"{item.object_repr} — {item.get_action_display()}"

    def item_description(self, item: HistoryEntry):
        return "; ".join(change.text for change in item.field_changes)  # as pages show it

    def item_link(self, item: HistoryEntry):
        return self.urls.get((item.object_type, item.object_id), "/") + "#history"

    def item_guid(self, item: HistoryEntry):
        return absolute(f"/api/v1/history/{item.seq}")

    item_guid_is_permalink = False

    def item_pubdate(self, item: HistoryEntry):
        return item.created_at

    def item_updateddate(self, item: HistoryEntry):
        return item.created_at

    def item_author_name(self, item: HistoryEntry):
        return actor_name(item.actor_label)  # as `describe` made it public


class HromadaFeed(ChangesFeed):
    def get_object(self, request, slug):
        self.withheld = active()
        return get_object_or_404(apps.get_model("places.hromada"), slug=slug)

    def title(self, obj):
        return _("%(name)s: public changes") % {"name": obj.name}

    def link(self, obj):
        return reverse("places:hromada", args=[obj.slug])

    def entries(self, obj):
        return scoped_entry_objects(self.withheld, hromada=obj)


def _public_plan(hromada_slug, plan_slug, withheld):
    plan = get_object_or_404(
        apps.get_model("plans.actionplan").objects.public().select_related("hromada"),
        hromada__slug=hromada_slug,
        slug=plan_slug,
    )
    if withheld.hides(plan):
        raise Http404
    return plan


class PlanFeed(ChangesFeed):
    def get_object(self, request, hromada_slug, plan_slug):
        self.withheld = active()
        return _public_plan(hromada_slug, plan_slug, self.withheld)

    def title(self, obj):
        return _("%(plan)s (%(hromada)s): public changes") % {
            "plan": obj.title,
            "hromada": obj.hromada.name,
        }

    def link(self, obj):
        return reverse("plans:plan", args=[obj.hromada.slug, obj.slug])

    def entries(self, obj):
        return scoped_entry_objects(self.withheld, plan=obj)


class CommitmentFeed(ChangesFeed):
    def get_object(self, request, hromada_slug, plan_slug, number):
        self.withheld = active()
        plan = _public_plan(hromada_slug, plan_slug, self.withheld)
        commitment = get_object_or_404(
            plan.commitments.select_related("plan__hromada"), number=number
        )
        if self.withheld.hides(commitment):
            raise Http404
        return commitment

    def title(self, obj):
        return _("Commitment %(number)s. %(title)s: public changes") % {
            "number": obj.number,
            "title": obj.title,
        }

    def link(self, obj):
        plan = obj.plan
        return reverse("plans:commitment", args=[plan.hromada.slug, plan.slug, obj.number])

    def entries(self, obj):
        return scoped_entry_objects(self.withheld, commitment=obj)
