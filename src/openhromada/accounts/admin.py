"""Admin for users and roles: operators manage ordinary accounts; admins manage everyone.

Every permission is asked with the account or role row on the page (Django's ModelAdmin asks
without it, which a rule about the target would answer for "nobody in particular"), and every
save goes through the accounts services, which ask again and record the public history.
"""

import copy

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, AdminUserCreationForm, UserChangeForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from rules.contrib.admin import ObjectPermissionsModelAdminMixin

from .models import PLATFORM_ROLES, RoleAssignment, User
from .services import (
    ACCOUNT_FIELDS,
    role_grant,
    role_revoke,
    role_update,
    user_create,
    user_delete,
    user_set_password,
    user_update,
)


class RoleAssignmentForm(forms.ModelForm):
    """Refuses a platform-wide role, or any role of a privileged account, unless the person
    saving may grant it."""

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

    def clean(self):
        data = super().clean()
        if "user" in self.fields:
            user, field = data.get("user"), "user"
        else:  # a row on a user's page belongs to that user (none yet while adding one)
            user, field = (self.instance.user if self.instance.user_id else None), None
        if user is not None and not self.request_user.has_perm("accounts.add_roleassignment", user):
            self.add_error(
                field,
                _(
                    "Only platform administrators can change the roles of operators, "
                    "administrators and superusers."
                ),
            )
        return data


class AccountPasswordForm(AdminPasswordChangeForm):
    """Django's password form, saving through the service (which asks the permission again)."""

    request_user = None

    def save(self, commit=True):
        password = (
            self.cleaned_data["password1"] if self.cleaned_data["set_usable_password"] else None
        )
        return user_set_password(actor=self.request_user, user=self.user, password=password)


def _form_for(request, base):
    return type(base.__name__, (base,), {"request_user": request.user})


class RoleAssignmentInline(admin.TabularInline):
    """The roles on a user's page: the user's to manage, or read-only."""

    model = RoleAssignment
    form = RoleAssignmentForm
    extra = 0
    autocomplete_fields = ("hromada",)
    fields = ("role", "hromada", "network")

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["form"] = _form_for(request, RoleAssignmentForm)
        return super().get_formset(request, obj, **kwargs)

    # `obj` is the user whose page this is (None while adding one).
    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("accounts.view_roleassignment")

    def has_add_permission(self, request, obj):
        return request.user.has_perm("accounts.add_roleassignment", obj)

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("accounts.add_roleassignment", obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm("accounts.add_roleassignment", obj)


class NormalisedEmail:
    """The e-mail as the services store it (lower case), so the form's own uniqueness check
    answers "already exists" for ADMIN@… instead of the service failing after the form passed."""

    def clean_email(self):
        return User.objects.normalize_email(self.cleaned_data["email"]).lower()


class AccountChangeForm(NormalisedEmail, UserChangeForm):
    pass


class AccountCreationForm(NormalisedEmail, AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("email",)


@admin.register(User)
class UserAdmin(ObjectPermissionsModelAdminMixin, DjangoUserAdmin):
    form = AccountChangeForm
    add_form = AccountCreationForm
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

    def user_change_password(self, request, id, form_url=""):
        # Django builds the password form itself from `change_password_form`; the admin object
        # is shared between requests (and threads), so a copy for this request carries a form
        # that knows who is acting.
        acting = copy.copy(self)
        acting.change_password_form = _form_for(request, AccountPasswordForm)
        return super(UserAdmin, acting).user_change_password(request, id, form_url)

    def save_model(self, request, obj, form, change):
        if change:
            values = {name: form.cleaned_data[name] for name in form.changed_data}
            user_update(
                actor=request.user,
                user=obj,
                **{k: v for k, v in values.items() if k in ACCOUNT_FIELDS},
            )
        else:
            user_create(actor=request.user, user=obj)

    def delete_model(self, request, obj):
        user_delete(actor=request.user, user=obj)

    def delete_queryset(self, request, queryset):
        for user in queryset:
            user_delete(actor=request.user, user=user)

    def save_formset(self, request, form, formset, change):
        if formset.model is not RoleAssignment:
            super().save_formset(request, form, formset, change)
            return
        formset.save(commit=False)  # sorts the rows; the services write them
        actor = request.user
        for assignment in formset.deleted_objects:
            role_revoke(actor=actor, assignment=assignment)
        for assignment, _changed in formset.changed_objects:
            role_update(actor=actor, assignment=assignment, **_row(assignment))
        for assignment in formset.new_objects:
            saved = role_grant(actor=actor, **_row(assignment))
            assignment.pk = saved.pk


def _row(assignment: RoleAssignment) -> dict:
    return {
        "user": assignment.user,
        "role": assignment.role,
        "hromada": assignment.hromada,
        "network": assignment.network,
    }


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ObjectPermissionsModelAdminMixin, admin.ModelAdmin):
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
            role_update(actor=request.user, assignment=obj, **_row(obj))
        else:
            saved = role_grant(actor=request.user, **_row(obj))
            obj.pk, obj.granted_at = saved.pk, saved.granted_at

    def delete_model(self, request, obj):
        role_revoke(actor=request.user, assignment=obj)

    def delete_queryset(self, request, queryset):
        for assignment in queryset.select_related("user", "hromada", "network"):
            role_revoke(actor=request.user, assignment=assignment)
