"""Signing in: passwords, second factors, printed codes, emailed links and lock-outs."""

from __future__ import annotations

import datetime
import re
from urllib.parse import parse_qs, urlparse

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp

from wesaid.accounts.forms import WRONG_CODE, WRONG_PASSWORD, WRONG_TOKEN
from wesaid.accounts.models import SignInLink
from wesaid.accounts.services import sign_in_code_issue, sign_in_link_issue
from wesaid.audit.models import AuditEvent
from wesaid.core.roles import Role

from .conftest import PASSWORD, CheckedClient, give_backup_codes, make_person, sign_in

pytestmark = pytest.mark.django_db


def sign_in_with_password(client, person, password=PASSWORD, address="10.0.0.1"):
    return client.post(
        reverse("accounts:sign_in"),
        {"username": person.user.username, "password": password},
        REMOTE_ADDR=address,
    )


def test_a_member_signs_in_with_a_password_and_no_second_factor(client, member):
    response = sign_in_with_password(client, member)
    assert response["Location"] == reverse("site:dashboard")
    assert client.get(reverse("site:dashboard")).status_code == 200
    assert AuditEvent.objects.filter(action="account.signed_in", actor=member).exists()


def test_a_wrong_password_says_so_and_is_audited_without_what_was_typed(client, member):
    response = sign_in_with_password(client, member, password="not-the-password")
    body = response.content.decode()
    assert str(WRONG_PASSWORD) in body
    assert "govuk-error-summary" in body
    event = AuditEvent.objects.get(action="account.sign_in_failed")
    assert event.actor == member
    assert "not-the-password" not in str(event.changes)


# django-otp slows down guessing (1 s after the first wrong code, doubling); a person retyping
# takes longer than that, a test does not.
@override_settings(OTP_STATIC_THROTTLE_FACTOR=0)
def test_staff_must_pass_a_second_factor_before_anything_else(client, lead):
    give_backup_codes(lead, "backup99")
    response = sign_in_with_password(client, lead)
    assert response["Location"] == reverse("accounts:second_factor")
    assert client.get(reverse("projects:list"))["Location"] == reverse("accounts:second_factor")
    wrong = client.post(reverse("accounts:second_factor"), {"token": "nope1234"})
    assert str(WRONG_TOKEN) in wrong.content.decode()
    right = client.post(reverse("accounts:second_factor"), {"token": "backup99"})
    assert right["Location"] == reverse("site:dashboard")
    assert client.get(reverse("projects:list")).status_code == 200


def test_staff_without_an_app_set_one_up_and_get_backup_codes(client, lead):
    sign_in_with_password(client, lead)
    assert client.get(reverse("accounts:second_factor"))["Location"] == reverse(
        "accounts:second_factor_setup"
    )
    page = client.get(reverse("accounts:second_factor_setup"))
    assert "<svg" in page.content.decode()
    device = lead.user.totpdevice_set.get(confirmed=False)
    token = f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"
    response = client.post(reverse("accounts:second_factor_setup"), {"token": token})
    assert response["Location"] == reverse("accounts:backup_codes")
    codes_page = client.get(reverse("accounts:backup_codes")).content.decode()
    assert len(re.findall(r"<li>[a-z2-7]{8}</li>", codes_page)) == 10
    # Shown once only.
    assert (
        "<li>"
        not in client.get(reverse("accounts:backup_codes"))
        .content.decode()
        .split("govuk-width-container")[2]
    )
    assert client.get(reverse("projects:list")).status_code == 200
    assert AuditEvent.objects.filter(action="account.second_factor.added", actor=lead).exists()


