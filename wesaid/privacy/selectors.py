"""Subject access: everything the register says we hold about one person, from every app.

Rows that point at objects by type and id (the audit log) are about the person when they point
at the person or at a row about them, and are shown in plain words. Nothing in the export names
or numbers another person: someone else who did something is "Another person", and what
belongs to someone else is "Someone else" with no record number (docs/decisions/0018).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wesaid.audit.actions import Action
from wesaid.audit.models import AuditEvent
from wesaid.core.personal_data import (
    REGISTER,
    Link,
    PersonalData,
    objects_of,
    personal_models,
    subjects,
)
from wesaid.organisations.models import Person

YES = _("Yes")
NO = _("No")
YOU = _("You")
ANOTHER_PERSON = _("Another person")
YOURS = _("Something of yours")
SOMEONE_ELSE = _("Someone else, or something of theirs")
SOMETHING_ELSE = _("Something that is not about a person")
NOTHING_IN_PARTICULAR = _("Nothing in particular")
NOT_SHOWN = _("Not shown: it is about someone else")


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
        return str(self.entry.name)

    def labelled_rows(self) -> list[list[tuple[str, Any]]]:
        """Each row as (field label, value) pairs, for pages."""
        labels = self.entry.labels
        return [[(str(labels[name]), value) for name, value in row.items()] for row in self.rows]


@dataclass(frozen=True)
class SubjectAccess:
    person: Person
    made_at: datetime.datetime
    sections: list[Section]
    #: Sessions signed in as the person that have not ended: where they are signed in now.
    live_sessions: int = 0

    def as_json(self) -> dict[str, Any]:
        """Machine-readable: model label, why it is held, how it relates, and every row."""
        return {
            "person_id": self.person.pk,
            "organisation": self.person.organisation.name,
            "made_at": self.made_at.isoformat(),
            "live_sessions": self.live_sessions,
            "held": [
                {
                    "model": s.label,
                    "name": s.title,
                    "purpose": str(s.entry.purpose),
                    "lawful_basis": str(s.entry.basis),
                    "special_category_fields": list(s.entry.special_category),
                    "relation": str(s.relation) if s.relation else "self",
                    "fields": {name: str(s.entry.labels[name]) for name in s.entry.fields},
                    "count": len(s.rows),
                    "rows": s.rows,
                }
                for s in self.sections
            ],
        }


class _Reader:
    """Turns rows into plain values for one person's export, without naming anyone else."""

    def __init__(self, person: Person, *, for_json: bool) -> None:
        self.person = person
        self.for_json = for_json
        self.theirs = objects_of(person)
        self.people = {model._meta.label_lower for model in personal_models()}
        self.subjects = tuple(subjects())

    def _word(self, value: Any, words: Any) -> Any:
        return {"value": value, "label": str(words)} if self.for_json else str(words)

    def plain(self, entry: PersonalData, row: models.Model, name: str) -> Any:
        if entry.points_at is not None and name in entry.points_at:
            return self.pointer(entry, row, name)
        model_field = row._meta.get_field(name)
        related = getattr(model_field, "related_model", None)
        if isinstance(model_field, models.ForeignKey) and related in self.subjects:
            # Another person is never named or numbered in someone's export.
            pk = getattr(row, model_field.attname)
            if pk is None:
                return self._word(None, entry.empty.get(name, ""))
            if (related._meta.label_lower, str(pk)) in self.theirs:
                return self._word(pk, YOU)
            return self._word(None, ANOTHER_PERSON)
        value = getattr(row, name)
        if value in (None, "") and name in entry.empty:
            return self._word(None, entry.empty[name])
        if getattr(model_field, "choices", None) and value not in (None, ""):
            return self._word(value, getattr(row, f"get_{name}_display")())
        if isinstance(value, models.Model):
            return {"id": value.pk, "label": str(value)} if self.for_json else str(value)
        if isinstance(value, bool):
            return value if self.for_json else str(YES if value else NO)
        if isinstance(value, datetime.datetime):
            return value.isoformat() if self.for_json else timezone.localtime(value)
        if isinstance(value, datetime.date):
            return value.isoformat() if self.for_json else value
        return value

    def pointer(self, entry: PersonalData, row: models.Model, name: str) -> Any:
        """A (type, id) pointer in words: you, yours, someone else's, or something else."""
        type_field, id_field = entry.points_at or ("", "")
        object_type, object_id = getattr(row, type_field), getattr(row, id_field)
        if not object_type:
            kind, words = "none", NOTHING_IN_PARTICULAR
        elif (object_type, object_id) == (self.person._meta.label_lower, str(self.person.pk)):
            kind, words = "you", YOU
        elif (object_type, object_id) in self.theirs:
            kind, words = "yours", YOURS
        elif object_type in self.people:
            kind, words = "someone_else", SOMEONE_ELSE
        else:
            kind, words = "other", SOMETHING_ELSE
        if name == type_field:
            return {"value": kind, "label": str(words)} if self.for_json else str(words)
        if kind == "someone_else":
            return None if self.for_json else str(NOT_SHOWN)
        return object_id or None


