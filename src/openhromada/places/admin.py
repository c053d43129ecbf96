"""Admin for places: operators and admins edit; every save goes to the public history."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from openhromada.core.admin_history import HistoryRecordingAdmin

from .models import Hromada, Oblast, Raion


class CodifierAdmin(HistoryRecordingAdmin):
    """Codifier records are edited, never deleted: the codifier retires codes, history stays."""

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Oblast)
class OblastAdmin(CodifierAdmin):
    list_display = ("name_uk", "name_en", "code", "kind", "temporarily_occupied")
    search_fields = ("name_uk", "name_en", "code")
    readonly_fields = ("slug",)


@admin.register(Raion)
class RaionAdmin(CodifierAdmin):
    list_display = ("name_uk", "name_en", "code", "oblast")
    list_filter = ("oblast",)
    search_fields = ("name_uk", "name_en", "code")


@admin.register(Hromada)
class HromadaAdmin(CodifierAdmin):
    list_display = (
        "name_uk",
        "name_en",
        "code",
        "oblast",
        "kind",
        "ogp_member_since",
        "temporarily_occupied",
    )
    list_filter = ("kind", "category", "temporarily_occupied", "membership_origin", "oblast")
    search_fields = ("name_uk", "name_en", "code")
    list_select_related = ("oblast",)
    autocomplete_fields = ("raion",)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "code",
                    "slug",
                    "name_uk",
                    "name_en",
                    "category",
                    "oblast",
                    "raion",
                    "kind",
                    "temporarily_occupied",
                )
            },
        ),
        (
            _("Administrative centre"),
            {"fields": ("centre_name_uk", "centre_name_en", "centre_code")},
        ),
        (_("Facts"), {"fields": ("population", "population_source", "website")}),
        (_("OGP Local"), {"fields": ("ogp_member_since", "ogp_member_until", "membership_origin")}),
    )

    def get_readonly_fields(self, request, obj=None):
        return ("slug",) if obj else ()
