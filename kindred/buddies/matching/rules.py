"""The hard constraints: what must be true of a pair before the matcher even scores it.

Each rule here has a twin in `candidates`, which applies the same rule to many pairs at
once; the property tests check that the two always agree.
"""

from __future__ import annotations

from .people import Pairing, Person, Programme, Role, normalise


def shared_conditions(seeker: Person, supporter: Person, programme: Programme) -> frozenset[str]:
    """The programme's conditions that both people live with."""
    return seeker.condition_slugs & supporter.condition_slugs & programme.condition_slugs


def shared_contact_modes(seeker: Person, supporter: Person, programme: Programme) -> frozenset[str]:
    """The ways of keeping in touch both people want and the programme allows."""
    return seeker.contact_modes & supporter.contact_modes & programme.contact_modes


def gender_wanted(chooser: Person, other: Person) -> bool:
    """Whether `other` is a gender `chooser` asked for (anyone, if they asked for none).
    A gender left unsaid never meets a stated preference."""
    if not chooser.wants_buddy_gender:
        return True
    wanted = {normalise(g) for g in chooser.wants_buddy_gender}
    return bool(other.gender.strip()) and normalise(other.gender) in wanted


def age_wanted(chooser: Person, other: Person) -> bool:
    """Whether `other`'s age is in the range `chooser` asked for. An unknown age never
    meets a stated range."""
    low, high = chooser.buddy_age_min, chooser.buddy_age_max
    if low is None and high is None:
        return True
    if other.age is None:
        return False
    return (low is None or other.age >= low) and (high is None or other.age <= high)


def violations(seeker: Person, supporter: Person, programme: Programme) -> list[str]:
    """Every hard rule the pair would break, in plain words for a coordinator; empty
    when the pair may be matched."""
    problems: list[str] = []
    if seeker.id == supporter.id:
        problems.append("They are the same person")
    if programme.pairing == Pairing.SUPPORTER_TO_SUPPORTED:
        if seeker.role != Role.SEEKER:
            problems.append("The seeker signed up to give support, not to get it")
        if supporter.role != Role.SUPPORTER:
            problems.append("The supporter signed up to get support, not to give it")
    if supporter.capacity < 1:
        problems.append("The supporter has no room for a buddy")
    if not shared_conditions(seeker, supporter, programme):
        problems.append("They do not both live with a condition this programme is for")
    if not programme.is_youth and seeker.is_under_18 != supporter.is_under_18:
        # Safeguarding: outside youth programmes an adult never meets an under-18, and an
        # age nobody gave counts as an adult's.
        problems.append("This programme never pairs an adult with someone under 18")
    if (seeker.must_share_language or supporter.must_share_language) and not (
        seeker.languages & supporter.languages
    ):
        who = (
            "both"
            if seeker.must_share_language and supporter.must_share_language
            else "the seeker"
            if seeker.must_share_language
            else "the supporter"
        )
        problems.append(f"They share no language, and {who} asked for one")
    if not gender_wanted(seeker, supporter):
        problems.append("The supporter is not a gender the seeker asked for")
    if not gender_wanted(supporter, seeker):
        problems.append("The seeker is not a gender the supporter asked for")
    if not age_wanted(seeker, supporter):
        problems.append("The supporter is not in the age range the seeker asked for")
    if not age_wanted(supporter, seeker):
        problems.append("The seeker is not in the age range the supporter asked for")
    if not shared_contact_modes(seeker, supporter, programme):
        problems.append("They have no way of keeping in touch in common that the programme allows")
    return problems
