"""localstripe, the stateful Stripe fake, started once per session on a free port."""

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import stripe

from tests.storefront.checkout.conftest import ready_checkout, shop

__all__ = ["localstripe", "ready_checkout", "shop", "stripe_settings"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def localstripe():
    port = _free_port()
    entry = shutil.which("localstripe") or str(
        Path(sys.executable).parent / "localstripe"
    )
    process = subprocess.Popen(
        # --from-scratch: localstripe otherwise reloads a store pickled by any earlier
        # (or concurrent) run, and a half-written one stops it from starting.
        [entry, "--port", str(port), "--from-scratch"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            request = urllib.request.Request(  # noqa: S310 - loopback http only
                f"{url}/v1/customers", headers={"Authorization": "Bearer sk_test_x"}
            )
            urllib.request.urlopen(request, timeout=1).close()  # noqa: S310 - loopback
            break
        except (urllib.error.URLError, ConnectionError, OSError):
            if process.poll() is not None or time.monotonic() > deadline:
                process.terminate()
                raise RuntimeError("localstripe did not start") from None
            time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def stripe_settings(settings, localstripe):
    settings.STRIPE_SECRET_KEY = "sk_test_verdant"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_verdant"
    settings.STRIPE_API_BASE = localstripe
    settings.STRIPE_WEBHOOK_SECRET = "whsec_test_secret"
    # The tests' own calls (creating card payment methods) go to localstripe too.
    previous = (stripe.api_key, stripe.api_base)
    stripe.api_key, stripe.api_base = settings.STRIPE_SECRET_KEY, localstripe
    yield settings
    stripe.api_key, stripe.api_base = previous
