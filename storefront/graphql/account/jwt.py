"""JSON Web Tokens for the API: short access tokens, long refresh tokens.

Signed with HS256 under a key derived from ``SECRET_KEY`` (so rotating the secret
signs everyone out). Each token names its type; a refresh token is refused where
an access token is expected and the other way round. Lifetimes come from the
``GRAPHQL_JWT_ACCESS_TTL`` and ``GRAPHQL_JWT_REFRESH_TTL`` settings (seconds).

The claims are Saleor's (``iss``, ``owner``, ``user_id``, ``email``, ``type``,
``is_staff``, ``iat``, ``exp``): Saleor's auth SDK attaches a token to a request
only when its ``iss`` is the API URL it is calling, so the issuer is the absolute
URL of the endpoint as the client reached it.
"""

import hashlib
import hmac
from datetime import timedelta
from typing import Any

import jwt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.utils import timezone
from graphql_relay import to_global_id

ACCESS = "access"
REFRESH = "refresh"
ALGORITHM = "HS256"
OWNER = "saleor"


class TokenError(Exception):
    """A token that cannot be used; ``code`` is an AccountErrorCode value."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _signing_key() -> bytes:
    return hmac.new(
        settings.SECRET_KEY.encode(), b"verdant-field.graphql.jwt", hashlib.sha256
    ).digest()


def _ttl(kind: str) -> timedelta:
    if kind == ACCESS:
        return timedelta(seconds=int(settings.GRAPHQL_JWT_ACCESS_TTL))
    return timedelta(seconds=int(settings.GRAPHQL_JWT_REFRESH_TTL))


def api_issuer(request: HttpRequest) -> str:
    """The ``iss`` of tokens issued in ``request``: the endpoint's absolute URL."""
    return request.build_absolute_uri(request.path)


def token_issue(*, user: Any, kind: str, issuer: str | None = None) -> str:
    """A signed token of ``kind`` for ``user``, naming ``issuer`` as its ``iss``."""
    now = timezone.now()
    payload = {
        "sub": str(user.pk),
        "user_id": to_global_id("User", user.pk),
        "email": user.email,
        "type": kind,
        "owner": OWNER,
        "is_staff": bool(user.is_staff),
        "iat": int(now.timestamp()),
        "exp": int((now + _ttl(kind)).timestamp()),
        # A password change invalidates earlier tokens.
        "pwd": hashlib.sha256(user.password.encode()).hexdigest()[:16],
    }
    if issuer:
        payload["iss"] = issuer
    return jwt.encode(payload, _signing_key(), algorithm=ALGORITHM)


def token_user(*, token: str, kind: str) -> Any:
    """The active user a valid token of ``kind`` belongs to.

    Raises:
        TokenError: expired, malformed, of another type, or for a user who is gone,
            inactive or has changed their password since.
    """
    try:
        payload = jwt.decode(
            token,
            _signing_key(),
            algorithms=[ALGORITHM],
            options={"require": ["exp", "sub"]},
        )
    except jwt.ExpiredSignatureError as exc:
        raise TokenError("jwt_signature_expired", "The token has expired.") from exc
    except jwt.DecodeError as exc:
        raise TokenError("jwt_decode_error", "The token could not be read.") from exc
    except jwt.InvalidTokenError as exc:
        raise TokenError("jwt_invalid_token", "The token is not valid.") from exc
    if payload.get("type") != kind:
        raise TokenError(
            "jwt_invalid_token",
            f"Expected an {kind} token, got a {payload.get('type')} one.",
        )
    user = get_user_model().objects.filter(pk=payload["sub"], is_active=True).first()
    if user is None:
        raise TokenError(
            "jwt_invalid_token", "The token's user does not exist or is inactive."
        )
    if payload.get("pwd") != hashlib.sha256(user.password.encode()).hexdigest()[:16]:
        raise TokenError("jwt_invalid_token", "The password changed; sign in again.")
    return user
