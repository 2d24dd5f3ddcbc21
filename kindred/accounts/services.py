"""Every change to a person's account, roles and consents."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.utils import timezone

from kindred.accounts.consent import CONSENT_VERSIONS
from kindred.accounts.export import export_sections
from kindred.accounts.models import ConsentPurpose, ConsentRecord, Role, RoleAssignment, User


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
    organisation: models.Model | None = None,
    accreditation: str = "",
) -> RoleAssignment:
    """Give a person a role (idempotent)."""
    # `organisation` is a directory Organisation, named by its row: accounts sits below
    # the directory (see docs/architecture.md).
    held_in: dict[str, Any] = {"organisation_id": organisation.pk if organisation else None}
    assignment, created = RoleAssignment.objects.get_or_create(
        user=user, role=role, defaults={"accreditation": accreditation}, **held_in
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
        # What each app holds about the person: the sections they install.
        **{key: section(user) for key, section in export_sections().items()},
    }
