"""StreamField blocks of an article body.

Product embeds store the product's slug (a plain ``CharBlock`` checked against the
catalogue) rather than a chooser over ``catalogue.Product``: the catalogue is owned by
the storefront, which registers no Wagtail snippet for it, and a slug survives a
product being re-created by the demo loader. The page resolves every embedded slug in
one query (see ``content.selectors.article_embedded_products``) and hands the loaded
products to the blocks through the template context.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.safestring import mark_safe
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from storefront.catalogue.models import Product

_CITE_RE = re.compile(r"\[(\d{1,3})\]")


def linkify_citations(html: str) -> str:
    """Turn ``[3]`` markers in rendered text into links to the third source."""
    return _CITE_RE.sub(
        r'<a class="cite" href="#source-\1" aria-label="Source \1">[\1]</a>', html
    )


class CitingRichTextBlock(blocks.RichTextBlock):
    def render_basic(self, value, context=None):
        return mark_safe(linkify_citations(str(super().render_basic(value, context))))

    class Meta:
        icon = "doc-full"


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=200)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section (h2)"), ("h3", "Subsection (h3)")], default="h2"
    )

    class Meta:
        icon = "title"
        template = "content/blocks/heading.html"


class PullQuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "content/blocks/pull_quote.html"


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, max_length=120)
    text = blocks.RichTextBlock(features=["bold", "italic", "link"])
    tone = blocks.ChoiceBlock(
        choices=[("note", "Note"), ("caution", "Caution")], default="note"
    )

    class Meta:
        icon = "warning"
        template = "content/blocks/callout.html"


class ArticleImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt = blocks.CharBlock(max_length=250, help_text="Describe the image for readers.")
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "content/blocks/image.html"


class ProductSlugBlock(blocks.CharBlock):
    """The slug of a catalogue product; refused when no such product exists."""

    def clean(self, value):
        value = super().clean(value)
        if value and not Product.objects.filter(slug=value).exists():
            raise ValidationError(f"No product has the slug “{value}”.")
        return value


class ProductEmbedBlock(blocks.StructBlock):
    product = ProductSlugBlock(max_length=255, help_text="The product's slug.")
    note = blocks.CharBlock(
        required=False, max_length=200, help_text="Why this product is mentioned."
    )

    class Meta:
        icon = "pick"
        template = "content/blocks/product_embed.html"


class GuideLinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(page_type="content.ArticlePage")
    label = blocks.CharBlock(required=False, max_length=150)

    class Meta:
        icon = "link"
        template = "content/blocks/guide_link.html"


class ArticleBodyBlock(blocks.StreamBlock):
    rich_text = CitingRichTextBlock(
        features=["bold", "italic", "link", "ol", "ul", "h3", "superscript"]
    )
    heading = HeadingBlock()
    pull_quote = PullQuoteBlock()
    callout = CalloutBlock()
    image = ArticleImageBlock()
    product = ProductEmbedBlock()
    guide = GuideLinkBlock()