@override_settings(AXES_FAILURE_LIMIT=3)
def test_repeated_failures_lock_one_username_from_one_address_never_the_whole_office(
    member, organisation
):
    colleague = make_person(organisation, Role.MEMBER, "Colleague")
    office = CheckedClient()
    for _ in range(3):
        sign_in_with_password(office, member, password="wrong-password", address="10.0.0.1")
    locked = sign_in_with_password(CheckedClient(), member, address="10.0.0.1")
    assert locked.status_code == 429
    assert "Too many tries" in locked.content.decode()
    # The colleague at the same office address still gets in.
    assert sign_in_with_password(CheckedClient(), colleague, address="10.0.0.1").status_code == 302
    # And the same person from home still gets in.
    assert sign_in_with_password(CheckedClient(), member, address="192.0.2.7").status_code == 302


@override_settings(AXES_FAILURE_LIMIT=3)
def test_guessing_a_code_locks_that_card_only(lead, member, organisation):
    carer = make_person(organisation, Role.CARER, "Carer")
    code = sign_in_code_issue(person=member, actor=lead)
    carer_code = sign_in_code_issue(person=carer, actor=lead)
    guess = code[:5] + "AAAA-AA"
    for _ in range(3):
        response = CheckedClient().post(
            reverse("accounts:sign_in_code"), {"code": guess}, REMOTE_ADDR="10.0.0.9"
        )
        assert str(WRONG_CODE) in response.content.decode() or response.status_code == 429
    # Now even the right code for that card waits from that address...
    assert (
        CheckedClient()
        .post(reverse("accounts:sign_in_code"), {"code": code}, REMOTE_ADDR="10.0.0.9")
        .status_code
        == 429
    )
    # ...but another person's card from the same room works.
    assert (
        CheckedClient()
        .post(reverse("accounts:sign_in_code"), {"code": carer_code}, REMOTE_ADDR="10.0.0.9")
        .status_code
        == 302
    )


def test_a_new_card_cancels_the_old_one(client, lead, member):
    old = sign_in_code_issue(person=member, actor=lead)
    new = sign_in_code_issue(person=member, actor=lead)
    assert (
        str(WRONG_CODE)
        in client.post(reverse("accounts:sign_in_code"), {"code": old}).content.decode()
    )
    assert client.post(reverse("accounts:sign_in_code"), {"code": new}).status_code == 302


def test_an_expired_code_does_not_work(client, lead, member):
    code = sign_in_code_issue(person=member, actor=lead, days=0)
    response = client.post(reverse("accounts:sign_in_code"), {"code": code})
    assert str(WRONG_CODE) in response.content.decode()


def test_staff_with_a_card_must_choose_a_password_then_a_second_factor(client, lead, organisation):
    facilitator = make_person(organisation, Role.FACILITATOR, "New Facilitator", password=None)
    code = sign_in_code_issue(person=facilitator, actor=lead)
    response = client.post(reverse("accounts:sign_in_code"), {"code": code})
    assert response["Location"] == reverse("accounts:set_password")
    assert client.get(reverse("projects:list"))["Location"] == reverse("accounts:set_password")
    mismatch = client.post(
        reverse("accounts:set_password"),
        {"password": "horse-battery-staple", "password_again": "x"},
    )
    assert "The two passwords are not the same" in mismatch.content.decode()
    weak = client.post(
        reverse("accounts:set_password"), {"password": "12345", "password_again": "12345"}
    )
    assert "govuk-error-summary" in weak.content.decode()
    ok = client.post(
        reverse("accounts:set_password"),
        {"password": "horse-battery-staple", "password_again": "horse-battery-staple"},
    )
    assert ok["Location"] == reverse("accounts:second_factor")


def test_an_emailed_link_signs_a_member_in_once(client, member):
    member.email = "amira@example.org"
    member.save()
    response = client.post(reverse("accounts:sign_in_link_request"), {"email": "AMIRA@example.org"})
    assert response.status_code == 200
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/sign-in/link/\?token=[\w-]+)", mail.outbox[0].body).group(
        1
    )
    token = parse_qs(urlparse(link).query)["token"][0]
    assert token not in str(list(SignInLink.objects.values_list("digest", flat=True)))
    confirm = client.get(link)
    assert confirm.status_code == 200  # a button first: scanners that open links do not use them
    assert client.post(reverse("accounts:sign_in_link"), {"token": token})["Location"] == reverse(
        "site:dashboard"
    )
    again = CheckedClient().post(reverse("accounts:sign_in_link"), {"token": token})
    assert again.status_code == 400
    assert "has been used already" in again.content.decode()


