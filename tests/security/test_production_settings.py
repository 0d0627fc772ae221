"""Production refuses to start with an unsafe default, and says which."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_KEY = "k3P9sQ2vX8mZ4nR7tW1yB6cF0hJ5lD3gA9eU2iO8pL7kM4nB1vC6xZ0qS5wE"
# A complete, safe production environment; each test breaks one thing in it.
SAFE = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": PRODUCTION_KEY,
    "ALLOWED_HOSTS": "shop.example.com",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_URL": "smtp+tls://user:secret@smtp.example.com:587",
    "STOREFRONT_BASE_URL": "https://shop.example.com",
}


def _clean_environment() -> dict[str, str]:
    # The test settings put their own defaults into this process's environment;
    # a deployment starts without any of them.
    dropped = {
        "SECRET_KEY",
        "DEBUG",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "EMAIL_URL",
        "REDIS_URL",
        "PAYMENTS_DUMMY_ENABLED",
        "STOREFRONT_BASE_URL",
        "COMPLIANCE_AGE_WEBHOOK_SECRET",
    }
    return {k: v for k, v in os.environ.items() if k not in dropped}


def _check(overrides: dict[str, str | None], *args: str):
    env = {**_clean_environment(), **SAFE}
    for name, value in overrides.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return subprocess.run(
        [sys.executable, "manage.py", "check", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_safe_environment_passes_the_deploy_check():
    # when
    result = _check({}, "--deploy", "--fail-level", "WARNING")

    # then
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"PAYMENTS_DUMMY_ENABLED": "true"},
            "PAYMENTS_DUMMY_ENABLED is on: test cards would place real, unpaid orders",
        ),
        (
            {"EMAIL_URL": "console://"},
            "EMAIL_URL must be an smtp://, smtp+tls:// or smtps:// address",
        ),
        (
            {"EMAIL_URL": "locmem://"},
            "EMAIL_URL must be an smtp://, smtp+tls:// or smtps:// address",
        ),
        ({"EMAIL_URL": None}, "The environment variable EMAIL_URL is required."),
        (
            {"STOREFRONT_BASE_URL": None},
            "The environment variable STOREFRONT_BASE_URL is required.",
        ),
        (
            {"STOREFRONT_BASE_URL": "http://127.0.0.1:8000"},
            "STOREFRONT_BASE_URL must be the shop's public https address",
        ),
        ({"REDIS_URL": None}, "The environment variable REDIS_URL is required."),
    ],
    ids=[
        "dummy-gateway",
        "console-email",
        "locmem-email",
        "no-email",
        "no-base-url",
        "http-base-url",
        "local-memory-rate-limits",
    ],
)
def test_production_refuses_an_unsafe_default(overrides, message):
    # when
    result = _check(overrides)

    # then
    assert result.returncode == 1
    assert message in result.stderr


def test_a_staging_shop_may_run_the_dummy_gateway_when_it_says_so():
    # when
    result = _check(
        {
            "PAYMENTS_DUMMY_ENABLED": "true",
            "PAYMENTS_DUMMY_ALLOWED_UNPAID_ORDERS": "true",
        }
    )

    # then
    assert result.returncode == 0, result.stderr


def test_env_example_lists_every_variable_the_shop_reads():
    # given every name read through config.env or os.environ in the settings
    sources = [
        *sorted((ROOT / "config" / "settings").glob("*.py")),
        ROOT / "config" / "gunicorn.py",
    ]
    read = set()
    for source in sources:
        text = source.read_text()
        read |= set(re.findall(r"env_(?:str|bool|int|list)\(\s*\"([A-Z0-9_]+)\"", text))
        read |= set(re.findall(r"os\.environ\.get\(\s*[\"']([A-Z0-9_]+)[\"']", text))
    # the test settings' own names are not deployment settings
    example = (ROOT / ".env.example").read_text()
    listed = set(re.findall(r"^#?\s*([A-Z0-9_]+)=", example, flags=re.MULTILINE))

    # then
    assert sorted(read - listed) == []
