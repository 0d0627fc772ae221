"""The /graphql/ endpoint: graphene-django's view with JWT sign-in and our limits.

Every document goes through graphql-core's standard validation rules, then the
request limits of ``core/limits.py``; both results are cached per document
(``core/documents.py``). Errors leave in Saleor's shape, and nothing internal
leaves at all (``core/error_format.py``).
"""

from functools import partial
from types import CoroutineType
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseNotAllowed,
    JsonResponse,
)
from graphene_django.views import GraphQLView, HttpError
from graphql import ExecutionResult, GraphQLError, OperationType, get_operation_ast
from graphql import execute as graphql_execute

from storefront.graphql.account.jwt import ACCESS, TokenError, token_user
from storefront.graphql.core.documents import document_check
from storefront.graphql.core.error_format import error_format, request_id_for
from storefront.graphql.core.execution import ShopExecutionContext
from storefront.graphql.core.input_text import variables_nul_error
from storefront.graphql.core.limits import Limits, cost_error, operation_cost
from storefront.graphql.response_cache import (
    response_cached,
    response_without_cookie_dependence,
)


def _is_coroutine(value: Any) -> bool:
    """Whether a resolver's result is to be awaited.

    Every resolver here is synchronous, so only an ``async def`` resolver's
    coroutine is; graphql-core's own test looks for ``__await__`` on every value
    of every field.
    """
    return type(value) is CoroutineType


def _bad_request(message: str) -> HttpError:
    return HttpError(HttpResponseBadRequest(message))


class ShopGraphQLView(GraphQLView):
    """Authenticates ``Authorization: Bearer <access token>`` before executing.

    A request with a bad token is refused with 401 rather than served anonymously,
    so a client notices that it must refresh. Requests without the header keep the
    session's user (the storefront's own pages may call the API).
    """

    limits = Limits()

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        request_id_for(request)
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
        response = response_without_cookie_dependence(
            request,
            response_cached(
                request,
                execute,
                schema=self.schema.graphql_schema,
                limits=self.limits,
            ),
        )
        if isinstance(response, HttpResponse):
            response["X-Request-ID"] = request_id_for(request)
        return response

    def parse_body(self, request: HttpRequest) -> Any:
        if self.get_content_type(request) == "application/json":
            try:
                request.body.decode("utf-8")
            except UnicodeDecodeError:
                raise _bad_request("The request body is not UTF-8.") from None
        return super().parse_body(request)

    def get_response(
        self, request: HttpRequest, data: Any, show_graphiql: bool = False
    ) -> tuple[str | None, int]:
        query, variables, operation_name, _id = self.get_graphql_params(request, data)
        result = self.execute_graphql_request(
            request, data, query, variables, operation_name, show_graphiql
        )
        if result is None:
            return None, 200
        response: dict[str, Any] = {}
        status = 200
        if result.errors:
            response["errors"] = [
                error_format(error, request=request) for error in result.errors
            ]
            if any(not getattr(error, "path", None) for error in result.errors):
                status = 400
        if status == 200:
            response["data"] = result.data
        return self.json_encode(request, response, pretty=show_graphiql), status

    def execute_graphql_request(
        self,
        request: HttpRequest,
        data: Any,
        query: Any,
        variables: Any,
        operation_name: Any,
        show_graphiql: bool = False,
    ) -> ExecutionResult | None:
        if not query:
            if show_graphiql:
                return None
            raise _bad_request("Must provide query string.")
        if not isinstance(query, str):
            raise _bad_request("`query` must be a string.")
        if variables is not None and not isinstance(variables, dict):
            raise _bad_request("`variables` must be an object.")
        if operation_name is not None and not isinstance(operation_name, str):
            raise _bad_request("`operationName` must be a string.")

        schema = self.schema.graphql_schema
        checked = document_check(schema=schema, query=query, limits=self.limits)
        if checked.errors or checked.document is None:
            return ExecutionResult(data=None, errors=list(checked.errors))
        document = checked.document
        refused_text = variables_nul_error(variables)
        if refused_text is not None:
            return ExecutionResult(data=None, errors=[refused_text])

        operation = get_operation_ast(document, operation_name)
        if operation is not None:
            if request.method == "GET" and operation.operation != OperationType.QUERY:
                if show_graphiql:
                    return None
                raise HttpError(
                    HttpResponseNotAllowed(
                        ["POST"],
                        f"Can only perform a {operation.operation.value} operation "
                        "from a POST request.",
                    )
                )
            refused = cost_error(
                operation_cost(schema, document, operation, variables), self.limits
            )
            if refused is not None:
                return ExecutionResult(data=None, errors=[refused])
        try:
            return graphql_execute(
                schema,
                document,
                root_value=self.get_root_value(request),
                context_value=self.get_context(request),
                variable_values=variables,
                operation_name=operation_name,
                # No middleware: none wraps each resolver on its way.
                middleware=self.get_middleware(request) or None,
                is_awaitable=_is_coroutine,
                execution_context_class=ShopExecutionContext,
            )
        except GraphQLError as exc:
            return ExecutionResult(data=None, errors=[exc])
        except Exception as exc:  # noqa: BLE001 - reported with a request id
            return ExecutionResult(
                data=None, errors=[GraphQLError(str(exc), original_error=exc)]
            )
