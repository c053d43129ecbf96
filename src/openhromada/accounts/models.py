"""Users (e-mail login, public display name, preferences) and their role assignments."""

import rules
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from openhromada.core import permissions
from openhromada.core.fields import LineField
from openhromada.core.models import ProfilePreferences, data_origin_field
from openhromada.core.people import is_reserved, public_name


def validate_public_name(value: str) -> None:
    if is_reserved(value):
        raise ValidationError(
            _("“%(name)s” is reserved for the platform's own entries: choose another name."),
            params={"name": value},
            code="reserved",
        )


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_superuser=True, is_staff=True)
        return self._create(email, password, **extra)


class User(ProfilePreferences, AbstractUser):
    """A person with an account. The e-mail is private; only the display name is ever public."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(
        _("e-mail address"),
        unique=True,
        help_text=_("Private: never shown publicly or in open data."),
    )
    display_name = LineField(
        _("public name"),
        max_length=100,
        blank=True,  # accounts made before sign-up asked for it, or in the admin
        validators=[validate_public_name],
        help_text=_(
            "Shown publicly with your proposals and comments and in the public history of "
            "changes. A first name and an initial is enough, e.g. “Olena K.”."
        ),
    )
    data_origin = data_origin_field()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def has_perm(self, perm, obj=None) -> bool:
        """Django lets a superuser past every permission; a "may they, now?" permission
        (core.permissions: a closed window, one's own proposal, a submitted plan) is asked of
        everyone alike — a superuser counts as an admin for *who*, never past *when* or *what*."""
        if perm in permissions.CONDITIONS:
            return self.is_active and rules.has_perm(perm, self, obj)
        return super().has_perm(perm, obj)

    def __str__(self) -> str:
        return self.public_name

    @property
    def public_name(self) -> str:
        """The display name, or a neutral label that reveals neither the e-mail nor the id."""
        return public_name(self.display_name, self.pk)


class Role(models.TextChoices):
    OFFICIAL = "official", _("official of a hromada")
    COUNCIL_MEMBER = "council_member", _("coordination council member")
    MONITOR = "monitor", _("monitor of a network")
    COORDINATOR = "coordinator", _("coordinator of a monitoring network")
    OPERATOR = "operator", _("association staff (operator)")
    ADMIN = "admin", _("platform administrator")


# Tuples, not sets: the check constraint built from them must be the same on every run.
HROMADA_ROLES = (Role.OFFICIAL, Role.COUNCIL_MEMBER)
NETWORK_ROLES = (Role.MONITOR, Role.COORDINATOR)
PLATFORM_ROLES = (Role.OPERATOR, Role.ADMIN)


class RoleAssignment(models.Model):
    """One role of one user, scoped to a hromada, a monitoring network, or the whole platform.

    Residents have no row: any user with a verified e-mail is a resident.
    """

    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="roles",
        verbose_name=_("user"),
        help_text=_("The account that holds the role."),
    )  # a deleted account takes its roles with it
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=Role.choices,
        help_text=_("What the account may do, and where: in a hromada, a network or everywhere."),
    )
    hromada = models.ForeignKey(
        "places.Hromada",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("hromada"),
        help_text=_("For officials and council members."),
    )
    network = models.ForeignKey(
        "monitoring.MonitoringNetwork",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("monitoring network"),
        help_text=_("For monitors and network coordinators."),
    )
    granted_at = models.DateTimeField(
        _("granted at"), auto_now_add=True, help_text=_("When the role was granted.")
    )
    data_origin = data_origin_field()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        indexes = [models.Index(fields=["user", "role"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "hromada"],
                condition=Q(hromada__isnull=False),
                name="role_unique_per_hromada",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "network"],
                condition=Q(network__isnull=False),
                name="role_unique_per_network",
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(hromada__isnull=True, network__isnull=True),
                name="role_unique_platform_wide",
            ),
            models.CheckConstraint(
                name="role_assignment_scope",
                condition=(
                    Q(role__in=list(HROMADA_ROLES), hromada__isnull=False, network__isnull=True)
                    | Q(role__in=list(NETWORK_ROLES), hromada__isnull=True, network__isnull=False)
                    | Q(role__in=list(PLATFORM_ROLES), hromada__isnull=True, network__isnull=True)
                ),
                violation_error_message=_(
                    "Officials and council members need a hromada, monitors and coordinators "
                    "a network; operators and admins need neither."
                ),
            ),
        ]

    def __str__(self) -> str:
        scope = self.hromada or self.network
        return f"{self.user} — {self.get_role_display()}" + (f" ({scope})" if scope else "")

    def clean(self):
        super().clean()
        if self.role in HROMADA_ROLES and not self.hromada_id:
            raise ValidationError({"hromada": _("Choose the hromada for this role.")})
        if self.role in NETWORK_ROLES and not self.network_id:
            raise ValidationError({"network": _("Choose the monitoring network for this role.")})
        if self.role not in HROMADA_ROLES and self.hromada_id:
            raise ValidationError({"hromada": _("This role is not tied to a hromada.")})
        if self.role not in NETWORK_ROLES and self.network_id:
            raise ValidationError({"network": _("This role is not tied to a network.")})
