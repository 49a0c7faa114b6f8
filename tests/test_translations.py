"""English and Welsh from the first template.

Every string the source marks for translation has a Welsh translation (not fuzzy, every plural
form filled), placeholders survive translation, the compiled catalogue is built from the .po
in this test session and matches it, and a Welsh page really renders in Welsh.
"""

from __future__ import annotations

import gettext
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import django
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.management import call_command
from django.core.signals import setting_changed
from django.test import override_settings

from wesaid.core.management.commands.compiletranslations import (
    Entry,
    catalogues,
    compile_catalogue,
    mo_bytes,
    parse_po,
)

PACKAGE = Path(settings.BASE_DIR)
WELSH_PO = PACKAGE / "locale" / "cy" / "LC_MESSAGES" / "django.po"
DJANGO_WELSH_PO = Path(django.__file__).parent / "conf/locale/cy/LC_MESSAGES/django.po"
# Not read for gettext strings: the catalogues themselves, the analysis package (it keeps its own
# English and Welsh in code) and built assets.
NOT_EXTRACTED = {"locale", "analysis", "static"}
GETTEXT_PROGRAMS = ("xgettext", "msguniq", "msgmerge", "msgattrib", "msgfmt")
INSTALL_GETTEXT = (
    "GNU gettext is needed to check translations, and these are missing: {missing}. Install it "
    "(Debian/Ubuntu: `sudo apt-get install gettext`; macOS: `brew install gettext`; "
    "Windows: https://mlocati.github.io/articles/gettext-iconv-windows.html) and run again."
)
MAKEMESSAGES = (
    "wesaid makemessages -l cy --no-location --ignore=.venv --ignore=node_modules "
    '--ignore="wesaid/analysis/*"'
)
# %(name)s, %(count)d, %s, %% ...: Python's printf-style placeholders.
PRINTF = re.compile(r"%(?:\((?P<name>[^)]*)\))?[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")
# {name} and, in the findings' sentences, {name:spec} where spec names a Welsh mutation.
BRACES = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?::([^{}]*))?\}")


def need_gettext() -> None:
    missing = [program for program in GETTEXT_PROGRAMS if shutil.which(program) is None]
    if missing:
        pytest.fail(INSTALL_GETTEXT.format(missing=", ".join(missing)), pytrace=False)


def key(entry: Entry) -> tuple[str | None, str]:
    return (entry.msgctxt, entry.msgid)


def label(entry: Entry) -> str:
    context = f" (context {entry.msgctxt!r})" if entry.msgctxt else ""
    return f"{entry.msgid!r}{context}"


def nplurals(entries: list[Entry]) -> int:
    header = entries[0].msgstr[0] if entries and entries[0].is_header else ""
    match = re.search(r"nplurals\s*=\s*(\d+)", header)
    return int(match.group(1)) if match else 2


def welsh_entries() -> list[Entry]:
    return parse_po(WELSH_PO.read_text(encoding="utf-8"), str(WELSH_PO))


def reload_translations() -> None:
    """Forget loaded catalogues (as Django does when LOCALE_PATHS changes in a test)."""
    setting_changed.send(
        sender=settings._wrapped.__class__,
        setting="LOCALE_PATHS",
        value=settings.LOCALE_PATHS,
        enter=True,
    )


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogues():
    """Build every .mo from its .po in this test session, as `make` does."""
    written = [po for po in catalogues() if compile_catalogue(po)[0]]
    if written:
        reload_translations()
    return written


def extract_from_source(tmp_path: Path, monkeypatch) -> list[Entry]:
    """Run Django's makemessages for Welsh on a copy of the package, into a temporary locale.

    The copy has no locale folder, so makemessages writes to LOCALE_PATHS, which points at the
    temporary folder: the committed .po is never touched.
    """
    need_gettext()
    source = tmp_path / "source"

    def skip(folder, names):
        skipped = {n for n in names if n == "__pycache__" or n.endswith((".pyc", ".mo", ".po"))}
        if Path(folder) == PACKAGE:
            skipped |= NOT_EXTRACTED & set(names)
        return skipped

    shutil.copytree(PACKAGE, source / "wesaid", ignore=skip)
    locale = tmp_path / "locale"
    locale.mkdir()
    monkeypatch.chdir(source)
    with override_settings(LOCALE_PATHS=[str(locale)]):
        call_command("makemessages", locale=["cy"], no_location=True, verbosity=0)
    extracted = locale / "cy" / "LC_MESSAGES" / "django.po"
    return parse_po(extracted.read_text(encoding="utf-8"), str(extracted))


