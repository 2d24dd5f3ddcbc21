"""The demo's commands on a database without the demo: `demo_logins` says how to load
it, and `load_demo_community` refuses on a real server unless forced."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from kindred.buddies.models import BuddyProfile, Match, MatchState, Programme
from kindred.demo.buddies import BUDDIES, PROGRAMMES
from kindred.directory.models import PeerGroup


@pytest.mark.django_db
def test_demo_logins_says_when_the_demo_is_not_loaded() -> None:
    out = StringIO()

    call_command("demo_logins", stdout=out)

    assert "load_demo_community" in out.getvalue()


@pytest.mark.django_db
def test_load_demo_community_refuses_without_debug_unless_forced(settings) -> None:  # type: ignore[no-untyped-def]
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo_community", stdout=StringIO())
    assert not PeerGroup.objects.exists()

    out = StringIO()
    call_command("load_demo_community", "--force", stdout=out)

    assert out.getvalue().startswith("Demo community:")
    assert len(out.getvalue().strip().splitlines()) == 1
    # The command loads the buddy programmes too.
    assert set(Programme.objects.values_list("slug", flat=True)) == {p.slug for p in PROGRAMMES}
    assert Match.objects.filter(state=MatchState.ACTIVE).count() == 1
    assert BuddyProfile.objects.count() == len(BUDDIES)
