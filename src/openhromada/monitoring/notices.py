"""Monitoring's notices, handed to the lower layers' registries in MonitoringConfig.ready().

People follow a monitoring network (its members, assignments and reports) and a report (its
reply and publication); the notifications about them link to the network's and the report's
page. Registering those pages here tells the notification pages where each followed record
lives, so "What I follow" links to it and its unread notifications are matched to it.
"""

from openhromada.notifications.selectors import register_page

from .models.networks import network_page
from .models.reports import report_page


def register() -> None:
    """Register the pages of the monitoring records people follow."""
    register_page("monitoring.monitoringnetwork", network_page)
    register_page("monitoring.report", report_page)
