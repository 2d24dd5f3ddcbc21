"""The error summary every form page starts with when something needs fixing (the GOV.UK
pattern): base.html puts it first inside <main>, so on a phone it is seen at once even
when the form is far down the page, and kindred/forms.js moves the focus to it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.template import Context, Library
from django.utils.translation import gettext as _

register = Library()


def _forms_with_errors(candidates: list[Any]) -> list[forms.BaseForm]:
    found: list[forms.BaseForm] = []
    for value in candidates:
        # type(), not isinstance(): a lazy value (the user, the CSP nonce) must not be
        # evaluated just to find out that it is not a form.
        is_form = issubclass(type(value), forms.BaseForm)
        if is_form and value.is_bound and value.errors and all(value is not f for f in found):
            found.append(value)
    return found


def _target(bound: forms.BoundField) -> str:
    """The id of the input a link in the summary goes to: a group of radios or tick
    boxes has no single input, so its first choice."""
    return bound.id_for_label or f"{bound.auto_id}_0"


def summary_entries(form: forms.BaseForm) -> list[tuple[str, str]]:
    """(link target id, text) for each error, in the order of the form's fields. An
    error about the form as a whole goes to its first field."""
    visible = form.visible_fields()
    first = _target(visible[0]) if visible else ""
    entries = [(first, str(error)) for error in form.non_field_errors()]
    for bound in form.hidden_fields():
        entries += [(first, str(error)) for error in bound.errors]
    for bound in visible:
        entries += [(_target(bound), f"{bound.label}: {error}") for error in bound.errors]
    return entries


@register.inclusion_tag("components/error_summary.html", takes_context=True)
def error_summary(context: Context, *forms_given: Any) -> dict[str, Any]:
    """The summary for the forms given, or, with none, for every bound form with
    errors that the page was given (base.html)."""
    candidates = list(forms_given) if forms_given else list(context.flatten().values())
    entries = [entry for form in _forms_with_errors(candidates) for entry in summary_entries(form)]
    return {"entries": entries}


@register.simple_tag(takes_context=True)
def error_title_prefix(context: Context) -> str:
    """ "Error: " before the page title when a form came back with mistakes, so the
    first thing a screen reader says about the page is that something needs fixing."""
    if _forms_with_errors(list(context.flatten().values())):
        return _("Error:") + " "
    return ""
