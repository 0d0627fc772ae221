"""Benchmark the compliance engine in-process (no database, no server).

Prints the median of several runs for:
- the claims linter: texts per second and MB per second, per regime pass;
- a catalogue scan: 10,000 generated product texts and 1,000 generated articles,
  each linted under us, eu and uk (directly through claims_lint);
- availability decisions per second over every class and a spread of regions;
- loading the rule data (the disease vocabulary is built from ICD-10-CM then);
- the impact of a rule change (a new ban and a new claims pattern) over the same
  catalogue: 10,000 listings in a spread of regions plus the article texts.

    .venv/bin/python -m bench.compliance [--runs 5] [--products 10000] [--articles 1000]
                                         [--cpu]

``--cpu`` reports the CPU time of this process, the least of the runs, instead of
the median wall-clock time: on a machine shared with other work it moves less.
"""

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import django
from django.conf import settings

if not settings.configured:
    settings.configure(USE_TZ=True, TIME_ZONE="UTC", USE_I18N=False)
    django.setup()

from compliance.claims import claims_lint, claims_linter_prepare
from compliance.claims.linter import claims_linter_cache_clear
from compliance.claims.prefilter import prefilter_store_directory, prefilter_store_use
from compliance.impact import ImpactSubject, impact_compute
from compliance.product_classes import ProductClass
from compliance.regions import availability_decide
from compliance.rules import (
    REGIMES,
    rules_cache_clear,
    rules_files,
    rules_load,
    rules_parse,
)
from compliance.rules.vocabulary import icd_condition_names, icd_condition_pattern

NEUTRAL = (
    "Our lion's mane is grown on oak logs in small batches and dried at low heat. "
    "Each capsule holds 500 mg of fruiting-body extract with no fillers. "
    "Brew one spoon in hot water for five minutes and enjoy it in the morning. "
    "Shipped in recyclable paper packaging from our farm in Oregon. "
    "Pairs well with oat milk, honey or a slice of lemon. "
    "Store in a cool, dry place and keep out of reach of children. "
)
CLAIMS = (
    "Supports focus and mental clarity.",
    "Promotes restful sleep.",
    "Clinically proven to reduce stress.",
    "Cures anxiety in days.",
    "A natural antidepressant.",
    "FDA approved formula.",
    "Doctor-recommended blend.",
    "A super mushroom for everyday wellbeing.",
    "Vitamin C contributes to the normal function of the immune system.",
    "C.U.R.E.S insomnia",
    "tr\u200beats dep\u0440ression",
)
REGIONS = ("US", "US-TX", "US-AL", "US-CA", "US-LA", "US-NY", "GB", "GB-ENG", "NL",
           "DE", "FR", "CA", "CA-QC", "AU", "JP", "BR")  # fmt: skip


def product_texts(count: int, rng: random.Random) -> list[str]:
    texts = []
    for i in range(count):
        parts = [f"<h2>Product {i}</h2>", f"<p>{NEUTRAL}</p>"]
        for _ in range(rng.randint(0, 3)):
            parts.append(f"<li>{rng.choice(CLAIMS)}</li>")
        # A third of the catalogue is plain text with no markup at all.
        text = " ".join(parts)
        if i % 3 == 0:
            text = NEUTRAL + " " + " ".join(rng.sample(CLAIMS, 2))
        texts.append(text)
    return texts


def article_texts(count: int, rng: random.Random) -> list[str]:
    texts = []
    for i in range(count):
        paragraphs = [f"<h1>Article {i}</h1>"]
        for _ in range(12):
            paragraphs.append(f"<p>{NEUTRAL} {rng.choice(CLAIMS)}</p>")
        texts.append("\n".join(paragraphs))
    return texts


_CPU = False


def catalogue_scan(products: list[str], articles: list[str]) -> None:
    """Lint every product and article text in every regime, as a scan does."""
    for text in products:
        for regime in REGIMES:
            claims_lint(text, regime=regime)
    for text in articles:
        for regime in REGIMES:
            claims_lint(text, regime=regime, context="article")


def median_of(runs: int, work: Callable[[], float]) -> float:
    if _CPU:
        return min(work() for _ in range(runs))
    return statistics.median(work() for _ in range(runs))


