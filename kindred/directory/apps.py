from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import AppConfig

if TYPE_CHECKING:
    from kindred.accounts.models import User


class DirectoryConfig(AppConfig):
    name = "kindred.directory"
    label = "directory"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from kindred.accounts.export import install_export_section

        install_export_section("organisations_administered", _organisations_administered)


def _organisations_administered(user: User) -> list[str]:
    from kindred.directory.models import Organisation

    return [o.name for o in Organisation.objects.filter(role_assignments__user=user).distinct()]
