"""What moderation keeps: each group's ground rules (every version), how its screening
answers each category, its watched words, the curated list of false health claims, the
cases in the review queue, the append-only moderation log, appeals, and the notes shown
under posts (a moderator's "check this with your care team", a member's "different
experience")."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kindred.community.models import Reply, Topic
from kindred.screening.base import Category
from kindred.screening.decisions import Outcome, WatchAction


class ScreeningRule(models.Model):
    """One group's choice for one category; a category with no row uses the default."""

    space = models.ForeignKey(
        "community.Space", on_delete=models.CASCADE, related_name="screening_rules"
    )
    category = models.CharField(max_length=20, choices=Category)
    outcome = models.CharField(max_length=5, choices=Outcome)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["space", "category"], name="one_rule_per_category")
        ]


class WatchedWord(models.Model):
    """A word or phrase a group's moderators want to know about (a local scam, a
    troll's favourite insult, the name of a product being pushed)."""

    space = models.ForeignKey(
        "community.Space", on_delete=models.CASCADE, related_name="watched_words"
    )
    phrase = models.CharField(_("word or phrase"), max_length=100)
    action = models.CharField(_("what to do"), max_length=5, choices=WatchAction)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["phrase"]
        constraints = [
            models.UniqueConstraint(fields=["space", "phrase"], name="watched_word_once")
        ]

    def __str__(self) -> str:
        return self.phrase


