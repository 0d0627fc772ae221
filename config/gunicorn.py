"""gunicorn settings for production: ``gunicorn -c config/gunicorn.py config.wsgi``.

Every value can come from the environment, as the Django settings do.
"""

import gc
import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
accesslog = "-"
# The client address, for the sign-in limits, comes from the proxy's header only
# when the shop is told how many proxies to trust (TRUSTED_PROXY_COUNT).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# The application is loaded once, in the master, and what it builds at start is
# shared by the workers it forks (see ``when_ready``).
preload_app = True


def when_ready(server: object) -> None:
    """Build the claims linter's matchers before any worker is forked, then move
    everything built at start out of the garbage collector's sight.

    Otherwise each new worker builds them inside its first product page, which
    takes seconds of CPU, and under load longer than the worker timeout. The
    application, the schema and the matchers are some 850,000 objects that
    live as long as the process: left to the collector, every full collection
    in a worker walks them all again (a few milliseconds a request on the API's
    cold path, which keeps every new document it parses). Frozen, they are never
    walked, and the workers' copies of their pages stay shared.
    """
    # gunicorn reads this file before it loads (and sets up) the application.
    from compliance.claims import claims_linter_prepare

    claims_linter_prepare()
    gc.collect()
    gc.freeze()


def post_worker_init(worker: object) -> None:
    """Drop gunicorn's ``Server`` banner: it tells an attacker what to aim at.

    gunicorn writes the header itself and has no setting to leave it out, so each
    worker answers with a response class that omits it.
    """
    from gunicorn.http import wsgi

    class BannerlessResponse(wsgi.Response):
        def default_headers(self) -> list[str]:
            return [
                line
                for line in super().default_headers()
                if not line.lower().startswith("server:")
            ]

    wsgi.Response = BannerlessResponse  # type: ignore[misc]
