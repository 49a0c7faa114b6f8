"""Load the fictional Riverside Borough Council, its people, projects and answers.

Running it again finds what is there and adds only what is missing, so nothing is duplicated.
Every write goes through the same services the screens use, so the audit log fills up too.
"""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from wesaid.accounts.models import User
from wesaid.accounts.services import sign_in_code_issue, user_ensure
from wesaid.checkins.models import CheckIn, Feeling
from wesaid.checkins.services import checkin_answer, checkin_create
from wesaid.core.roles import Role
from wesaid.organisations.models import Organisation, Person
from wesaid.organisations.services import organisation_create, person_create
from wesaid.outcomes.models import LibraryOutcome, OrganisationOutcome
from wesaid.outcomes.services import library_load, own_outcome_create
from wesaid.projects.models import Project, ProjectMember
from wesaid.projects.services import project_create, project_member_add

DEMO_NAME = "Riverside Borough Council"
DEMO_SLUG = "riverside"
DEMO_PASSWORD = "riverside-demo-2026"  # noqa: S105 - fictional demo data, printed on purpose
DEMO_BACKUP_CODES = ["demo0001", "demo0002", "demo0003", "demo0004", "demo0005"]

G = ProjectMember.Group
PEOPLE = [
    # username, name, roles, language, email
    ("sam", "Sam Whitfield", [Role.ORG_ADMIN], "en", "sam.whitfield@riverside.example"),
    ("priya", "Priya Shah", [Role.LEAD], "en", "priya.shah@riverside.example"),
    ("tom", "Tom Evans", [Role.FACILITATOR], "en", "tom.evans@riverside.example"),
    ("grace", "Grace Okafor", [Role.MANAGER], "en", "grace.okafor@riverside.example"),
    ("hannah", "Hannah Lewis", [Role.EVALUATOR], "cy", "hannah.lewis@riverside.example"),
    ("marek", "Marek Nowak", [Role.SAFEGUARDING], "en", "marek.nowak@riverside.example"),
    ("chloe", "Chloe Baker", [Role.PRACTITIONER], "en", "chloe.baker@riverside.example"),
    ("ben", "Ben Taylor", [Role.PRACTITIONER], "en", ""),
    ("amira", "Amira Hassan", [Role.MEMBER], "en", "amira@example.org"),
    ("dafydd", "Dafydd Price", [Role.MEMBER], "cy", ""),
    ("kofi", "Kofi Boateng", [Role.MEMBER], "en", ""),
    ("ruth", "Ruth Cohen", [Role.MEMBER], "en", "ruth@example.org"),
    ("mohammed", "Mohammed Ali", [Role.MEMBER], "en", ""),
    ("joy", "Joy Mensah", [Role.CARER], "en", "joy@example.org"),
    ("liwei", "Li Wei", [Role.CARER], "en", ""),
    ("sian", "Siân Roberts", [Role.CARER], "cy", ""),
    ("patrick", "Patrick Doherty", [Role.CARER, Role.MEMBER], "en", ""),
]

# An outcome of Riverside's own, close to one in the shared library. Its Welsh easy-read
# wording is left for the group to write, so its page shows the completeness note.
OWN_OUTCOME = {
    "beneficiary": "people",
    "domain": "satisfaction",
    "name": "Knowing who to call in a crisis",
    "easy_read": "I know who to call when things get bad.",
    "name_cy": "Gwybod pwy i'w ffonio mewn argyfwng",
    "closest_to": "people-know-services",
}

PROJECTS = [
    {
        "name": "Carers' co-production group",
        "aims": (
            "Unpaid carers and council staff redesign the carers' assessment together, so it is "
            "shorter, kinder and leads to support that helps."
        ),
        "area": Project.Area.POLICY,
        "starts_on": datetime.date(2026, 4, 1),
        "status": Project.Status.ACTIVE,
        "members": [
            ("joy", G.CARER),
            ("liwei", G.CARER),
            ("sian", G.CARER),
            ("patrick", G.CARER),
            ("tom", G.PRACTITIONER),
            ("chloe", G.PRACTITIONER),
            ("grace", G.LEADERSHIP),
        ],
        "checkins": [
            ("Session 1: what the assessment is like now", [5, 4, 4, 3, 4, 5]),
            ("Session 2: mapping the journey", [4, 4, 2, 4, 5]),
        ],
    },
    {
        "name": "Mental health service redesign",
        "aims": (
            "People who use community mental health services, their carers and practitioners "
            "decide together how the crisis and recovery service should work."
        ),
        "area": Project.Area.SERVICE_DESIGN,
        "starts_on": datetime.date(2026, 6, 15),
        "ends_on": datetime.date(2027, 6, 30),
        "status": Project.Status.ACTIVE,
        "members": [
            ("amira", G.LIVED_EXPERIENCE),
            ("dafydd", G.LIVED_EXPERIENCE),
            ("kofi", G.LIVED_EXPERIENCE),
            ("ruth", G.LIVED_EXPERIENCE),
            ("mohammed", G.LIVED_EXPERIENCE),
            ("patrick", G.CARER),
            ("tom", G.PRACTITIONER),
            ("ben", G.PRACTITIONER),
        ],
        "checkins": [
            ("Welcome session", [4, 5, 3, 4, 2, 4]),
            ("Crisis pathway workshop", [3, 4, 4, 1]),
        ],
    },
]