def test_every_string_in_the_source_has_welsh(tmp_path, monkeypatch):
    extracted = [e for e in extract_from_source(tmp_path, monkeypatch) if not e.is_header]
    assert len(extracted) > 100, "makemessages found almost nothing: is the source copied?"
    entries = welsh_entries()
    forms = nplurals(entries)
    committed = {key(e): e for e in entries if not e.is_header}
    problems = []
    for entry in extracted:
        found = committed.get(key(entry))
        if found is None:
            problems.append(f"not in the Welsh catalogue: {label(entry)}")
        elif found.fuzzy:
            problems.append(f"marked fuzzy (check it, then remove the flag): {label(entry)}")
        elif not found.translated:
            problems.append(f"no Welsh yet: {label(entry)}")
        elif entry.msgid_plural is not None and len(found.msgstr) != forms:
            problems.append(f"needs all {forms} plural forms: {label(entry)}")
        elif found.msgid_plural != entry.msgid_plural:
            problems.append(f"the plural in the source has changed: {label(entry)}")
    assert not problems, (
        f"{len(problems)} string(s) in the source lack Welsh. Run `{MAKEMESSAGES}`, translate "
        f"in {WELSH_PO.relative_to(PACKAGE.parent)} (terms: docs/glossary-cy.md), then "
        "`wesaid compiletranslations`.\n  " + "\n  ".join(problems)
    )


def test_the_welsh_catalogue_has_no_fuzzy_or_empty_entries():
    entries = welsh_entries()
    assert entries and entries[0].is_header, "the .po has no header"
    assert not entries[0].fuzzy, "the header is marked fuzzy; remove the flag"
    problems = [
        f"{'fuzzy' if e.fuzzy else 'empty'}: {label(e)}"
        for e in entries[1:]
        if e.fuzzy or not e.translated
    ]
    assert not problems, "\n".join(problems)


def test_welsh_uses_the_same_plural_forms_as_djangos_welsh():
    """Django merges its own Welsh catalogue with ours; the plural rule must be the same."""

    def plural_forms(path: Path) -> str:
        header = parse_po(path.read_text(encoding="utf-8"), str(path))[0].msgstr[0]
        return re.search(r"^Plural-Forms:\s*(.*)$", header, re.MULTILINE).group(1).strip()

    assert plural_forms(WELSH_PO) == plural_forms(DJANGO_WELSH_PO)


def placeholders(text: str, printf: bool) -> tuple[Counter, set]:
    found = Counter(m.group(0) for m in PRINTF.finditer(text)) if printf else Counter()
    return found, {name for name, _ in BRACES.findall(text)}


def test_placeholders_survive_translation():
    problems = []
    for entry in welsh_entries()[1:]:
        printf = "python-format" in entry.flags
        sources = [entry.msgid] if entry.msgid_plural is None else [entry.msgid, entry.msgid_plural]
        wanted = [placeholders(source, printf) for source in sources]
        for index, text in sorted(entry.msgstr.items()):
            got = placeholders(text, printf)
            if text and got not in wanted:
                problems.append(
                    f"{label(entry)} form {index}: expected {sorted(wanted[-1][0].elements())} "
                    f"{sorted(wanted[-1][1])}, found {sorted(got[0].elements())} {sorted(got[1])}"
                )
        if not printf and "%" in "".join(entry.msgstr.values()) and "%" not in entry.msgid:
            problems.append(f"{label(entry)}: a % in the Welsh but not the English")
    assert not problems, "Placeholders must match exactly:\n  " + "\n  ".join(problems)


def test_welsh_mutations_asked_for_in_placeholders_exist():
    """A Welsh sentence may ask for a mutation ({group:na}); only known ones, only in Welsh."""
    from wesaid.findings.welsh import SPECS

    problems = []
    for entry in welsh_entries()[1:]:
        for source in filter(None, (entry.msgid, entry.msgid_plural)):
            if any(spec for _, spec in BRACES.findall(source)):
                problems.append(f"{label(entry)}: English placeholders carry no mutation")
        for index, text in sorted(entry.msgstr.items()):
            for _name, spec in BRACES.findall(text):
                if spec and spec not in SPECS:
                    problems.append(f"{label(entry)} form {index}: unknown mutation {spec!r}")
    assert not problems, "\n  ".join(problems)


