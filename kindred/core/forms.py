from __future__ import annotations

from typing import Any

from django import forms
from django.forms.renderers import TemplatesSetting

from kindred.core import pictures


class KindredFormRenderer(TemplatesSetting):
    """Renders every form field through one accessible template: label, hint, the error
    next to the field, then the input (which Django links to both with aria-describedby)."""

    field_template_name = "components/field.html"
    form_template_name = "components/form.html"


class PictureField(forms.FileField):
    """An uploaded picture, checked and redrawn by `kindred.core.pictures`: its cleaned
    value is a `pictures.Picture` (pixels only, a name of its own), or None."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget",
            forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        )
        super().__init__(**kwargs)

    def to_python(self, data: Any) -> pictures.Picture | None:
        upload = super().to_python(data)
        if upload is None:
            return None
        return pictures.picture_from_upload(upload)
