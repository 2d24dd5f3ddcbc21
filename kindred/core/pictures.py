"""Pictures people upload: checked, redrawn and stored so that nothing but the picture is
kept, and served as what they really are.

A phone photo carries more than the picture: where it was taken (GPS), the phone's make
and model, the time, sometimes a comment. In a peer support group that can tell others
where a member lives. Every picture is therefore decoded and saved again from its
pixels alone (EXIF, XMP and comments are left behind; the colour profile is kept so the
colours stay right), after turning it the way the camera's orientation tag says.

A small file can still open up into an enormous picture (a "decompression bomb"), so
the size written in the file's header is checked before any pixel is decoded.
"""

from __future__ import annotations

import secrets
import warnings
from dataclasses import dataclass
from io import BytesIO
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
# Refused before decoding: 40 megapixels is more than any phone photo needs, and decoded
# it takes about 160 MB of memory. No side may be longer than WebP allows.
MAX_PIXELS = 40_000_000
MAX_SIDE = 16_000
# What is stored and shown: big enough for any screen, small enough for slow data.
STORED_MAX_SIDE = 4096
JPEG_QUALITY = 85


@dataclass(frozen=True)
class Kind:
    content_type: str
    extension: str


KINDS = {
    "JPEG": Kind("image/jpeg", "jpg"),
    "PNG": Kind("image/png", "png"),
    "WEBP": Kind("image/webp", "webp"),
}


class PictureError(ValidationError):
    """The file cannot be used as a picture; the message says why, for the person."""


class Picture(ContentFile[bytes]):
    """A picture redrawn by `picture_from_upload`: only pixels (and a colour profile),
    under a random name whose extension matches what it is."""

    def __init__(self, content: bytes, *, kind: Kind, size: tuple[int, int]) -> None:
        super().__init__(content, name=f"{secrets.token_hex(12)}.{kind.extension}")
        self.kind = kind
        self.content_type = kind.content_type
        self.dimensions = size


def _not_a_picture() -> PictureError:
    return PictureError(
        _("We could not open this file as a picture. Please choose a JPEG, PNG or WebP picture."),
        code="not_a_picture",
    )


def _open_header(file: IO[bytes]) -> Image.Image:
    """Read what the file says it is and how big it is, without decoding any pixels."""
    file.seek(0)
    with warnings.catch_warnings():
        # Pillow only warns about big pictures; the limits below refuse them instead.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            return Image.open(file)
        except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError):
            raise _not_a_picture() from None


def check_header(image: Image.Image) -> Kind:
    """Refuse a file that is not one of the kinds we keep, or whose header gives a
    size too big to decode safely."""
    kind = KINDS.get(image.format or "")
    if kind is None:
        raise PictureError(_("Please use a JPEG, PNG or WebP picture."), code="kind")
    width, height = image.size
    if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
        raise PictureError(
            _(
                "This picture is too large (%(width)s by %(height)s pixels). Please make it "
                "smaller: at most %(side)s pixels on each side and %(megapixels)s megapixels "
                "in all."
            ),
            code="too_many_pixels",
            params={
                "width": number_format(width, force_grouping=True),
                "height": number_format(height, force_grouping=True),
                "side": number_format(MAX_SIDE, force_grouping=True),
                "megapixels": MAX_PIXELS // 1_000_000,
            },
        )
    return kind


# Modes whose colour profile still fits once the picture is saved as RGB(A) or grey.
_PROFILE_KEPT_FOR = {"RGB", "RGBA", "L", "LA", "P", "PA"}


def _pixels_only(image: Image.Image) -> tuple[Image.Image, bytes | None]:
    """The picture turned upright, in a mode its format can save, with every piece of
    metadata dropped except the colour profile."""
    upright = ImageOps.exif_transpose(image) or image
    icc_profile = image.info.get("icc_profile") if image.mode in _PROFILE_KEPT_FOR else None
    if upright.mode.startswith("I"):
        # 16-bit grey: scale down to 8 bits rather than clip to white.
        upright = upright.point(lambda value: value / 256).convert("L")
    elif upright.mode == "P":
        upright = upright.convert("RGBA" if "transparency" in upright.info else "RGB")
    elif upright.mode not in {"RGB", "RGBA", "L", "LA"}:
        has_alpha = "A" in upright.getbands()
        upright = upright.convert("RGBA" if has_alpha else "RGB")
    upright.thumbnail((STORED_MAX_SIDE, STORED_MAX_SIDE))
    upright.info = {}
    return upright, icc_profile if isinstance(icc_profile, bytes) else None


def picture_from_upload(file: IO[bytes]) -> Picture:
    """Check an uploaded file and redraw it as a `Picture`; raise `PictureError` with
    a message for the person if it cannot be used."""
    size = getattr(file, "size", None)
    if size is not None and size > MAX_BYTES:
        raise PictureError(
            _("The picture is too big. Please use one under %(megabytes)s MB."),
            code="too_big",
            params={"megabytes": MAX_BYTES // (1024 * 1024)},
        )
    image = _open_header(file)
    kind = check_header(image)
    try:
        # A JPEG can be decoded at a half, a quarter or an eighth of its size: enough
        # for what is kept, and far less memory.
        image.draft(None, (STORED_MAX_SIDE, STORED_MAX_SIDE))
        image.load()
        clean, icc_profile = _pixels_only(image)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        # Cut short or damaged: Pillow cannot decode every pixel.
        raise _not_a_picture() from None
    if kind.extension == "jpg" and clean.mode not in {"RGB", "L"}:
        clean = clean.convert("RGB")
    options: dict[str, Any] = {"icc_profile": icc_profile} if icc_profile else {}
    if kind.extension == "jpg":
        options.update(quality=JPEG_QUALITY, optimize=True)
    elif kind.extension == "png":
        options.update(optimize=True)
    elif kind.extension == "webp":
        options.update(quality=JPEG_QUALITY)
    out = BytesIO()
    clean.save(out, image.format, **options)
    return Picture(out.getvalue(), kind=kind, size=clean.size)


def stored_kind(file: IO[bytes]) -> Kind | None:
    """What a stored picture really is, read from its own first bytes (never from its
    name, which earlier versions took from the upload)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            file.seek(0)
            with Image.open(file) as image:
                kind = KINDS.get(image.format or "")
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError):
        return None
    finally:
        file.seek(0)
    return kind
