"""Retention removes exactly what is past its period and nothing else (SQLite and PostgreSQL:
the suite runs on both)."""

from __future__ import annotations

import datetime
import uuid

import pytest
from axes.models import AccessAttempt
from bs4 import BeautifulSoup
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from wesaid.accounts.models import SignInCode, SignInLink
from wesaid.accounts.services import sign_in_code_issue, sign_in_link_issue
from wesaid.accounts.tasks import send_sign_in_link
from wesaid.audit.models import AuditEvent
from wesaid.checkins.models import CheckInAnswer, Feeling
from wesaid.checkins.services import checkin_answer, checkin_create
from wesaid.core.personal_data import Retention
from wesaid.core.roles import Role
from wesaid.organisations.models import Person
from wesaid.privacy.retention import retention_apply, retention_periods, retention_set
from wesaid.projects.models import Project, ProjectMember
from wesaid.projects.services import project_create, project_member_add

from .conftest import CheckedClient, make_person, sign_in, tasks_in_the_database

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime.datetime(2027, 6, 1, 12, 0))


def days_ago(n: float) -> datetime.datetime:
    return NOW - datetime.timedelta(days=n)


def old_code(person, lead, *, used_days_ago):
    sign_in_code_issue(person=person, actor=lead)
    code = SignInCode.objects.filter(person=person).latest("pk")
    code.used_at = days_ago(used_days_ago)
    code.expires_at = days_ago(used_days_ago - 1)
    code.save()
    return code


def finished_project(organisation, lead, member, *, ended_days_ago):
    project = project_create(
        organisation=organisation,
        actor=lead,
        name=f"Ended {ended_days_ago} days ago",
        aims="Aims",
        area="policy",
        starts_on=datetime.date(2020, 1, 1),
        ends_on=(NOW - datetime.timedelta(days=ended_days_ago)).date(),
        status=Project.Status.FINISHED,
    )
    project_member_add(project=project, person=member, group=ProjectMember.Group.CARER, actor=lead)
    checkin = checkin_create(project=project, actor=lead, title="Last session")
    checkin_answer(checkin=checkin, person=member, feeling=Feeling.GOOD, submission_id=uuid.uuid4())
    return project


def test_it_removes_what_is_past_its_period_and_nothing_else(
    organisation, other_organisation, lead, member
):
    carer = make_person(organisation, Role.CARER, "Cerys Carer")
    gone_code = old_code(member, lead, used_days_ago=31)
    kept_code = old_code(carer, lead, used_days_ago=29)
    sign_in_link_issue(person=member)
    gone_link = SignInLink.objects.get(person=member)
    gone_link.expires_at = days_ago(40)
    gone_link.save()
    for username, age in ((member.user.username, 31), (carer.user.username, 29)):
        attempt = AccessAttempt.objects.create(
            username=username, ip_address="192.0.2.1", user_agent="t", failures_since_start=1
        )
        # attempt_time is set on creation: move it back afterwards.
        AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=days_ago(age))
    old = finished_project(organisation, lead, member, ended_days_ago=731)
    recent = finished_project(organisation, lead, carer, ended_days_ago=700)
    active = finished_project(organisation, lead, carer, ended_days_ago=900)
    Project.objects.filter(pk=active.pk).update(status=Project.Status.ACTIVE)
    # Another organisation keeps sign-in records longer: its 31-day-old card stays.
    other_lead = make_person(other_organisation, Role.LEAD, "Other Lead")
    other_member = make_person(other_organisation, Role.MEMBER, "Other Member")
    other_code = old_code(other_member, other_lead, used_days_ago=31)
    retention_set(
        organisation=other_organisation,
        actor=other_lead,
        periods={**retention_periods(other_organisation), Retention.SIGN_IN: 90},
    )

    report = retention_apply(now=NOW)

    assert report[organisation.pk] == {
        "sign_in": 2, "lockouts": 1, "sessions": 0, "answers": 1, "audit": 0, "people": 0
    }  # fmt: skip
    assert report[other_organisation.pk]["sign_in"] == 0
    assert not SignInCode.objects.filter(pk=gone_code.pk).exists()
    assert not SignInLink.objects.filter(pk=gone_link.pk).exists()
    assert SignInCode.objects.filter(pk__in=[kept_code.pk, other_code.pk]).count() == 2
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == [carer.user.username]
    assert not CheckInAnswer.objects.filter(checkin__project=old).exists()
    assert CheckInAnswer.objects.filter(checkin__project=recent).count() == 1
    assert CheckInAnswer.objects.filter(checkin__project=active).count() == 1
    event = AuditEvent.objects.get(action="privacy.retention.applied", organisation=organisation)
    assert event.changes == report[organisation.pk]


def test_leavers_are_erased_after_their_period_when_the_organisation_sets_one(
    organisation, lead, member
):
    admin = make_person(organisation, Role.ORG_ADMIN, "Olu Admin")
    carer = make_person(organisation, Role.CARER, "Cerys Carer")
    Person.objects.filter(pk=member.pk).update(left_at=days_ago(31))
    Person.objects.filter(pk=carer.pk).update(left_at=days_ago(29))
    assert retention_apply(now=NOW)[organisation.pk]["people"] == 0  # no period by default
    retention_set(
        organisation=organisation,
        actor=admin,
        periods={**retention_periods(organisation), Retention.PEOPLE: 30},
    )
    assert retention_apply(now=NOW)[organisation.pk]["people"] == 1
    member.refresh_from_db()
    carer.refresh_from_db()
    assert member.erased_at is not None and member.display_name == ""
    assert carer.erased_at is None and carer.display_name == "Cerys Carer"


