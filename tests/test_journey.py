"""The walking skeleton through HTTP: a lead sets up a project and a check-in, a member answers
with a printed code, the lead sees the spread. The browser version is tests/browser/."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from wesaid.audit.models import AuditEvent
from wesaid.checkins.models import CheckIn, CheckInAnswer
from wesaid.core.roles import Role
from wesaid.organisations.models import Person
from wesaid.projects.models import Project

from .conftest import CheckedClient, sign_in

pytestmark = pytest.mark.django_db


def test_the_whole_journey_works_end_to_end(client, organisation, lead):
    sign_in(client, lead)
    response = client.post(
        reverse("projects:create"),
        {
            "name": "Mental health redesign",
            "aims": "Decide together how the crisis service works.",
            "area": "service_design",
            "starts_on_day": "15",
            "starts_on_month": "6",
            "starts_on_year": "2026",
            "status": "active",
        },
    )
    project = Project.objects.get(name="Mental health redesign")
    assert response.status_code == 302
    assert response["Location"] == reverse("projects:detail", args=[project.pk])

    names = ["Amira Hassan", "Dafydd Price", "Joy Mensah"]
    for name in names:
        response = client.post(
            reverse("organisations:person_add"),
            {"display_name": name, "roles": [Role.MEMBER], "preferred_language": "en"},
        )
        assert response.status_code == 302
        person = Person.objects.get(display_name=name)
        response = client.post(
            reverse("projects:member_add", args=[project.pk]),
            {"person": person.pk, "group": "lived_experience"},
        )
        assert response.status_code == 302
    assert project.members.count() == 3

    response = client.post(reverse("checkins:create", args=[project.pk]), {"title": "Session 1"})
    checkin = CheckIn.objects.get(project=project)
    assert response["Location"] == reverse("checkins:results", args=[checkin.pk])

    amira = Person.objects.get(display_name="Amira Hassan")
    card = client.post(reverse("accounts:sign_in_card", args=[amira.pk]))
    code = re.search(r'class="wesaid-code">([A-Z0-9-]+)<', card.content.decode()).group(1)

    member_client = CheckedClient()
    response = member_client.post(
        reverse("accounts:sign_in_code"), {"code": code.lower().replace("-", " ")}
    )
    assert response.status_code == 302
    home = member_client.get(reverse("site:dashboard"))
    assert "How did today&#x27;s session feel?" in home.content.decode()

    page = member_client.get(reverse("checkins:answer", args=[checkin.pk]))
    submission_id = re.search(
        r'name="submission_id" value="([0-9a-f-]+)"', page.content.decode()
    ).group(1)
    for _ in range(2):  # a double click sends the same form twice
        response = member_client.post(
            reverse("checkins:answer", args=[checkin.pk]),
            {"feeling": "4", "submission_id": submission_id},
        )
        assert response["Location"] == reverse("checkins:thanks", args=[checkin.pk])
    assert CheckInAnswer.objects.filter(checkin=checkin).count() == 1

    results = client.get(reverse("checkins:results", args=[checkin.pk])).content.decode()
    assert "1 of 3 members have answered." in results
    good_row = re.search(r"Good</th>\s*<td[^>]*>(\d+)</td>", results)
    assert good_row.group(1) == "1"
    assert AuditEvent.objects.filter(action="checkin.answered", actor=amira).count() == 1


def test_a_used_code_does_not_work_twice(client, organisation, lead, member):
    from wesaid.accounts.services import sign_in_code_issue

    code = sign_in_code_issue(person=member, actor=lead)
    assert client.post(reverse("accounts:sign_in_code"), {"code": code}).status_code == 302
    other = CheckedClient()
    response = other.post(reverse("accounts:sign_in_code"), {"code": code})
    assert response.status_code == 200
    assert "That code does not work" in response.content.decode()
    assert "_auth_user_id" not in other.session


def test_a_tampered_code_gives_a_clear_message_and_no_access(client, lead, member):
    from wesaid.accounts.services import sign_in_code_issue

    code = sign_in_code_issue(person=member, actor=lead)
    tampered = code[:-1] + ("A" if code[-1] != "A" else "B")
    response = client.post(reverse("accounts:sign_in_code"), {"code": tampered})
    body = response.content.decode()
    assert 'class="govuk-error-summary"' in body
    assert 'href="#id_code"' in body
    assert client.get(reverse("site:dashboard")).status_code == 302


def test_people_outside_the_team_see_small_groups_hidden(
    client, organisation, lead, project, checkin, member
):
    import uuid

    from wesaid.checkins.services import checkin_answer, checkin_close
    from wesaid.projects.models import ProjectMember
    from wesaid.projects.services import project_member_add

    from .conftest import make_person

    others = [make_person(organisation, Role.MEMBER, f"Member {i}") for i in range(7)]
    for person in others:
        project_member_add(
            project=project, person=person, group=ProjectMember.Group.LIVED_EXPERIENCE, actor=lead
        )
    feelings = [5, 5, 5, 5, 5, 4, 2, 4]  # 5 said very good, 2 good, 1 bad
    for person, feeling in zip([member, *others], feelings, strict=True):
        checkin_answer(checkin=checkin, person=person, feeling=feeling, submission_id=uuid.uuid4())

    checkin_close(checkin=checkin, actor=lead)  # outside the team, figures appear on closing
    manager = make_person(organisation, Role.MANAGER, "Grace Manager")  # not in the project
    sign_in(client, manager)
    body = client.get(reverse("checkins:results", args=[checkin.pk])).content.decode()
    assert re.search(r"Very good</th>\s*<td[^>]*>5</td>", body)
    assert not re.search(r">Good</th>\s*<td[^>]*>2</td>", body)
    assert not re.search(r">Bad</th>\s*<td[^>]*>1</td>", body)
    # Two small cells are hidden together, so neither can be worked out from the total.
    assert "8 of 8 members have answered." in body
    assert "numbers for groups of fewer than 5 people are hidden" in body

    facilitator = make_person(organisation, Role.FACILITATOR, "Tom Facilitator")
    project_member_add(
        project=project, person=facilitator, group=ProjectMember.Group.PRACTITIONER, actor=lead
    )
    for insider in (lead, facilitator):  # the co-production lead, and a member of the project
        team = sign_in(CheckedClient(), insider)
        body = team.get(reverse("checkins:results", args=[checkin.pk])).content.decode()
        assert re.search(r">Good</th>\s*<td[^>]*>2</td>", body)
        assert re.search(r">Bad</th>\s*<td[^>]*>1</td>", body)


def test_a_small_project_gives_nothing_away_outside_the_team(
    client, organisation, lead, project, checkin, member
):
    """Two members, two answers: anyone can count the members, so every count must stay hidden."""
    import uuid

    from wesaid.checkins.services import checkin_answer, checkin_close
    from wesaid.projects.models import ProjectMember
    from wesaid.projects.services import project_member_add

    from .conftest import make_person

    second = make_person(organisation, Role.CARER, "Joy Carer")
    project_member_add(project=project, person=second, group=ProjectMember.Group.CARER, actor=lead)
    checkin_answer(checkin=checkin, person=member, feeling=1, submission_id=uuid.uuid4())
    checkin_answer(checkin=checkin, person=second, feeling=4, submission_id=uuid.uuid4())
    checkin_close(checkin=checkin, actor=lead)
    sign_in(client, make_person(organisation, Role.MANAGER, "Grace Manager"))
    body = client.get(reverse("checkins:results", args=[checkin.pk])).content.decode()
    shown = re.findall(
        r'</th>\s*<td class="govuk-table__cell govuk-table__cell--numeric">([^<]+)</td>', body
    )
    assert shown == ["hidden"] * 5
    assert "How many people answered is hidden" in body
    assert "2 members" not in body and "of 2" not in body
