"""System checks of our own, run by `wesaid check --deploy`."""

from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def email_is_really_sent(app_configs, **kwargs):
    if settings.EMAIL_BACKEND.endswith(
        ("console.EmailBackend", "locmem.EmailBackend", "dummy.EmailBackend")
    ):
        return [
            Warning(
                "Email is not sent: EMAIL_BACKEND writes messages to the console or memory.",
                hint="Sign-in links would end up in the logs. Set EMAIL_BACKEND and EMAIL_HOST "
                "(see docs/deployment.md).",
                id="wesaid.W001",
            )
        ]
    return []
