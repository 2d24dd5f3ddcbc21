import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from kindred.community.tests.factories import make_community

pytestmark = pytest.mark.django_db


def _png(size=(20, 20)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_a_picture_is_shown_only_to_members(client, cast):
    community = make_community(cast)
    client.force_login(cast.member)
    client.post(
        reverse("community:topic-new", args=[community.group.slug]),
        {
            "title": "Sensor spot",
            "body": "Where I wear it",
            "image": SimpleUploadedFile("arm.png", _png(), "image/png"),
            "image_alt": "A sensor on an arm",
        },
    )
    topic = community.space.topics.get()
    url = reverse("community:topic-image", args=[community.group.slug, topic.pk])
    assert b"".join(client.get(url).streaming_content).startswith(b"\x89PNG")
    assert 'alt="A sensor on an arm"' in client.get(topic.get_absolute_url()).content.decode()
    client.force_login(cast.outsider)
    assert client.get(url).status_code == 404


def test_pictures_need_a_description_an_allowed_type_and_a_small_size(client, cast, settings):
    community = make_community(cast)
    client.force_login(cast.member)
    url = reverse("community:topic-new", args=[community.group.slug])
    body = client.post(
        url, {"title": "T", "body": "B", "image": SimpleUploadedFile("a.png", _png(), "image/png")}
    ).content.decode()
    assert "Please describe the picture in a few words." in body
    gif = io.BytesIO()
    Image.new("RGB", (5, 5)).save(gif, "GIF")
    body = client.post(
        url,
        {
            "title": "T",
            "body": "B",
            "image_alt": "x",
            "image": SimpleUploadedFile("a.gif", gif.getvalue(), "image/gif"),
        },
    ).content.decode()
    assert "Please use a JPEG, PNG or WebP picture." in body
    from kindred.community import forms

    forms.MAX_IMAGE_BYTES, saved = 100, forms.MAX_IMAGE_BYTES
    try:
        body = client.post(
            url,
            {
                "title": "T",
                "body": "B",
                "image_alt": "x",
                "image": SimpleUploadedFile("a.png", _png((200, 200)), "image/png"),
            },
        ).content.decode()
    finally:
        forms.MAX_IMAGE_BYTES = saved
    assert "The picture is too big" in body
    assert 'value="T"' in body
    assert not community.space.topics.exists()
