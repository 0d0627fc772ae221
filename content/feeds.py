"""The article feed: titles and standfirsts only, so no protected body leaves."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from content.models import AccessLevel, ArticlePage
from content.selectors import article_list_live

FEED_SIZE = 20


class ArticleFeed(Feed):
    title = "Verdant Field articles"
    link = "/articles/"
    description = "Educational articles on microdosing, mental health and wellbeing."

    def items(self):
        return article_list_live()[:FEED_SIZE]

    def item_title(self, item: ArticlePage) -> str:
        return item.title

    def item_description(self, item: ArticlePage) -> str:
        if item.access_level == AccessLevel.PUBLIC:
            return item.standfirst
        return f"{item.standfirst} (For members.)"

    def item_link(self, item: ArticlePage) -> str:
        return item.get_url() or "/articles/"

    def item_pubdate(self, item: ArticlePage):
        return item.first_published_at

    def item_updateddate(self, item: ArticlePage):
        return item.last_published_at


class ArticleAtomFeed(ArticleFeed):
    feed_type = Atom1Feed
    subtitle = ArticleFeed.description
