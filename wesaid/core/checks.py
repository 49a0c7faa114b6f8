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


@register(deploy=True)
def site_url_is_set(app_configs, **kwargs):
    """Emailed sign-in links need the site's own address, never one a visitor's request names."""
    if not settings.SITE_URL:
        return [
            Warning(
                "WESAID_SITE_URL is not set, so no emailed sign-in link is sent.",
                hint="Set WESAID_SITE_URL to the address people use, such as "
                "https://wesaid.example.org (see docs/deployment.md).",
                id="wesaid.W002",
            )
        ]
    if settings.SITE_URL.startswith("http://"):
        return [
            Warning(
                "WESAID_SITE_URL starts with http://: sign-in links would travel unencrypted.",
                hint="Use the https:// address.",
                id="wesaid.W003",
            )
        ]
    return []
