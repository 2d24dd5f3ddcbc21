"""The moderators' pages: who may open them (only the leaders and moderators of THAT
group; site admins for private messages and the claims list), who sees the name behind
an anonymous post, and what the log, workload, settings, watched words, appeals and
claims pages do."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from kindred.community import services as community
from kindred.community.models import AnonymityView, Conversation, Message, Notification
from kindred.community.tests.factories import make_community
from kindred.core.tests.cast import login_with_second_factor, make_user
from kindred.directory.tests.factories import make_group
from kindred.moderation import gate, services
from kindred.moderation.models import (
    ActionKind,
    AppealState,
    Case,
    FalseClaim,
    LogEntry,
    ScreeningRule,
    WatchedWord,
)
from kindred.moderation.views_moderator import human_duration

pytestmark = pytest.mark.django_db

CRISIS = "I want to end my life tonight"


@pytest.fixture
def world(cast):
    """South Coast Online (Priya leads, Mo moderates, Mina and Carl are members) with:
    Mina's anonymous crisis post; Carl's post that Mo removed and Carl appealed; a
    watched word; a private message Carl reported. Nia leads another group."""
    group = make_community(cast)
    nia = make_user("nia@example.org", "Nia", mfa=True)
    community.space_open(
        group=make_group(organisation=cast.organisation, name="North Online"), leader=nia
    )
    anonymous = community.topic_publish(
        author=cast.member, space=group.space, title="Tonight", body=CRISIS, is_anonymous=True
    ).post
    removed = community.topic_publish(
        author=cast.carer, space=group.space, title="My week", body="Rough week, honestly."
    ).post
    services.report_content(reporter=cast.member, category="abuse", reason="Mean", topic=removed)
    entry = services.act(
        case=removed.cases.get(), by=cast.moderator, kind="remove", reason="Unkind words."
    )
    appeal = services.appeal_submit(entry=entry, by=cast.carer, text="I was only venting.")
    word = services.watched_word_add(
        space=group.space, by=cast.moderator, phrase="miracle cure", action="hold"
    )
    first, second = sorted((cast.member, cast.carer), key=lambda u: u.pk)
    conversation = Conversation.objects.create(first=first, second=second)
    message = Message.objects.create(
        conversation=conversation, sender=cast.member, body="Leave me alone", body_html=""
    )
    services.report_content(reporter=cast.carer, category="abuse", reason="Rude", message=message)
    claim = FalseClaim.objects.create(
        key="cinnamon-cure",
        claim="cinnamon cures diabetes",
        correction="Cinnamon does not replace insulin.",
        key_phrases="cinnamon ... cure*",
    )
    return SimpleNamespace(
        group=group,
        slug=group.group.slug,
        nia=nia,
        anonymous=anonymous,
        anonymous_case=anonymous.cases.get(),
        removed=removed,
        appeal=appeal,
        word=word,
        message_case=Case.objects.get(message=message),
        claim=claim,
    )


def _group_urls(world):
    slug = world.slug
    return [
        reverse("moderation:case", args=[world.anonymous_case.pk]),
        reverse("moderation:queue", args=[slug]),
        reverse("moderation:log", args=[slug]),
        reverse("moderation:workload", args=[slug]),
        reverse("moderation:settings", args=[slug]),
        reverse("moderation:watched-remove", args=[slug, world.word.pk]),
        reverse("moderation:appeals", args=[slug]),
        reverse("moderation:appeal", args=[world.appeal.pk]),
    ]


def _site_urls(world):
    return [
        reverse("moderation:message-queue"),
        reverse("moderation:case", args=[world.message_case.pk]),
        reverse("moderation:claims"),
        reverse("moderation:claim-new"),
        reverse("moderation:claim-edit", args=[world.claim.pk]),
    ]


# --- who may open what ----------------------------------------------------------------


def test_signed_out_visitors_are_sent_to_sign_in(client, world):
    for url in _group_urls(world) + _site_urls(world):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/accounts/login/" in response["Location"], url


@pytest.mark.parametrize("who", ["member", "carer", "outsider", "clinician", "site_admin", "nia"])
def test_only_the_groups_leaders_and_moderators_open_its_pages(client, cast, world, who):
    """Mina and Carl (members), Oscar (outsider), Dr Clare, Sam (a site admin, but not
    in the group) and Nia (who leads another group) all get a 404."""
    login_with_second_factor(client, world.nia if who == "nia" else getattr(cast, who))
    for url in _group_urls(world):
        response = client.get(url)
        assert response.status_code == 404, url
        assert CRISIS not in response.content.decode()


@pytest.mark.parametrize("who", ["carer", "outsider", "nia"])
def test_outsiders_cannot_act_either(client, cast, world, who):
    login_with_second_factor(client, world.nia if who == "nia" else getattr(cast, who))
    slug = world.slug
    posts = [
        (reverse("moderation:case", args=[world.anonymous_case.pk]), {"action": "approve"}),
        (reverse("moderation:settings", args=[slug]), {"form": "watched", "phrase": "xx"}),
        (reverse("moderation:watched-remove", args=[slug, world.word.pk]), {}),
        (
            reverse("moderation:appeal", args=[world.appeal.pk]),
            {"decision": "undo", "answer": "ok"},
        ),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
    world.anonymous.refresh_from_db()
    assert world.anonymous.is_hidden
    assert WatchedWord.objects.filter(pk=world.word.pk).exists()
    world.appeal.refresh_from_db()
    assert world.appeal.state == AppealState.OPEN


@pytest.mark.parametrize("who", ["peer_leader", "moderator"])
def test_the_groups_leader_and_moderator_open_every_page(client, cast, world, who):
    login_with_second_factor(client, getattr(cast, who))
    for url in _group_urls(world):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("who", ["peer_leader", "moderator", "outsider", "member"])
def test_site_pages_are_only_for_site_admins(client, cast, world, who):
    login_with_second_factor(client, getattr(cast, who))
    for url in _site_urls(world):
        assert client.get(url).status_code == 404, url
    message_case = reverse("moderation:case", args=[world.message_case.pk])
    assert client.post(message_case, {"action": "dismiss"}).status_code == 404
    assert client.post(reverse("moderation:claim-new"), {"key": "x"}).status_code == 404
    edit = reverse("moderation:claim-edit", args=[world.claim.pk])
    assert client.post(edit, {"key": "x"}).status_code == 404
    assert FalseClaim.objects.get(pk=world.claim.pk).key == "cinnamon-cure"
    assert not FalseClaim.objects.filter(key="x").exists()


def test_a_site_admin_opens_the_site_pages(client, cast, world):
    login_with_second_factor(client, cast.site_admin)
    for url in _site_urls(world):
        assert client.get(url).status_code == 200, url


def test_a_site_admin_needs_a_second_factor_first(client, cast, world):
    from kindred.accounts.models import Role
    from kindred.accounts.services import role_grant

    sid = make_user("sid@example.org", "Sid")
    role_grant(user=sid, role=Role.SITE_ADMIN)
    client.force_login(sid)
    for url in _site_urls(world):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == reverse("mfa_activate_totp"), url


# --- anonymous posts --------------------------------------------------------------------


def test_only_the_groups_moderators_see_who_wrote_an_anonymous_post(client, cast, world):
    url = reverse("moderation:case", args=[world.anonymous_case.pk])
    login_with_second_factor(client, cast.moderator)
    html = client.get(url).content.decode()
    assert "Mina (posted anonymously)" in html
    assert AnonymityView.objects.filter(viewer=cast.moderator, topic=world.anonymous).count() == 1
    for person in [cast.carer, cast.outsider, world.nia, cast.site_admin]:
        login_with_second_factor(client, person)
        response = client.get(url)
        assert response.status_code == 404
        assert "Mina" not in response.content.decode()
    assert not AnonymityView.objects.exclude(viewer=cast.moderator).exists()


def test_lists_do_not_name_the_anonymous_author(client, cast, world):
    login_with_second_factor(client, cast.moderator)
    for name in ["queue", "log"]:
        html = client.get(reverse(f"moderation:{name}", args=[world.slug])).content.decode()
        assert "Mina" not in html, name
    assert (
        "Anonymous member"
        in client.get(reverse("moderation:log", args=[world.slug])).content.decode()
    )
    assert not AnonymityView.objects.exists()


# --- a case page ------------------------------------------------------------------------


def test_a_crisis_case_shows_the_banner_and_the_groups_helplines(client, cast, world):
    login_with_second_factor(client, cast.moderator)
    html = client.get(reverse("moderation:case", args=[world.anonymous_case.pk])).content.decode()
    assert "Someone may be in crisis. They were shown helplines." in html
    assert html.index("Someone may be in crisis") < html.index("What they wrote")
    assert "Samaritans" in html and 'href="tel:116123"' in html
    assert CRISIS in html
    assert "Kindred&#x27;s screening" in html or "Kindred's screening" in html
    assert "Held by screening" in html


def test_it_offers_shout_as_a_text_with_its_keyword_on_the_case_page(client, cast, world):
    login_with_second_factor(client, cast.moderator)
    html = client.get(reverse("moderation:case", args=[world.anonymous_case.pk])).content.decode()
    assert 'href="sms:85258?body=SHOUT"' in html
    assert 'href="tel:85258"' not in html


def test_a_case_shows_members_reports_and_the_log(client, cast, world):
    login_with_second_factor(client, cast.peer_leader)
    case = world.removed.cases.get()
    html = client.get(reverse("moderation:case", args=[case.pk])).content.decode()
    assert "Reported: Mean" in html
    assert "Mina" in html  # the reporter, for the moderators
    assert "Removed" in html and "Unkind words." in html
    assert "This case is closed" in html


# --- the log ------------------------------------------------------------------------------


def test_the_log_is_newest_first_and_paged(client, cast, world):
    for n in range(55):
        services.watched_word_add(
            space=world.group.space, by=cast.moderator, phrase=f"word {n:02d}", action="flag"
        )
    login_with_second_factor(client, cast.moderator)
    url = reverse("moderation:log", args=[world.slug])
    html = client.get(url).content.decode()
    assert html.index("word 54") < html.index("word 53")
    assert "word 04" not in html
    assert "Page 1 of 2" in html
    assert "Held by screening" in client.get(url + "?page=2").content.decode()


# --- workload -----------------------------------------------------------------------------


def test_the_workload_shows_each_moderators_actions(client, cast, world):
    login_with_second_factor(client, cast.peer_leader)
    html = client.get(reverse("moderation:workload", args=[world.slug])).content.decode()
    assert "Cases waiting" in html
    assert '<th scope="row">Mo</th><td>1</td>' in html
    assert '<th scope="row">Priya</th><td>0</td><td>none yet</td>' in html


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (None, "none yet"),
        (timedelta(seconds=20), "under a minute"),
        (timedelta(minutes=1), "1 minute"),
        (timedelta(minutes=45), "45 minutes"),
        (timedelta(hours=3, minutes=20), "3 hours 20 minutes"),
        (timedelta(hours=30, minutes=5), "30 hours"),
        (timedelta(days=4, hours=2), "4 days"),
    ],
)
def test_durations_read_like_people_talk(value, words):
    assert human_duration(value) == words


# --- screening settings ----------------------------------------------------------------


def test_a_leader_changes_what_screening_does(client, cast, world):
    login_with_second_factor(client, cast.peer_leader)
    url = reverse("moderation:settings", args=[world.slug])
    data = {
        "form": "outcomes",
        "contact_details": "warn",
        "promotion": "block",
        "medical_advice": "warn",
        "misinformation": "hold",
        "abuse": "hold",
        "crisis": "allow",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    rules = dict(
        ScreeningRule.objects.filter(space=world.group.space).values_list("category", "outcome")
    )
    assert rules["promotion"] == "block" and rules["crisis"] == "allow"
    assert LogEntry.objects.filter(kind=ActionKind.SETTINGS_CHANGED, moderator=cast.peer_leader)


def test_a_crisis_can_never_be_blocked(client, cast, world):
    login_with_second_factor(client, cast.peer_leader)
    url = reverse("moderation:settings", args=[world.slug])
    page = client.get(url).content.decode()
    crisis_select = page[
        page.index('name="crisis"') : page.index("</select>", page.index('name="crisis"'))
    ]
    assert 'value="block"' not in crisis_select and 'value="warn"' not in crisis_select
    response = client.post(url, {"form": "outcomes", "crisis": "block"})
    assert response.status_code == 400
    assert 'id="id_crisis_error"' in response.content.decode()
    assert not ScreeningRule.objects.filter(category="crisis").exists()


def test_moderators_see_the_settings_but_cannot_change_them(client, cast, world):
    login_with_second_factor(client, cast.moderator)
    url = reverse("moderation:settings", args=[world.slug])
    html = client.get(url).content.decode()
    assert "leaders can change these." in html
    assert 'name="promotion"' not in html
    assert "Hold it for a moderator" in html
    response = client.post(url, {"form": "outcomes", "promotion": "allow"})
    assert response.status_code == 403
    assert not ScreeningRule.objects.exists()


# --- watched words ------------------------------------------------------------------------


def test_a_moderator_adds_a_watched_word(client, cast, world):
    login_with_second_factor(client, cast.moderator)
    url = reverse("moderation:settings", args=[world.slug])
    response = client.post(url, {"form": "watched", "phrase": "Magic Beans", "action": "block"})
    assert response.status_code == 302
    assert WatchedWord.objects.get(space=world.group.space, phrase="magic beans").action == "block"
    html = client.get(url).content.decode()
    assert "magic beans" in html and "miracle cure" in html


def test_a_watched_word_error_is_shown_by_the_field(client, cast, world):
    login_with_second_factor(client, cast.moderator)
    url = reverse("moderation:settings", args=[world.slug])
    response = client.post(url, {"form": "watched", "phrase": "x", "action": "flag"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_phrase_error"' in html and "at least 2 letters" in html
    assert 'value="x"' in html


def test_removing_a_watched_word_asks_first(client, cast, world):
    login_with_second_factor(client, cast.moderator)
    url = reverse("moderation:watched-remove", args=[world.slug, world.word.pk])
    html = client.get(url).content.decode()
    assert "Stop watching “miracle cure”?" in html
    assert WatchedWord.objects.filter(pk=world.word.pk).exists()
    response = client.post(url)
    assert response["Location"] == reverse("moderation:settings", args=[world.slug])
    assert not WatchedWord.objects.filter(pk=world.word.pk).exists()


def test_a_word_of_another_group_is_not_found(client, cast, world):
    other = WatchedWord.objects.create(
        space=world.nia.memberships.get().space, phrase="zz", action="flag"
    )
    login_with_second_factor(client, cast.moderator)
    url = reverse("moderation:watched-remove", args=[world.slug, other.pk])
    assert client.post(url).status_code == 404
    assert WatchedWord.objects.filter(pk=other.pk).exists()


# --- appeals ------------------------------------------------------------------------------


def test_appeals_are_listed_for_moderators_who_did_not_decide(client, cast, world):
    url = reverse("moderation:appeals", args=[world.slug])
    login_with_second_factor(client, cast.peer_leader)
    html = client.get(url).content.decode()
    assert "Carl appealed: Removed" in html
    login_with_second_factor(client, cast.moderator)
    assert "No appeals are waiting for you." in client.get(url).content.decode()


def test_an_appeal_shows_the_decision_the_post_and_the_appeal(client, cast, world):
    login_with_second_factor(client, cast.peer_leader)
    html = client.get(reverse("moderation:appeal", args=[world.appeal.pk])).content.decode()
    assert "Unkind words." in html
    assert "Rough week, honestly." in html
    assert "I was only venting." in html
    assert 'name="decision"' in html


def test_undoing_a_decision_shows_the_post_again(client, cast, world):
    login_with_second_factor(client, cast.peer_leader)
    url = reverse("moderation:appeal", args=[world.appeal.pk])
    response = client.post(url, {"decision": "undo", "answer": "You are right, sorry."})
    assert response["Location"] == reverse("moderation:appeals", args=[world.slug])
    world.removed.refresh_from_db()
    assert not world.removed.is_hidden
    world.appeal.refresh_from_db()
    assert world.appeal.state == AppealState.OVERTURNED
    assert Notification.objects.filter(
        user=cast.carer, text__contains="You are right, sorry."
    ).exists()


def test_an_appeal_needs_an_answer(client, cast, world):
    login_with_second_factor(client, cast.peer_leader)
    url = reverse("moderation:appeal", args=[world.appeal.pk])
    response = client.post(url, {"decision": "keep", "answer": ""})
    assert response.status_code == 400
    assert 'id="id_answer_error"' in response.content.decode()
    world.appeal.refresh_from_db()
    assert world.appeal.state == AppealState.OPEN


def test_the_moderator_who_acted_cannot_decide_the_appeal(client, cast, world):
    login_with_second_factor(client, cast.moderator)
    url = reverse("moderation:appeal", args=[world.appeal.pk])
    html = client.get(url).content.decode()
    assert 'name="decision"' not in html
    assert "another moderator or a leader needs to decide it" in html
    client.post(url, {"decision": "undo", "answer": "Fine by me."})
    world.appeal.refresh_from_db()
    assert world.appeal.state == AppealState.OPEN


# --- the site's list of false claims -----------------------------------------------------


def test_a_site_admin_adds_a_false_claim_and_screening_uses_it(client, cast, world):
    assert "okra-cure" not in {c.key for c in gate.false_claims()}  # now cached
    login_with_second_factor(client, cast.site_admin)
    response = client.post(
        reverse("moderation:claim-new"),
        {
            "key": "okra-cure",
            "claim": "okra water cures diabetes",
            "correction": "Okra does not cure diabetes.",
            "key_phrases": "okra ... cure*|reverse*\n\nokra water ... instead of insulin",
            "is_active": "on",
        },
    )
    assert response["Location"] == reverse("moderation:claims")
    claim = FalseClaim.objects.get(key="okra-cure")
    assert claim.phrases() == ["okra ... cure*|reverse*", "okra water ... instead of insulin"]
    assert "okra-cure" in {c.key for c in gate.false_claims()}


def test_a_key_phrase_that_cannot_be_used_is_refused_by_its_field(client, cast, world):
    login_with_second_factor(client, cast.site_admin)
    response = client.post(
        reverse("moderation:claim-new"),
        {
            "key": "bad",
            "claim": "something",
            "correction": "something else",
            "key_phrases": "fine phrase\n... | *",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_key_phrases_error"' in html
    assert "fine phrase" in html
    assert not FalseClaim.objects.filter(key="bad").exists()


def test_a_site_admin_edits_a_claim(client, cast, world):
    login_with_second_factor(client, cast.site_admin)
    url = reverse("moderation:claim-edit", args=[world.claim.pk])
    assert "cinnamon cures diabetes" in client.get(url).content.decode()
    client.post(
        url,
        {
            "key": "cinnamon-cure",
            "claim": "cinnamon cures diabetes",
            "correction": "Cinnamon does not replace insulin.",
            "key_phrases": "cinnamon ... cure*",
        },
    )
    world.claim.refresh_from_db()
    assert not world.claim.is_active
    assert "cinnamon-cure" in client.get(reverse("moderation:claims")).content.decode()


# --- admin --------------------------------------------------------------------------------


def test_the_admin_shows_the_log_read_only(client, cast, world):
    request = RequestFactory().get("/admin/")
    request.user = cast.site_admin
    log_admin = admin.site._registry[LogEntry]
    assert not log_admin.has_add_permission(request)
    assert not log_admin.has_change_permission(request)
    assert not log_admin.has_delete_permission(request)
    boss = make_user("boss@example.org", "Boss", mfa=True)
    boss.is_superuser = boss.is_staff = True
    boss.save()
    login_with_second_factor(client, boss)
    assert client.get(reverse("admin:moderation_logentry_changelist")).status_code == 200
    assert client.get(reverse("admin:moderation_logentry_add")).status_code == 403
    entry = LogEntry.objects.filter(space=world.group.space).first()
    page = client.get(reverse("admin:moderation_logentry_change", args=[entry.pk]))
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert (
        client.post(
            reverse("admin:moderation_logentry_delete", args=[entry.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert LogEntry.objects.filter(pk=entry.pk).exists()


def test_the_admin_edits_false_claims_and_screening_sees_them(client, cast, world):
    gate.false_claims()  # cached
    boss = make_user("boss@example.org", "Boss", mfa=True)
    boss.is_superuser = boss.is_staff = True
    boss.save()
    login_with_second_factor(client, boss)
    url = reverse("admin:moderation_falseclaim_change", args=[world.claim.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "key": "cinnamon-cure",
            "claim": "cinnamon cures diabetes",
            "correction": "Cinnamon does not replace insulin.",
            "key_phrases": "cinnamon ... cure*",
        },
    )
    assert response.status_code == 302
    assert "cinnamon-cure" not in {c.key for c in gate.false_claims()}


@pytest.mark.parametrize("size", [3, 30])
def test_the_log_runs_a_fixed_number_of_queries(
    client, cast, world, size, django_assert_num_queries
):
    for n in range(size):
        topic = community.topic_publish(
            author=cast.member,
            space=world.group.space,
            title=f"T{n}",
            body=CRISIS,
            is_anonymous=n % 2 == 0,
        ).post
        services.act(case=topic.cases.get(), by=cast.moderator, kind="approve")
    login_with_second_factor(client, cast.peer_leader)
    url = reverse("moderation:log", args=[world.slug])
    client.get(url)
    # Session, user, the viewer's place in the group, count, the page, notifications.
    with django_assert_num_queries(6):
        assert client.get(url).status_code == 200
