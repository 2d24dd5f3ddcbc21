"""kindred.core.pictures: every kind of picture people upload comes out as the same kind,
upright, with only its pixels and colour profile."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageCms

from kindred.core import pictures


def _upload(image: Image.Image, kind: str, **options) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    image.save(buffer, kind, **options)
    return SimpleUploadedFile(f"upload.{kind.lower()}", buffer.getvalue())


def _reopen(picture: pictures.Picture) -> Image.Image:
    return Image.open(io.BytesIO(picture.read()))


@pytest.mark.parametrize(
    ("mode", "kind", "content_type", "extension"),
    [
        ("RGB", "JPEG", "image/jpeg", "jpg"),
        ("CMYK", "JPEG", "image/jpeg", "jpg"),
        ("L", "JPEG", "image/jpeg", "jpg"),
        ("RGBA", "PNG", "image/png", "png"),
        ("P", "PNG", "image/png", "png"),
        ("I;16", "PNG", "image/png", "png"),
        ("RGBA", "WEBP", "image/webp", "webp"),
    ],
)
def test_it_redraws_each_kind_as_the_same_kind(mode, kind, content_type, extension):
    picture = pictures.picture_from_upload(_upload(Image.new(mode, (30, 10)), kind))
    assert picture.content_type == content_type
    assert picture.name.endswith(f".{extension}")
    again = _reopen(picture)
    assert again.format == kind
    assert again.size == (30, 10)
    assert not again.getexif()


def test_it_keeps_the_colour_profile_of_an_rgb_photo():
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    upload = _upload(Image.new("RGB", (8, 8), "teal"), "JPEG", icc_profile=profile)
    assert _reopen(pictures.picture_from_upload(upload)).info.get("icc_profile") == profile


def test_it_keeps_at_most_4096_pixels_on_the_long_side():
    upload = _upload(Image.new("RGB", (6000, 3000)), "JPEG")
    assert _reopen(pictures.picture_from_upload(upload)).size == (4096, 2048)


def test_it_keeps_16_bit_grey_as_grey_not_white():
    upload = _upload(Image.new("I;16", (4, 4), 32768), "PNG")
    again = _reopen(pictures.picture_from_upload(upload))
    assert again.mode == "L"
    assert again.getpixel((0, 0)) == 128


def test_it_refuses_a_side_longer_than_any_screen_needs():
    upload = _upload(Image.new("1", (20_000, 10)), "PNG")
    with pytest.raises(pictures.PictureError) as refused:
        pictures.picture_from_upload(upload)
    assert "20,000 by 10 pixels" in refused.value.messages[0]
