from typing import Any

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "kindred.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from allauth.mfa.signals import authenticator_added

        # allauth's pages set up authenticators and offer no other hook; this only notes
        # in the person's own session that it passed a second factor (see permissions.py).
        authenticator_added.connect(_note_second_factor_set_up, dispatch_uid="kindred-mfa-set-up")


def _note_second_factor_set_up(
    sender: Any, request: Any, authenticator: Any, **kwargs: Any
) -> None:
    from kindred.accounts.permissions import second_factor_set_up

    if request is not None and getattr(request, "session", None) is not None:
        second_factor_set_up(request, authenticator=authenticator)
