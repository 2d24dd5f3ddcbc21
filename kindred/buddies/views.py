"""Buddy programme pages: the list of programmes (with the directory's other buddy
schemes), a programme and its matching profile form, a person's own matches, the
coordinator's dashboard, the form that starts a programme or changes its rules, and the
page where an organisation's admin chooses its coordinators.

Privacy rules that every page here keeps:
- a match page is for its two people only (anyone else gets a 404), and shows the buddy's
  display name and only the answers the buddy ticked to show; never an email address or
  a real name;
- the coordinator's pages need a second sign-in step and show display names only;
- check-ins and end-of-match feedback go to the coordinator, never to the buddy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kindred.accounts.http import SignedInRequest
from kindred.accounts.models import ConsentPurpose, User
from kindred.accounts.permissions import staff_mfa_required
from kindred.accounts.services import consent_give
from kindred.buddies import services
from kindred.buddies.forms import (
    AppointForm,
    CheckInForm,
    EndForm,
    ProfileForm,
    ProgrammeForm,
    RejectForm,
    SupporterRecordForm,
    SwapForm,
)
from kindred.buddies.models import (
    SHAREABLE,
    BuddyProfile,
    CheckIn,
    ContactMode,
    Coordinator,
    Match,
    MatchState,
    ProfileStatus,
    Programme,
    Side,
)
from kindred.buddies.services import BuddyError
from kindred.core.params import id_param
from kindred.directory.models import Organisation, PeerGroup, SupportForm

# The states in which the two people can open their match page.
SEEN_BY_THE_PAIR = (MatchState.APPROVED, MatchState.ACTIVE, MatchState.DECLINED, MatchState.ENDED)


def _programme_or_404(request: HttpRequest, slug: str) -> Programme:
    """A programme the viewer may see: a published one, or one they joined or
    coordinate. Any other (closed, or run by an organisation nobody has checked yet) is
    a 404."""
    programme = get_object_or_404(
        Programme.objects.select_related("organisation").prefetch_related("conditions"),
        slug=slug,
    )
    if Programme.objects.published().filter(pk=programme.pk).exists():
        return programme
    user = request.user
    if user.is_authenticated and (
        programme.profiles.filter(user=user).exists() or services.is_coordinator(programme, user)
    ):
        return programme
    raise Http404


def _coordinated_or_404(request: SignedInRequest, slug: str) -> Programme:
    """A programme the viewer coordinates. Nobody else may know the page exists."""
    programme = get_object_or_404(Programme.objects.select_related("organisation"), slug=slug)
    if not services.is_coordinator(programme, request.user):
        raise Http404
    return programme


def _match_for_participant_or_404(request: SignedInRequest, match_id: int) -> Match:
    try:
        return services.match_for_participant(match_id, request.user)
    except PermissionDenied:
        raise Http404 from None


def _mode_labels(programme: Programme) -> list[str]:
    return [str(ContactMode(mode).label) for mode in services.programme_contact_modes(programme)]


# --- open to everyone ----------------------------------------------------------------------


@require_GET
def programmes(request: SignedInRequest) -> HttpResponse:
    found = list(
        Programme.objects.published()
        .select_related("organisation")
        .prefetch_related("conditions")
        .order_by("name", "pk")
    )
    # Buddy schemes in the directory that people join some other way than on Kindred:
    # the directory and this page show the same schemes.
    elsewhere = list(
        PeerGroup.objects.published()
        .filter(form=SupportForm.BUDDY, buddy_programme__isnull=True)
        .select_related("organisation")
        .prefetch_related("conditions")
        .order_by("name", "pk")
    )
    joined: set[int] = set()
    if request.user.is_authenticated:
        joined = set(
            BuddyProfile.objects.filter(user=request.user)
            .exclude(status=ProfileStatus.LEFT)
            .values_list("programme_id", flat=True)
        )
    return render(
        request,
        "buddies/programmes.html",
        {
            "programmes": found,
            "elsewhere": elsewhere,
            "joined": joined,
            "may_start": services.may_start_programme(request.user),
            "choosing": list(services.organisations_choosing_coordinators(request.user)),
        },
    )


@dataclass
class _MyPlace:
    """Where a member stands in a programme, in words for them."""

    profile: BuddyProfile
    waiting_reason: str = ""
    being_reviewed: bool = False
    matches: list[Match] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def _my_place(programme: Programme, user: User) -> _MyPlace | None:
    profile = (
        BuddyProfile.objects.filter(programme=programme, user=user)
        .exclude(status=ProfileStatus.LEFT)
        .select_related("programme")
        .first()
    )
    if profile is None:
        return None
    place = _MyPlace(profile=profile)
    in_matches = list(
        Match.objects.filter(Q(seeker=profile) | Q(supporter=profile))
        .filter(state__in=[MatchState.PROPOSED, MatchState.APPROVED, MatchState.ACTIVE])
        .select_related("seeker__user", "supporter__user")
        .order_by("created_at")
    )
    place.matches = [m for m in in_matches if m.state != MatchState.PROPOSED]
    place.being_reviewed = any(m.state == MatchState.PROPOSED for m in in_matches)
    if profile.side == Side.SUPPORTER:
        place.missing = profile.supporter_ready()
    if profile.status == ProfileStatus.WAITING and not in_matches:
        last_run = programme.runs.first()
        reason = last_run.waiting.get(str(profile.pk)) if last_run else None
        place.waiting_reason = reason or (
            _("We have not looked for a buddy for you yet. The coordinator will do it soon.")
            if last_run is None or profile.created_at > last_run.created_at
            else _("We are still looking for the right buddy for you.")
        )
    return place


@require_GET
def programme(request: SignedInRequest, slug: str) -> HttpResponse:
    programme = _programme_or_404(request, slug)
    user = request.user
    place = _my_place(programme, user) if user.is_authenticated else None
    return render(
        request,
        "buddies/programme.html",
        {
            "programme": programme,
            "place": place,
            "modes": _mode_labels(programme),
            "shareable": [label for _key, label in SHAREABLE],
            "is_coordinator": services.is_coordinator(programme, user),
        },
    )


# --- a member's own profile and matches ------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def join(request: SignedInRequest, slug: str) -> HttpResponse:
    """Join a programme, or change one's answers."""
    programme = _programme_or_404(request, slug)
    me = request.user
    profile = (
        BuddyProfile.objects.filter(programme=programme, user=me)
        .prefetch_related("languages", "life_events")
        .first()
    )
    needs_consent = not services.has_health_consent(me)
    form = ProfileForm(
        request.POST or None,
        programme=programme,
        needs_consent=needs_consent,
        initial=ProfileForm.initial_for(profile, side=request.GET.get("side", "")),
    )
    if request.method == "POST" and form.is_valid():
        try:
            # Consent and the profile are saved together or not at all.
            with transaction.atomic():
                if form.cleaned_data.get("health_consent"):
                    consent_give(user=me, purpose=ConsentPurpose.HEALTH_DATA)
                services.profile_save(programme=programme, user=me, answers=form.answers())
        except BuddyError as error:
            form.add_service_error(error)
        else:
            if profile is None or profile.status == ProfileStatus.LEFT:
                messages.success(
                    request,
                    _("Thank you for joining. We will tell you when we find a buddy for you.")
                    if form.cleaned_data["side"] == Side.SEEKER
                    else _("Thank you for joining. We will tell you when someone needs you."),
                )
            else:
                messages.success(request, _("Your answers are saved."))
            return redirect(programme.get_absolute_url())
    return render(
        request,
        "buddies/profile_form.html",
        {
            "programme": programme,
            "form": form,
            "profile": profile if profile and profile.status != ProfileStatus.LEFT else None,
            "needs_consent": needs_consent,
            "consent_url": reverse("accounts:profile"),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def leave(request: SignedInRequest, slug: str) -> HttpResponse:
    programme = _programme_or_404(request, slug)
    profile = get_object_or_404(
        BuddyProfile.objects.exclude(status=ProfileStatus.LEFT),
        programme=programme,
        user=request.user,
    )
    if request.method == "POST":
        services.profile_leave(profile=profile, by=request.user)
        messages.success(request, _("You have left %(name)s.") % {"name": programme.name})
        return redirect("buddies:mine")
    return render(request, "buddies/leave_confirm.html", {"programme": programme})


@login_required
@require_GET
def mine(request: SignedInRequest) -> HttpResponse:
    me = request.user
    profiles = list(
        BuddyProfile.objects.filter(user=me)
        .exclude(status=ProfileStatus.LEFT)
        .select_related("programme__organisation")
        .order_by("programme__name")
    )
    matches = list(
        Match.objects.filter(Q(seeker__user=me) | Q(supporter__user=me))
        .filter(state__in=SEEN_BY_THE_PAIR)
        .select_related("programme", "seeker__user", "supporter__user")
        .order_by("-created_at")
    )
    rows = [(m, m.supporter if m.seeker.user_id == me.pk else m.seeker) for m in matches]
    coordinated = services.coordinated_programmes(me)
    return render(
        request,
        "buddies/mine.html",
        {
            "profiles": profiles,
            "rows": rows,
            "checkins": list(services.checkins_due(me)),
            "coordinated": list(coordinated.order_by("name")),
            "choosing": list(services.organisations_choosing_coordinators(me)),
        },
    )


def _shown_answers(profile: BuddyProfile) -> list[tuple[str, str]]:
    """The answers this person ticked to show their buddy, as (label, value) rows."""
    values: dict[str, str] = {
        "diagnosis_year": str(profile.diagnosis_year or ""),
        "life_events": ", ".join(e.name for e in profile.life_events.all()),
        "treatments": ", ".join(profile.treatments),
        "languages": ", ".join(lang.name for lang in profile.languages.all()),
        "cultural_background": profile.cultural_background,
        "religion": profile.religion,
        "age": str(profile.age or ""),
        "gender": profile.get_gender_display() if profile.gender else "",
        "town": profile.town,
        "interests": ", ".join([*profile.interests, *profile.values]),
    }
    shown = set(profile.shown_to_buddy)
    return [
        (str(label), values[key]) for key, label in SHAREABLE if key in shown and values.get(key)
    ]


def _match_page(
    request: SignedInRequest,
    match: Match,
    *,
    checkin_form: CheckInForm | None = None,
    status: int = 200,
) -> HttpResponse:
    me = request.user
    mine_, theirs = (
        (match.seeker, match.supporter)
        if match.seeker.user_id == me.pk
        else (match.supporter, match.seeker)
    )
    theirs = BuddyProfile.objects.prefetch_related("languages", "life_events").get(pk=theirs.pk)
    i_said_yes = bool(
        match.seeker_said_yes_at if mine_.side == Side.SEEKER else match.supporter_said_yes_at
    )
    checkin = (
        services.checkins_due(me).filter(match=match).first()
        if match.state == MatchState.ACTIVE
        else None
    )
    return render(
        request,
        "buddies/match.html",
        {
            "match": match,
            "programme": match.programme,
            "buddy_name": theirs.user.display_name,
            "buddy_user_id": theirs.user_id,
            "buddy_answers": _shown_answers(theirs),
            "my_profile": mine_,
            "explanation": services.explanation_for(match, me),
            "modes": _mode_labels(match.programme),
            "i_said_yes": i_said_yes,
            "checkin": checkin,
            "checkin_form": checkin_form or CheckInForm(auto_id="checkin-%s"),
        },
        status=status,
    )


@login_required
@require_GET
def match(request: SignedInRequest, match_id: int) -> HttpResponse:
    return _match_page(request, _match_for_participant_or_404(request, match_id))


@login_required
@require_POST
def match_answer(request: SignedInRequest, match_id: int) -> HttpResponse:
    match = _match_for_participant_or_404(request, match_id)
    answer = request.POST.get("answer")
    if answer not in {"yes", "no"}:
        messages.error(request, _("Please choose yes or no."))
        return redirect(match.get_absolute_url())
    try:
        match = services.match_answer(match=match, user=request.user, yes=answer == "yes")
    except BuddyError as error:
        messages.error(request, str(error))
        return redirect(match.get_absolute_url())
    if answer == "no":
        messages.success(
            request,
            _("Thank you for letting us know. The coordinator will look again."),
        )
        return redirect(match.programme.get_absolute_url())
    if match.state == MatchState.ACTIVE:
        messages.success(request, _("You both said yes. You can now send your buddy a message."))
    else:
        messages.success(request, _("Thank you. We will tell you when your buddy says yes too."))
    return redirect(match.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def match_end(request: SignedInRequest, match_id: int) -> HttpResponse:
    match = _match_for_participant_or_404(request, match_id)
    if match.state != MatchState.ACTIVE:
        raise Http404
    form = EndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.match_end(match=match, user=request.user, feedback=form.cleaned_data["feedback"])
        messages.success(request, _("The match has ended. Thank you for taking part."))
        return redirect("buddies:mine")
    other = match.supporter if match.seeker.user_id == request.user.pk else match.seeker
    return render(
        request,
        "buddies/match_end.html",
        {"match": match, "form": form, "buddy_name": other.user.display_name},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def checkin(request: SignedInRequest, checkin_id: int) -> HttpResponse:
    found = get_object_or_404(
        CheckIn.objects.select_related("match__programme"), pk=checkin_id, user=request.user
    )
    match = _match_for_participant_or_404(request, found.match_id)
    form = CheckInForm(request.POST, auto_id="checkin-%s")
    if form.is_valid():
        try:
            services.checkin_answer(
                checkin=found,
                user=request.user,
                feeling=form.cleaned_data["feeling"],
                note=form.cleaned_data["note"],
            )
        except BuddyError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            messages.success(request, _("Thank you. The coordinator will read your check-in."))
            return redirect(match.get_absolute_url())
    return _match_page(request, match, checkin_form=form, status=400)


# --- the coordinator ----------------------------------------------------------------------


@dataclass
class _Proposal:
    match: Match
    percent: int
    explanation: list[str]
    reject_form: RejectForm
    swap_form: SwapForm
    has_options: bool


def _coordinate_page(
    request: SignedInRequest,
    programme: Programme,
    *,
    bound: forms.Form | None = None,
    bound_for: tuple[str, int] | None = None,
) -> HttpResponse:
    """The dashboard. `bound` is a form that came back with an error, shown in place of
    the empty one it replaces (`bound_for` says which: ("reject", match id) ...)."""

    def form_for[F: forms.Form](kind: str, pk: int, make: type[F], **kwargs: Any) -> F:
        if bound is not None and bound_for == (kind, pk):
            return cast(F, bound)
        return make(auto_id=f"{kind}-{pk}-%s", **kwargs)

    board = services.dashboard(programme, request.user)
    options = services.swap_options_for(programme, board.proposed)
    proposals = [
        _Proposal(
            match=m,
            percent=round(m.score * 100),
            explanation=services.explanation_for(m, None),
            reject_form=form_for("reject", m.pk, RejectForm),
            swap_form=form_for("swap", m.pk, SwapForm, options=options[m.pk][:10]),
            has_options=bool(options[m.pk]),
        )
        for m in board.proposed
    ]
    not_ready = [
        (
            profile,
            missing,
            form_for(
                "record",
                profile.pk,
                SupporterRecordForm,
                initial={
                    "training_completed_on": profile.training_completed_on,
                    "accreditation": profile.accreditation,
                    "background_check_on": profile.background_check_on,
                },
            ),
        )
        for profile, missing in board.supporters_not_ready
    ]
    return render(
        request,
        "buddies/coordinate.html",
        {
            "programme": programme,
            "board": board,
            # For the page's error summary (base.html): the form that came back.
            "bound_form": bound,
            "proposals": proposals,
            "not_ready": not_ready,
            "counts": [
                (_("Waiting"), len(board.waiting), "waiting"),
                (_("To review"), len(board.proposed), "proposed"),
                (_("Waiting for both to say yes"), len(board.approved), "approved"),
                (_("Active"), len(board.active), "active"),
                (_("Ended"), len(board.ended), "ended"),
            ],
        },
        status=400 if bound is not None else 200,
    )


@staff_mfa_required
@require_GET
def coordinate(request: SignedInRequest, slug: str) -> HttpResponse:
    return _coordinate_page(request, _coordinated_or_404(request, slug))


@staff_mfa_required
@require_POST
def run(request: SignedInRequest, slug: str) -> HttpResponse:
    programme = _coordinated_or_404(request, slug)
    result = services.run_matching(programme=programme, by=request.user)
    messages.success(
        request,
        _("Matching finished. New matches to review: %(proposed)s. Still waiting: %(waiting)s.")
        % {"proposed": result.proposed, "waiting": len(result.waiting)},
    )
    return redirect(reverse("buddies:coordinate", args=[programme.slug]) + "#proposed")


@staff_mfa_required
@require_POST
def match_decide(request: SignedInRequest, match_id: int) -> HttpResponse:
    """Approve, reject (with a reason) or swap the supporter of a proposed match."""
    match = get_object_or_404(Match.objects.select_related("programme__organisation"), pk=match_id)
    programme = match.programme
    me = request.user
    if not services.is_coordinator(programme, me):
        raise Http404
    back = reverse("buddies:coordinate", args=[programme.slug])
    if match.state != MatchState.PROPOSED:
        # Someone else decided first (two coordinators, or a second click).
        messages.error(request, _("This match has already been decided."))
        return redirect(back)
    action = request.POST.get("action")
    form: forms.Form
    try:
        if action == "approve":
            services.match_approve(match=match, by=me)
            messages.success(request, _("Approved. We have asked both of them to say yes."))
            return redirect(back + "#approved")
        if action == "reject":
            form = RejectForm(request.POST, auto_id=f"reject-{match.pk}-%s")
            if form.is_valid():
                services.match_reject(match=match, by=me, reason=form.cleaned_data["reason"])
                messages.success(request, _("Rejected. They will wait for the next run."))
                return redirect(back + "#proposed")
        elif action == "swap":
            options = services.swap_options(match)
            form = SwapForm(request.POST, options=options, auto_id=f"swap-{match.pk}-%s")
            if form.is_valid():
                supporter = next(p for p, _s in options if p.pk == form.cleaned_data["supporter"])
                services.match_swap(match=match, by=me, supporter=supporter)
                messages.success(request, _("The supporter is changed."))
                return redirect(back + "#proposed")
        else:
            raise Http404
    except BuddyError as error:
        if action == "approve":
            messages.error(request, str(error))
            return redirect(back)
        form.add_error(error.field if error.field in form.fields else None, str(error))
    return _coordinate_page(request, programme, bound=form, bound_for=(str(action), match.pk))


@staff_mfa_required
@require_POST
def supporter_record(request: SignedInRequest, slug: str, profile_id: int) -> HttpResponse:
    programme = _coordinated_or_404(request, slug)
    profile = get_object_or_404(
        BuddyProfile.objects.select_related("programme"),
        pk=profile_id,
        programme=programme,
        side=Side.SUPPORTER,
    )
    form = SupporterRecordForm(request.POST, auto_id=f"record-{profile.pk}-%s")
    if not form.is_valid():
        return _coordinate_page(request, programme, bound=form, bound_for=("record", profile.pk))
    services.supporter_record(profile=profile, by=request.user, **form.cleaned_data)
    missing = profile.supporter_ready()
    if missing:
        messages.info(
            request,
            _("Saved. Still needed for %(name)s: %(missing)s.")
            % {"name": profile.user.display_name, "missing": ", ".join(missing)},
        )
    else:
        messages.success(
            request,
            _("Saved. %(name)s can now be matched.") % {"name": profile.user.display_name},
        )
    return redirect(reverse("buddies:coordinate", args=[programme.slug]) + "#not-ready")


# --- starting a programme and changing its rules ------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def programme_new(request: SignedInRequest) -> HttpResponse:
    """Start a programme for an organisation one runs."""
    if not services.may_start_programme(request.user):
        raise Http404
    return _programme_form(request, programme=None)


@login_required
@require_http_methods(["GET", "POST"])
def programme_settings(request: SignedInRequest, slug: str) -> HttpResponse:
    return _programme_form(request, programme=_coordinated_or_404(request, slug))


# Who may open the page is checked before the second sign-in step, so that someone who
# could never use it gets a 404 rather than a request to set up a second step.
@staff_mfa_required
def _programme_form(request: SignedInRequest, *, programme: Programme | None) -> HttpResponse:
    me = request.user
    form = ProgrammeForm(
        request.POST or None,
        by=me,
        programme=programme,
        initial=ProgrammeForm.initial_for(programme, by=me),
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.programme_save(
                by=me,
                settings=form.settings(),
                programme=programme,
                organisation=form.cleaned_data.get("organisation"),
            )
        except BuddyError as error:
            form.add_service_error(error)
        else:
            if programme is None:
                messages.success(
                    request,
                    (
                        _("%(name)s has started. People can now join it.")
                        if saved.is_open
                        else _("%(name)s is saved. It is not taking new people yet.")
                    )
                    % {"name": saved.name},
                )
            else:
                messages.success(request, _("Your changes are saved."))
            return redirect("buddies:coordinate", slug=saved.slug)
    return render(
        request,
        "buddies/programme_form.html",
        {"form": form, "programme": programme},
        status=400 if form.errors else 200,
    )


# --- choosing an organisation's coordinators ------------------------------------------------


def _choosing_for_or_404(request: SignedInRequest, slug: str) -> Organisation:
    """An organisation whose coordinators the viewer may choose. Nobody else may know the
    page exists."""
    organisation = get_object_or_404(Organisation, slug=slug)
    if not services.may_choose_coordinators(organisation, request.user):
        raise Http404
    return organisation


@login_required
@require_http_methods(["GET", "POST"])
def coordinators(request: SignedInRequest, slug: str) -> HttpResponse:
    return _coordinators_page(request, _choosing_for_or_404(request, slug))


# As with the programme form, who may open the page is checked first, so that someone
# who could never use it gets a 404 rather than a request to set up a second step.
@staff_mfa_required
def _coordinators_page(request: SignedInRequest, organisation: Organisation) -> HttpResponse:
    """The organisation's admin appoints and removes the people who run its buddy
    programmes."""
    me = request.user
    appointed = Coordinator.objects.filter(organisation=organisation).select_related(
        "user", "appointed_by"
    )
    form = AppointForm(
        request.POST
        if request.method == "POST" and request.POST.get("action") != "remove"
        else None
    )
    if request.method == "POST":
        if request.POST.get("action") == "remove":
            found = get_object_or_404(appointed, pk=id_param(request.POST.get("coordinator")) or 0)
            services.coordinator_remove(coordinator=found, by=me)
            messages.success(
                request,
                _("%(name)s no longer coordinates buddy programmes for %(organisation)s.")
                % {"name": found.user.display_name, "organisation": organisation.name},
            )
            return redirect("buddies:coordinators", slug=organisation.slug)
        if form.is_valid():
            try:
                chosen = services.coordinator_appoint(
                    organisation=organisation, user=form.cleaned_data["user"], by=me
                )
            except BuddyError as error:
                form.add_error("email", str(error))
            else:
                messages.success(
                    request,
                    _("%(name)s can now start and run buddy programmes for %(organisation)s.")
                    % {"name": chosen.user.display_name, "organisation": organisation.name},
                )
                return redirect("buddies:coordinators", slug=organisation.slug)
    return render(
        request,
        "buddies/coordinators.html",
        {
            "organisation": organisation,
            "appointed": list(appointed),
            "form": form,
            "programmes": list(
                Programme.objects.filter(organisation=organisation)
                .select_related("coordinator")
                .order_by("name")
            ),
        },
        status=400 if form.errors else 200,
    )