class FalseClaim(models.Model):
    """A health claim known to be false, kept by site admins (the screening list of
    misinformation). Key phrases use the simple syntax in `screening.misinformation_data`."""

    key = models.SlugField(max_length=80, unique=True)
    claim = models.CharField(
        _("the false claim"),
        max_length=300,
        help_text=_('Finish the sentence "Your post seems to say ...".'),
    )
    correction = models.CharField(_("what the evidence says"), max_length=500)
    key_phrases = models.TextField(
        _("key phrases"),
        help_text=_(
            "One per line. Put ... between parts that may have other words between them, "
            "| between words that mean the same, and * at the end of a word for any ending."
        ),
    )
    conditions = models.ManyToManyField(
        "conditions.Condition",
        blank=True,
        related_name="+",
        help_text=_("Leave empty for a claim that applies in every group."),
    )
    is_active = models.BooleanField(_("in use"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return self.claim

    def phrases(self) -> list[str]:
        return [line.strip() for line in self.key_phrases.splitlines() if line.strip()]


class Report(models.Model):
    """A member telling the group's moderators (or, for a private message, the site's
    moderators) that something is wrong with a topic, a reply or a message. Reports
    are taken by `services.report_content`, which opens or adds to the post's case.
    (The table keeps its first name, community_report, from when community held it.)"""

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    topic = models.ForeignKey("community.Topic", on_delete=models.CASCADE, null=True, blank=True)
    reply = models.ForeignKey("community.Reply", on_delete=models.CASCADE, null=True, blank=True)
    message = models.ForeignKey(
        "community.Message", on_delete=models.CASCADE, null=True, blank=True
    )
    category = models.CharField(max_length=20, blank=True)
    reason = models.CharField(_("what is wrong"), max_length=500)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "community_report"


class Urgency(models.IntegerChoices):
    CRISIS = 0, _("Someone may be in crisis")
    HIGH = 1, _("Urgent")
    NORMAL = 2, _("Normal")
    LOW = 3, _("When you have time")


class CaseState(models.TextChoices):
    OPEN = "open", _("Waiting for a moderator")
    WAITING = "waiting", _("Waiting for the author to edit")
    CLOSED = "closed", _("Done")


class Case(models.Model):
    """One piece of content (or one member's profile) in the review queue, with every
    reason it is there: screening findings, watched words and members' reports.

    `text` keeps what the author wrote when the case opened, so that nothing is lost
    whatever happens to the post. A case with no group (a private message) goes to the
    site admins."""

    space = models.ForeignKey(
        "community.Space", on_delete=models.CASCADE, null=True, blank=True, related_name="cases"
    )
    topic = models.ForeignKey(
        "community.Topic", on_delete=models.CASCADE, null=True, blank=True, related_name="cases"
    )
    reply = models.ForeignKey(
        "community.Reply", on_delete=models.CASCADE, null=True, blank=True, related_name="cases"
    )
    message = models.ForeignKey(
        "community.Message", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderation_cases"
    )
    text = models.TextField()
    urgency = models.PositiveSmallIntegerField(choices=Urgency, default=Urgency.NORMAL)
    state = models.CharField(max_length=8, choices=CaseState, default=CaseState.OPEN)
    # Held: the post is out of sight until a moderator decides.
    held = models.BooleanField(default=False)
    # [{"category": ..., "confidence": ..., "reason": ..., "source": "screening"|"watched"|"report"}]
    findings = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    first_action_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # When the moderators were emailed about this case urgently: once for a case, however
    # many reports or screenings add to it.
    urgent_email_sent_at = models.DateTimeField(null=True, blank=True)
    # When the urgent email was asked for: a case asked for and not sent a few minutes
    # later is queued again by the worker's sweep.
    urgent_alert_wanted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["urgency", "created_at"]
        indexes = [
            models.Index(fields=["space", "state", "urgency", "created_at"], name="case_queue")
        ]

    def __str__(self) -> str:
        return f"Case {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("moderation:case", args=[self.pk])

    @property
    def is_crisis(self) -> bool:
        return self.urgency == Urgency.CRISIS

    @property
    def categories(self) -> list[str]:
        return sorted({f["category"] for f in self.findings if f.get("category")})

    @property
    def kind(self) -> str:
        if self.reply_id:
            return "reply"
        if self.topic_id:
            return "topic"
        if self.message_id:
            return "message"
        return "profile"


def cases_about(post: Topic | Reply) -> models.QuerySet[Case]:
    """The cases about one post: a reply's own, or a topic's (not its replies')."""
    if isinstance(post, Reply):
        return Case.objects.filter(reply=post)
    return Case.objects.filter(topic=post, reply=None)


class UrgentAlertDelivery(models.Model):
    """One moderator was emailed the urgent alert for one case: a retry after a failed
    send emails only those not yet reached."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="urgent_deliveries")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "user"], name="urgent_alert_once_per_person")
        ]


class ActionKind(models.TextChoices):
    HELD = "held", _("Held by screening")
    FLAGGED = "flagged", _("Flagged for a moderator")
    REPORTED = "reported", _("Reported by a member")
    APPROVE = "approve", _("Approved")
    HIDE = "hide", _("Hidden")
    REMOVE = "remove", _("Removed")
    ASK_EDIT = "ask_edit", _("Asked the author to edit")
    EDITED = "edited", _("Edited by the author")
    CARE_NOTE = "care_note", _("Added a care team note")
    WARN = "warn", _("Warned")
    MUTE = "mute", _("Muted")
    REMOVE_MEMBER = "remove_member", _("Removed from the group")
    BAN = "ban", _("Banned")
    DISMISS = "dismiss", _("No action needed")
    APPEALED = "appealed", _("Appealed")
    APPEAL_UPHELD = "appeal_upheld", _("Appeal: decision kept")
    APPEAL_OVERTURNED = "appeal_overturned", _("Appeal: decision undone")
    RULES_CHANGED = "rules_changed", _("Ground rules changed")
    SETTINGS_CHANGED = "settings_changed", _("Screening settings changed")
    MESSAGED = "messaged", _("Sent the author a private message")


# The actions an author may appeal.
APPEALABLE = frozenset(
    {
        ActionKind.HIDE,
        ActionKind.REMOVE,
        ActionKind.WARN,
        ActionKind.MUTE,
        ActionKind.REMOVE_MEMBER,
        ActionKind.BAN,
    }
)


class AppendOnly(models.QuerySet[Any]):
    """The log can be added to and read, never changed or emptied."""

    def update(self, **kwargs: Any) -> int:
        raise PermissionError("The moderation log cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("The moderation log cannot be deleted.")


class LogEntry(models.Model):
    """One line of the append-only moderation log. `moderator` is empty when Kindred's
    screening acted; `reason` is the moderator's words (shown to the author for a
    removal, a warning or a mute)."""

    space = models.ForeignKey(
        "community.Space", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="log"
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=ActionKind)
    reason = models.TextField(blank=True)
    until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = AppendOnly.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["space", "-created_at"], name="log_by_space")]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("The moderation log cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("The moderation log cannot be deleted.")

    @property
    def is_appealable(self) -> bool:
        return self.kind in APPEALABLE


class AppealState(models.TextChoices):
    OPEN = "open", _("Waiting for a decision")
    UPHELD = "upheld", _("Decision kept")
    OVERTURNED = "overturned", _("Decision undone")


class Appeal(models.Model):
    """An author asks for a moderator's decision to be looked at again. Another
    moderator or a leader decides, never the one who acted."""

    entry = models.OneToOneField(LogEntry, on_delete=models.PROTECT, related_name="appeal")
    appellant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="appeals"
    )
    text = models.TextField(_("why you think the decision was wrong"), max_length=2000)
    state = models.CharField(max_length=10, choices=AppealState, default=AppealState.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decision = models.TextField(_("your answer to the member"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]


class NoteKind(models.TextChoices):
    CARE_TEAM = "care_team", _("Check this with your care team")
    PEER = "peer", _("A different experience")


# A member's note shows once this many other members support it (or one moderator does).
PEER_NOTE_SUPPORT_NEEDED = 2


class PostNote(models.Model):
    """A note shown under a post: a moderator's care team reminder, or a member's
    "different experience / please check this" once others support it."""

    kind = models.CharField(max_length=10, choices=NoteKind)
    topic = models.ForeignKey(
        "community.Topic", on_delete=models.CASCADE, null=True, blank=True, related_name="notes"
    )
    reply = models.ForeignKey(
        "community.Reply", on_delete=models.CASCADE, null=True, blank=True, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="post_notes"
    )
    text = models.TextField(_("your note"), max_length=1000)
    supporters = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="supported_notes"
    )
    moderator_supported = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
