"""A ModelAdmin base that records every save in the public history (shared by every app)."""

from django.contrib import admin
from django.db import transaction

from .history import diff, record, snapshot
from .models import HistoryAction


class HistoryRecordingAdmin(admin.ModelAdmin):
    """Saves in the admin append to the public history; the model lists its HISTORY_FIELDS."""

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        before = None
        if change:
            before = snapshot(type(obj).objects.get(pk=obj.pk), obj.HISTORY_FIELDS)
        super().save_model(request, obj, form, change)
        after = snapshot(obj, obj.HISTORY_FIELDS)
        if before is None:
            record(
                actor=request.user,
                obj=obj,
                action=HistoryAction.CREATE,
                changes={k: [None, v] for k, v in after.items()},
            )
        elif changes := diff(before, after):
            record(actor=request.user, obj=obj, action=HistoryAction.UPDATE, changes=changes)
