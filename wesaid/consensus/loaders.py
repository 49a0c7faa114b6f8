"""The objects the consensus routes name by URL argument (see core/loaders.py)."""

from wesaid.core.loaders import register

register("study_id", "consensus.Study", select_related=("project",))
register("candidate_id", "consensus.Candidate", select_related=("study", "study__project"))
register("round_id", "consensus.Round", select_related=("study", "study__project"))
