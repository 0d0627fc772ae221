"""Writes for the content section."""

from datetime import datetime
from typing import Any

from django.db import transaction

from common.mail import email_queue
from common.urls import absolute_url
from content.errors import (
    ContentErrorCode,
    NewsletterLinkError,
    NewsletterLinkExpiredError,
)
from content.models import (
    ArticleIndexPage,
    ArticlePage,
    ArticleProductLink,
    MemberAccessGrant,
    NewsletterSubscriber,
)
from content.selectors import newsletter_recipients
from storefront.catalogue.models import Product


@transaction.atomic
def article_product_links_sync(*, article: ArticlePage) -> None:
    """Make the article's product links match the product embeds in its body.

    Called from ``ArticlePage.save`` (so every publish keeps them current); unknown
    slugs are ignored.
    """
    slugs = {
        block["value"].get("product")
        for block in article.body.raw_data
        if block.get("type") == "product" and isinstance(block.get("value"), dict)
    }
    slugs.discard(None)
    wanted = set(Product.objects.filter(slug__in=slugs).values_list("pk", flat=True))
    current = set(article.product_links.values_list("product_id", flat=True))
    if current - wanted:
        article.product_links.filter(product_id__in=current - wanted).delete()
    ArticleProductLink.objects.bulk_create(
        [ArticleProductLink(article=article, product_id=pk) for pk in wanted - current]
    )


# --- newsletter ---------------------------------------------------------------

CONFIRM_SALT = "content.newsletter.confirm"
UNSUBSCRIBE_SALT = "content.newsletter.unsubscribe"


def _absolute(path: str) -> str:
    return absolute_url(path)


def newsletter_confirm_url(*, email: str) -> str:
    from django.core.signing import TimestampSigner
    from django.urls import reverse

    token = TimestampSigner(salt=CONFIRM_SALT).sign(email)
    return _absolute(reverse("content:newsletter_confirm", kwargs={"token": token}))


def newsletter_unsubscribe_url(*, email: str) -> str:
    from django.core.signing import Signer
    from django.urls import reverse

    token = Signer(salt=UNSUBSCRIBE_SALT).sign(email)
    return _absolute(reverse("content:newsletter_unsubscribe", kwargs={"token": token}))


def _send_confirmation(email: str) -> None:
    email_queue(
        subject="Please confirm your Verdant Field newsletter sign-up",
        body=(
            "Someone, hopefully you, asked to receive the Verdant Field newsletter at "
            "this address.\n\n"
            "To confirm, open this link within 3 days:\n"
            + newsletter_confirm_url(email=email)
            + "\n\n"
            "If it was not you, ignore this email: nothing will be sent without "
            "your confirmation.\n\n"
            + "Unsubscribe: "
            + newsletter_unsubscribe_url(email=email)
            + "\n"
        ),
        to=[email],
    )


