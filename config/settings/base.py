"""Settings shared by every environment; every value can come from the environment."""

from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF

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
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "common.compression.CompressionMiddleware",
    "common.middleware.ShopCSPMiddleware",
    "common.middleware.RequestOriginMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "storefront.channels.middleware.ShopperRegionMiddleware",
    "common.middleware.RejectNulCharactersMiddleware",
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
                "common.page_cache.here",
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
# One backend for every sign-in (storefront, API, both admins): it applies the
# sign-in limits.
AUTHENTICATION_BACKENDS = ["storefront.accounts.backends.SignInLimitBackend"]

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

# Cache: Redis when configured, otherwise per-process memory. The Redis backend
# answers "no value" when Redis is unreachable, so an outage costs speed, not pages;
# the rate limits' counters live in it too (production requires Redis).
REDIS_URL = env_str("REDIS_URL", "")
CACHE_TIMEOUT_SECONDS = 0.5
CACHES = {
    "default": (
        {
            "BACKEND": "common.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "socket_connect_timeout": CACHE_TIMEOUT_SECONDS,
                "socket_timeout": CACHE_TIMEOUT_SECONDS,
            },
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Anonymous catalogue pages and API answers (common.page_cache). Their invalidation
# reaches every process only through a shared cache, so production turns them on
# with Redis (see production.py).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", default=True)

# Celery: without a broker, tasks run in-process when they are sent.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
# A broker that does not answer must not hold a request: queueing gives up quickly
# and the outbox's periodic sweep sends what could not be queued.
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "max_retries": 1,
    "socket_connect_timeout": 1,
    "socket_timeout": 2,
}
CELERY_TASK_PUBLISH_RETRY = False


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


EMAIL_URL = env_str("EMAIL_URL", "console://")
globals().update(_email_settings(EMAIL_URL))
# A mail server that does not answer fails the attempt quickly; the outbox retries.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
# Outbox: attempts before an email is given up (and logged as an error), and the
# pause before the first retry (doubled after each failure).
MAIL_MAX_ATTEMPTS = env_int("MAIL_MAX_ATTEMPTS", 8)
MAIL_RETRY_SECONDS = env_int("MAIL_RETRY_SECONDS", 60)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Verdant Field <shop@localhost>")

# Payments
STRIPE_SECRET_KEY = env_str("STRIPE_SECRET_KEY", "")
STRIPE_PUBLISHABLE_KEY = env_str("STRIPE_PUBLISHABLE_KEY", "")
STRIPE_WEBHOOK_SECRET = env_str("STRIPE_WEBHOOK_SECRET", "")
STRIPE_API_BASE = env_str("STRIPE_API_BASE", "")

# Shop
STOREFRONT_DEFAULT_CHANNEL = env_str("STOREFRONT_DEFAULT_CHANNEL", "us")
# The public address that links in emails use. Production requires it; the demo
# leaves it empty and builds links from the address it serves.
STOREFRONT_BASE_URL = env_str("STOREFRONT_BASE_URL", "")

# Compliance
COMPLIANCE_RULES_DIR = BASE_DIR / "config" / "compliance"
COMPLIANCE_AGE_WEBHOOK_SECRET = env_str("COMPLIANCE_AGE_WEBHOOK_SECRET", "")
# A provider's decision older than this is refused as a replay.
COMPLIANCE_AGE_WEBHOOK_MAX_AGE_SECONDS = env_int(
    "COMPLIANCE_AGE_WEBHOOK_MAX_AGE_SECONDS", 60 * 60
)
COMPLIANCE_SCAN_SOURCES: list[str] = [
    # dotted paths to callables yielding compliance.scan.ScanItem; owners append theirs
    "content.compliance_sources.article_scan_items",
    "storefront.catalogue.compliance_sources.product_scan_items",
]
# Module giving the compliance impact of a rule change its shop data and acting on
# it: impact_subjects() -> ImpactSubject items, impact_act(changes, ...) -> the
# (change, line) of each action taken.
COMPLIANCE_IMPACT_ADAPTER = "storefront.compliance_impact"

# Demo data: populatedb runs the catalogue's loader, then each of these in order.
DEMO_DATA_LOADERS: list[str] = [
    # dotted paths to callables taking (stdout) and loading their demo data idempotently
    "content.demo.populate_articles",
    "storefront.subscriptions.demo.populate_membership",
]

# --- checkout, orders, payments, accounts ---
CHECKOUT_MAX_QUANTITY_PER_LINE = env_int("CHECKOUT_MAX_QUANTITY_PER_LINE", 50)
# A payment that took money but has had no order for this long is completed or
# given back by the reconciliation task.
CHECKOUT_RECONCILE_AFTER_SECONDS = env_int("CHECKOUT_RECONCILE_AFTER_SECONDS", 5 * 60)
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
# The dummy gateway's test cards succeed without money moving: the demo and the
# tests switch it on; production refuses it (see production.py).
PAYMENTS_DUMMY_ENABLED = env_bool("PAYMENTS_DUMMY_ENABLED", default=False)
# Who hears about a payment held for review (amounts that do not match); the
# active superusers when empty.
PAYMENTS_ALERT_EMAILS = env_list("PAYMENTS_ALERT_EMAILS", "")
ACCOUNTS_SIGNIN_MAX_FAILURES = env_int("ACCOUNTS_SIGNIN_MAX_FAILURES", 5)
ACCOUNTS_SIGNIN_WINDOW_SECONDS = env_int("ACCOUNTS_SIGNIN_WINDOW_SECONDS", 15 * 60)
# How many reverse proxies in front of the shop append to X-Forwarded-For; the client
# address (which the sign-in limits count by) is the entry they received. 0: trust
# none and use the connection's address.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
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
    "checkout-payments-reconcile": {
        "task": "checkout.payments_reconcile",
        "schedule": 5 * 60,
    },
    "mail-retry-due": {
        "task": "common.mail_retry_due",
        "schedule": 60,
    },
}

