"""Answering a check-in: stored once, replaced by a later answer, never someone else's form."""

from __future__ import annotations

import re
import threading
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections
from django.urls import reverse

from wesaid.checkins.models import CheckInAnswer
from wesaid.checkins.services import SEND_AGAIN, checkin_answer
from wesaid.core.roles import Role
from wesaid.projects.models import ProjectMember
from wesaid.projects.services import project_member_add

from .conftest import make_person, sign_in


@pytest.mark.django_db
def test_a_later_answer_replaces_the_earlier_one(checkin, member):
    checkin_answer(checkin=checkin, person=member, feeling=2, submission_id=uuid.uuid4())
    _, stored_now = checkin_answer(
        checkin=checkin, person=member, feeling=5, submission_id=uuid.uuid4()
    )
    assert stored_now
    assert list(
        CheckInAnswer.objects.filter(checkin=checkin).values_list("feeling", flat=True)
    ) == [5]


@pytest.mark.django_db
def test_someone_elses_submission_id_is_refused(checkin, member, organisation, lead, project):
    other = make_person(organisation, Role.CARER, "Joy")
    project_member_add(project=project, person=other, group=ProjectMember.Group.CARER, actor=lead)
    taken = uuid.uuid4()
    checkin_answer(checkin=checkin, person=other, feeling=4, submission_id=taken)
    with pytest.raises(ValidationError) as problem:
        checkin_answer(checkin=checkin, person=member, feeling=1, submission_id=taken)
    assert problem.value.messages == [str(SEND_AGAIN)]
    assert CheckInAnswer.objects.get(person=other).feeling == 4


@pytest.mark.django_db
def test_the_form_comes_back_with_a_fresh_id_after_a_refused_submission(
    client, checkin, member, organisation, lead, project
):
    other = make_person(organisation, Role.CARER, "Joy")
    project_member_add(project=project, person=other, group=ProjectMember.Group.CARER, actor=lead)
    taken = uuid.uuid4()
    checkin_answer(checkin=checkin, person=other, feeling=4, submission_id=taken)
    sign_in(client, member)
    response = client.post(
        reverse("checkins:answer", args=[checkin.pk]), {"feeling": "3", "submission_id": str(taken)}
    )
    body = response.content.decode()
    assert "Something went wrong with that form" in body
    fresh = re.search(r'name="submission_id" value="([0-9a-f-]+)"', body).group(1)
    assert fresh != str(taken)
    assert 'value="3" checked' in body
    again = client.post(
        reverse("checkins:answer", args=[checkin.pk]), {"feeling": "3", "submission_id": fresh}
    )
    assert again.status_code == 302


@pytest.mark.django_db(transaction=True)
def test_racing_retries_store_one_answer(checkin, member):
    """Several requests with the same form at once (a flaky connection retrying)."""
    submission = uuid.uuid4()
    results, errors = [], []
    start = threading.Barrier(4)

    def send():
        try:
            start.wait()
            results.append(
                checkin_answer(checkin=checkin, person=member, feeling=4, submission_id=submission)
            )
        except Exception as exc:  # noqa: BLE001 - any error fails the test below
            errors.append(exc)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert CheckInAnswer.objects.filter(checkin=checkin, person=member).count() == 1
    assert sum(1 for _, stored_now in results if stored_now) == 1
