from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "openhromada.opendata"
    label = "opendata"
    verbose_name = _("Open data")

    def ready(self):
        # Imported here, not at the top: these modules read models and other apps' registries,
        # which Django makes ready only after every app is loaded (the layers' one exception).
        from openhromada.core.visibility import publicity_changed

        from .base import register as register_datasets
        from .dumps import discard_dump
        from .history_data import HISTORY

        register_datasets(HISTORY)
        publicity_changed.connect(discard_dump, dispatch_uid="opendata-discard-dump")
