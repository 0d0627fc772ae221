"""What the server benchmarks share: a database of their own, the production
settings they run under, and gunicorn started and stopped.

The shop runs as production runs it (``config.settings.production``, DEBUG off,
gunicorn, a Redis cache and broker), with what production refuses made explicit
for a bench: the dummy gateway's test cards are allowed, and email goes to an
SMTP address nothing listens on. Emails are queued to the broker after commit
and no worker takes them, as in production nothing is sent inside a request.
"""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
# Its own Redis database, flushed on every run; BENCH_REDIS_URL gives another so
# that benches run side by side do not empty each other's caches.
REDIS_DEFAULT = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/11")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_recreate(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def database_exists(url: str) -> bool:
    import psycopg

    parts = urlsplit(url)
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        found = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [parts.path.lstrip("/")]
        ).fetchone()
    return found is not None


def database_drop(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')


def redis_flush(url: str) -> None:
    """Empty the bench's own Redis database: no cached page or queued task of an
    earlier run survives."""
    import redis

    redis.Redis.from_url(url).flushdb()


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def production_env(
    *,
    base: dict[str, str],
    database_url: str,
    workdir: Path,
    redis_url: str = REDIS_DEFAULT,
    log_level: str = "WARNING",
) -> dict[str, str]:
    """The environment production settings accept, for a loopback bench."""
    return {
        **base,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "PAGE_CACHE_ENABLED": "true",
        "EMAIL_URL": "smtp://127.0.0.1:1",
        "STOREFRONT_BASE_URL": "https://shop.example.com",
        "PAYMENTS_DUMMY_ENABLED": "true",
        "PAYMENTS_DUMMY_ALLOWED_UNPAID_ORDERS": "true",
        "MEDIA_ROOT": str(workdir / "media"),
        "STATIC_ROOT": str(workdir / "static"),
        "LOG_LEVEL": log_level,
    }


def database_prepare(env: dict[str, str], *seeds: str) -> None:
    """A fresh database with the schema, static files, the demo data and
    ``seeds`` (Python run by ``manage.py shell``)."""
    url = env["DATABASE_URL"]
    print(f"Preparing {urlsplit(url).path.lstrip('/')} ...", flush=True)
    database_recreate(url)
    redis_flush(env["REDIS_URL"])
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "populatedb")
    for seed in seeds:
        manage(env, "shell", "-c", seed)


SHOP_APP = "config.wsgi:application"


def gunicorn(
    app: str, port: int, env: dict[str, str], *, quiet: bool = False
) -> subprocess.Popen:
    """``app`` under gunicorn with 2 sync workers on a loopback port."""
    return subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            app,
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "critical" if quiet else "warning",
            # The shop runs under its production gunicorn settings (hooks and
            # preloading included), without the access log.
            *(
                ["--config", "config/gunicorn.py", "--access-logfile", "/dev/null"]
                if app == SHOP_APP
                else []
            ),
        ],
        cwd=ROOT,
        env=env,
        # Django logs every refused request; a bench that provokes them prints
        # its own counts.
        stderr=subprocess.DEVNULL if quiet else None,
    )


def wait_for(url: str) -> None:
    """Return once ``url`` answers 200, or fail after about a minute."""
    for _ in range(300):
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"nothing answers at {url}")


@contextmanager
def serving(
    servers: list[subprocess.Popen], *, env: dict[str, str], keep_db: bool
) -> Iterator[None]:
    """Stop the servers, then drop the database and empty Redis, however the
    bench ends."""
    try:
        yield
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)
        redis_flush(env["REDIS_URL"])
        if not keep_db:
            database_drop(env["DATABASE_URL"])
