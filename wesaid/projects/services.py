"""Writes for projects and their members."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wesaid.audit.actions import Action
from wesaid.audit.services import create_audited, record, update_audited
from wesaid.organisations.models import Organisation, Person

from .models import Project, ProjectMember

PROJECT_FIELDS = ("name", "aims", "area", "starts_on", "ends_on", "status")


@transaction.atomic
def project_create(
    *,
    organisation: Organisation,
    actor: Person,
    name: str,
    aims: str,
    area: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    status: str = Project.Status.PLANNING,
) -> Project:
    project = Project(
        organisation=organisation,
        name=name,
        aims=aims,
        area=area,
        starts_on=starts_on,
        ends_on=ends_on,
        status=status,
    )
    return create_audited(
        project, action=Action.PROJECT_CREATED, actor=actor, fields=PROJECT_FIELDS
    )


@transaction.atomic
def project_update(
    *,
    project: Project,
    actor: Person,
    name: str,
    aims: str,
    area: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None,
    status: str,
) -> Project:
    values = {
        "name": name,
        "aims": aims,
        "area": area,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "status": status,
    }
    return update_audited(
        project, action=Action.PROJECT_UPDATED, actor=actor, fields=PROJECT_FIELDS, values=values
    )


@transaction.atomic
def project_member_add(
    *, project: Project, person: Person, group: str, actor: Person
) -> ProjectMember:
    if person.organisation_id != project.organisation_id:
        raise ValidationError(_("That person is not in this organisation."))
    if ProjectMember.objects.filter(project=project, person=person).exists():
        raise ValidationError(
            {"person": _("%(name)s is already in this project.") % {"name": person.display_name}}
        )
    member = ProjectMember(
        organisation=project.organisation, project=project, person=person, group=group
    )
    member.full_clean()
    member.save()
    record(
        action=Action.PROJECT_MEMBER_ADDED,
        actor=actor,
        obj=member,
        changes={"group": "changed", "person": "changed"},
    )
    return member
