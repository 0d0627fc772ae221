"""What a rule change touches: a new ban pauses exactly the affected subscriptions,
holds their open orders, and does so once, with one audit entry per change."""

import io
import json
import shutil
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command

from compliance.impact import (
    ImpactSubject,
    impact_compute,
    impact_run,
    rules_snapshot_record,
)
from compliance.models import AuditAction, AuditEntry, ImpactAction
from compliance.rules import rules_load
from storefront.catalogue.models import ProductChannelListing
from storefront.orders.models import Order
from storefront.subscriptions.models import SubscriptionStatus
from tests.factories.catalogue import (
    ProductChannelListingFactory,
    ProductFactory,
    eu_channel,
)
from tests.factories.subscriptions import (
    UserFactory,
)

pytestmark = pytest.mark.django_db
RULES = Path(__file__).resolve().parents[2] / "config" / "compliance"


def test_a_new_ban_pauses_exactly_the_affected_subscriptions_once(
    shop_with_subscriptions, banned_rules, django_capture_on_commit_callbacks
):
    # given
    subs = shop_with_subscriptions
    affected = subs["herbal_ca"]
    assert affected.region == "US-CA"
    mail.outbox.clear()
    before, after = rules_load(), rules_load(directory=banned_rules)

    # when
    with django_capture_on_commit_callbacks(execute=True):
        report = impact_run(before=before, after=after, apply=True)
    with django_capture_on_commit_callbacks(execute=True):
        again = impact_run(before=before, after=after, apply=True)

    # then: the subscription and its open first order, nothing else
    changed = {(c.kind, c.object_id) for c in report.changes}
    order = Order.objects.get(subscription_links__subscription=affected)
    assert changed == {("subscription", str(affected.pk)), ("order", str(order.pk))}
    for key, sub in subs.items():
        sub.refresh_from_db()
        expected = SubscriptionStatus.PAUSED if key == "herbal_ca" else "active"
        assert sub.status == expected, key
    order.refresh_from_db()
    assert "California" in order.metadata["compliance_hold"]["reason"]
    assert [m.to for m in mail.outbox] == [[affected.email]]
    assert "California" in mail.outbox[0].body
    # once: the second run finds the same changes and does nothing
    assert len(report.actions) == 2
    assert again.actions == ()
    # the paused subscription is no longer live; the held order still shows
    assert {c.kind for c in again.changes} == {"order"}
    assert len(mail.outbox) == 1
    impact_entries = AuditEntry.objects.filter(action=AuditAction.IMPACT)
    assert impact_entries.count() == 2
    assert ImpactAction.objects.count() == 2


def test_a_held_order_cannot_be_fulfilled(
    shop_with_subscriptions, banned_rules, django_capture_on_commit_callbacks
):
    from storefront.orders.errors import OrderCannotFulfilError
    from storefront.orders.services import order_fulfil

    affected = shop_with_subscriptions["herbal_ca"]
    with django_capture_on_commit_callbacks(execute=True):
        impact_run(
            before=rules_load(), after=rules_load(directory=banned_rules), apply=True
        )
    order = Order.objects.get(subscription_links__subscription=affected)
    staff = UserFactory(is_superuser=True, is_staff=True)

    with pytest.raises(OrderCannotFulfilError, match="held for compliance review"):
        order_fulfil(
            order=order,
            user=staff,
            tracking_number="",
            quantities={line.pk: line.quantity for line in order.lines.all()},
        )


def test_a_channel_wide_ban_unlists_the_listing(banned_rules, tmp_path):
    # given: kratom allowed nowhere in the EU channel after a change is already
    # unlistable; here a class allowed before becomes prohibited everywhere.
    eu = eu_channel()
    listing = ProductChannelListingFactory(
        product=ProductFactory(regulated_class="herbal"), channel=eu
    )
    directory = tmp_path / "eu_ban"
    shutil.copytree(banned_rules, directory)
    text = (directory / "legality_intl.toml").read_text()
    text = text.replace(
        'class = "herbal"\njurisdiction', 'class = "herbal"\njurisdiction'
    )
    for code in [str(c) for c in eu.countries]:
        text = text.replace(
            f'id = "LEG.HERBAL.{code}"\nclass = "herbal"\njurisdiction = "{code}"\n'
            'decision = "allowed"',
            f'id = "LEG.HERBAL.{code}"\nclass = "herbal"\njurisdiction = "{code}"\n'
            'decision = "prohibited"',
        )
    (directory / "legality_intl.toml").write_text(text)

    # when
    report = impact_run(
        before=rules_load(), after=rules_load(directory=directory), apply=True
    )

    # then
    listing.refresh_from_db()
    assert listing.is_published is False
    assert any(a.startswith("unlist listing") for a in report.actions)
    assert ProductChannelListing.objects.filter(is_published=True).count() == 0


def test_impact_compute_is_pure_and_reports_both_directions():
    before = rules_load()
    subjects = [
        ImpactSubject(
            kind="listing", object_id="1", label="x", product_class="kratom",
            regions=("US-TX", "FR"),
        )
    ]  # fmt: skip

    assert impact_compute(before=before, after=before, subjects=subjects) == []


def test_cli_prints_a_table_and_json(banned_rules, shop_with_subscriptions):
    # given: the rule data in force is kept, then compared with the new ban
    snapshot = rules_snapshot_record()
    out = io.StringIO()

    # when
    call_command(
        "compliance", "impact", "--from", snapshot.version, "--to-dir",
        str(banned_rules), stdout=out,
    )  # fmt: skip
    as_json = io.StringIO()
    call_command(
        "compliance", "impact", "--from-dir", str(RULES), "--to-dir",
        str(banned_rules), "--json", stdout=as_json,
    )  # fmt: skip

    # then
    table = out.getvalue()
    assert f"Rules {snapshot.version} -> test.ban: 2 change(s)." in table
    assert "subscription" in table
    assert "prohibited" in table
    payload = json.loads(as_json.getvalue())
    assert payload["to_version"] == "test.ban"
    assert {c["kind"] for c in payload["changes"]} == {"subscription", "order"}
    assert payload["actions"] == []


def test_cli_names_an_unknown_version():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No snapshot of rule data version"):
        call_command("compliance", "impact", "--from", "1999.01.01")
