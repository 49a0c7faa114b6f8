from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from .models import CheckIn, CheckInAnswer, Feeling


@dataclass(frozen=True)
class Spread:
    feeling: Feeling
    count: int


@dataclass(frozen=True)
class Results:
    members: int
    answered: int
    spread: list[Spread]


def checkin_results(checkin: CheckIn) -> Results:
    """How many answered, out of how many members, and how many gave each answer."""
    counts = dict(
        CheckInAnswer.objects.for_checkin(checkin)
        .values_list("feeling")
        .annotate(n=Count("id"))
        .values_list("feeling", "n")
    )
    return Results(
        members=checkin.project.members.count(),
        answered=sum(counts.values()),
        spread=[Spread(feeling=f, count=counts.get(f.value, 0)) for f in Feeling],
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
