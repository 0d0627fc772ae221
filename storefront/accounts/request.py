"""The signed-in customer of a request, for pages that require one."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from storefront.accounts.models import User


def request_customer(request: HttpRequest) -> User:
    """The user of a ``login_required`` page.

    Raises:
        PermissionDenied: nobody is signed in (the page forgot ``login_required``).
    """
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user
