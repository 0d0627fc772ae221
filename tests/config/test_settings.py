import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Browser tests relax Django's async check for themselves; a deployment never does.
# The test settings also put their defaults into this process's environment.
_NOT_INHERITED = {
    "SECRET_KEY",
    "DEBUG",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "EMAIL_URL",
    "REDIS_URL",
    "PAYMENTS_DUMMY_ENABLED",
    "STOREFRONT_BASE_URL",
}
# What production requires besides the secret key, hosts and database.
_PRODUCTION_SERVICES = {
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_URL": "smtp://127.0.0.1:25",
    "STOREFRONT_BASE_URL": "https://shop.example.com",
}
PRODUCTION_KEY = "k3P9sQ2vX8mZ4nR7tW1yB6cF0hJ5lD3gA9eU2iO8pL7kM4nB1vC6xZ0qS5wE"


def _django_check(env_overrides: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in _NOT_INHERITED}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_refuses_to_start_without_secret_key():
    # when
    result = _django_check(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "ALLOWED_HOSTS": "shop.example.com",
            "DATABASE_URL": "sqlite:///:memory:",
        }
    )

    # then
    assert result.returncode == 1
    assert "SECRET_KEY" in result.stderr


def test_debug_off_refuses_an_insecure_secret_key():
    # when
    result = _django_check(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.base",
            "DEBUG": "false",
            "SECRET_KEY": "dev-insecure-key-for-the-local-demo-only",
        }
    )

    # then
    assert result.returncode == 1
    assert "SECRET_KEY must be set to a random value" in result.stderr


def test_production_deploy_check_is_clean():
    # when
    env = {k: v for k, v in os.environ.items() if k not in _NOT_INHERITED}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": PRODUCTION_KEY,
            "ALLOWED_HOSTS": "shop.example.com",
            "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
            **_PRODUCTION_SERVICES,
        }
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    # then
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_compose_file_describes_the_production_services(tmp_path):
    # given: the compose file beside the documented example environment
    shutil.copy(ROOT / "docker-compose.yml", tmp_path / "docker-compose.yml")
    shutil.copy(ROOT / ".env.example", tmp_path / ".env")

    # when
    result = subprocess.run(
        ["docker-compose", "-f", "docker-compose.yml", "config", "--services"],
        cwd=tmp_path,
        env={**os.environ, "POSTGRES_PASSWORD": "x"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    # then
    assert result.returncode == 0, result.stderr
    assert set(result.stdout.split()) == {
        "proxy",
        "web",
        "worker",
        "scheduler",
        "db",
        "redis",
    }


def test_the_proxy_serves_what_the_web_service_collects(tmp_path):
    # given the compose file and the example environment
    shutil.copy(ROOT / "docker-compose.yml", tmp_path / "docker-compose.yml")
    shutil.copy(ROOT / ".env.example", tmp_path / ".env")

    # when compose resolves it
    result = subprocess.run(
        ["docker-compose", "-f", "docker-compose.yml", "config"],
        cwd=tmp_path,
        env={**os.environ, "POSTGRES_PASSWORD": "x"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    # then only the proxy is published, and it reads the static files and media
    # the web service writes, with the nginx configuration of the repository
    assert result.returncode == 0, result.stderr
    services = _compose_services(result.stdout)
    assert {name for name, lines in services.items() if "ports:" in lines} == {"proxy"}
    for volume in ("static:/app/var/static", "media:/app/var/media"):
        assert f"- {volume}:ro" in services["proxy"]
        assert f"- {volume}:rw" in services["web"]
    conf = (ROOT / "config" / "nginx" / "shop.conf").read_text()
    assert any(
        "shop.conf:/etc/nginx/conf.d/default.conf" in v for v in services["proxy"]
    )
    assert "server web:8000;" in conf
    assert "alias /app/var/static/;" in conf
    assert "gzip on;" in conf


def _compose_services(resolved: str) -> dict[str, list[str]]:
    """The stripped lines of each service in ``docker-compose config`` output."""
    services: dict[str, list[str]] = {}
    current = None
    in_services = False
    for line in resolved.splitlines():
        if not line.startswith(" "):
            in_services = line == "services:"
            current = None
        elif in_services and line.startswith("  ") and not line.startswith("   "):
            current = line.strip().rstrip(":")
            services[current] = []
        elif in_services and current is not None:
            services[current].append(line.strip())
    return services


def test_production_refuses_stripe_without_a_webhook_secret():
    # when
    result = _django_check(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": PRODUCTION_KEY,
            "ALLOWED_HOSTS": "shop.example.com",
            "DATABASE_URL": "sqlite:///:memory:",
            **_PRODUCTION_SERVICES,
            "STRIPE_SECRET_KEY": "sk_test_123",
            "STRIPE_WEBHOOK_SECRET": "",
        }
    )

    # then
    assert result.returncode == 1
    assert "STRIPE_WEBHOOK_SECRET is required" in result.stderr
