"""A project with people in each stakeholder group, and a choice of outcomes ready to rate."""

from __future__ import annotations

import datetime

from wesaid.consensus.services import candidate_add, round_close, round_open, study_create
from wesaid.core.roles import Role
from wesaid.projects.models import ProjectMember
from wesaid.projects.services import project_member_add

from ..conftest import make_person

Group = ProjectMember.Group
TODAY = datetime.date.today()


def people(project, lead, group, n, role=Role.MEMBER, name="Person"):
    made = []
    for i in range(n):
        person = make_person(project.organisation, role, f"{name} {group} {i + 1}")
        project_member_add(project=project, person=person, group=group, actor=lead)
        made.append(person)
    return made


def study_with(project, lead, names=("Feeling listened to", "Knowing where to get help"), **kw):
    study = study_create(project=project, actor=lead, title="What matters to us", **kw)
    outcomes = [
        candidate_add(
            study=study,
            actor=lead,
            name=name,
            name_cy=f"{name} (cy)",
            easy_read=f"{name}, easy",
            easy_read_cy=f"{name}, hawdd",
        )
        for name in names
    ]
    return study, outcomes


def open_round(study, lead, closes_on=None):
    return round_open(study=study, actor=lead, opens_on=TODAY, closes_on=closes_on or TODAY)


def close(round_, lead):
    return round_close(round_=round_, actor=lead)
