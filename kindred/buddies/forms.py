"""Forms for buddy programmes: the matching profile a person fills in to join, their
answers while a match lasts, and the coordinator's review.

Every sensitive question is optional and says why it is asked; nothing typed is lost when
a form comes back with an error (the service's errors are put next to their field)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from kindred.buddies.models import (
    SHAREABLE,
    BuddyProfile,
    CheckInFeeling,
    ContactMode,
    Gender,
    Programme,
    Side,
)
from kindred.buddies.services import BuddyError, ProfileAnswers, programme_contact_modes
from kindred.conditions.models import Condition, LifeEvent
from kindred.directory.models import Language

SENSITIVE_HELP = _("Used only to find you a buddy. Never shown unless you tick it below.")


def _with_why(text: Any) -> Any:
    return format_lazy("{} {}", text, SENSITIVE_HELP)


def _year_field(label: Any, help_text: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"invalid": _("Enter a year as 4 numbers, like 2019.")},
    )


def _age_field(label: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=120,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": _("Enter an age in numbers, like 30."),
            "min_value": _("Enter an age from 0 to 120."),
            "max_value": _("Enter an age from 0 to 120."),
        },
    )


def _list_field(label: Any, help_text: Any) -> forms.CharField:
    return forms.CharField(label=label, required=False, max_length=400, help_text=help_text)


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


class ProfileForm(forms.Form):
    """The matching profile: what a person tells a programme so it can find them a buddy.
    Only the side, the condition and a way to keep in touch are needed."""

    side = forms.ChoiceField(
        label=_("What would you like?"),
        choices=Side.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose whether you would like a buddy or to support someone.")
        },
    )
    condition = forms.ModelChoiceField(
        label=_("Your condition"),
        queryset=Condition.objects.none(),  # the programme's, set in __init__
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Choose one of the conditions this programme is for."),
            "invalid_choice": _("Choose one of the conditions this programme is for."),
        },
    )
    diagnosis_year = _year_field(
        _("Year you were diagnosed"),
        _with_why(_("It helps us pair people at a similar point in their journey.")),
    )
    treatments = _list_field(
        _("Treatments and technology you use"),
        _with_why(_("For example: insulin pump, CGM. Put a comma between each one.")),
    )
    life_events = forms.ModelMultipleChoiceField(
        label=_("Is anything big happening in your life?"),
        queryset=LifeEvent.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=SENSITIVE_HELP,
    )
    wants_help_with = forms.CharField(
        label=_("What would you like help with?"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("If you would like a buddy. Your coordinator reads this to find you a buddy."),
    )
    can_help_with = forms.CharField(
        label=_("What could you help someone with?"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("If you would like to support someone. Your coordinator reads this."),
    )
    languages = forms.ModelMultipleChoiceField(
        label=_("Languages you speak"),
        queryset=Language.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    must_share_language = forms.BooleanField(
        label=_("My buddy must speak one of my languages"), required=False
    )
    cultural_background = forms.CharField(
        label=_("Your cultural background"),
        required=False,
        max_length=80,
        help_text=SENSITIVE_HELP,
    )
    religion = forms.CharField(
        label=_("Your religion or belief"),
        required=False,
        max_length=80,
        help_text=SENSITIVE_HELP,
    )
    birth_year = _year_field(
        _("Year you were born"),
        _with_why(_("It helps us keep young people safe and find someone close in age.")),
    )
    gender = forms.ChoiceField(
        label=_("Your gender"),
        required=False,
        choices=[("", _("I would rather not say")), *Gender.choices],
        widget=forms.RadioSelect,
        help_text=SENSITIVE_HELP,
    )
    town = forms.CharField(
        label=_("Your town"),
        required=False,
        max_length=100,
        help_text=_with_why(_("It helps us find someone near you if you would like to meet.")),
    )
    interests = _list_field(
        _("Things you enjoy"),
        _("For example: walking, cooking, football. Put a comma between each one."),
    )
    values = _list_field(
        _("Things that matter to you"),
        _("For example: family, faith, being active. Put a comma between each one."),
    )
    contact_modes = forms.MultipleChoiceField(
        label=_("How would you like to keep in touch?"),
        choices=ContactMode.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kindred never gives out your phone number, email or address."),
        error_messages={
            "required": _("Choose at least one way this programme offers to keep in touch.")
        },
    )
    buddy_genders = forms.MultipleChoiceField(
        label=_("Would you like your buddy to be a…"),
        required=False,
        choices=Gender.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave these empty if it does not matter to you."),
    )
    buddy_age_min = _age_field(_("Youngest age for your buddy"))
    buddy_age_max = _age_field(_("Oldest age for your buddy"))
    capacity = forms.IntegerField(
        label=_("How many people could you support at once?"),
        initial=1,
        min_value=1,
        max_value=10,
        help_text=_("Only for supporters. Choose from 1 to 10."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": _("Choose from 1 to 10 buddies."),
            "invalid": _("Choose from 1 to 10 buddies."),
            "min_value": _("Choose from 1 to 10 buddies."),
            "max_value": _("Choose from 1 to 10 buddies."),
        },
    )
    shown_to_buddy = forms.MultipleChoiceField(
        label=_("What can your buddy see?"),
        required=False,
        choices=SHAREABLE,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Your buddy sees the name you use on Kindred. Tick anything else you are happy "
            "for them to see. They never see your email address or your real name."
        ),
    )

    def __init__(
        self,
        *args: Any,
        programme: Programme,
        needs_consent: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.programme = programme
        condition = self.fields["condition"]
        assert isinstance(condition, forms.ModelChoiceField)
        condition.queryset = programme.conditions.all()
        modes = self.fields["contact_modes"]
        assert isinstance(modes, forms.MultipleChoiceField)
        allowed = programme_contact_modes(programme)
        modes.choices = [c for c in ContactMode.choices if c[0] in allowed]
        if needs_consent:
            self.fields["health_consent"] = forms.BooleanField(
                label=_(
                    "I agree that Kindred may use my health details and the answers on "
                    "this page to find me a buddy"
                ),
                help_text=_(
                    "Only the programme's coordinator and the matcher use them. You can "
                    "take this back at any time on your profile page."
                ),
                error_messages={
                    "required": _("Please tick this so that we can look for a buddy for you.")
                },
            )

    @classmethod
    def initial_for(cls, profile: BuddyProfile | None, *, side: str = "") -> dict[str, Any]:
        """What the form shows before anything is typed: the saved answers, if any."""
        if profile is None:
            return {"side": side if side in Side.values else "", "capacity": 1}
        return {
            "side": profile.side,
            "condition": profile.condition_id,
            "diagnosis_year": profile.diagnosis_year,
            "treatments": ", ".join(profile.treatments),
            "life_events": list(profile.life_events.all()),
            "wants_help_with": profile.wants_help_with,
            "can_help_with": profile.can_help_with,
            "languages": list(profile.languages.all()),
            "must_share_language": profile.must_share_language,
            "cultural_background": profile.cultural_background,
            "religion": profile.religion,
            "birth_year": profile.birth_year,
            "gender": profile.gender,
            "town": profile.town,
            "interests": ", ".join(profile.interests),
            "values": ", ".join(profile.values),
            "contact_modes": profile.contact_modes,
            "buddy_genders": profile.buddy_genders,
            "buddy_age_min": profile.buddy_age_min,
            "buddy_age_max": profile.buddy_age_max,
            "capacity": profile.capacity,
            "shown_to_buddy": profile.shown_to_buddy,
        }

    def clean_capacity(self) -> int:
        # Seekers leave it as it is; without JavaScript they still see it, with a hint.
        if self.data.get("side") != Side.SUPPORTER:
            return 1
        value: int = self.cleaned_data["capacity"]
        return value

    def full_clean(self) -> None:
        # A seeker's capacity is never asked for, so an empty box is not an error.
        capacity = self.fields["capacity"]
        capacity.required = self.data.get("side") == Side.SUPPORTER
        super().full_clean()

    def answers(self) -> ProfileAnswers:
        data = self.cleaned_data
        return ProfileAnswers(
            side=data["side"],
            condition_id=data["condition"].pk,
            contact_modes=list(data["contact_modes"]),
            diagnosis_year=data["diagnosis_year"],
            treatments=_split(data["treatments"]),
            life_event_ids=[e.pk for e in data["life_events"]],
            wants_help_with=data["wants_help_with"],
            can_help_with=data["can_help_with"],
            language_ids=[lang.pk for lang in data["languages"]],
            must_share_language=data["must_share_language"],
            cultural_background=data["cultural_background"],
            religion=data["religion"],
            birth_year=data["birth_year"],
            gender=data["gender"],
            town=data["town"],
            interests=_split(data["interests"]),
            values=_split(data["values"]),
            buddy_genders=list(data["buddy_genders"]),
            buddy_age_min=data["buddy_age_min"],
            buddy_age_max=data["buddy_age_max"],
            capacity=data["capacity"] or 1,
            shown_to_buddy=list(data["shown_to_buddy"]),
        )

    def add_service_error(self, error: BuddyError) -> None:
        """Show a service's refusal next to the field it is about."""
        self.add_error(error.field if error.field in self.fields else None, str(error))


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Why should this match not go ahead?"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only coordinators see this."),
        error_messages={"required": _("Please say why, so the next run can do better.")},
    )


