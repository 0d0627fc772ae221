"""A mail, broker or cache outage degrades a feature, never a paid order or a page.

The outages are simulated with addresses on 127.0.0.1 where nothing listens; the
shared services are never stopped.
"""

import json
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from common.graphql.ids import to_global_id
from common.mail import email_retry_due
from common.models import OutboundEmail
from config.celery import app as celery_app
from storefront.accounts.models import User
from storefront.orders.models import Order, OrderEvent, OrderEventType
from storefront.payments.gateways.dummy import CARD_SUCCESS
from tests.factories.content import article_create, channel_create

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


def _pay_through_the_page(client, checkout):
    session = client.session
    session["checkout_token"] = str(checkout.token)
    session.save()
    return client.post(
        "/cart/checkout/pay/", {"gateway": "dummy", "card_number": CARD_SUCCESS}
    )


def _retry_later_with_mail_back(settings):
    settings.EMAIL_BACKEND = LOCMEM
    return email_retry_due(now=timezone.now() + timedelta(hours=1))


def test_paid_order_page_succeeds_with_smtp_down_and_the_email_follows(
    client, ready_checkout, dead_smtp, django_capture_on_commit_callbacks
):
    # when the shopper pays while the mail server refuses connections
    with django_capture_on_commit_callbacks(execute=True):
        response = _pay_through_the_page(client, ready_checkout)

    # then the order is placed and the shopper sees it
    order = Order.objects.get()
    assert response.status_code == 302
    assert response.url.startswith("/orders/")
    assert order.is_paid is True
    email = OutboundEmail.objects.get()
    assert email.status == OutboundEmail.Status.PENDING
    assert email.attempts == 1
    assert email.last_error.startswith("ConnectionRefusedError")
    assert email.next_attempt_at > timezone.now()
    assert mail.outbox == []
    assert not OrderEvent.objects.filter(type=OrderEventType.CONFIRMATION_SENT).exists()

    # when the outbox retries after mail is back
    sent = _retry_later_with_mail_back(dead_smtp)

    # then the confirmation goes out once, and the order records it
    assert sent == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == f"Your Verdant Field order {order.number}"
    assert OutboundEmail.objects.get().status == OutboundEmail.Status.SENT
    assert (
        OrderEvent.objects.filter(
            order=order, type=OrderEventType.CONFIRMATION_SENT
        ).count()
        == 1
    )
    assert email_retry_due(now=timezone.now() + timedelta(days=1)) == 0
    assert len(mail.outbox) == 1


PAY = """
mutation($id: ID!) {
  transactionInitialize(id: $id,
      paymentGateway: {id: "saleor.io.dummy-payment-app"}) {
    errors { field code message } transaction { id }
  }
}"""


def test_api_payment_succeeds_with_smtp_down(
    client, ready_checkout, dead_smtp, django_capture_on_commit_callbacks
):
    # when
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/graphql/",
            data=json.dumps(
                {
                    "query": PAY,
                    "variables": {"id": to_global_id("Checkout", ready_checkout.token)},
                }
            ),
            content_type="application/json",
        )

    # then
    content = response.json()
    assert "errors" not in content
    result = content["data"]["transactionInitialize"]
    assert result["errors"] == []
    assert result["transaction"] is not None
    assert Order.objects.count() == 1
    assert OutboundEmail.objects.get().status == OutboundEmail.Status.PENDING
    assert "refused" not in response.content.decode().lower()


def test_registration_succeeds_with_smtp_down(
    client, db, dead_smtp, django_capture_on_commit_callbacks
):
    # when
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/account/register/",
            {"email": "ada@example.com", "password": "a-long-pass-phrase-42"},
        )

    # then
    assert response.status_code == 302
    assert User.objects.filter(email="ada@example.com").count() == 1
    email = OutboundEmail.objects.get()
    assert (email.status, email.attempts) == (OutboundEmail.Status.PENDING, 1)
    assert _retry_later_with_mail_back(dead_smtp) == 1
    assert mail.outbox[0].subject == "Confirm your Verdant Field account"


