"""The claims check for articles, built on ``compliance.claims``.

An article with no product embeds is editorial text, checked in every regime in the
"article" context. An article that embeds products is advertising for them (rule
R2): it is checked as product copy (the "linked_article" context), in the claims
regimes of every channel where one of its products is published, so naming a
condition blocks it until a compliance officer approves it.
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
from storefront.catalogue.models import ProductChannelListing

OBJECT_TYPE = "article"


@dataclass(frozen=True)
class ArticleClaimsScope:
    fields: tuple[tuple[str, str], ...]
    regimes: tuple[str, ...]
    context: str
    product_slugs: tuple[str, ...]

    @property
    def text(self) -> str:
        """The texts joined, the key an officer's decision is bound to."""
        return "\n".join(value for _, value in self.fields)


def page_claims_fields(*, page: Any) -> tuple[tuple[str, str], ...]:
    """Every text of a page a reader or a search engine sees, by field name."""
    fields = [
        ("title", page.title),
        ("standfirst", getattr(page, "standfirst", "")),
        ("intro", getattr(page, "intro", "")),
        ("body", page.body_text() if hasattr(page, "body_text") else ""),
        ("seo_title", page.seo_title),
        ("search_description", page.search_description),
        ("hero_alt", getattr(page, "hero_alt", "")),
    ]
    return tuple((name, value) for name, value in fields if value and value.strip())


def article_claims_scope(*, article: ArticlePage) -> ArticleClaimsScope:
    """The text, regimes and context the article is checked in (reads the body in
    memory, so it works on an unsaved revision)."""
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
    fields = page_claims_fields(page=article)
    if not slugs:
        return ArticleClaimsScope(fields, tuple(REGIMES), "article", ())
    regimes = tuple(
        sorted(
            set(
                ProductChannelListing.objects.filter(
                    product__slug__in=slugs, is_published=True
                ).values_list("channel__claims_regime", flat=True)
            )
        )
    )
    return ArticleClaimsScope(
        fields, regimes or tuple(REGIMES), "linked_article", slugs
    )


def article_claims_check(*, article: ArticlePage, actor: Any = None) -> PublishDecision:
    """Run the claims check on the article's current text.

    Blocking findings are written to the compliance audit log by the compliance
    service; an officer's override or approval of this exact text lets it through.
    """
    scope = article_claims_scope(article=article)
    actor_id = getattr(actor, "pk", None) if actor is not None else None
    return claims_publish_check(
        obj_type=OBJECT_TYPE,
        obj_id=article.pk or f"unsaved:{article.slug}",
        fields=scope.fields,
        regimes=scope.regimes,
        obj_label=article.title,
        context=scope.context,
        actor_id=actor_id,
        actor_label=actor.get_username() if actor_id else "system",
    )


def page_claims_check(*, page: Any, actor: Any = None) -> PublishDecision:
    """The claims check for a page that is not an article (an index, a landing
    page): its own texts, as editorial text, in every regime."""
    actor_id = getattr(actor, "pk", None) if actor is not None else None
    return claims_publish_check(
        obj_type="page",
        obj_id=page.pk or f"unsaved:{page.slug}",
        fields=page_claims_fields(page=page),
        regimes=REGIMES,
        obj_label=page.title,
        context="article",
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
    """One line per distinct finding (a finding raised under several regimes is
    named once), each with the suggestion that fits it."""
    seen: set[tuple[str, str, str]] = set()
    parts = []
    for f in decision.blocking:
        key = (f.rule, f.field, f.text.casefold())
        if key in seen:
            continue
        seen.add(key)
        where = f" in {f.field}" if f.field else ""
        parts.append(
            f'{f.rule} ({f.category}): "{f.text}"{where}'
            + (f" — try: {f.suggestion}" if f.suggestion else "")
        )
    return "; ".join(parts)
