"""Reads about projects that more than one caller needs."""

from __future__ import annotations

from wesaid.organisations.roles import Role

from .models import Project


def projects_visible_to(person):
    """Every project in the organisation for oversight roles; otherwise the person's own."""
    from wesaid.core.policy import sees_all_projects

    projects = Project.objects.in_organisation(person.organisation)
    if sees_all_projects(person):
        return projects
    return projects.filter(members__person=person).distinct()


def in_project_team(project: Project, person) -> bool:
    """Members of the project, and co-production leads, who run projects, are its team.

    Figures shown to anyone else hide small groups (settings.WESAID_SMALL_NUMBER_THRESHOLD).
    """
    return Role.LEAD in person.roles or project.members.filter(person=person).exists()
