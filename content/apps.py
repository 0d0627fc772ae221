from typing import Any

from django.apps import AppConfig

from common.page_cache import page_cache_invalidate


def _pages_changed(**kwargs: Any) -> None:
    page_cache_invalidate()


class ContentConfig(AppConfig):
    name = "content"
    label = "content"

    def ready(self) -> None:
        from wagtail.signals import page_published, page_unpublished

        # Wagtail publishes from the editor, from workflows, from scheduled
        # publishing and from code; its signals are the one place all of them
        # pass, so cached pages (articles, and the home page's latest articles)
        # are dropped there rather than in each path.
        page_published.connect(_pages_changed, dispatch_uid="content-published")
        page_unpublished.connect(_pages_changed, dispatch_uid="content-unpublished")
