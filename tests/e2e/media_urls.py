"""The project's URLs plus uploaded media, for browser tests: outside DEBUG Django
serves no media, and each test keeps its media in a folder of its own."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from config.urls import handler404, handler500
from config.urls import urlpatterns as project_urls

__all__ = ["handler404", "handler500", "urlpatterns"]


def _media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [re_path(r"^media/(?P<path>.*)$", _media), *project_urls]
