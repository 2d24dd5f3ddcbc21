from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kindred.community.forms_screened import ScreenedForm
from kindred.community.models import BlogAudience, ReactionKind, Space
from kindred.core.forms import PictureField, SubmissionKeyField
from kindred.core.limits import (
    BLOG_POST_MAX_LENGTH,
    REPLY_MAX_LENGTH,
    TOPIC_MAX_LENGTH,
    LimitedCharField,
)


class JoinForm(forms.Form):
    """Asking to join: the group's own questions, its ground rules, and the checks its
    professional-presence policy and carers' space need."""

    accepts_rules = forms.BooleanField(
        label=_("I have read the ground rules and I agree to them"),
        error_messages={"required": _("Please read and accept the ground rules to join.")},
    )
    is_professional = forms.BooleanField(
        label=_("I work as a health or care professional"), required=False
    )
    lives_with_condition = forms.BooleanField(
        label=_("I live with the condition myself"), required=False, initial=True
    )

    def __init__(self, *args: Any, space: Space, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.space = space
        if space.visibility == "closed":
            for index, question in enumerate(space.join_questions):
                self.fields[f"answer_{index}"] = forms.CharField(
                    label=question,
                    max_length=1000,
                    widget=forms.Textarea(attrs={"rows": 3}),
                    error_messages={"required": _("Please answer this question.")},
                )
        if space.is_carers_space:
            self.fields["is_carer"] = forms.BooleanField(
                label=_("I care for someone with the condition"),
                error_messages={"required": _("This space is for carers and family.")},
            )

    def answers(self) -> list[str]:
        return [
            self.cleaned_data[name]
            for name in sorted(n for n in self.fields if n.startswith("answer_"))
        ]


class DecisionForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the person (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class TopicForm(ScreenedForm):
    """A new topic (or an edit of one). Screened when posted: see `ScreenedForm`."""

    submission = SubmissionKeyField()

    title = forms.CharField(
        label=_("Title"),
        max_length=150,
        error_messages={"required": _("Give your topic a short title.")},
    )
    body = LimitedCharField(
        label=_("What do you want to say?"),
        limit=TOPIC_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("You can use **bold**, *italics*, lists and links."),
        error_messages={"required": _("Write something before you post.")},
    )
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=200,
        help_text=_("Words people can follow, separated by spaces, for example #GBDOC #pumps"),
    )
    image = PictureField(
        label=_("Add a picture"),
        required=False,
        help_text=_(
            "A JPEG, PNG or WebP picture under 5 MB. We remove where it was taken and the camera's details before anyone sees it."
        ),
    )
    image_alt = forms.CharField(
        label=_("Describe the picture for people who cannot see it"),
        required=False,
        max_length=200,
    )
    is_anonymous = forms.BooleanField(
        label=_("Post anonymously (members see “Anonymous member”; moderators can see it is you)"),
        required=False,
    )

    def __init__(self, *args: Any, space: Space, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not space.allow_anonymous:
            del self.fields["is_anonymous"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("image") and not (data.get("image_alt") or "").strip():
            self.add_error("image_alt", _("Please describe the picture in a few words."))
        return data

    def tag_names(self) -> list[str]:
        text: str = self.cleaned_data.get("tags", "")
        return text.replace(",", " ").split()


class ReplyForm(ScreenedForm):
    submission = SubmissionKeyField()
    body = LimitedCharField(
        label=_("Your reply"),
        limit=REPLY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write your reply before you send it.")},
    )
    is_anonymous = forms.BooleanField(label=_("Reply anonymously"), required=False)

    def __init__(self, *args: Any, space: Space, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not space.allow_anonymous:
            del self.fields["is_anonymous"]


class ReactionForm(forms.Form):
    """One press of a reaction button: which kind, on which reply (none: the topic), and
    the kinds the page showed as already pressed."""

    kind = forms.ChoiceField(choices=ReactionKind.choices)
    reply = forms.IntegerField(required=False, min_value=1)
    was = forms.MultipleChoiceField(choices=ReactionKind.choices, required=False)


class SearchForm(forms.Form):
    hide_optional = True
    q = forms.CharField(label=_("Search this group"), required=False, max_length=100)


class BlogPostForm(forms.Form):
    submission = SubmissionKeyField()
    title = forms.CharField(label=_("Title"), max_length=150)
    body = LimitedCharField(
        label=_("Your post"), limit=BLOG_POST_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 10})
    )
    audience = forms.ChoiceField(
        label=_("Who can read it"), choices=BlogAudience.choices, widget=forms.RadioSelect
    )
    space = forms.ModelChoiceField(
        label=_("Which group (if you chose one group)"),
        queryset=Space.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, spaces: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["space"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = spaces

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("audience") == BlogAudience.ONE_GROUP and not data.get("space"):
            self.add_error("space", _("Choose the group that can read it."))
        return data
