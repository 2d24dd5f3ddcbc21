"""Buddy programmes: an organisation's one-to-one peer support scheme, the matching
profiles of the people who join it, the matches the coordinator proposes and both people
opt in to, and the check-ins while a match lasts.

Sensitive answers in a profile (religion, cultural background, gender, age, town) are
optional, used only for matching, and shown to a buddy only where the person said so
(`shown_to_buddy`)."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kindred.buddies.matching import CONTACT_MODES, Pairing, Weights


class ContactMode(models.TextChoices):
    ONLINE = "online", _("Messages in Kindred")
    PHONE = "phone", _("Phone calls (arranged in Kindred)")
    IN_PERSON = "in_person", _("Meeting in person")


assert {c.value for c in ContactMode} == CONTACT_MODES


class PairingChoice(models.TextChoices):
    SUPPORTER_TO_SUPPORTED = (
        Pairing.SUPPORTER_TO_SUPPORTED.value,
        _("A supporter further along helps someone newer"),
    )
    MUTUAL = Pairing.MUTUAL.value, _("Two peers support each other")


def default_weights() -> dict[str, float]:
    w = Weights()
    return {name: getattr(w, name) for name in Weights.__dataclass_fields__}


class Coordinator(models.Model):
    """Someone an organisation's admin appointed to run its buddy programmes: start
    them, change their rules, run matching and read people's matching reasons. Being
    the organisation's admin is not enough on its own (an admin may appoint themselves),
    and the admin can remove a coordinator at any time."""

    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.CASCADE, related_name="buddy_coordinators"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="buddy_coordinations"
    )
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    appointed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["appointed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="coordinator_once_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} coordinates for {self.organisation}"


class ProgrammeQuerySet(models.QuerySet["Programme"]):
    def published(self) -> ProgrammeQuerySet:
        """Programmes anyone may find and join: taking new people, and run by an
        organisation a site admin has checked (anyone can register an organisation
        under any name; nobody should share health details with it before the check)."""
        return self.filter(is_open=True, organisation__verified_at__isnull=False)


class Programme(models.Model):
    """One buddy programme run by an organisation, with its rules and its lead
    coordinator (one of the organisation's appointed coordinators, who is told when a
    match ends or a check-in says it is not going well). Its listing in the directory
    is kept in step with it by `services.programme_save`."""

    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.CASCADE, related_name="buddy_programmes"
    )
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(max_length=160, unique=True)
    purpose = models.TextField(
        _("who it is for"), help_text=_('For example "new parents living with type 1 diabetes".')
    )
    conditions = models.ManyToManyField(
        "conditions.Condition", related_name="buddy_programmes", verbose_name=_("conditions")
    )
    pairing = models.CharField(
        _("how people are paired"),
        max_length=25,
        choices=PairingChoice,
        default=PairingChoice.SUPPORTER_TO_SUPPORTED,
    )
    is_youth = models.BooleanField(_("a programme for under-18s"), default=False)
    requires_training = models.BooleanField(_("supporters must complete training"), default=True)
    requires_background_check = models.BooleanField(
        _("supporters need a background check"), default=False
    )
    background_check_valid_days = models.PositiveIntegerField(default=3 * 365)
    contact_modes = models.JSONField(default=list)
    duration_weeks = models.PositiveSmallIntegerField(
        _("how long a match lasts, in weeks"), default=12
    )
    checkin_every_days = models.PositiveSmallIntegerField(_("days between check-ins"), default=14)
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="coordinated_programmes",
    )
    threshold = models.FloatField(
        _("lowest score to propose a match"),
        default=0.35,
        help_text=_("From 0 to 1. Below it, people wait for a better match."),
    )
    weights = models.JSONField(default=default_weights)
    is_open = models.BooleanField(_("taking new people"), default=True)
    # The buddy-scheme listing that shows this programme in the directory.
    listing = models.OneToOneField(
        "directory.PeerGroup",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="buddy_programme",
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("buddies:programme", args=[self.slug])


class Side(models.TextChoices):
    SEEKER = "seeker", _("I would like a buddy")
    SUPPORTER = "supporter", _("I would like to support someone")


class ProfileStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting for a match")
    MATCHED = "matched", _("Matched")
    PAUSED = "paused", _("Paused")
    LEFT = "left", _("Left the programme")


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    NON_BINARY = "non-binary", _("Non-binary")
    OTHER = "other", _("In another way")


# The answers a person may choose to show their buddy; everything else is used only for
# matching and seen only by the coordinator.
SHAREABLE = (
    ("diagnosis_year", _("When I was diagnosed")),
    ("life_events", _("My life events")),
    ("treatments", _("My treatments and technology")),
    ("languages", _("The languages I speak")),
    ("cultural_background", _("My cultural background")),
    ("religion", _("My religion or belief")),
    ("age", _("My age")),
    ("gender", _("My gender")),
    ("town", _("My town")),
    ("interests", _("My interests and values")),
)


class BuddyProfile(models.Model):
    """One person's matching profile in one programme."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="profiles")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="buddy_profiles"
    )
    side = models.CharField(_("what you would like"), max_length=10, choices=Side)
    status = models.CharField(max_length=10, choices=ProfileStatus, default=ProfileStatus.WAITING)
    condition = models.ForeignKey(
        "conditions.Condition",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("your condition"),
    )
    diagnosis_year = models.PositiveSmallIntegerField(
        _("year you were diagnosed"), null=True, blank=True
    )
    treatments = models.JSONField(default=list, blank=True)
    life_events = models.ManyToManyField("conditions.LifeEvent", blank=True, related_name="+")
    wants_help_with = models.TextField(
        _("what you would like help with"), blank=True, max_length=1000
    )
    can_help_with = models.TextField(_("what you could help with"), blank=True, max_length=1000)
    languages = models.ManyToManyField("directory.Language", blank=True, related_name="+")
    must_share_language = models.BooleanField(
        _("my buddy must speak one of my languages"), default=False
    )
    cultural_background = models.CharField(_("cultural background"), max_length=80, blank=True)
    religion = models.CharField(_("religion or belief"), max_length=80, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year you were born"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=12, choices=Gender, blank=True)
    town = models.CharField(_("town"), max_length=100, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    interests = models.JSONField(default=list, blank=True)
    values = models.JSONField(default=list, blank=True)
    contact_modes = models.JSONField(default=list)
    buddy_genders = models.JSONField(default=list, blank=True)
    buddy_age_min = models.PositiveSmallIntegerField(null=True, blank=True)
    buddy_age_max = models.PositiveSmallIntegerField(null=True, blank=True)
    capacity = models.PositiveSmallIntegerField(_("how many buddies you can support"), default=1)
    shown_to_buddy = models.JSONField(default=list, blank=True)
    # Supporters' records, kept by the coordinator.
    training_completed_on = models.DateField(null=True, blank=True)
    accreditation = models.CharField(max_length=200, blank=True)
    background_check_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "user"], name="one_profile_per_programme")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.programme}"

    @property
    def age(self) -> int | None:
        return date.today().year - self.birth_year if self.birth_year else None

    def supporter_ready(self, today: date | None = None) -> list[str]:
        """What is missing before this supporter can be matched (empty: ready)."""
        today = today or date.today()
        missing = []
        if self.programme.requires_training and not self.training_completed_on:
            missing.append(str(_("training not yet recorded")))
        if self.programme.requires_background_check and (
            self.background_check_on is None
            or self.background_check_on
            < today - timedelta(days=self.programme.background_check_valid_days)
        ):
            missing.append(str(_("background check missing or out of date")))
        return missing


