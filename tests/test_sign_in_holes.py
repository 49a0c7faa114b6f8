"""The sign-in holes the review found, each closed at its root (issue 7)."""

from __future__ import annotations

import logging
import threading

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.db import close_old_connections
from django.test import override_settings
from django.urls import reverse

from wesaid.accounts.models import SignInCode, SignInLink
from wesaid.accounts.services import (
    LINKS_PER_HOUR,
    REQUESTS_PER_HOUR,
    LinkLimit,
    sign_in_code_issue,
    sign_in_link_issue,
)
from wesaid.audit.models import AuditEvent
from wesaid.core.roles import Role
from wesaid.organisations.models import Membership
from wesaid.organisations.services import person_roles_set

from .conftest import PASSWORD, CheckedClient, give_backup_codes, make_person, sign_in

pytestmark = pytest.mark.django_db

ON_POSTGRES = django_settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


def use_card(code: str) -> CheckedClient:
    client = CheckedClient()
    client.post(reverse("accounts:sign_in_code"), {"code": code})
    return client


def signed_in_by(client) -> bool:
    return client.get(reverse("site:dashboard")).status_code == 200


def test_a_card_printed_for_a_member_stops_working_when_they_become_staff(lead, member):
    code = sign_in_code_issue(person=member, actor=lead)
    token = sign_in_link_issue(person=member)
    admin = make_person(lead.organisation, Role.ORG_ADMIN, "Olu Admin")
    person_roles_set(person=member, roles=[Role.LEAD], actor=admin)
    assert not signed_in_by(use_card(code))
    link_page = CheckedClient().post(reverse("accounts:sign_in_link"), {"token": token})
    assert link_page.status_code == 400


def test_a_new_card_ends_an_earlier_link_and_a_new_link_an_earlier_card(lead, member):
    token = sign_in_link_issue(person=member)
    code = sign_in_code_issue(person=member, actor=lead)
    assert not SignInLink.objects.filter(person=member).usable().exists()
    sign_in_link_issue(person=member)
    assert not SignInCode.objects.filter(person=member).usable().exists()
    assert not signed_in_by(use_card(code))
    assert (
        CheckedClient().post(reverse("accounts:sign_in_link"), {"token": token}).status_code == 400
    )


def test_changing_a_password_asks_for_the_current_one(client, member):
    sign_in(client, member)
    url = reverse("accounts:set_password")
    new = {"password": "three green apples 42", "password_again": "three green apples 42"}
    missing = client.post(url, new).content.decode()
    assert "Enter your current password" in missing
    wrong = client.post(url, {**new, "current_password": "not it at all 99"}).content.decode()
    assert "Your current password is not right" in wrong
    member.user.refresh_from_db()
    assert member.user.check_password(PASSWORD)
    assert client.post(url, {**new, "current_password": PASSWORD}).status_code == 302
    member.user.refresh_from_db()
    assert member.user.check_password("three green apples 42")


def test_someone_with_only_a_card_may_set_a_first_password(organisation, lead):
    carer = make_person(organisation, Role.CARER, "Cerys Carer", password=None)
    client = use_card(sign_in_code_issue(person=carer, actor=lead))
    page = client.get(reverse("accounts:set_password")).content.decode()
    assert "Current password" not in page
    new = {"password": "three green apples 42", "password_again": "three green apples 42"}
    assert client.post(reverse("accounts:set_password"), new).status_code == 302


def test_the_session_id_changes_after_the_second_step(client, lead):
    give_backup_codes(lead, "backup77")
    client.post(reverse("accounts:sign_in"), {"username": lead.user.username, "password": PASSWORD})
    before = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    response = client.post(reverse("accounts:second_factor"), {"token": "backup77"})
    assert response.status_code == 302
    after = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    assert after != before
    assert signed_in_by(client)


@override_settings(DEBUG=False)
def test_in_production_no_link_is_sent_without_the_site_url(client, settings, member, caplog):
    settings.SITE_URL = ""
    member.email = "amira@example.org"
    member.save()
    with caplog.at_level(logging.ERROR):
        page = client.post(reverse("accounts:sign_in_link_request"), {"email": "amira@example.org"})
    assert "Check your email" in page.content.decode()
    assert mail.outbox == []
    assert "WESAID_SITE_URL is not set" in caplog.text
    facilitator = make_person(member.organisation, Role.FACILITATOR, "Fay Facilitator")
    organiser = sign_in(CheckedClient(), facilitator)
    answer = organiser.post(reverse("accounts:send_link", args=[member.pk]), follow=True)
    assert "Emailed links are switched off" in answer.content.decode()
    assert mail.outbox == []


