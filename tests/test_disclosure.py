"""Who sees results, and when: decided by the policy, never by a view.

The attack this closes: someone outside the project team (an organisation admin, say) who sees
"7 answered, Good 6" and then "8 answered, Good 7", while the audit log shows who answered,
knows that person's answer. Outside the team, figures appear only once, frozen when the
check-in closes.
"""

from __future__ import annotations

import re
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from wesaid.checkins.services import checkin_answer, checkin_close
from wesaid.core import policy
from wesaid.core.roles import Role
from wesaid.projects.models import ProjectMember
from wesaid.projects.services import project_member_add

from .conftest import CheckedClient, make_person, sign_in

pytestmark = pytest.mark.django_db


def figures(client, checkin) -> list[str]:
    """Every number and 'hidden' the results page shows, in order."""
    body = client.get(reverse("checkins:results", args=[checkin.pk])).content.decode()
    main = body[body.index('id="main-content"') :]
    return re.findall(r"\b\d+\b|hidden", re.sub(r"<[^>]+>", " ", main))


@pytest.fixture
def eight_members(organisation, project, lead, member):
    people = [member] + [make_person(organisation, Role.MEMBER, f"Member {i}") for i in range(8)]
    for person in people[1:]:
        project_member_add(
            project=project, person=person, group=ProjectMember.Group.LIVED_EXPERIENCE, actor=lead
        )
    return people


def test_watching_the_figures_change_tells_an_outsider_nothing(
    organisation, checkin, eight_members
):
    admin = sign_in(CheckedClient(), make_person(organisation, Role.ORG_ADMIN, "Ada Admin"))
    for person in eight_members[:7]:
        checkin_answer(checkin=checkin, person=person, feeling=4, submission_id=uuid.uuid4())
    before = figures(admin, checkin)
    checkin_answer(checkin=checkin, person=eight_members[7], feeling=1, submission_id=uuid.uuid4())
    after = figures(admin, checkin)
    assert before == after, "an outsider's figures moved when one person answered"
    body = admin.get(reverse("checkins:results", args=[checkin.pk])).content.decode()
    assert "once the check-in has closed" in body


def test_after_closing_an_outsider_sees_one_frozen_release(
    organisation, lead, checkin, eight_members
):
    admin = sign_in(CheckedClient(), make_person(organisation, Role.ORG_ADMIN, "Ada Admin"))
    for person in eight_members[:8]:
        checkin_answer(checkin=checkin, person=person, feeling=5, submission_id=uuid.uuid4())
    checkin_close(checkin=checkin, actor=lead)
    released = figures(admin, checkin)
    assert "8" in released  # 8 very good: shown, it is not a small number
    # Nobody can answer after the close, so the release cannot be differenced either.
    with pytest.raises(ValidationError):
        checkin_answer(
            checkin=checkin, person=eight_members[8], feeling=1, submission_id=uuid.uuid4()
        )
    checkin_close(checkin=checkin, actor=lead)  # closing again changes nothing
    assert figures(admin, checkin) == released


def test_the_team_sees_live_figures_in_full(lead, checkin, eight_members):
    team = sign_in(CheckedClient(), lead)
    checkin_answer(checkin=checkin, person=eight_members[0], feeling=2, submission_id=uuid.uuid4())
    body = team.get(reverse("checkins:results", args=[checkin.pk])).content.decode()
    assert re.search(r">Bad</th>\s*<td[^>]*>1</td>", body)


def test_the_policy_decides_who_is_in_the_team(organisation, project, lead, member):
    manager = make_person(organisation, Role.MANAGER, "Grace Manager")
    assert policy.results_viewer(lead, project).sees_live_results
    assert policy.results_viewer(lead, project).hide_below is None
    outside = policy.results_viewer(manager, project)
    assert not outside.sees_live_results and outside.hide_below == 5
    project_member_add(
        project=project, person=manager, group=ProjectMember.Group.LEADERSHIP, actor=lead
    )
    assert policy.results_viewer(manager, project).sees_live_results


def test_closing_is_asked_for_first_and_audited(client, lead, checkin):
    from wesaid.audit.models import AuditEvent

    sign_in(client, lead)
    page = client.get(reverse("checkins:close", args=[checkin.pk]))
    assert "Close the check-in" in page.content.decode()
    checkin.refresh_from_db()
    assert checkin.is_open
    response = client.post(reverse("checkins:close", args=[checkin.pk]))
    assert response.status_code == 302
    checkin.refresh_from_db()
    assert not checkin.is_open and checkin.released == {"members": 1, "counts": [0, 0, 0, 0, 0]}
    assert AuditEvent.objects.filter(action="checkin.closed", object_id=str(checkin.pk)).exists()
