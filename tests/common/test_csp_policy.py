"""The Content-Security-Policy built once per process carries each request's own
nonce, reads as django-csp builds it, and follows a change of the settings."""

from csp.middleware import CSPMiddleware
from csp.utils import build_policy
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory, override_settings

from common.middleware import ShopCSPMiddleware


def _served(request: HttpRequest, *, with_nonce: bool) -> HttpResponse:
    middleware = ShopCSPMiddleware(lambda request: HttpResponse("page"))
    middleware.process_request(request)
    if with_nonce:
        str(request.csp_nonce)  # type: ignore[attr-defined]
    response = HttpResponse("page")
    return middleware.process_response(request, response)  # type: ignore[return-value]


def _directives(policy: str) -> set[str]:
    return {part.strip() for part in policy.split(";")}


def test_each_request_gets_its_own_nonce_in_the_policy_django_csp_would_build():
    first, second = RequestFactory().get("/"), RequestFactory().get("/")
    one = _served(first, with_nonce=True)["Content-Security-Policy"]
    two = _served(second, with_nonce=True)["Content-Security-Policy"]

    assert f"'nonce-{first._csp_nonce}'" in one  # type: ignore[attr-defined]
    assert f"'nonce-{second._csp_nonce}'" in two  # type: ignore[attr-defined]
    assert first._csp_nonce not in two  # type: ignore[attr-defined]
    expected = build_policy(nonce=first._csp_nonce)  # type: ignore[attr-defined]
    assert _directives(one) == _directives(expected)


def test_a_page_that_used_no_nonce_gets_the_policy_without_one():
    policy = _served(RequestFactory().get("/"), with_nonce=False)[
        "Content-Security-Policy"
    ]
    assert "nonce-" not in policy
    assert _directives(policy) == _directives(build_policy())


def test_a_view_with_a_policy_of_its_own_is_built_as_django_csp_does():
    request = RequestFactory().get("/")
    middleware = ShopCSPMiddleware(lambda request: HttpResponse("page"))
    middleware.process_request(request)
    response = HttpResponse("page")
    response._csp_replace = {"img-src": ["https://images.example.com"]}  # type: ignore[attr-defined]
    served = middleware.process_response(request, response)
    reference = CSPMiddleware(lambda request: HttpResponse("page"))
    assert _directives(served["Content-Security-Policy"]) == _directives(
        build_policy(**reference.get_policy_parts(request, response).__dict__)
    )
    assert "img-src https://images.example.com" in served["Content-Security-Policy"]


def test_a_change_of_the_settings_policy_shows_in_the_next_response(settings):
    before = _served(RequestFactory().get("/"), with_nonce=False)
    assert "report-uri" not in before["Content-Security-Policy"]
    changed = {
        "DIRECTIVES": {
            **settings.CONTENT_SECURITY_POLICY["DIRECTIVES"],
            "report-uri": "/csp-reports/",
        }
    }
    with override_settings(
        CONTENT_SECURITY_POLICY=changed,
        CONTENT_SECURITY_POLICY_REPORT_ONLY={"DIRECTIVES": {"default-src": ["'none'"]}},
    ):
        after = _served(RequestFactory().get("/"), with_nonce=False)
    assert "report-uri /csp-reports/" in after["Content-Security-Policy"]
    assert after["Content-Security-Policy-Report-Only"] == "default-src 'none'"
    again = _served(RequestFactory().get("/"), with_nonce=False)
    assert "report-uri" not in again["Content-Security-Policy"]
    assert "Content-Security-Policy-Report-Only" not in again


def test_the_staff_editor_keeps_its_inline_start_up_scripts():
    policy = _served(RequestFactory().get("/admin/pages/"), with_nonce=True)[
        "Content-Security-Policy"
    ]
    assert "'unsafe-inline'" in policy.split("script-src", 1)[1].split(";", 1)[0]
    shop = _served(RequestFactory().get("/"), with_nonce=True)[
        "Content-Security-Policy"
    ]
    assert "'unsafe-inline'" not in shop.split("script-src", 1)[1].split(";", 1)[0]