def test_one_address_cannot_use_up_a_members_links(member, organisation):
    member.email = "amira@example.org"
    member.save()
    asker = CheckedClient()
    for n in range(REQUESTS_PER_HOUR):
        asker.post(
            reverse("accounts:sign_in_link_request"),
            {"email": f"nobody{n}@example.org"},
            REMOTE_ADDR="203.0.113.9",
        )
    page = asker.post(
        reverse("accounts:sign_in_link_request"),
        {"email": "amira@example.org"},
        REMOTE_ADDR="203.0.113.9",
    )
    assert "Check your email" in page.content.decode()  # the same answer
    assert mail.outbox == []
    assert AuditEvent.objects.filter(action="account.sign_in_link.request_limited").count() == 1
    CheckedClient().post(
        reverse("accounts:sign_in_link_request"),
        {"email": "amira@example.org"},
        REMOTE_ADDR="198.51.100.4",
    )
    assert len(mail.outbox) == 1  # the member can still ask from their own address


def test_the_per_person_limit_holds_on_every_path(client, organisation, member):
    member.email = "amira@example.org"
    member.save()
    for _ in range(LINKS_PER_HOUR):
        sign_in_link_issue(person=member)
    with pytest.raises(LinkLimit):
        sign_in_link_issue(person=member)
    facilitator = make_person(organisation, Role.FACILITATOR, "Fay Facilitator")
    sign_in(client, facilitator)
    answer = client.post(reverse("accounts:send_link", args=[member.pk]), follow=True)
    assert "has had enough links for now" in answer.content.decode()
    assert mail.outbox == []


def test_a_wrong_second_step_code_is_audited_without_the_code(client, lead):
    give_backup_codes(lead, "backup88")
    client.post(reverse("accounts:sign_in"), {"username": lead.user.username, "password": PASSWORD})
    client.post(reverse("accounts:second_factor"), {"token": "wrong123"})
    event = AuditEvent.objects.get(action="account.second_factor.failed")
    assert event.actor_id == lead.pk
    assert "wrong123" not in str(event.changes)


def test_a_bad_or_used_link_is_audited_without_the_token(member):
    token = sign_in_link_issue(person=member)
    CheckedClient().post(reverse("accounts:sign_in_link"), {"token": token})
    CheckedClient().post(reverse("accounts:sign_in_link"), {"token": token})  # used
    CheckedClient().get(reverse("accounts:sign_in_link"), {"token": "made-up-token"})
    events = AuditEvent.objects.filter(action="account.sign_in_link.refused").order_by("pk")
    assert [e.changes["reason"] for e in events] == ["used", "unknown"]
    assert all(token not in str(e.changes) and "made-up" not in str(e.changes) for e in events)
    assert events[0].object_type and events[1].object_id == ""


if ON_POSTGRES:

    @pytest.mark.django_db(transaction=True)
    def test_two_admins_demoting_at_once_leave_one_admin(organisation):
        """Real parallel requests: "demote me" and "demote the other admin" at the same time."""
        first = make_person(organisation, Role.ORG_ADMIN, "First Admin")
        second = make_person(organisation, Role.ORG_ADMIN, "Second Admin")
        for attempt in range(5):
            clients = [sign_in(CheckedClient(), first), sign_in(CheckedClient(), first)]
            start = threading.Barrier(2)
            statuses = []

            def demote(client, target, start=start, statuses=statuses):
                try:
                    start.wait()
                    url = reverse("organisations:person_roles", args=[target.pk])
                    statuses.append(client.post(url, {"roles": [Role.LEAD]}).status_code)
                finally:
                    close_old_connections()

            threads = [
                threading.Thread(target=demote, args=(clients[0], first)),
                threading.Thread(target=demote, args=(clients[1], second)),
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            admins = Membership.objects.filter(organisation=organisation, role=Role.ORG_ADMIN)
            assert admins.count() == 1, f"attempt {attempt}: {statuses}"
            # Make both admins again for the next attempt.
            for person in (first, second):
                if not admins.filter(person=person).exists():
                    Membership.objects.create(person=person, role=Role.ORG_ADMIN)
