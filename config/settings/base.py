"""Settings shared by every environment; every value can come from the environment."""

from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = env_str("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    # our apps first so that their templates override the libraries'
    "common",
    "storefront.accounts",
    "storefront.channels",
    "storefront.catalogue",
    "storefront.inventory",
    "storefront.shipping",
    "storefront.discounts",
    "storefront.checkout",
    "storefront.orders",
    "storefront.payments",
    "storefront.subscriptions",
    "content",
    "compliance",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "django_countries",
    "django_prices",
    "django_htmx",
    "graphene_django",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "storefront.channels.middleware.ShopperRegionMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "storefront.channels.context_processors.shopper_region",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'shop.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
_VALIDATORS = "django.contrib.auth.password_validation."
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": _VALIDATORS + "UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:dashboard"

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Cache: Redis when configured, otherwise per-process memory.
REDIS_URL = env_str("REDIS_URL", "")
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Celery: without a broker, tasks run in-process when they are sent.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE


def _email_settings(url: str) -> dict[str, object]:
    """EMAIL_URL: console://, locmem://, smtp://user:pass@host:port, smtp+tls://…"""
    parts = urlsplit(url)
    scheme = parts.scheme
    if scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if scheme == "locmem":
        return {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    if scheme in {"smtp", "smtp+tls", "smtps"}:
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": parts.hostname or "localhost",
            "EMAIL_PORT": parts.port or (465 if scheme == "smtps" else 587),
            "EMAIL_HOST_USER": parts.username or "",
            "EMAIL_HOST_PASSWORD": parts.password or "",
            "EMAIL_USE_TLS": scheme == "smtp+tls",
            "EMAIL_USE_SSL": scheme == "smtps",
        }
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(f"EMAIL_URL has an unknown scheme: {scheme!r}.")


globals().update(_email_settings(env_str("EMAIL_URL", "console://")))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Verdant Field <shop@localhost>")

# Payments
STRIPE_SECRET_KEY = env_str("STRIPE_SECRET_KEY", "")
STRIPE_PUBLISHABLE_KEY = env_str("STRIPE_PUBLISHABLE_KEY", "")
STRIPE_WEBHOOK_SECRET = env_str("STRIPE_WEBHOOK_SECRET", "")
STRIPE_API_BASE = env_str("STRIPE_API_BASE", "")

# Shop
STOREFRONT_DEFAULT_CHANNEL = env_str("STOREFRONT_DEFAULT_CHANNEL", "us")
STOREFRONT_BASE_URL = env_str("STOREFRONT_BASE_URL", "http://127.0.0.1:8000")

# Compliance
COMPLIANCE_RULES_DIR = BASE_DIR / "config" / "compliance"
COMPLIANCE_AGE_WEBHOOK_SECRET = env_str("COMPLIANCE_AGE_WEBHOOK_SECRET", "")
COMPLIANCE_SCAN_SOURCES: list[str] = [
    # dotted paths to callables yielding compliance.scan.ScanItem; owners append theirs
    "content.compliance_sources.article_scan_items",
    "storefront.catalogue.compliance_sources.product_scan_items",
]
# Module giving the compliance impact of a rule change its shop data and acting on
# it: impact_subjects() -> ImpactSubject items, impact_act(changes, ...) -> lines.
COMPLIANCE_IMPACT_ADAPTER = "storefront.compliance_impact"

# Demo data: populatedb runs the catalogue's loader, then each of these in order.
DEMO_DATA_LOADERS: list[str] = [
    # dotted paths to callables taking (stdout) and loading their demo data idempotently
    "content.demo.populate_articles",
    "storefront.subscriptions.demo.populate_membership",
]

# --- checkout, orders, payments, accounts ---
CHECKOUT_MAX_QUANTITY_PER_LINE = env_int("CHECKOUT_MAX_QUANTITY_PER_LINE", 50)
# Flat tax rates in percent by country. US sales tax is left at 0 % (simplified: it
# varies by state and county and is not modelled); unknown countries pay none.
CHECKOUT_TAX_RATES = {
    "US": "0",
    "CA": "5",
    "GB": "20",
    "DE": "19",
    "FR": "20",
    "NL": "21",
    "AT": "20",
    "BE": "21",
    "ES": "21",
    "IT": "22",
    "IE": "23",
    "PT": "23",
    "CZ": "21",
    "PL": "23",
    "SE": "25",
    "DK": "25",
}
PAYMENTS_DUMMY_ENABLED = env_bool("PAYMENTS_DUMMY_ENABLED", default=True)
ACCOUNTS_SIGNIN_MAX_FAILURES = env_int("ACCOUNTS_SIGNIN_MAX_FAILURES", 5)
ACCOUNTS_SIGNIN_WINDOW_SECONDS = env_int("ACCOUNTS_SIGNIN_WINDOW_SECONDS", 15 * 60)
ACCOUNTS_EMAIL_CONFIRM_MAX_AGE = env_int("ACCOUNTS_EMAIL_CONFIRM_MAX_AGE", 3 * 86400)

# --- subscriptions ---
# Dunning: retry a refused renewal this many days after the first failure, then cancel.
SUBSCRIPTIONS_DUNNING_RETRY_DAYS = [1, 3, 7]
SUBSCRIPTIONS_REMINDER_DAYS = env_int("SUBSCRIPTIONS_REMINDER_DAYS", 3)
# A renewal left "charging" this long (a crashed worker) is picked up again.
SUBSCRIPTIONS_CHARGING_STALE_SECONDS = 15 * 60
CELERY_BEAT_SCHEDULE = {
    "subscriptions-renewals": {
        "task": "subscriptions.renewals_run",
        "schedule": 60 * 60,  # hourly; each run only renews what is due
    },
    "subscriptions-reminders": {
        "task": "subscriptions.reminders_send",
        "schedule": 6 * 60 * 60,
    },
}

# --- content ---
# Days a newsletter confirmation link stays valid.
CONTENT_NEWSLETTER_CONFIRM_DAYS = env_int("CONTENT_NEWSLETTER_CONFIRM_DAYS", 3)

# --- GraphQL API ---
GRAPHQL_JWT_ACCESS_TTL = env_int("GRAPHQL_JWT_ACCESS_TTL", 5 * 60)
GRAPHQL_JWT_REFRESH_TTL = env_int("GRAPHQL_JWT_REFRESH_TTL", 30 * 24 * 3600)
# Hosts of storefronts that API emails (password reset, deletion) may link to,
# besides STOREFRONT_BASE_URL's.
GRAPHQL_ALLOWED_CLIENT_HOSTS = env_list("GRAPHQL_ALLOWED_CLIENT_HOSTS", "")

# Content (Wagtail)
WAGTAIL_SITE_NAME = "Verdant Field"
WAGTAILADMIN_BASE_URL = STOREFRONT_BASE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"
WAGTAILDOCS_EXTENSIONS = ["pdf", "txt"]

GRAPHENE = {"SCHEMA": "config.schema.schema", "SCHEMA_OUTPUT": "config/schema.graphql"}

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"  # Wagtail marks its preview views SAMEORIGIN itself
SESSION_COOKIE_HTTPONLY = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# With DEBUG off the shop refuses to start unless a real key is configured.
_INSECURE_KEY_PREFIXES = ("django-insecure", "dev-insecure", "change-me")
if not DEBUG and (
    len(SECRET_KEY) < 50 or SECRET_KEY.startswith(_INSECURE_KEY_PREFIXES)
):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters "
        "when DEBUG is off."
    )
