"""Local development and the demo: DEBUG on, SQLite, console email."""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SECRET_KEY", "dev-insecure-key-for-the-local-demo-only")

from config.settings.base import *  # noqa: F403

ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]  # noqa: F405