def timed(work: Callable[[], object]) -> float:
    clock = time.process_time if _CPU else time.perf_counter
    start = clock()
    work()
    return clock() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--articles", type=int, default=1_000)
    parser.add_argument("--decisions", type=int, default=50_000)
    parser.add_argument(
        "--cpu", action="store_true", help="least CPU time of the runs, not median"
    )
    args = parser.parse_args()
    global _CPU
    _CPU = args.cpu
    rng = random.Random(20261125)
    load_start = time.perf_counter()
    rules_cache_clear()
    icd_condition_names.cache_clear()
    icd_condition_pattern.cache_clear()
    rules = rules_load()
    load_seconds = time.perf_counter() - load_start
    cold, stored = matcher_setup(rules)
    products = product_texts(args.products, rng)
    articles = article_texts(args.articles, rng)
    # Warm-up: compile the per-regime matchers and the character fold cache.
    for regime in REGIMES:
        for text in products[:200] + articles[:20]:
            claims_lint(text, regime=regime)

    measure = "least CPU time" if args.cpu else "median"
    print(f"rules {rules.version}; {measure} of {args.runs} runs")
    print(
        f"load rule data (first, with {len(icd_condition_names()):,} ICD-10-CM "
        f"names): {load_seconds:.2f} s"
    )
    print(
        f"build the matchers of every regime and context: {cold:.2f} s working out "
        f"their prefilters, {stored:.2f} s reading them from the store"
    )
    product_mb = sum(len(t.encode()) for t in products) / 1e6
    for regime in REGIMES:
        seconds = median_of(
            args.runs,
            lambda regime=regime: timed(
                lambda: [claims_lint(t, regime=regime) for t in products]
            ),
        )
        print(
            f"lint products ({regime}): {len(products) / seconds:,.0f} texts/s, "
            f"{product_mb / seconds:.2f} MB/s "
            f"(avg {product_mb * 1e6 / len(products):.0f} bytes/text)"
        )
    article_mb = sum(len(t.encode()) for t in articles) / 1e6
    seconds = median_of(
        args.runs,
        lambda: timed(
            lambda: [claims_lint(t, regime="uk", context="article") for t in articles]
        ),
    )
    print(
        f"lint articles (uk): {len(articles) / seconds:,.0f} texts/s, "
        f"{article_mb / seconds:.2f} MB/s "
        f"(avg {article_mb * 1e6 / len(articles):.0f} bytes/text)"
    )

    def scan() -> None:
        catalogue_scan(products, articles)

    seconds = median_of(args.runs, lambda: timed(scan))
    print(
        f"scan {len(products):,} products + {len(articles):,} articles "
        f"x {len(REGIMES)} regimes: {seconds:.2f} s"
    )

    cases = [
        (rng.choice(ProductClass.values), rng.choice(REGIONS))
        for _ in range(args.decisions)
    ]

    def decide() -> None:
        for product_class, region in cases:
            availability_decide(product_class=product_class, region=region)

    seconds = median_of(args.runs, lambda: timed(decide))
    print(f"availability decisions: {len(cases) / seconds:,.0f} decisions/s")

    changed = _changed_rules()
    subjects = [
        ImpactSubject(
            kind="listing",
            object_id=str(i),
            label=f"Product {i}",
            product_class=rng.choice(ProductClass.values),
            regions=tuple(rng.sample(REGIONS, 3)),
            regime=rng.choice(REGIMES),
            texts=(text,),
        )
        for i, text in enumerate(products)
    ] + [
        ImpactSubject(
            kind="article", object_id=str(i), label=f"Article {i}", regime=regime,
            texts=(text,),
        )
        for i, text in enumerate(articles)
        for regime in REGIMES
    ]  # fmt: skip
    found: list[int] = []

    def impact() -> None:
        found.append(
            len(impact_compute(before=rules, after=changed, subjects=subjects))
        )

    seconds = median_of(args.runs, lambda: timed(impact))
    print(
        f"impact of a rule change over {len(products):,} listings + "
        f"{len(articles):,} articles x {len(REGIMES)} regimes: {seconds:.2f} s "
        f"({found[-1]:,} changes)"
    )


def matcher_setup(rules) -> tuple[float, float]:
    """CPU seconds to build every matcher as a fresh process does: with an empty
    prefilter store (the first process after a rule change), then with the store
    that build left (every later one). Always CPU time: it runs once."""
    default = prefilter_store_directory()
    with tempfile.TemporaryDirectory() as directory:
        seconds = []
        for _ in range(2):
            # A fresh store each time reads only what the file holds.
            prefilter_store_use(Path(directory))
            claims_linter_cache_clear()
            start = time.process_time()
            claims_linter_prepare(rules)
            seconds.append(time.process_time() - start)
    prefilter_store_use(default)
    return seconds[0], seconds[1]


def _changed_rules():
    """The rule data in force with a new ban and a new claims pattern."""
    files = rules_files()
    files["legality_us.toml"] += """
[[legality]]
id = "LEG.HERBAL.US-TX.BENCH"
class = "herbal"
jurisdiction = "US-TX"
decision = "prohibited"
source = ["benchmark"]
reviewed = 2026-12-01
"""
    files["claims.toml"] = files["claims.toml"].replace(
        "'cure-alls?',", "'cure-alls?',\n  'super ?mushrooms?',", 1
    )
    version = rules_load().version
    files["ruleset.toml"] = files["ruleset.toml"].replace(version, version + ".bench")
    return rules_parse(files)


if __name__ == "__main__":
    main()
