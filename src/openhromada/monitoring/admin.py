"""Admin for independent monitoring: never a second write path (one write path, ARCHITECTURE
convention 15). A network is set up and edited through the same services as its page (the
permission, validation and public history); everything else is read-only here and is written on
the network's pages, where the rules live (admission, conflicts of interest, assignments,
findings and reports). Drafts and unpublished reports are not shown: they are private to their
authors until published."""

from django.contrib import admin

from openhromada.core.admin_history import HistoryRecordingAdmin

from .models import (
    Assessment,
    Assignment,
    ConflictDeclaration,
    MemberApplication,
    MemberOrganisation,
    MonitoringNetwork,
    Reply,
    Report,
    StandardFinding,
)
from .services.networks import NETWORK_FIELDS, network_create, network_update


def _enters_admin(request) -> bool:
    return request.user.has_perm("core.access_admin")


class ReadOnlyAdmin(HistoryRecordingAdmin):
    """Shown to operators and admins, changed only on the platform's pages (the kernel's admin
    base, with every write refused)."""

    def has_module_permission(self, request):
        return _enters_admin(request)

    def has_view_permission(self, request, obj=None):
        return _enters_admin(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MonitoringNetwork)
class MonitoringNetworkAdmin(HistoryRecordingAdmin):
    """Operators set up networks; saves go through monitoring.services.networks."""

    list_display = ("name_uk", "name_en", "accepts_applications", "origin")
    search_fields = ("name_uk", "name_en")
    fields = ("slug", "name_uk", "name_en", "description", "oblasts", "accepts_applications")
    filter_horizontal = ("oblasts",)
    prepopulated_fields = {"slug": ("name_en",)}

    def get_readonly_fields(self, request, obj=None):
        return ("slug",) if obj else ()

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj else self.prepopulated_fields

    def has_module_permission(self, request):
        return _enters_admin(request)

    def has_view_permission(self, request, obj=None):
        return _enters_admin(request)

    def has_add_permission(self, request):
        return _enters_admin(request)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return _enters_admin(request)
        return request.user.has_perm("monitoring.change_network", obj)

    def has_delete_permission(self, request, obj=None):
        return False  # a public record: its members, assignments and reports name it

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if not change:
            saved = network_create(
                actor=request.user,
                slug=data["slug"],
                oblasts=list(data.get("oblasts") or ()),
                **{name: data[name] for name in NETWORK_FIELDS if name in data},
            )
            obj.pk = saved.pk
            obj.refresh_from_db()
            return
        stored = MonitoringNetwork.objects.get(pk=obj.pk)
        values = {name: data[name] for name in form.changed_data if name in NETWORK_FIELDS}
        oblasts = list(data["oblasts"]) if "oblasts" in form.changed_data else None
        network_update(actor=request.user, network=stored, oblasts=oblasts, **values)
        obj.refresh_from_db()

    def save_related(self, request, form, formsets, change):
        """The regions were saved (and recorded) by the service with the network."""


@admin.register(MemberOrganisation)
class MemberOrganisationAdmin(ReadOnlyAdmin):
    list_display = ("name", "edrpou", "network", "oblast", "joined_on", "left_on")
    list_filter = ("network", "oblast")
    search_fields = ("name", "edrpou")
    list_select_related = ("network", "oblast")


@admin.register(MemberApplication)
class MemberApplicationAdmin(ReadOnlyAdmin):
    list_display = ("name", "edrpou", "network", "status", "created_at", "decided_at")
    list_filter = ("network", "status")
    search_fields = ("name", "edrpou")
    list_select_related = ("network",)


@admin.register(ConflictDeclaration)
class ConflictDeclarationAdmin(ReadOnlyAdmin):
    list_display = ("monitor", "hromada", "network", "declared_at")
    list_filter = ("network",)
    list_select_related = ("monitor", "hromada", "network")


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin):
    list_display = ("monitor_label", "plan", "network", "assigned_at", "ended_at")
    list_filter = ("network",)
    search_fields = ("monitor_label",)
    list_select_related = ("plan", "network")


class PublishedOnlyAdmin(ReadOnlyAdmin):
    """Only what is public: a draft or unpublished finding is its author's until published."""

    def get_queryset(self, request):
        return super().get_queryset(request).filter(published_at__isnull=False)


@admin.register(Assessment)
class AssessmentAdmin(PublishedOnlyAdmin):
    list_display = ("commitment", "kind", "version", "completion", "star", "published_at")
    list_filter = ("kind", "completion", "star")
    list_select_related = ("commitment",)


@admin.register(StandardFinding)
class StandardFindingAdmin(PublishedOnlyAdmin):
    list_display = ("plan", "standard", "verdict", "version", "published_at")
    list_filter = ("standard", "verdict")
    list_select_related = ("plan",)


@admin.register(Report)
class ReportAdmin(PublishedOnlyAdmin):
    list_display = ("plan", "network", "kind", "status", "published_at")
    list_filter = ("kind", "network")
    list_select_related = ("plan", "network")


@admin.register(Reply)
class ReplyAdmin(ReadOnlyAdmin):
    list_display = ("report", "author_label", "created_at")
    list_select_related = ("report",)

    def get_queryset(self, request):
        return super().get_queryset(request).filter(report__published_at__isnull=False)