class MatchingRun(models.Model):
    """One run of the matcher for a programme, with who was left waiting and why."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="runs")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    seekers = models.PositiveIntegerField(default=0)
    supporters = models.PositiveIntegerField(default=0)
    proposed = models.PositiveIntegerField(default=0)
    total_score = models.FloatField(default=0.0)
    # {profile_id: reason} for each seeker left waiting.
    waiting = models.JSONField(default=dict)

    class Meta:
        ordering = ["-created_at"]


class MatchState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed, for the coordinator to review")
    REJECTED = "rejected", _("Rejected by the coordinator")
    APPROVED = "approved", _("Approved, waiting for both to say yes")
    DECLINED = "declined", _("One of them said no")
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")


class Match(models.Model):
    """A proposed or agreed pairing of a seeker with a supporter."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="matches")
    run = models.ForeignKey(
        MatchingRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="matches"
    )
    seeker = models.ForeignKey(BuddyProfile, on_delete=models.CASCADE, related_name="as_seeker")
    supporter = models.ForeignKey(
        BuddyProfile, on_delete=models.CASCADE, related_name="as_supporter"
    )
    state = models.CharField(max_length=10, choices=MatchState, default=MatchState.PROPOSED)
    score = models.FloatField()
    # [{"criterion": ..., "text": ..., "attribute": ...}] for the coordinator; each person
    # sees only the parts both of them agreed to show.
    reasons = models.JSONField(default=list)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.CharField(max_length=300, blank=True)
    seeker_said_yes_at = models.DateTimeField(null=True, blank=True)
    supporter_said_yes_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Private: read by the coordinator only.
    end_feedback = models.TextField(blank=True, max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-score", "pk"]
        indexes = [models.Index(fields=["programme", "state"], name="match_programme_state")]

    def __str__(self) -> str:
        return f"Match {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("buddies:match", args=[self.pk])

    def includes(self, user_id: int) -> bool:
        return user_id in {self.seeker.user_id, self.supporter.user_id}


class CheckInFeeling(models.TextChoices):
    GOOD = "good", _("It is going well")
    OK = "ok", _("It is OK")
    NOT_GOOD = "not_good", _("It is not going well")


class CheckIn(models.Model):
    """A short "how is it going?" from one side of an active match, due at the
    programme's interval. Read by the coordinator only."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="checkins")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    due_on = models.DateField()
    feeling = models.CharField(max_length=10, choices=CheckInFeeling, blank=True)
    note = models.TextField(blank=True, max_length=1000)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on"]
        constraints = [
            models.UniqueConstraint(fields=["match", "user", "due_on"], name="one_checkin_per_due")
        ]
