"""Writes for choosing outcomes. Each writes its audit event in the same transaction.

No rating's score ever reaches the audit log: it records who rated, when and how (online, on
paper...), never what they said.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wesaid.audit.actions import Action
from wesaid.audit.services import create_audited, record, update_audited
from wesaid.organisations.models import Person
from wesaid.outcomes.models import LibraryOutcome, OrganisationOutcome
from wesaid.projects.models import Project, ProjectMember

from .models import AgreedSet, Band, Candidate, Proposal, Rating, Round, Study, Way

NOT_IN_PROJECT = _("Only people in the project can rate its outcomes.")
ROUND_NOT_OPEN = _("This round is not open for ratings.")
ROUND_STILL_OPEN = _("Close the open round before starting the next one.")
NOTHING_TO_RATE = _("Add at least one outcome before opening a round.")
WORDING_MISSING = _(
    "Every outcome needs its Welsh and easy-read wording before a round opens. Missing: "
    "%(outcomes)s."
)
NO_IDEAS_NOW = _("New ideas are taken until the first round closes.")
MERGE_ITSELF = _("Choose other outcomes to merge into this one.")
NO_ROUND_CLOSED = _("Close at least one round before confirming the agreed outcomes.")
NONE_CHOSEN = _("Choose at least one outcome.")
REASON_NEEDED = _("Say why the agreed outcomes changed.")
SCORE_RANGE = _("Choose a number from 1 to 9, or “I don't know”.")

STUDY_FIELDS = ("title", "rule", "in_at_least", "in_low_below")
CANDIDATE_FIELDS = ("name", "name_cy", "easy_read", "easy_read_cy")
CANDIDATE_NEW_FIELDS = (*CANDIDATE_FIELDS, "library_outcome")


def _place(study: Study, person: Person) -> ProjectMember | None:
    return study.project.members.filter(person=person).first()


@transaction.atomic
def study_create(
    *,
    project: Project,
    actor: Person,
    title: str,
    rule: str = Study.Rule.LIVED_EXPERIENCE_AND_CARERS,
) -> Study:
    study = Study(
        organisation=project.organisation, project=project, title=title, rule=rule, created_by=actor
    )
    return create_audited(
        study, action=Action.CONSENSUS_STUDY_CREATED, actor=actor, fields=STUDY_FIELDS
    )


@transaction.atomic
def idea_give(
    *, study: Study, person: Person, words: str, way: str = Way.ONLINE, recorded_by: Person | None
) -> Proposal:
    """An idea in someone's own words: typed by them, or written down by a facilitator."""
    last = study.current_round
    if last is not None and not last.takes_ideas:
        raise ValidationError({"words": NO_IDEAS_NOW})
    if _place(study, person) is None:
        raise ValidationError({"person": NOT_IN_PROJECT})
    proposal = Proposal(
        organisation=study.organisation,
        study=study,
        person=person,
        words=words.strip(),
        way=way,
        recorded_by=recorded_by,
    )
    proposal.full_clean()
    proposal.save()
    record(
        action=Action.CONSENSUS_IDEA_GIVEN,
        actor=recorded_by or person,
        obj=proposal,
        changes={"way": way},
    )
    return proposal


@transaction.atomic
def candidate_add(
    *,
    study: Study,
    actor: Person,
    name: str,
    name_cy: str = "",
    easy_read: str = "",
    easy_read_cy: str = "",
    from_ideas: Sequence[Proposal] = (),
    library_outcome: LibraryOutcome | None = None,
    own_outcome: OrganisationOutcome | None = None,
) -> Candidate:
    """An outcome to rate. Started from a library or own outcome, it takes that outcome's
    wordings wherever none was given."""
    source = own_outcome or library_outcome
    if source is not None:
        name = name or source.name
        name_cy = name_cy or source.name_cy
        easy_read = easy_read or source.easy_read
        easy_read_cy = easy_read_cy or source.easy_read_cy
    if own_outcome is not None and library_outcome is None:
        library_outcome = own_outcome.closest_to
    candidate = Candidate(
        organisation=study.organisation,
        study=study,
        name=name,
        name_cy=name_cy,
        easy_read=easy_read,
        easy_read_cy=easy_read_cy,
        added_by=actor,
        library_outcome=library_outcome,
        own_outcome=own_outcome,
    )
    create_audited(
        candidate, action=Action.CONSENSUS_CANDIDATE_ADDED, actor=actor, fields=CANDIDATE_NEW_FIELDS
    )
    for idea in from_ideas:
        if idea.study_id != study.pk:
            raise ValidationError(_("That idea belongs to another choice of outcomes."))
        idea.candidate = candidate
        idea.save(update_fields=["candidate"])
    return candidate


