"""Every shopper page of the demo shop at a phone's and a desktop's width: no
sideways scrolling, no broken image, no console error, and no axe-core violation
of any impact."""

import re
from io import StringIO

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import expect
from wagtail.models import Collection

from storefront.accounts.models import User
from storefront.channels.models import Channel
from storefront.orders.models import Order
from storefront.shipping.models import ShippingMethod
from storefront.subscriptions.models import Subscription, SubscriptionPlan
from tests.factories.content import articles_index
from tests.factories.subscriptions import subscribe_via_checkout

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
WIDTHS = (390, 1366)
PASSWORD = "verdant-demo-2024"
PUBLIC_PAGES = (
    "/",
    "/categories/functional-mushrooms/",
    "/categories/herbal-teas/?a-form=loose-leaf",
    "/search/?q=tea",
    "/search/?q=zzzz",
    "/products/lions-mane-capsules/",
    "/products/cbd-oil-500/",
    "/region/",
    "/articles/",
    "/articles/?topic=stress",
    "/articles/the-science-of-neuroplasticity/",
    "/articles/stress-anxiety-and-the-expectation-effect/",
    "/articles/focus-and-attention/",
    "/membership/",
    "/about/",
    "/shipping/",
    "/returns/",
    "/privacy/",
    "/terms/",
    "/contact/",
    "/account/login/",
    "/account/register/",
    "/no-such-page/",
)
SIGNED_IN_PAGES = (
    "/cart/",
    "/cart/checkout/details/",
    "/cart/checkout/shipping/",
    "/cart/checkout/billing/",
    "/cart/checkout/review/",
    "/account/",
    "/account/addresses/",
    "/subscriptions/",
    "/membership/",
)
# A subscription's own pages, after "/subscriptions/<pk>".
SUBSCRIPTION_PAGES = ("/", "/cancel/", "/order-now/")


@pytest.fixture
def demo_shop(settings, live_server):
    settings.ROOT_URLCONF = "tests.e2e.media_urls"
    # A committing test before this one may have flushed the roots the migrations
    # made: Wagtail's page tree and image collections.
    articles_index()
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    call_command("populatedb", stdout=StringIO())
    reader = User.objects.create_user("reader@example.com", PASSWORD, first_name="Rae")
    # The reader subscribes to a demo product, for the subscription's own pages.
    channel = Channel.objects.get(slug="us")
    plan = SubscriptionPlan.objects.filter(
        channel=channel, product__slug="lions-mane-capsules"
    ).get()
    subscribe_via_checkout(
        user=reader,
        channel=channel,
        variant=plan.product.variants.order_by("pk").first(),
        shipping=ShippingMethod.objects.filter(
            channel_listings__channel=channel, name__icontains="Standard"
        ).first(),
    )
    yield
    # Loading the demo empties the content-type cache; the next committing test
    # restores the migration data, whose signal handlers would then insert content
    # types ahead of the restored rows. Fill the cache again before the flush.
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.get_for_models(*apps.get_models())


def _problems(page, path: str, width: int, errors: list[str]) -> list[str]:
    """Everything wrong with the page now loaded, as readable lines."""
    found = []
    # Lazy images load only near the viewport: scroll through the page first.
    page.evaluate(
        """async () => {
          for (let y = 0; y < document.documentElement.scrollHeight; y += 500) {
            window.scrollTo(0, y);
            await new Promise((done) => setTimeout(done, 30));
          }
          window.scrollTo(0, 0);
        }"""
    )
    page.wait_for_load_state("networkidle")
    layout = page.evaluate(
        """() => ({
          scroll: document.documentElement.scrollWidth,
          inner: window.innerWidth,
          broken: [...document.images]
            .filter((image) => !image.complete || image.naturalWidth === 0)
            .map((image) => image.currentSrc || image.src),
        })"""
    )
    where = f"{path} at {width}px"
    if layout["scroll"] > layout["inner"]:
        found.append(f"{where}: scrolls sideways ({layout['scroll']}px)")
    found += [f"{where}: broken image {src}" for src in layout["broken"]]
    found += [f"{where}: console error {text}" for text in errors]
    for violation in Axe().run(page).response["violations"]:
        targets = [node["target"] for node in violation["nodes"]][:3]
        found.append(
            f"{where}: axe {violation['id']} ({violation['impact']}) {targets}"
        )
    return found


