"""What sign-in holds about people, including the sign-in libraries' own tables.

The register of personal data is described in core/personal_data.py.
"""

from django.contrib.sessions.models import Session
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult

from wesaid.core.personal_data import Basis, Erasure, Link, PersonalData, Retention, register

SIGN_IN_SEEN_BY = _("Nobody reads these: wesaid checks them when someone signs in.")
MADE = _("When it was made")

register(
    PersonalData(
        "accounts.User",
        links={"person": Link.ABOUT},
        subject=True,
        fields=("username", "is_active", "created_at", "last_login"),
        name=_("Sign-in"),
        labels={
            "username": _("Username"),
            "is_active": _("Can sign in"),
            "created_at": MADE,
            "last_login": _("Last signed in"),
        },
        purpose=_("To let a person sign in."),
        basis=Basis.PUBLIC_TASK,
        retention=Retention.PEOPLE,
        on_erasure=Erasure.DELETE,
        seen_by=_("Organisation admins see the username; the person themselves."),
    )
)

for label, links, name in (
    (
        "accounts.SignInCode",
        {"person": Link.ABOUT, "created_by": Link.BY},
        _("Printed sign-in cards"),
    ),
    ("accounts.SignInLink", {"person": Link.ABOUT}, _("Emailed sign-in links")),
):
    register(
        PersonalData(
            label,
            links=links,
            fields=("created_at", "expires_at", "used_at"),
            name=name,
            labels={
                "created_at": MADE,
                "expires_at": _("When it stops working"),
                "used_at": _("When it was used"),
            },
            purpose=_(
                "Printed sign-in cards and emailed sign-in links (only a hash of each is kept)."
            ),
            basis=Basis.PUBLIC_TASK,
            retention=Retention.SIGN_IN,
            on_erasure=Erasure.DELETE,
            seen_by=SIGN_IN_SEEN_BY,
        )
    )

for label, links, name in (
    ("otp_totp.TOTPDevice", {"user__person": Link.ABOUT}, _("Authenticator apps")),
    ("otp_static.StaticDevice", {"user__person": Link.ABOUT}, _("Sets of backup codes")),
    ("otp_static.StaticToken", {"device__user__person": Link.ABOUT}, _("Backup codes")),
):
    register(
        PersonalData(
            label,
            links=links,
            fields=("id",),
            name=name,
            labels={"id": _("Record number")},
            purpose=_("The second step of signing in: an authenticator app or backup codes."),
            basis=Basis.PUBLIC_TASK,
            retention=Retention.PEOPLE,
            on_erasure=Erasure.DELETE,
            seen_by=SIGN_IN_SEEN_BY,
        )
    )

for label, name in (
    ("axes.AccessAttempt", _("Sign-in attempts counted for locking out")),
    ("axes.AccessLog", _("Sign-ins and sign-outs")),
    ("axes.AccessFailureLog", _("Failed sign-ins")),
):
    register(
        PersonalData(
            label,
            links={},
            lookup=("user__username", "username"),
            fields=("username", "ip_address", "user_agent", "attempt_time"),
            name=name,
            labels={
                "username": _("Username"),
                "ip_address": _("Internet address (IP address)"),
                "user_agent": _("Web browser"),
                "attempt_time": _("When"),
            },
            purpose=_("Failed and successful sign-ins, to lock out someone guessing passwords."),
            basis=Basis.LEGITIMATE_INTERESTS,
            retention=Retention.LOCKOUTS,
            on_erasure=Erasure.DELETE,
            seen_by=_("Nobody reads these in wesaid; the server's administrators can."),
        )
    )


def sessions_of(person) -> QuerySet:
    """Every stored session signed in as the person's sign-in, live or ended.

    A session keeps the sign-in's id inside its encoded data, so each one is read."""
    user_id = type(person)._default_manager.filter(pk=person.pk).values_list("user", flat=True)
    wanted = {str(pk) for pk in user_id if pk is not None}
    keys = [
        session.session_key
        for session in Session.objects.iterator()
        if wanted and session.get_decoded().get("_auth_user_id") in wanted
    ]
    return Session.objects.filter(session_key__in=keys)


register(
    PersonalData(
        "sessions.Session",
        links={},
        find=sessions_of,
        # Never the session key: whoever holds it is signed in as the person.
        fields=("expire_date",),
        name=_("Signed-in sessions"),
        labels={"expire_date": _("Signed in until")},
        purpose=_(
            "To keep a person signed in from one page to the next. A session holds the number "
            "of their sign-in, never their name."
        ),
        basis=Basis.PUBLIC_TASK,
        retention=Retention.SESSIONS,
        on_erasure=Erasure.DELETE,
        seen_by=SIGN_IN_SEEN_BY,
    )
)


#: The one task that names a person: sending a sign-in link (accounts.tasks).
SIGN_IN_LINK_TASK = "wesaid.accounts.tasks.send_sign_in_link"


def sign_in_emails_of(person) -> QuerySet:
    """Queued or finished "email a sign-in link" tasks for the person, or asked for by them."""
    return DBTaskResult.objects.filter(task_path=SIGN_IN_LINK_TASK).filter(
        Q(args_kwargs__args__0=person.pk) | Q(args_kwargs__kwargs__actor_id=person.pk)
    )


register(
    PersonalData(
        "django_tasks_database.DBTaskResult",
        links={},
        find=sign_in_emails_of,
        fields=("enqueued_at", "finished_at"),
        name=_("Sign-in emails waiting to be sent, or sent"),
        labels={"enqueued_at": _("When it was asked for"), "finished_at": _("When it was done")},
        purpose=_(
            "To send sign-in emails in the background. The task holds the number of the "
            "person's record, never their name or email address."
        ),
        basis=Basis.PUBLIC_TASK,
        retention=Retention.TASKS,
        on_erasure=Erasure.DELETE,
        seen_by=_("Nobody reads these in wesaid; the server's administrators can."),
    )
)
