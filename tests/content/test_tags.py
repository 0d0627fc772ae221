import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory


@pytest.mark.django_db
def test_latest_articles_slot_with_no_articles():
    # given
    request = RequestFactory().get("/")
    # when
    html = render_to_string("content/latest_articles_slot.html", request=request)
    # then
    assert "No articles yet." in html


@pytest.mark.django_db
def test_articles_for_product_with_no_articles_renders_nothing():
    # given
    from django.template import Context, Template

    template = Template("{% load content_tags %}[{% articles_for_product product %}]")
    # when
    html = template.render(Context({"product": None}))
    # then
    assert html.replace("\n", "") == "[]"
