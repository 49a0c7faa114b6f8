"""The register of personal data: the system check, entries that contradict themselves, and
the data map generated from it."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import models
from django.test.utils import isolate_apps

from wesaid.checkins.models import CheckInAnswer
from wesaid.core.personal_data import (
    REGISTER,
    Basis,
    Erasure,
    Link,
    PersonalData,
    RegisterError,
    Retention,
    register,
    register_problems,
)
from wesaid.organisations.models import Person


def entry(**overrides) -> PersonalData:
    values = {
        "model_label": "projects.Example",
        "links": {"person": Link.ABOUT},
        "fields": ("note",),
        "purpose": "a test",
        "basis": Basis.PUBLIC_TASK,
        "retention": Retention.ANSWERS,
        "on_erasure": Erasure.DELETE,
        "seen_by": "nobody",
    }
    values.update(overrides)
    return PersonalData(**values)


@isolate_apps("wesaid.projects")
def test_the_check_fails_for_a_model_that_links_to_a_person_but_is_not_registered():
    class Forgotten(models.Model):
        person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")

        class Meta:
            app_label = "projects"

    problems = register_problems([Forgotten])
    assert [p.id for p in problems] == ["wesaid.E002"]
    assert "projects.Forgotten" in problems[0].msg and "person" in problems[0].msg


@isolate_apps("wesaid.projects")
def test_the_check_fails_for_a_model_that_links_to_a_row_about_a_person():
    # A child of an answer is as personal as the answer: the link is followed one step.
    class Comment(models.Model):
        answer = models.ForeignKey(CheckInAnswer, on_delete=models.CASCADE, related_name="+")

        class Meta:
            app_label = "projects"

    assert [p.id for p in register_problems([Comment])] == ["wesaid.E002"]


@isolate_apps("wesaid.projects")
def test_a_model_with_no_link_to_a_person_needs_no_entry():
    class Colour(models.Model):
        name = models.CharField(max_length=10)

        class Meta:
            app_label = "projects"

    assert register_problems([Colour]) == []


def test_an_entry_must_name_fields_the_model_has_and_list_every_link():
    model = apps.get_model("checkins.CheckInAnswer")
    saved = REGISTER["checkins.CheckInAnswer"]
    try:
        REGISTER["checkins.CheckInAnswer"] = entry(
            model_label="checkins.CheckInAnswer", links={}, lookup=("email", "x"), fields=("mood",)
        )
        problems = register_problems([model])
        assert [p.id for p in problems] == ["wesaid.E003"]
        assert "mood" in problems[0].msg and "person" in problems[0].msg
    finally:
        REGISTER["checkins.CheckInAnswer"] = saved


@pytest.mark.parametrize(
    ("overrides", "words"),
    [
        ({"special_category": ("other",)}, "special category fields must also be listed"),
        ({"special_category": ("note",)}, "needs an Article 9 condition"),
        ({"on_erasure": Erasure.KEEP}, "needs a reason"),
        ({"on_erasure": Erasure.ANONYMISE, "reason": "why"}, "anonymise needs the fields"),
        ({"links": {}}, "needs links to a person"),
    ],
)
def test_an_entry_that_contradicts_itself_is_refused(overrides, words):
    with pytest.raises(RegisterError, match=words):
        register(entry(**overrides))
    assert "projects.Example" not in REGISTER


def test_every_model_passes_the_check_today():
    assert register_problems(apps.get_models()) == []


def test_every_model_that_holds_answers_or_contact_details_is_in_the_register():
    # Written by hand: the models we know hold personal data today.
    for label in (
        "organisations.Person",
        "organisations.Membership",
        "accounts.User",
        "accounts.SignInCode",
        "accounts.SignInLink",
        "projects.ProjectMember",
        "checkins.CheckInAnswer",
        "audit.AuditEvent",
        "otp_totp.TOTPDevice",
        "otp_static.StaticDevice",
        "otp_static.StaticToken",
        "axes.AccessAttempt",
        "axes.AccessLog",
        "axes.AccessFailureLog",
        "sessions.Session",
        "django_tasks_database.DBTaskResult",
    ):
        assert label in REGISTER, label


def test_the_data_map_in_docs_matches_the_register():
    call_command("datamap", "--check")


def test_the_data_map_check_fails_when_the_file_differs(tmp_path):
    stale = tmp_path / "data-map.md"
    stale.write_text("# Data map\n\nOld.\n", encoding="utf-8")
    with pytest.raises(CommandError, match="does not match"):
        call_command("datamap", "--check", "--path", str(stale))
    call_command("datamap", "--path", str(stale))
    call_command("datamap", "--check", "--path", str(stale))
    text = stale.read_text(encoding="utf-8")
    assert "### Answers to check-ins (`checkins.CheckInAnswer`)" in text
    assert "`feeling` (How it felt)" in text
    assert "`feeling`: health or social care (Article 9(2)(h))" in text
