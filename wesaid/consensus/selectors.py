"""Reads for choosing outcomes: each round's figures by stakeholder group, the feedback a person
sees in the next round, and the export. Disclosure comes from the viewer
(``policy.split_viewer``): a group smaller than ``viewer.hide_below`` is never shown on its own,
and no total is shown beside a hidden group."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wesaid.analysis.consensus import ConsensusRules, Verdict, classify, distribution
from wesaid.core.policy import ResultsViewer
from wesaid.projects.models import ProjectMember

from .models import BAND_SCORES, Band, Candidate, Rating, Round, Study
from .services import active_candidates

Group = ProjectMember.Group
#: The people whose agreement counts by default: those who draw on care and support, and
#: unpaid carers (the brief: people with lived experience identify the outcomes).
LIVED = frozenset({Group.LIVED_EXPERIENCE, Group.CARER})
LIVED_LABEL = gettext_lazy("People who draw on care and support and unpaid carers")
OTHERS_LABEL = gettext_lazy("Staff, leaders and community members")
#: An easy-read choice counts as the middle of its band; only the bands enter the rules.
BAND_STANDS_FOR = {band: scores[1] for band, scores in BAND_SCORES.items()}


def _score(rating: Rating) -> int | None:
    if rating.score is not None:
        return rating.score
    if rating.band:
        return BAND_STANDS_FOR[Band(rating.band)]
    return None


def rules_for(study: Study) -> ConsensusRules:
    return ConsensusRules(
        in_critical_at_least=study.in_at_least / 100,
        in_not_important_below=study.in_low_below / 100,
        out_not_important_at_least=study.in_at_least / 100,
        out_critical_below=study.in_low_below / 100,
        within_every_group=True,
    )


@dataclass(frozen=True)
class Shares:
    """One group's spread for one outcome, or the fact that it is hidden."""

    key: str
    label: str
    hidden: bool
    n_rated: int | None = None
    dont_know: int | None = None
    not_important: float | None = None
    important: float | None = None
    very_important: float | None = None
    #: How many chose each band: very important, important, not important.
    counts: tuple[int, int, int] | None = None

    @staticmethod
    def _pct(value: float | None) -> str:
        # Halves round up, as everywhere in wesaid (never Python's half-to-even).
        return "" if value is None else f"{int(100 * value + 0.5)}%"

    @property
    def very_important_pct(self) -> str:
        return self._pct(self.very_important)

    @property
    def important_pct(self) -> str:
        return self._pct(self.important)

    @property
    def not_important_pct(self) -> str:
        return self._pct(self.not_important)

    @property
    def most(self) -> Band | None:
        """The band most people in the group chose (for the easy-read sentence), if one leads."""
        if self.hidden or not self.n_rated:
            return None
        shares = {
            Band.NOT_IMPORTANT: self.not_important or 0,
            Band.IMPORTANT: self.important or 0,
            Band.VERY_IMPORTANT: self.very_important or 0,
        }
        top = max(shares.values())
        leaders = [band for band, share in shares.items() if share == top]
        return leaders[0] if len(leaders) == 1 and top > 0.5 else None


@dataclass(frozen=True)
class OutcomeResult:
    candidate: Candidate
    verdict: Verdict | None  # None: nobody whose agreement counts has rated it yet
    judged: tuple[Shares, ...]
    beside: tuple[Shares, ...]
    #: The others' own verdict differs from the verdict (shown only if they are not hidden).
    others_differ: bool
    late: int

    @property
    def verdict_text(self) -> str:
        return verdict_words(self.verdict)

    @property
    def groups(self) -> tuple[tuple[Shares, bool], ...]:
        """Every group shown, each with whether its agreement decides."""
        return tuple((s, True) for s in self.judged) + tuple((s, False) for s in self.beside)


@dataclass(frozen=True)
class RoundResults:
    round: Round
    rule: str
    threshold: int | None
    outcomes: tuple[OutcomeResult, ...]
    raters: int


def _group_key(study: Study, group: str) -> str:
    if study.rule == Study.Rule.EVERY_GROUP:
        return group
    return "lived" if group in LIVED else "others"


