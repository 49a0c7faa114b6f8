"""The address a request really came from, for lock-outs (never logged, never shown)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, or behind WESAID_PROXY_COUNT trusted proxies the address the nearest added.

    Each proxy appends the address it received from to X-Forwarded-For, so with N proxies the
    client is the Nth entry from the right; anything further left could be made up by the client.
    """
    proxies = settings.WESAID_PROXY_COUNT
    remote = request.META.get("REMOTE_ADDR", "")
    if proxies <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies]
