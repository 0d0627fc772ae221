"""The test suite: PostgreSQL, fast hashing, in-memory email and cache, eager tasks."""

import os

os.environ.setdefault(
    "SECRET_KEY", "test-only-key-0123456789abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ"
)
os.environ.setdefault(
    "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/wellness_shop"
)
os.environ.setdefault("EMAIL_URL", "locmem://")
os.environ.setdefault("REDIS_URL", "")
os.environ.setdefault("PAYMENTS_DUMMY_ENABLED", "true")
os.environ.setdefault("STOREFRONT_BASE_URL", "http://127.0.0.1:8000")

from config.settings.base import *  # noqa: F403

DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = "memory://"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["*"]
STRIPE_WEBHOOK_SECRET = "whsec_test_secret"
COMPLIANCE_AGE_WEBHOOK_SECRET = "age-webhook-test-secret"
COMPLIANCE_AGE_TEST_PROVIDER_ENABLED = True
