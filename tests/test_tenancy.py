"""Tenancy as structure: the abstract base, its one scope, rows that cannot cross
organisations, the system check, and the loader registry."""

from __future__ import annotations

import uuid

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import models
from django.http import Http404
from django.test.utils import isolate_apps

from wesaid.checkins.models import CheckIn, CheckInAnswer, Feeling
from wesaid.core import loaders
from wesaid.core.roles import Role
from wesaid.core.tenancy import GLOBAL, CrossOrganisationError, OrganisationOwned, tenancy_problems
from wesaid.organisations.models import Person
from wesaid.projects.models import ProjectMember

from .conftest import make_person

pytestmark = pytest.mark.django_db


@isolate_apps("wesaid.projects")
def test_the_check_fails_for_a_model_that_is_neither_owned_nor_marked_global():
    class Forgotten(models.Model):
        name = models.CharField(max_length=10)

        class Meta:
            app_label = "projects"

    Forgotten.__module__ = "wesaid.projects.models"
    problems = tenancy_problems([Forgotten])
    assert [p.id for p in problems] == ["wesaid.E001"]
    assert "projects.Forgotten" in problems[0].msg


@isolate_apps("wesaid.projects")
def test_the_check_accepts_owned_models_and_global_ones_that_say_why():
    class Owned(OrganisationOwned):
        class Meta:
            app_label = "projects"

    class Shared(models.Model):
        TENANCY = GLOBAL
        TENANCY_REASON = "a list of languages every organisation shares"

        class Meta:
            app_label = "projects"

    class NoReason(models.Model):
        TENANCY = GLOBAL

        class Meta:
            app_label = "projects"

    for model in (Owned, Shared, NoReason):
        model.__module__ = "wesaid.projects.models"
    assert [p.obj for p in tenancy_problems([Owned, Shared, NoReason])] == [NoReason]


def test_every_wesaid_model_passes_the_check_today():
    call_command("check", "--fail-level", "ERROR", verbosity=0)


def test_the_check_runs_with_django_check(monkeypatch):
    """The registered check really is one of Django's checks (so `wesaid check` fails)."""
    import wesaid.core.tenancy as tenancy

    monkeypatch.setattr(tenancy, "is_wesaid_model", lambda model: True)
    with pytest.raises(SystemCheckError, match="wesaid.E001"):
        # Django's own models (sessions, ...) are neither: counted as ours, they fail.
        call_command("check", verbosity=0)


def test_one_scope_for_every_owned_model(organisation, other_organisation, lead):
    make_person(other_organisation, Role.MEMBER, "Elsewhere")
    assert set(Person.objects.in_organisation(organisation)) == {lead}


def test_a_child_takes_its_parents_organisation(project, lead):
    checkin = CheckIn(project=project, title="Session 2", created_by=lead)
    checkin.save()
    assert checkin.organisation_id == project.organisation_id


def test_a_check_in_cannot_be_given_another_organisation(project, other_organisation):
    with pytest.raises(CrossOrganisationError):
        CheckIn(project=project, organisation=other_organisation, title="Wrong").save()
    assert not CheckIn.objects.filter(title="Wrong").exists()


def test_an_answer_cannot_come_from_someone_in_another_organisation(checkin, other_organisation):
    outsider = make_person(other_organisation, Role.MEMBER, "Outsider")
    answer = CheckInAnswer(
        checkin=checkin, person=outsider, feeling=Feeling.GOOD, submission_id=uuid.uuid4()
    )
    with pytest.raises(CrossOrganisationError):
        answer.save()
    with pytest.raises(CrossOrganisationError):
        CheckInAnswer.objects.bulk_create([answer])
    assert not CheckInAnswer.objects.filter(person=outsider).exists()


def test_a_project_place_cannot_join_two_organisations(project, other_organisation):
    outsider = make_person(other_organisation, Role.MEMBER, "Outsider")
    with pytest.raises(CrossOrganisationError):
        ProjectMember(project=project, person=outsider, group="carer").save()


def test_a_check_in_cannot_name_a_creator_from_another_organisation(project, other_organisation):
    outsider = make_person(other_organisation, Role.LEAD, "Other lead")
    with pytest.raises(CrossOrganisationError):
        CheckIn(project=project, title="Made elsewhere", created_by=outsider).save()


def test_a_loader_finds_only_the_viewers_organisation(project, other_organisation):
    loader = loaders.LOADERS["project_id"]
    assert loader.load(project.organisation, project.pk) == project
    with pytest.raises(Http404):
        loader.load(other_organisation, project.pk)


def test_a_route_with_an_unregistered_url_argument_fails_loudly():
    with pytest.raises(loaders.UnknownUrlArgument, match="survey_id"):
        loaders.loader_for({"survey_id": 3})


def test_a_url_argument_cannot_be_registered_for_two_models():
    with pytest.raises(ValueError, match="already loads"):
        loaders.register("project_id", "checkins.CheckIn")
