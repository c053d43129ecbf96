from django.contrib import admin

from .models import MonitoringNetwork


@admin.register(MonitoringNetwork)
class MonitoringNetworkAdmin(admin.ModelAdmin):
    list_display = ("name_uk", "name_en", "origin")
    search_fields = ("name_uk", "name_en")
    filter_horizontal = ("oblasts",)
    prepopulated_fields = {"slug": ("name_en",)}
