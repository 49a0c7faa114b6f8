"""The register of personal data: what every app holds about people, why, and what happens to it.

Each app declares its models in ``<app>/personal_data.py`` (found at start-up, like loaders)::

    register(
        PersonalData(
            "checkins.CheckInAnswer",
            links={"person": Link.ABOUT},
            fields=("feeling", "answered_at"),
            name=_("Answers to check-ins"),
            labels={"feeling": _("How it felt"), "answered_at": _("When you answered")},
            special_category=("feeling",),
            purpose=_("How each session felt to the people in it."),
            basis=Basis.PUBLIC_TASK,
            condition=Condition.HEALTH_AND_SOCIAL_CARE,
            retention=Retention.ANSWERS,
            on_erasure=Erasure.UNLINK,
            reason=_("Unlinked answers keep the project's figures whole and say nothing about anyone."),
            seen_by=_("The project team; others only as totals, small numbers hidden."),
        )
    )

The framework reads the register for subject access exports, erasure, retention and
``docs/data-map.md``. ``name`` and ``labels`` are the words a person reads in their export, so
they are ours to translate (a library's verbose names are English only). A system check (``wesaid.E002``) fails when a model that links to a
person (a foreign key to a model registered as a ``subject``) is not in the register, so a
new app cannot forget to say what it holds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.apps import apps
from django.core import checks
from django.db import models
from django.utils.functional import Promise


class Link(StrEnum):
    """How a row relates to the person a foreign key names."""

    ABOUT = "about"  # the row is about them (their answers, their contact details)
    BY = "by"  # they made or did it (who printed a card, who created a check-in)


class Basis(StrEnum):
    """The lawful basis for processing (UK GDPR Article 6(1))."""

    CONSENT = "consent"  # 6(1)(a)
    CONTRACT = "contract"  # 6(1)(b)
    LEGAL_OBLIGATION = "legal_obligation"  # 6(1)(c)
    PUBLIC_TASK = "public_task"  # 6(1)(e)
    LEGITIMATE_INTERESTS = "legitimate_interests"  # 6(1)(f)


class Condition(StrEnum):
    """The condition for special category data (UK GDPR Article 9(2))."""

    EXPLICIT_CONSENT = "explicit_consent"  # 9(2)(a)
    SUBSTANTIAL_PUBLIC_INTEREST = "substantial_public_interest"  # 9(2)(g)
    HEALTH_AND_SOCIAL_CARE = "health_and_social_care"  # 9(2)(h)
    ARCHIVING_AND_RESEARCH = "archiving_and_research"  # 9(2)(j)


class Retention(StrEnum):
    """The kinds of data an organisation sets a retention period for (privacy.retention)."""

    PEOPLE = "people"  # a person's record: kept while they take part, until erased
    SIGN_IN = "sign_in"  # sign-in cards and emailed links
    SESSIONS = "sessions"  # signed-in sessions
    LOCKOUTS = "lockouts"  # records of failed sign-ins
    ANSWERS = "answers"  # answers in finished projects
    AUDIT = "audit"  # the audit log
    PROJECTS = "projects"  # project records and who was in them
    TASKS = "tasks"  # finished background tasks (a sign-in email to send)


class Erasure(StrEnum):
    """What erasing a person does to the rows that link to them."""

    DELETE = "delete"  # the rows go
    ANONYMISE = "anonymise"  # the row stays, the fields in ``anonymise`` are overwritten
    UNLINK = "unlink"  # the row stays and no longer points at the person (the link is cleared)
    KEEP = "keep"  # kept, with a documented reason (the audit log)


@dataclass(frozen=True)
class PersonalData:
    """One model's entry in the register."""

    model_label: str
    #: Foreign keys (or lookup paths such as ``"user__person"``) to a person, and how the row
    #: relates to them. Empty for a subject model itself (it *is* the person) and for rows that
    #: name a person only by a username or address (``lookup`` then says how to find them).
    links: dict[str, Link]
    #: The fields that hold personal data, exported in a subject access request.
    fields: tuple[str, ...]
    purpose: str | Promise
    basis: Basis
    retention: Retention
    on_erasure: Erasure
    seen_by: str | Promise
    special_category: tuple[str, ...] = ()
    condition: Condition | None = None
    #: Why the rows are kept or only anonymised or unlinked, not deleted.
    reason: str | Promise = ""
    #: For ``Erasure.ANONYMISE``: field -> the value written over it.
    anonymise: dict[str, Any] = field(default_factory=dict)
    #: True for the models that are people (Person, User): links to them make a row personal.
    subject: bool = False
    #: For rows that name a person without a foreign key: the path from the person to the
    #: value the row holds, and the row's field, e.g. ``("user__username", "username")``.
    lookup: tuple[str, str] | None = None
    #: For rows that hold a person's id where no query can reach it (a session keeps it in its
    #: encoded data): a function from the person to their rows.
    find: Callable[[models.Model], models.QuerySet] | None = None
    #: For rows that point at any object by its type and id (the audit log's ``object_type``
    #: and ``object_id``): those two fields. A row is about the person when its object is the
    #: person or one of the rows about them.
    points_at: tuple[str, str] | None = None
    #: What the export calls these rows, in words we translate (``verbose_name_plural`` of a
    #: library's model is English only).
    name: str | Promise = ""
    #: The words for each field in ``fields``, translated the same way.
    labels: dict[str, str | Promise] = field(default_factory=dict)
    #: Words shown for a field with no value, where blank would mislead ("wesaid, automatically").
    empty: dict[str, str | Promise] = field(default_factory=dict)

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.model_label)

    def rows_for(self, person: models.Model, link: str) -> models.QuerySet:
        """The rows this entry holds that link to ``person`` through ``link``."""
        return self.model._default_manager.filter(**{link: person})

    def rows_by_lookup(self, person: models.Model) -> models.QuerySet:
        """The rows found by ``lookup`` or ``find`` (rows with no foreign key to the person)."""
        if self.find is not None:
            return self.find(person)
        assert self.lookup is not None
        path, row_field = self.lookup
        found = type(person)._default_manager.filter(pk=person.pk).values_list(path, flat=True)
        values = [value for value in found if value]
        return self.model._default_manager.filter(**{f"{row_field}__in": values})

    @property
    def found_without_a_link(self) -> bool:
        return self.lookup is not None or self.find is not None

    def rows_pointing_at(self, objects: set[tuple[str, str]]) -> models.QuerySet:
        """For a ``points_at`` entry: the rows whose object is one of ``objects``."""
        assert self.points_at is not None
        type_field, id_field = self.points_at
        by_type: dict[str, list[str]] = {}
        for object_type, object_id in objects:
            by_type.setdefault(object_type, []).append(object_id)
        match = models.Q(pk__in=[])
        for object_type, ids in by_type.items():
            match |= models.Q(**{type_field: object_type, f"{id_field}__in": ids})
        return self.model._default_manager.filter(match)