def newsletter_subscribe(
    *, email: str, consent: bool, source: str
) -> NewsletterSubscriber:
    """Record a sign-up as pending and email a signed confirmation link.

    A confirmed address stays confirmed and gets no new email. The consent time and
    source (the page or form) are stored. The email is sent after the commit.

    Raises:
        ValidationError: ``email`` is not an address (code ``invalid``) or
            ``consent`` is not given (code ``consent_required``).
    """
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email
    from django.utils import timezone

    email = email.strip().lower()
    errors: dict[str, ValidationError] = {}
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = ValidationError(
            "Enter a valid email address.", code=ContentErrorCode.INVALID.value
        )
    if not consent:
        errors["consent"] = ValidationError(
            "Tick the box to agree to receive the newsletter.",
            code=ContentErrorCode.CONSENT_REQUIRED.value,
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        subscriber = (
            NewsletterSubscriber.objects.select_for_update().filter(email=email).first()
        )
        if subscriber and subscriber.status == NewsletterSubscriber.Status.CONFIRMED:
            return subscriber
        if subscriber is None:
            subscriber = NewsletterSubscriber(email=email)
        subscriber.status = NewsletterSubscriber.Status.PENDING
        subscriber.consent_at = timezone.now()
        subscriber.consent_source = source[:200] or "unknown"
        subscriber.confirmed_at = None
        subscriber.unsubscribed_at = None
        subscriber.full_clean(validate_unique=False)
        subscriber.save()
        _send_confirmation(email)
    return subscriber


def _max_age_seconds() -> int:
    from django.conf import settings

    return int(getattr(settings, "CONTENT_NEWSLETTER_CONFIRM_DAYS", 3)) * 86400


def newsletter_confirm(*, token: str) -> NewsletterSubscriber:
    """Confirm the address in a signed confirmation link.

    Confirming twice is harmless.

    Raises:
        NewsletterLinkExpiredError: the link is older than the allowed days.
        NewsletterLinkError: the link was altered, or the address is unknown or has
            unsubscribed since.
    """
    from django.core.signing import BadSignature, SignatureExpired, TimestampSigner
    from django.utils import timezone

    signer = TimestampSigner(salt=CONFIRM_SALT)
    try:
        email = signer.unsign(token, max_age=_max_age_seconds())
    except SignatureExpired as exc:
        raise NewsletterLinkExpiredError() from exc
    except BadSignature as exc:
        raise NewsletterLinkError() from exc
    with transaction.atomic():
        subscriber = (
            NewsletterSubscriber.objects.select_for_update().filter(email=email).first()
        )
        if (
            subscriber is None
            or subscriber.status == NewsletterSubscriber.Status.UNSUBSCRIBED
        ):
            raise NewsletterLinkError(
                "This address is not waiting for confirmation. Please sign up again."
            )
        if subscriber.status == NewsletterSubscriber.Status.PENDING:
            subscriber.status = NewsletterSubscriber.Status.CONFIRMED
            subscriber.confirmed_at = timezone.now()
            subscriber.save(update_fields=["status", "confirmed_at", "updated_at"])
    return subscriber


def newsletter_unsubscribe(*, token: str) -> NewsletterSubscriber:
    """Unsubscribe the address in a signed unsubscribe link (never expires).

    Raises:
        NewsletterLinkError: the link was altered or the address is unknown.
    """
    from django.core.signing import BadSignature, Signer
    from django.utils import timezone

    try:
        email = Signer(salt=UNSUBSCRIBE_SALT).unsign(token)
    except BadSignature as exc:
        raise NewsletterLinkError() from exc
    with transaction.atomic():
        subscriber = (
            NewsletterSubscriber.objects.select_for_update().filter(email=email).first()
        )
        if subscriber is None:
            raise NewsletterLinkError()
        if subscriber.status != NewsletterSubscriber.Status.UNSUBSCRIBED:
            subscriber.status = NewsletterSubscriber.Status.UNSUBSCRIBED
            subscriber.unsubscribed_at = timezone.now()
            subscriber.save(update_fields=["status", "unsubscribed_at", "updated_at"])
    return subscriber


def newsletter_send(*, subject: str, text: str) -> int:
    """Email an issue to every confirmed subscriber, each with their unsubscribe link.

    Sent after the surrounding transaction commits. Returns how many were queued.
    """
    emails = list(newsletter_recipients().values_list("email", flat=True))
    with transaction.atomic():
        for e in emails:
            email_queue(
                subject=subject,
                body=text
                + "\n\n--\nUnsubscribe: "
                + newsletter_unsubscribe_url(email=e)
                + "\n",
                to=[e],
            )
    return len(emails)


def member_access_grant(
    *,
    user: Any,
    granted_by: Any,
    reason: str,
    valid_until: datetime | None = None,
) -> MemberAccessGrant:
    """Give ``user`` paid-member access until ``valid_until`` (or until revoked).

    Raises:
        ValidationError: ``reason`` is empty (code ``required``).
    """
    from django.core.exceptions import ValidationError

    if not reason.strip():
        raise ValidationError(
            {
                "reason": ValidationError(
                    "Say why access is granted.", code=ContentErrorCode.REQUIRED.value
                )
            }
        )
    grant = MemberAccessGrant(
        user=user, granted_by=granted_by, reason=reason.strip(), valid_until=valid_until
    )
    grant.full_clean()
    grant.save()
    return grant


EDITOR_GROUP = "Editor"
CLAIMS_WORKFLOW = "Claims check"
EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page")


@transaction.atomic
def articles_index_ensure(*, title: str = "Articles") -> ArticleIndexPage:
    """Return the articles index at /articles/, creating it under the default site's
    root page if needed, with the "Claims check" workflow and the "Editor" group's
    page permissions attached (idempotent)."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission, Site, Workflow, WorkflowPage

    index = ArticleIndexPage.objects.first()
    if index is None:
        site = (
            Site.objects.filter(is_default_site=True)
            .select_related("root_page")
            .first()
        )
        if site is None:
            from wagtail.models import Page

            root = Page.get_first_root_node()
            site = Site.objects.create(
                hostname="localhost", port=80, root_page=root, is_default_site=True
            )
        index = ArticleIndexPage(title=title, slug="articles")
        site.root_page.add_child(instance=index)
        index.save_revision().publish()
    workflow = Workflow.objects.filter(name=CLAIMS_WORKFLOW).first()
    if workflow is not None:
        WorkflowPage.objects.update_or_create(
            page=index, defaults={"workflow": workflow}
        )
    group = Group.objects.filter(name=EDITOR_GROUP).first()
    if group is not None:
        for codename in EDITOR_PAGE_PERMISSIONS:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            GroupPagePermission.objects.get_or_create(
                group=group, page=index, permission=permission
            )
    return index
