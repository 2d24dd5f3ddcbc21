"""Every change to a person's account, roles and consents."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from kindred.accounts.consent import CONSENT_VERSIONS
from kindred.accounts.models import ConsentPurpose, ConsentRecord, Role, RoleAssignment, User
from kindred.buddies.models import BuddyProfile, CheckIn, Match, Side
from kindred.community.queries import export_for as community_export_for
from kindred.directory.models import Organisation


@transaction.atomic
def consent_give(*, user: User, purpose: ConsentPurpose | str) -> ConsentRecord:
    """Record that a person agrees to `purpose` in its current wording. Giving consent
    again replaces the current record only when the wording has changed."""
    version = CONSENT_VERSIONS[purpose]
    current = ConsentRecord.objects.current().filter(user=user, purpose=purpose).first()
    if current is not None:
        if current.version == version:
            return current
        current.withdrawn_at = timezone.now()
        current.save(update_fields=["withdrawn_at"])
    return ConsentRecord.objects.create(user=user, purpose=purpose, version=version)


@transaction.atomic
def consent_withdraw(*, user: User, purpose: ConsentPurpose | str) -> bool:
    """Withdraw a consent. Returns False when there was nothing to withdraw."""
    updated = (
        ConsentRecord.objects.current()
        .filter(user=user, purpose=purpose)
        .update(withdrawn_at=timezone.now())
    )
    return updated > 0


@transaction.atomic
def profile_update(*, user: User, display_name: str, real_name: str) -> User:
    """Change a person's names. The display name must be free and not look like staff
    (`forms.check_display_name_free`); a `ValidationError` says why not."""
    from kindred.accounts.forms import check_display_name_free

    check_display_name_free(display_name.strip(), user=user)
    user.display_name = display_name.strip()
    user.real_name = real_name.strip()
    user.save(update_fields=["display_name", "real_name"])
    return user


@transaction.atomic
def role_grant(
    *,
    user: User,
    role: Role | str,
    organisation: Organisation | None = None,
    accreditation: str = "",
) -> RoleAssignment:
    """Give a person a role (idempotent)."""
    assignment, created = RoleAssignment.objects.get_or_create(
        user=user, role=role, organisation=organisation, defaults={"accreditation": accreditation}
    )
    if not created and accreditation and assignment.accreditation != accreditation:
        assignment.accreditation = accreditation
        assignment.save(update_fields=["accreditation"])
    return assignment


def user_export_data(*, user: User) -> dict[str, Any]:
    """Everything Kindred holds about a person, as they can download it (subject access)."""
    return {
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "real_name": user.real_name,
            "date_joined": user.date_joined.isoformat(),
        },
        "roles": [
            {
                "role": a.role,
                "organisation": a.organisation.name if a.organisation else None,
                "accreditation": a.accreditation,
                "granted_at": a.granted_at.isoformat(),
            }
            for a in user.role_assignments.select_related("organisation")
        ],
        "consents": [
            {
                "purpose": c.purpose,
                "version": c.version,
                "given_at": c.given_at.isoformat(),
                "withdrawn_at": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
            }
            for c in user.consents.all()
        ],
        "online_groups": community_export_for(user),
        "organisations_administered": [
            o.name for o in Organisation.objects.filter(role_assignments__user=user).distinct()
        ],
        "buddy_programmes": _buddies_export(user),
    }


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _buddies_export(user: User) -> dict[str, Any]:
    """The person's own buddy profiles, matches and check-ins. Only their own answers:
    nothing the buddy said or chose (not even who the buddy is), and no match
    explanation, which is made from both people's answers."""
    profiles = (
        BuddyProfile.objects.filter(user=user)
        .select_related("programme", "condition")
        .prefetch_related("languages", "life_events")
        .order_by("created_at")
    )
    matches = (
        Match.objects.filter(Q(seeker__user=user) | Q(supporter__user=user))
        .select_related("programme", "seeker")
        .order_by("created_at")
    )
    return {
        "profiles": [
            {
                "programme": p.programme.name,
                "side": p.side,
                "status": p.status,
                "condition": p.condition.name,
                "diagnosis_year": p.diagnosis_year,
                "treatments": p.treatments,
                "life_events": [e.name for e in p.life_events.all()],
                "wants_help_with": p.wants_help_with,
                "can_help_with": p.can_help_with,
                "languages": [lang.name for lang in p.languages.all()],
                "must_share_language": p.must_share_language,
                "cultural_background": p.cultural_background,
                "religion": p.religion,
                "birth_year": p.birth_year,
                "gender": p.gender,
                "town": p.town,
                "interests": p.interests,
                "values": p.values,
                "contact_modes": p.contact_modes,
                "buddy_genders": p.buddy_genders,
                "buddy_age_min": p.buddy_age_min,
                "buddy_age_max": p.buddy_age_max,
                "capacity": p.capacity,
                "shown_to_buddy": p.shown_to_buddy,
                "training_completed_on": _iso(p.training_completed_on),
                "accreditation": p.accreditation,
                "background_check_on": _iso(p.background_check_on),
                "joined_at": _iso(p.created_at),
            }
            for p in profiles
        ],
        "matches": [
            {
                "programme": m.programme.name,
                "my_side": Side.SEEKER if m.seeker.user_id == user.pk else Side.SUPPORTER,
                "state": m.state,
                "proposed_at": _iso(m.created_at),
                "i_said_yes_at": _iso(
                    m.seeker_said_yes_at if m.seeker.user_id == user.pk else m.supporter_said_yes_at
                ),
                "started_at": _iso(m.started_at),
                "ended_at": _iso(m.ended_at),
                # Feedback is the words of whoever ended the match: only theirs is exported.
                "my_end_feedback": m.end_feedback if m.ended_by_id == user.pk else "",
            }
            for m in matches
        ],
        "check_ins": [
            {
                "programme": c.match.programme.name,
                "due_on": _iso(c.due_on),
                "feeling": c.feeling,
                "note": c.note,
                "answered_at": _iso(c.answered_at),
            }
            for c in CheckIn.objects.filter(user=user)
            .select_related("match__programme")
            .order_by("due_on")
        ],
    }
