"""Where the claims linter spends its time over the bench.compliance catalogue.

Prints CPU time (the minimum of several runs, so other work on the machine counts
less) for linting the products, the articles and the whole catalogue scan, the
time normalising takes of it, then the CPU time each rule's pattern and each lawful
sense (exempt) took over one scan, most costly first.

    .venv/bin/python -m bench.claims_profile [--runs 3] [--top 15]
"""

import argparse
import random
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any

import django
from django.conf import settings

if not settings.configured:
    settings.configure(USE_TZ=True, TIME_ZONE="UTC", USE_I18N=False)
    django.setup()

from bench.compliance import article_texts, catalogue_scan, product_texts
from compliance.claims import claims_lint, linter
from compliance.claims.normalise import normalise
from compliance.rules import REGIMES, rules_load


def cpu_min(runs: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


class _Timed:
    """A compiled pattern whose ``finditer`` adds its CPU time to a tally."""

    def __init__(self, compiled: Any, key: str, tally: dict[str, float]) -> None:
        self.compiled, self.key, self.tally = compiled, key, tally
        # The linter keys what it found per text on the pattern's text.
        self.pattern = compiled.pattern

    def finditer(self, text: str) -> Iterator[Any]:
        start = time.process_time()
        found = list(self.compiled.finditer(text))
        self.tally[self.key] += time.process_time() - start
        return iter(found)


def _instrument(tally: dict[str, float]) -> None:
    """Wrap every scanner and lawful sense of the matchers built so far."""
    # The matchers are cached per (rules, regime, context); build them all first.
    rules = rules_load()
    for regime in REGIMES:
        for context in linter.CONTEXTS:
            matcher = linter._matcher(rules, regime, context)
            for scanner in matcher.scanners:
                if isinstance(scanner.pattern, _Timed):
                    continue
                rule = matcher.entries[scanner.group].rule.id
                object.__setattr__(
                    scanner, "pattern", _Timed(scanner.pattern, rule, tally)
                )
            for entry in matcher.entries.values():
                for exempt in entry.exempts:
                    if isinstance(exempt.pattern, _Timed):
                        continue
                    key = "exempt " + exempt.pattern.pattern[40:90]
                    object.__setattr__(
                        exempt, "pattern", _Timed(exempt.pattern, key, tally)
                    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    rng = random.Random(20261125)
    products = product_texts(10_000, rng)
    articles = article_texts(1_000, rng)
    for regime in REGIMES:
        for text in products[:200] + articles[:20]:
            claims_lint(text, regime=regime)
            claims_lint(text, regime=regime, context="article")

    def lint_products() -> None:
        for text in products:
            claims_lint(text, regime="uk")

    def lint_articles() -> None:
        for text in articles:
            claims_lint(text, regime="uk", context="article")

    def scan() -> None:
        catalogue_scan(products, articles)

    def normalise_all() -> None:
        normalise.cache_clear()
        for text in products + articles:
            normalise(text)

    print(f"rules {rules_load().version}; CPU time, min of {args.runs} runs")
    seconds = cpu_min(args.runs, lint_products)
    print(f"lint products (uk): {len(products) / seconds:,.0f} texts/s")
    seconds = cpu_min(args.runs, lint_articles)
    print(f"lint articles (uk): {seconds / len(articles) * 1e3:.2f} ms/text")
    seconds = cpu_min(args.runs, normalise_all)
    print(
        f"normalise: {seconds / len(products) * 1e6 * 10 / 11:.0f} us/product text, "
        f"{seconds:.2f} s for all {len(products) + len(articles):,} texts"
    )
    seconds = cpu_min(args.runs, scan)
    print(f"scan products + articles x {len(REGIMES)} regimes: {seconds:.2f} s")

    tally: dict[str, float] = defaultdict(float)
    _instrument(tally)
    scan()
    total = sum(tally.values())
    print(f"patterns over one scan: {total:.2f} s; top {args.top}:")
    for key, spent in sorted(tally.items(), key=lambda item: -item[1])[: args.top]:
        print(f"  {spent:6.2f} s  {key}")


if __name__ == "__main__":
    main()
