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
from wesaid.consensus import services as consensus
from wesaid.consensus.models import BAND_SCORES, Study, Way
from wesaid.core.roles import Role
from wesaid.organisations.models import Organisation, Person
from wesaid.organisations.services import organisation_create, person_create
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


# The mental health project has chosen its outcomes in two rounds. Each outcome: English,
# Welsh, easy read in each, then the scores of amira, dafydd, kofi, ruth, mohammed and patrick
# (who decide) and of tom and ben (staff), in round one and round two.
OUTCOMES = [
    (
        "Feeling safe in a crisis", "Teimlo'n ddiogel mewn argyfwng",
        "I feel safe when things are very hard.", "Dw i'n teimlo'n ddiogel pan fydd pethau'n anodd iawn.",
        ([9, 8, 9, 7, 6, 8], [8, 9]), ([9, 8, 9, 8, 7, 8], [8, 9]),
    ),
    (
        "Being listened to by staff", "Bod staff yn gwrando arna i",
        "Staff listen to me.", "Mae staff yn gwrando arna i.",
        ([8, 9, 6, 7, 9, 5], [7, 6]), ([8, 9, 7, 7, 9, 7], [7, 7]),
    ),
    (
        "Knowing who to contact, day or night", "Gwybod pwy i gysylltu â nhw, ddydd a nos",
        "I know who to call, day or night.", "Dw i'n gwybod pwy i'w ffonio, ddydd a nos.",
        ([7, 8, 9, 5, 6, 8], [9, 8]), ([8, 8, 9, 7, 6, 8], [9, 8]),
    ),
    (
        "Getting help quickly", "Cael help yn gyflym",
        "I get help fast.", "Dw i'n cael help yn gyflym.",
        ([7, 5, 6, 8, 9, 4], [9, 9]), ([7, 5, 6, 8, 9, 5], [9, 8]),
    ),
    (
        "Feeling less alone", "Teimlo'n llai unig",
        "I feel less alone.", "Dw i'n teimlo'n llai unig.",
        ([8, 6, 7, 9, 5, 7], [5, 4]), ([8, 7, 7, 9, 6, 7], [5, 5]),
    ),
    (
        "Fewer hospital admissions", "Llai o dderbyniadau i'r ysbyty",
        "I go to hospital less often.", "Dw i'n mynd i'r ysbyty yn llai aml.",
        ([3, 5, 2, 7, 4, 6], [9, 8]), ([3, 4, 2, 6, 4, 5], [9, 9]),
    ),
    (
        "Carers being part of the plan", "Gofalwyr yn rhan o'r cynllun",
        "My carer helps make my plan.", "Mae fy ngofalwr yn helpu i wneud fy nghynllun.",
        ([6, 4, 9, 5, 7, 3], [6, 7]), ([6, 5, 8, 5, 7, 4], [6, 7]),
    ),
]  # fmt: skip
DECIDE = ["amira", "dafydd", "kofi", "ruth", "mohammed", "patrick"]
STAFF = ["tom", "ben"]
IDEAS = [
    ("amira", "Knowing there is someone to ring at 3 in the morning", Way.ONLINE),
    ("dafydd", "Bod rhywun yn gwrando go iawn, nid dim ond llenwi ffurflen", Way.PHONE),
    ("kofi", "Not ending up in hospital miles from home", Way.SESSION),
    ("patrick", "Me being told what the plan is, as his carer", Way.SESSION),
    ("ruth", "Feeling safe when it all gets too much", Way.ONLINE),
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
            self._outcomes_chosen(organisation, people, lead)
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

    def _outcomes_chosen(self, organisation, people, lead) -> None:
        """Two finished rounds and an agreed set for the mental health project."""
        project = Project.objects.get(organisation=organisation, name=PROJECTS[1]["name"])
        if Study.objects.filter(project=project).exists():
            return
        study = consensus.study_create(
            project=project, actor=lead, title="What a good crisis service means to us"
        )
        ideas = [
            consensus.idea_give(
                study=study,
                person=people[key],
                words=words,
                way=way,
                recorded_by=None if way == Way.ONLINE else people["tom"],
            )
            for key, words, way in IDEAS
        ]
        outcomes = []
        for name, name_cy, easy, easy_cy, _first, _second in OUTCOMES:
            outcomes.append(
                consensus.candidate_add(
                    study=study,
                    actor=lead,
                    name=name,
                    name_cy=name_cy,
                    easy_read=easy,
                    easy_read_cy=easy_cy,
                )
            )
        for idea, outcome in zip(
            ideas, [outcomes[2], outcomes[1], outcomes[5], outcomes[6], outcomes[0]], strict=True
        ):
            idea.candidate = outcome
            idea.save(update_fields=["candidate"])
        today = datetime.date.today()
        dates = [
            (datetime.date(2026, 9, 1), datetime.date(2026, 9, 21)),
            (datetime.date(2026, 10, 5), datetime.date(2026, 10, 26)),
        ]
        rounds = []
        for number, (opens_on, closes_on) in enumerate(dates):
            # Rounds are opened until today, rated, closed, then given their real dates, so
            # the demo's history reads like a finished study.
            round_ = consensus.round_open(
                study=study, actor=lead, opens_on=opens_on, closes_on=max(today, closes_on)
            )
            for outcome, spec in zip(outcomes, OUTCOMES, strict=True):
                decide, staff = spec[4 + number]
                for key, score in zip(DECIDE, decide, strict=True):
                    extra = {}
                    if number == 1 and key == "dafydd":
                        extra = {"way": Way.PAPER, "entered_by": people["tom"]}
                    if number == 1 and key == "patrick":  # chose easy read: three choices
                        band = next(b for b, scores in BAND_SCORES.items() if score in scores)
                        consensus.rating_save(
                            round_=round_, candidate=outcome, person=people[key], band=band
                        )
                        continue
                    consensus.rating_save(
                        round_=round_, candidate=outcome, person=people[key], score=score, **extra
                    )
                for key, score in zip(STAFF, staff, strict=True):
                    consensus.rating_save(
                        round_=round_, candidate=outcome, person=people[key], score=score
                    )
            consensus.round_close(round_=round_, actor=lead)
            consensus.round_dates_change(
                round_=round_, actor=lead, opens_on=opens_on, closes_on=closes_on
            )
            rounds.append(round_)
        agreed = [outcomes[i] for i in (0, 1, 2, 4)]
        consensus.agreed_set_confirm(
            study=study,
            actor=lead,
            outcomes=agreed,
            decided_on=datetime.date(2026, 11, 2),
            verdicts={o.pk: "in" for o in agreed},
        )

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