class Command(BaseCommand):
    help = "Load demo data: Riverside Borough Council, its people, projects and answers (safe to run twice)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load the demo even though WESAID_DEBUG is off (a production configuration).",
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "This looks like a production configuration (WESAID_DEBUG is off). The demo "
                "prints passwords and sign-in codes, so load it only into a trial copy, or add "
                "--force if this is one."
            )
        with transaction.atomic():
            organisation = self._organisation()
            self._refuse_other_organisations(organisation)
            people = {key: self._person(organisation, key, *rest) for key, *rest in PEOPLE}
            lead = people["priya"]
            for spec in PROJECTS:
                self._project(organisation, spec, people, lead)
            library_load()  # the shared outcome library, if it is not loaded yet
            self._own_outcome(organisation, lead)
            self._staff_backup_codes(people)
        code = sign_in_code_issue(person=people["amira"], actor=people["tom"])
        self.stdout.write(self.style.SUCCESS("Demo data for Riverside Borough Council is ready."))
        self.stdout.write(
            "\nSign in at http://127.0.0.1:8000/sign-in/\n"
            f"  Co-production lead: username priya, password {DEMO_PASSWORD},\n"
            f"    then a backup code for the second step: {', '.join(DEMO_BACKUP_CODES)}\n"
            "    (each works once; `wesaid demo` resets them)\n"
            f"  Member with lived experience: username amira, password {DEMO_PASSWORD}\n"
            f"    or, on the card page, the one-time code {code}\n"
            "  Every demo person has the same password: sam (admin), tom (facilitator), grace, hannah,\n"
            "  marek, chloe, ben, dafydd, kofi, ruth, mohammed, joy, liwei, sian, patrick.\n"
        )

    def _organisation(self) -> Organisation:
        existing = Organisation.objects.filter(slug=DEMO_SLUG).first()
        if existing is not None and existing.name != DEMO_NAME:
            raise CommandError(
                f"An organisation called {existing.name!r} already uses the address "
                f"{DEMO_SLUG!r}. The demo will not touch it."
            )
        return existing or organisation_create(name=DEMO_NAME, slug=DEMO_SLUG)

    def _refuse_other_organisations(self, organisation) -> None:
        """The demo never takes over a sign-in that belongs to anyone outside its organisation."""
        usernames = [username for username, *_rest in PEOPLE]
        taken = sorted(
            User.objects.filter(username__in=usernames)
            .exclude(person__organisation=organisation)
            .values_list("username", flat=True)
        )
        if taken:
            raise CommandError(
                f"These usernames belong to people in another organisation: {', '.join(taken)}. "
                "The demo will not change them. Load the demo into its own database."
            )

    def _person(self, organisation, username, name, roles, language, email) -> Person:
        user = User.objects.filter(username=username, person__organisation=organisation).first()
        if user is not None:
            return user.person
        person = person_create(
            organisation=organisation,
            display_name=name,
            roles=roles,
            actor=None,
            email=email,
            preferred_language=language,
        )
        user = user_ensure(person=person, username=username)
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        return person

    def _project(self, organisation, spec, people, lead) -> None:
        project = Project.objects.filter(organisation=organisation, name=spec["name"]).first()
        if project is None:
            fields = {k: spec[k] for k in ("name", "aims", "area", "starts_on", "status")}
            project = project_create(
                organisation=organisation, actor=lead, ends_on=spec.get("ends_on"), **fields
            )
        for key, group in spec["members"]:
            if not ProjectMember.objects.filter(project=project, person=people[key]).exists():
                project_member_add(project=project, person=people[key], group=group, actor=lead)
        members = [people[key] for key, _group in spec["members"]]
        for title, feelings in spec["checkins"]:
            checkin = CheckIn.objects.filter(project=project, title=title).first()
            if checkin is not None:
                continue
            checkin = checkin_create(project=project, actor=people["tom"], title=title)
            for person, feeling in zip(members, feelings, strict=False):
                checkin_answer(
                    checkin=checkin,
                    person=person,
                    feeling=Feeling(feeling),
                    submission_id=uuid.uuid4(),
                )

    def _own_outcome(self, organisation, lead) -> None:
        spec = dict(OWN_OUTCOME)
        if OrganisationOutcome.objects.in_organisation(organisation).filter(name=spec["name"]):
            return
        spec["closest_to"] = LibraryOutcome.objects.get(code=spec["closest_to"])
        own_outcome_create(organisation=organisation, actor=lead, **spec)

    def _staff_backup_codes(self, people) -> None:
        """Known backup codes so people trying the demo can pass the second step without an app."""
        for person in people.values():
            if not person.needs_second_factor:
                continue
            device, _ = StaticDevice.objects.get_or_create(
                user=person.user, name="Backup codes", defaults={"confirmed": True}
            )
            device.token_set.all().delete()
            StaticToken.objects.bulk_create(
                StaticToken(device=device, token=t) for t in DEMO_BACKUP_CODES
            )
