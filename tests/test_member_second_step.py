"""Members are told only what applies to them about an extra sign-in step, in plain words;
staff keep the reason that is true for them."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from .conftest import CheckedClient, sign_in

pytestmark = pytest.mark.django_db

STAFF_REASON = "because you can see other people's personal information"
# Jargon for a member. The free apps' own names ("Microsoft Authenticator") are not jargon.
JARGON = ("authenticator app", "QR code", "backup code", "Key to type in")


def _text(response) -> str:
    main = BeautifulSoup(response.content, "html.parser").select_one("main")
    assert main is not None
    return " ".join(main.get_text(" ").split())


def test_a_member_setting_up_an_extra_step_is_told_it_is_their_choice_without_jargon(
    client, member
):
    sign_in(client, member)
    text = _text(client.get(reverse("accounts:second_factor_setup")))
    assert STAFF_REASON not in text
    assert "It is your choice." in text
    assert "Add an extra sign-in step" in text
    assert not [word for word in JARGON if word.lower() in text.lower()], text


def test_staff_are_told_why_they_need_the_second_step(client, lead):
    client.force_login(lead.user, backend="django.contrib.auth.backends.ModelBackend")
    text = _text(client.get(reverse("accounts:second_factor_setup")))
    assert STAFF_REASON in text


def test_a_member_gets_spare_codes_explained_in_plain_words(member):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = sign_in(CheckedClient(), member)
    assert client.get(reverse("accounts:second_factor_setup")).status_code == 200
    device = TOTPDevice.objects.get(user=member.user, confirmed=False)
    made = client.post(
        reverse("accounts:second_factor_setup"),
        {"token": f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"},
        follow=True,
    )
    text = _text(made)
    assert "Your spare codes" in text
    assert "If you lose your phone, you can sign in with one of these codes" in text
    assert "backup" not in text.lower()


def test_the_account_page_offers_members_the_extra_step_as_a_choice_once(client, member):
    sign_in(client, member)
    text = _text(client.get(reverse("accounts:account")))
    assert "You do not have to." in text
    assert text.count("Your data") == 1


def test_a_member_in_welsh_reads_the_extra_step_in_welsh(client, member):
    sign_in(client, member)
    text = _text(client.get("/cy" + reverse("accounts:second_factor_setup")))
    assert "Eich dewis chi yw hyn." in text
