"""Writes for check-ins. A retried answer (same submission id) is stored once."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from wesaid.audit.services import changes_between, record

from .models import CheckIn, CheckInAnswer, Feeling

CLOSED = _("This check-in is closed, so it cannot take answers now.")


@transaction.atomic
def checkin_create(*, project, actor, title: str, question: str | None = None) -> CheckIn:
    checkin = CheckIn(
        organisation=project.organisation, project=project, title=title, created_by=actor
    )
    if question:
        checkin.question = question
    checkin.full_clean()
    checkin.save()
    record(
        action="checkin.created",
        actor=actor,
        obj=checkin,
        changes=changes_between(
            {"title": None, "question": None, "is_open": None}, checkin, created=True
        ),
    )
    return checkin


def checkin_answer(
    *, checkin: CheckIn, person, feeling: int, submission_id: uuid.UUID
) -> tuple[CheckInAnswer, bool]:
    """Store a person's answer once; returns (answer, created).

    Sending the same form twice (a double click, a retry on a flaky phone signal) carries the
    same ``submission_id`` and stores nothing new. Answering again later replaces the answer.
    """
    if not checkin.is_open:
        raise ValidationError(CLOSED)
    existing = CheckInAnswer.objects.filter(submission_id=submission_id).first()
    if existing is not None:
        return existing, False
    feeling = Feeling(feeling)
    try:
        with transaction.atomic():
            answer, created = CheckInAnswer.objects.select_for_update().get_or_create(
                checkin=checkin,
                person=person,
                defaults={
                    "organisation": checkin.organisation,
                    "feeling": feeling,
                    "submission_id": submission_id,
                },
            )
            if not created:
                answer.feeling = feeling
                answer.submission_id = submission_id
                answer.save(update_fields=["feeling", "submission_id"])
            record(
                action="checkin.answered" if created else "checkin.answer_changed",
                actor=person,
                obj=answer,
                changes={"feeling": "changed"},
            )
    except IntegrityError:
        # A retry raced this one and won: its answer is the one stored.
        return CheckInAnswer.objects.get(submission_id=submission_id), False
    return answer, True
