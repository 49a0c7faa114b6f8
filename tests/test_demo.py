"""`wesaid demo` stays inside its own organisation and refuses production configurations."""

from __future__ import annotations

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


@override_settings(DEBUG=True)
def test_it_has_the_outcome_library_and_one_outcome_of_its_own():
    from wesaid.outcomes.models import LibraryOutcome, OrganisationOutcome

    call_command("demo")
    call_command("demo")
    riverside = Organisation.objects.get(slug="riverside")
    assert LibraryOutcome.objects.current().count() >= 27
    own = OrganisationOutcome.objects.in_organisation(riverside).get()
    assert own.name == "Knowing who to call in a crisis"
    assert own.closest_to.code == "people-know-services"
    assert own.missing_wordings() == ["the easy-read wording in Welsh"]
