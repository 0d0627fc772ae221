"""Scanning every product and article for claims findings.

compliance imports nothing from storefront or content, so the things to scan come
from callables listed in ``settings.COMPLIANCE_SCAN_SOURCES`` (dotted paths), each
returning an iterable of :class:`ScanItem`.
"""

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.module_loading import import_string

from compliance.claims import ClaimFinding, claims_lint
from compliance.claims.services import claims_override_get
from compliance.rules import rules_load


@dataclass(frozen=True)
class ScanItem:
    """One object to scan. ``context`` defaults to "article" for kind "article"."""

    kind: str
    object_id: str | int
    label: str
    admin_url: str
    text: str
    published: bool
    regimes: tuple[str, ...]
    context: str = ""


@dataclass(frozen=True)
class ScanResult:
    item: ScanItem
    regime: str
    finding: ClaimFinding
    overridden: bool


@dataclass(frozen=True)
class ScanReport:
    results: tuple[ScanResult, ...]
    items_scanned: int
    rules_version: str
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def published_blocking(self) -> tuple[ScanResult, ...]:
        """Blocking findings on published items that no officer has overridden."""
        return tuple(
            r
            for r in self.results
            if r.item.published and r.finding.severity == "block" and not r.overridden
        )


def scan_sources() -> list[Callable[[], Iterable[ScanItem]]]:
    """Resolve ``COMPLIANCE_SCAN_SOURCES`` into callables."""
    paths = getattr(settings, "COMPLIANCE_SCAN_SOURCES", [])
    return [import_string(path) for path in paths]


def scan_run(
    *,
    items: Iterable[ScanItem] | None = None,
    overridden: Callable[[ScanItem], bool] | None = None,
) -> ScanReport:
    """Lint every item under each of its regimes.

    Args:
        items: what to scan; defaults to everything the configured sources yield.
        overridden: tells whether an officer let an item's exact text through;
            defaults to looking up :class:`~compliance.models.ClaimsOverride`.

    Returns:
        Every finding with its item, and counts per severity.
    """
    if items is None:
        items = (item for source in scan_sources() for item in source())
    if overridden is None:

        def overridden(item: ScanItem) -> bool:
            found = claims_override_get(
                obj_type=item.kind, obj_id=item.object_id, text=item.text
            )
            return found is not None

    results: list[ScanResult] = []
    counts: Counter[str] = Counter()
    scanned = 0
    for item in items:
        scanned += 1
        context = item.context or ("article" if item.kind == "article" else "product")
        item_results = [
            (regime, finding)
            for regime in item.regimes
            for finding in claims_lint(
                item.text, regime=regime, context=context
            ).findings
        ]
        if not item_results:
            continue
        is_overridden = any(
            f.severity == "block" for _, f in item_results
        ) and overridden(item)
        for regime, finding in item_results:
            counts[finding.severity] += 1
            results.append(ScanResult(item, regime, finding, is_overridden))
    return ScanReport(tuple(results), scanned, rules_load().version, dict(counts))
