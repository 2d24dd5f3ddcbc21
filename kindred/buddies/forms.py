"""Forms for buddy programmes: the matching profile a person fills in to join, their
answers while a match lasts, the coordinator's review, and a programme's own rules.

Every sensitive question is optional and says why it is asked; nothing typed is lost when
a form comes back with an error (the service's errors are put next to their field)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from kindred.accounts.models import User
from kindred.buddies import services
from kindred.buddies.models import (
    SHAREABLE,
    BuddyProfile,
    CheckInFeeling,
    ContactMode,
    Gender,
    PairingChoice,
    Programme,
    Side,
    default_weights,
)
from kindred.buddies.services import (
    BuddyError,
    ProfileAnswers,
    ProgrammeSettings,
    programme_contact_modes,
)
from kindred.conditions.models import Condition, LifeEvent
from kindred.directory.models import Language, Organisation

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


# What each of the matcher's weights does, in the coordinator's words (docs/buddies.md).
WEIGHTS: dict[str, tuple[Any, Any]] = {
    "experience_gap": (
        _("Further along in their journey"),
        _(
            "How much it counts that the supporter found out about their condition a few "
            "years before the other person. When two peers help each other, it counts "
            "that they are at the same point."
        ),
    ),
    "shared_life_event": (
        _("Going through the same big change"),
        _("How much it counts that both are going through the same thing, like a new baby."),
    ),
    "proximity": (
        _("Living near each other"),
        _("How much it counts that they live close by. It only counts if both want to meet."),
    ),
    "needs_offers_similarity": (
        _("Help wanted and help offered"),
        _("How much it counts that what one person needs fits what the other can offer."),
    ),
    "shared_attributes": (
        _("Things they have in common"),
        _(
            "How much it counts that they share a language, background, faith, treatment, "
            "interests or values."
        ),
    ),
    "age_closeness": (
        _("Close in age"),
        _("How much it counts that they are about the same age."),
    ),
}
assert set(WEIGHTS) == set(services.WEIGHT_NAMES), "explain every weight the matcher has"


def _number_field(label: Any, help_text: Any, low: int, high: int, message: Any) -> forms.Field:
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        min_value=low,
        max_value=high,
        # Text, not type="number": a browser drops a number it cannot read, and the
        # person would not see what they typed next to the error.
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "input-short"}),
        error_messages={
            "required": message,
            "invalid": message,
            "min_value": message,
            "max_value": message,
        },
    )


def _weight_field(name: str) -> forms.DecimalField:
    label, help_text = WEIGHTS[name]
    message = _("Enter a number from 0 to 10, like 2 or 2.5.")
    return forms.DecimalField(
        label=label,
        help_text=help_text,
        min_value=0,
        max_value=int(services.MAX_WEIGHT),
        max_digits=3,
        decimal_places=1,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "input-short"}),
        error_messages={
            key: message
            for key in (
                "required",
                "invalid",
                "min_value",
                "max_value",
                "max_digits",
                "max_decimal_places",
                "max_whole_digits",
            )
        },
    )


def _plain_number(value: float) -> float | int:
    """3.0 shows as 3 in the form; 2.5 stays 2.5."""
    return int(value) if float(value).is_integer() else value


class ProgrammeForm(forms.Form):
    """A buddy programme's rules: who it is for, how people are paired and keep in touch,
    what supporters need, who coordinates it and what counts when Kindred matches people.
    The same form starts a programme (with the organisation to run it) and changes one."""

    organisation = forms.ModelChoiceField(
        label=_("Which organisation runs it?"),
        queryset=Organisation.objects.none(),  # the ones the coordinator runs, in __init__
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Choose the organisation that runs the programme."),
            "invalid_choice": _("Choose the organisation that runs the programme."),
        },
    )
    name = forms.CharField(
        label=_("Name of the programme"),
        max_length=150,
        help_text=_('For example "New parents with type 1".'),
        error_messages={"required": _("Enter a name for the programme.")},
    )
    purpose = forms.CharField(
        label=_("Who is it for?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            'For example "new parents living with type 1 diabetes". People read this '
            "when they choose a programme."
        ),
        error_messages={"required": _("Say who the programme is for.")},
    )
    conditions = forms.ModelMultipleChoiceField(
        label=_("Which conditions is it for?"),
        queryset=Condition.objects.none(),  # active ones, in __init__
        widget=forms.CheckboxSelectMultiple,
        help_text=_("People join with one of these. Buddies always share one."),
        error_messages={
            "required": _("Choose at least one condition."),
            "invalid_choice": _("Choose at least one condition from the list."),
            "invalid_pk_value": _("Choose at least one condition from the list."),
        },
    )
    pairing = forms.ChoiceField(
        label=_("How are people paired?"),
        choices=PairingChoice.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how people are paired.")},
    )
    is_youth = forms.BooleanField(
        label=_("This programme is for young people under 18"),
        required=False,
        help_text=_(
            "In other programmes, Kindred never pairs an adult with someone under 18. "
            "Only tick this if your safeguarding rules cover young people."
        ),
    )
    contact_modes = forms.MultipleChoiceField(
        label=_("How can buddies keep in touch?"),
        choices=ContactMode.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kindred never gives out anyone's phone number, email or address."),
        error_messages={
            "required": _("Choose at least one way for buddies to keep in touch."),
            "invalid_choice": _("Choose at least one way for buddies to keep in touch."),
        },
    )
    duration_weeks = _number_field(
        _("How many weeks does a match last?"),
        _("From 1 to 104 weeks. 12 weeks is about 3 months."),
        1,
        104,
        _("Enter a number of weeks from 1 to 104."),
    )
    checkin_every_days = _number_field(
        _("How many days between check-ins?"),
        _("From 1 to 90 days. Each time, we ask both buddies how it is going."),
        1,
        90,
        _("Enter a number of days from 1 to 90."),
    )
    requires_training = forms.BooleanField(
        label=_("Supporters must finish training first"),
        required=False,
        help_text=_("You record their training on the coordinator's page."),
    )
    requires_background_check = forms.BooleanField(
        label=_("Supporters need a background check"),
        required=False,
        help_text=_("For example a DBS check. You record the date on the coordinator's page."),
    )
    background_check_valid_days = _number_field(
        _("How many days does a background check last?"),
        _("After this, a supporter needs a new check. 3 years is 1095 days."),
        1,
        3650,
        _("Enter a number of days from 1 to 3650."),
    )
    coordinator = forms.TypedChoiceField(
        label=_("Who coordinates it?"),
        coerce=int,
        help_text=_(
            "They run matching and check each match, and we tell them when a match ends. "
            "Choose one of the coordinators the organisation's admin appointed."
        ),
        error_messages={
            "required": _("Choose who coordinates the programme."),
            "invalid_choice": _("Choose who coordinates the programme."),
        },
    )
    threshold = _number_field(
        _("Lowest score for a match, in %"),
        _(
            "From 0 to 100. We only suggest pairs that score at least this. The rest wait "
            "for a better match. 35 is a good start."
        ),
        0,
        100,
        _("Enter a number from 0 to 100."),
    )
    is_open = forms.BooleanField(
        label=_("Taking new people"),
        required=False,
        help_text=_("Untick this to stop new people joining. People in it now can stay."),
    )

    def __init__(
        self, *args: Any, by: User, programme: Programme | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.programme = programme
        if programme is None:
            organisations = list(services.organisations_to_start_in(by))
            field = self.fields["organisation"]
            assert isinstance(field, forms.ModelChoiceField)
            if len(organisations) > 5:
                # A site admin may choose any organisation: a list is shorter than radios.
                field.widget = forms.Select()
                field.widget.is_required = True
                field.empty_label = _("Choose an organisation")
            field.queryset = services.organisations_to_start_in(by)
            if len(organisations) == 1:
                self.initial.setdefault("organisation", organisations[0].pk)
        else:
            # A programme stays with the organisation that started it.
            del self.fields["organisation"]
            organisations = [programme.organisation]
        self._coordinator_choices(organisations, programme)
        conditions = self.fields["conditions"]
        assert isinstance(conditions, forms.ModelMultipleChoiceField)
        allowed = Q(is_active=True)
        if programme is not None:
            allowed |= Q(pk__in=programme.conditions.values("pk"))
        conditions.queryset = Condition.objects.filter(allowed)
        for name in services.WEIGHT_NAMES:
            self.fields[f"weight_{name}"] = _weight_field(name)

    def _coordinator_choices(
        self, organisations: list[Organisation], programme: Programme | None
    ) -> None:
        """The appointed coordinators of each organisation (grouped by organisation
        when there are several)."""
        people: dict[int, list[tuple[int, str]]] = {o.pk: [] for o in organisations}
        for organisation_id, user in services.coordinators_of(o.pk for o in organisations):
            people[organisation_id].append((user.pk, user.display_name))
        field = self.fields["coordinator"]
        assert isinstance(field, forms.TypedChoiceField)
        choices: list[Any] = [("", _("Choose a coordinator"))]
        if len(organisations) == 1:
            choices += people[organisations[0].pk]
        else:
            choices += [(o.name, people[o.pk]) for o in organisations if people[o.pk]]
        field.choices = choices

    @classmethod
    def initial_for(cls, programme: Programme | None, *, by: User) -> dict[str, Any]:
        """What the form shows before anything is typed: the programme's rules, or the
        usual ones for a new programme with the person starting it as coordinator."""
        if programme is None:
            weights = default_weights()
            return {
                "pairing": PairingChoice.SUPPORTER_TO_SUPPORTED,
                "contact_modes": [ContactMode.ONLINE],
                "duration_weeks": 12,
                "checkin_every_days": 14,
                "requires_training": True,
                "background_check_valid_days": 3 * 365,
                "coordinator": by.pk,
                "threshold": 35,
                "is_open": True,
                **{
                    f"weight_{name}": _plain_number(weights[name]) for name in services.WEIGHT_NAMES
                },
            }
        # Weights saved before a criterion existed take its usual value.
        weights = {**default_weights(), **programme.weights}
        return {
            "name": programme.name,
            "purpose": programme.purpose,
            "conditions": list(programme.conditions.all()),
            "pairing": programme.pairing,
            "is_youth": programme.is_youth,
            "contact_modes": services.programme_contact_modes(programme),
            "duration_weeks": programme.duration_weeks,
            "checkin_every_days": programme.checkin_every_days,
            "requires_training": programme.requires_training,
            "requires_background_check": programme.requires_background_check,
            "background_check_valid_days": programme.background_check_valid_days,
            "coordinator": programme.coordinator_id,
            "threshold": round(programme.threshold * 100),
            "is_open": programme.is_open,
            **{
                f"weight_{name}": _plain_number(float(weights[name]))
                for name in services.WEIGHT_NAMES
            },
        }

    def weight_fields(self) -> list[forms.BoundField]:
        return [self[f"weight_{name}"] for name in services.WEIGHT_NAMES]

    def settings(self) -> ProgrammeSettings:
        data = self.cleaned_data
        return ProgrammeSettings(
            name=data["name"],
            purpose=data["purpose"],
            condition_ids=[c.pk for c in data["conditions"]],
            pairing=data["pairing"],
            is_youth=data["is_youth"],
            contact_modes=list(data["contact_modes"]),
            duration_weeks=data["duration_weeks"],
            checkin_every_days=data["checkin_every_days"],
            requires_training=data["requires_training"],
            requires_background_check=data["requires_background_check"],
            background_check_valid_days=data["background_check_valid_days"],
            coordinator_id=data["coordinator"],
            threshold=data["threshold"] / 100,
            weights={name: float(data[f"weight_{name}"]) for name in services.WEIGHT_NAMES},
            is_open=data["is_open"],
        )

    def add_service_error(self, error: BuddyError) -> None:
        """Show a service's refusal next to the field it is about."""
        self.add_error(error.field if error.field in self.fields else None, str(error))


class AppointForm(forms.Form):
    """The organisation's admin names someone to coordinate its buddy programmes, by the
    email address of their Kindred account."""

    email = forms.EmailField(
        label=_("Their email address"),
        help_text=_("The email address they sign in to Kindred with. They need an account first."),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        error_messages={
            "required": _("Enter the email address of the person you would like to appoint."),
            "invalid": _("Enter an email address, like name@example.org."),
        },
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        email = data.get("email")
        if email:
            user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
            if user is None:
                self.add_error(
                    "email",
                    _(
                        "No one with this email address has a Kindred account. Ask them to "
                        "create one, then try again."
                    ),
                )
            else:
                data["user"] = user
        return data