REGISTER: dict[str, PersonalData] = {}


class RegisterError(ValueError):
    """An entry that contradicts itself (a special field not listed, a keep without reason)."""


def register(entry: PersonalData) -> PersonalData:
    problems = entry_problems(entry)
    if problems:
        raise RegisterError(f"{entry.model_label}: " + "; ".join(problems))
    existing = REGISTER.get(entry.model_label)
    if existing is not None and existing != entry:
        raise RegisterError(f"{entry.model_label} is already in the register")
    REGISTER[entry.model_label] = entry
    return entry


def entry_problems(entry: PersonalData) -> list[str]:
    """What is wrong with an entry on its own (the model need not be loaded yet)."""
    problems = []
    if not set(entry.special_category) <= set(entry.fields):
        problems.append("special category fields must also be listed in fields")
    if entry.special_category and entry.condition is None:
        problems.append("special category data needs an Article 9 condition")
    if entry.on_erasure in (Erasure.KEEP, Erasure.ANONYMISE, Erasure.UNLINK) and not entry.reason:
        problems.append(f"erasure by {entry.on_erasure} needs a reason")
    if entry.on_erasure is Erasure.ANONYMISE and not entry.anonymise:
        problems.append("anonymise needs the fields and the values written over them")
    if not entry.subject and not entry.links and entry.lookup is None and entry.find is None:
        problems.append("an entry needs links to a person, a lookup, a find, or subject=True")
    if not entry.name:
        problems.append("an entry needs a name people read (translated), for the export")
    unlabelled = [name for name in entry.fields if name not in entry.labels]
    if unlabelled:
        problems.append(f"every field needs a label people read (translated): {unlabelled}")
    if set(entry.labels) - set(entry.fields) or set(entry.empty) - set(entry.fields):
        problems.append("labels and empty words are only for the fields listed in fields")
    if entry.points_at is not None and not set(entry.points_at) <= set(entry.fields):
        problems.append("points_at names two of the fields")
    return problems


