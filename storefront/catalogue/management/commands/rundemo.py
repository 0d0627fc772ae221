"""``manage.py rundemo``: what ``make run`` does, with short output.

Migrates quietly, loads the demo data only into an empty shop (a shop in use keeps
its staff edits), starts the development server and prints the address and the
demo logins once the server answers, not before.
"""

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from storefront.catalogue.demo import demo_load_if_empty, demo_logins

STARTUP_TIMEOUT_SECONDS = 90.0


def server_wait_until_answering(
    url: str,
    *,
    process: subprocess.Popen[Any] | None = None,
    timeout: float = STARTUP_TIMEOUT_SECONDS,
    interval: float = 0.25,
) -> bool:
    """Poll ``url`` until it returns any HTTP response; False on timeout or exit.

    An HTTP error status still counts: the server is up and answering. Stops early
    when ``process`` (the server) has exited.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - loopback URL built here
                return True
        except urllib.error.HTTPError:
            return True
        except (urllib.error.URLError, OSError):
            time.sleep(interval)
    return False


class Command(BaseCommand):
    help = (
        "Start the demo shop: migrate, load the demo data into an empty shop, "
        "serve on 127.0.0.1 and print the address and logins once it answers."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--port", type=int, default=int(os.environ.get("PORT") or 8000)
        )
        parser.add_argument("--host", default="127.0.0.1")

    def handle(self, *args: object, **options: Any) -> None:
        host, port = options["host"], options["port"]
        call_command("migrate", interactive=False, verbosity=0)
        if demo_load_if_empty(stdout=self.stdout):  # type: ignore[arg-type]
            self.stdout.write("Demo data loaded into the new shop.")
        else:
            self.stdout.write(
                "Shop data kept as it is; `make demo-reload` loads the demo again "
                "(and reverts staff edits to the demo products)."
            )
        base = f"http://{host}:{port}/"
        # The server's own code (emails, links) reads the port it serves from.
        env = {**os.environ, "PORT": str(port)}
        server = subprocess.Popen(  # noqa: S603 - our own interpreter and manage.py
            [
                sys.executable,
                str(settings.BASE_DIR / "manage.py"),
                "runserver",
                f"{host}:{port}",
            ],
            env=env,
        )
        # Stopped by a signal rather than Ctrl+C, still take the server down.
        signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)
        try:
            if not server_wait_until_answering(base, process=server):
                raise CommandError(f"The server did not answer at {base}.")
            self.stdout.write("")
            self.stdout.write(f"  The shop is at {base}  (staff admin: {base}admin/)")
            for line in demo_logins():
                self.stdout.write(f"  {line}")
            self.stdout.write("  Stop with Ctrl+C.")
            self.stdout.write("")
            server.wait()
        except KeyboardInterrupt:
            pass
        finally:
            if server.poll() is None:
                server.terminate()
                server.wait(timeout=10)


def _raise_keyboard_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
