from django.contrib import admin

from openhromada.core.admin_history import HistoryRecordingAdmin

from .models import MonitoringNetwork


@admin.register(MonitoringNetwork)
class MonitoringNetworkAdmin(HistoryRecordingAdmin):
    list_display = ("name_uk", "name_en", "origin")
    search_fields = ("name_uk", "name_en")
    filter_horizontal = ("oblasts",)
    prepopulated_fields = {"slug": ("name_en",)}
