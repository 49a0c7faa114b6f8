"""The objects check-ins' routes name by URL argument (see core/loaders.py)."""

from wesaid.core.loaders import register

register("checkin_id", "checkins.CheckIn", select_related=("project",))
