"""Production: hardened; values with no safe default must come from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

for _required in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"):
    if not os.environ.get(_required):
        raise ImproperlyConfigured(f"The environment variable {_required} is required.")

from config.env import env_bool, env_int  # noqa: E402
from config.settings.base import *  # noqa: E402,F403

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_REFERRER_POLICY = "same-origin"

# Per-process memory cannot tell the other workers that a cached page went stale.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", default=bool(REDIS_URL))  # noqa: F405

# Integrations fail loudly when switched on but incomplete.
if STRIPE_SECRET_KEY and not STRIPE_WEBHOOK_SECRET:  # noqa: F405
    raise ImproperlyConfigured(
        "STRIPE_WEBHOOK_SECRET is required when STRIPE_SECRET_KEY is set: "
        "unsigned payment webhooks are refused."
    )
# The built-in test age provider approves anyone who clicks; never in production.
COMPLIANCE_AGE_TEST_PROVIDER_ENABLED = False
