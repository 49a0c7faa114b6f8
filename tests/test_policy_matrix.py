"""Every URL route, for every role, for their own organisation, another organisation and an
anonymous visitor, checked against the policy table (wesaid/core/policy.py)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from wesaid.checkins.services import checkin_create
from wesaid.core.policy import POLICY, is_allowed
from wesaid.organisations.roles import Role
from wesaid.projects.models import ProjectMember
from wesaid.projects.services import project_create, project_member_add

from .conftest import CheckedClient, make_person, sign_in

pytestmark = pytest.mark.django_db


def all_routes():
    """(name, view) for every named route, following includes."""

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, ns)
            elif isinstance(pattern, URLPattern):
                yield f"{namespace}{pattern.name}", pattern.callback, pattern

    return list(walk(get_resolver().url_patterns))


def kind_of(view) -> str:
    if getattr(view, "wesaid_public", False):
        return "public"
    if getattr(view, "wesaid_signed_in_only", False):
        return "signed_in"
    if getattr(view, "wesaid_action", None):
        return "action"
    return "undeclared"


def test_every_route_declares_its_action_in_the_policy_table():
    undeclared = [name for name, view, _ in all_routes() if kind_of(view) == "undeclared"]
    assert undeclared == [], f"routes with no policy declaration: {undeclared}"
    unknown = [
        (name, view.wesaid_action)
        for name, view, _ in all_routes()
        if kind_of(view) == "action" and view.wesaid_action not in POLICY
    ]
    assert unknown == []


def test_every_policy_entry_is_used_by_a_route():
    used = {view.wesaid_action for _, view, _ in all_routes() if kind_of(view) == "action"}
    assert set(POLICY) - used == set()


@pytest.fixture
def world(organisation, other_organisation):
    """One person per role in each organisation; project A has them all, project B none."""
    people = {role: make_person(organisation, role, f"Own {role.label}") for role in Role}
    outsiders = {
        role: make_person(other_organisation, role, f"Other {role.label}") for role in Role
    }
    lead = people[Role.LEAD]

    def project(name):
        return project_create(
            organisation=organisation,
            actor=lead,
            name=name,
            aims="Aims",
            area="policy",
            starts_on=datetime.date(2026, 1, 1),
        )

    inside, outside = project("Project A"), project("Project B")
    for person in people.values():
        project_member_add(
            project=inside, person=person, group=ProjectMember.Group.LIVED_EXPERIENCE, actor=lead
        )
    objects = {
        "inside": {
            "project_id": inside.pk,
            "checkin_id": checkin_create(project=inside, actor=lead, title="A").pk,
            "person_id": people[Role.MEMBER].pk,
        },
        "outside": {
            "project_id": outside.pk,
            "checkin_id": checkin_create(project=outside, actor=lead, title="B").pk,
            "person_id": people[Role.CARER].pk,
        },
        "targets": {"inside": inside, "outside": outside},
    }
    return people, outsiders, objects


def url_for(name, pattern, kwargs_source):
    kwargs = {}
    for key in pattern.pattern.converters:
        kwargs[key] = kwargs_source.get(key, "not-a-real-token")
    return reverse(name, kwargs=kwargs)


def target_for(pattern, objects, where):
    """The object the view acts on, as the policy sees it."""
    from wesaid.checkins.models import CheckIn
    from wesaid.organisations.models import Person

    converters = pattern.pattern.converters
    if "checkin_id" in converters:
        return CheckIn.objects.get(pk=objects[where]["checkin_id"])
    if "project_id" in converters:
        return objects["targets"][where]
    if "person_id" in converters:
        return Person.objects.get(pk=objects[where]["person_id"])
    return None


def outcome(response) -> str:
    if response.status_code == 403:
        return "denied"
    if response.status_code == 404:
        return "not found"
    if (
        response.status_code == 302
        and "/sign-in/" in response["Location"]
        and "next=" in response["Location"]
    ):
        return "sign in"
    if response.status_code == 302 and response["Location"].startswith(
        reverse("accounts:second_factor")
    ):
        return "second factor"
    assert response.status_code < 500, response
    return "allowed"


@pytest.mark.parametrize("method", ["get", "post"])
def test_each_route_answers_each_visitor_as_the_policy_table_says(world, method):
    people, outsiders, objects = world
    mismatches = []
    for name, view, pattern in all_routes():
        kind = kind_of(view)
        for where in ("inside", "outside"):
            url = url_for(name, pattern, objects[where])
            # Anonymous visitors.
            got = outcome(getattr(CheckedClient(), method)(url))
            expected = "allowed" if kind == "public" else "sign in"
            if got != expected:
                mismatches.append((url, method, "anonymous", expected, got))
            if kind != "action":
                continue
            target = target_for(pattern, objects, where)
            for role in Role:
                person = people[role]
                expected = "allowed" if is_allowed(person, view.wesaid_action, target) else "denied"
                client = sign_in(CheckedClient(), person)
                got = outcome(getattr(client, method)(url))
                if got != expected:
                    mismatches.append((url, method, role.value, expected, got))
                # Someone with the same role in another organisation never reaches these objects.
                if target is not None:
                    client = sign_in(CheckedClient(), outsiders[role])
                    got = outcome(getattr(client, method)(url))
                    if got not in {"not found"}:
                        mismatches.append((url, method, f"other-{role.value}", "not found", got))
    assert mismatches == []


# The table's meaning, spelled out independently of the table, for the decisions that matter most.
EXPECTED = [
    (Role.MEMBER, "project.create", False),
    (Role.CARER, "person.list", False),
    (Role.FACILITATOR, "person.create", True),
    (Role.LEAD, "project.create", True),
    (Role.MANAGER, "project.create", False),
    (Role.MANAGER, "checkin.results", True),
    (Role.EVALUATOR, "audit.view", False),
    (Role.ORG_ADMIN, "audit.view", True),
    (Role.ORG_ADMIN, "person.roles.change", True),
    (Role.LEAD, "person.roles.change", False),
    (Role.PRACTITIONER, "checkin.results", False),
    (Role.SAFEGUARDING, "checkin.results", False),
]


@pytest.mark.parametrize(("role", "action", "allowed"), EXPECTED)
def test_the_table_gives_the_agreed_answer(organisation, role, action, allowed):
    person = make_person(organisation, role)
    assert is_allowed(person, action) is allowed


def test_members_see_only_projects_they_are_in(world):
    people, _, objects = world
    member = people[Role.MEMBER]
    assert is_allowed(member, "project.view", objects["targets"]["inside"]) is True
    assert is_allowed(member, "project.view", objects["targets"]["outside"]) is False
    assert is_allowed(people[Role.MANAGER], "project.view", objects["targets"]["outside"]) is True


def test_staff_who_have_not_passed_the_second_factor_are_sent_to_it(client, lead):
    client.force_login(lead.user, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(reverse("projects:list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:second_factor")
