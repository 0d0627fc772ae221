import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError

from content.errors import (
    ContentErrorCode,
    NewsletterLinkError,
    NewsletterLinkExpiredError,
)
from content.models import NewsletterSubscriber
from content.selectors import newsletter_recipients
from content.services import (
    newsletter_confirm,
    newsletter_send,
    newsletter_subscribe,
)

pytestmark = pytest.mark.django_db


def _link(body: str, kind: str) -> str:
    return re.search(rf"(/newsletter/{kind}/[^/\s]+/)", body).group(1)


def test_signup_is_pending_and_sends_confirmation(django_capture_on_commit_callbacks):
    # when
    with django_capture_on_commit_callbacks(execute=True):
        sub = newsletter_subscribe(
            email="Reader@Example.com", consent=True, source="/articles/x/"
        )
    # then
    assert sub.status == NewsletterSubscriber.Status.PENDING
    assert sub.email == "reader@example.com"
    assert sub.consent_source == "/articles/x/"
    assert sub.consent_at is not None
    assert sub.confirmed_at is None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["reader@example.com"]
    assert "/newsletter/confirm/" in mail.outbox[0].body
    assert "/newsletter/unsubscribe/" in mail.outbox[0].body
    assert list(newsletter_recipients()) == []


def test_signup_without_consent_is_refused():
    # when
    with pytest.raises(ValidationError) as info:
        newsletter_subscribe(email="a@example.com", consent=False, source="form")
    # then
    errors = info.value.error_dict
    assert list(errors) == ["consent"]
    assert errors["consent"][0].code == ContentErrorCode.CONSENT_REQUIRED.value
    assert NewsletterSubscriber.objects.count() == 0
    assert len(mail.outbox) == 0


def test_confirm_link_confirms(client, django_capture_on_commit_callbacks):
    # given
    with django_capture_on_commit_callbacks(execute=True):
        newsletter_subscribe(email="c@example.com", consent=True, source="form")
    # when
    response = client.get(_link(mail.outbox[0].body, "confirm"))
    # then
    assert response.status_code == 200
    assert "You're subscribed" in response.content.decode()
    assert [s.email for s in newsletter_recipients()] == ["c@example.com"]


def test_tampered_link_is_refused(client, django_capture_on_commit_callbacks):
    # given
    with django_capture_on_commit_callbacks(execute=True):
        newsletter_subscribe(email="t@example.com", consent=True, source="form")
    link = _link(mail.outbox[0].body, "confirm")
    tampered = link.replace("t@example.com", "x@example.com")
    # when
    response = client.get(tampered)
    # then
    assert response.status_code == 400
    assert "This link is not valid." in response.content.decode()
    assert list(newsletter_recipients()) == []


def test_expired_link_is_refused(client, django_capture_on_commit_callbacks):
    # given
    with (
        time_machine.travel(dt.datetime(2026, 1, 1, 12, tzinfo=dt.UTC), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        newsletter_subscribe(email="e@example.com", consent=True, source="form")
    token = _link(mail.outbox[0].body, "confirm").split("/")[-2]
    # when
    with time_machine.travel(dt.datetime(2026, 1, 4, 13, tzinfo=dt.UTC), tick=False):
        response = client.get(f"/newsletter/confirm/{token}/")
        with pytest.raises(NewsletterLinkExpiredError):
            newsletter_confirm(token=token)
    # then
    assert response.status_code == 400
    assert "This confirmation link has expired." in response.content.decode()
    assert list(newsletter_recipients()) == []


def test_link_within_three_days_works(django_capture_on_commit_callbacks):
    # given
    with (
        time_machine.travel(dt.datetime(2026, 1, 1, 12, tzinfo=dt.UTC), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        newsletter_subscribe(email="w@example.com", consent=True, source="form")
    token = _link(mail.outbox[0].body, "confirm").split("/")[-2]
    # when
    with time_machine.travel(dt.datetime(2026, 1, 4, 11, tzinfo=dt.UTC), tick=False):
        sub = newsletter_confirm(token=token)
    # then
    assert sub.status == NewsletterSubscriber.Status.CONFIRMED


def test_send_reaches_only_confirmed_with_unsubscribe_link(
    client, django_capture_on_commit_callbacks
):
    # given
    with django_capture_on_commit_callbacks(execute=True):
        newsletter_subscribe(email="yes@example.com", consent=True, source="form")
        newsletter_subscribe(email="no@example.com", consent=True, source="form")
    newsletter_confirm(token=_link(mail.outbox[0].body, "confirm").split("/")[-2])
    mail.outbox.clear()
    # when
    with django_capture_on_commit_callbacks(execute=True):
        count = newsletter_send(subject="Issue 1", text="Hello readers.")
    # then
    assert count == 1
    assert [m.to for m in mail.outbox] == [["yes@example.com"]]
    unsubscribe = _link(mail.outbox[0].body, "unsubscribe")
    assert client.get(unsubscribe).status_code == 200
    assert client.post(unsubscribe).status_code == 200
    assert list(newsletter_recipients()) == []


def test_tampered_unsubscribe_is_refused(client):
    from content.services import newsletter_unsubscribe

    with pytest.raises(NewsletterLinkError, match=r"This link is not valid\."):
        newsletter_unsubscribe(token="someone@example.com:forged")
    assert client.post("/newsletter/unsubscribe/x:y/").status_code == 400


def test_signup_form_posts_and_shows_field_errors(
    client, django_capture_on_commit_callbacks
):
    # when
    bad = client.post("/newsletter/", {"email": "nope", "source": "/"})
    with django_capture_on_commit_callbacks(execute=True):
        good = client.post(
            "/newsletter/", {"email": "f@example.com", "consent": "on", "source": "/"}
        )
    # then
    assert bad.status_code == 400
    html = bad.content.decode()
    assert "Email address: Enter a valid email address." in html
    assert "Consent: Tick the box to agree to receive the newsletter." in html
    assert good.status_code == 200
    assert NewsletterSubscriber.objects.get().email == "f@example.com"
    assert len(mail.outbox) == 1
