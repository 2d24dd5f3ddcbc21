"""Every change moderation makes: screening a submission, opening cases, reports,
moderators' actions and the log, appeals, notes under posts, ground rules, screening
settings and watched words. Each function checks who may do it, so the pages and the
API share the rules.

Who moderates: a group's leaders and moderators, for that group only. Cases with no
group (private messages) go to the site admins.

One module per use case (`stewards`, `screening`, `reports`, `queue`, `actions`,
`appeals`, `notes`, `rules`, `screening_settings`, `workload`); callers import what
they need from here (`from kindred.moderation import services`)."""

from kindred.moderation.services.actions import (
    _ACTIONS,
    CARE_NOTE_TEXT,
    CONTENT_ACTIONS,
    MESSAGE_ACTIONS,
    MUTE_DAYS_MAX,
    NEEDS_REASON,
    act,
    allowed_actions,
    author_edited,
    case_message_author,
)
from kindred.moderation.services.appeals import (
    appeal_decide,
    appeal_for_moderator,
    appeal_submit,
    open_appeals,
)
from kindred.moderation.services.notes import (
    is_note_shown,
    peer_note_add,
    peer_note_support,
)
from kindred.moderation.services.queue import (
    case_for_moderator,
    case_reports,
    queue,
)
from kindred.moderation.services.reports import (
    REPORT_LIMIT,
    REPORT_WINDOW,
    report_content,
)
from kindred.moderation.services.rules import (
    RULES_TEMPLATE,
    current_rules,
    rules_publish,
    rules_published,
)
from kindred.moderation.services.screening import (
    display_name_problems,
    record_screening,
    screen_for_space,
    screen_message,
    screen_profile_text,
    site_admins,
)
from kindred.moderation.services.screening_settings import (
    screening_rules_set,
    watched_word_add,
    watched_word_remove,
)
from kindred.moderation.services.stewards import (
    ModerationError,
    is_steward,
)
from kindred.moderation.services.workload import (
    ACTION_KINDS_FOR_WORKLOAD,
    ModeratorLoad,
    Workload,
    workload,
)

__all__ = [
    "ACTION_KINDS_FOR_WORKLOAD",
    "CARE_NOTE_TEXT",
    "CONTENT_ACTIONS",
    "MESSAGE_ACTIONS",
    "MUTE_DAYS_MAX",
    "NEEDS_REASON",
    "REPORT_LIMIT",
    "REPORT_WINDOW",
    "RULES_TEMPLATE",
    "_ACTIONS",
    "ModerationError",
    "ModeratorLoad",
    "Workload",
    "act",
    "allowed_actions",
    "appeal_decide",
    "appeal_for_moderator",
    "appeal_submit",
    "author_edited",
    "case_for_moderator",
    "case_message_author",
    "case_reports",
    "current_rules",
    "display_name_problems",
    "is_note_shown",
    "is_steward",
    "open_appeals",
    "peer_note_add",
    "peer_note_support",
    "queue",
    "record_screening",
    "report_content",
    "rules_publish",
    "rules_published",
    "screen_for_space",
    "screen_message",
    "screen_profile_text",
    "screening_rules_set",
    "site_admins",
    "watched_word_add",
    "watched_word_remove",
    "workload",
]
