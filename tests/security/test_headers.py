"""Every page carries a Content-Security-Policy; inline scripts carry its nonce;
gunicorn announces no Server banner."""

import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.factories.content import channel_create
from tests.security.conftest import unused_port

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_DIRS = [ROOT / "templates", ROOT / "storefront", ROOT / "content"]
_SCRIPT = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
_DATA_TYPES = ('type="application/ld+json"', 'type="application/json"')


@pytest.fixture
def us(settings, db):
    settings.STOREFRONT_DEFAULT_CHANNEL = "us"
    return channel_create(slug="us", country="US", regime="us")


@pytest.mark.parametrize("path", ["/", "/articles/", "/account/login/", "/cart/"])
def test_pages_carry_a_content_security_policy(client, us, path):
    # when
    response = client.get(path, follow=True)

    # then
    policy = response.headers["Content-Security-Policy"]
    directives = dict(
        [*part.split(" ", 1), ""][:2] for part in policy.split("; ") if part
    )
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]


def test_every_inline_script_in_the_templates_carries_the_nonce():
    # given
    offenders = []
    for directory in TEMPLATE_DIRS:
        for template in directory.rglob("*.html"):
            for attributes in _SCRIPT.findall(template.read_text()):
                if "src=" in attributes or any(t in attributes for t in _DATA_TYPES):
                    continue
                if 'nonce="{{ request.csp_nonce }}"' not in attributes:
                    offenders.append(str(template.relative_to(ROOT)))

    # then
    assert offenders == []


def test_the_inline_script_nonce_matches_the_header(rf, us):
    # given
    from csp.middleware import CSPMiddleware
    from django.template.loader import render_to_string

    request = rf.get("/cart/checkout/pay/")
    middleware = CSPMiddleware(lambda r: None)
    middleware.process_request(request)

    # when
    html = render_to_string(
        "checkout/stripe_pay.html",
        {"client_secret": "pi_1_secret_2", "stripe_publishable_key": "pk_test"},
        request=request,
    )
    from django.http import HttpResponse

    response = middleware.process_response(request, HttpResponse(html))

    # then
    nonce = re.search(r'<script nonce="([^"]+)">', html).group(1)
    assert f"'nonce-{nonce}'" in response.headers["Content-Security-Policy"]


@pytest.mark.slow
def test_gunicorn_sends_no_server_banner(tmp_path):
    # given gunicorn with the shop's config, serving the liveness check
    port = unused_port()
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "k3P9sQ2vX8mZ4nR7tW1yB6cF0hJ5lD3gA9eU2iO8pL7kM4nB1vC6xZ0qS5wE",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "EMAIL_URL": "smtp://127.0.0.1:25",
        "STOREFRONT_BASE_URL": "https://shop.example.com",
        "SECURE_SSL_REDIRECT": "false",
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        headers = None
        for _ in range(100):
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/livez/", timeout=2
                ) as response:
                    headers = response.headers
                    break
            except OSError:
                time.sleep(0.2)
    finally:
        server.terminate()
        server.wait(timeout=20)

    # then
    assert headers is not None, "gunicorn did not answer"
    assert headers.get("Server") is None
    assert "default-src 'self'" in headers["Content-Security-Policy"]


def test_only_the_wagtail_admin_allows_its_inline_start_up_scripts(client, us):
    # when
    admin = client.get("/admin/login/")
    shop = client.get("/account/login/")

    # then
    admin_scripts = _directives(admin)["script-src"]
    shop_scripts = _directives(shop)["script-src"]
    assert admin_scripts == "'self' 'unsafe-inline'"
    assert "'unsafe-inline'" not in shop_scripts


def _directives(response) -> dict[str, str]:
    policy = response.headers["Content-Security-Policy"]
    return dict([*part.split(" ", 1), ""][:2] for part in policy.split("; ") if part)
