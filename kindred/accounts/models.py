"""People who use Kindred, the roles they hold and the consents they have given."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kindred.accounts.names import name_key
from kindred.core.limits import DISPLAY_NAME_MAX_LENGTH


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is required.")
        if "display_name" not in extra:
            extra["display_name"] = self.free_display_name(email.split("@")[0][:40])
        user = self.model(email=self.normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def free_display_name(self, wanted: str) -> str:
        """`wanted`, or `wanted` with the first number after it that nobody uses yet
        ("sam", "sam 2"): for accounts made without a chosen name."""
        wanted = wanted.strip() or "member"
        name, n = wanted, 1
        while self.filter(display_name_key=name_key(name)).exists():
            n += 1
            suffix = f" {n}"
            name = wanted[: DISPLAY_NAME_MAX_LENGTH - len(suffix)] + suffix
        return name

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """Someone with a Kindred account. Other members only ever see the display name,
    which may be a pseudonym; the email address and real name stay private."""

    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=DISPLAY_NAME_MAX_LENGTH,
        help_text=_("The name other people see. It can be a nickname."),
    )
    # The display name without case, accents, spaces or punctuation (`names.name_key`),
    # kept on save. Unique, so that the database itself refuses a second "Mína" when
    # there is a "mina", whichever form or service tried to save it.
    display_name_key = models.CharField(
        max_length=DISPLAY_NAME_MAX_LENGTH * 2, unique=True, editable=False
    )
    real_name = models.CharField(
        _("real name"),
        max_length=150,
        blank=True,
        help_text=_("Private. Never shown to other members."),
    )
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(
        default=False, help_text=_("Can use the Django admin site (site admins only).")
    )
    date_joined = models.DateTimeField(default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.display_name_key = name_key(self.display_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "display_name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "display_name_key"}
        super().save(*args, **kwargs)

    def has_role(self, role: str, organisation: models.Model | None = None) -> bool:
        """`organisation` is a directory Organisation: accounts sits below the directory
        and names an organisation only by its row (see docs/architecture.md)."""
        assignments = self.role_assignments.filter(role=role)
        if organisation is not None:
            assignments = assignments.filter(organisation_id=organisation.pk)
        return assignments.exists()


class Role(models.TextChoices):
    MEMBER = "member", _("Member (living with a condition)")
    CARER = "carer", _("Carer or family member")
    PEER_LEADER = "peer_leader", _("Peer supporter or peer leader")
    MODERATOR = "moderator", _("Moderator")
    CLINICIAN = "clinician", _("Clinician or link worker")
    ORG_ADMIN = "org_admin", _("Organisation admin")
    SITE_ADMIN = "site_admin", _("Site admin")


# Roles that can see other people's data or change what the public sees; each must
# have a second factor (TOTP or passkey) before using the features the role opens.
STAFF_ROLES = frozenset(
    {Role.PEER_LEADER, Role.MODERATOR, Role.CLINICIAN, Role.ORG_ADMIN, Role.SITE_ADMIN}
)
# Roles that only make sense inside one organisation.
ORGANISATION_ROLES = frozenset({Role.PEER_LEADER, Role.MODERATOR, Role.ORG_ADMIN})


class RoleAssignment(models.Model):
    """One role a person holds; organisation-scoped roles name the organisation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
    )
    accreditation = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Training or accreditation on record, for example a peer leader course."),
    )
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "organisation"], name="role_once_per_organisation"
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(organisation__isnull=True),
                name="global_role_once",
            ),
            models.CheckConstraint(
                condition=~Q(role__in=["peer_leader", "moderator", "org_admin"])
                | Q(organisation__isnull=False),
                name="organisation_roles_name_an_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"


class ConsentPurpose(models.TextChoices):
    TERMS = "terms", _("Terms of use and privacy notice")
    HEALTH_DATA = "health_data", _("Using my health details to find groups and buddies")
    RESEARCH = "research", _("Using my answers, without my name, for research")
    EMAIL_UPDATES = "email_updates", _("Emails about my groups")


class ConsentRecordQuerySet(models.QuerySet["ConsentRecord"]):
    def current(self) -> ConsentRecordQuerySet:
        return self.filter(withdrawn_at__isnull=True)


class ConsentRecord(models.Model):
    """What a person agreed to, which version of the wording, when, and whether they
    have since withdrawn. Records are never deleted while the account exists, so that
    Kindred can show what was agreed at any time (health data is special-category data)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents"
    )
    purpose = models.CharField(max_length=30, choices=ConsentPurpose.choices)
    version = models.CharField(max_length=20)
    given_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = ConsentRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-given_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "purpose"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_current_consent_per_purpose",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.purpose} v{self.version}"

    @property
    def is_current(self) -> bool:
        return self.withdrawn_at is None
