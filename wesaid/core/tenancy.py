"""Tenancy as structure: everything an organisation owns derives from ``OrganisationOwned``.

- One scope for reads: ``Model.objects.in_organisation(organisation)``.
- One rule for writes, enforced here for every model: a row's organisation is the
  organisation of every organisation-owned row it points to (its project, its check-in, its
  person, whoever created it). A child given no organisation takes its parent's
  (``TENANT_PARENT``). Saving a row that disagrees raises ``CrossOrganisationError``.
- A system check (``organisations.E001``) fails for a wesaid model that neither derives from
  ``OrganisationOwned`` nor says ``TENANCY = GLOBAL`` with a reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from django.apps import apps
from django.core import checks
from django.db import models

#: A model that belongs to no single organisation sets ``TENANCY = GLOBAL`` and says why
#: in ``TENANCY_REASON``.
GLOBAL = "global"


class CrossOrganisationError(ValueError):
    """A row would point at another organisation's row."""


class TenantQuerySet(models.QuerySet):
    def in_organisation(self, organisation) -> TenantQuerySet:
        """Only rows of this organisation: the one tenant scope every read uses."""
        return self.filter(organisation=organisation)

    def bulk_create(self, objs: Iterable[models.Model], *args: Any, **kwargs: Any):
        objs = list(objs)
        for obj in objs:
            obj.align_organisation()  # type: ignore[attr-defined]
        return super().bulk_create(objs, *args, **kwargs)


class OrganisationOwned(models.Model):
    """The abstract base of every row an organisation owns."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )

    objects = TenantQuerySet.as_manager()

    #: The foreign key whose organisation a new row copies when it is given none.
    TENANT_PARENT: ClassVar[str | None] = None

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A save of named fields that include no link cannot cross organisations: skip the
        # look-ups (an answer changing its feeling, a check-in closing).
        update_fields = kwargs.get("update_fields")
        links = {"organisation", *(field.name for field in self.tenant_links())}
        if update_fields is None or links & set(update_fields):
            self.align_organisation()
        super().save(*args, **kwargs)

    def tenant_links(self) -> list[models.ForeignKey]:
        """The foreign keys of this row that point at other organisation-owned rows."""
        return [
            field
            for field in self._meta.concrete_fields
            if isinstance(field, models.ForeignKey)
            and field.name != "organisation"
            and isinstance(field.related_model, type)
            and issubclass(field.related_model, OrganisationOwned)
        ]

    def _organisation_of(self, field: models.ForeignKey) -> int | None:
        related_id = getattr(self, field.attname)
        if related_id is None:
            return None
        cached = field.get_cached_value(self, default=None)
        if cached is not None and cached.pk == related_id:
            return cached.organisation_id  # type: ignore[attr-defined]
        related: Any = field.related_model
        return (
            related._base_manager.filter(pk=related_id)
            .values_list("organisation_id", flat=True)
            .first()
        )

    def align_organisation(self) -> None:
        """Copy the parent's organisation if none is set; refuse any link across organisations."""
        if self.organisation_id is None and self.TENANT_PARENT:
            parent_field = self._meta.get_field(self.TENANT_PARENT)
            self.organisation_id = self._organisation_of(parent_field)
        for field in self.tenant_links():
            owner = self._organisation_of(field)
            if owner is not None and owner != self.organisation_id:
                raise CrossOrganisationError(
                    f"{self._meta.label}.{field.name} points at a row of another organisation"
                )


def is_wesaid_model(model: type[models.Model]) -> bool:
    return model.__module__.startswith("wesaid.") and not model._meta.abstract


@checks.register()
def every_model_declares_its_tenancy(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    return tenancy_problems(apps.get_models())


def tenancy_problems(all_models: Iterable[type[models.Model]]) -> list[checks.CheckMessage]:
    """A wesaid model is organisation-owned, or says it is global and why."""
    problems: list[checks.CheckMessage] = []
    for model in all_models:
        if not is_wesaid_model(model) or issubclass(model, OrganisationOwned):
            continue
        if getattr(model, "TENANCY", None) == GLOBAL and getattr(model, "TENANCY_REASON", ""):
            continue
        problems.append(
            checks.Error(
                f"{model._meta.label} is neither organisation-owned nor marked global.",
                hint="Derive it from wesaid.core.tenancy.OrganisationOwned, or set "
                "TENANCY = GLOBAL and TENANCY_REASON on the model.",
                obj=model,
                id="wesaid.E001",
            )
        )
    return problems
