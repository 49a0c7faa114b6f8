"""Who may do what: the one policy table, and the decorator every view uses to declare its action.

Each entry names an action, the roles that may take it, and whether some of those roles may
take it only in projects they belong to. Objects are always looked up inside the signed-in
person's organisation, so another organisation's rows answer "not found", never "forbidden".
A test walks every URL route for every role against this table (tests/test_policy_matrix.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from wesaid.core.loaders import load_target
from wesaid.core.roles import SECOND_FACTOR_OPTIONAL, Role

ALL_ROLES = frozenset(Role)
STAFF = frozenset(
    {
        Role.ORG_ADMIN,
        Role.LEAD,
        Role.FACILITATOR,
        Role.PRACTITIONER,
        Role.MANAGER,
        Role.EVALUATOR,
        Role.SAFEGUARDING,
    }
)
PEOPLE_ORGANISERS = frozenset({Role.ORG_ADMIN, Role.LEAD, Role.FACILITATOR})
#: Roles who see every project in their organisation; others see the projects they are in.
OVERSIGHT = frozenset({Role.ORG_ADMIN, Role.LEAD, Role.MANAGER, Role.EVALUATOR, Role.SAFEGUARDING})


@dataclass(frozen=True)
class Rule:
    roles: frozenset[Role]
    #: Of ``roles``, these may act only on objects in projects they are a member of.
    in_own_projects_only: frozenset[Role] = frozenset()
    description: str = ""


POLICY: dict[str, Rule] = {
    "home.view": Rule(ALL_ROLES, description="See their own start page"),
    "account.manage": Rule(ALL_ROLES, description="Manage their own sign-in and second factor"),
    "project.list": Rule(ALL_ROLES, description="List the projects they can see"),
    "project.view": Rule(
        ALL_ROLES,
        in_own_projects_only=ALL_ROLES - OVERSIGHT,
        description="See a project's page",
    ),
    "project.create": Rule(frozenset({Role.ORG_ADMIN, Role.LEAD}), description="Start a project"),
    "project.edit": Rule(frozenset({Role.ORG_ADMIN, Role.LEAD}), description="Change a project"),
    "project.members.manage": Rule(
        PEOPLE_ORGANISERS,
        in_own_projects_only=frozenset({Role.FACILITATOR}),
        description="Add people to a project",
    ),
    "person.list": Rule(PEOPLE_ORGANISERS, description="List people in the organisation"),
    "person.view": Rule(PEOPLE_ORGANISERS, description="See a person's details"),
    "person.create": Rule(PEOPLE_ORGANISERS, description="Add a person, with or without a sign-in"),
    "person.sign_in_code.issue": Rule(
        PEOPLE_ORGANISERS, description="Print a one-time sign-in code for a person"
    ),
    "person.sign_in_link.send": Rule(
        PEOPLE_ORGANISERS, description="Email a member or carer a link to sign in"
    ),
    "person.second_factor.reset": Rule(
        frozenset({Role.ORG_ADMIN}),
        description="Reset someone's second step when they lose their phone and backup codes",
    ),
    "person.roles.change": Rule(frozenset({Role.ORG_ADMIN}), description="Change a person's roles"),
    "checkin.create": Rule(
        PEOPLE_ORGANISERS,
        in_own_projects_only=frozenset({Role.FACILITATOR}),
        description="Create a check-in for a project",
    ),
    "checkin.close": Rule(
        PEOPLE_ORGANISERS,
        in_own_projects_only=frozenset({Role.FACILITATOR}),
        description="Close a check-in, which releases its results outside the project team",
    ),
    "checkin.answer": Rule(
        ALL_ROLES, in_own_projects_only=ALL_ROLES, description="Answer a check-in"
    ),
    "checkin.results": Rule(
        frozenset({Role.ORG_ADMIN, Role.LEAD, Role.FACILITATOR, Role.MANAGER, Role.EVALUATOR}),
        in_own_projects_only=frozenset({Role.FACILITATOR}),
        description="See how many answered a check-in and the spread of answers",
    ),
    "measures.view": Rule(
        frozenset({Role.ORG_ADMIN, Role.LEAD}),
        description="See the organisation's measures, their wording, scoring and licences",
    ),
    "measures.manage": Rule(
        frozenset({Role.ORG_ADMIN, Role.LEAD}),
        description="Add measures, confirm a licence, type in licensed wording, make new versions",
    ),
    "consensus.view": Rule(
        ALL_ROLES,
        in_own_projects_only=ALL_ROLES - OVERSIGHT,
        description="See a project's choice of outcomes",
    ),
    "consensus.take_part": Rule(
        ALL_ROLES,
        in_own_projects_only=ALL_ROLES,
        description="Give ideas for outcomes and rate them, in a project they are in",
    ),
    "consensus.manage": Rule(
        PEOPLE_ORGANISERS,
        in_own_projects_only=frozenset({Role.FACILITATOR}),
        description="Run a choice of outcomes: outcomes to rate, rounds, the agreed set",
    ),
    "consensus.enter": Rule(
        PEOPLE_ORGANISERS,
        in_own_projects_only=frozenset({Role.FACILITATOR}),
        description="Print rating sheets and type in ideas and ratings given off screen",
    ),
    "consensus.results": Rule(
        frozenset({Role.ORG_ADMIN, Role.LEAD, Role.FACILITATOR, Role.MANAGER, Role.EVALUATOR}),
        in_own_projects_only=frozenset({Role.FACILITATOR}),
        description="See each round's ratings by group, and export them",
    ),
    "audit.view": Rule(frozenset({Role.ORG_ADMIN}), description="Read the audit log"),
    "account.data.export": Rule(ALL_ROLES, description="See and download what is held about them"),
    "person.data.export": Rule(
        frozenset({Role.ORG_ADMIN}), description="Answer a subject access request for a person"
    ),
    "person.deactivate": Rule(
        frozenset({Role.ORG_ADMIN}), description="Stop a leaver signing in, keeping what they did"
    ),
    "person.erase": Rule(frozenset({Role.ORG_ADMIN}), description="Erase a person's data"),
    "data_protection.manage": Rule(
        frozenset({Role.ORG_ADMIN}), description="Set how long each kind of data is kept"
    ),
}


def sees_all_projects(person) -> bool:
    return bool(person.roles & OVERSIGHT)


def in_project_team(project, person) -> bool:
    """Members of the project, and co-production leads, who run projects, are its team."""
    return Role.LEAD in person.roles or project.members.filter(person=person).exists()


@dataclass(frozen=True)
class ResultsViewer:
    """What one person may see of a project's results: decided here, passed to selectors.

    The rule (docs/statistics.md, "Who sees results, and when"): the project team sees live
    figures in full. Anyone else sees only a release: figures frozen once, when collection
    closes, with small numbers hidden. Live figures never leave the team, so nobody outside it
    can learn one person's answer by watching the figures change as people answer (while the
    audit log shows who answered).
    """

    in_team: bool
    #: Counts below this are hidden (with whatever would give them away); None shows all.
    hide_below: int | None

    @property
    def sees_live_results(self) -> bool:
        return self.in_team


def results_viewer(person, project) -> ResultsViewer:
    if in_project_team(project, person):
        return ResultsViewer(in_team=True, hide_below=None)
    return ResultsViewer(in_team=False, hide_below=settings.WESAID_SMALL_NUMBER_THRESHOLD)


def split_viewer(person, project) -> ResultsViewer:
    """For figures split by stakeholder group (the ratings in a choice of outcomes).

    Live figures stay inside the team, as for every result. Unlike other results, the team too
    sees a group's figures only when the group holds at least
    ``WESAID_SMALL_NUMBER_THRESHOLD`` people: in a small project a group of two would show each
    of them the other's score. Selectors never show a total beside a hidden group, so it cannot
    be worked out by subtraction.
    """
    return ResultsViewer(
        in_team=in_project_team(project, person),
        hide_below=settings.WESAID_SMALL_NUMBER_THRESHOLD,
    )


def project_of(obj):
    """The project an object belongs to, or None for organisation-level objects.

    A project answers itself (``Project.policy_project``); anything in a project has a
    ``project`` foreign key.
    """
    if obj is None:
        return None
    declared = getattr(type(obj), "policy_project", None)
    if declared is not None:
        return obj.policy_project
    return getattr(obj, "project", None)


def is_allowed(person, action: str, obj=None) -> bool:
    """Whether ``person`` may take ``action`` (on ``obj``, already in their organisation)."""
    rule = POLICY[action]
    roles = person.roles
    allowed_roles = roles & rule.roles
    if not allowed_roles:
        return False
    if allowed_roles - rule.in_own_projects_only:
        return True
    # Every role that allows it is limited to the person's own projects.
    project = project_of(obj)
    if project is None:
        return obj is None
    return project.members.filter(person=person).exists()


def roles_grantable_by(person) -> frozenset[Role]:
    """The roles ``person`` may give someone when adding them.

    Staff roles reach other people's personal data, so only those who may change roles grant
    them; everyone else who adds people adds members and carers. Otherwise a facilitator could
    add an "organisation admin", print them a card and sign in as them.
    """
    if is_allowed(person, "person.roles.change"):
        return ALL_ROLES
    return frozenset(SECOND_FACTOR_OPTIONAL)


def may_give_sign_in_to(person, holder) -> bool:
    """Whether ``person`` may give ``holder`` a way in (a printed card or an emailed link).

    Whoever makes the card can sign in with it, so it must not open roles ``person`` could not
    give: a facilitator makes cards for members and carers, an organisation admin for anyone.
    """
    return holder.roles <= roles_grantable_by(person)


def needs_verification(user) -> bool:
    """Staff must use a second factor; anyone who has set one up must use it too."""
    from django_otp import user_has_device

    return user.person.needs_second_factor or user_has_device(user, confirmed=True)


def _sign_in_redirect(request: HttpRequest) -> HttpResponse:
    query = urlencode({"next": request.get_full_path()})
    return redirect(f"{reverse('accounts:sign_in')}?{query}")


def action(name: str):
    """Declare the action a view takes; enforce sign-in, second factor, tenancy and the table.

    The object the route names is loaded by the loader registered for its URL argument
    (``core/loaders.py``), found only inside the signed-in person's organisation (404
    otherwise). The view receives it as ``request.target``.
    """
    if name not in POLICY:
        raise KeyError(f"No policy entry for action {name!r}")

    def decorate(view):
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return _sign_in_redirect(request)
            if user.person.needs_second_factor and not user.has_usable_password():
                return redirect("accounts:set_password")
            if needs_verification(user) and not user.is_verified():  # type: ignore[attr-defined]
                return redirect("accounts:second_factor")
            target = load_target(request, kwargs)
            if not is_allowed(user.person, name, target):
                raise PermissionDenied
            request.target = target  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        wrapped.wesaid_action = name  # type: ignore[attr-defined]
        return wrapped

    return decorate


def public(view):
    """Mark a view anyone may see, signed in or not."""
    view.wesaid_public = True
    return view


def signed_in_only(view):
    """A view for any signed-in person, before the second factor (sign-out, second-factor pages)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        if not request.user.is_authenticated:
            return _sign_in_redirect(request)
        return view(request, *args, **kwargs)

    wrapped.wesaid_signed_in_only = True  # type: ignore[attr-defined]
    return wrapped
