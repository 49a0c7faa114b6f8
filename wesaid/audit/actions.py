"""Every action the audit log records: one enumeration, each with plain words in both languages.

A new kind of event is added here first; ``record()`` refuses an action that is not listed.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    ACCOUNT_BACKUP_CODES_CREATED = "account.backup_codes.created", _("Backup codes made")
    ACCOUNT_PASSWORD_SET = "account.password.set", _("Password set")
    ACCOUNT_SECOND_FACTOR_ADDED = "account.second_factor.added", _("Authenticator app set up")
    ACCOUNT_SECOND_FACTOR_FAILED = "account.second_factor.failed", _("Wrong second-step code")
    ACCOUNT_SECOND_FACTOR_RESET = "account.second_factor.reset", _("Second step reset")
    ACCOUNT_SECOND_FACTOR_USED = "account.second_factor.used", _("Second step passed")
    ACCOUNT_SIGN_IN_CODE_ISSUED = "account.sign_in_code.issued", _("Sign-in card made")
    ACCOUNT_SIGN_IN_FAILED = "account.sign_in_failed", _("Sign-in failed")
    ACCOUNT_SIGN_IN_LINK_ISSUED = "account.sign_in_link.issued", _("Sign-in link made")
    ACCOUNT_SIGN_IN_LINK_REFUSED = "account.sign_in_link.refused", _("Sign-in link refused")
    ACCOUNT_SIGN_IN_LINK_REQUEST_LIMITED = (
        "account.sign_in_link.request_limited",
        _("Too many requests for sign-in links"),
    )
    ACCOUNT_SIGN_IN_LINK_REQUESTED = "account.sign_in_link.requested", _("Sign-in link asked for")
    ACCOUNT_SIGNED_IN = "account.signed_in", _("Signed in")
    ACCOUNT_SIGNED_OUT = "account.signed_out", _("Signed out")
    AUDIT_PURGED = "audit.purged", _("Old audit events removed")
    BACKUP_CREATED = "backup.created", _("Backup made")
    BACKUP_RESTORED = "backup.restored", _("Backup restored")
    CHECKIN_ANSWERED = "checkin.answered", _("Check-in answered")
    CHECKIN_ANSWER_CHANGED = "checkin.answer_changed", _("Check-in answer changed")
    CHECKIN_CLOSED = "checkin.closed", _("Check-in closed")
    CHECKIN_CREATED = "checkin.created", _("Check-in created")
    CONSENSUS_AGREED = "consensus.agreed", _("Agreed outcomes confirmed")
    CONSENSUS_CANDIDATE_ADDED = "consensus.candidate.added", _("Outcome added for rating")
    CONSENSUS_CANDIDATE_CHANGED = "consensus.candidate.changed", _("Outcome for rating changed")
    CONSENSUS_CANDIDATES_MERGED = "consensus.candidates.merged", _("Outcomes for rating merged")
    CONSENSUS_IDEA_GIVEN = "consensus.idea.given", _("Idea for an outcome given")
    CONSENSUS_RATED = "consensus.rated", _("Outcome rated")
    CONSENSUS_ROUND_CHANGED = "consensus.round.changed", _("Rating round dates changed")
    CONSENSUS_ROUND_CLOSED = "consensus.round.closed", _("Rating round closed")
    CONSENSUS_ROUND_OPENED = "consensus.round.opened", _("Rating round opened")
    CONSENSUS_STUDY_CREATED = "consensus.study.created", _("Choice of outcomes started")
    MEASURE_ADDED = "measure.added", _("Measure added to the organisation's list")
    MEASURE_LICENCE_CONFIRMED = "measure.licence.confirmed", _("Licence for a measure confirmed")
    MEASURE_VERSION_CHANGED = "measure.version.changed", _("Measure version changed")
    MEASURE_VERSION_CREATED = "measure.version.created", _("Measure version made")
    MEASURE_VERSION_FROZEN = (
        "measure.version.frozen",
        _("Measure version frozen by its first answer"),
    )
    ORGANISATION_CREATED = "organisation.created", _("Organisation created")
    PERSON_CREATED = "person.created", _("Person added")
    PERSON_ROLES_CHANGED = "person.roles.changed", _("Roles changed")
    PERSON_UPDATED = "person.updated", _("Person's details changed")
    PRIVACY_ACCESSIBILITY_STATEMENT_CREATED = (
        "privacy.accessibility_statement.created",
        _("Accessibility statement written"),
    )
    PRIVACY_ACCESSIBILITY_STATEMENT_UPDATED = (
        "privacy.accessibility_statement.updated",
        _("Accessibility statement changed"),
    )
    PRIVACY_NOTICE_CREATED = "privacy.notice.created", _("Privacy notice written")
    PRIVACY_NOTICE_UPDATED = "privacy.notice.updated", _("Privacy notice changed")
    PRIVACY_PERSON_DEACTIVATED = (
        "privacy.person.deactivated",
        _("Person stopped from signing in (left)"),
    )
    PRIVACY_PERSON_ERASED = "privacy.person.erased", _("Person erased")
    PRIVACY_PERSON_ERASED_AGAIN = (
        "privacy.person.erased_again",
        _("Person erased again after a restore"),
    )
    PRIVACY_RETENTION_APPLIED = "privacy.retention.applied", _("Retention periods applied")
    PRIVACY_RETENTION_CHANGED = "privacy.retention.changed", _("Retention periods changed")
    PRIVACY_SUBJECT_ACCESS_EXPORTED = (
        "privacy.subject_access.exported",
        _("Data about a person exported"),
    )
    PROJECT_CREATED = "project.created", _("Project created")
    PROJECT_MEMBER_ADDED = "project.member.added", _("Member added to a project")
    PROJECT_UPDATED = "project.updated", _("Project changed")
