"""Every URL route, for every role, for their own organisation, another organisation and an
anonymous visitor, checked against the policy table (wesaid/core/policy.py)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from wesaid.checkins.services import checkin_create
from wesaid.consensus.services import candidate_add, round_open, study_create
from wesaid.core.loaders import LOADERS
from wesaid.core.policy import POLICY, is_allowed, project_of
from wesaid.core.roles import Role
from wesaid.measures.services import shipped_measure_add
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


TABLE_FILE = Path(__file__).with_name("policy_table.txt")


def agreed_table() -> dict[str, dict[str, str]]:
    """The checked-in role x action table: {action: {role: "yes" | "no" | "own"}}."""
    rows = [
        line.split()
        for line in TABLE_FILE.read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    header, *body = rows
    assert header[0] == "action"
    roles = header[1:]
    return {row[0]: dict(zip(roles, row[1:], strict=True)) for row in body}


TABLE = agreed_table()


def test_the_agreed_table_covers_every_action_and_role():
    assert set(TABLE) == set(POLICY), "add the action to tests/policy_table.txt, then review it"
    for action, answers in TABLE.items():
        assert set(answers) == {role.value for role in Role}, action
        assert set(answers.values()) <= {"yes", "no", "own"}, action


@pytest.mark.parametrize("action", sorted(POLICY))
def test_the_policy_gives_the_agreed_answer_for_each_role_with_no_object(organisation, action):
    for role in Role:
        person = make_person(organisation, role)
        agreed = TABLE[action][role.value]
        assert is_allowed(person, action) is (agreed != "no"), (action, role)


def _make_objects(url_arg, *, inside, outside, people, lead):
    """An object for a registered URL argument in project A (everyone is a member) and in
    project B (nobody is). A new loader needs a case here, or the world fixture fails."""
    if url_arg == "project_id":
        return inside, outside
    if url_arg == "checkin_id":
        return (
            checkin_create(project=inside, actor=lead, title="A"),
            checkin_create(project=outside, actor=lead, title="B"),
        )
    if url_arg == "instrument_id":
        # Measures belong to the organisation, not a project: both are the visitors' own.
        return (
            shipped_measure_add(
                organisation=lead.organisation, key="feeling-confident", actor=lead
            ),
            shipped_measure_add(
                organisation=lead.organisation, key="friends-and-family-test", actor=lead
            ),
        )
    if url_arg in ("study_id", "candidate_id", "round_id"):
        made = []
        for project in (inside, outside):
            study = study_create(project=project, actor=lead, title="Outcomes")
            candidate = candidate_add(
                study=study,
                actor=lead,
                name="Feeling listened to",
                name_cy="Teimlo bod pobl yn gwrando",
                easy_read="People listen to me",
                easy_read_cy="Mae pobl yn gwrando arna i",
            )
            today = datetime.date.today()
            round_ = round_open(study=study, actor=lead, opens_on=today, closes_on=today)
            made.append({"study_id": study, "candidate_id": candidate, "round_id": round_}[url_arg])
        return tuple(made)
    if url_arg == "person_id":
        # Not one of the visitors: a route may change the person it acts on (a leaver).
        organisation = lead.organisation
        return (
            make_person(organisation, Role.MEMBER, "Member acted on"),
            make_person(organisation, Role.CARER, "Carer acted on"),
        )
    return None


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
    objects: dict[str, dict] = {"inside": {}, "outside": {}}
    for url_arg in LOADERS:
        made = _make_objects(url_arg, inside=inside, outside=outside, people=people, lead=lead)
        assert made is not None, f"tests/test_policy_matrix.py makes no object for {url_arg!r}"
        objects["inside"][url_arg], objects["outside"][url_arg] = made
    # Public addresses of an organisation's notices name it by its slug, not through a loader:
    # anyone may read any organisation's published notice.
    objects["inside"]["organisation_slug"] = organisation
    objects["outside"]["organisation_slug"] = other_organisation
    return people, outsiders, objects


def test_every_url_argument_of_every_route_has_a_registered_loader():
    missing = [
        (name, key)
        for name, view, pattern in all_routes()
        for key in pattern.pattern.converters
        if kind_of(view) == "action" and key not in LOADERS
    ]
    assert missing == [], "register a loader (core/loaders.py) for these URL arguments"


def url_for(name, pattern, objects):
    return reverse(
        name,
        kwargs={
            key: objects[key].slug if key.endswith("_slug") else objects[key].pk
            for key in pattern.pattern.converters
        },
    )


def target_for(pattern, objects):
    keys = list(pattern.pattern.converters)
    return objects[keys[0]] if keys else None


def expected_for(action: str, role: Role, target, where: str) -> str:
    agreed = TABLE[action][role.value]
    if agreed == "yes":
        return "allowed"
    if agreed == "no":
        return "denied"
    # "own": on no object, allowed; on an object, only in project A, the one they are in.
    if target is None:
        return "allowed"
    in_a_project = project_of(target) is not None
    return "allowed" if in_a_project and where == "inside" else "denied"


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


ROUTES = [(name, pattern) for name, _, pattern in all_routes()]


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize(("name", "pattern"), ROUTES, ids=[name for name, _ in ROUTES])
def test_the_route_answers_each_visitor_as_the_agreed_table_says(world, name, pattern, method):
    people, outsiders, objects = world
    view = pattern.callback
    kind = kind_of(view)
    mismatches = []
    for where in ("inside", "outside"):
        url = url_for(name, pattern, objects[where])
        got = outcome(getattr(CheckedClient(), method)(url))
        expected = "allowed" if kind == "public" else "sign in"
        if got != expected:
            mismatches.append((url, method, "anonymous", expected, got))
        if kind == "action":
            target = target_for(pattern, objects[where])
            for role in Role:
                expected = expected_for(view.wesaid_action, role, target, where)
                got = outcome(getattr(sign_in(CheckedClient(), people[role]), method)(url))
                if got != expected:
                    mismatches.append((url, method, role.value, expected, got))
                # The same role in another organisation never reaches these objects.
                if target is not None:
                    client = sign_in(CheckedClient(), outsiders[role])
                    got = outcome(getattr(client, method)(url))
                    if got != "not found":
                        mismatches.append((url, method, f"other-{role.value}", "not found", got))
        if not pattern.pattern.converters:
            break  # a route with no object is the same inside and outside
    assert mismatches == []


def test_members_see_only_projects_they_are_in(world):
    people, _, objects = world
    member = people[Role.MEMBER]
    assert is_allowed(member, "project.view", objects["inside"]["project_id"]) is True
    assert is_allowed(member, "project.view", objects["outside"]["project_id"]) is False
    assert is_allowed(people[Role.MANAGER], "project.view", objects["outside"]["project_id"])


def test_staff_who_have_not_passed_the_second_factor_are_sent_to_it(client, lead):
    client.force_login(lead.user, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(reverse("projects:list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:second_factor")


def test_organisers_who_cannot_change_roles_add_only_members_and_carers(organisation):
    """Adding someone with a role is giving them that role: a facilitator must not make an admin."""
    from wesaid.organisations.models import Person

    facilitator = make_person(organisation, Role.FACILITATOR, "Facilitator")
    client = sign_in(CheckedClient(), facilitator)
    page = client.get(reverse("organisations:person_add")).content.decode()
    assert 'value="member"' in page and 'value="carer"' in page
    assert 'value="org_admin"' not in page and 'value="facilitator"' not in page
    response = client.post(
        reverse("organisations:person_add"),
        {"display_name": "Made Up Admin", "roles": ["org_admin"], "preferred_language": "en"},
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert not Person.objects.filter(display_name="Made Up Admin").exists()

    admin = sign_in(CheckedClient(), make_person(organisation, Role.ORG_ADMIN, "Admin"))
    assert 'value="org_admin"' in admin.get(reverse("organisations:person_add")).content.decode()


def test_only_those_who_may_give_a_role_can_print_a_card_that_opens_it(organisation):
    """Whoever prints a card can sign in with it, so a facilitator prints none for staff."""
    from wesaid.accounts.models import SignInCode

    facilitator = make_person(organisation, Role.FACILITATOR, "Facilitator")
    new_admin = make_person(organisation, Role.ORG_ADMIN, "New Admin", password=None)
    member = make_person(organisation, Role.MEMBER, "Member")
    client = sign_in(CheckedClient(), facilitator)
    card = reverse("accounts:sign_in_card", args=[new_admin.pk])
    assert client.get(card).status_code == 403
    assert client.post(card).status_code == 403
    assert not SignInCode.objects.filter(person=new_admin).exists()
    assert (
        "Make a sign-in card"
        not in client.get(reverse("organisations:person", args=[new_admin.pk])).content.decode()
    )
    assert (
        "Make a sign-in card"
        in client.get(reverse("organisations:person", args=[member.pk])).content.decode()
    )
    assert client.post(reverse("accounts:sign_in_card", args=[member.pk])).status_code == 200

    admin = sign_in(CheckedClient(), make_person(organisation, Role.ORG_ADMIN, "Admin"))
    assert admin.post(card).status_code == 200


def test_a_person_from_another_organisation_cannot_be_added_to_a_project(
    organisation, other_organisation, project, lead
):
    outsider = make_person(other_organisation, Role.MEMBER, "Outsider")
    client = sign_in(CheckedClient(), lead)
    response = client.post(
        reverse("projects:member_add", args=[project.pk]),
        {"person": outsider.pk, "group": "lived_experience"},
    )
    assert response.status_code == 200
    assert "Choose a person from the list" in response.content.decode()
    assert not project.members.filter(person=outsider).exists()
