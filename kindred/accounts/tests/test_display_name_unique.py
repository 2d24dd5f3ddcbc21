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
