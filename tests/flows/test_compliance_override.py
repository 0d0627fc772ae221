"""A blocking claim stops publication until a compliance officer overrides it."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group

from compliance.claims.services import claims_override_grant
from compliance.errors import OverridePermissionDeniedError
from compliance.models import AuditAction, AuditEntry
from storefront.accounts.models import User
from storefront.catalogue.errors import ProductClaimsBlockedError
from storefront.catalogue.models import ProductChannelListing
from storefront.catalogue.publication import product_claims_text
from storefront.catalogue.services import product_publish
from tests.factories.catalogue import (
    ChannelFactory,
    ProductFactory,
    ProductVariantChannelListingFactory,
)

pytestmark = pytest.mark.django_db

REASON = "The sentence quotes a published trial's title, not a claim; reviewed."


def _staff(email: str, group: str | None = None) -> User:
    user = User.objects.create_user(email, "pw-for-tests", is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return User.objects.get(pk=user.pk)


def test_blocked_product_is_published_only_after_an_officers_override():
    # given a priced product whose description makes a disease claim
    channel = ChannelFactory()
    product = ProductFactory(
        name="Lion's Mane Capsules",
        description="<p>Cures depression in two weeks.</p>",
    )
    ProductVariantChannelListingFactory(
        variant__product=product, channel=channel, price_amount=Decimal("24.00")
    )
    text = product_claims_text(product=product)

    # when someone publishes it, it is refused and not listed
    with pytest.raises(ProductClaimsBlockedError) as caught:
        product_publish(product=product, channel=channel)
    assert '"Cures depression"' in caught.value.message
    assert ProductChannelListing.objects.count() == 0
    assert list(
        AuditEntry.objects.filter(action=AuditAction.BLOCK)
        .order_by("rule_id")
        .values_list("rule_id", flat=True)
    ) == ["CLM.DISEASE_VERB", "CLM.NAMED_CONDITION"]

    # when a catalogue manager (not an officer) tries to override, it is refused
    manager = _staff("catalogue@example.com")
    with pytest.raises(OverridePermissionDeniedError):
        claims_override_grant(
            actor=manager,
            obj_type="product",
            obj_id=product.pk,
            text=text,
            reason=REASON,
            regimes=(channel.claims_regime,),
        )
    assert AuditEntry.objects.filter(action=AuditAction.OVERRIDE).count() == 0
    with pytest.raises(ProductClaimsBlockedError):
        product_publish(product=product, channel=channel)

    # when a compliance officer overrides with a written reason
    officer = _staff("officer@example.com", group="Compliance officer")
    claims_override_grant(
        actor=officer,
        obj_type="product",
        obj_id=product.pk,
        text=text,
        reason=REASON,
        obj_label=product.name,
        regimes=(channel.claims_regime,),
    )
    listing = product_publish(product=product, channel=channel)

    # then it is published, and exactly one override is in the audit log
    assert listing.is_published is True
    assert ProductChannelListing.objects.filter(is_published=True).count() == 1
    [entry] = AuditEntry.objects.filter(action=AuditAction.OVERRIDE)
    assert (entry.actor_id, entry.object_type, entry.object_id, entry.reason) == (
        officer.pk,
        "product",
        str(product.pk),
        REASON,
    )
    assert entry.rules_version
