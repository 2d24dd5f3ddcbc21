"""The named people the tests talk about (see conftest.py at the top of the project)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from allauth.mfa.utils import encrypt
from django.contrib.auth.hashers import make_password

from kindred.accounts.models import Role, RoleAssignment, User
from kindred.accounts.names import name_key
from kindred.accounts.services import role_grant
from kindred.directory.models import Organisation
from kindred.directory.tests.factories import OrganisationFactory

PASSWORD = "a long demo passphrase 42"
TOTP_SECRET = "JBSWY3DPEHPK3PXP"


def make_user(email: str, display_name: str, *, real_name: str = "", mfa: bool = False) -> User:
    # Display names are unique: a second "Sara" made by a factory becomes "Sara 2".
    display_name = User.objects.free_display_name(display_name)
    user = User.objects.create_user(email, PASSWORD, display_name=display_name, real_name=real_name)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    if mfa:
        TOTP.activate(user, TOTP_SECRET)
    return user


@dataclass
class Cast:
    organisation: Organisation
    member: User
    carer: User
    peer_leader: User
    moderator: User
    clinician: User
    org_admin: User
    site_admin: User
    outsider: User


# Who the cast are: their field in `Cast`, email, display name, real name, whether they
# sign in with a second step, and the role they hold (in the organisation or not).
_PEOPLE = (
    ("member", "mina@example.org", "Mina", "Mina Rahman", False, Role.MEMBER, False),
    ("carer", "carl@example.org", "Carl", "Carl Jones", False, Role.CARER, False),
    ("peer_leader", "priya@example.org", "Priya", "Priya Shah", True, Role.PEER_LEADER, True),
    ("moderator", "mo@example.org", "Mo", "Mohammed Ali", True, Role.MODERATOR, True),
    ("clinician", "clare@example.org", "Dr Clare", "Clare Davies", True, Role.CLINICIAN, False),
    ("org_admin", "olu@example.org", "Olu", "Olu Adeyemi", True, Role.ORG_ADMIN, True),
    ("site_admin", "sam@example.org", "Sam", "Sam Taylor", True, Role.SITE_ADMIN, False),
    ("outsider", "oscar@example.org", "Oscar", "Oscar Wilde", False, None, False),
)


def build_cast() -> Cast:
    """The cast, made in a few queries (almost every test asks for it): the same rows
    `make_user` and `role_grant` would make one by one. Where someone already uses one
    of their names, they are made one by one, as `make_user` finds free names."""
    organisation = OrganisationFactory(name="South Coast T1 Peers", verified=True)
    keys = [name_key(name) for _, _, name, *_ in _PEOPLE]
    if User.objects.filter(display_name_key__in=keys).exists():
        return _build_cast_one_by_one(organisation)
    password = make_password(PASSWORD)
    users = User.objects.bulk_create(
        User(
            email=email,
            display_name=name,
            display_name_key=name_key(name),
            real_name=real_name,
            password=password,
        )
        for _, email, name, real_name, *_ in _PEOPLE
    )
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users
    )
    secret = {"secret": encrypt(TOTP_SECRET)}
    Authenticator.objects.bulk_create(
        Authenticator(user=user, type=Authenticator.Type.TOTP, data=secret)
        for user, (_, _, _, _, mfa, _, _) in zip(users, _PEOPLE, strict=True)
        if mfa
    )
    RoleAssignment.objects.bulk_create(
        RoleAssignment(user=user, role=role, organisation=organisation if in_org else None)
        for user, (*_, role, in_org) in zip(users, _PEOPLE, strict=True)
        if role is not None
    )
    people = {field: user for user, (field, *_) in zip(users, _PEOPLE, strict=True)}
    return Cast(organisation=organisation, **people)


def _build_cast_one_by_one(organisation: Organisation) -> Cast:
    people = {}
    for field, email, name, real_name, mfa, role, in_org in _PEOPLE:
        user = make_user(email, name, real_name=real_name, mfa=mfa)
        if role is not None:
            role_grant(user=user, role=role, organisation=organisation if in_org else None)
        people[field] = user
    return Cast(organisation=organisation, **people)


def login_with_second_factor(client: Any, user: User, *, method: str = "totp") -> None:
    """Sign `user` in with a session that has passed the second step, marked exactly as
    allauth marks it when the code is accepted (an "mfa" authentication record). Use it
    wherever a test needs staff or a group's moderators to reach what the second step
    protects; plain `force_login` is a password-only session."""
    from types import SimpleNamespace

    from allauth.account.internal.flows.login import record_authentication

    client.force_login(user)
    session = client.session
    record_authentication(SimpleNamespace(session=session), user, "mfa", type=method)
    session.save()
