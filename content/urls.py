from django.contrib.sitemaps.views import sitemap
from django.urls import path

from content import views
from content.feeds import ArticleAtomFeed, ArticleFeed
from content.sitemaps import SITEMAPS

app_name = "content"
urlpatterns = [
    path("articles/feed/", ArticleFeed(), name="feed"),
    path("articles/feed/atom/", ArticleAtomFeed(), name="feed_atom"),
    path("articles/search/", views.search, name="search"),
    path("articles/topics/<slug:slug>/", views.topic, name="topic"),
    path("membership/", views.membership, name="membership"),
    path("newsletter/", views.newsletter_signup, name="newsletter_signup"),
    path(
        "newsletter/confirm/<str:token>/",
        views.newsletter_confirm_view,
        name="newsletter_confirm",
    ),
    path(
        "newsletter/unsubscribe/<str:token>/",
        views.newsletter_unsubscribe_view,
        name="newsletter_unsubscribe",
    ),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
]
