"""The claims check that guards publishing or listing a product in a channel.

Every text a shopper or a search engine sees on a product's page is checked, each
under its own field name so that staff know what to fix: the product's name,
description, benefits and SEO fields, its variants' names, the attribute values
shown on the page, its category and collections, and its images' alt text.
"""

from collections.abc import Iterable
from typing import Any

from compliance.claims.services import claims_publish_check
from compliance.regions import RegionDecision, availability_decide
from compliance.rules import REGIMES, RuleSet
from storefront.catalogue.errors import (
    ProductClaimsBlockedError,
    ProductProhibitedInChannelError,
)
from storefront.catalogue.models import Category, Collection, Product
from storefront.channels.models import Channel

ClaimsFields = list[tuple[str, str]]


def category_claims_fields(*, category: Category) -> ClaimsFields:
    """The shopper-facing text of a category, by field."""
    return [
        ("category.name", category.name),
        ("category.description", category.description),
        ("category.seo_title", category.seo_title),
        ("category.seo_description", category.seo_description),
    ]


def collection_claims_fields(*, collection: Collection) -> ClaimsFields:
    """The shopper-facing text of a collection, by field."""
    return [
        ("collection.name", collection.name),
        ("collection.description", collection.description),
    ]


def product_claims_fields(*, product: Product) -> ClaimsFields:
    """Every text shown with the product, by field name, in page order.

    Related rows are read from the database when the product is saved; an unsaved
    product (the admin's add form) has only its own fields and its category.
    """
    fields: ClaimsFields = [
        ("name", product.name),
        ("description", product.description),
        *(("benefits", str(benefit)) for benefit in product.benefits or []),
        ("seo_title", product.seo_title),
        ("seo_description", product.seo_description),
    ]
    if product.pk:
        # Callers that check many products prefetch these (see compliance_sources).
        for variant in product.variants.all():
            fields.append(("variants.name", variant.name))
            fields.extend(
                ("attribute_values", value.name)
                for value in variant.attribute_values.all()
            )
        fields.extend(
            ("attribute_values", value.name) for value in product.attribute_values.all()
        )
        fields.extend(("media.alt", media.alt) for media in product.media.all())
        # Collection.products' reverse accessor; django-stubs does not see it.
        for collection in product.collections.all():  # type: ignore[attr-defined]
            fields.extend(collection_claims_fields(collection=collection))
    if product.category_id:
        fields.extend(category_claims_fields(category=product.category))
    return [(name, text) for name, text in fields if text and text.strip()]


def product_claims_text(*, product: Product) -> str:
    """The text the claims rules read, as one string.

    Officers' overrides are bound to this exact text, so the compliance scan
    (``compliance_sources``) and publishing build it the same way.
    """
    return "\n".join(text for _, text in product_claims_fields(product=product))


def _raise_blocked(decision: Any, *, what: str, where: str, regime: str) -> None:
    findings = [(f.rule, f.category, f.text) for f in decision.blocking]
    fields = sorted({f.field for f in decision.blocking if f.field})
    quoted = ", ".join(sorted({f'"{text}"' for _, _, text in findings}))
    raise ProductClaimsBlockedError(
        f"{what} cannot be published in {where}: {quoted} in "
        f"{', '.join(fields)} breaks the claims rules. Reword it, or ask a compliance "
        "officer to review it.",
        field=decision.blocking[0].field or "description",
        findings=findings,
        fields=fields,
        regime=regime,
    )


def product_publication_check(
    *, product: Product, channel: Channel, actor: Any = None
) -> None:
    """Refuse publication when any of the product's texts breaks the channel's rules.

    A compliance officer's override for this exact text lets it through. A refusal
    is recorded in the compliance audit log by ``claims_publish_check``, with the
    staff member who tried (``actor``) or "system".

    Raises:
        ProductClaimsBlockedError: a blocking finding without an override;
            ``error.field`` names the first field at fault, ``error.data["fields"]``
            all of them and ``error.data["findings"]`` lists ``(rule, category,
            text)`` tuples.
    """
    actor_id = getattr(actor, "pk", None)
    decision = claims_publish_check(
        obj_type="product",
        obj_id=product.pk if product.pk else f"unsaved:{product.slug}",
        fields=product_claims_fields(product=product),
        regimes=(channel.claims_regime,),
        obj_label=product.name,
        context="product",
        actor_id=actor_id,
        actor_label=actor.get_username() if actor_id else "system",
    )
    if not decision.allowed:
        _raise_blocked(
            decision,
            what="The product's text",
            where=channel.name,
            regime=channel.claims_regime,
        )


def _regimes_in_use() -> tuple[str, ...]:
    regimes = set(
        Channel.objects.filter(is_active=True).values_list("claims_regime", flat=True)
    )
    return tuple(sorted(regimes)) or REGIMES


def catalogue_text_check(
    *,
    obj_type: str,
    obj: Category | Collection,
    fields: Iterable[tuple[str, str]],
    actor: Any = None,
) -> None:
    """Refuse a category or collection text that breaks the claims rules.

    Categories and collections are shown in every channel, so they are checked
    under the claims regime of every active channel.

    Raises:
        ProductClaimsBlockedError: as for :func:`product_publication_check`.
    """
    actor_id = getattr(actor, "pk", None)
    decision = claims_publish_check(
        obj_type=obj_type,
        obj_id=obj.pk if obj.pk else f"unsaved:{obj.slug}",
        fields=list(fields),
        regimes=_regimes_in_use(),
        obj_label=obj.name,
        context="product",
        actor_id=actor_id,
        actor_label=actor.get_username() if actor_id else "system",
    )
    if not decision.allowed:
        _raise_blocked(
            decision,
            what=f"The {obj_type}'s text",
            where="the shop",
            regime=",".join(sorted({r.regime for r in decision.reports})),
        )


def channel_prohibition(
    *, product_class: str, channel: Channel, rules: RuleSet | None = None
) -> tuple[RegionDecision, ...] | None:
    """The decisions when the class is prohibited in every country of the channel.

    Returns None when at least one country of the channel allows it (a listing
    then shows "not available" only where the law says so).
    """
    countries = sorted(
        {str(c) for c in channel.countries} or {str(channel.default_country)}
    )
    decisions = tuple(
        availability_decide(product_class=product_class, region=code, rules=rules)
        for code in countries
    )
    if decisions and all(d.decision == "prohibited" for d in decisions):
        return decisions
    return None


def product_listing_legality_check(*, product: Product, channel: Channel) -> None:
    """Refuse to list a product in a channel where no country may buy it.

    Raises:
        ProductProhibitedInChannelError: on ``channel``, with the reason and the
            rules in ``error.data``.
    """
    decisions = channel_prohibition(
        product_class=product.regulated_class, channel=channel
    )
    if decisions is None:
        return
    rules = sorted({rule for d in decisions for rule in d.rules})
    label = product.get_regulated_class_display()
    raise ProductProhibitedInChannelError(
        f"{product.name} cannot be listed in {channel.name}: {label} is prohibited "
        f"or not yet confirmed in every country of the channel "
        f"({', '.join(d.region for d in decisions)})"
        + (f"; rules {', '.join(rules)}." if rules else "."),
        field="channel",
        rules=rules,
        regions=[d.region for d in decisions],
    )
