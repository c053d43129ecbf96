"""Admin for withholdings: operators withhold and publish again, always through the service."""

from django import forms
from django.apps import apps
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import Withholding
from .withholding import REGISTRY, check, withholding_create, withholding_release


def _type_choices():
    return [(label, str(apps.get_model(label)._meta.verbose_name)) for label in sorted(REGISTRY)]


class WithholdingAddForm(forms.ModelForm):
    object_type = forms.ChoiceField(label=_("kind of record"), choices=_type_choices)
    object_id = forms.IntegerField(label=_("record number (id)"), min_value=1)
    request_user = None  # set per request by the admin

    class Meta:
        model = Withholding
        fields = ("object_type", "object_id", "field", "reason")
        help_texts = {"field": _("Leave empty to withhold the whole record.")}

    def clean(self):
        """The service's own rule (withholding.check), asked before saving so the form can say
        what is wrong; the service asks it again when it writes."""
        data = super().clean()
        label, pk = data.get("object_type"), data.get("object_id")
        if label and pk:
            self.target = apps.get_model(label).objects.filter(pk=pk).first()
            if self.target is None:
                raise ValidationError({"object_id": _("There is no such record.")})
            check(self.request_user, self.target, data.get("field", ""), data.get("reason", ""))
        return data


class WithholdingReleaseForm(forms.ModelForm):
    release_reason = forms.CharField(
        label=_("reason for publishing again"), widget=forms.Textarea, required=True
    )

    class Meta:
        model = Withholding
        fields = ("release_reason",)


@admin.register(Withholding)
class WithholdingAdmin(admin.ModelAdmin):
    list_display = ("object_type", "object_id", "field", "reason", "created_at", "released_at")
    list_filter = ("object_type", ("released_at", admin.EmptyFieldListFilter))
    search_fields = ("object_id", "reason")

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj:
            kwargs["form"] = WithholdingReleaseForm
        else:
            kwargs["form"] = type(
                "WithholdingAddForm", (WithholdingAddForm,), {"request_user": request.user}
            )
        return super().get_form(request, obj, change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("object_type", "object_id", "field", "reason")
        readonly = ("object_type", "object_id", "field", "reason", "created_at")
        return (*readonly, "released_at") if obj.released_at else (*readonly, "release_reason")

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        return ("object_type", "object_id", "field", "reason", "created_at", "released_at") + (
            ("release_reason",) if obj.released_at else ()
        )

    def save_model(self, request, obj, form, change):
        """Both writes go through the service: permission, validation, history entry."""
        if change:
            withholding_release(actor=request.user, withholding=obj, reason=obj.release_reason)
        else:
            saved = withholding_create(
                actor=request.user, obj=form.target, field=obj.field, reason=obj.reason
            )
            obj.pk = saved.pk

    def has_module_permission(self, request):
        return request.user.has_perm("core.withhold")

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("core.withhold")

    def has_add_permission(self, request):
        return request.user.has_perm("core.withhold")

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("core.withhold") and (obj is None or not obj.released_at)

    def has_delete_permission(self, request, obj=None):
        return False  # the decision stays on record
