"""Subject access: everything the register says we hold about one person, from every app."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils import timezone

from wesaid.core.personal_data import REGISTER, Link, PersonalData
from wesaid.organisations.models import Person


@dataclass(frozen=True)
class Section:
    """One register entry's rows about (or made by) the person."""

    entry: PersonalData
    relation: Link | None  # None for the person's own record
    rows: list[dict[str, Any]] = field(default_factory=list)  # field -> plain value

    @property
    def label(self) -> str:
        return self.entry.model_label

    @property
    def title(self) -> str:
        name = str(self.entry.model._meta.verbose_name_plural)
        return name[:1].upper() + name[1:]

    def labelled_rows(self) -> list[list[tuple[str, Any]]]:
        """Each row as (field label, value) pairs, for pages."""
        meta = self.entry.model._meta
        labels = {
            name: str(getattr(meta.get_field(name), "verbose_name", name))
            for name in self.entry.fields
        }
        return [
            [(labels[name][:1].upper() + labels[name][1:], value) for name, value in row.items()]
            for row in self.rows
        ]


@dataclass(frozen=True)
class SubjectAccess:
    person: Person
    made_at: datetime.datetime
    sections: list[Section]

    def as_json(self) -> dict[str, Any]:
        """Machine-readable: model label, why it is held, how it relates, and every row."""
        return {
            "person_id": self.person.pk,
            "organisation": self.person.organisation.name,
            "made_at": self.made_at.isoformat(),
            "held": [
                {
                    "model": s.label,
                    "purpose": str(s.entry.purpose),
                    "lawful_basis": str(s.entry.basis),
                    "special_category_fields": list(s.entry.special_category),
                    "relation": str(s.relation) if s.relation else "self",
                    "rows": s.rows,
                }
                for s in self.sections
            ],
        }


def _plain(row: models.Model, name: str, *, for_json: bool) -> Any:
    model_field = row._meta.get_field(name)
    value = getattr(row, name)
    if getattr(model_field, "choices", None) and value not in (None, ""):
        label = getattr(row, f"get_{name}_display")()
        return {"value": value, "label": str(label)} if for_json else str(label)
    if isinstance(value, models.Model):
        return {"id": value.pk, "label": str(value)} if for_json else str(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat() if for_json else timezone.localtime(value)
    if isinstance(value, datetime.date):
        return value.isoformat() if for_json else value
    return value


def _rows(entry: PersonalData, queryset: models.QuerySet, *, for_json: bool) -> list[dict]:
    return [
        {name: _plain(row, name, for_json=for_json) for name in entry.fields}
        for row in queryset.order_by("pk")
    ]


def subject_access(person: Person, *, for_json: bool = False) -> SubjectAccess:
    """Every registered field held about ``person``, or recording what they did."""
    sections: list[Section] = []
    for label in sorted(REGISTER):
        entry = REGISTER[label]
        if entry.model is Person:
            own = Person.objects.filter(pk=person.pk)
            sections.append(Section(entry, None, _rows(entry, own, for_json=for_json)))
            continue
        for path, relation in entry.links.items():
            rows = _rows(entry, entry.rows_for(person, path), for_json=for_json)
            if rows:
                sections.append(Section(entry, relation, rows))
        if entry.lookup is not None:
            rows = _rows(entry, entry.rows_by_lookup(person), for_json=for_json)
            if rows:
                sections.append(Section(entry, Link.ABOUT, rows))
    return SubjectAccess(person=person, made_at=timezone.now(), sections=sections)
