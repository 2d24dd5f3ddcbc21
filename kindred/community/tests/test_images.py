import importlib
import io
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image, ImageFile

from kindred.community.tests.factories import make_community
from kindred.core import pictures

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


def test_pictures_need_a_description_an_allowed_type_and_a_small_size(client, cast, monkeypatch):
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
    monkeypatch.setattr(pictures, "MAX_BYTES", 100)
    body = client.post(
        url,
        {
            "title": "T",
            "body": "B",
            "image_alt": "x",
            "image": SimpleUploadedFile("a.png", _png((200, 200)), "image/png"),
        },
    ).content.decode()
    assert "The picture is too big" in body
    assert 'value="T"' in body
    assert not community.space.topics.exists()


# --- Nothing but the picture is kept, and it is served as what it is ----------------------

LATITUDE = (50.0, 48.0, 12.34)  # 50°48'12.34" N: somewhere in Portsmouth


def _photo_with_location(size=(40, 20), orientation=6) -> bytes:
    """A phone photo: GPS position, camera make and model, a comment and XMP, and an
    orientation tag saying "turn me a quarter turn clockwise"."""
    image = Image.new("RGB", size, "teal")
    image.paste((200, 30, 30), (0, 0, size[0] // 2, size[1]))  # left half red
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Phonemaker"
    exif[ExifTags.Base.Model] = "Phone 15 Pro"
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = LATITUDE
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = (1.0, 5.0, 0.0)
    buffer = io.BytesIO()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><exif:GPSLatitude>50,48.2N</exif:GPSLatitude></x:xmpmeta>'
    image.save(buffer, "JPEG", exif=exif, comment=b"Mina's kitchen", xmp=xmp)
    data = buffer.getvalue()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    return data


def _post_picture(client, community, upload, **fields):
    return client.post(
        reverse("community:topic-new", args=[community.group.slug]),
        {
            "title": "Sensor spot",
            "body": "Where I wear it",
            "image": upload,
            "image_alt": "A sensor on an arm",
            **fields,
        },
    )


def _served(client, community, topic):
    url = reverse("community:topic-image", args=[community.group.slug, topic.pk])
    response = client.get(url)
    assert response.status_code == 200
    return response, b"".join(response.streaming_content)


def test_it_keeps_no_location_or_camera_details_from_a_photo(client, cast):
    community = make_community(cast)
    client.force_login(cast.member)
    photo = SimpleUploadedFile("IMG_2031.jpg", _photo_with_location(), "image/jpeg")
    _post_picture(client, community, photo)
    topic = community.space.topics.get()
    _response, served = _served(client, community, topic)
    picture = Image.open(io.BytesIO(served))
    assert picture.format == "JPEG"
    assert not picture.getexif()
    assert not {"exif", "xmp", "comment"} & set(picture.info)
    for trace in (b"Exif", b"Phonemaker", b"Phone 15", b"GPS", b"xmpmeta", b"kitchen"):
        assert trace not in served, trace
    # Turned the way the phone meant it, before the orientation tag was dropped: the
    # 40 x 20 photo stands 20 x 40, with its red half now at the top.
    assert picture.size == (20, 40)
    red, green, _blue = picture.convert("RGB").getpixel((10, 5))
    assert red > 150 and green < 100


def test_it_stores_a_picture_under_a_name_of_its_own(client, cast):
    community = make_community(cast)
    client.force_login(cast.member)
    upload = SimpleUploadedFile("Mina Khan at home.PNG", _png(), "image/png")
    _post_picture(client, community, upload)
    name = community.space.topics.get().image.name
    assert "Mina" not in name
    assert name.endswith(".png")


def test_it_keeps_nothing_hidden_after_the_picture(client, cast):
    community = make_community(cast)
    client.force_login(cast.member)
    smuggled = _png() + b"<html><script>alert(document.cookie)</script></html>"
    _post_picture(client, community, SimpleUploadedFile("a.png", smuggled, "image/png"))
    _response, served = _served(client, community, community.space.topics.get())
    assert b"<script>" not in served
    assert Image.open(io.BytesIO(served)).size == (20, 20)


def test_it_refuses_a_picture_with_too_many_pixels_before_opening_it_up(client, cast, monkeypatch):
    community = make_community(cast)
    client.force_login(cast.member)
    # 11,000 x 11,000 pixels squeezed into a few kilobytes: opened up in memory it
    # would take hundreds of megabytes (a "decompression bomb").
    buffer = io.BytesIO()
    Image.new("1", (11_000, 11_000)).save(buffer, "PNG", optimize=True)
    assert len(buffer.getvalue()) < 100_000

    def decode(image):
        raise AssertionError("the picture was decoded before its size was checked")

    monkeypatch.setattr(ImageFile.ImageFile, "load", decode)
    response = _post_picture(
        client, community, SimpleUploadedFile("huge.png", buffer.getvalue(), "image/png")
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "This picture is too large (11,000 by 11,000 pixels)." in body
    assert 'value="Sensor spot"' in body
    assert not community.space.topics.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notes.png", b"Just some words, not a picture at all."),
        ("page.jpg", b"<html><script>alert(1)</script></html>"),
        ("cut-short.png", _png((200, 200))[:300]),
    ],
)
def test_it_refuses_a_file_that_is_not_a_picture_clearly(client, cast, name, content):
    community = make_community(cast)
    client.force_login(cast.member)
    response = _post_picture(client, community, SimpleUploadedFile(name, content, "image/png"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "We could not open this file as a picture." in body
    assert "Please choose a JPEG, PNG or WebP picture." in body
    assert not community.space.topics.exists()


def test_a_png_named_like_a_pdf_is_served_as_a_png(client, cast):
    community = make_community(cast)
    client.force_login(cast.member)
    _post_picture(client, community, SimpleUploadedFile("x.pdf", _png(), "application/pdf"))
    response, served = _served(client, community, community.space.topics.get())
    assert served.startswith(b"\x89PNG")
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == 'inline; filename="picture.png"'


def test_a_picture_stored_before_the_checks_is_served_as_what_it_is(client, cast):
    # Pictures saved by earlier versions kept the name they were uploaded with.
    community = make_community(cast)
    topic = community.space.topics.create(
        author=cast.member, title="Old", body="Old", body_html="<p>Old</p>", image_alt="Old"
    )
    topic.image.save("x.pdf", ContentFile(_png()))
    client.force_login(cast.carer)
    response, _served_bytes = _served(client, community, topic)
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'inline; filename="picture.png"'


def test_pictures_stored_before_the_checks_are_redrawn_by_the_migration(cast):
    from django.apps import apps

    redraw = importlib.import_module(
        "kindred.community.migrations.0006_redraw_stored_pictures"
    ).redraw
    community = make_community(cast)
    topic = community.space.topics.create(
        author=cast.member, title="Old", body="Old", body_html="<p>Old</p>", image_alt="Old"
    )
    topic.image.save("Mina at home.jpg", ContentFile(_photo_with_location()))
    old_path = topic.image.path
    broken = community.space.topics.create(
        author=cast.member, title="Broken", body="B", body_html="<p>B</p>", image_alt="B"
    )
    broken.image.save("broken.png", ContentFile(b"not a picture"))

    redraw(apps, None)

    topic.refresh_from_db()
    assert topic.image.name.endswith(".jpg")
    assert "Mina" not in topic.image.name
    with topic.image.open("rb") as file:
        data = file.read()
    assert b"Phonemaker" not in data and b"GPS" not in data
    assert Image.open(io.BytesIO(data)).size == (20, 40)
    assert not Path(old_path).exists()
    broken.refresh_from_db()
    assert broken.image.name.endswith("broken.png")
