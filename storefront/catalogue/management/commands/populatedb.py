from django.core.management.base import BaseCommand

from storefront.catalogue.demo import demo_load


class Command(BaseCommand):
    help = "Load the demo shop (idempotent, offline); then the DEMO_DATA_LOADERS."

    def handle(self, *args: object, **options: object) -> None:
        demo_load(stdout=self.stdout)  # type: ignore[arg-type]
