"""Liveness and readiness for the load balancer and the container healthchecks.

Liveness says the process answers; readiness asks each dependency in turn and
names the ones that do not answer, without their addresses. The database is
required; the cache and the broker degrade the shop (slower pages, emails sent by
the outbox sweep later) without stopping it.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from common.cache import CacheUnavailableError
from config.celery import app

logger = logging.getLogger(__name__)

OK = "ok"
UNAVAILABLE = "unavailable"
NOT_CONFIGURED = "not configured"


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        logger.warning("Readiness: the database does not answer", exc_info=True)
        return UNAVAILABLE
    return OK


def _cache() -> str:
    ping = getattr(cache, "ping", None)
    if ping is None:
        # A per-process memory cache cannot be down.
        return OK
    try:
        ping()
    except CacheUnavailableError:
        logger.warning("Readiness: the cache does not answer", exc_info=True)
        return UNAVAILABLE
    return OK


def _broker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return NOT_CONFIGURED
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=0, timeout=1)
    except Exception:  # kombu raises transport-specific errors
        logger.warning("Readiness: the broker does not answer", exc_info=True)
        return UNAVAILABLE
    return OK


@never_cache
def livez(request: HttpRequest) -> JsonResponse:
    """The process is up and serving; no dependency is asked."""
    return JsonResponse({"status": OK})


@never_cache
def readyz(request: HttpRequest) -> JsonResponse:
    """Each dependency's state; 503 only when the database is unavailable."""
    checks = {"database": _database(), "cache": _cache(), "broker": _broker()}
    if checks["database"] != OK:
        status, code = UNAVAILABLE, 503
    elif UNAVAILABLE in checks.values():
        status, code = "degraded", 200
    else:
        status, code = OK, 200
    return JsonResponse({"status": status, "checks": checks}, status=code)
