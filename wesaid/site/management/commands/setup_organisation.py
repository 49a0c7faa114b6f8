"""Create an organisation and its first admin, and print a one-time code for the admin to sign in.

The admin signs in with the code, chooses a password and sets up an authenticator app.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse

from wesaid.accounts.services import sign_in_code_issue, user_ensure
from wesaid.core.roles import Role
from wesaid.organisations.models import Organisation
from wesaid.organisations.services import organisation_create, person_create
from wesaid.outcomes.services import library_load


class Command(BaseCommand):
    help = (
        "Create an organisation and its first admin; prints a one-time sign-in code for the admin."
    )

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="The organisation's name")
        parser.add_argument(
            "--slug", required=True, help="A short unique name, letters, numbers and dashes"
        )
        parser.add_argument("--admin-name", required=True, help="The first admin's name")
        parser.add_argument(
            "--admin-username", required=True, help="The username the admin will sign in with"
        )
        parser.add_argument(
            "--admin-email", default="", help="The admin's email address (optional)"
        )
        parser.add_argument(
            "--site-url",
            default=settings.SITE_URL or "http://127.0.0.1:8000",
            help="Where people reach wesaid (default: WESAID_SITE_URL)",
        )

    def handle(self, *args, **options):
        if Organisation.objects.filter(slug=options["slug"]).exists():
            raise CommandError(
                f"An organisation with the short name {options['slug']!r} exists already."
            )
        try:
            with transaction.atomic():
                organisation = organisation_create(name=options["name"], slug=options["slug"])
                admin = person_create(
                    organisation=organisation,
                    display_name=options["admin_name"],
                    roles=[Role.ORG_ADMIN],
                    actor=None,
                    email=options["admin_email"],
                )
                user_ensure(person=admin, username=options["admin_username"])
                code = sign_in_code_issue(person=admin, actor=None)
                library_load()  # the shared outcome library, the first time (then a no-op)
        except ValidationError as problem:
            details = "; ".join(
                f"{field}: {' '.join(msgs)}" for field, msgs in problem.message_dict.items()
            )
            raise CommandError(f"Nothing was created. {details}") from problem
        url = options["site_url"].rstrip("/") + reverse("accounts:sign_in_code")
        self.stdout.write(
            self.style.SUCCESS(f"Created {organisation.name} with admin {admin.display_name}.")
        )
        self.stdout.write(
            f"Give the admin this one-time code (it works once, for 30 days): {code}\n"
            f"They sign in at {url}, then choose a password and set up an authenticator app."
        )
