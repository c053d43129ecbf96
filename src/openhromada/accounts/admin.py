"""Admin for users and roles: operators manage ordinary accounts; admins grant platform roles."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from openhromada.core.models import HistoryAction

from .models import PLATFORM_ROLES, RoleAssignment, User
from .services import record_role_change


class RoleAssignmentForm(forms.ModelForm):
    """Refuses a platform-wide role unless the person saving may grant it."""

    request_user = None

    class Meta:
        model = RoleAssignment
        fields = ["user", "role", "hromada", "network"]

    def clean_role(self):
        role = self.cleaned_data["role"]
        if role in PLATFORM_ROLES and not self.request_user.has_perm(
            "accounts.grant_platform_role"
        ):
            raise ValidationError(_("Only platform administrators can grant this role."))
        return role


def _form_for(request, base):
    return type(base.__name__, (base,), {"request_user": request.user})


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    form = RoleAssignmentForm
    extra = 0
    autocomplete_fields = ("hromada",)
    fields = ("role", "hromada", "network")

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["form"] = _form_for(request, RoleAssignmentForm)
        return super().get_formset(request, obj, **kwargs)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ("email",)
    list_display = ("email", "display_name", "is_active", "data_origin", "date_joined")
    list_filter = ("is_active", "data_origin", "roles__role")
    search_fields = ("email", "display_name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Profile"), {"fields": ("display_name", "preferred_language", "text_size", "theme")}),
        (_("Status"), {"fields": ("is_active", "data_origin", "last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    readonly_fields = ("last_login", "date_joined")
    inlines = [RoleAssignmentInline]

    def save_formset(self, request, form, formset, change):
        deleted = list(formset.deleted_objects) if hasattr(formset, "deleted_objects") else []
        super().save_formset(request, form, formset, change)
        if formset.model is RoleAssignment:
            for assignment in formset.new_objects:
                record_role_change(
                    actor=request.user, assignment=assignment, action=HistoryAction.CREATE
                )
            for assignment in deleted:
                record_role_change(
                    actor=request.user, assignment=assignment, action=HistoryAction.DELETE
                )


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    form = RoleAssignmentForm
    list_display = ("user", "role", "hromada", "network", "granted_at")
    list_filter = ("role",)
    search_fields = ("user__email", "user__display_name", "hromada__name_uk", "hromada__name_en")
    autocomplete_fields = ("user", "hromada")
    list_select_related = ("user", "hromada", "network")

    def get_form(self, request, obj=None, **kwargs):
        kwargs["form"] = _form_for(request, RoleAssignmentForm)
        return super().get_form(request, obj, **kwargs)

    def save_model(self, request, obj, form, change):
        if change:
            previous = RoleAssignment.objects.get(pk=obj.pk)
            record_role_change(actor=request.user, assignment=previous, action=HistoryAction.DELETE)
        super().save_model(request, obj, form, change)
        record_role_change(actor=request.user, assignment=obj, action=HistoryAction.CREATE)

    def delete_model(self, request, obj):
        record_role_change(actor=request.user, assignment=obj, action=HistoryAction.DELETE)
        super().delete_model(request, obj)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if allowed and obj is not None and obj.role in PLATFORM_ROLES:
            return request.user.has_perm("accounts.grant_platform_role")
        return allowed
