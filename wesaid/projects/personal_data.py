"""What projects hold about people: the register of personal data (core/personal_data.py)."""

from django.utils.translation import gettext_lazy as _

from wesaid.core.personal_data import (
    Basis,
    Condition,
    Erasure,
    Link,
    PersonalData,
    Retention,
    register,
)

register(
    PersonalData(
        "projects.ProjectMember",
        links={"person": Link.ABOUT},
        fields=("project", "group", "joined_at"),
        name=_("Places in projects"),
        labels={"project": _("Project"), "group": _("Group"), "joined_at": _("When they joined")},
        # The stakeholder group says whether someone draws on care and support or is a carer.
        special_category=("group",),
        condition=Condition.HEALTH_AND_SOCIAL_CARE,
        purpose=_("Who is in each project, and as which group (so results can be shown by group)."),
        basis=Basis.PUBLIC_TASK,
        retention=Retention.PROJECTS,
        on_erasure=Erasure.DELETE,
        seen_by=_("The project team and organisation admins."),
    )
)
