"""The email summary ("digest") of a member's unread notifications, daily or weekly as
they chose. A scheduler runs `manage.py send_digests`, which queues one
`send_digest` task per person who is due; the task calls `digest_send` here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from kindred.accounts.models import ConsentPurpose, ConsentRecord, User
from kindred.community.messaging import has_email_consent
from kindred.community.models import CommunityPreference, DigestFrequency, Notification

# The most notifications one email lists; the rest are counted ("and 12 more").
DIGEST_MAX_ITEMS = 50
# A digest also picks up notices saved while the last one was being sent; `emailed_at`
# stops any notice going out twice.
OVERLAP = timedelta(minutes=5)
PERIODS = {DigestFrequency.DAILY: timedelta(days=1), DigestFrequency.WEEKLY: timedelta(days=7)}
# A claim older than this was made by a sender that died (a send times out long before).
CLAIM_LEASE = timedelta(minutes=15)
# A scheduler that runs at 07:00 should find yesterday's 07:00:05 digest due again.
SCHEDULE_SLACK = timedelta(hours=1)


def _waiting(user: User, since: datetime | None, claim_key: str, now: datetime) -> Q:
    """Unread notices no email listed yet and nobody is sending now: not claimed, or
    claimed by this same job (a run of it that was cut short), or claimed so long ago
    that the sender must have died."""
    unclaimed = (
        Q(email_claimed_at__isnull=True)
        | Q(email_claimed_at__lt=now - CLAIM_LEASE)
        | (Q(email_claim=claim_key) & ~Q(email_claim=""))
    )
    waiting = Q(user=user, read_at__isnull=True, emailed_at__isnull=True) & unclaimed
    if since is not None:
        waiting &= Q(created_at__gt=since - OVERLAP)
    return waiting


@dataclass(frozen=True)
class _Claim:
    ids: list[int]
    stamp: datetime
    key: str


@transaction.atomic
def _digest_claim(user: User, claim_key: str) -> _Claim | None:
    # The person's preference row is locked while their notices are claimed, so two
    # workers cannot claim (and email) the same notices.
    preference, _created = CommunityPreference.objects.select_for_update().get_or_create(user=user)
    if (
        not user.is_active
        or preference.digest == DigestFrequency.OFF
        or not has_email_consent(user)
    ):
        return None
    now = timezone.now()
    key = claim_key or f"digest-{user.pk}-{now.timestamp()}"
    ids = list(
        Notification.objects.filter(
            _waiting(user, preference.last_digest_at, key, now), created_at__lte=now
        ).values_list("pk", flat=True)
    )
    if not ids:
        return None
    Notification.objects.filter(pk__in=ids).update(email_claim=key, email_claimed_at=now)
    return _Claim(ids=ids, stamp=now, key=key)


@transaction.atomic
def _digest_done(user: User, claim: _Claim) -> None:
    """The email went: its notices are emailed, and the person had their digest."""
    Notification.objects.filter(pk__in=claim.ids, email_claim=claim.key).update(
        emailed_at=claim.stamp, email_claim="", email_claimed_at=None
    )
    CommunityPreference.objects.filter(user=user).update(last_digest_at=claim.stamp)


@transaction.atomic
def _digest_release(claim: _Claim) -> None:
    Notification.objects.filter(pk__in=claim.ids, email_claim=claim.key).update(
        email_claim="", email_claimed_at=None
    )


def digest_send(*, user: User, claim_key: str = "") -> int:
    """Email `user` their unread notifications that no earlier email listed, mark them
    as emailed, and return how many there were (0: no email sent).

    Sends nothing when the person turned the summary off or has not agreed to emails
    about their groups. The notices are claimed in one short transaction (under
    `claim_key`, the job's id, so a second run of the same job takes them again), the
    email is sent after it, so no database lock is held while the mail server answers,
    and only then are they marked as emailed. If sending fails the claim is released
    and the error is raised: the worker tries the job again. If the worker dies while
    sending, the job is run again after its lease and takes the same notices."""
    claim = _digest_claim(user, claim_key)
    if claim is None:
        return 0
    try:
        notifications = list(
            Notification.objects.filter(pk__in=claim.ids).order_by("-created_at", "-id")[
                :DIGEST_MAX_ITEMS
            ]
        )
        site = settings.SITE_URL.rstrip("/")
        context = {
            "user": user,
            "notifications": notifications,
            "more": len(claim.ids) - len(notifications),
            "count": len(claim.ids),
            "site_url": site,
            "notifications_url": site + reverse("messages:notifications"),
            "preferences_url": site + reverse("messages:preferences"),
        }
        # The subject stays general: it can show on a shared screen or a lock screen.
        subject = render_to_string("messages/email/digest_subject.txt", context).strip()
        body = render_to_string("messages/email/digest.txt", context)
        send_mail(subject, body, None, [user.email], fail_silently=False)
    except BaseException:
        _digest_release(claim)
        raise
    _digest_done(user, claim)
    return len(claim.ids)


def users_due(*, frequency: DigestFrequency | str, now: datetime | None = None) -> list[int]:
    """Ids of people due a `frequency` summary: they chose it (weekly is the default for
    people who never chose), agreed to emails about their groups, have something unread
    that was not emailed, and had no summary within the period."""
    now = now or timezone.now()
    period = PERIODS[DigestFrequency(frequency)]
    chose = Q(community_preference__digest=frequency)
    if frequency == DigestFrequency.WEEKLY:
        chose |= Q(community_preference__isnull=True)
    not_recent = Q(community_preference__last_digest_at__isnull=True) | Q(
        community_preference__last_digest_at__lte=now - period + SCHEDULE_SLACK
    )
    consented = ConsentRecord.objects.current().filter(
        user=OuterRef("pk"), purpose=ConsentPurpose.EMAIL_UPDATES
    )
    waiting = Notification.objects.filter(
        user=OuterRef("pk"), read_at__isnull=True, emailed_at__isnull=True
    )
    return list(
        User.objects.filter(chose, not_recent, Exists(consented), Exists(waiting), is_active=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
