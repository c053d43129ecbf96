from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "openhromada.core"
    label = "core"
    verbose_name = _("Core")
    default = True

    def ready(self):
        # Imported here, not at the top: these modules read models and other apps' registries,
        # which Django makes ready only after every app is loaded (the layers' one exception).
        from django.db.models.signals import post_migrate

        from .records import register_all
        from .statistics import refresh_after_migrate

        register_all()  # every model's RECORD declaration (core.records)
        post_migrate.connect(refresh_after_migrate, sender=self)  # once per migrate
