"""The named people the tests talk about (see conftest.py at the top of the project)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP

from kindred.accounts.models import Role, User
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


def build_cast() -> Cast:
    organisation = OrganisationFactory(name="South Coast T1 Peers", verified=True)
    cast = Cast(
        organisation=organisation,
        member=make_user("mina@example.org", "Mina", real_name="Mina Rahman"),
        carer=make_user("carl@example.org", "Carl", real_name="Carl Jones"),
        peer_leader=make_user("priya@example.org", "Priya", real_name="Priya Shah", mfa=True),
        moderator=make_user("mo@example.org", "Mo", real_name="Mohammed Ali", mfa=True),
        clinician=make_user("clare@example.org", "Dr Clare", real_name="Clare Davies", mfa=True),
        org_admin=make_user("olu@example.org", "Olu", real_name="Olu Adeyemi", mfa=True),
        site_admin=make_user("sam@example.org", "Sam", real_name="Sam Taylor", mfa=True),
        outsider=make_user("oscar@example.org", "Oscar", real_name="Oscar Wilde"),
    )
    role_grant(user=cast.member, role=Role.MEMBER)
    role_grant(user=cast.carer, role=Role.CARER)
    role_grant(user=cast.peer_leader, role=Role.PEER_LEADER, organisation=organisation)
    role_grant(user=cast.moderator, role=Role.MODERATOR, organisation=organisation)
    role_grant(user=cast.clinician, role=Role.CLINICIAN)
    role_grant(user=cast.org_admin, role=Role.ORG_ADMIN, organisation=organisation)
    role_grant(user=cast.site_admin, role=Role.SITE_ADMIN)
    return cast


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
