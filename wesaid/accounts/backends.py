from __future__ import annotations

import hmac

from django.contrib.auth.backends import BaseBackend
from django.utils import timezone

from .codes import normalise_code
from .models import SignInCode, User, code_digest


class SignInCodeBackend(BaseBackend):
    """Signs someone in with a one-time code from a printed card. The code works once."""

    def authenticate(self, request, code: str | None = None, **kwargs):
        if not code:
            return None
        code = normalise_code(code)
        if code is None:
            return None
        candidate = (
            SignInCode.objects.usable().filter(lookup=code[:4]).select_related("person").first()
        )
        if candidate is None or not hmac.compare_digest(candidate.digest, code_digest(code)):
            return None
        # Mark it used in the same statement that checks it is unused: a double submit wins once.
        used = SignInCode.objects.usable().filter(pk=candidate.pk).update(used_at=timezone.now())
        if not used:
            return None
        user = User.objects.filter(person=candidate.person, is_active=True).first()
        return user

    def get_user(self, user_id):
        return User.objects.filter(pk=user_id, is_active=True).select_related("person").first()
