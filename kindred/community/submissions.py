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
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from kindred.accounts.models import User
from kindred.community.models import Submission
from kindred.community.results import Published

# Keys older than this are forgotten (a form left open longer saves a new post).
KEPT_FOR = timedelta(days=2)


def earlier[M: models.Model](
    *, user: User, key: uuid.UUID | None, kind: str, model: type[M]
) -> Published[M] | None:
    """Claim `key` for what the caller is about to save, or return what an earlier send
    of the same form saved and what it was told (its reasons were shown to the first
    answer, so `flagged` is empty). Call inside the transaction that saves, then
    `fulfil` with what was saved."""
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
        assert found is not None  # `saved` was found through it
        return Published(post=saved, crisis=found.crisis, held=found.held, repeated=True)
    return None


def fulfil(*, user: User, key: uuid.UUID | None, saved: Published[Any]) -> None:
    """Record what was saved under `key`, and what its screening said."""
    if key is None:
        return
    Submission.objects.filter(user=user, key=key, object_id=None).update(
        object_id=saved.post.pk, crisis=saved.crisis, held=saved.held
    )


def forget_old() -> int:
    """Delete keys past `KEPT_FOR` (run with the daily digest)."""
    deleted, _ = Submission.objects.filter(created_at__lt=timezone.now() - KEPT_FOR).delete()
    return deleted
