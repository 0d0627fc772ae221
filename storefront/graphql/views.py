"""The /graphql/ endpoint: graphene-django's view with JWT sign-in and a depth limit."""

from functools import partial
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, JsonResponse
from graphene_django.views import GraphQLView

from storefront.graphql.account.jwt import ACCESS, TokenError, token_user
from storefront.graphql.response_cache import (
    response_cached,
    response_without_cookie_dependence,
)


class ShopGraphQLView(GraphQLView):
    """Authenticates ``Authorization: Bearer <access token>`` before executing.

    A request with a bad token is refused with 401 rather than served anonymously,
    so a client notices that it must refresh. Requests without the header keep the
    session's user (the storefront's own pages may call the API).
    """

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        header = request.headers.get("Authorization", "")
        if header.lower().startswith(("bearer ", "jwt ")):
            token = header.split(" ", 1)[1].strip()
            try:
                request.user = token_user(token=token, kind=ACCESS)
            except TokenError as exc:
                request.user = AnonymousUser()
                return JsonResponse(
                    {
                        "errors": [
                            {
                                "message": exc.message,
                                "extensions": {"code": exc.code.upper()},
                            }
                        ]
                    },
                    status=401,
                )
        execute = partial(super().dispatch, request, *args, **kwargs)
        return response_without_cookie_dependence(
            request, response_cached(request, execute)
        )
