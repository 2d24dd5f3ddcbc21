"""The person's buddy programmes in their data export (installed in `BuddiesConfig.ready`)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db.models import Q

from kindred.accounts.models import User
from kindred.buddies.models import BuddyProfile, CheckIn, Match, Side


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def buddies_export(user: User) -> dict[str, Any]:
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
