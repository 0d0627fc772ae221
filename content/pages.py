"""Shop information pages (about, shipping, returns, privacy, terms, contact):
plain Wagtail pages under the site's root, so staff edit them like articles."""

from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from content.blocks import CalloutBlock, HeadingBlock


class InfoBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    rich_text = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul", "h3"]
    )
    callout = CalloutBlock()


class InfoPage(Page):
    intro = models.TextField(
        max_length=400, blank=True, help_text="One or two sentences under the title."
    )
    body = StreamField(InfoBodyBlock(), use_json_field=True, blank=True)
    footer_order = models.PositiveSmallIntegerField(
        default=0, help_text="Order among the shop information pages in menus."
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    promote_panels = [*Page.promote_panels, FieldPanel("footer_order")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types: list[str] = []
    template = "content/info_page.html"

    class Meta:
        verbose_name = "shop information page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["info_pages"] = (
            InfoPage.objects.live()
            .public()
            .order_by("footer_order", "title")
            .only("title", "url_path", "path", "depth")
        )
        return context
