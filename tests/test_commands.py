"""Commands an operator types: setting up an organisation, and production settings."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from wesaid.accounts.models import User
from wesaid.organisations.models import Organisation

from .conftest import CheckedClient

pytestmark = pytest.mark.django_db


def test_setup_organisation_creates_an_admin_who_signs_in_with_the_printed_code():
    out = StringIO()
    call_command(
        "setup_organisation",
        name="Valley Carers Trust",
        slug="valley",
        admin_name="Sam Admin",
        admin_username="sam.admin",
        stdout=out,
    )
    code = re.search(r"code \(it works once, for 30 days\): ([A-Z0-9-]+)", out.getvalue()).group(1)
    user = User.objects.get(username="sam.admin")
    assert user.person.roles == {"org_admin"}
    client = CheckedClient()
    response = client.post(reverse("accounts:sign_in_code"), {"code": code})
    assert response["Location"] == reverse("accounts:set_password")


def test_setup_organisation_refuses_a_taken_short_name_and_creates_nothing():
    call_command(
        "setup_organisation",
        name="A",
        slug="same",
        admin_name="A",
        admin_username="a1",
        stdout=StringIO(),
    )
    with pytest.raises(CommandError, match="exists already"):
        call_command(
            "setup_organisation",
            name="B",
            slug="same",
            admin_name="B",
            admin_username="b1",
            stdout=StringIO(),
        )
    assert Organisation.objects.filter(slug="same").count() == 1
    assert not User.objects.filter(username="b1").exists()


def test_setup_organisation_names_the_bad_field():
    with pytest.raises(CommandError, match="slug"):
        call_command(
            "setup_organisation",
            name="C",
            slug="not a slug!",
            admin_name="C",
            admin_username="c1",
            stdout=StringIO(),
        )
    assert not Organisation.objects.filter(name="C").exists()


def production_env(**extra):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "WESAID_DEBUG"}}
    env.update({"WESAID_DEBUG": "false", "ALLOWED_HOSTS": "wesaid.example.org"}, **extra)
    return env


def run_wesaid(env, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "wesaid", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_need_a_secret_key():
    result = run_wesaid(production_env(), "check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_warn_when_email_would_go_to_the_logs():
    env = production_env(SECRET_KEY="x" * 20 + "a-long-random-value-for-tests-only-1234567890")
    result = run_wesaid(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "wesaid.W001" in result.stderr


@pytest.mark.parametrize(
    ("site_url", "check_id"), [("", "wesaid.W002"), ("http://wesaid.example.org", "wesaid.W003")]
)
def test_production_settings_warn_without_an_https_site_url(site_url, check_id):
    env = production_env(
        SECRET_KEY="x" * 20 + "a-long-random-value-for-tests-only-1234567890",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        WESAID_SITE_URL=site_url,
    )
    result = run_wesaid(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert check_id in result.stderr


def test_production_settings_pass_the_deployment_checks():
    env = production_env(
        SECRET_KEY="x" * 20 + "a-long-random-value-for-tests-only-1234567890",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        WESAID_SITE_URL="https://wesaid.example.org",
    )
    result = run_wesaid(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr


def test_wesaid_serve_starts_gunicorn_and_answers_the_health_check(tmp_path):
    import socket
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = production_env(SECRET_KEY="serve-test-" + "k" * 50, ALLOWED_HOSTS="127.0.0.1")
    env.pop("DATABASE_URL", None)
    env["WESAID_VAR_DIR"] = str(tmp_path)
    server = subprocess.Popen(
        [sys.executable, "-m", "wesaid", "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        body = None
        while time.monotonic() < deadline and body is None:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/healthz", timeout=2
                ) as response:  # noqa: S310
                    body = response.read().decode()
            except OSError:
                time.sleep(0.3)
        assert body == "ok"
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0].decode()
    assert "Booting worker" in output
    assert output.count("Booting worker") >= 2


def test_wesaid_serve_refuses_to_run_in_debug_mode():
    result = run_wesaid({**os.environ, "WESAID_DEBUG": "true"}, "serve")
    assert result.returncode != 0
    assert "wesaid serve is the production server" in result.stderr


def test_setup_organisation_prints_the_configured_site_address():
    from django.test import override_settings

    out = StringIO()
    with override_settings(SITE_URL="https://wesaid.example.org"):
        # The default is read when the command builds its arguments.
        call_command(
            "setup_organisation",
            name="D",
            slug="d",
            admin_name="D",
            admin_username="d1",
            stdout=out,
        )
    assert "https://wesaid.example.org/sign-in/code/" in out.getvalue()
