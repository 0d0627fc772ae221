from django.core.management.base import BaseCommand

from storefront.catalogue.demo import demo_load, demo_logins


class Command(BaseCommand):
    help = (
        "Reload the demo shop (idempotent, offline), then the DEMO_DATA_LOADERS. "
        "Puts the demo products back as shipped, reverting staff edits to them."
    )

    def handle(self, *args: object, **options: object) -> None:
        demo_load(stdout=self.stdout)  # type: ignore[arg-type]
        for line in demo_logins():
            self.stdout.write(line)
