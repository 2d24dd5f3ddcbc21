"""Saving once per form: a create form carries a key (`core.forms.SubmissionKeyField`),
and the service that saves the post claims that key in the same transaction.

The key is unique per person in the database, so when the same form arrives twice at
once, the second claim waits for the first transaction and then finds it: on
PostgreSQL the second insert waits on the unique index, on SQLite the second write
transaction waits for the first. The second request then answers with the post the
first one saved. When the first one saved nothing (screening sent it back, an error),
its claim was rolled back with it and the form can be sent again."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from kindred.accounts.models import User
from kindred.community.models import Submission


@dataclass(frozen=True)
class Repeat:
    """Stands in for the screening decision on a repeated send: what the first send was
    told. (Its reasons were shown to the first answer; `flagged` is empty.)"""

    crisis: bool
    held: bool
    flagged: tuple[str, ...] = ()


# Keys older than this are forgotten (a form left open longer saves a new post).
KEPT_FOR = timedelta(days=2)


def earlier[M: models.Model](
    *, user: User, key: uuid.UUID | None, kind: str, model: type[M]
) -> M | None:
    """Claim `key` for what the caller is about to save, or return what an earlier send
    of the same form saved (its `screening` a `Repeat`). Call inside the transaction that saves,
    then `fulfil` with what was saved."""
    if key is None:
        return None
    try:
        with transaction.atomic():
            Submission.objects.create(user=user, key=key, kind=kind)
    except IntegrityError:
        found = Submission.objects.filter(user=user, key=key, kind=kind).first()
        saved = (
            model._default_manager.filter(pk=found.object_id).first()
            if found is not None and found.object_id is not None
            else None
        )
        if saved is None:
            # The key was used for something else, or what it saved is gone: this send
            # is new.
            return None
        saved.screening = Repeat(crisis=found.crisis, held=found.held)  # type: ignore[union-attr, attr-defined]
        return saved
    return None


def fulfil(*, user: User, key: uuid.UUID | None, saved: models.Model) -> None:
    """Record what was saved under `key`, and what its screening said."""
    if key is None:
        return
    screening = getattr(saved, "screening", None)
    Submission.objects.filter(user=user, key=key, object_id=None).update(
        object_id=saved.pk,
        crisis=bool(getattr(screening, "crisis", False)),
        held=bool(getattr(screening, "held", False)),
    )


def forget_old() -> int:
    """Delete keys past `KEPT_FOR` (run with the daily digest)."""
    deleted, _ = Submission.objects.filter(created_at__lt=timezone.now() - KEPT_FOR).delete()
    return deleted
