"""Which host names only this machine can reach: the rule the mail sender (no password in the
clear to anyone else) and the server (no listening beyond it without a token) both apply."""

from __future__ import annotations

import ipaddress


def is_loopback(host: str) -> bool:
    """True for names and addresses that only this machine can reach."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
