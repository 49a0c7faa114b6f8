"""Compile every ``LOCALE_PATHS/*/LC_MESSAGES/django.po`` into ``django.mo`` with polib.

``make`` and a fresh machine need no GNU gettext: polib, a maintained pure-Python gettext
library, reads the .po and writes the .mo. Fuzzy entries and entries with an empty
translation are left out, so those pages fall back to English, as with msgfmt.

``wesaid compiletranslations --check`` writes nothing and fails if a .mo is missing or out of
date (for CI). Writing a fresh .mo the same as the old one leaves the file alone.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext_noop, ngettext_lazy

# Django's own Welsh catalogue leaves these empty, yet people see them when they choose a
# password (AUTH_PASSWORD_VALIDATORS). Naming them here lets makemessages copy them into our
# catalogue, which takes precedence over Django's, so they have Welsh too.
DJANGO_STRINGS_WITHOUT_WELSH = (
    ngettext_lazy(
        "This password is too short. It must contain at least %(min_length)d character.",
        "This password is too short. It must contain at least %(min_length)d characters.",
        "min_length",
    ),
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    gettext_noop("This password is too common."),
    gettext_noop("This password is entirely numeric."),
)


@dataclass
class Entry:
    """One catalogue entry, as the command and the translation tests read it."""

    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr.values())


def parse_po(text: str, name: str = "<po>") -> list[Entry]:
    """The header first, then every entry that is not obsolete (``#~``)."""
    try:
        catalogue = polib.pofile(text, wrapwidth=0)
    except (OSError, ValueError) as problem:
        raise CommandError(f"{name}: {problem}") from problem
    header = Entry(
        msgstr={0: "".join(f"{key}: {value}\n" for key, value in catalogue.metadata.items())},
        flags={"fuzzy"} if catalogue.metadata_is_fuzzy else set(),
    )
    entries = [header]
    for item in catalogue:
        if item.obsolete:
            continue
        plural = item.msgid_plural or None
        forms = item.msgstr_plural if plural else {0: item.msgstr}
        entries.append(
            Entry(
                msgid=item.msgid,
                msgid_plural=plural,
                msgctxt=item.msgctxt,
                msgstr={int(index): text for index, text in forms.items()},
                flags=set(item.flags),
            )
        )
    return entries


def mo_bytes(entries: list[Entry]) -> bytes:
    """The .mo for these entries, written by polib; fuzzy and untranslated ones left out."""
    catalogue = polib.POFile(wrapwidth=0)
    if entries and entries[0].is_header:
        for line in entries[0].msgstr.get(0, "").splitlines():
            name, _, value = line.partition(":")
            if name.strip():
                catalogue.metadata[name.strip()] = value.strip()
    for entry in entries:
        if entry.is_header or entry.fuzzy or not entry.translated:
            continue
        item = polib.POEntry(msgid=entry.msgid, msgctxt=entry.msgctxt)
        if entry.msgid_plural is not None:
            item.msgid_plural = entry.msgid_plural
            item.msgstr_plural = dict(sorted(entry.msgstr.items()))
        else:
            item.msgstr = entry.msgstr[0]
        catalogue.append(item)
    handle, temporary = tempfile.mkstemp(suffix=".mo")
    os.close(handle)
    try:
        catalogue.save_as_mofile(temporary)
        return Path(temporary).read_bytes()
    finally:
        os.unlink(temporary)


def catalogues() -> list[Path]:
    found = []
    for base in settings.LOCALE_PATHS:
        found += sorted(Path(base).glob("*/LC_MESSAGES/django.po"))
    return found


def compile_catalogue(po_path: Path, *, write: bool = True) -> tuple[bool, list[Entry]]:
    """Compile one .po; returns (whether the .mo was missing or different, the fuzzy entries)."""
    entries = parse_po(po_path.read_text(encoding="utf-8"), str(po_path))
    content = mo_bytes(entries)
    mo_path = po_path.with_suffix(".mo")
    stale = not mo_path.exists() or mo_path.read_bytes() != content
    if stale and write:
        # Write beside it and rename, so a reader (or a parallel test worker) never sees half.
        handle, temporary = tempfile.mkstemp(dir=mo_path.parent, suffix=".mo.tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.chmod(temporary, 0o644)
        os.replace(temporary, mo_path)
    fuzzy = [e for e in entries if e.fuzzy and not e.is_header]
    return stale, fuzzy


class Command(BaseCommand):
    help = "Compile the .po translation catalogues into .mo files (no GNU gettext needed)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Write nothing; fail if a .mo file is missing or older than its .po.",
        )

    def handle(self, *args, check: bool = False, **options):
        found = catalogues()
        if not found:
            raise CommandError("No django.po files found under LOCALE_PATHS.")
        out_of_date = []
        for po_path in found:
            stale, fuzzy = compile_catalogue(po_path, write=not check)
            for entry in fuzzy:
                self.stderr.write(f"{po_path}: fuzzy, left out: {entry.msgid[:60]!r}")
            if stale:
                out_of_date.append(po_path)
            if not check:
                state = "compiled" if stale else "up to date"
                self.stdout.write(f"{po_path.with_suffix('.mo')}: {state}")
        if check and out_of_date:
            raise CommandError(
                "Out of date: "
                + ", ".join(str(p.with_suffix(".mo")) for p in out_of_date)
                + ". Run `wesaid compiletranslations`."
            )
