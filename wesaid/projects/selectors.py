"""Reads about projects that more than one caller needs."""

from __future__ import annotations

from wesaid.core.policy import sees_all_projects

from .models import Project


def projects_visible_to(person):
    """Every project in the organisation for oversight roles; otherwise the person's own."""
    projects = Project.objects.in_organisation(person.organisation)
    if sees_all_projects(person):
        return projects
    return projects.filter(members__person=person).distinct()
