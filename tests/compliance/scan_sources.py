"""Scan sources for the CLI tests, standing in for the catalogue and the articles."""

from compliance.scan import ScanItem


def products():
    return [
        ScanItem(
            "product", 1, "Calm tea", "/django-admin/p/1/", "A calm tea.", True, ("us",)
        ),
        ScanItem(
            "product",
            2,
            "Reishi",
            "/django-admin/p/2/",
            "Reishi cures insomnia.",
            False,
            ("us", "uk"),
        ),
        ScanItem(
            "product",
            3,
            "Focus",
            "/django-admin/p/3/",
            "Supports focus.",
            True,
            ("us",),
        ),
    ]


def published_blocked():
    return [
        ScanItem(
            "article",
            9,
            "Microdosing and mood",
            "/admin/pages/9/",
            "This herbal Prozac works.",
            True,
            ("uk",),
            context="product",  # it links a product for sale, so it is advertising (R2)
        )
    ]
