"""Every article, for the compliance scan (``settings.COMPLIANCE_SCAN_SOURCES``)."""

from collections.abc import Iterator

from compliance.scan import ScanItem
from content.claims import article_claims_scope
from content.models import ArticlePage


def article_scan_items() -> Iterator[ScanItem]:
    """One ScanItem per article (live or draft), with its regimes and context."""
    for article in ArticlePage.objects.order_by("pk"):
        scope = article_claims_scope(article=article)
        yield ScanItem(
            kind="article",
            object_id=article.pk,
            label=article.title,
            admin_url=f"/admin/pages/{article.pk}/edit/",
            text=scope.text,
            published=article.live,
            regimes=scope.regimes,
            context=scope.context,
        )
