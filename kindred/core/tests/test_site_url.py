"""Links Kindred sends out of the site (emails written by the task worker, the demo
logins `make run` prints) are built from one setting, SITE_URL, so they name the port
the site really runs on; emails sent while answering a request use that request's
address. (tests/test_make_run.py checks that `make run` sets SITE_URL from its PORT.)"""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from kindred.accounts.models import ConsentPurpose
from kindred.accounts.services import consent_give
from kindred.community import services as community_services
from kindred.community.models import CommunityPreference
from kindred.community.notifications import notify
from kindred.community.tasks import send_digest
from kindred.community.tests.factories import make_community
from kindred.moderation.tasks import send_urgent_alert
from kindred.moderation.tests.cases import case_about

pytestmark = pytest.mark.django_db

ELSEWHERE = "http://127.0.0.1:9123"


@pytest.fixture
def site_elsewhere(settings):
    settings.SITE_URL = ELSEWHERE
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def _links(text: str) -> list[str]:
    return re.findall(r"https?://\S+", text)


def test_the_digest_links_to_the_site_url(cast, mailoutbox, site_elsewhere):
    consent_give(user=cast.member, purpose=ConsentPurpose.EMAIL_UPDATES)
    CommunityPreference.objects.update_or_create(user=cast.member, defaults={"digest": "daily"})
    notify(user=cast.member, kind="reply", text="Carl replied.", url="/groups/x/online/topics/1/")
    send_digest.enqueue(cast.member.pk)
    (email,) = mailoutbox
    links = _links(email.body)
    assert f"{ELSEWHERE}{reverse('messages:notifications')}" in links
    assert links and all(link.startswith(ELSEWHERE + "/") for link in links), links


def test_the_urgent_alert_links_to_the_site_url(cast, mailoutbox, site_elsewhere):
    south = make_community(cast)
    topic = community_services.topic_publish(
        author=cast.member,
        space=south.space,
        title="Today",
        body="I can't do this anymore. I want to end my life tonight.",
    ).post
    assert send_urgent_alert.call(case_about(topic).pk) == 2
    links = _links(mailoutbox[0].body)
    assert links == [ELSEWHERE + case_about(topic).get_absolute_url()]


def test_the_demo_logins_name_the_site_url(cast, site_elsewhere):
    out = StringIO()
    call_command("demo_logins", stdout=out)
    assert f"Sign in at {ELSEWHERE}{reverse('account_login')}" in out.getvalue()
    assert "8000" not in out.getvalue()


def test_a_sign_up_email_links_to_the_address_the_person_used(client, mailoutbox):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "new@example.org",
            "password1": "a long demo passphrase 42",
            "password2": "a long demo passphrase 42",
            "display_name": "Newcomer",
            "agree_terms": "on",
        },
        HTTP_HOST="127.0.0.1:9123",
    )
    assert response.status_code == 302
    (email,) = mailoutbox
    links = _links(email.body)
    assert links and all(link.startswith(ELSEWHERE + "/") for link in links), links