def _rows(reader: _Reader, entry: PersonalData, queryset: models.QuerySet) -> list[dict]:
    return [
        {name: reader.plain(entry, row, name) for name in entry.fields}
        for row in queryset.order_by("pk")
    ]


def _audit_about(entry: PersonalData, reader: _Reader) -> models.QuerySet:
    """Rows pointing at the person or their rows, or made by them (the audit log)."""
    made = models.Q()
    for path, how in entry.links.items():
        if how is Link.BY:
            made |= models.Q(**{path: reader.person})
    pointing = entry.rows_pointing_at(reader.theirs).values("pk")
    return entry.model._default_manager.filter(made | models.Q(pk__in=pointing))


def subject_access(person: Person, *, for_json: bool = False) -> SubjectAccess:
    """Every registered field held about ``person``, or recording what they did."""
    reader = _Reader(person, for_json=for_json)
    sections: list[Section] = []
    for label in sorted(REGISTER):
        entry = REGISTER[label]
        if entry.model is Person:
            own = Person.objects.filter(pk=person.pk)
            sections.append(Section(entry, None, _rows(reader, entry, own)))
            continue
        if entry.points_at is not None:
            rows = _rows(reader, entry, _audit_about(entry, reader))
            if rows:
                sections.append(Section(entry, Link.ABOUT, rows))
            continue
        for path, relation in entry.links.items():
            rows = _rows(reader, entry, entry.rows_for(person, path))
            if rows:
                sections.append(Section(entry, relation, rows))
        if entry.found_without_a_link:
            rows = _rows(reader, entry, entry.rows_by_lookup(person))
            if rows:
                sections.append(Section(entry, Link.ABOUT, rows))
    return SubjectAccess(
        person=person,
        made_at=timezone.now(),
        sections=sections,
        live_sessions=_live_sessions(person),
    )


def _live_sessions(person: Person) -> int:
    entry = REGISTER.get("sessions.Session")
    if entry is None:
        return 0
    return entry.rows_by_lookup(person).filter(expire_date__gt=timezone.now()).count()


#: What the nightly run counts, in the order the data protection page lists them.
RUN_COUNT_LABELS = {
    "sign_in": _("Sign-in cards and links"),
    "lockouts": _("Records of sign-ins"),
    "sessions": _("Signed-in sessions"),
    "answers": _("Answers in finished projects"),
    "audit": _("Old audit events"),
    "people": _("People who had left, erased"),
}


@dataclass(frozen=True)
class RetentionRun:
    at: datetime.datetime
    counts: list[tuple[str, int]]  # (words, how many removed)


def last_retention_run(organisation) -> RetentionRun | None:
    """When retention last ran for the organisation and how much it removed (counts only)."""
    event = (
        AuditEvent.objects.in_organisation(organisation)
        .filter(action=Action.PRIVACY_RETENTION_APPLIED)
        .order_by("-created_at", "-pk")
        .first()
    )
    if event is None:
        return None
    counts = [
        (str(words), int(event.changes.get(kind, 0))) for kind, words in RUN_COUNT_LABELS.items()
    ]
    return RetentionRun(at=event.created_at, counts=counts)