def _label(key: str) -> str:
    if key == "lived":
        return str(LIVED_LABEL)
    if key == "others":
        return str(OTHERS_LABEL)
    if key == "other_groups":
        return _("Other groups together")
    if key == "everyone":
        return _("Everyone")
    return str(Group(key).label)


def _shares(key: str, scores: list[int | None], hide_below: int | None) -> Shares:
    people = len(scores)
    if hide_below is not None and people < hide_below:
        return Shares(key=key, label=_label(key), hidden=True)
    d = distribution(key, scores)
    return Shares(
        key=key,
        label=_label(key),
        hidden=False,
        n_rated=d.n_rated,
        dont_know=d.dont_know,
        not_important=d.share_not_important,
        important=d.share_important,
        very_important=d.share_critical,
        counts=(
            sum(d.counts[s - 1] for s in (7, 8, 9)),
            sum(d.counts[s - 1] for s in (4, 5, 6)),
            sum(d.counts[s - 1] for s in (1, 2, 3)),
        ),
    )


def round_results(round_: Round, *, viewer: ResultsViewer) -> RoundResults | None:
    """Each outcome's verdict under the study's rule, with the spread by group.

    None when the viewer may not see this round yet: outside the team, only closed rounds.
    """
    if not viewer.in_team and round_.closed_at is None:
        return None
    study = round_.study
    rules = rules_for(study)
    by_candidate: dict[int, dict[str, list[int | None]]] = defaultdict(lambda: defaultdict(list))
    late: dict[int, int] = defaultdict(int)
    raters = set()
    for rating in Rating.objects.filter(round=round_).only(
        "candidate_id", "group", "score", "band", "late", "person_id"
    ):
        key = _group_key(study, rating.group)
        by_candidate[rating.candidate_id][key].append(_score(rating))
        late[rating.candidate_id] += int(rating.late)
        raters.add(rating.person_id)
    judged_keys = (
        sorted({k for groups in by_candidate.values() for k in groups})
        if study.rule == Study.Rule.EVERY_GROUP
        else ["lived"]
    )
    beside_keys = [] if study.rule == Study.Rule.EVERY_GROUP else ["others"]
    outcomes = []
    for candidate in active_candidates(study):
        groups = by_candidate.get(candidate.pk, {})
        judged_scores = {k: groups.get(k, []) for k in judged_keys}
        verdict = None
        if any(s is not None for scores in judged_scores.values() for s in scores):
            verdict = classify({candidate.name: judged_scores}, rules).items[0].verdict
        beside = tuple(_shares(k, groups.get(k, []), viewer.hide_below) for k in beside_keys)
        others_differ = False
        for key, shown in zip(beside_keys, beside, strict=True):
            scores = groups.get(key, [])
            if not shown.hidden and verdict is not None and any(s is not None for s in scores):
                theirs = classify({candidate.name: {key: scores}}, rules).items[0].verdict
                others_differ = others_differ or theirs is not verdict
        outcomes.append(
            OutcomeResult(
                candidate=candidate,
                verdict=verdict,
                judged=tuple(_shares(k, judged_scores[k], viewer.hide_below) for k in judged_keys),
                beside=beside,
                others_differ=others_differ,
                late=late.get(candidate.pk, 0),
            )
        )
    return RoundResults(
        round=round_,
        rule=study.rule,
        threshold=viewer.hide_below,
        outcomes=tuple(outcomes),
        raters=len(raters),
    )


@dataclass(frozen=True)
class Feedback:
    """What a person sees beside an outcome from round two: last round's spread and their score."""

    groups: tuple[Shares, ...]
    own: Rating | None


def feedback_for(round_: Round, person, *, viewer: ResultsViewer) -> dict[int, Feedback]:
    """For each outcome, the previous round's spread by stakeholder group and the person's own
    previous rating. Empty in round one. Small groups are hidden here too."""
    previous = (
        Round.objects.filter(study=round_.study, number=round_.number - 1)
        .exclude(closed_at=None)
        .first()
    )
    if previous is None:
        return {}
    by_candidate: dict[int, dict[str, list[int | None]]] = defaultdict(lambda: defaultdict(list))
    own: dict[int, Rating] = {}
    for rating in Rating.objects.filter(round=previous):
        by_candidate[rating.candidate_id][rating.group].append(_score(rating))
        if rating.person_id == person.pk:
            own[rating.candidate_id] = rating
    result = {}
    for candidate_id, groups in by_candidate.items():
        result[candidate_id] = Feedback(
            groups=split_by_group(groups, viewer.hide_below), own=own.get(candidate_id)
        )
    return result


