from django.core.management.base import BaseCommand

from storefront.catalogue.listing_counts import listing_counts_rebuild


class Command(BaseCommand):
    help = (
        "Recount what every channel lists in every category, for listings written "
        "around the catalogue services (a bulk import, SQL by hand)."
    )

    def handle(self, *args: object, **options: object) -> None:
        listing_counts_rebuild()
        self.stdout.write("Listing counts rebuilt.")
