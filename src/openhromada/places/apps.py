from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "openhromada.places"
    label = "places"
    verbose_name = _("Places")

    def ready(self):
        # Imported here, not at the top: these modules read models and other apps' registries,
        # which Django makes ready only after every app is loaded (the layers' one exception).
        from openhromada.opendata.base import register as register_datasets

        from .datasets import HROMADAS, OBLASTS

        register_datasets(OBLASTS, HROMADAS)
