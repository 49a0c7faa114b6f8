"""Background work for sign-in. The token is made inside the task so it never sits in the queue."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from wesaid.organisations.models import Person

from .services import EMAIL_LINK_HOURS, LinkLimit, sign_in_link_issue


@task()
def send_sign_in_link(person_id: int, site_url: str, actor_id: int | None = None) -> None:
    """Email ``person_id`` a link; ``actor_id`` is the organiser who sent it, for the audit log."""
    person = Person.objects.filter(pk=person_id).select_related("organisation").first()
    if person is None or not person.email:
        return
    actor = (
        Person.objects.filter(pk=actor_id, organisation=person.organisation).first()
        if actor_id is not None
        else None
    )
    try:
        token = sign_in_link_issue(person=person, actor=actor, hours=EMAIL_LINK_HOURS)
    except LinkLimit:
        return  # enough links this hour, whoever asked
    with translation.override(person.preferred_language):
        link = f"{site_url.rstrip('/')}{reverse('accounts:sign_in_link')}?{urlencode({'token': token})}"
        context = {"person": person, "link": link, "hours": EMAIL_LINK_HOURS}
        subject = render_to_string("accounts/email/sign_in_link_subject.txt", context).strip()
        body = render_to_string("accounts/email/sign_in_link.txt", context)
    send_mail(subject, body, None, [person.email])