def subjects() -> list[type[models.Model]]:
    return [entry.model for entry in REGISTER.values() if entry.subject]


def personal_models() -> set[type[models.Model]]:
    """The people (subjects) and every registered model whose rows are about one of them."""
    return {
        entry.model
        for entry in REGISTER.values()
        if entry.subject or Link.ABOUT in entry.links.values()
    }


def objects_of(person: models.Model) -> set[tuple[str, str]]:
    """The person, their sign-in and every registered row about them, as (type, id) pairs in
    the form the audit log points at objects (``app.model`` in lower case, the id as text)."""
    found: set[tuple[str, str]] = {(person._meta.label_lower, str(person.pk))}
    for entry in REGISTER.values():
        if entry.points_at is not None:
            continue  # the audit log points at rows; it is not a row to point at
        model = entry.model
        if model is type(person):
            continue
        rows = [
            entry.rows_for(person, path) for path, how in entry.links.items() if how is Link.ABOUT
        ]
        if entry.found_without_a_link:
            rows.append(entry.rows_by_lookup(person))
        for queryset in rows:
            label = model._meta.label_lower
            found |= {(label, str(pk)) for pk in queryset.values_list("pk", flat=True)}
    return found


def person_links(model: type[models.Model]) -> list[str]:
    """The foreign keys of ``model`` that point at a person, or at a row about a person."""
    people = personal_models()
    return [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, models.ForeignKey) and f.related_model in people
    ]


def register_problems(all_models: Iterable[type[models.Model]]) -> list[checks.CheckMessage]:
    """Models that link to a person but are not in the register, and entries that are wrong."""
    errors: list[checks.CheckMessage] = []
    for model in all_models:
        if model._meta.abstract or model._meta.proxy or not model._meta.managed:
            continue
        label = model._meta.label
        entry = REGISTER.get(label)
        links = person_links(model)
        if entry is None:
            if links:
                errors.append(
                    checks.Error(
                        f"{label} links to a person ({', '.join(links)}) but is not in the "
                        "register of personal data.",
                        hint="Declare it in its app's personal_data.py: what it holds, why, "
                        "for how long and what erasure does (see core/personal_data.py).",
                        obj=model,
                        id="wesaid.E002",
                    )
                )
            continue
        names = {f.name for f in model._meta.get_fields()}
        missing = [name for name in entry.fields if name not in names]
        listed = {path.split("__")[0] for path in entry.links}
        unlisted = [name for name in links if name not in listed]
        if missing or unlisted:
            errors.append(
                checks.Error(
                    f"{label}'s register entry names fields it does not have ({missing}) or "
                    f"leaves out links to a person ({unlisted}).",
                    obj=model,
                    id="wesaid.E003",
                )
            )
    return errors


@checks.register()
def check_register(app_configs, **kwargs) -> list[checks.CheckMessage]:
    return register_problems(apps.get_models())


#: Safe defaults for how long each kind of data is kept, in days (None: kept while the person
#: takes part, until they are erased). An organisation can set its own periods.
DEFAULT_RETENTION_DAYS: dict[Retention, int | None] = {
    Retention.PEOPLE: None,
    Retention.PROJECTS: None,
    Retention.SIGN_IN: 30,  # after the card or link expired or was used
    Retention.SESSIONS: 1,  # after the session ended (sessions last 12 hours at most)
    Retention.LOCKOUTS: 30,  # long enough to see a pattern of guessing
    Retention.ANSWERS: 730,  # two years after the project finished, for its report
    Retention.AUDIT: 2190,  # six years: the limitation period for most claims (Limitation Act 1980)
    Retention.TASKS: 1,  # after the task finished; a queued task waits only minutes
}

RETENTION_WORDS: dict[Retention, str] = {
    Retention.PEOPLE: "a person's record",
    Retention.PROJECTS: "projects and who was in them",
    Retention.SIGN_IN: "sign-in cards and links, counted from when they expired or were used",
    Retention.SESSIONS: "signed-in sessions, counted from when they ended",
    Retention.LOCKOUTS: "records of sign-ins, counted from the attempt",
    Retention.ANSWERS: "answers, counted from when the project finished",
    Retention.AUDIT: "the audit log, counted from the event",
    Retention.TASKS: "background tasks (a sign-in email to send), counted from when they finished",
}

