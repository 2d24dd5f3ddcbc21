"""The long-term conditions Kindred's groups are about, and the moments in life when a
clinician should raise peer support."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ConditionCategory(models.TextChoices):
    METABOLIC = "metabolic", _("Diabetes and metabolic")
    NEUROLOGICAL = "neurological", _("Brain and nerves")
    HEART_LUNG = "heart_lung", _("Heart, lungs and circulation")
    CANCER = "cancer", _("Cancer")
    MENTAL_HEALTH = "mental_health", _("Mental health")
    MUSCLE_JOINT = "muscle_joint", _("Joints, muscles and pain")
    DIGESTIVE = "digestive", _("Gut and kidneys")
    OTHER = "other", _("Other long-term conditions")


class ConditionQuerySet(models.QuerySet["Condition"]):
    def active(self) -> ConditionQuerySet:
        return self.filter(is_active=True)


class Condition(models.Model):
    """A long-term condition, with its SNOMED CT concept id where one is known so that
    clinicians' systems and Kindred speak about the same thing."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    snomed_code = models.CharField(
        _("SNOMED CT concept id"), max_length=20, blank=True, db_index=True
    )
    category = models.CharField(max_length=20, choices=ConditionCategory.choices)
    synonyms = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("Other names people search for, separated by commas (e.g. T1D, type one)."),
    )
    plain_names = models.CharField(
        _("everyday names"),
        max_length=300,
        blank=True,
        help_text=_(
            "Words people use for it in everyday talk, separated by commas "
            "(e.g. sugar, diabetic). Several conditions may share one."
        ),
    )
    description = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)

    objects = ConditionQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:search") + f"?condition={self.slug}"

    def search_names(self) -> list[str]:
        """The lower-case names a visitor may type for this condition: its name, other
        names for it and the everyday words people use."""
        names = [self.name.lower()]
        for listed in (self.synonyms, self.plain_names):
            names += [s.strip().lower() for s in listed.split(",") if s.strip()]
        return names


class LifeEvent(models.Model):
    """A moment that matters (a new diagnosis, a new pump, a baby, moving area) when a
    clinician should raise peer support, and a thing buddies may have in common."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.CharField(max_length=300, blank=True)
    is_clinical_trigger = models.BooleanField(
        default=True, help_text=_("Listed for clinicians as a time to raise peer support.")
    )
    ordering = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["ordering", "name"]

    def __str__(self) -> str:
        return self.name
