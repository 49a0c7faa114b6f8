"""Settings that matter for security, checked as the product loads them."""

from __future__ import annotations

import subprocess
import sys


def product_setting(expression: str) -> str:
    """Evaluate an expression against the real settings module, in a fresh interpreter."""
    code = f"import wesaid.settings as s; print({expression})"
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()


def test_passwords_are_hashed_with_argon2():
    assert (
        product_setting("s.PASSWORD_HASHERS[0]")
        == "django.contrib.auth.hashers.Argon2PasswordHasher"
    )


def test_lock_outs_count_a_username_from_one_address():
    assert product_setting("s.AXES_LOCKOUT_PARAMETERS") == "[['username', 'ip_address']]"


def test_codes_and_tokens_are_masked_in_lock_out_records():
    masked = product_setting("sorted(s.AXES_SENSITIVE_PARAMETERS)")
    for name in ("code", "token", "password"):
        assert f"'{name}'" in masked
