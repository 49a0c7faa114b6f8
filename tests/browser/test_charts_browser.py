"""The check-in results page with its chart, in real Chromium: axe-core finds nothing, nothing
scrolls sideways at 320 px, and the chart's text stays readable there (see conftest.check)."""

from __future__ import annotations

import uuid

import pytest

from wesaid.checkins.services import checkin_answer, checkin_close
from wesaid.core.roles import Role
from wesaid.projects.models import ProjectMember
from wesaid.projects.services import project_member_add

from ..conftest import make_person
from .conftest import visit
from .test_pages_browser import signed_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


def chart_at_320(page) -> dict:
    page.set_viewport_size({"width": 320, "height": 640})
    return page.evaluate(
        """() => {
            const svg = document.querySelector('svg.wesaid-chart__svg');
            const box = svg.getBoundingClientRect();
            const sizes = [...svg.querySelectorAll('text')]
                .map((t) => t.getBoundingClientRect().height);
            return {left: box.left, right: box.right, smallest: Math.min(...sizes),
                    name: svg.getAttribute('aria-labelledby').split(' ')
                        .map((id) => document.getElementById(id).textContent).join(' ')};
        }"""
    )


def test_the_results_chart_passes_axe_and_fits_a_phone(
    new_page, live_server, organisation, project, lead, member, checkin
):
    people = [member] + [make_person(organisation, Role.MEMBER, f"Member {i}") for i in range(7)]
    for person in people[1:]:
        project_member_add(
            project=project, person=person, group=ProjectMember.Group.LIVED_EXPERIENCE, actor=lead
        )
    for person, feeling in zip(people, [5, 5, 5, 5, 5, 4, 2, 4], strict=True):
        checkin_answer(checkin=checkin, person=person, feeling=feeling, submission_id=uuid.uuid4())

    team = signed_in(new_page, live_server, lead)
    for path in (f"/check-ins/{checkin.pk}/results/", f"/cy/check-ins/{checkin.pk}/results/"):
        visit(team, path)  # axe-core, and no sideways scrolling at 320 px
        drawn = chart_at_320(team)
        assert drawn["left"] >= 0 and drawn["right"] <= 320, drawn
        assert drawn["smallest"] >= 12, f"chart text is {drawn['smallest']}px tall at 320 px"
    assert drawn["name"].startswith("Sut atebodd pobl")

    # Outside the team, once closed: small numbers hidden, and the page still passes.
    checkin_close(checkin=checkin, actor=lead)
    outsider = signed_in(new_page, live_server, make_person(organisation, Role.MANAGER, "Grace"))
    visit(outsider, f"/check-ins/{checkin.pk}/results/")
    assert outsider.locator("svg.wesaid-chart__svg rect.wesaid-chart__segment").count() == 1
