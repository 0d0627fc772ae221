"""Impact reports in the admin: every computed impact is kept; officers read it as a
table with filters and apply it with a POST, once, through the CLI's own service."""

import io
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.management import call_command
from django.test import Client

from compliance.impact import impact_run
from compliance.models import (
    AuditAction,
    AuditEntry,
    ImpactAction,
    ImpactReportRecord,
    ImpactReportRow,
)
from compliance.rules import rules_load
from storefront.orders.models import Order
from storefront.subscriptions.models import SubscriptionStatus

pytestmark = pytest.mark.django_db
RULES = Path(__file__).resolve().parents[2] / "config" / "compliance"
REPORTS = "/django-admin/compliance/impactreportrecord/"
ROWS = "/django-admin/compliance/impactreportrow/"


@pytest.fixture
def ban_in_force(settings, banned_rules):
    """The new ban is the rule data in force; the shipped data came before it."""
    settings.COMPLIANCE_RULES_DIR = str(banned_rules)
    return rules_load(directory=RULES)


@pytest.fixture
def stored(shop_with_subscriptions, ban_in_force):
    report = impact_run(before=ban_in_force)
    return ImpactReportRecord.objects.get(pk=report.report_id)


def _client(user, *, csrf=False):
    client = Client(enforce_csrf_checks=csrf)
    client.force_login(user)
    return client


def _csrf_post(client, url):
    page = client.get(url)
    assert page.status_code == 200
    return client.post(url, {"csrfmiddlewaretoken": page.context["csrf_token"]})


def test_every_computed_impact_is_kept_with_its_rows(stored):
    affected = "Subscription #"
    rows = list(stored.rows.all())

    assert stored.to_version == "test.ban"
    assert stored.from_version == rules_load(directory=RULES).version
    assert stored.computed_by_label == "system"
    assert stored.applied is False
    assert {(r.object_type, r.before, r.after) for r in rows} == {
        ("subscription", "allowed", "prohibited"),
        ("order", "allowed", "prohibited"),
    }
    assert all(r.jurisdiction == "US-CA" and r.action == "" for r in rows)
    assert any(r.object_label.startswith(affected) for r in rows)


def test_the_cli_stores_its_reports_the_same_way(
    shop_with_subscriptions, ban_in_force, django_capture_on_commit_callbacks
):
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "compliance", "impact", "--from-dir", str(RULES), "--apply", stdout=out
        )

    report = ImpactReportRecord.objects.get()
    assert f"Kept as impact report {report.pk}" in out.getvalue()
    assert report.applied
    assert report.applied_by_label == "command line"
    actions = sorted(report.rows.values_list("action", flat=True))
    assert [a.split()[0] for a in actions] == ["hold", "pause"]


def test_officer_reads_reports_and_filters_rows(officer, stored):
    client = _client(officer)

    listing = client.get(REPORTS, {"applied": "no"})
    applied = client.get(REPORTS, {"applied": "yes"})
    page = client.get(f"{REPORTS}{stored.pk}/change/")
    orders = client.get(ROWS, {"report__id__exact": stored.pk, "object_type": "order"})

    assert listing.status_code == 200
    assert list(listing.context["cl"].result_list) == [stored]
    assert list(applied.context["cl"].result_list) == []
    assert page.status_code == 200
    assert b"Decision after" in page.content
    assert b"prohibited" in page.content
    shown = list(orders.context["cl"].result_list)
    assert [(r.object_type, r.after) for r in shown] == [("order", "prohibited")]


def test_applying_from_the_admin_acts_once_and_audits_each_change(
    officer, stored, shop_with_subscriptions, django_capture_on_commit_callbacks
):
    # given
    client = _client(officer, csrf=True)
    url = f"{REPORTS}{stored.pk}/apply/"
    affected = shop_with_subscriptions["herbal_ca"]
    mail.outbox.clear()

    # when: a POST without the token is refused, then applied twice with it
    refused = client.post(url)
    with django_capture_on_commit_callbacks(execute=True):
        first = _csrf_post(client, url)
    state = (AuditEntry.objects.count(), ImpactAction.objects.count())
    with django_capture_on_commit_callbacks(execute=True):
        second = _csrf_post(client, url)

    # then
    assert refused.status_code == 403
    assert first.status_code == second.status_code == 302
    affected.refresh_from_db()
    assert affected.status == SubscriptionStatus.PAUSED
    order = Order.objects.get(subscription_links__subscription=affected)
    assert "compliance_hold" in order.metadata
    entries = AuditEntry.objects.filter(action=AuditAction.IMPACT)
    assert entries.count() == 2
    assert set(entries.values_list("actor_label", flat=True)) == {officer.email}
    assert len(mail.outbox) == 1
    stored.refresh_from_db()
    assert stored.applied
    assert stored.applied_by_id == officer.pk
    assert ImpactReportRow.objects.filter(report=stored, action="").count() == 0
    # the second time changes nothing
    assert (AuditEntry.objects.count(), ImpactAction.objects.count()) == state
    messages = [str(m) for m in second.wsgi_request._messages]
    assert any("already applied" in m for m in messages)


def test_a_get_only_asks_to_confirm(officer, stored):
    page = _client(officer).get(f"{REPORTS}{stored.pk}/apply/")

    assert page.status_code == 200
    assert b"Apply this report" in page.content
    stored.refresh_from_db()
    assert not stored.applied
    assert not ImpactAction.objects.exists()


def test_a_report_for_rules_not_in_force_is_not_applied(officer, stored, settings):
    settings.COMPLIANCE_RULES_DIR = str(RULES)
    client = _client(officer)

    response = client.post(f"{REPORTS}{stored.pk}/apply/", follow=True)

    assert response.status_code == 200
    assert b"compute the impact again" in response.content
    stored.refresh_from_db()
    assert not stored.applied
    assert not ImpactAction.objects.exists()


def test_staff_without_the_permission_cannot_read_or_apply(stored, staff_user):
    client = _client(staff_user)

    assert client.get(REPORTS).status_code == 403
    assert client.get(ROWS).status_code == 403
    assert client.post(f"{REPORTS}{stored.pk}/apply/").status_code == 403
    stored.refresh_from_db()
    assert not stored.applied


def test_reading_reports_does_not_allow_applying_them(stored):
    reader = get_user_model().objects.create_user(
        email="reader@example.com", password="pw", is_staff=True
    )
    reader.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_impactreportrecord", "view_impactreportrow"]
        )
    )
    client = _client(get_user_model().objects.get(pk=reader.pk))

    assert client.get(REPORTS).status_code == 200
    page = client.get(f"{REPORTS}{stored.pk}/change/")
    assert b"Apply this report" not in page.content
    assert client.post(f"{REPORTS}{stored.pk}/apply/").status_code == 403
    stored.refresh_from_db()
    assert not stored.applied


def test_anonymous_visitors_are_sent_to_log_in(client, stored):
    response = client.post(f"{REPORTS}{stored.pk}/apply/")

    assert response.status_code == 302
    assert "/login/" in response["Location"]
    stored.refresh_from_db()
    assert not stored.applied
