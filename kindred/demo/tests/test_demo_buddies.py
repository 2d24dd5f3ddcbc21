"""The demo buddy programmes: what the demo coordinator (the organisation admin login)
finds when they open them, and that loading them again adds nothing."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from html import unescape
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Model
from django.test import Client
from django.urls import reverse

from kindred.accounts.models import ConsentRecord, Role, User
from kindred.buddies import services
from kindred.buddies.models import (
    BuddyProfile,
    CheckIn,
    Coordinator,
    Match,
    MatchingRun,
    MatchState,
    Programme,
    Side,
)
from kindred.community.models import Conversation, Message, Notification
from kindred.demo.buddies import (
    BUDDIES,
    FIRST_MESSAGES,
    NEW_PARENTS,
    PARKINSONS,
    load_buddies,
)
from kindred.demo.conversations import BUMPY_ROAD, CONVERSATIONS_UNTIL, MEMBERS
from kindred.demo.data import DEMO_EMAIL_DOMAIN, DEMO_PASSWORD, DEMO_TOTP_SECRET, PEOPLE
from kindred.demo.loader import DemoSummary
from kindred.demo.management.commands.demo_logins import current_code

MODELS: tuple[type[Model], ...] = (
    User,
    ConsentRecord,
    Programme,
    BuddyProfile,
    MatchingRun,
    Match,
    CheckIn,
    Conversation,
    Message,
    Notification,
)
ORG_ADMIN = next(p for p in PEOPLE if p.role == Role.ORG_ADMIN)
BUMPY_ROAD_EMAIL = next(m.email for m in MEMBERS if m.key == BUMPY_ROAD)


def _row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.mark.django_db
class TestDemoBuddies:
    """Loading the whole demo takes seconds, so these tests read the one load the demo
    tests share (conftest.py); each test's changes are rolled back."""

    @pytest.fixture(autouse=True)
    def _demo(self, demo: DemoSummary, client: Client) -> None:
        self.client = client
        self.coordinator = User.objects.get(email=ORG_ADMIN.email)
        self.new_parents = Programme.objects.get(slug=NEW_PARENTS)
        self.parkinsons = Programme.objects.get(slug=PARKINSONS)

    def test_it_sets_up_two_programmes_the_demo_coordinator_runs(self) -> None:
        assert load_buddies().programmes == 2
        t1, pd = self.new_parents, self.parkinsons
        assert t1.name == "New parents living with type 1 diabetes"
        assert [c.slug for c in t1.conditions.all()] == ["type-1-diabetes"]
        assert (t1.pairing, t1.contact_modes) == ("supporter_to_supported", ["online", "phone"])
        assert t1.requires_training and not t1.requires_background_check
        assert t1.organisation.slug == "south-coast-type-1-peers"
        assert pd.name == "Newly diagnosed with Parkinson's"
        assert [c.slug for c in pd.conditions.all()] == ["parkinsons-disease"]
        assert pd.contact_modes == ["online", "phone", "in_person"]
        assert pd.requires_background_check
        for programme in (t1, pd):
            assert programme.is_open and programme.organisation.is_verified
            assert programme.coordinator == self.coordinator
            assert services.is_coordinator(programme, self.coordinator)
            # Each organisation's admin appointed him; the programme is in the directory.
            appointed = Coordinator.objects.get(
                organisation=programme.organisation, user=self.coordinator
            )
            assert appointed.appointed_by is not None
            assert appointed.appointed_by.has_role(Role.ORG_ADMIN, programme.organisation)
            assert programme.listing is not None
            assert programme.listing.name == programme.name
            assert programme in Programme.objects.published()

    def test_each_programme_has_seekers_and_supporters_with_varied_profiles(self) -> None:
        for programme in (self.new_parents, self.parkinsons):
            profiles = list(
                programme.profiles.select_related("user").prefetch_related(
                    "languages", "life_events"
                )
            )
            sides = Counter(p.side for p in profiles)
            assert sides == {Side.SEEKER: 14, Side.SUPPORTER: 6}
            capacities = {p.capacity for p in profiles if p.side == Side.SUPPORTER}
            assert capacities == {1, 2, 3}
            for profile in profiles:
                assert services.has_health_consent(profile.user)
                assert profile.condition in programme.conditions.all()
                # Every town is one Kindred can find, so nearness can count.
                assert not profile.town or profile.latitude is not None, profile.town
            assert any(p.must_share_language for p in profiles)
            languages = {lang.code for p in profiles for lang in p.languages.all()}
            assert {"pa", "ur", "cy", "pl"} <= languages
        baby = self.new_parents.profiles.filter(life_events__slug="pregnancy-or-a-new-baby")
        assert baby.count() >= 15
        new = self.parkinsons.profiles.filter(side=Side.SEEKER, life_events__slug="new-diagnosis")
        assert new.count() == 14

    def test_the_people_are_private_and_cannot_sign_in(self) -> None:
        emails = {b.person.email for b in BUDDIES}
        members = {m.email: m for m in MEMBERS}
        assert not emails & {p.email for p in PEOPLE}
        users = list(User.objects.filter(email__in=emails))
        assert len(users) == len(emails)
        # Names the coordinator can tell apart.
        assert len({u.display_name for u in users}) == len(users)
        for user in users:
            assert user.email.endswith(f"@{DEMO_EMAIL_DOMAIN}")
            assert user.real_name and user.display_name != user.real_name
            assert not user.role_assignments.exists()
            assert not user.has_usable_password()
            if user.email in members:
                # Someone from the online groups: the same account, under the same name.
                assert user.display_name == members[user.email].display_name

    def test_the_coordinator_has_proposals_to_review_with_explanations(self) -> None:
        board = services.dashboard(self.new_parents, self.coordinator)

        assert board.last_run is not None
        assert len(board.proposed) >= 5
        explanations = [services.explanation_for(m, None) for m in board.proposed]
        for lines in explanations:
            assert lines[0] == "Both people live with type 1 diabetes"
            assert "Both people are expecting a baby or have a new baby" in lines
        assert any("Both people speak English and Punjabi" in lines for lines in explanations)
        supporters = Counter(m.supporter_id for m in [*board.proposed, *board.active])
        for match in [*board.proposed, *board.active]:
            assert supporters[match.supporter_id] <= match.supporter.capacity

    def test_some_people_wait_and_the_coordinator_sees_why(self) -> None:
        board = services.dashboard(self.new_parents, self.coordinator)

        reasons = {p.user.display_name: reason for p, reason in board.waiting}
        assert reasons["Wildflower"] == "No supporter speaks Polish yet"
        assert "Every suitable supporter is full" in reasons.values()
        assert board.last_run is not None
        assert len(reasons) == len(board.last_run.waiting)
        not_ready = {p.user.display_name: missing for p, missing in board.supporters_not_ready}
        assert not_ready == {"Meadowsweet": ["training not yet recorded"]}

    def test_one_match_is_active_and_the_two_have_written_to_each_other(self) -> None:
        match = Match.objects.select_related("seeker__user", "supporter__user").get(
            programme=self.new_parents, state=MatchState.ACTIVE
        )
        seeker, supporter = match.seeker.user, match.supporter.user

        assert seeker.email == BUMPY_ROAD_EMAIL
        assert supporter.display_name == "Milk and Toast"
        assert match.decided_by == self.coordinator
        assert match.seeker_said_yes_at and match.supporter_said_yes_at
        assert match.started_at == match.supporter_said_yes_at
        assert services.are_buddies(seeker, supporter)
        conversation = Conversation.objects.get(
            first=min(seeker, supporter, key=lambda u: u.pk),
            second=max(seeker, supporter, key=lambda u: u.pk),
        )
        messages = list(conversation.messages.order_by("created_at"))
        assert [m.body for m in messages] == [m.body for m in FIRST_MESSAGES]
        assert [m.sender == seeker for m in messages] == [m.from_seeker for m in FIRST_MESSAGES]
        assert conversation.last_message_at == messages[-1].created_at
        # Earlier messages were read before the reply; the last one waits to be read.
        assert [m.read_at is not None for m in messages] == [True, True, False]
        # Check-ins every two weeks from the day the match started.
        first_due = CheckIn.objects.filter(match=match).order_by("due_on").first()
        assert first_due is not None and match.started_at is not None
        assert first_due.due_on == match.started_at.date() + timedelta(days=14)
        # Each sees only the reasons about answers both chose to show.
        assert "You both enjoy baking and walking" in services.explanation_for(match, seeker)
        assert "You are close in age" not in services.explanation_for(match, supporter)

    def test_the_parkinsons_programme_waits_for_the_coordinator_to_run_it(self) -> None:
        assert not self.parkinsons.runs.exists()
        assert not self.parkinsons.matches.exists()
        board = services.dashboard(self.parkinsons, self.coordinator)
        assert len(board.waiting) == 14
        assert {reason for _p, reason in board.waiting} == {"Not yet in a matching run"}

        run = services.run_matching(programme=self.parkinsons, by=self.coordinator)

        assert run.proposed >= 6
        board = services.dashboard(self.parkinsons, self.coordinator)
        reasons = {p.user.display_name: reason for p, reason in board.waiting}
        assert reasons["Jasmine"] == "No supporter speaks Punjabi or Urdu yet"
        assert reasons["Young at Heart"] == (
            "No supporter is in the age range they asked for (35 to 55) yet"
        )
        mynydd = next(m for m in board.proposed if m.seeker.user.display_name == "Mynydd")
        assert "Both people speak Welsh" in services.explanation_for(mynydd, None)
        not_ready = {p.user.display_name: missing for p, missing in board.supporters_not_ready}
        assert not_ready == {"Quiet Harbour": ["background check missing or out of date"]}

    def test_everything_happened_within_the_demo_story(self) -> None:
        programmes = [self.new_parents, self.parkinsons]
        for model, field in (
            (Programme, "created_at"),
            (BuddyProfile, "created_at"),
            (BuddyProfile, "updated_at"),
            (MatchingRun, "created_at"),
            (Match, "created_at"),
            (Match, "started_at"),
        ):
            late = model.objects.filter(**{f"{field}__gt": CONVERSATIONS_UNTIL})
            assert not late.exists(), (model.__name__, field)
        assert not Notification.objects.filter(created_at__gt=CONVERSATIONS_UNTIL).exists()
        assert not Message.objects.filter(created_at__gt=CONVERSATIONS_UNTIL).exists()
        health = ConsentRecord.objects.filter(
            purpose="health_data", user__buddy_profiles__isnull=False
        )
        assert not health.filter(given_at__gt=CONVERSATIONS_UNTIL).exists()
        for profile in BuddyProfile.objects.filter(programme__in=programmes).select_related("user"):
            assert profile.user.date_joined < profile.created_at, profile.user.display_name
        run = self.new_parents.runs.get()
        assert not self.new_parents.profiles.filter(created_at__gt=run.created_at).exists()

    def test_loading_again_adds_nothing(self) -> None:
        before = _row_counts()

        again = load_buddies()
        call_command("load_demo_community", "--force", stdout=StringIO())

        assert _row_counts() == before
        assert not again.created_anything
        assert (again.programmes, again.profiles, again.active) == (2, 40, 1)

    def test_loading_again_keeps_what_a_visitor_changed(self) -> None:
        proposal = Match.objects.filter(
            programme=self.new_parents, state=MatchState.PROPOSED
        ).first()
        assert proposal is not None
        services.match_reject(match=proposal, by=self.coordinator, reason="They have met.")
        services.run_matching(programme=self.new_parents, by=self.coordinator)
        before = _row_counts()

        load_buddies()

        assert _row_counts() == before
        assert self.new_parents.runs.count() == 2
        assert Match.objects.get(pk=proposal.pk).state == MatchState.REJECTED

    def test_the_demo_coordinator_signs_in_and_runs_matching(self) -> None:
        response = self.client.post(
            reverse("account_login"), {"login": ORG_ADMIN.email, "password": DEMO_PASSWORD}
        )
        assert response["Location"] == reverse("mfa_authenticate")
        code, _seconds = current_code(DEMO_TOTP_SECRET)
        self.client.post(reverse("mfa_authenticate"), {"code": code})

        mine = unescape(self.client.get(reverse("buddies:mine")).content.decode())
        t1 = self.client.get(reverse("buddies:coordinate", args=[NEW_PARENTS]))
        pd = self.client.get(reverse("buddies:coordinate", args=[PARKINSONS]))
        run = self.client.post(reverse("buddies:run", args=[PARKINSONS]))

        assert self.new_parents.name in mine and self.parkinsons.name in mine
        assert t1.status_code == 200
        page = unescape(t1.content.decode())
        assert "Little Acorn with Chai and Biscuits" in page
        assert "Both people speak English and Punjabi" in page
        assert "You both" not in page
        assert "No supporter speaks Polish yet" in page
        assert "Bumpy Road with Milk and Toast" in page
        assert "training not yet recorded" in page
        assert "Matching has not run yet." in pd.content.decode()
        assert run.status_code == 302
        assert self.parkinsons.runs.count() == 1
        # The coordinator sees the names people use on Kindred, never how to reach them.
        for body in (page, unescape(pd.content.decode())):
            assert f"@{DEMO_EMAIL_DOMAIN}" not in body
            for buddy in BUDDIES:
                assert buddy.person.real_name not in body