def test_unknown_addresses_and_staff_get_the_same_answer_and_no_email(client, lead):
    lead.email = "lead@example.org"
    lead.save()
    for address in ("nobody@example.org", "lead@example.org"):
        response = client.post(reverse("accounts:sign_in_link_request"), {"email": address})
        assert "Check your email" in response.content.decode()
    assert mail.outbox == []


def test_a_tampered_or_expired_link_gives_a_clear_message_and_no_access(client, member):
    token = sign_in_link_issue(person=member)
    tampered = client.get(reverse("accounts:sign_in_link"), {"token": token[:-2] + "xx"})
    assert tampered.status_code == 400
    assert "The link is not right" in tampered.content.decode()
    SignInLink.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    expired = client.post(reverse("accounts:sign_in_link"), {"token": token})
    assert expired.status_code == 400
    assert "out of date" in expired.content.decode()
    assert client.get(reverse("site:dashboard")).status_code == 302


def test_a_bad_email_address_is_named_in_the_error(client):
    response = client.post(reverse("accounts:sign_in_link_request"), {"email": "not an address"})
    body = response.content.decode()
    assert 'href="#id_email"' in body
    assert "Enter an email address in the right format" in body


@pytest.mark.django_db(transaction=True)
def test_the_email_task_runs_in_a_separate_database_worker(member):
    member.email = "amira@example.org"
    member.save()
    from wesaid.accounts.tasks import send_sign_in_link

    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        from django_tasks import task_backends

        task_backends._settings = None  # re-read TASKS
        task_backends.__dict__.pop("backends", None)
        try:
            result = send_sign_in_link.using(backend="default").enqueue(
                member.pk, "https://wesaid.example/"
            )
            assert mail.outbox == []  # nothing happens until a worker takes it
            call_command("db_worker", batch=True, no_startup_delay=True, interval=0.01)
            result.refresh()
            assert result.status.name == "SUCCESSFUL"
        finally:
            task_backends._settings = None
            task_backends.__dict__.pop("backends", None)
    assert len(mail.outbox) == 1
    assert "https://wesaid.example/sign-in/link/?token=" in mail.outbox[0].body


def test_sign_out_needs_a_button_press_and_is_audited(client, member):
    sign_in_with_password(client, member)
    assert client.get(reverse("accounts:sign_out")).status_code == 200
    assert client.get(reverse("site:dashboard")).status_code == 200
    assert client.post(reverse("accounts:sign_out"))["Location"] == reverse("accounts:signed_out")
    assert client.get(reverse("site:dashboard")).status_code == 302
    assert AuditEvent.objects.filter(action="account.signed_out", actor=member).exists()


def test_a_facilitator_can_email_a_member_a_sign_in_link(client, organisation, member):
    facilitator = make_person(organisation, Role.FACILITATOR, "Facilitator")
    member.email = "amira@example.org"
    member.save()
    sign_in(client, facilitator)
    response = client.post(reverse("accounts:send_link", args=[member.pk]), follow=True)
    assert "We have emailed Amira Member a link to sign in." in response.content.decode()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["amira@example.org"]


def test_staff_cannot_be_sent_a_sign_in_link(client, organisation, lead):
    facilitator = make_person(organisation, Role.FACILITATOR, "Facilitator")
    lead.email = "lead@example.org"
    lead.save()
    sign_in(client, facilitator)
    response = client.post(reverse("accounts:send_link", args=[lead.pk]), follow=True)
    assert "Only members and carers with an email address" in response.content.decode()
    assert mail.outbox == []


