"""Who is asking: the client's address as the throttles and signatures record it."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or the address a trusted proxy appended to
    X-Forwarded-For (the last one: anything before it was sent by the client)."""
    address = request.META.get("REMOTE_ADDR", "") or "0.0.0.0"  # noqa: S104 - no address known
    if settings.TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        if forwarded:
            address = forwarded
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return "0.0.0.0"  # noqa: S104 - unreadable, recorded as unknown
