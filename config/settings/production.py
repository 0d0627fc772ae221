"""Production: hardened; values with no safe default must come from the environment.

The shop refuses to start with an unsafe default: the dummy gateway's test cards,
console email, no public base URL, or rate limits counted in each worker's memory.
"""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

for _required in (
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "REDIS_URL",
    "EMAIL_URL",
    "STOREFRONT_BASE_URL",
):
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

# Links in emails leave the shop: they must name its public address.
_base = urlsplit(STOREFRONT_BASE_URL)  # noqa: F405
if _base.scheme != "https" or not _base.hostname:
    raise ImproperlyConfigured(
        "STOREFRONT_BASE_URL must be the shop's public https address, such as "
        "https://shop.example.com."
    )
WAGTAILADMIN_BASE_URL = STOREFRONT_BASE_URL  # noqa: F405

# Emails to customers must leave the machine.
if not EMAIL_BACKEND.endswith("smtp.EmailBackend"):  # noqa: F405
    raise ImproperlyConfigured(
        "EMAIL_URL must be an smtp://, smtp+tls:// or smtps:// address in "
        "production; console:// and locmem:// lose every email."
    )

# The dummy gateway accepts test cards without moving money. A staging shop may
# run it, but only by saying so in as many words.
PAYMENTS_DUMMY_ALLOWED_UNPAID_ORDERS = env_bool(
    "PAYMENTS_DUMMY_ALLOWED_UNPAID_ORDERS", default=False
)
if PAYMENTS_DUMMY_ENABLED and not PAYMENTS_DUMMY_ALLOWED_UNPAID_ORDERS:  # noqa: F405
    raise ImproperlyConfigured(
        "PAYMENTS_DUMMY_ENABLED is on: test cards would place real, unpaid orders. "
        "Switch it off, or set PAYMENTS_DUMMY_ALLOWED_UNPAID_ORDERS=true on a "
        "staging shop that ships nothing."
    )

# Rate limits count in the cache: every worker must share it.
if "redis" not in CACHES["default"]["BACKEND"].lower():  # noqa: F405
    raise ImproperlyConfigured(
        "The cache must be Redis in production: sign-in limits kept in each "
        "worker's memory do not hold."
    )

# Integrations fail loudly when switched on but incomplete.
if STRIPE_SECRET_KEY and not STRIPE_WEBHOOK_SECRET:  # noqa: F405
    raise ImproperlyConfigured(
        "STRIPE_WEBHOOK_SECRET is required when STRIPE_SECRET_KEY is set: "
        "unsigned payment webhooks are refused."
    )
# The built-in test age provider approves anyone who clicks; never in production.
COMPLIANCE_AGE_TEST_PROVIDER_ENABLED = False
