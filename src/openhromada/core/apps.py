from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "openhromada.core"
    label = "core"
    verbose_name = _("Core")
    default = True

    def ready(self):
        from .records import register_all

        register_all()  # every model's RECORD declaration (core.records)
