"""The admin site: in Ukrainian by default, entered by the `core.access_admin` permission."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class OpenHromadaAdminSite(admin.AdminSite):
    site_header = _("Open Hromada administration")
    site_title = _("Open Hromada")
    index_title = _("Platform administration")

    def has_permission(self, request) -> bool:
        user = request.user
        return bool(user.is_active and user.has_perm("core.access_admin"))