BASIS_WORDS: dict[Basis, str] = {
    Basis.CONSENT: "consent (Article 6(1)(a))",
    Basis.CONTRACT: "contract (Article 6(1)(b))",
    Basis.LEGAL_OBLIGATION: "legal obligation (Article 6(1)(c))",
    Basis.PUBLIC_TASK: "public task (Article 6(1)(e))",
    Basis.LEGITIMATE_INTERESTS: "legitimate interests (Article 6(1)(f))",
}

CONDITION_WORDS: dict[Condition, str] = {
    Condition.EXPLICIT_CONSENT: "explicit consent (Article 9(2)(a))",
    Condition.SUBSTANTIAL_PUBLIC_INTEREST: "substantial public interest (Article 9(2)(g))",
    Condition.HEALTH_AND_SOCIAL_CARE: "health or social care (Article 9(2)(h))",
    Condition.ARCHIVING_AND_RESEARCH: "archiving, research or statistics (Article 9(2)(j))",
}

ERASURE_WORDS: dict[Erasure, str] = {
    Erasure.DELETE: "deleted",
    Erasure.ANONYMISE: "kept without the personal details",
    Erasure.UNLINK: "kept, no longer linked to the person",
    Erasure.KEEP: "kept",
}


def _days(days: int | None) -> str:
    if days is None:
        return "no fixed period (removed when the person is erased)"
    if days % 365 == 0:
        years = days // 365
        return f"{years} year{'s' if years != 1 else ''}"
    return f"{days} day{'s' if days != 1 else ''}"


def data_map() -> str:
    """``docs/data-map.md``: the register as a document to paste into a DPIA (English)."""
    from django.utils import translation

    with translation.override("en"):
        lines = [
            "# Data map",
            "",
            "Generated from the register of personal data (`wesaid/core/personal_data.py` and each",
            "app's `personal_data.py`) by `wesaid datamap`. Do not edit by hand: CI checks that it",
            "matches the register. Retention periods are the defaults; each organisation can set",
            "its own (see docs/data-protection.md).",
            "",
            "## Retention defaults",
            "",
            "| Kind of data | Kept for |",
            "|---|---|",
        ]
        for kind in Retention:
            lines.append(f"| {RETENTION_WORDS[kind]} | {_days(DEFAULT_RETENTION_DAYS[kind])} |")
        lines += ["", "## What is held", ""]
        for label in sorted(REGISTER):
            entry = REGISTER[label]
            about = ", ".join(
                f"`{path}` ({'about them' if how is Link.ABOUT else 'made by them'})"
                for path, how in entry.links.items()
            )
            if entry.subject:
                about = "the person themselves" + (f"; {about}" if about else "")
            if entry.lookup:
                about = f"found by `{entry.lookup[1]}` (the person's `{entry.lookup[0]}`)"
            if entry.find:
                about = f"found by `{entry.find.__module__}.{entry.find.__name__}`"
            if entry.points_at:
                type_field, id_field = entry.points_at
                about += (
                    f"; `{type_field}` and `{id_field}` (about them when they point at the "
                    "person or a row about them)"
                )
            special = (
                f"{', '.join(f'`{f}`' for f in entry.special_category)}: "
                f"{CONDITION_WORDS[entry.condition]}"
                if entry.special_category and entry.condition
                else "none"
            )
            erasure = ERASURE_WORDS[entry.on_erasure]
            if entry.reason:
                erasure += f". {entry.reason}"
            fields = ", ".join(f"`{f}` ({entry.labels[f]})" for f in entry.fields)
            lines += [
                f"### {entry.name} (`{label}`)",
                "",
                f"- Why: {entry.purpose}",
                f"- About whom: {about}",
                f"- Fields: {fields}",
                f"- Special category: {special}",
                f"- Lawful basis: {BASIS_WORDS[entry.basis]}",
                f"- Kept: {RETENTION_WORDS[entry.retention]}; by default "
                f"{_days(DEFAULT_RETENTION_DAYS[entry.retention])}",
                f"- On erasure: {erasure}",
                f"- Who can see it: {entry.seen_by}",
                "",
            ]
    return "\n".join(lines)
