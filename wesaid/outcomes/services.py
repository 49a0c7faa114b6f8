"""Writes for outcomes: loading the shared library, and an organisation's own outcomes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wesaid.audit.actions import Action
from wesaid.audit.services import create_audited, record, update_audited
from wesaid.organisations.models import Organisation, Person

from .library import LibraryError, library_rows, read_library
from .models import DOMAIN_BENEFICIARY, Domain, LibraryOutcome, OrganisationOutcome

SAME_NAME = _("Your organisation already has an outcome with this name. Choose another name.")
DOMAIN_DOES_NOT_FIT = _("Choose a kind of difference that fits who benefits")
RETIRED = _("That library outcome is no longer in the library. Choose another one.")

OWN_FIELDS = ("beneficiary", "domain", "name", "easy_read", "name_cy", "easy_read_cy", "closest_to")


@dataclass(frozen=True)
class LibraryLoad:
    version: int
    added: int
    changed: int
    retired: int

    @property
    def changed_anything(self) -> bool:
        return bool(self.added or self.changed or self.retired)


@transaction.atomic
def library_load(*, data: dict[str, Any] | None = None, actor: Person | None = None) -> LibraryLoad:
    """Bring the shared library up to the version in ``data`` (``library.json`` by default).

    New outcomes are added and changed ones rewritten; an outcome missing from the data is
    retired, never deleted. Loading the same version again changes nothing and records
    nothing. An older version than the one loaded is refused.
    """
    data = read_library() if data is None else data
    rows = library_rows(data)  # raises LibraryError naming each problem
    version = data["version"]
    existing = {row.code: row for row in LibraryOutcome.objects.select_for_update()}
    loaded = max(
        (max(row.library_version, row.retired_in or 0) for row in existing.values()), default=0
    )
    if version < loaded:
        raise LibraryError([f"version {version} is older than the loaded version {loaded}"])
    added = changed = retired = 0
    for values in rows:
        row = existing.pop(values["code"], None)
        if row is None:
            row = LibraryOutcome(**values)
            row.full_clean()
            row.save()
            added += 1
        elif any(
            getattr(row, name) != value
            for name, value in values.items()
            if name != "library_version"  # a row keeps the version that last changed it
        ):
            for name, value in values.items():
                setattr(row, name, value)
            row.full_clean()
            row.save()
            changed += 1
    for row in existing.values():
        if row.retired_in is None:
            row.retired_in = version
            row.save(update_fields=["retired_in"])
            retired += 1
    result = LibraryLoad(version=version, added=added, changed=changed, retired=retired)
    if result.changed_anything:
        record(
            action=Action.OUTCOME_LIBRARY_LOADED,
            actor=actor,
            changes={"version": version, "added": added, "changed": changed, "retired": retired},
        )
    return result


def _check_own(
    *,
    organisation: Organisation,
    beneficiary: str,
    domain: str,
    name: str,
    closest_to: LibraryOutcome | None,
    outcome: OrganisationOutcome | None = None,
) -> None:
    problems: dict[str, Any] = {}
    if domain in Domain.values and DOMAIN_BENEFICIARY[Domain(domain)] != beneficiary:
        problems["domain"] = DOMAIN_DOES_NOT_FIT
    same = OrganisationOutcome.objects.in_organisation(organisation).filter(name__iexact=name)
    if outcome is not None:
        same = same.exclude(pk=outcome.pk)
    if same.exists():
        problems["name"] = SAME_NAME
    unchanged = outcome is not None and outcome.closest_to_id == getattr(closest_to, "pk", None)
    if closest_to is not None and closest_to.retired_in is not None and not unchanged:
        problems["closest_to"] = RETIRED
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def own_outcome_create(
    *,
    organisation: Organisation,
    actor: Person,
    beneficiary: str,
    domain: str,
    name: str,
    easy_read: str = "",
    name_cy: str = "",
    easy_read_cy: str = "",
    closest_to: LibraryOutcome | None = None,
) -> OrganisationOutcome:
    """Add an outcome in the organisation's own words (the shared library stays as it is)."""
    _check_own(
        organisation=organisation,
        beneficiary=beneficiary,
        domain=domain,
        name=name,
        closest_to=closest_to,
    )
    outcome = OrganisationOutcome(
        organisation=organisation,
        beneficiary=beneficiary,
        domain=domain,
        name=name,
        easy_read=easy_read,
        name_cy=name_cy,
        easy_read_cy=easy_read_cy,
        closest_to=closest_to,
        created_by=actor,
    )
    return create_audited(outcome, action=Action.OUTCOME_CREATED, actor=actor, fields=OWN_FIELDS)


@transaction.atomic
def own_outcome_update(
    *,
    outcome: OrganisationOutcome,
    actor: Person,
    beneficiary: str,
    domain: str,
    name: str,
    easy_read: str = "",
    name_cy: str = "",
    easy_read_cy: str = "",
    closest_to: LibraryOutcome | None = None,
) -> OrganisationOutcome:
    outcome = OrganisationOutcome.objects.select_for_update().get(pk=outcome.pk)
    _check_own(
        organisation=outcome.organisation,
        beneficiary=beneficiary,
        domain=domain,
        name=name,
        closest_to=closest_to,
        outcome=outcome,
    )
    return update_audited(
        outcome,
        action=Action.OUTCOME_UPDATED,
        actor=actor,
        fields=OWN_FIELDS,
        values={
            "beneficiary": beneficiary,
            "domain": domain,
            "name": name,
            "easy_read": easy_read,
            "name_cy": name_cy,
            "easy_read_cy": easy_read_cy,
            "closest_to": closest_to,
        },
    )
