"""What sign-in holds about people, including the sign-in libraries' own tables.

The register of personal data is described in core/personal_data.py.
"""

from django.utils.translation import gettext_lazy as _

from wesaid.core.personal_data import Basis, Erasure, Link, PersonalData, Retention, register

SIGN_IN_SEEN_BY = _("Nobody reads these: wesaid checks them when someone signs in.")

register(
    PersonalData(
        "accounts.User",
        links={"person": Link.ABOUT},
        subject=True,
        fields=("username", "is_active", "created_at", "last_login"),
        purpose=_("To let a person sign in."),
        basis=Basis.PUBLIC_TASK,
        retention=Retention.PEOPLE,
        on_erasure=Erasure.DELETE,
        seen_by=_("Organisation admins see the username; the person themselves."),
    )
)

for label, links in (
    ("accounts.SignInCode", {"person": Link.ABOUT, "created_by": Link.BY}),
    ("accounts.SignInLink", {"person": Link.ABOUT}),
):
    register(
        PersonalData(
            label,
            links=links,
            fields=("created_at", "expires_at", "used_at"),
            purpose=_(
                "Printed sign-in cards and emailed sign-in links (only a hash of each is kept)."
            ),
            basis=Basis.PUBLIC_TASK,
            retention=Retention.SIGN_IN,
            on_erasure=Erasure.DELETE,
            seen_by=SIGN_IN_SEEN_BY,
        )
    )

for label, links in (
    ("otp_totp.TOTPDevice", {"user__person": Link.ABOUT}),
    ("otp_static.StaticDevice", {"user__person": Link.ABOUT}),
    ("otp_static.StaticToken", {"device__user__person": Link.ABOUT}),
):
    register(
        PersonalData(
            label,
            links=links,
            fields=("id",),
            purpose=_("The second step of signing in: an authenticator app or backup codes."),
            basis=Basis.PUBLIC_TASK,
            retention=Retention.PEOPLE,
            on_erasure=Erasure.DELETE,
            seen_by=SIGN_IN_SEEN_BY,
        )
    )

for label in ("axes.AccessAttempt", "axes.AccessLog", "axes.AccessFailureLog"):
    register(
        PersonalData(
            label,
            links={},
            lookup=("user__username", "username"),
            fields=("username", "ip_address", "user_agent", "attempt_time"),
            purpose=_("Failed and successful sign-ins, to lock out someone guessing passwords."),
            basis=Basis.LEGITIMATE_INTERESTS,
            retention=Retention.LOCKOUTS,
            on_erasure=Erasure.DELETE,
            seen_by=_("Nobody reads these in wesaid; the server's administrators can."),
        )
    )
