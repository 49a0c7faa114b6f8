"""Writes for measures: add a shipped one, confirm a licence, make and freeze versions."""

from __future__ import annotations

import copy
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wesaid.audit.actions import Action
from wesaid.audit.services import create_audited, update_audited
from wesaid.organisations.models import Organisation, Person

from . import selectors
from .models import Instrument, InstrumentVersion, LicenceType, MeasureKind
from .shapes import Shape, shape

ALREADY_ADDED = _("This measure is already in your organisation's measures.")
NOT_SHIPPED = _("Choose one of the measures on the list.")
UNKNOWN_SHAPE = _("Choose one of the licensed measures on the list.")
OPEN_NOT_CHANGED = _(
    "This is a public measure with standard wording. It cannot be changed, so that results can "
    "be compared with everyone else who uses it."
)
LICENCE_FIRST = _("Confirm your organisation's licence before typing in the wording.")
NO_CHANGE = _("Nothing has changed, so no new version was made.")
APPROVABLE_VERSIONS = ("cy", "en-easy", "cy-easy")
FLEXIBLE_METHODS = ("sum", "mean", "each_item")


@transaction.atomic
def shipped_measure_add(*, organisation: Organisation, key: str, actor: Person) -> Instrument:
    """Copy one of the product's own or public definitions into the organisation's measures."""
    definition = selectors.shipped_measure(key)
    if definition is None:
        raise ValidationError(NOT_SHIPPED)
    origin = f"shipped:{key}"
    if Instrument.objects.in_organisation(organisation).filter(origin=origin).exists():
        raise ValidationError(ALREADY_ADDED)
    licence = definition["licence"]
    instrument = create_audited(
        Instrument(
            organisation=organisation,
            key=_free_key(organisation, key),
            name=definition["name"]["en"],
            kind=MeasureKind.QUESTION_SET,
            licence_type=licence["type"],
            origin=origin,
            copyright_line=licence["copyright"],
            approved_versions=[v for v in _versions(definition) if v != "en"],
            created_by=actor,
        ),
        action=Action.MEASURE_ADDED,
        actor=actor,
        fields=("key", "name", "kind", "licence_type", "origin", "copyright_line"),
    )
    definition["version"] = 1
    create_audited(
        InstrumentVersion(
            organisation=organisation,
            instrument=instrument,
            number=1,
            definition=definition,
            created_by=actor,
        ),
        action=Action.MEASURE_VERSION_CREATED,
        actor=actor,
        fields=("number",),
    )
    return instrument


@transaction.atomic
def licence_confirm(
    *,
    organisation: Organisation,
    shape_key: str,
    actor: Person,
    name: str,
    copyright_line: str,
    licence_reference: str = "",
    approved_versions: list[str] | tuple[str, ...] = (),
    params: dict[str, Any] | None = None,
) -> Instrument:
    """Record that the organisation holds a licence for a measure of this shape (who, when).

    The wording comes next (``instrument_version_change``): the product never holds it.
    ``params`` gives what the shape leaves to the organisation: ``items``, ``low``, ``high``
    and ``method``.
    """
    found = shape(shape_key)
    if found is None:
        raise ValidationError(UNKNOWN_SHAPE)
    unknown = set(approved_versions) - set(APPROVABLE_VERSIONS)
    if unknown:
        raise ValidationError(UNKNOWN_SHAPE)
    return create_audited(
        Instrument(
            organisation=organisation,
            key=_free_key(
                organisation, slugify(name).replace("_", "-")[:50].strip("-") or found.key
            ),
            name=name,
            kind=MeasureKind.LICENSED_INSTRUMENT,
            licence_type=LicenceType.BRING_YOUR_OWN,
            origin=f"shape:{found.key}",
            copyright_line=copyright_line,
            licence_reference=licence_reference,
            approved_versions=[v for v in APPROVABLE_VERSIONS if v in approved_versions],
            shape_params=_shape_params(found, params or {}),
            licence_confirmed_by=actor,
            licence_confirmed_at=timezone.now(),
            created_by=actor,
        ),
        action=Action.MEASURE_LICENCE_CONFIRMED,
        actor=actor,
        fields=(
            "key",
            "name",
            "kind",
            "licence_type",
            "origin",
            "copyright_line",
            "licence_reference",
            "approved_versions",
            "shape_params",
            "licence_confirmed_at",
        ),
    )


def _shape_params(found: Shape, params: dict[str, Any]) -> dict[str, Any]:
    items = found.n_items if found.n_items is not None else int(params["items"])
    low, high = (
        found.values if found.values is not None else (int(params["low"]), int(params["high"]))
    )
    method = found.method if found.method is not None else str(params["method"])
    if items < 1 or low >= high or method not in (*FLEXIBLE_METHODS, "lookup"):
        raise ValidationError(UNKNOWN_SHAPE)
    return {"items": items, "low": low, "high": high, "method": method}


