"""One rule for what of an article a reader sees, used by the page and the API."""

from content.selectors import article_reading
from tests.factories.content import article_create, rich


def test_a_paid_article_gives_a_visitor_only_its_preview(db, django_user_model):
    member = django_user_model.objects.create_user(email="m@example.com", password="x")
    article = article_create(
        access_level="paid",
        preview_block_count=1,
        body=[rich("Open."), rich("Paid one."), rich("Paid two.")],
    )

    visitor = article_reading(article=article, user=None)
    unpaid = article_reading(article=article, user=member)
    editor = article_reading(article=article, user=None, as_reader="editor")

    assert (visitor.can_read, len(visitor.blocks), visitor.hidden_block_count) == (
        False,
        1,
        2,
    )
    assert (unpaid.can_read, unpaid.hidden_block_count) == (False, 2)
    assert (editor.can_read, len(editor.blocks), editor.hidden_block_count) == (
        True,
        3,
        0,
    )