@pytest.fixture
def dead_broker(dead_redis_url):
    """Celery sends tasks to a Redis broker address that is down."""
    saved = {
        "task_always_eager": celery_app.conf.task_always_eager,
        "broker_url": celery_app.conf.broker_url,
    }
    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_url = dead_redis_url
    # Connection pools are built lazily from the broker URL; forget them so the
    # dead address is used, and again afterwards so the memory broker returns.
    celery_app._after_fork()
    yield
    celery_app.conf.update(saved)
    celery_app._after_fork()


def test_order_succeeds_when_the_broker_is_down_and_the_sweep_sends_later(
    client, ready_checkout, dead_broker, django_capture_on_commit_callbacks, caplog
):
    # when
    with django_capture_on_commit_callbacks(execute=True):
        response = _pay_through_the_page(client, ready_checkout)

    # then the order stands; the email waits in the outbox, and the failure is logged
    assert response.status_code == 302
    assert Order.objects.count() == 1
    email = OutboundEmail.objects.get()
    assert (email.status, email.attempts) == (OutboundEmail.Status.PENDING, 0)
    assert "could not be queued" in caplog.text
    assert mail.outbox == []

    # when the sweep runs a minute later
    sent = email_retry_due(now=timezone.now() + timedelta(minutes=2))

    # then
    assert sent == 1
    assert len(mail.outbox) == 1


@pytest.fixture
def site_with_an_article(settings, db):
    settings.STOREFRONT_DEFAULT_CHANNEL = "us"
    channel = channel_create(slug="us", country="US", regime="us")
    article_create(title="Breathing slowly", slug="breathing-slowly")
    return channel


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/articles/",
        "/articles/breathing-slowly/",
        "/sitemap.xml",
        "/account/login/",
        "/search/?q=tea",
    ],
)
def test_pages_answer_with_the_cache_down(
    client, site_with_an_article, dead_redis_cache, path
):
    # when
    response = client.get(path)

    # then
    assert response.status_code == 200


def test_sign_in_works_with_the_cache_down(
    client, site_with_an_article, dead_redis_cache
):
    # given
    User.objects.create_user("ada@example.com", "a-long-pass-phrase-42")

    # when
    response = client.post(
        "/account/login/",
        {"email": "ada@example.com", "password": "a-long-pass-phrase-42"},
    )

    # then
    assert response.status_code == 302


def test_api_error_does_not_name_the_cache_server(client, db, dead_redis_cache):
    # given
    port = dead_redis_cache.rsplit(":", 1)[1].split("/")[0]

    # when
    response = client.post(
        "/graphql/",
        data=json.dumps(
            {
                "query": 'mutation { tokenCreate(email: "a@example.com", '
                'password: "wrong") { errors { field code message } } }'
            }
        ),
        content_type="application/json",
    )

    # then
    assert response.status_code == 200
    assert port not in response.content.decode()
    errors = response.json()["data"]["tokenCreate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [
        ("email", "INVALID_CREDENTIALS")
    ]


def test_readiness_names_the_cache_outage_and_liveness_stays_ok(
    client, db, dead_redis_cache
):
    # given
    port = dead_redis_cache.rsplit(":", 1)[1].split("/")[0]

    # when
    ready = client.get("/readyz/")
    live = client.get("/livez/")

    # then
    assert ready.status_code == 200
    assert ready.json() == {
        "status": "degraded",
        "checks": {
            "database": "ok",
            "cache": "unavailable",
            "broker": "not configured",
        },
    }
    assert port not in ready.content.decode()
    assert live.json() == {"status": "ok"}


def test_readiness_all_ok(client, db):
    # when
    response = client.get("/readyz/")

    # then
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["checks"]["database"] == "ok"
