from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "openhromada.monitoring"
    label = "monitoring"
    verbose_name = _("Independent monitoring")

    def ready(self):
        # Imported here, not at the top: these modules read models and other apps' registries,
        # which Django makes ready only after every app is loaded (the layers' one exception).
        from . import datasets, notices, sections  # late: the apps are loaded only now

        datasets.register()
        sections.register()
        notices.register()
