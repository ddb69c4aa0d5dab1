"""The companion's SHOW_SESSION_CALLBACK for the demo with DEBUG off (SESSIONLENS_DEMO_DEBUG=0)."""

import ipaddress

from django.http import HttpRequest


def loopback_client(request: HttpRequest) -> bool:
    """A client on this machine, whatever DEBUG says: sessionlens.access.show_session also wants DEBUG."""
    try:
        return ipaddress.ip_address(request.META.get("REMOTE_ADDR") or "").is_loopback
    except ValueError:
        return False
