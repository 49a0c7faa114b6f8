"""Retention: each organisation's periods, and the housekeeping run that applies them.

The run removes what is past its period and nothing else, and reports counts only (an audit
event per organisation). It runs from the task queue (``apply_retention``) or from
``wesaid housekeeping`` on a timer (docs/deployment.md).
"""

from __future__ import annotations

import datetime
from collections import Counter

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from wesaid.accounts.models import LinkRequest, SignInCode, SignInLink, User
from wesaid.audit.actions import Action
from wesaid.audit.services import audit_purge_before, record
from wesaid.checkins.models import CheckInAnswer
from wesaid.core.personal_data import DEFAULT_RETENTION_DAYS, Retention
from wesaid.organisations.models import Organisation, Person
from wesaid.projects.models import Project

from .models import AUDIT_MINIMUM_DAYS, SETTABLE, RetentionPeriod

AUDIT_TOO_SHORT = _("Keep the audit log for at least %(days)s days.")
ONLY_PEOPLE_UNSET = _("Give a number of days.")


def retention_periods(organisation: Organisation) -> dict[Retention, int | None]:
    """The organisation's periods, with the documented defaults where it has set none."""
    periods = {kind: DEFAULT_RETENTION_DAYS[kind] for kind in SETTABLE}
    for row in RetentionPeriod.objects.in_organisation(organisation):
        periods[Retention(row.kind)] = row.days
    return periods


@transaction.atomic
def retention_set(
    *, organisation: Organisation, actor: Person, periods: dict[Retention, int | None]
) -> None:
    errors: dict[str, str] = {}
    for kind, days in periods.items():
        if days is None and kind is not Retention.PEOPLE:
            errors[kind.value] = str(ONLY_PEOPLE_UNSET)
        elif kind is Retention.AUDIT and days is not None and days < AUDIT_MINIMUM_DAYS:
            errors[kind.value] = AUDIT_TOO_SHORT % {"days": AUDIT_MINIMUM_DAYS}
    if errors:
        raise ValidationError(errors)
    before = retention_periods(organisation)
    changed = {}
    for kind, days in periods.items():
        row, _ = RetentionPeriod.objects.get_or_create(
            organisation=organisation, kind=kind.value, defaults={"days": days}
        )
        if row.days != days:
            row.days = days
            row.full_clean()
            row.save(update_fields=["days"])
        if before[kind] != days:
            changed[kind.value] = {"from": before[kind], "to": days}
    if changed:
        record(
            action=Action.PRIVACY_RETENTION_CHANGED,
            actor=actor,
            organisation=organisation,
            changes=changed,
        )


def _cut(now: datetime.datetime, days: int) -> datetime.datetime:
    return now - datetime.timedelta(days=days)


def _users_of(organisation: Organisation) -> dict[int, str]:
    return dict(
        User.objects.filter(person__organisation=organisation).values_list("pk", "username")
    )


def _apply_for(organisation: Organisation, now: datetime.datetime) -> Counter:
    from .services import person_erase_by_retention

    periods = retention_periods(organisation)
    removed: Counter = Counter()

    days = periods[Retention.SIGN_IN]
    if days is not None:
        cut = _cut(now, days)
        codes = SignInCode.objects.in_organisation(organisation).filter(
            Q(used_at__lt=cut) | Q(revoked_at__lt=cut) | Q(expires_at__lt=cut)
        )
        links = SignInLink.objects.in_organisation(organisation).filter(
            Q(used_at__lt=cut) | Q(expires_at__lt=cut)
        )
        removed["sign_in"] = codes.delete()[0] + links.delete()[0]

    users = _users_of(organisation)
    days = periods[Retention.LOCKOUTS]
    if days is not None and users:
        cut = _cut(now, days)
        for model in (AccessAttempt, AccessLog, AccessFailureLog):
            gone = model.objects.filter(username__in=users.values(), attempt_time__lt=cut)
            removed["lockouts"] += gone.delete()[0]

    days = periods[Retention.SESSIONS]
    if days is not None and users:
        cut = _cut(now, days)
        ids = {str(pk) for pk in users}
        for session in Session.objects.filter(expire_date__lt=cut).iterator():
            if session.get_decoded().get("_auth_user_id") in ids:
                session.delete()
                removed["sessions"] += 1

    days = periods[Retention.ANSWERS]
    if days is not None:
        finished = Project.objects.in_organisation(organisation).filter(
            status=Project.Status.FINISHED, ends_on__lt=(now - datetime.timedelta(days=days)).date()
        )
        answers = CheckInAnswer.objects.in_organisation(organisation).filter(
            checkin__project__in=finished
        )
        removed["answers"] = answers.delete()[0]

    days = periods[Retention.AUDIT]
    if days is not None:
        removed["audit"] = audit_purge_before(organisation=organisation, before=_cut(now, days))

    days = periods[Retention.PEOPLE]
    if days is not None:
        leavers = Person.objects.in_organisation(organisation).filter(
            left_at__lt=_cut(now, days), erased_at__isnull=True
        )
        for person in leavers:
            person_erase_by_retention(person=person)
            removed["people"] += 1

    return removed


def retention_apply(*, now: datetime.datetime | None = None) -> dict[int, dict[str, int]]:
    """Apply every organisation's periods; counts of what went, per organisation."""
    now = now or timezone.now()
    report = {}
    for organisation in Organisation.objects.order_by("pk"):
        with transaction.atomic():
            removed = _apply_for(organisation, now)
            counts = {
                kind: removed.get(kind, 0)
                for kind in ("sign_in", "lockouts", "sessions", "answers", "audit", "people")
            }
            record(
                action=Action.PRIVACY_RETENTION_APPLIED, organisation=organisation, changes=counts
            )
        report[organisation.pk] = counts
    # "Email me a link" requests are counted for an hour; a day is plenty.
    LinkRequest.objects.filter(created_at__lt=now - datetime.timedelta(days=1)).delete()
    # Expired sessions of nobody (never signed in, signed out, or a sign-in erased since)
    # hold no one's data.
    users = {str(pk) for pk in User.objects.values_list("pk", flat=True)}
    for session in Session.objects.filter(expire_date__lt=now).iterator():
        if session.get_decoded().get("_auth_user_id") not in users:
            session.delete()
    # Finished background tasks (a sign-in email sent) hold a person's record number.
    finished = now - datetime.timedelta(days=DEFAULT_RETENTION_DAYS[Retention.TASKS] or 1)
    DBTaskResult.objects.filter(finished_at__lt=finished).delete()
    return report


@task()
def apply_retention() -> None:
    """The housekeeping task: the task worker runs it when ``wesaid housekeeping --queue`` asks."""
    retention_apply()