def test_the_audit_log_cannot_be_set_shorter_than_a_year(organisation, lead):
    periods = {**retention_periods(organisation), Retention.AUDIT: 30}
    with pytest.raises(ValidationError) as problem:
        retention_set(organisation=organisation, actor=lead, periods=periods)
    assert "audit" in problem.value.message_dict


def test_an_admin_sets_the_periods_on_a_page_and_the_change_is_audited(client, organisation):
    admin = make_person(organisation, Role.ORG_ADMIN, "Olu Admin")
    sign_in(client, admin)
    url = reverse("privacy:retention")
    page = client.get(url).content.decode()
    assert 'value="30"' in page  # the default for sign-in records
    values = {kind.value: days for kind, days in retention_periods(organisation).items()}
    values = {k: ("" if v is None else v) for k, v in values.items()}
    bad = client.post(url, {**values, "sign_in": "soon"})
    assert "Enter a whole number of days, like 30" in bad.content.decode()
    done = client.post(url, {**values, "sign_in": "14"})
    assert done.status_code == 302
    assert retention_periods(organisation)[Retention.SIGN_IN] == 14
    event = AuditEvent.objects.get(action="privacy.retention.changed")
    assert event.changes == {"sign_in": {"from": 30, "to": 14}}


def test_housekeeping_reports_counts_only(organisation, lead, member, capsys):
    old_code(member, lead, used_days_ago=400)
    call_command("housekeeping")
    out = capsys.readouterr().out
    assert f"Organisation #{organisation.pk}: removed sign_in 1" in out
    assert member.display_name not in out


def test_the_audit_log_goes_only_after_its_period(organisation, other_organisation, lead):
    other_lead = make_person(other_organisation, Role.LEAD, "Other Lead")
    retention_set(
        organisation=organisation,
        actor=lead,
        periods={**retention_periods(organisation), Retention.AUDIT: 365},
    )
    ours = AuditEvent.objects.filter(organisation=organisation).count()
    theirs = AuditEvent.objects.filter(organisation=other_organisation).count()
    assert ours > 0 and theirs > 0 and other_lead

    # A year and a day later, this organisation's events go; the other keeps six years.
    later = timezone.now() + datetime.timedelta(days=366)
    report = retention_apply(now=later)

    assert report[organisation.pk]["audit"] == ours
    assert report[other_organisation.pk]["audit"] == 0
    left = AuditEvent.objects.filter(organisation=organisation)
    # What is left is the purge's own record and the run's report, written afterwards.
    assert sorted(left.values_list("action", flat=True)) == [
        "audit.purged",
        "privacy.retention.applied",
    ]
    assert AuditEvent.objects.filter(organisation=other_organisation).count() == theirs + 1


def test_finished_background_tasks_go_after_a_day_and_queued_ones_stay(member):
    with tasks_in_the_database():
        rows = [send_sign_in_link.enqueue(member.pk, "http://testserver") for _ in range(3)]
    old, recent, queued = (DBTaskResult.objects.get(pk=row.id) for row in rows)
    DBTaskResult.objects.filter(pk=old.pk).update(finished_at=days_ago(1.5))
    DBTaskResult.objects.filter(pk=recent.pk).update(finished_at=days_ago(0.5))
    retention_apply(now=NOW)
    assert set(DBTaskResult.objects.values_list("pk", flat=True)) == {recent.pk, queued.pk}


def test_an_ended_session_of_an_erased_sign_in_goes(organisation, member):
    key = sign_in(CheckedClient(), member).session.session_key
    Session.objects.filter(pk=key).update(expire_date=days_ago(0.5))
    member.user.delete()  # what erasure does to the sign-in
    retention_apply(now=NOW)
    assert not Session.objects.filter(pk=key).exists()


def test_the_data_protection_page_shows_what_the_last_run_removed(
    client, organisation, lead, member
):
    admin = make_person(organisation, Role.ORG_ADMIN, "Olu Admin")
    sign_in(client, admin)
    assert "It has not run yet." in client.get(reverse("privacy:hub")).content.decode()
    old_code(member, lead, used_days_ago=31)
    old_code(member, lead, used_days_ago=40)
    retention_apply(now=NOW)  # a year ahead: it also ends the admin's session, so sign in again
    sign_in(client, admin)
    page = BeautifulSoup(client.get(reverse("privacy:hub")).content, "html.parser")
    counts = {
        row.select_one(".govuk-summary-list__key").get_text(strip=True): row.select_one(
            ".govuk-summary-list__value"
        ).get_text(strip=True)
        for row in page.select(".govuk-summary-list__row")
    }
    assert counts["Sign-in cards and links"] == "2"
    assert counts["Signed-in sessions"] == "1"  # the admin's first, ended long before NOW
    assert counts["Old audit events"] == "0"
    run = AuditEvent.objects.get(action="privacy.retention.applied", organisation=organisation)
    when = timezone.localtime(run.created_at)
    assert f"past its period on {when:%-d %B %Y, %H:%M}" in " ".join(page.get_text().split())
