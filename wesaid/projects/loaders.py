"""The objects projects' routes name by URL argument (see core/loaders.py)."""

from wesaid.core.loaders import register

register("project_id", "projects.Project")
