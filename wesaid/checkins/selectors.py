from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from wesaid.analysis.suppression import suppress_counts

from .models import CheckIn, CheckInAnswer, Feeling


@dataclass(frozen=True)
class Spread:
    feeling: Feeling
    count: int | None  # None when hidden to protect small groups


@dataclass(frozen=True)
class Results:
    members: int
    answered: int | None
    spread: list[Spread]
    hidden_below: int | None = None  # set when small numbers were suppressed

    @property
    def any_hidden(self) -> bool:
        return self.answered is None or any(row.count is None for row in self.spread)


def checkin_results(checkin: CheckIn, *, hide_below: int | None = None) -> Results:
    """How many answered, out of how many members, and how many gave each answer.

    With ``hide_below`` (for people outside the project team), counts smaller than that are
    hidden, and so are any others that would let a hidden one be worked out from the total.
    """
    counts = dict(
        CheckInAnswer.objects.for_checkin(checkin)
        .values_list("feeling")
        .annotate(n=Count("id"))
        .values_list("feeling", "n")
    )
    cells = [counts.get(f.value, 0) for f in Feeling]
    members = checkin.project.members.count()
    if hide_below is None:
        spread = [Spread(feeling=f, count=n) for f, n in zip(Feeling, cells, strict=True)]
        return Results(members=members, answered=sum(cells), spread=spread)
    # Zeros are hidden too: anyone can count a project's members, and with zeros on show every
    # hidden count is known to be at least 1, so a small project would give them away.
    suppressed = suppress_counts(cells, threshold=hide_below, with_total=True, suppress_zeros=True)
    spread = [
        Spread(feeling=f, count=None if hidden else n)
        for f, n, hidden in zip(Feeling, cells, suppressed.hidden, strict=True)
    ]
    answered = None if suppressed.total_hidden else suppressed.total
    return Results(members=members, answered=answered, spread=spread, hidden_below=hide_below)


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
