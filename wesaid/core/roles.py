"""Roles a person holds in an organisation. A project's stakeholder groups are separate."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ORG_ADMIN = "org_admin", _("Organisation admin")
    LEAD = "lead", _("Co-production lead")
    FACILITATOR = "facilitator", _("Facilitator")
    MEMBER = "member", _("Member with lived experience")
    CARER = "carer", _("Unpaid carer")
    PRACTITIONER = "practitioner", _("Practitioner")
    MANAGER = "manager", _("Manager")
    EVALUATOR = "evaluator", _("Evaluator")
    SAFEGUARDING = "safeguarding", _("Safeguarding lead")


#: Roles that may sign in without a second factor (they may still choose to add one).
#: Everyone else works with other people's personal data and must use a second factor.
SECOND_FACTOR_OPTIONAL = frozenset({Role.MEMBER, Role.CARER})

#: Roles that reveal lived experience of care or caring (special-category data): the audit log
#: records that such a role changed, never which one.
PRIVATE_ROLES = frozenset({Role.MEMBER, Role.CARER})
PRIVATE_ROLE_LABEL = "private role"
