import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_speaks_about_the_display_name_when_it_has_a_phone_number(client, cast):
    client.force_login(cast.member)
    response = client.post(
        reverse("accounts:profile"), {"display_name": "Mina 07911 123456", "real_name": "Mina R"}
    )
    assert response.status_code == 400
    error = response.content.decode().split('id="id_display_name_error"', 1)[1].split("</p>", 1)[0]
    assert "display name" in error
    assert "your post" not in error.lower()
