from __future__ import annotations

from typing import Any

import factory
from django.utils import timezone

from kindred.conditions.models import Condition
from kindred.directory import services
from kindred.directory.models import GroupStatus, Organisation, PeerGroup


class OrganisationFactory(factory.django.DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Peer Support Charity {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))
    kind = "charity"
    description = "A charity that runs peer support groups."
    town = "Portsmouth"

    class Params:
        verified = factory.Trait(verified_at=factory.LazyFunction(timezone.now))


def make_group(
    *,
    organisation: Organisation | None = None,
    conditions: list[str] | None = None,
    languages: list[Any] | None = None,
    **fields: Any,
) -> PeerGroup:
    """A published group saved through the same service the forms use."""
    defaults: dict[str, Any] = {
        "name": "Friendly Group",
        "summary": "People sharing everyday tips.",
        "description": "We meet and chat about living well.",
        "form": "group",
        "model": "peer_led",
        "is_online": True,
        "how_to_join": "Fill in the form on our page.",
        "status": GroupStatus.PUBLISHED,
    }
    defaults.update(fields)
    ground_rules = defaults.pop("ground_rules", None)
    group = PeerGroup(organisation=organisation or OrganisationFactory(verified=True), **defaults)
    slugs = conditions or ["type-1-diabetes"]
    return services.peer_group_save(
        group=group,
        conditions=Condition.objects.filter(slug__in=slugs),
        languages=languages or [],
        ground_rules=ground_rules,
    )
