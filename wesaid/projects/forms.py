from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wesaid.core.forms import DateField

from .models import Project, ProjectMember


class ProjectForm(forms.Form):
    name = forms.CharField(
        label=_("Project name"),
        max_length=200,
        error_messages={"required": _("Enter a name for the project")},
    )
    aims = forms.CharField(
        label=_("What do you want to change together?"),
        help_text=_("The project's aims, in plain words."),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Enter the project's aims")},
    )
    area = forms.ChoiceField(
        label=_("What will the project improve?"),
        choices=Project.Area.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what the project will improve")},
    )
    starts_on = DateField(label=_("Start date"), help_text=_("For example, 14 1 2027"))
    ends_on = DateField(
        label=_("End date (optional)"),
        help_text=_("Leave empty if you do not know yet."),
        required=False,
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=Project.Status.choices,
        initial=Project.Status.PLANNING,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the project's status")},
    )

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The end date must be on or after the start date"))
        return data


class MemberForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=None,
        empty_label=_("Choose a person"),
        error_messages={
            "required": _("Choose a person to add"),
            "invalid_choice": _("Choose a person from the list"),
        },
    )
    group = forms.ChoiceField(
        label=_("Which group are they part of in this project?"),
        choices=ProjectMember.Group.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select their group in this project")},
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        from wesaid.organisations.models import Person

        self.fields["person"].queryset = Person.objects.in_organisation(
            project.organisation
        ).exclude(project_places__project=project)
