"""``manage.py run_renewals``: the renewal run for cron, like the beat task."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from storefront.subscriptions.services.notifications import subscription_reminders_send
from storefront.subscriptions.services.renewals import subscription_renewals_run


class Command(BaseCommand):
    help = "Renew due subscriptions (and send renewal reminders)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date", help="Run as if today were this ISO date (default: today)."
        )
        parser.add_argument("--limit", type=int, default=None)
        parser.add_argument("--no-reminders", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        today = date.fromisoformat(options["date"]) if options["date"] else None
        summary = subscription_renewals_run(today=today, limit=options["limit"])
        results: dict[str, int] = {}
        for outcome in summary.outcomes:
            results[outcome.result] = results.get(outcome.result, 0) + 1
        reminders = (
            0 if options["no_reminders"] else subscription_reminders_send(today=today)
        )
        parts = ", ".join(f"{k} {v}" for k, v in sorted(results.items())) or "none due"
        self.stdout.write(
            f"Renewals: {parts}; resumed {summary.resumed}; reminders {reminders}."
        )
