"""Demo shop information pages: about, shipping, returns, privacy, terms, contact.

Loaded under the site's root page, idempotent by slug; an existing page is left as
staff edited it. The figures (delivery times, prices, thresholds) match the demo
catalogue's shipping zones.
"""

from typing import TextIO

from django.db import transaction

from content.pages import InfoPage


def _h(text: str) -> dict:
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


def _p(*paragraphs: str) -> dict:
    return {"type": "rich_text", "value": "".join(f"<p>{p}</p>" for p in paragraphs)}


def _list(*items: str) -> dict:
    return {
        "type": "rich_text",
        "value": "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>",
    }


def _note(title: str, text: str) -> dict:
    return {
        "type": "callout",
        "value": {"title": title, "text": f"<p>{text}</p>", "tone": "note"},
    }


PAGES = [
    {
        "slug": "about",
        "title": "About us",
        "intro": "We are a small team selling mushroom extracts, herbal teas, "
        "tinctures and books, and writing carefully about the research around "
        "wellbeing.",
        "body": [
            _h("What we sell"),
            _p(
                "Fruiting-body mushroom extracts, loose-leaf and bagged herbal teas, "
                "plant tinctures, guided journals and books. Where the law allows it, "
                "we also carry hemp, kava and kratom products, each shown with the age "
                "and the places it may be sold to.",
                "Every product page lists what is in the package, how it is made and "
                "the statements we are allowed to make about it, and nothing more.",
            ),
            _h("How we choose"),
            _list(
                "Fruiting bodies rather than mycelium grown on grain, and the "
                "extraction method named on the label.",
                "Heavy-metal testing for every batch of mushrooms and botanicals.",
                "Growers and makers we can visit, in Oregon, Finland, the Netherlands "
                "and the Pacific.",
            ),
            _h("How we write"),
            _p(
                "Our articles explain what studies found and where they fall short. "
                "They are education, not medical advice, and every claim about a "
                "product passes the same compliance check before it is published."
            ),
            _note(
                "Sold only where it is lawful",
                "Before you pay, each item is checked against the rules of the place "
                "it ships to; some need an adult's signature on delivery.",
            ),
        ],
    },
    {
        "slug": "shipping",
        "title": "Shipping",
        "intro": "Tracked delivery to the United States, the United Kingdom and ten "
        "countries of the European Union. Orders placed by 14:00 on a working day "
        "leave the same day.",
        "body": [
            _h("Delivery options"),
            {
                "type": "rich_text",
                "value": (
                    "<ul>"
                    "<li><b>United States</b>: Standard, 3 to 6 working days, $5.95, "
                    "free above $60; Express, 1 to 2 working days, $14.95.</li>"
                    "<li><b>European Union</b> (NL, DE, FR, ES, IT, IE, AT, BE, PT, "
                    "FI): Standard, 3 to 7 working days, €4.95, free above €50; "
                    "Express, 1 to 3 working days, €12.95.</li>"
                    "<li><b>United Kingdom</b>: Standard, 2 to 4 working days, £3.95, "
                    "free above £40; Express, next working day, £9.95.</li>"
                    "</ul>"
                ),
            },
            _h("Where a product can go"),
            _p(
                "Some products may be sold only in some countries or states. The "
                "product page shows whether an item ships to your region, and the "
                "checkout checks your delivery address again before you pay."
            ),
            _h("Age-restricted parcels"),
            _p(
                "Items with a minimum age are delivered only against an adult's "
                "signature. The courier may ask for identification."
            ),
            _note(
                "Tracking",
                "When your parcel leaves our warehouse in Portland or Rotterdam, its "
                "tracking number appears on your order page.",
            ),
        ],
    },
    {
        "slug": "returns",
        "title": "Returns",
        "intro": "Changed your mind? Send unopened goods back within 30 days of "
        "delivery for a full refund.",
        "body": [
            _h("What you can return"),
            _list(
                "Unopened, sealed products within 30 days of delivery.",
                "Anything that arrived damaged or was not what you ordered, opened or "
                "not: tell us within 14 days and we pay the return postage.",
                "Books and journals in the condition they arrived.",
            ),
            _h("How to return"),
            _p(
                "Email us your order number from the contact page. We reply with a "
                "return address and, for damaged goods, a prepaid label. Refunds go "
                "back to the card you paid with within five working days of the "
                "parcel reaching us."
            ),
            _h("Subscriptions"),
            _p(
                "You can skip, pause or cancel a subscription from your account at any "
                "time before the next order is made; nothing is charged for a skipped "
                "delivery."
            ),
        ],
    },
    {
        "slug": "privacy",
        "title": "Privacy",
        "intro": "We keep only what we need to sell you something lawfully and "
        "deliver it, and we never sell your data.",
        "body": [
            _h("What we keep"),
            _list(
                "Your name, email and addresses, to deliver orders and send receipts.",
                "Your orders and subscriptions, for as long as tax law requires.",
                "For age-restricted goods: the result of an age check, its level and "
                "date, never the document or photo used for it.",
                "Newsletter consent: when and where you gave it, so you can withdraw "
                "it with one click.",
            ),
            _h("Payments"),
            _p(
                "Card payments are processed by our payment provider. Card numbers "
                "never reach or stay on our servers."
            ),
            _h("Your rights"),
            _p(
                "You can see, correct or delete your account at any time from your "
                "account page; deleting it removes your addresses and personal "
                "details and keeps only what the law makes us keep about past orders."
            ),
            _h("Cookies"),
            _p(
                "We use a session cookie for your cart and sign-in and one that "
                "remembers your chosen region. No advertising or tracking cookies."
            ),
        ],
    },
    {
        "slug": "terms",
        "title": "Terms of sale",
        "intro": "The short version: prices include what the page says, we ship "
        "only where a product is lawful, and you can return unopened goods.",
        "body": [
            _h("Orders and prices"),
            _p(
                "Prices are shown in the currency of your region. In the United "
                "Kingdom and the European Union they include VAT; in the United "
                "States sales tax is added where it applies. Your order is accepted "
                "when we email its confirmation."
            ),
            _h("Lawful sale"),
            _p(
                "We sell each product only where its sale is allowed and only to "
                "buyers of the minimum age that applies there. We may cancel and "
                "refund an order that we cannot lawfully complete, even after "
                "payment."
            ),
            _h("Subscriptions"),
            _p(
                "A subscription renews at the interval you chose, at the "
                "subscribe-and-save price, until you cancel it. We remind you by "
                "email before each renewal."
            ),
            _h("Product information"),
            _p(
                "Our products are foods, botanicals and books. They are not medicines "
                "and are not intended to diagnose, treat, cure or prevent any disease. "
                "Ask a doctor before use if you are pregnant, nursing or take "
                "medication."
            ),
        ],
    },
    {
        "slug": "contact",
        "title": "Contact",
        "intro": "Questions about an order, a product or your account? We answer "
        "every message within one working day.",
        "body": [
            _h("Write to us"),
            _p(
                'Email <a href="mailto:hello@verdantfield.example">'
                "hello@verdantfield.example</a>, Monday to Friday, 9:00 to 17:00 "
                "(Central European Time). Include your order number if you have one.",
            ),
            _h("Post"),
            _p(
                "Verdant Field, Keileweg 12, 3029 BS Rotterdam, the Netherlands.",
                "Verdant Field US, 2150 NW Front Ave, Portland, OR 97209, United "
                "States.",
            ),
            _note(
                "Health questions",
                "We cannot give medical advice. For questions about your health, "
                "please speak to a doctor or pharmacist.",
            ),
        ],
    },
]


def populate_info_pages(stdout: TextIO) -> None:
    """Create the shop information pages under the default site's root (by slug)."""
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return
    root = site.root_page
    created = 0
    with transaction.atomic():
        for order, spec in enumerate(PAGES):
            if root.get_children().filter(slug=spec["slug"]).exists():
                continue
            page = InfoPage(
                title=spec["title"],
                slug=spec["slug"],
                intro=spec["intro"],
                body=spec["body"],
                footer_order=order,
            )
            root.add_child(instance=page)
            page.save_revision().publish()
            created += 1
    stdout.write(f"Information pages: {created} created, {len(PAGES)} in all.\n")
