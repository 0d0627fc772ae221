"""Local development and the demo: DEBUG on, SQLite, console email."""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SECRET_KEY", "dev-insecure-key-for-the-local-demo-only")
# The built-in test age provider signs its webhooks; an empty secret refuses them.
os.environ.setdefault("COMPLIANCE_AGE_WEBHOOK_SECRET", "dev-only-age-webhook-secret")

from config.settings.base import *  # noqa: F403

ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]  # noqa: F405

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
