"""Shared fixtures. Every page fetched through ``client`` is checked automatically.

``CheckedClient`` checks each HTML page it receives: ``lang`` is set, the title matches the h1,
every input is labelled, there is no inline script or style, and any request that wrote to a
domain table also wrote an audit event (in the same request, so the same transaction).
"""

from __future__ import annotations

import contextlib
import re
import uuid

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client, override_settings
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from wesaid.accounts.services import user_ensure
from wesaid.checkins.services import checkin_create
from wesaid.core.roles import Role
from wesaid.organisations.services import organisation_create, person_create
from wesaid.projects.models import ProjectMember
from wesaid.projects.services import project_create, project_member_add

PASSWORD = "a-long-test-password-42"
UNAUDITED_TABLES = ("django_session", "axes_", "otp_", "django_tasks")
WRITE = re.compile(r'^\s*(INSERT INTO|UPDATE|DELETE FROM)\s+"?([a-z_]+)"?', re.IGNORECASE)


class PageProblem(AssertionError):
    pass


def check_page(html: str, url: str) -> None:
    soup = BeautifulSoup(html, "html.parser")
    problems = []
    html_tag = soup.find("html")
    if html_tag is None or html_tag.get("lang") not in {"en", "cy"}:
        problems.append("the <html> element has no lang of en or cy")
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    h1s = soup.find_all("h1")
    if len(h1s) != 1:
        problems.append(f"expected exactly one h1, found {len(h1s)}")
    else:
        h1 = " ".join(h1s[0].get_text(" ", strip=True).split())
        wanted = " ".join(re.sub(r"^(Error|Gwall): ", "", title).removesuffix(" – wesaid").split())
        if wanted != h1:
            problems.append(f"title {title!r} does not match the h1 {h1!r}")
    for field in soup.find_all(["input", "select", "textarea"]):
        if field.name == "input" and field.get("type") in {"hidden", "submit", "button"}:
            continue
        field_id = field.get("id")
        labelled = (
            (field_id and soup.find("label", attrs={"for": field_id}))
            or field.get("aria-label")
            or field.get("aria-labelledby")
            or field.find_parent("label")
        )
        if not labelled:
            problems.append(f"<{field.name} name={field.get('name')!r}> has no label")
    for script in soup.find_all("script"):
        if not script.get("src"):
            problems.append("an inline <script> (the content security policy would block it)")
    if soup.find(attrs={"style": True}):
        problems.append("an inline style attribute (the content security policy would block it)")
    if problems:
        raise PageProblem(f"{url}: " + "; ".join(problems))


class CheckedClient(Client):
    def request(self, **request):
        writes: list[str] = []

        def watch(execute, sql, params, many, context):
            match = WRITE.match(sql)
            if match:
                writes.append(match.group(2).lower())
            return execute(sql, params, many, context)

        with connection.execute_wrapper(watch):
            response = super().request(**request)
        domain_writes = [
            t for t in writes if not t.startswith(UNAUDITED_TABLES) and t != "audit_auditevent"
        ]
        if domain_writes and "audit_auditevent" not in writes:
            raise AssertionError(
                f"{request.get('PATH_INFO')} wrote {sorted(set(domain_writes))} without an audit event"
            )
        content_type = response.get("Content-Type", "")
        is_page = response.status_code < 300 or response.status_code >= 400
        if (
            content_type.startswith("text/html")
            and is_page
            and not getattr(response, "streaming", False)
        ):
            check_page(response.content.decode(), request.get("PATH_INFO", ""))
        return response


@pytest.fixture
def client():
    return CheckedClient()


@pytest.fixture(scope="session", autouse=True)
def welsh_catalogue():
    """Build the compiled Welsh catalogue from the committed .po before any page is rendered."""
    from django.core.management import call_command

    call_command("compiletranslations", verbosity=0)


@pytest.fixture(autouse=True)
def site_url(settings):
    """Emailed links point at the configured site address (never the request's host)."""
    settings.SITE_URL = "http://testserver"


@pytest.fixture(autouse=True)
def erasure_ledger_per_test(settings, tmp_path):
    """Each test writes erasures to its own ledger, never to var/."""
    settings.WESAID_ERASURE_LEDGER = tmp_path / "erasures.jsonl"


@pytest.fixture(autouse=True)
def quick_password_hashing(settings):
    """Argon2 is slow on purpose; tests make hundreds of passwords. test_settings.py checks the
    product really uses Argon2."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def english_to_start_with():
    """Each request activates its language for the thread; start every test from English."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


def make_person(organisation, role, name=None, *, password=PASSWORD, actor=None):
    person = person_create(
        organisation=organisation, display_name=name or f"Test {role}", roles=[role], actor=actor
    )
    user = user_ensure(person=person, username=f"{organisation.slug}-{role}-{uuid.uuid4().hex[:6]}")
    if password:
        user.set_password(password)
        user.save()
    return person


def give_backup_codes(person, *codes: str) -> StaticDevice:
    device, _ = StaticDevice.objects.get_or_create(
        user=person.user, name="Backup codes", defaults={"confirmed": True}
    )
    for code in codes or ("backup01",):
        StaticToken.objects.create(device=device, token=code)
    return device


def sign_in(client: Client, person) -> Client:
    """Sign in as ``person``, past the second factor where their role needs one."""
    from wesaid.core.policy import needs_verification

    client.force_login(person.user, backend="django.contrib.auth.backends.ModelBackend")
    if needs_verification(person.user):
        device = give_backup_codes(person)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


@contextlib.contextmanager
def tasks_in_the_database():
    """Queue tasks in the database, as WESAID_TASK_BACKEND=database does, not run them."""
    from django_tasks import task_backends

    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        task_backends._settings = None  # re-read TASKS
        task_backends.__dict__.pop("backends", None)
        try:
            yield
        finally:
            task_backends._settings = None
            task_backends.__dict__.pop("backends", None)


@pytest.fixture
def organisation(db):
    return organisation_create(name="Riverside Test Council", slug="riverside-test")


@pytest.fixture
def other_organisation(db):
    return organisation_create(name="Hillside Test Charity", slug="hillside-test")


@pytest.fixture
def lead(organisation):
    return make_person(organisation, Role.LEAD, "Priya Lead")


@pytest.fixture
def member(organisation):
    return make_person(organisation, Role.MEMBER, "Amira Member")


@pytest.fixture
def project(organisation, lead):
    import datetime

    return project_create(
        organisation=organisation,
        actor=lead,
        name="Carers' group",
        aims="Change the carers' assessment together.",
        area="policy",
        starts_on=datetime.date(2026, 4, 1),
    )


@pytest.fixture
def checkin(project, lead, member):
    project_member_add(
        project=project, person=member, group=ProjectMember.Group.LIVED_EXPERIENCE, actor=lead
    )
    return checkin_create(project=project, actor=lead, title="Session 1")
