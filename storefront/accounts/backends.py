"""The authentication backend every sign-in goes through, limits included.

The storefront, the API's ``tokenCreate``, the Wagtail admin and the Django admin
all call ``authenticate``, so the limit is counted once here and holds for each.
"""

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from storefront.accounts.signin_limits import (
    client_address,
    sign_in_failure_record,
    sign_in_failures_clear,
    sign_in_locked,
)

BACKEND_PATH = "storefront.accounts.backends.SignInLimitBackend"


class SignInLimitBackend(ModelBackend):
    """Django's model backend, refusing an email locked out from this address."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        email = str(username or kwargs.get("email") or "").strip().lower()
        address = client_address(request)
        if email and sign_in_locked(email=email, address=address):
            # Ends authentication at once: not even the right password gets in.
            raise PermissionDenied("Too many failed sign-in attempts.")
        user = super().authenticate(
            request, username=username, password=password, **kwargs
        )
        if not email:
            return user
        if user is None:
            sign_in_failure_record(email=email, address=address)
        else:
            sign_in_failures_clear(email=email, address=address)
        return user
