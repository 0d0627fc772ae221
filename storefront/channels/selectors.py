from django.db.models import QuerySet

from storefront.channels.models import Channel


def channel_list_active() -> QuerySet[Channel]:
    """Channels a shopper can choose, in a stable order."""
    return Channel.objects.filter(is_active=True).order_by("slug")


def channel_get_by_slug(slug: str) -> Channel | None:
    """The active channel with this slug, or ``None``."""
    return channel_list_active().filter(slug=slug).first()