def test_the_po_passes_msgfmt_check():
    need_gettext()
    result = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(WELSH_PO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_the_compiled_catalogue_is_up_to_date_and_matches_the_po():
    for po in catalogues():
        stale, fuzzy = compile_catalogue(po, write=False)
        assert not stale, (
            f"{po.with_suffix('.mo')} is out of date: run `wesaid compiletranslations`"
        )
        assert not fuzzy, f"fuzzy entries in {po}: " + ", ".join(label(e) for e in fuzzy)
        with po.with_suffix(".mo").open("rb") as mo:
            compiled = gettext.GNUTranslations(mo)
        entries = parse_po(po.read_text(encoding="utf-8"), str(po))
        for entry in entries[1:]:
            if entry.msgid_plural is None:
                if entry.msgctxt:
                    got = compiled.pgettext(entry.msgctxt, entry.msgid)
                else:
                    got = compiled.gettext(entry.msgid)
                assert got == entry.msgstr[0], label(entry)
            else:
                for n in range(0, 30):
                    index = compiled.plural(n)
                    if entry.msgctxt:
                        got = compiled.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n)
                    else:
                        got = compiled.ngettext(entry.msgid, entry.msgid_plural, n)
                    assert got == entry.msgstr[index], f"{label(entry)} n={n}"


def test_the_mo_writer_leaves_out_fuzzy_and_empty_entries(tmp_path):
    po = r"""
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

msgid "Kept"
msgstr "Wedi'i gadw \"yn\"\n"

#, fuzzy
msgid "Fuzzy"
msgstr "Niwlog"

msgid "Empty"
msgstr ""

msgctxt "status"
msgid "Set"
msgstr "Wedi'i osod"

#, python-format
msgid "%(n)s cat"
msgid_plural "%(n)s cats"
msgstr[0] "%(n)s gath"
msgstr[1] "%(n)s cath"

#~ msgid "Old"
#~ msgstr "Hen"
"""
    entries = parse_po(po)
    mo = tmp_path / "test.mo"
    mo.write_bytes(mo_bytes(entries))
    with mo.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    # Called through other names, so makemessages does not collect these test strings.
    one, in_context, many = catalogue.gettext, catalogue.pgettext, catalogue.ngettext
    assert one("Kept") == 'Wedi\'i gadw "yn"\n'
    assert one("Fuzzy") == "Fuzzy"
    assert one("Empty") == "Empty"
    assert one("Old") == "Old"
    assert in_context("status", "Set") == "Wedi'i osod"
    assert one("Set") == "Set"
    assert many("%(n)s cat", "%(n)s cats", 1) == "%(n)s gath"
    assert many("%(n)s cat", "%(n)s cats", 3) == "%(n)s cath"


def page(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_a_welsh_page_renders_in_welsh(client):
    soup = page(client.get("/cy/sign-in/"))
    assert soup.html["lang"] == "cy"
    assert soup.h1.get_text(strip=True) == "Mewngofnodi"
    assert soup.title.get_text(strip=True) == "Mewngofnodi – wesaid"
    text = " ".join(soup.get_text(" ").split())
    assert "Mewngofnodwch gyda'ch enw defnyddiwr a'ch cyfrinair." in text
    assert "Enw defnyddiwr" in text and "Cyfrinair" in text
    assert "Neidio i'r prif gynnwys" in text
    # The language names stay in their own language, marked with their own lang.
    assert soup.find("span", attrs={"lang": "cy"}).get_text(strip=True) == "Cymraeg"
    english = soup.find("a", attrs={"lang": "en"})
    assert english.get_text(strip=True) == "English"
    assert english["href"] == "/sign-in/"


def test_the_same_page_in_english(client):
    soup = page(client.get("/sign-in/"))
    assert soup.html["lang"] == "en"
    assert soup.h1.get_text(strip=True) == "Sign in"
    assert soup.find("a", attrs={"lang": "cy"})["href"] == "/cy/sign-in/"


@pytest.mark.django_db
def test_welsh_errors_start_with_gwall(client):
    soup = BeautifulSoup(client.post("/cy/sign-in/", {}).content.decode(), "html.parser")
    assert soup.title.get_text(strip=True).startswith("Gwall: ")
    assert soup.find(class_="govuk-error-summary__title").get_text(strip=True) == (
        "Mae problem wedi codi"
    )
    assert "Rhowch eich enw defnyddiwr" in soup.get_text()
