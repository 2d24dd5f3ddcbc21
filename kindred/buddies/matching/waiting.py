"""Why someone is still waiting for a buddy after a run of the matcher, in plain words a
coordinator can act on ("No supporter speaks Punjabi yet")."""

from __future__ import annotations

from enum import StrEnum

from .people import CONTACT_MODE_NAMES, DEFAULT_LABELS, Labels, Person, Programme, join_words


class WaitingReason(StrEnum):
    """Why a seeker has no buddy. The first three are about the seeker alone; the rest
    name the first rule, in the order below, that ruled out every supporter left."""

    NOT_A_SEEKER = "not_a_seeker"
    CONDITION_NOT_IN_PROGRAMME = "condition_not_in_programme"
    CONTACT_NOT_OFFERED = "contact_not_offered"
    NO_SHARED_CONDITION = "no_shared_condition"
    AGE_GROUP = "age_group"
    LANGUAGE = "language"
    GENDER_WANTED = "gender_wanted"
    GENDER_OF_SUPPORTERS = "gender_of_supporters"
    AGE_RANGE_WANTED = "age_range_wanted"
    AGE_RANGE_OF_SUPPORTERS = "age_range_of_supporters"
    CONTACT_MODES = "contact_modes"
    BELOW_THRESHOLD = "below_threshold"
    SUPPORTERS_FULL = "supporters_full"


# The rules between a seeker and the supporters, in the order they are applied when
# finding out why nobody is left (see `candidates.Candidates.stage_counts`).
STAGES: tuple[WaitingReason, ...] = (
    WaitingReason.NO_SHARED_CONDITION,
    WaitingReason.AGE_GROUP,
    WaitingReason.LANGUAGE,
    WaitingReason.GENDER_WANTED,
    WaitingReason.GENDER_OF_SUPPORTERS,
    WaitingReason.AGE_RANGE_WANTED,
    WaitingReason.AGE_RANGE_OF_SUPPORTERS,
    WaitingReason.CONTACT_MODES,
    WaitingReason.BELOW_THRESHOLD,
)

_NEVER_MIXED = "and this programme never pairs an adult with someone under 18"


def _age_range(seeker: Person) -> str:
    low, high = seeker.buddy_age_min, seeker.buddy_age_max
    if low is not None and high is not None:
        return f"{low} to {high}"
    if low is not None:
        return f"{low} or older"
    return f"{high} or younger"


def _modes(modes: frozenset[str]) -> str:
    return join_words(
        [CONTACT_MODE_NAMES[m] for m in sorted(modes) if m in CONTACT_MODE_NAMES], "or"
    )


def waiting_text(
    reason: WaitingReason,
    seeker: Person,
    programme: Programme,
    labels: Labels = DEFAULT_LABELS,
) -> str:
    """The reason in words, for the coordinator's list of people still waiting."""
    match reason:
        case WaitingReason.NOT_A_SEEKER:
            return "They signed up to give support, not to get it"
        case WaitingReason.CONDITION_NOT_IN_PROGRAMME:
            return "This programme is not for a condition they live with"
        case WaitingReason.CONTACT_NOT_OFFERED:
            return (
                "This programme does not offer the ways they want to keep in touch "
                f"({_modes(seeker.contact_modes)})"
            )
        case WaitingReason.NO_SHARED_CONDITION:
            conditions = sorted(
                labels.condition(c) for c in seeker.condition_slugs & programme.condition_slugs
            )
            return f"No supporter lives with {join_words(conditions, 'or')} yet"
        case WaitingReason.AGE_GROUP:
            if seeker.is_under_18:
                return f"No supporter is under 18 yet, {_NEVER_MIXED}"
            return f"The supporters who could help are under 18, {_NEVER_MIXED}"
        case WaitingReason.LANGUAGE:
            if not seeker.must_share_language:
                return "The supporters who could help asked for a buddy who speaks their language"
            if not seeker.languages:
                return "They asked for a shared language but did not say which they speak"
            languages = sorted(labels.language(x) for x in seeker.languages)
            return f"No supporter speaks {join_words(languages, 'or')} yet"
        case WaitingReason.GENDER_WANTED:
            return "No supporter is the gender they asked for yet"
        case WaitingReason.GENDER_OF_SUPPORTERS:
            return "The supporters who could help asked for a buddy of a different gender"
        case WaitingReason.AGE_RANGE_WANTED:
            return f"No supporter is in the age range they asked for ({_age_range(seeker)}) yet"
        case WaitingReason.AGE_RANGE_OF_SUPPORTERS:
            return "They are outside the age range the supporters who could help asked for"
        case WaitingReason.CONTACT_MODES:
            modes = _modes(seeker.contact_modes & programme.contact_modes)
            return f"No supporter can keep in touch the way they want ({modes}) yet"
        case WaitingReason.BELOW_THRESHOLD:
            return "No supporter scored above the programme's threshold"
        case WaitingReason.SUPPORTERS_FULL:
            return "Every suitable supporter is full"
