"""An Atom feed per call: its proposals, newest first, each with its response status."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.translation import gettext as _

from openhromada.core.feeds import PlainTextAtomFeed

from . import selectors
from .rows import hidden_notice

FEED_SIZE = 50


class CallFeed(Feed):
    feed_type = PlainTextAtomFeed  # people's text as text, XML-safe whatever is stored

    def get_object(self, request, pk):
        return selectors.get_call(request, pk)

    def title(self, call):
        return _("Proposals: %(title)s") % {"title": call.title}

    def link(self, call):
        return reverse("participation:call", args=[call.pk])

    def items(self, call):
        return (
            call.proposals.filter(withdrawn_at__isnull=True)
            .select_related("author")
            .order_by("-created_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, item):
        if item.is_hidden:
            return f"№ {item.number}. {hidden_notice(item)}"
        return f"№ {item.number}. {item.title}"

    def item_description(self, item):
        if item.is_hidden:
            return ""
        status = item.get_response_display() if item.response else _("awaiting response")
        return f"{status}. {item.problem[:500]}"

    def item_link(self, item):
        return reverse("participation:proposal", args=[item.pk])

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.responded_at or item.updated_at

    def item_author_name(self, item):
        return item.author.public_name
