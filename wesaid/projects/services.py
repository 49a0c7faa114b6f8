"""Writes for projects and their members."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wesaid.audit.services import changes_between, record, snapshot

from .models import Project, ProjectMember

PROJECT_FIELDS = ("name", "aims", "area", "starts_on", "ends_on", "status")


@transaction.atomic
def project_create(
    *,
    organisation,
    actor,
    name: str,
    aims: str,
    area: str,
    starts_on,
    ends_on=None,
    status=Project.Status.PLANNING,
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
    project.full_clean()
    project.save()
    record(
        action="project.created",
        actor=actor,
        obj=project,
        changes=changes_between(dict.fromkeys(PROJECT_FIELDS), project, created=True),
    )
    return project


@transaction.atomic
def project_update(*, project: Project, actor, **fields) -> Project:
    before = snapshot(project, PROJECT_FIELDS)
    for name, value in fields.items():
        if name not in PROJECT_FIELDS:
            raise ValueError(f"{name} cannot be changed here")
        setattr(project, name, value)
    project.full_clean()
    project.save()
    changes = changes_between(before, project)
    if changes:
        record(action="project.updated", actor=actor, obj=project, changes=changes)
    return project


@transaction.atomic
def project_member_add(*, project: Project, person, group: str, actor) -> ProjectMember:
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
        action="project.member.added",
        actor=actor,
        obj=member,
        changes={"group": "changed", "person": "changed"},
    )
    return member
