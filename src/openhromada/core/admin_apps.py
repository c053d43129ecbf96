"""The Django admin app, using the Open Hromada admin site."""

from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    """Entered by role (operators and admins), not by the is_staff flag."""

    default_site = "openhromada.core.admin_site.OpenHromadaAdminSite"