@transaction.atomic
def candidate_update(
    *,
    candidate: Candidate,
    actor: Person,
    name: str,
    name_cy: str,
    easy_read: str,
    easy_read_cy: str,
) -> Candidate:
    return update_audited(
        candidate,
        action=Action.CONSENSUS_CANDIDATE_CHANGED,
        actor=actor,
        fields=CANDIDATE_FIELDS,
        values={
            "name": name,
            "name_cy": name_cy,
            "easy_read": easy_read,
            "easy_read_cy": easy_read_cy,
        },
    )


@transaction.atomic
def candidates_merge(*, keep: Candidate, merge: Iterable[Candidate], actor: Person) -> Candidate:
    """Join near-duplicates into ``keep``. Every idea behind them stays visible under ``keep``."""
    others = [c for c in merge if c.pk != keep.pk]
    if not others:
        raise ValidationError(MERGE_ITSELF)
    for other in others:
        if other.study_id != keep.study_id:
            raise ValidationError(_("That outcome belongs to another choice of outcomes."))
        Proposal.objects.filter(candidate=other).update(candidate=keep)
        other.merged_into = keep
        other.save(update_fields=["merged_into"])
    record(
        action=Action.CONSENSUS_CANDIDATES_MERGED,
        actor=actor,
        obj=keep,
        changes={"merged": sorted(c.pk for c in others)},
    )
    return keep


def active_candidates(study: Study):
    return study.candidates.filter(merged_into__isnull=True)


def wording_gaps(study: Study) -> list[tuple[Candidate, list[str]]]:
    """The completeness check: each outcome still missing a wording, and which."""
    return [(c, c.missing) for c in active_candidates(study) if c.missing]


@transaction.atomic
def round_open(
    *, study: Study, actor: Person, opens_on: datetime.date, closes_on: datetime.date
) -> Round:
    Study.objects.select_for_update().filter(pk=study.pk).get()
    last = study.current_round
    if last is not None and last.closed_at is None:
        raise ValidationError(ROUND_STILL_OPEN)
    if not active_candidates(study).exists():
        raise ValidationError(NOTHING_TO_RATE)
    gaps = wording_gaps(study)
    if gaps:
        raise ValidationError(WORDING_MISSING % {"outcomes": ", ".join(c.name for c, _ in gaps)})
    number = 1 if last is None else last.number + 1
    round_ = Round(
        organisation=study.organisation,
        study=study,
        number=number,
        opens_on=opens_on,
        closes_on=closes_on,
    )
    return create_audited(
        round_,
        action=Action.CONSENSUS_ROUND_OPENED,
        actor=actor,
        fields=("number", "opens_on", "closes_on"),
    )


@transaction.atomic
def round_dates_change(
    *, round_: Round, actor: Person, opens_on: datetime.date, closes_on: datetime.date
) -> Round:
    return update_audited(
        round_,
        action=Action.CONSENSUS_ROUND_CHANGED,
        actor=actor,
        fields=("opens_on", "closes_on"),
        values={"opens_on": opens_on, "closes_on": closes_on},
    )


