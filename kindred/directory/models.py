"""The directory: organisations that run peer support and the groups they run, with the
facts a person needs to judge whether a group is right for them and can be trusted.
Fields follow Open Referral HSDS 3.0 (organization, service, location, schedule) so the
directory can be shared with other directories (see `hsds.py`)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    CHARITY = "charity", _("Charity")
    HEALTH_SERVICE = "health_service", _("Health service")
    CLINIC = "clinic", _("Clinic")
    COMMUNITY_GROUP = "community_group", _("Community group")
    INFORMAL_GROUP = "informal_group", _("Informal group run by peers")


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def verified(self) -> OrganisationQuerySet:
        return self.filter(verified_at__isnull=False)


class Organisation(models.Model):
    """A charity, health service, clinic, community centre or informal group that runs
    peer support. A site admin checks it is who it says it is (verification); until then
    every group it lists carries a "not yet verified" label."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(max_length=160, unique=True)
    kind = models.CharField(_("type of organisation"), max_length=20, choices=OrganisationKind)
    description = models.TextField(_("about the organisation"), blank=True)
    website = models.URLField(_("website"), blank=True)
    charity_number = models.CharField(
        _("registered charity or company number"), max_length=30, blank=True
    )
    email = models.EmailField(_("contact email"), blank=True)
    phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    town = models.CharField(_("town or city"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=2, default="GB")
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


class Language(models.Model):
    """A language a group meets in (ISO 639 code; sign languages included)."""

    code = models.CharField(max_length=10, unique=True)
    name = models.CharField(max_length=60)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Audience(models.TextChoices):
    LIVING_WITH = "living_with", _("People living with the condition")
    CARERS = "carers", _("Carers and family")
    BOTH = "both", _("People living with it and their carers")


class GenderFocus(models.TextChoices):
    ANY = "any", _("Everyone")
    WOMEN = "women", _("Women only")
    MEN = "men", _("Men only")
    LGBTQ = "lgbtq", _("LGBTQ+ people")


class SupportForm(models.TextChoices):
    ONE_TO_ONE = "one_to_one", _("One-to-one support")
    BUDDY = "buddy", _("Buddy programme")
    GROUP = "group", _("Peer support group")
    SELF_MANAGEMENT = "self_management", _("Self-management course")
    GROUP_CONSULTATION = "group_consultation", _("Group consultation with a clinician")


class SupportModel(models.TextChoices):
    INFORMAL = "informal", _("Informal mutual support")
    PROFESSIONAL = "professional", _("Professional or accredited leaders")
    PEER_LED = "peer_led", _("Peer-led")


class ContactVisibility(models.TextChoices):
    PUBLIC = "public", _("Show to everyone")
    SIGNED_IN = "signed_in", _("Show to people who are signed in")
    HIDDEN = "hidden", _("Do not show (people use the joining steps)")


class GroupStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class PeerGroupQuerySet(models.QuerySet["PeerGroup"]):
    def published(self) -> PeerGroupQuerySet:
        """Groups the public may see: published, and not hidden (invitation-only
        groups are never listed and their page is a 404 to outsiders).

        This is the one rule for everything public: lists, counts, filter choices,
        suggestions and the API. Aggregates over other tables (a condition's group
        count, the languages in use) filter on `id IN` this queryset rather than
        restating the rule."""
        return (
            self.filter(status=GroupStatus.PUBLISHED)
            .exclude(space__visibility="hidden")
            # A buddy scheme asks people for health details to match them: it is listed
            # only once a site admin has checked the organisation (anyone can register
            # one under any name).
            .exclude(form=SupportForm.BUDDY, organisation__verified_at__isnull=True)
        )

    def for_listing(self) -> PeerGroupQuerySet:
        """Everything a search result card shows, in a fixed number of queries."""
        return self.select_related("organisation").prefetch_related("conditions", "languages")


class PeerGroup(models.Model):
    """A peer support group or service: a closed online group, a monthly meet-up, a buddy
    programme, a course. (Not called `Group`: Django has one.)"""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="peer_groups"
    )
    name = models.CharField(_("group name"), max_length=150)
    slug = models.SlugField(max_length=160, unique=True)
    summary = models.CharField(
        _("one-line summary"),
        max_length=200,
        help_text=_("One short sentence shown in search results."),
    )
    description = models.TextField(_("about the group"))
    conditions = models.ManyToManyField(
        "conditions.Condition", related_name="peer_groups", verbose_name=_("conditions")
    )
    audience = models.CharField(
        _("who is it for"), max_length=20, choices=Audience, default=Audience.LIVING_WITH
    )
    age_min = models.PositiveSmallIntegerField(_("youngest age"), null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(_("oldest age"), null=True, blank=True)
    gender_focus = models.CharField(
        _("gender"), max_length=10, choices=GenderFocus, default=GenderFocus.ANY
    )
    cultural_focus = models.CharField(
        _("cultural focus"),
        max_length=150,
        blank=True,
        help_text=_(
            "For example: South Asian women, Aboriginal and Torres Strait Islander peoples."
        ),
    )
    languages = models.ManyToManyField(Language, related_name="peer_groups", blank=True)
    form = models.CharField(_("type of support"), max_length=20, choices=SupportForm)
    model = models.CharField(_("who runs it"), max_length=20, choices=SupportModel)
    is_online = models.BooleanField(_("online"), default=False)
    is_in_person = models.BooleanField(_("in person"), default=False)
    is_phone = models.BooleanField(_("by phone"), default=False)
    how_to_join = models.TextField(_("how to join"))
    is_free = models.BooleanField(_("free to join"), default=True)
    cost = models.CharField(_("cost details"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    contact_visibility = models.CharField(
        _("who can see the contact details"),
        max_length=10,
        choices=ContactVisibility,
        default=ContactVisibility.SIGNED_IN,
    )
    town = models.CharField(
        _("town or area it is based in"),
        max_length=100,
        blank=True,
        help_text=_("Used for 'near me' searches. Needed for groups that meet in person."),
    )
    country = models.CharField(_("country"), max_length=2, default="GB")
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    # Where people can join an online or phone group from: service area codes from
    # places.SERVICE_AREAS, comma-separated ("GB-SCT,GB-NIR"). Blank: anywhere.
    service_area = models.CharField(
        _("where people can join from"),
        max_length=100,
        blank=True,
        help_text=_(
            "For online and phone groups. Leave all unticked if anyone can join, "
            "wherever they live."
        ),
    )
    # Trust markers (see trust.py for what each one means to a visitor).
    leaders_accredited = models.BooleanField(_("leaders are trained or accredited"), default=False)
    accreditation_details = models.CharField(
        _("training or accreditation"), max_length=200, blank=True
    )
    # Written ground rules: versions in GroundRules (`current_rules()`).
    online_moderated = models.BooleanField(_("online space is moderated"), default=False)
    safe_space = models.BooleanField(_("meets in a safe, checked place"), default=False)
    privacy_protected = models.BooleanField(
        _("members' contact details and personal information are kept private"), default=False
    )
    status = models.CharField(max_length=10, choices=GroupStatus, default=GroupStatus.DRAFT)
    # Lower-case text of the name, summary, description, conditions and town, kept
    # by services.peer_group_save so that free-text search reads one column
    # (see docs/decisions/0001).
    search_document = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PeerGroupQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["status", "latitude", "longitude"], name="group_status_point"),
            models.Index(fields=["status", "name"], name="group_status_name"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(age_min__isnull=True)
                | Q(age_max__isnull=True)
                | Q(age_min__lte=models.F("age_max")),
                name="group_age_range_ordered",
            ),
            models.CheckConstraint(
                condition=Q(is_online=True) | Q(is_in_person=True) | Q(is_phone=True),
                name="group_has_a_mode",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:group-detail", args=[self.slug])

    def service_area_codes(self) -> list[str]:
        return [code for code in self.service_area.split(",") if code]

    def service_area_names(self) -> list[str]:
        """The areas it serves, in the order places.SERVICE_AREAS lists them."""
        from kindred.directory.places import SERVICE_AREAS

        codes = set(self.service_area_codes())
        return [str(name) for code, name in SERVICE_AREAS if code in codes]

    def current_rules(self) -> GroundRules | None:
        """The newest version of the group's written ground rules, if it has any (read
        from `rules_versions` when they were prefetched)."""
        return max(self.rules_versions.all(), key=lambda rules: rules.version, default=None)

    def modes(self) -> list[str]:
        names = []
        if self.is_online:
            names.append(str(_("Online")))
        if self.is_in_person:
            names.append(str(_("In person")))
        if self.is_phone:
            names.append(str(_("By phone")))
        return names


class GroundRules(models.Model):
    """One version of a group's written ground rules: the one place they are kept. The
    group's page shows the newest; members of its online space accept each new version
    before they next post there. A version is never changed, only followed by another
    (`services.ground_rules_publish`)."""

    group = models.ForeignKey(PeerGroup, on_delete=models.CASCADE, related_name="rules_versions")
    version = models.PositiveIntegerField()
    text = models.TextField(_("ground rules"))
    summary = models.CharField(_("what changed"), max_length=300, blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-version"]
        verbose_name_plural = "ground rules"
        constraints = [
            models.UniqueConstraint(fields=["group", "version"], name="ground_rules_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.group_id} v{self.version}"

    @staticmethod
    def current(group_id: int) -> GroundRules | None:
        """The group's newest version, read afresh (not from a prefetch)."""
        return GroundRules.objects.filter(group_id=group_id).order_by("-version").first()

    @staticmethod
    def current_version(group_id: int) -> int:
        """The number of the group's newest ground rules; 0 before any are written."""
        found = GroundRules.objects.filter(group_id=group_id).aggregate(v=models.Max("version"))
        return int(found["v"] or 0)


class Venue(models.Model):
    """A place where a group meets in person (HSDS location)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    group = models.ForeignKey(PeerGroup, on_delete=models.CASCADE, related_name="venues")
    name = models.CharField(_("venue name"), max_length=150)
    address = models.CharField(_("street address"), max_length=200, blank=True)
    town = models.CharField(_("town or city"), max_length=100)
    postcode = models.CharField(_("postcode"), max_length=12, blank=True)
    country = models.CharField(_("country"), max_length=2, default="GB")
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    step_free = models.BooleanField(_("step-free access"), default=False)
    accessibility_notes = models.CharField(_("access notes"), max_length=300, blank=True)
    safe_space_notes = models.CharField(_("safety notes"), max_length=300, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name}, {self.town}"


class Schedule(models.Model):
    """When a group meets: an RFC 5545 recurrence rule from a first meeting
    (HSDS schedule), e.g. FREQ=MONTHLY;BYDAY=1SA for the first Saturday each month."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    group = models.ForeignKey(PeerGroup, on_delete=models.CASCADE, related_name="schedules")
    venue = models.ForeignKey(
        Venue, on_delete=models.SET_NULL, null=True, blank=True, related_name="schedules"
    )
    title = models.CharField(_("what happens"), max_length=150)
    rrule = models.CharField(_("repeat rule"), max_length=200)
    first_meeting = models.DateTimeField(_("first meeting"))
    duration_minutes = models.PositiveSmallIntegerField(_("length in minutes"), default=90)
    is_online = models.BooleanField(_("online meeting"), default=False)
    # The wall-clock zone the group meets in, so "10am on the first Saturday" stays
    # 10am across daylight saving and is shown in the group's own time.
    timezone = models.CharField(_("time zone"), max_length=50, default="Europe/London")

    class Meta:
        ordering = ["first_meeting"]

    def __str__(self) -> str:
        return f"{self.group}: {self.title}"
