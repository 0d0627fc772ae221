"""Local development and the demo: DEBUG on, SQLite, console email, test cards."""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SECRET_KEY", "dev-insecure-key-for-the-local-demo-only")
# The built-in test age provider signs its webhooks; an empty secret refuses them.
os.environ.setdefault("COMPLIANCE_AGE_WEBHOOK_SECRET", "dev-only-age-webhook-secret")
os.environ.setdefault("PAYMENTS_DUMMY_ENABLED", "true")

from config.settings.base import *  # noqa: F403

ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]  # noqa: F405

# The developer's GraphiQL page loads its scripts from a CDN; it exists only with
# DEBUG on, so it is left out of the policy rather than widening it for everyone.
CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY,  # noqa: F405
    "EXCLUDE_URL_PREFIXES": ["/graphql/"],
}

# Every background task logs its start and end at INFO, and Wagtail logs each page
# it creates and publishes: hundreds of lines while the demo loads, none of them
# news to a developer. Warnings and errors still show.
LOGGING = {
    **LOGGING,  # noqa: F405
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}
