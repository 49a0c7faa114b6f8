from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from wesaid.analysis.suppression import suppress_counts
from wesaid.core.policy import ResultsViewer

from .models import CheckIn, CheckInAnswer, Feeling


@dataclass(frozen=True)
class Spread:
    feeling: Feeling
    count: int | None  # None when hidden to protect small groups


@dataclass(frozen=True)
class Results:
    members: int | None
    answered: int | None
    spread: list[Spread]
    hidden_below: int | None = None  # set when small numbers were suppressed
    #: False when the viewer may not see any figures yet (outside the team, still open).
    available: bool = True

    @property
    def any_hidden(self) -> bool:
        return self.answered is None or any(row.count is None for row in self.spread)


def live_counts(checkin: CheckIn) -> list[int]:
    counts = dict(
        CheckInAnswer.objects.for_checkin(checkin)
        .values_list("feeling")
        .annotate(n=Count("id"))
        .values_list("feeling", "n")
    )
    return [counts.get(f.value, 0) for f in Feeling]


def checkin_results(checkin: CheckIn, *, viewer: ResultsViewer) -> Results:
    """How many answered, out of how many members, and how many gave each answer.

    What ``viewer`` sees is decided by the policy (``policy.results_viewer``): the team sees
    live figures in full; anyone else sees only the release frozen when the check-in closed,
    with counts under ``viewer.hide_below`` hidden, and any others that would let a hidden
    one be worked out from the total.
    """
    if viewer.sees_live_results:
        cells = live_counts(checkin)
        spread = [Spread(feeling=f, count=n) for f, n in zip(Feeling, cells, strict=True)]
        return Results(members=checkin.project.members.count(), answered=sum(cells), spread=spread)
    if checkin.released is None:
        return Results(
            members=None,
            answered=None,
            spread=[Spread(feeling=f, count=None) for f in Feeling],
            hidden_below=viewer.hide_below,
            available=False,
        )
    cells = list(checkin.released["counts"])
    members = checkin.released["members"]
    assert viewer.hide_below is not None, "outside the team, small numbers are always hidden"
    # Zeros are hidden too: anyone can count a project's members, and with zeros on show every
    # hidden count is known to be at least 1, so a small project would give them away.
    suppressed = suppress_counts(
        cells, threshold=viewer.hide_below, with_total=True, suppress_zeros=True
    )
    spread = [
        Spread(feeling=f, count=None if hidden else n)
        for f, n, hidden in zip(Feeling, cells, suppressed.hidden, strict=True)
    ]
    answered = None if suppressed.total_hidden else suppressed.total
    return Results(
        members=members, answered=answered, spread=spread, hidden_below=viewer.hide_below
    )


def checkins_waiting_for(person) -> list[CheckIn]:
    """Open check-ins in the person's projects that they have not answered yet."""
    return list(
        CheckIn.objects.filter(
            is_open=True, project__members__person=person, organisation=person.organisation
        )
        .exclude(answers__person=person)
        .select_related("project")
        .distinct()
    )
