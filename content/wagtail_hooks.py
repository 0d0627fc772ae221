"""Wagtail admin wiring: snippets, the claims-check backstop on direct publishing."""

from django.contrib import messages
from django.shortcuts import redirect
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from content.claims import article_claims_check, findings_summary, page_claims_check
from content.models import ArticlePage, Author, Series, Topic

register_snippet(Author)
register_snippet(Topic)
register_snippet(Series)


def _claims_backstop(request, page):
    """Refuse to publish a page whose text the claims check blocks."""
    page = page.specific if hasattr(page, "specific") else page
    if isinstance(page, ArticlePage):
        decision = article_claims_check(article=page, actor=request.user)
    elif page.depth and page.depth > 1:
        decision = page_claims_check(page=page, actor=request.user)
    else:
        return None
    if decision.allowed:
        return None
    messages.error(
        request,
        "Not published: the claims check found "
        + findings_summary(decision)
        + ". Fix the text or submit it to the Claims check workflow for a "
        "compliance officer's decision. The draft was saved.",
    )
    if page.pk:
        return redirect("wagtailadmin_pages:edit", page.pk)
    return redirect("wagtailadmin_explore", page.get_parent().pk)


@hooks.register("before_publish_page")
def claims_check_before_publish(request, page):
    return _claims_backstop(request, page)
