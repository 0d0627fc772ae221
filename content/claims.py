"""The claims check for articles, built on ``compliance.claims``.

An article with no product embeds is editorial text, checked in every regime in the
"article" context. An article that embeds products is advertising for them (rule
R2): it is checked in the "product" context, in the claims regimes of every channel
where one of its products is published, so naming a condition blocks it until a
compliance officer approves it.
"""

from dataclasses import dataclass
from typing import Any

from compliance.claims.services import (
    PublishDecision,
    claims_override_grant,
    claims_publish_check,
)
from compliance.models import ClaimsOverride, ClaimsOverrideKind
from compliance.rules import REGIMES
from content.models import ArticlePage

OBJECT_TYPE = "article"


@dataclass(frozen=True)
class ArticleClaimsScope:
    text: str
    regimes: tuple[str, ...]
    context: str
    product_slugs: tuple[str, ...]


def article_claims_scope(*, article: ArticlePage) -> ArticleClaimsScope:
    """The text, regimes and context the article is checked in (reads the body in
    memory, so it works on an unsaved revision)."""
    from storefront.catalogue.models import ProductChannelListing

    slugs = tuple(
        sorted(
            {
                block["value"].get("product")
                for block in article.body.raw_data
                if block.get("type") == "product"
                and isinstance(block.get("value"), dict)
            }
            - {None, ""}
        )
    )
    text = "\n".join([article.title, article.standfirst, article.body_text()])
    if not slugs:
        return ArticleClaimsScope(text, tuple(REGIMES), "article", ())
    regimes = tuple(
        sorted(
            set(
                ProductChannelListing.objects.filter(
                    product__slug__in=slugs, is_published=True
                ).values_list("channel__claims_regime", flat=True)
            )
        )
    )
    return ArticleClaimsScope(text, regimes or tuple(REGIMES), "product", slugs)


def article_claims_check(*, article: ArticlePage, actor: Any = None) -> PublishDecision:
    """Run the claims check on the article's current text.

    Blocking findings are written to the compliance audit log by the compliance
    service; an officer's override or approval of this exact text lets it through.
    """
    scope = article_claims_scope(article=article)
    actor_id = getattr(actor, "pk", None) if actor is not None else None
    return claims_publish_check(
        obj_type=OBJECT_TYPE,
        obj_id=article.pk or 0,
        text=scope.text,
        regimes=scope.regimes,
        obj_label=article.title,
        context=scope.context,
        actor_id=actor_id,
        actor_label=actor.get_username() if actor_id else "system",
    )


def article_claims_override(
    *, article: ArticlePage, actor: Any, reason: str
) -> ClaimsOverride:
    """Record a compliance officer's override (or, for product-linking articles, R2
    approval) of the article's current text, with a written reason.

    Raises:
        OverridePermissionDeniedError: the actor is not a compliance officer.
        OverrideReasonRequiredError: the reason is blank.
    """
    scope = article_claims_scope(article=article)
    return claims_override_grant(
        actor=actor,
        obj_type=OBJECT_TYPE,
        obj_id=article.pk,
        text=scope.text,
        reason=reason,
        obj_label=article.title,
        regimes=scope.regimes,
        context=scope.context,
        kind=ClaimsOverrideKind.APPROVAL
        if scope.product_slugs
        else ClaimsOverrideKind.OVERRIDE,
    )


def findings_summary(decision: PublishDecision) -> str:
    return "; ".join(
        f'{f.rule} ({f.category}): "{f.text}"'
        + (f" — try: {f.suggestion}" if f.suggestion else "")
        for f in decision.blocking
    )
