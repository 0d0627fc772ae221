from typing import Any

from django.apps import AppConfig

from common.page_cache import page_cache_invalidate


def _pages_changed(**kwargs: Any) -> None:
    page_cache_invalidate()


class ContentConfig(AppConfig):
    name = "content"
    label = "content"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import PageViewRestriction
        from wagtail.signals import page_published, page_unpublished

        # Wagtail publishes from the editor, from workflows, from scheduled
        # publishing and from code; its signals are the one place all of them
        # pass, so cached pages (articles, and the home page's latest articles)
        # are dropped there rather than in each path.
        page_published.connect(_pages_changed, dispatch_uid="content-published")
        page_unpublished.connect(_pages_changed, dispatch_uid="content-unpublished")
        # A privacy restriction takes effect without publishing again, and the
        # shared lists (articles index, latest articles, "Learn more") hold only
        # public pages: setting or lifting one drops them too.
        for signal, uid in ((post_save, "saved"), (post_delete, "deleted")):
            signal.connect(
                _pages_changed,
                sender=PageViewRestriction,
                dispatch_uid=f"content-restriction-{uid}",
            )
