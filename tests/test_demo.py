"""`wesaid demo` stays inside its own organisation and refuses production configurations."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django_otp.plugins.otp_static.models import StaticToken

from wesaid.accounts.models import User
from wesaid.accounts.services import user_ensure
from wesaid.core.roles import Role
from wesaid.organisations.models import Organisation
from wesaid.organisations.services import person_create

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=False)
def test_it_refuses_a_production_configuration_unless_forced():
    with pytest.raises(CommandError, match="production configuration"):
        call_command("demo")
    assert not Organisation.objects.filter(slug="riverside").exists()
    call_command("demo", "--force")
    assert Organisation.objects.filter(slug="riverside").exists()


@override_settings(DEBUG=True)
def test_it_never_takes_over_an_account_in_another_organisation(other_organisation):
    sam = person_create(
        organisation=other_organisation, display_name="Sam Real", roles=[Role.ORG_ADMIN], actor=None
    )
    user = user_ensure(person=sam, username="sam")
    user.set_password("the real owner's password 1")
    user.save()
    with pytest.raises(
        CommandError, match="usernames belong to people in another organisation: sam"
    ):
        call_command("demo")
    user.refresh_from_db()
    assert user.check_password("the real owner's password 1")
    assert not StaticToken.objects.filter(device__user=user).exists()
    assert not Organisation.objects.filter(slug="riverside").exists()  # nothing half-written


@override_settings(DEBUG=True)
def test_it_will_not_use_another_organisations_address(organisation):
    Organisation.objects.filter(pk=organisation.pk).update(slug="riverside")
    with pytest.raises(CommandError, match="already uses the address 'riverside'"):
        call_command("demo")


@override_settings(DEBUG=True)
def test_running_it_twice_adds_nothing_new():
    call_command("demo")
    users = User.objects.count()
    call_command("demo")
    assert User.objects.count() == users


def test_the_demo_mental_health_project_has_chosen_its_outcomes_in_two_rounds():
    from wesaid.analysis.consensus import Verdict
    from wesaid.consensus.models import Study
    from wesaid.consensus.selectors import round_results
    from wesaid.core.policy import ResultsViewer

    call_command("demo", "--force", stdout=io.StringIO())
    study = Study.objects.get(project__name="Mental health service redesign")
    rounds = list(study.rounds.order_by("number"))
    assert [r.number for r in rounds] == [1, 2] and all(r.closed_at for r in rounds)
    assert study.agreed.version == 1
    assert [o["name"] for o in study.agreed.outcomes] == [
        "Feeling safe in a crisis",
        "Being listened to by staff",
        "Knowing who to contact, day or night",
        "Feeling less alone",
    ]
    viewer = ResultsViewer(in_team=True, hide_below=5)
    # Worked by hand from the demo's scores: 6 people decide; "in" needs 5 of 6 (83%) at 7-9
    # and none at 1-3 (1 of 6 is 17%, over 15%).
    first = {o.candidate.name: o.verdict for o in round_results(rounds[0], viewer=viewer).outcomes}
    second = {o.candidate.name: o.verdict for o in round_results(rounds[1], viewer=viewer).outcomes}
    assert list(first.values()).count(Verdict.IN) == 1
    assert first["Feeling safe in a crisis"] is Verdict.IN
    assert {name for name, v in second.items() if v is Verdict.IN} == {
        "Feeling safe in a crisis",
        "Being listened to by staff",
        "Knowing who to contact, day or night",
        "Feeling less alone",
    }
    assert second["Fewer hospital admissions"] is Verdict.NONE
