from __future__ import annotations

import uuid
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


class SubmissionKeyField(forms.CharField):
    """A hidden key, new each time a create form is shown, that lets the service save
    the post once however many times the form is sent (see `community.submissions`).
    A missing or garbled key is no error: the post is saved as it would be without."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("initial", lambda: str(uuid.uuid4()))
        kwargs.setdefault("max_length", 64)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> uuid.UUID | None:
        try:
            return uuid.UUID(str(value))
        except ValueError:
            return None
