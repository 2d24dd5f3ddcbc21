"""The demo's commands on a database without the demo: `demo_logins` says how to load
it, and `load_demo_community` refuses on a real server unless forced."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from kindred.directory.models import PeerGroup


@pytest.mark.django_db
def test_demo_logins_says_when_the_demo_is_not_loaded() -> None:
    out = StringIO()

    call_command("demo_logins", stdout=out)

    assert "load_demo_community" in out.getvalue()


@pytest.mark.django_db
def test_load_demo_community_refuses_without_debug(settings) -> None:  # type: ignore[no-untyped-def]
    """With --force it loads (the `demo` fixture loads the demo that way: see
    test_demo_community.py::test_the_command_loads_it_when_forced_and_says_so_in_a_line)."""
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo_community", stdout=StringIO())
    assert not PeerGroup.objects.exists()