class SwapForm(forms.Form):
    supporter = forms.TypedChoiceField(
        label=_("Choose a different supporter"),
        coerce=int,
        error_messages={
            "required": _("Choose a supporter."),
            "invalid_choice": _("That supporter cannot take this person."),
        },
    )

    def __init__(
        self, *args: Any, options: list[tuple[BuddyProfile, float]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["supporter"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [
            (
                profile.pk,
                _("%(name)s (%(percent)s%%)")
                % {"name": profile.user.display_name, "percent": round(score * 100)},
            )
            for profile, score in options
        ]


class SupporterRecordForm(forms.Form):
    """The coordinator's record of a supporter's training and checks."""

    hide_optional = True

    training_completed_on = forms.DateField(
        label=_("Training finished on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a date, like 2025-03-31.")},
    )
    accreditation = forms.CharField(
        label=_("Accreditation (if any)"), required=False, max_length=200
    )
    background_check_on = forms.DateField(
        label=_("Background check done on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a date, like 2025-03-31.")},
    )


class CheckInForm(forms.Form):
    feeling = forms.ChoiceField(
        label=_("How is it going with your buddy?"),
        choices=CheckInFeeling.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how it is going.")},
    )
    note = forms.CharField(
        label=_("Anything you would like the coordinator to know?"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only the coordinator reads this. Your buddy does not."),
    )


class EndForm(forms.Form):
    feedback = forms.CharField(
        label=_("Would you like to tell the coordinator why?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only the coordinator reads this. Your buddy will not see it."),
    )
