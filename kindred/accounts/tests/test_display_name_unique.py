import pytest
from django.urls import reverse

from kindred.accounts.forms import SignupExtraForm
from kindred.accounts.names import looks_like_staff

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name",
    [
        "Moderator",
        "M0derator",
        "Kindred Admin",
        "Kindred_Admin",
        "kindred.admin",
        "Staff",
        "Support Team",
        "NHS",
        "N.H.S.",
        "Admin99",
        "KindredAdmin",
    ],
)
def test_it_refuses_a_name_that_looks_like_staff(name):
    assert looks_like_staff(name)


@pytest.mark.parametrize("name", ["Mina", "Badminton Bob", "Sea Breeze", "Mo", "Stafford Sue"])
def test_it_keeps_ordinary_names(name):
    assert not looks_like_staff(name)


def test_it_refuses_another_members_name_at_sign_up_whatever_the_case_or_accents(cast):
    form = SignupExtraForm({"display_name": "Mína", "agree_terms": "on"})
    assert not form.is_valid()
    assert "already" in " ".join(form.errors["display_name"])


def test_it_refuses_a_moderators_name_and_a_staff_name_in_the_profile(client, cast):
    client.force_login(cast.carer)
    for name, words in [("mo", "already"), ("Kindred_Admin", "staff")]:
        response = client.post(
            reverse("accounts:profile"), {"display_name": name, "real_name": "Carl J"}
        )
        assert response.status_code == 400
        page = response.content.decode()
        error = page.split('id="id_display_name_error"', 1)[1].split("</p>", 1)[0]
        assert words in error
        assert 'value="Carl J"' in page
    cast.carer.refresh_from_db()
    assert cast.carer.display_name == "Carl"


def test_it_lets_a_member_keep_their_own_name(client, cast):
    client.force_login(cast.member)
    response = client.post(reverse("accounts:profile"), {"display_name": "MINA", "real_name": ""})
    assert response.status_code == 302


def test_the_database_refuses_a_second_member_with_the_same_name_whatever_saves_it():
    from django.db import IntegrityError, transaction

    from kindred.accounts.models import User

    User.objects.create_user("mina@example.org", "x", display_name="Mina")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user("other@example.org", "x", display_name="MÍNA ")
    lee = User.objects.create_user("lee@example.org", "x", display_name="Lee")
    lee.display_name = "mi-na"
    with pytest.raises(IntegrityError), transaction.atomic():
        lee.save(update_fields=["display_name"])


def test_an_account_made_without_a_chosen_name_gets_a_free_one():
    from kindred.accounts.models import User

    first = User.objects.create_user("sam@example.org", "x")
    second = User.objects.create_user("sam@example.com", "x")
    assert (first.display_name, second.display_name) == ("sam", "sam 2")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_members_who_already_shared_a_name_keep_it_in_the_order_they_joined():
    from datetime import timedelta

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor
    from django.utils import timezone

    def migrate(targets):
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(targets)
        return executor.loader.project_state(targets).apps

    try:
        old = migrate([("accounts", "0002_initial")])
        User = old.get_model("accounts", "User")
        now = timezone.now()
        for i, name in enumerate(["Sara", "sára", "SARA", "Jo"]):
            User.objects.create(
                email=f"{i}@example.org", display_name=name, date_joined=now + timedelta(i)
            )
        new = migrate([("accounts", "0003_display_name_key")])
        names = list(
            new.get_model("accounts", "User")
            .objects.order_by("date_joined")
            .values_list("display_name", "display_name_key")
        )
        assert names == [("Sara", "sara"), ("sára 2", "sara2"), ("SARA 3", "sara3"), ("Jo", "jo")]
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
