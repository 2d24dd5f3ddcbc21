"""The display name every member sees is screened like a post: no contact details, no
selling and no abuse, with the reason next to the field."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("Mina 07911 123456", "phone number"),
        ("Use code HEALTHY20", "code"),
        ("You are so stupid", ""),
    ],
)
def test_a_display_name_with_contact_details_selling_or_abuse_is_refused(
    client, cast, name, reason
):
    client.force_login(cast.member)
    response = client.post(
        reverse("accounts:profile"), {"display_name": name, "real_name": cast.member.real_name}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_display_name_error"' in page
    assert reason in page.split('id="id_display_name_error"', 1)[1].split("</p>", 1)[0]
    cast.member.refresh_from_db()
    assert cast.member.display_name == "Mina"


def test_an_ordinary_display_name_is_saved(client, cast):
    client.force_login(cast.member)
    response = client.post(
        reverse("accounts:profile"), {"display_name": "Mina T1", "real_name": ""}
    )
    assert response.status_code == 302
    cast.member.refresh_from_db()
    assert cast.member.display_name == "Mina T1"


def test_sign_up_screens_the_display_name_too():
    from kindred.accounts.forms import SignupExtraForm

    form = SignupExtraForm({"display_name": "Text me 07456 789012", "agree_terms": "on"})
    assert not form.is_valid()
    assert "phone number" in " ".join(form.errors["display_name"])