def licensed_skeleton(instrument: Instrument) -> dict[str, Any]:
    """The definition of a licensed measure before its words are typed: shape and licence only."""
    params = instrument.shape_params
    found = shape(instrument.origin.removeprefix("shape:"))
    n, low, high, method = params["items"], params["low"], params["high"], params["method"]
    approved = instrument.approved_versions
    definition: dict[str, Any] = {
        "id": instrument.key,
        "name": {"en": instrument.name},
        "version": 1,
        "licence": {"type": "bring_your_own", "copyright": instrument.copyright_line},
        "languages": ["en"] + (["cy"] if "cy" in approved else []),
        "easy_read": [lang for lang in ("en", "cy") if f"{lang}-easy" in approved],
        "items": [
            {
                "id": f"q{i}",
                "wording": {},
                "options": [{"value": v, "label": {}} for v in range(low, high + 1)],
            }
            for i in range(1, n + 1)
        ],
        "scoring": {"method": method, "higher_is_better": True},
    }
    if "cy" in approved:
        definition["name"]["cy"] = instrument.name
    if found is not None and found.holder:
        definition["licence"]["holder"] = found.holder
    if method == "sum":
        definition["scoring"]["valid_range"] = {"min": n * low, "max": n * high}
    elif method == "mean":
        definition["scoring"]["valid_range"] = {"min": low, "max": high}
    elif method == "lookup":
        definition["scoring"]["lookup"] = {}
    if found is not None and found.meaningful_change:
        definition["meaningful_change"] = dict(found.meaningful_change)
    if found is not None and found.norms:
        definition["norms"] = [dict(norm) for norm in found.norms]
    return definition


def reversed_count(instrument: Instrument) -> int:
    found = shape(instrument.origin.removeprefix("shape:"))
    return found.reversed_count if found is not None else 0


@transaction.atomic
def instrument_version_change(
    *, instrument: Instrument, definition: dict[str, Any], actor: Person, reason: str = ""
) -> InstrumentVersion:
    """Save a changed definition: in place while the latest version is open, else a new version.

    A version is locked once it has answers (``frozen_at``) or, for a licensed measure, once its
    wording is confirmed, which saving it here does: the wording is then never edited, and any
    later change is a new version. Public measures keep their standard wording.
    """
    instrument = Instrument.objects.select_for_update().get(pk=instrument.pk)
    if instrument.licence_type == LicenceType.OPEN:
        raise ValidationError(OPEN_NOT_CHANGED)
    if instrument.is_licensed and instrument.licence_confirmed_at is None:
        raise ValidationError(LICENCE_FIRST)
    definition = copy.deepcopy(definition)
    definition["licence"] = {
        **definition.get("licence", {}),
        "copyright": instrument.copyright_line,
    }
    latest = instrument.versions.order_by("-number").first()
    if latest is not None and _same(latest.definition, definition):
        raise ValidationError(NO_CHANGE)
    if latest is not None and not latest.is_locked and not instrument.is_licensed:
        definition["version"] = latest.number
        return update_audited(
            latest,
            action=Action.MEASURE_VERSION_CHANGED,
            actor=actor,
            fields=("definition", "reason"),
            values={"definition": definition, "reason": reason},
        )
    number = latest.number + 1 if latest is not None else 1
    definition["version"] = number
    version = InstrumentVersion(
        organisation=instrument.organisation,
        instrument=instrument,
        number=number,
        definition=definition,
        reason=reason,
        created_by=actor,
        wording_confirmed_at=timezone.now() if instrument.is_licensed else None,
    )
    return create_audited(
        version,
        action=Action.MEASURE_VERSION_CREATED,
        actor=actor,
        fields=("number", "reason", "wording_confirmed_at"),
    )


def _same(one: dict[str, Any], other: dict[str, Any]) -> bool:
    return {**one, "version": 0} == {**other, "version": 0}


@transaction.atomic
def instrument_version_freeze(
    *, version: InstrumentVersion, actor: Person | None = None
) -> InstrumentVersion:
    """Freeze a version when its first answer arrives: the survey app calls this, once or more.

    Freezing again changes nothing. From then on the definition cannot change
    (``InstrumentVersion.clean``), and ``instrument_version_change`` makes a new version.
    """
    version = InstrumentVersion.objects.select_for_update().get(pk=version.pk)
    if version.frozen_at is not None:
        return version
    return update_audited(
        version,
        action=Action.MEASURE_VERSION_FROZEN,
        actor=actor,
        fields=("frozen_at",),
        values={"frozen_at": timezone.now()},
    )


def _free_key(organisation: Organisation, wanted: str) -> str:
    taken = set(Instrument.objects.in_organisation(organisation).values_list("key", flat=True))
    key, n = wanted, 2
    while key in taken:
        key = f"{wanted}-{n}"
        n += 1
    return key


def _versions(definition: dict[str, Any]) -> list[str]:
    return list(definition["languages"]) + [f"{x}-easy" for x in definition.get("easy_read", [])]
