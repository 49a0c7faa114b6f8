"""Writes for check-ins. A retried answer (same submission id) is stored once."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wesaid.audit.actions import Action
from wesaid.audit.services import create_audited, record, update_audited
from wesaid.organisations.models import Person
from wesaid.projects.models import Project

from .models import CheckIn, CheckInAnswer, Feeling
from .selectors import live_counts

CLOSED = _("This check-in is closed, so it cannot take answers now.")
SEND_AGAIN = _("Something went wrong with that form. Choose your answer and send it again.")


@transaction.atomic
def checkin_create(
    *, project: Project, actor: Person, title: str, question: str | None = None
) -> CheckIn:
    checkin = CheckIn(
        organisation=project.organisation, project=project, title=title, created_by=actor
    )
    if question:
        checkin.question = question
    return create_audited(
        checkin, action=Action.CHECKIN_CREATED, actor=actor, fields=("title", "question", "is_open")
    )


@transaction.atomic
def checkin_close(*, checkin: CheckIn, actor: Person) -> CheckIn:
    """Close a check-in and freeze the results that people outside the team may see.

    The release is made once: closing again changes nothing, so the figures outside the team
    never move after they first appear.
    """
    checkin = CheckIn.objects.select_for_update().get(pk=checkin.pk)
    if not checkin.is_open:
        return checkin
    release = {"members": checkin.project.members.count(), "counts": live_counts(checkin)}
    return update_audited(
        checkin,
        action=Action.CHECKIN_CLOSED,
        actor=actor,
        fields=("is_open", "closed_at", "released"),
        values={"is_open": False, "closed_at": timezone.now(), "released": release},
    )


def checkin_answer(
    *, checkin: CheckIn, person: Person, feeling: int, submission_id: uuid.UUID
) -> tuple[CheckInAnswer, bool]:
    """Store a person's answer once; returns (answer, stored_now).

    Sending the same form twice (a double click, a retry on a flaky phone signal) carries the
    same ``submission_id`` and stores nothing new. Answering again later replaces the answer.
    Two requests racing (a retry, or two open tabs) end with one answer, never an error page.
    """
    if not checkin.is_open:
        raise ValidationError(CLOSED)
    feeling = Feeling(feeling)
    for _attempt in range(3):
        stored = CheckInAnswer.objects.filter(submission_id=submission_id).first()
        if stored is not None:
            if stored.person_id != person.pk or stored.checkin_id != checkin.pk:
                raise ValidationError(SEND_AGAIN)  # not this person's form for this check-in
            return stored, False
        try:
            with transaction.atomic():
                return _answer_store(checkin, person, feeling, submission_id)
        except IntegrityError:
            continue  # the other request won the race: look again
    raise ValidationError(SEND_AGAIN)


def _answer_store(
    checkin: CheckIn, person: Person, feeling: Feeling, submission_id: uuid.UUID
) -> tuple[CheckInAnswer, bool]:
    # Closing locks the same row: an answer racing the close lands before it or not at all.
    if not CheckIn.objects.select_for_update().filter(pk=checkin.pk, is_open=True).exists():
        raise ValidationError(CLOSED)
    answer, created = CheckInAnswer.objects.select_for_update().get_or_create(
        checkin=checkin,
        person=person,
        defaults={
            "organisation": checkin.organisation,
            "feeling": feeling,
            "submission_id": submission_id,
        },
    )
    if not created and answer.submission_id == submission_id:
        return answer, False  # a retry of this same form got here first
    if not created:
        answer.feeling = feeling
        answer.submission_id = submission_id
        answer.save(update_fields=["feeling", "submission_id"])
    record(
        action=Action.CHECKIN_ANSWERED if created else Action.CHECKIN_ANSWER_CHANGED,
        actor=person,
        obj=answer,
        changes={"feeling": "changed"},
    )
    return answer, True
