"""The objects outcomes' routes name by URL argument (see core/loaders.py).

A library outcome is shared: every organisation loads the same row. An organisation's own
outcome is found only inside that organisation, so another organisation's answers 404.
"""

from wesaid.core.loaders import register

register("library_outcome_id", "outcomes.LibraryOutcome")
register("own_outcome_id", "outcomes.OrganisationOutcome", select_related=("closest_to",))
