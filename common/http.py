"""Small helpers for views that take a destination from the request."""

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def next_path_or(request: HttpRequest, candidate: str | None, default: str) -> str:
    """``candidate`` when it is a path on this shop, otherwise ``default``.

    Only an absolute path ("/orders/") is taken: anything else ("abc", "0", a URL
    on another host, "//evil.example") falls back to ``default``, which callers
    give as a path too, so a redirect never depends on what a visitor typed.
    """
    value = (candidate or "").strip()
    if (
        value.startswith("/")
        and not value.startswith(("//", "/\\"))
        and "\x00" not in value
        and url_has_allowed_host_and_scheme(
            value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return value
    return default
