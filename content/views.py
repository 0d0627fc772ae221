"""Thin views for the parts of the content section that are not Wagtail pages."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from content.errors import NewsletterLinkError
from content.forms import NewsletterSignupForm
from content.models import ArticleIndexPage, Topic
from content.selectors import (
    article_list_for_index,
    article_search,
    membership_page_context,
)
from content.services import (
    newsletter_confirm,
    newsletter_subscribe,
    newsletter_unsubscribe,
)


def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:200]
    articles = article_search(query=query, page_number=request.GET.get("page", 1))
    return render(
        request, "content/search.html", {"query": query, "articles": articles}
    )


def membership(request: HttpRequest) -> HttpResponse:
    context = membership_page_context(
        shopper_region=request.shopper_region,  # type: ignore[attr-defined]
        user=request.user,
    )
    return render(request, "content/membership.html", context)


def topic(request: HttpRequest, slug: str) -> HttpResponse:
    current = get_object_or_404(Topic, slug=slug)
    context = article_list_for_index(
        index=ArticleIndexPage.objects.live().first(),
        topic_slug=current.slug,
        page_number=request.GET.get("page", 1),
    )
    return render(request, "content/topic.html", context)


@require_http_methods(["GET", "POST"])
def newsletter_signup(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        form = NewsletterSignupForm(initial={"source": "newsletter page"})
        return render(request, "content/newsletter_signup.html", {"form": form})
    form = NewsletterSignupForm(request.POST)
    if form.is_valid():
        try:
            newsletter_subscribe(
                email=form.cleaned_data["email"],
                consent=form.cleaned_data["consent"],
                source=form.cleaned_data["source"] or "newsletter page",
            )
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                for message in messages:
                    form.add_error(field if field in form.fields else None, message)
        else:
            return render(
                request,
                "content/newsletter_done.html",
                {"email": form.cleaned_data["email"]},
            )
    return render(request, "content/newsletter_signup.html", {"form": form}, status=400)


def newsletter_confirm_view(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscriber = newsletter_confirm(token=token)
    except NewsletterLinkError as exc:
        return render(
            request,
            "content/newsletter_link_refused.html",
            {"message": exc.message, "code": exc.code_value},
            status=400,
        )
    return render(
        request, "content/newsletter_confirmed.html", {"subscriber": subscriber}
    )


@require_http_methods(["GET", "POST"])
def newsletter_unsubscribe_view(request: HttpRequest, token: str) -> HttpResponse:
    if request.method == "GET":
        # A mail scanner following the link must not unsubscribe anyone: ask first.
        return render(request, "content/newsletter_unsubscribe.html", {"token": token})
    try:
        newsletter_unsubscribe(token=token)
    except NewsletterLinkError as exc:
        return render(
            request,
            "content/newsletter_link_refused.html",
            {"message": exc.message, "code": exc.code_value},
            status=400,
        )
    return render(request, "content/newsletter_unsubscribed.html")