# --- content ---
# Days a newsletter confirmation link stays valid.
CONTENT_NEWSLETTER_CONFIRM_DAYS = env_int("CONTENT_NEWSLETTER_CONFIRM_DAYS", 3)

# --- GraphQL API ---
GRAPHQL_JWT_ACCESS_TTL = env_int("GRAPHQL_JWT_ACCESS_TTL", 5 * 60)
GRAPHQL_JWT_REFRESH_TTL = env_int("GRAPHQL_JWT_REFRESH_TTL", 30 * 24 * 3600)
# Hosts of storefronts that API emails (confirmation, password reset, deletion)
# may link to through a client's redirectUrl, besides STOREFRONT_BASE_URL's
# (Saleor's setting; ".example.com" allows a domain and its subdomains).
ALLOWED_CLIENT_HOSTS = env_list("ALLOWED_CLIENT_HOSTS", "")

# Content (Wagtail)
WAGTAIL_SITE_NAME = "Verdant Field"
WAGTAILADMIN_BASE_URL = STOREFRONT_BASE_URL or "http://127.0.0.1:8000"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"
WAGTAILDOCS_EXTENSIONS = ["pdf", "txt"]
# The admin loads nothing from third parties: no avatars from Gravatar (they
# would tell it who works here) and no release check.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

GRAPHENE = {"SCHEMA": "config.schema.schema", "SCHEMA_OUTPUT": "config/schema.graphql"}

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"  # Wagtail marks its preview views SAMEORIGIN itself
SESSION_COOKIE_HTTPONLY = True

# Content-Security-Policy (django-csp): scripts only from the shop itself, Stripe.js,
# and inline blocks that carry the per-response nonce. Inline style attributes stay
# allowed: the Wagtail admin relies on them and they cannot run code.
_STRIPE_JS = "https://js.stripe.com"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE, _STRIPE_JS],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "https:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF, "https://api.stripe.com"],
        "frame-src": [SELF, _STRIPE_JS, "https://hooks.stripe.com"],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

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