def _visit(page, url: str, errors: list[str]):
    errors.clear()
    return page.goto(url)


def _fill_checkout(page, base: str) -> None:
    page.goto(f"{base}/products/lions-mane-capsules/")
    page.get_by_role("button", name="Add to cart").click()
    page.goto(f"{base}/cart/checkout/details/")
    page.get_by_label("Email address").fill("reader@example.com")
    page.get_by_label("First name").fill("Rae")
    page.get_by_label("Last name").fill("Okafor")
    page.get_by_label("Street address").fill("2150 NW Front Ave")
    page.get_by_label("City").fill("Portland")
    page.get_by_label("Postal code").fill("97209")
    page.get_by_label("State, province or region").fill("OR")
    page.get_by_role("button", name="Continue to delivery").click()
    page.get_by_label(re.compile("Standard")).check()
    page.get_by_role("button", name="Continue to billing").click()
    page.get_by_label("Billing address is the same as the shipping address").check()
    page.get_by_role("button", name="Continue to review").click()


def test_every_page_fits_loads_and_passes_axe(browser, live_server, demo_shop):
    problems: list[str] = []
    orders_before = Order.objects.count()
    subscription = Subscription.objects.get(user__email="reader@example.com")
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.set_default_timeout(20_000)
        errors: list[str] = []
        page.on(
            "console",
            lambda message, errors=errors: (
                errors.append(message.text) if message.type == "error" else None
            ),
        )
        for path in PUBLIC_PAGES:
            response = _visit(page, live_server.url + path, errors)
            expected = 404 if path == "/no-such-page/" else 200
            assert response.status == expected, path
            if path == "/no-such-page/":
                errors.clear()  # the browser reports the 404 itself
            problems += _problems(page, path, width, errors)

        # the age gate of a category with age-restricted goods
        _visit(page, live_server.url + "/categories/kratom/", errors)
        expect(page.get_by_role("heading", name="Confirm your age")).to_be_visible()
        problems += _problems(page, "/categories/kratom/ (age gate)", width, errors)

        page.goto(f"{live_server.url}/account/login/")
        page.get_by_label("Email address").fill("reader@example.com")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("heading", name="Your account")).to_be_visible()
        _fill_checkout(page, live_server.url)
        for path in SIGNED_IN_PAGES:
            _visit(page, live_server.url + path, errors)
            problems += _problems(page, path, width, errors)
        for suffix in SUBSCRIPTION_PAGES:
            path = f"/subscriptions/{subscription.pk}{suffix}"
            _visit(page, live_server.url + path, errors)
            problems += _problems(page, path, width, errors)

        # the header's cart, opened over a product page
        _visit(page, live_server.url + "/products/lions-mane-capsules/", errors)
        page.get_by_test_id("mini-cart").locator("summary").click()
        expect(page.get_by_role("link", name="View cart")).to_be_visible()
        problems += _problems(page, "header cart, open", width, errors)

        _visit(page, live_server.url + "/cart/checkout/review/", errors)
        page.get_by_label("Card number").fill("4000000000000002")
        page.get_by_role("button", name=re.compile(r"^Pay ")).click()
        expect(page.get_by_text(re.compile("Your card was declined"))).to_be_visible()
        problems += _problems(page, "review after a declined card", width, errors)
        page.get_by_label("Card number").fill("4242 4242 4242 4242")
        page.get_by_role("button", name=re.compile(r"^Pay ")).click()
        expect(
            page.get_by_text(re.compile(r"Your order \d+ is confirmed"))
        ).to_be_visible()
        problems += _problems(page, "order confirmation", width, errors)
        context.close()

    assert Order.objects.count() == orders_before + len(WIDTHS)
    assert not problems, "\n".join(problems)
