"""Printed one-time codes: easy to read aloud and type, hard to guess."""

from __future__ import annotations

import re
import secrets

#: No 0/O, 1/I/L or U/V pairs that are easy to misread on paper.
ALPHABET = "ABCDEFGHJKMNPQRSTWXYZ23456789"
LOOKUP_LENGTH = 4
SECRET_LENGTH = 6
_STRIP = re.compile(r"[\s\-]+")


def new_code() -> str:
    """A code such as ``ABCD-EFGH-JK``: four letters to find it, six secret."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LOOKUP_LENGTH + SECRET_LENGTH))
    return format_code(raw)


def format_code(raw: str) -> str:
    return f"{raw[0:4]}-{raw[4:8]}-{raw[8:10]}"


def normalise_code(typed: str) -> str | None:
    """What someone typed, without spaces or dashes and in capitals; None if it cannot be a code."""
    raw = _STRIP.sub("", typed or "").upper()
    if len(raw) != LOOKUP_LENGTH + SECRET_LENGTH or any(ch not in ALPHABET for ch in raw):
        return None
    return raw


def lockout_username(typed: str) -> str:
    """What the lock-out counts failures against for a code: its first four letters only.

    So a mistyped code locks out that one card from one address, never a whole office.
    """
    raw = _STRIP.sub("", typed or "").upper()
    return f"code:{raw[:LOOKUP_LENGTH]}"
