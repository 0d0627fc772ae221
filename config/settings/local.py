"""Local development and the demo: DEBUG on, SQLite, console email."""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SECRET_KEY", "dev-insecure-key-for-the-local-demo-only")
# The built-in test age provider signs its webhooks; an empty secret refuses them.
os.environ.setdefault("COMPLIANCE_AGE_WEBHOOK_SECRET", "dev-only-age-webhook-secret")

from config.settings.base import *  # noqa: F403

ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]  # noqa: F405
