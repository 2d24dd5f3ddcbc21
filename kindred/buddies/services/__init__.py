"""Every change in a buddy programme: joining with a matching profile, running the
matcher, the coordinator's review, both people opting in, check-ins and ending.

Who may do what: anyone signed in may join a published programme (open, and run by an
organisation a site admin has checked), with consent to use their health details; the
coordinators its organisation's admin appointed, and site admins, start and change
programmes, run matching and review; only the two people in a match opt in, check in or end it. The
platform never hands out contact details: buddies talk through Kindred's messages.

One module per use case (`access`, `profiles`, `runs`, `review`, `matches`,
`dashboard`, `programmes`); callers import what they need from here
(`from kindred.buddies import services`)."""

from kindred.buddies.services.access import (
    HOLDS_A_PLACE,
    BuddyError,
    are_buddies,
    coordinator_appoint,
    coordinator_remove,
    coordinators_of,
    has_health_consent,
    is_coordinator,
    may_choose_coordinators,
    organisations_choosing_coordinators,
)
from kindred.buddies.services.dashboard import (
    Dashboard,
    dashboard,
)
from kindred.buddies.services.matches import (
    checkin_answer,
    checkins_due,
    match_answer,
    match_end,
    match_for_participant,
)
from kindred.buddies.services.profiles import (
    ProfileAnswers,
    profile_leave,
    profile_save,
    programme_contact_modes,
    supporter_record,
)
from kindred.buddies.services.programmes import (
    MAX_WEIGHT,
    RESERVED_SLUGS,
    WEIGHT_NAMES,
    ProgrammeSettings,
    coordinated_programmes,
    may_start_programme,
    organisations_to_start_in,
    programme_list,
    programme_save,
)
from kindred.buddies.services.review import (
    match_approve,
    match_reject,
    match_swap,
    swap_options,
    swap_options_for,
)
from kindred.buddies.services.runs import (
    LIFE_EVENT_PHRASES,
    explanation_for,
    labels_for,
    needs_similarity,
    programme_rules,
    run_matching,
    to_person,
)

__all__ = [
    "HOLDS_A_PLACE",
    "LIFE_EVENT_PHRASES",
    "MAX_WEIGHT",
    "RESERVED_SLUGS",
    "WEIGHT_NAMES",
    "BuddyError",
    "Dashboard",
    "ProfileAnswers",
    "ProgrammeSettings",
    "are_buddies",
    "checkin_answer",
    "checkins_due",
    "coordinated_programmes",
    "coordinator_appoint",
    "coordinator_remove",
    "coordinators_of",
    "dashboard",
    "explanation_for",
    "has_health_consent",
    "is_coordinator",
    "labels_for",
    "match_answer",
    "match_approve",
    "match_end",
    "match_for_participant",
    "match_reject",
    "match_swap",
    "may_choose_coordinators",
    "may_start_programme",
    "needs_similarity",
    "organisations_choosing_coordinators",
    "organisations_to_start_in",
    "profile_leave",
    "profile_save",
    "programme_contact_modes",
    "programme_list",
    "programme_rules",
    "programme_save",
    "run_matching",
    "supporter_record",
    "swap_options",
    "swap_options_for",
    "to_person",
]
