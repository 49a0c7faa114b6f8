"""The objects people's routes name by URL argument (see core/loaders.py)."""

from wesaid.core.loaders import register

register("person_id", "organisations.Person")