def test_changing_a_password_needs_the_second_factor_first(client, organisation):
    """Someone who knows only the password (or holds a card) cannot change it before the app."""
    admin = make_person(organisation, Role.ORG_ADMIN, "Admin")
    give_backup_codes(admin, "backup55")
    sign_in_with_password(client, admin)
    page = client.get(reverse("accounts:set_password"))
    assert page["Location"] == reverse("accounts:second_factor")
    response = client.post(
        reverse("accounts:set_password"),
        {"password": "horse-battery-staple", "password_again": "horse-battery-staple"},
    )
    assert response["Location"] == reverse("accounts:second_factor")
    admin.user.refresh_from_db()
    assert admin.user.check_password(PASSWORD)


def test_a_member_with_an_app_passes_it_before_changing_their_password(client, lead, member):
    give_backup_codes(member, "backup66")
    code = sign_in_code_issue(person=member, actor=lead)
    assert client.post(reverse("accounts:sign_in_code"), {"code": code})["Location"] == reverse(
        "accounts:second_factor"
    )
    response = client.post(
        reverse("accounts:set_password"),
        {"password": "horse-battery-staple", "password_again": "horse-battery-staple"},
    )
    assert response["Location"] == reverse("accounts:second_factor")
    member.user.refresh_from_db()
    assert member.user.check_password(PASSWORD)


def test_backup_codes_are_made_only_alongside_an_app(client, member):
    sign_in(client, member)
    response = client.post(reverse("accounts:backup_codes"))
    assert response["Location"] == reverse("accounts:second_factor_setup")
    assert not member.user.staticdevice_set.exists()
    # So the member still signs in without a second step.
    assert client.get(reverse("site:dashboard")).status_code == 200


def test_the_organiser_who_emails_a_link_is_named_in_the_audit_log(client, organisation, member):
    facilitator = make_person(organisation, Role.FACILITATOR, "Facilitator")
    member.email = "amira@example.org"
    member.save()
    sign_in(client, facilitator)
    client.post(reverse("accounts:send_link", args=[member.pk]))
    event = AuditEvent.objects.get(action="account.sign_in_link.issued")
    assert event.actor == facilitator
    assert event.organisation == organisation


def test_the_link_page_passes_only_its_origin_on_in_the_referrer(client, member):
    token = sign_in_link_issue(person=member)
    page = client.get(reverse("accounts:sign_in_link"), {"token": token})
    assert page.status_code == 200
    assert page["Referrer-Policy"] == "strict-origin"
    problem = client.get(reverse("accounts:sign_in_link"), {"token": token[:-2] + "xx"})
    assert problem["Referrer-Policy"] == "strict-origin"
    # Other pages keep the site-wide policy.
    assert client.get(reverse("accounts:sign_in"))["Referrer-Policy"] == "same-origin"


def test_nobody_can_flood_a_members_inbox_with_links(client, member):
    member.email = "amira@example.org"
    member.save()
    for _ in range(5):
        response = client.post(
            reverse("accounts:sign_in_link_request"), {"email": "amira@example.org"}
        )
        assert "Check your email" in response.content.decode()  # the same answer every time
    assert len(mail.outbox) == 3


def test_an_admin_resets_a_lost_second_step_and_the_person_sets_up_a_new_app(
    client, organisation, lead
):
    from django_otp import user_has_device

    admin = make_person(organisation, Role.ORG_ADMIN, "Admin")
    give_backup_codes(lead, "lostcode")
    sign_in(client, admin)
    page = client.get(reverse("organisations:person", args=[lead.pk])).content.decode()
    assert "Reset their second step" in page
    assert client.post(reverse("accounts:reset_second_factor", args=[lead.pk])).status_code == 302
    assert not user_has_device(lead.user)
    assert AuditEvent.objects.filter(action="account.second_factor.reset", actor=admin).exists()
    # At the next sign-in the lead is asked to set up a new app.
    again = CheckedClient()
    sign_in_with_password(again, lead)
    assert again.get(reverse("accounts:second_factor"))["Location"] == reverse(
        "accounts:second_factor_setup"
    )
