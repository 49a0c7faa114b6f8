"""Compile every ``LOCALE_PATHS/*/LC_MESSAGES/django.po`` into ``django.mo``, in pure Python.

``make`` and a fresh machine need no GNU gettext: this writes the GNU .mo format itself (magic
0x950412de, a header, then sorted tables of originals and translations; plural forms are joined
by NUL and a context is joined to its msgid by EOT, as msgfmt does). Fuzzy entries and entries
with an empty translation are left out, so those pages fall back to English, as with msgfmt.

``wesaid compiletranslations --check`` writes nothing and fails if a .mo is missing or out of
date (for CI). Writing a fresh .mo the same as the old one leaves the file alone.
"""

from __future__ import annotations

import ast
import os
import struct
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

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

MO_MAGIC = 0x950412DE


@dataclass
class Entry:
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
        """Every form has a translation (a plural entry has as many forms as the header says)."""
        return bool(self.msgstr) and all(self.msgstr.values())

    def forms(self) -> list[str]:
        return [self.msgstr[i] for i in sorted(self.msgstr)]


def _unquote(token: str, where: str) -> str:
    token = token.strip()
    if not (len(token) >= 2 and token[0] == token[-1] == '"'):
        raise CommandError(f"{where}: expected a quoted string, found {token!r}")
    # PO strings use C escapes; the text is already Unicode, so decode escapes only.
    return ast.literal_eval(token)


def parse_po(text: str, name: str = "<po>") -> list[Entry]:
    """The entries of a .po file, header first. Obsolete (#~) entries are dropped."""
    entries: list[Entry] = []
    entry = Entry()
    target: tuple[str, int] | None = None  # which field continuation lines extend
    seen_msgid = False

    def finish():
        nonlocal entry, target, seen_msgid
        if seen_msgid:
            entries.append(entry)
        entry, target, seen_msgid = Entry(), None, False

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        where = f"{name}:{number}"
        if not line:
            finish()
            continue
        if line.startswith("#~"):
            continue
        if line.startswith("#") and seen_msgid and entry.msgstr:
            finish()  # a comment after a complete entry starts the next one
        if line.startswith("#,"):
            entry.flags.update(flag.strip() for flag in line[2:].split(",") if flag.strip())
            continue
        if line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            if target is None:
                raise CommandError(f"{where}: a string with no keyword before it")
            value = _unquote(line, where)
            kind, index = target
            if kind == "msgstr":
                entry.msgstr[index] += value
            else:
                setattr(entry, kind, getattr(entry, kind) + value)
            continue
        if keyword == "msgctxt":
            if seen_msgid:
                finish()
            entry.msgctxt = _unquote(rest, where)
            target = ("msgctxt", 0)
        elif keyword == "msgid":
            if seen_msgid:
                finish()
            entry.msgid = _unquote(rest, where)
            seen_msgid = True
            target = ("msgid", 0)
        elif keyword == "msgid_plural":
            entry.msgid_plural = _unquote(rest, where)
            target = ("msgid_plural", 0)
        elif keyword == "msgstr":
            entry.msgstr[0] = _unquote(rest, where)
            target = ("msgstr", 0)
        elif keyword.startswith("msgstr[") and keyword.endswith("]"):
            index = int(keyword[7:-1])
            entry.msgstr[index] = _unquote(rest, where)
            target = ("msgstr", index)
        else:
            raise CommandError(f"{where}: cannot read {line!r}")
    finish()
    return entries


def mo_bytes(entries: list[Entry]) -> bytes:
    """A GNU .mo catalogue of the header and every translated, non-fuzzy entry."""
    pairs: dict[bytes, bytes] = {}
    for entry in entries:
        if not entry.is_header and (entry.fuzzy or not entry.translated):
            continue
        key = entry.msgid
        if entry.msgid_plural is not None:
            key += "\0" + entry.msgid_plural
        if entry.msgctxt is not None:
            key = entry.msgctxt + "\x04" + key
        value = "\0".join(entry.forms())
        if entry.is_header:
            # As msgfmt does: the extraction date changes on every makemessages run.
            value = "".join(
                line
                for line in value.splitlines(keepends=True)
                if not line.startswith("POT-Creation-Date:")
            )
        pairs[key.encode()] = value.encode()
    keys = sorted(pairs)
    count = len(keys)
    originals_at = 7 * 4
    translations_at = originals_at + count * 8
    data_at = translations_at + count * 8
    tables: list[int] = []
    data = b""
    for strings in (keys, [pairs[k] for k in keys]):
        for value in strings:
            tables += [len(value), data_at + len(data)]
            data += value + b"\0"
    head = struct.pack("<7I", MO_MAGIC, 0, count, originals_at, translations_at, 0, data_at)
    originals = struct.pack(f"<{2 * count}I", *tables[: 2 * count])
    translations = struct.pack(f"<{2 * count}I", *tables[2 * count :])
    return head + originals + translations + data


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