@transaction.atomic
def round_close(*, round_: Round, actor: Person) -> Round:
    if round_.closed_at is not None:
        return round_
    return update_audited(
        round_,
        action=Action.CONSENSUS_ROUND_CLOSED,
        actor=actor,
        fields=("closed_at",),
        values={"closed_at": timezone.now()},
    )


@transaction.atomic
def rating_save(
    *,
    round_: Round,
    candidate: Candidate,
    person: Person,
    score: int | None = None,
    band: str = "",
    way: str = Way.ONLINE,
    entered_by: Person | None = None,
) -> Rating:
    """Save one rating as given: the first time it is made, later times it is replaced.

    ``score`` 1-9, or an easy-read ``band``, or neither for "I don't know". Saving the same
    rating again (a retried form, two tabs) leaves one row.
    """
    if not round_.is_open:
        raise ValidationError(ROUND_NOT_OPEN)
    if candidate.study_id != round_.study_id or candidate.merged_into_id is not None:
        raise ValidationError(_("That outcome is not in this round."))
    if score is not None and (isinstance(score, bool) or score not in range(1, 10)):
        raise ValidationError(SCORE_RANGE)
    if score is not None and band:
        raise ValidationError(SCORE_RANGE)
    if band:
        band = Band(band).value
    place = _place(round_.study, person)
    if place is None:
        raise ValidationError(NOT_IN_PROJECT)
    values = {
        "group": place.group,
        "score": score,
        "band": band,
        "way": way,
        "entered_by": entered_by,
        "late": round_.is_late,
    }
    rating = (
        Rating.objects.select_for_update()
        .filter(round=round_, candidate=candidate, person=person)
        .first()
    )
    created = rating is None
    if created:
        try:
            with transaction.atomic():
                rating = Rating.objects.create(
                    organisation=round_.organisation,
                    round=round_,
                    candidate=candidate,
                    person=person,
                    **values,
                )
        except IntegrityError:
            # Another request saved the first rating a moment ago: replace that one.
            rating = Rating.objects.select_for_update().get(
                round=round_, candidate=candidate, person=person
            )
            created = False
    assert rating is not None
    if not created:
        for name, value in values.items():
            setattr(rating, name, value)
        rating.full_clean()
        rating.save()
    record(
        action=Action.CONSENSUS_RATED,
        actor=entered_by or person,
        obj=rating,
        changes={"way": way, "late": values["late"], "first": created},
    )
    return rating


@transaction.atomic
def agreed_set_confirm(
    *,
    study: Study,
    actor: Person,
    outcomes: Sequence[Candidate],
    decided_on: datetime.date,
    reason: str = "",
    verdicts: dict[int, str] | None = None,
) -> AgreedSet:
    """Lock the outcomes the group confirmed at its meeting, as a new version.

    The first version needs no reason; every later one does, and the report lists them all.
    """
    Study.objects.select_for_update().filter(pk=study.pk).get()
    if not study.rounds.filter(closed_at__isnull=False).exists():
        raise ValidationError(NO_ROUND_CLOSED)
    if not outcomes:
        raise ValidationError({"outcomes": NONE_CHOSEN})
    previous = study.agreed
    if previous is not None and not reason.strip():
        raise ValidationError({"reason": REASON_NEEDED})
    for candidate in outcomes:
        if candidate.study_id != study.pk:
            raise ValidationError(_("That outcome belongs to another choice of outcomes."))
    verdicts = verdicts or {}
    agreed = AgreedSet(
        organisation=study.organisation,
        study=study,
        version=1 if previous is None else previous.version + 1,
        outcomes=[
            {
                "candidate": c.pk,
                "name": c.name,
                "name_cy": c.name_cy,
                "easy_read": c.easy_read,
                "easy_read_cy": c.easy_read_cy,
                "verdict": verdicts.get(c.pk, ""),
            }
            for c in outcomes
        ],
        decided_on=decided_on,
        reason=reason.strip(),
        recorded_by=actor,
    )
    return create_audited(
        agreed, action=Action.CONSENSUS_AGREED, actor=actor, fields=("version", "decided_on")
    )
