"""A ModelAdmin base for public records: the admin writes through the same kernel as the pages
and the API (core.services) — the permission asked of the record, validation, the save and the
public-history entry in one transaction — instead of a write path of its own."""

from django.contrib import admin
from rules.contrib.admin import ObjectPermissionsModelAdminMixin

from .services import create_recorded, require, update_recorded


class HistoryRecordingAdmin(ObjectPermissionsModelAdminMixin, admin.ModelAdmin):
    """Saves in the admin go through core.services; the model lists its HISTORY_FIELDS."""

    def _perm(self, action: str) -> str:
        opts = self.model._meta
        return f"{opts.app_label}.{action}_{opts.model_name}"

    def save_model(self, request, obj, form, change):
        if not change:
            require(request.user, self._perm("add"))
            create_recorded(actor=request.user, obj=obj)
            return
        stored = self.model._default_manager.get(pk=obj.pk)
        require(request.user, self._perm("change"), stored)
        columns = {f.name for f in self.model._meta.concrete_fields}
        values = {
            name: form.cleaned_data[name]
            for name in form.changed_data
            if name in columns and name in form.cleaned_data
        }
        # The form's own instance is saved by the service's copy; related lists (saved by the
        # admin after this) follow on `obj`, which is the same record.
        update_recorded(actor=request.user, obj=stored, values=values)
        obj.refresh_from_db()
