"""Pages for people's rights: see and download what we hold, leavers, erasure."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from wesaid.core import policy
from wesaid.organisations.models import Person

from . import services
from .forms import (
    AccessibilityStatementForm,
    ConfirmErasureForm,
    PrivacyNoticeForm,
    RetentionForm,
)
from .models import AccessibilityStatement, PrivacyNotice
from .notices import (
    NOTICE_FIELDS,
    STATEMENT_FIELDS,
    accessibility_statement_save,
    privacy_notice_save,
)
from .retention import retention_periods, retention_set
from .selectors import last_retention_run, subject_access


def _export(request: HttpRequest, person: Person, form: str) -> HttpResponse:
    """The export in the person's own language, whoever asked for it."""
    services.subject_access_recorded(person=person, actor=request.user.person, form=form)
    with translation.override(person.preferred_language):
        if form == "json":
            data = subject_access(person, for_json=True).as_json()
            response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
            response["Content-Disposition"] = 'attachment; filename="wesaid-data.json"'
            return response
        context = {"access": subject_access(person), "person": person}
        if form == "pdf":
            from weasyprint import HTML

            html = render_to_string("privacy/subject_access_print.html", context, request=request)
            pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf(
                pdf_variant="pdf/ua-1"
            )
            response = HttpResponse(pdf, content_type="application/pdf")
            response["Content-Disposition"] = 'attachment; filename="wesaid-data.pdf"'
            return response
        context["own"] = person.pk == request.user.person.pk
        return render(request, "privacy/subject_access.html", context)


@policy.action("account.data.export")
def my_data(request: HttpRequest) -> HttpResponse:
    return _export(request, request.user.person, "html")


@policy.action("account.data.export")
def my_data_pdf(request: HttpRequest) -> HttpResponse:
    return _export(request, request.user.person, "pdf")


@policy.action("account.data.export")
def my_data_json(request: HttpRequest) -> HttpResponse:
    return _export(request, request.user.person, "json")


@policy.action("person.data.export")
def person_data(request: HttpRequest, person_id: int) -> HttpResponse:
    return _export(request, request.target, "html")


@policy.action("person.data.export")
def person_data_pdf(request: HttpRequest, person_id: int) -> HttpResponse:
    return _export(request, request.target, "pdf")


@policy.action("person.data.export")
def person_data_json(request: HttpRequest, person_id: int) -> HttpResponse:
    return _export(request, request.target, "json")


@policy.action("person.deactivate")
def person_deactivate(request: HttpRequest, person_id: int) -> HttpResponse:
    person = request.target
    error = None
    if request.method == "POST":
        try:
            services.person_deactivate(person=person, actor=request.user.person)
        except ValidationError as problem:
            error = problem.messages[0]
        else:
            messages.success(
                request,
                _("%(name)s can no longer sign in. What they did is kept.")
                % {"name": person.shown_name},
            )
            return redirect("organisations:person", person_id=person.pk)
    return render(request, "privacy/deactivate.html", {"person": person, "error": error})


@policy.action("person.erase")
def person_erase(request: HttpRequest, person_id: int) -> HttpResponse:
    person = request.target
    form = ConfirmErasureForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_erase(person=person, actor=request.user.person)
        except ValidationError as problem:
            form.add_error(None, problem.messages[0])
        else:
            messages.success(request, _("The person has been erased."))
            return redirect("organisations:people")
    return render(request, "privacy/erase.html", {"person": person, "form": form})


@policy.action("data_protection.manage")
def retention(request: HttpRequest) -> HttpResponse:
    organisation = request.user.person.organisation
    current = retention_periods(organisation)
    form = RetentionForm(
        request.POST if request.method == "POST" else None,
        initial={kind.value: days for kind, days in current.items()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            retention_set(
                organisation=organisation,
                actor=request.user.person,
                periods={kind: form.cleaned_data[kind.value] for kind in current},
            )
        except ValidationError as problem:
            for name, errors in problem.message_dict.items():
                form.add_error(name, errors)
        else:
            messages.success(request, _("Retention periods saved."))
            return redirect("privacy:retention")
    return render(request, "privacy/retention.html", {"form": form})


@policy.action("data_protection.manage")
def hub(request: HttpRequest) -> HttpResponse:
    organisation = request.user.person.organisation
    slug = [organisation.slug]
    return render(
        request,
        "privacy/hub.html",
        {
            "has_notice": PrivacyNotice.objects.in_organisation(organisation).exists(),
            "has_statement": AccessibilityStatement.objects.in_organisation(organisation).exists(),
            "last_run": last_retention_run(organisation),
            "privacy_url": request.build_absolute_uri(
                reverse("site:organisation_privacy", args=slug)
            ),
            "accessibility_url": request.build_absolute_uri(
                reverse("site:organisation_accessibility", args=slug)
            ),
        },
    )


@policy.action("data_protection.manage")
def notice_edit(request: HttpRequest) -> HttpResponse:
    organisation = request.user.person.organisation
    notice = PrivacyNotice.objects.in_organisation(organisation).first()
    initial = {name: getattr(notice, name) for name in NOTICE_FIELDS} if notice else {}
    form = PrivacyNoticeForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        privacy_notice_save(
            organisation=organisation,
            actor=request.user.person,
            controller=form.cleaned_data["controller"],
            contact=form.cleaned_data["contact"],
            dpo_contact=form.cleaned_data["dpo_contact"],
            extra_en=form.cleaned_data["extra_en"],
            extra_cy=form.cleaned_data["extra_cy"],
        )
        messages.success(request, _("Privacy notice saved."))
        return redirect("privacy:hub")
    return render(request, "privacy/notice_edit.html", {"form": form})


@policy.action("data_protection.manage")
def statement_edit(request: HttpRequest) -> HttpResponse:
    organisation = request.user.person.organisation
    statement = AccessibilityStatement.objects.in_organisation(organisation).first()
    initial = {name: getattr(statement, name) for name in STATEMENT_FIELDS} if statement else {}
    form = AccessibilityStatementForm(
        request.POST if request.method == "POST" else None, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        accessibility_statement_save(
            organisation=organisation,
            actor=request.user.person,
            status=form.cleaned_data["status"],
            known_issues_en=form.cleaned_data["known_issues_en"],
            known_issues_cy=form.cleaned_data["known_issues_cy"],
            report_contact=form.cleaned_data["report_contact"],
            reviewed_on=form.cleaned_data["reviewed_on"],
        )
        messages.success(request, _("Accessibility statement saved."))
        return redirect("privacy:hub")
    return render(request, "privacy/statement_edit.html", {"form": form})