def split_by_group(
    groups: dict[str, list[int | None]], hide_below: int | None
) -> tuple[Shares, ...]:
    """Shares for each stakeholder group, merging groups too small to show on their own.

    Groups under ``hide_below`` people are put together as "other groups" when that is big
    enough; otherwise only everyone together is shown, with no split; and when even everyone
    together is too few, nothing is. Never a total beside a group left out.
    """
    order = [g.value for g in Group]
    keys = sorted(groups, key=lambda k: order.index(k) if k in order else len(order))
    if hide_below is None:
        return tuple(_shares(k, groups[k], None) for k in keys)
    big = [k for k in keys if len(groups[k]) >= hide_below]
    small = [k for k in keys if len(groups[k]) < hide_below]
    if not small:
        return tuple(_shares(k, groups[k], hide_below) for k in big)
    merged = [s for k in small for s in groups[k]]
    if len(merged) >= hide_below and big:
        return (
            *(_shares(k, groups[k], hide_below) for k in big),
            _shares("other_groups", merged, hide_below),
        )
    everyone = [s for k in keys for s in groups[k]]
    return (_shares("everyone", everyone, hide_below),)


def ratings_of(round_: Round, person) -> dict[int, Rating]:
    return {r.candidate_id: r for r in Rating.objects.filter(round=round_, person=person)}


def not_rated_yet(round_: Round) -> list[ProjectMember]:
    """People in the project who have rated nothing in this round (for reminders)."""
    rated = set(Rating.objects.filter(round=round_).values_list("person_id", flat=True))
    return [
        place
        for place in round_.study.project.members.select_related("person")
        if place.person_id not in rated and place.person.left_at is None
    ]


def export_csv(study: Study, *, viewer: ResultsViewer) -> str:
    """Every round's figures as CSV: one row per round, outcome and group, small groups hidden.

    Individual ratings are never exported; the export follows the same disclosure as the page.
    """
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            _("Round"),
            _("Outcome"),
            _("Group"),
            _("People who gave a score"),
            _("I don't know"),
            _("Not important (1 to 3), %"),
            _("Important (4 to 6), %"),
            _("Very important (7 to 9), %"),
            _("Result"),
        ]
    )
    hidden = _("hidden: fewer than %(n)s people") % {"n": viewer.hide_below}
    for round_ in study.rounds.order_by("number"):
        results = round_results(round_, viewer=viewer)
        if results is None:
            continue
        for outcome in results.outcomes:
            for shares in outcome.judged + outcome.beside:
                row: list[object]
                if shares.hidden:
                    row = [hidden] * 5
                else:
                    row = [
                        shares.n_rated,
                        shares.dont_know,
                        *(
                            Shares._pct(v).rstrip("%")
                            for v in (shares.not_important, shares.important, shares.very_important)
                        ),
                    ]
                writer.writerow(
                    [
                        round_.number,
                        outcome.candidate.name,
                        shares.label,
                        *row,
                        verdict_words(outcome.verdict) if shares in outcome.judged else "",
                    ]
                )
    return out.getvalue()


def verdict_words(verdict: Verdict | None) -> str:
    if verdict is Verdict.IN:
        return _("Agreed: very important")
    if verdict is Verdict.OUT:
        return _("Agreed: not important")
    if verdict is Verdict.NONE:
        return _("No agreement yet")
    return _("Not rated yet")


def studies_to_rate(person) -> list[Study]:
    """Choices of outcomes with a round open now, in projects the person is in (their home page)."""
    today = timezone.localdate()
    return list(
        Study.objects.in_organisation(person.organisation)
        .filter(
            project__members__person=person,
            rounds__closed_at__isnull=True,
            rounds__opens_on__lte=today,
        )
        .select_related("project")
        .distinct()
    )
