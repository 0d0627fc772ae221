"""Record every decision of the claims linter over a fixed set of texts, or compare.

The texts: every line of bench/data/*.jsonl, every example of the rule data (claims
rules and the advertising signal), the string literals of the claims tests, the
catalogue that bench.compliance generates, and splices of the corpora and examples
(the start of one text run into the end of another, cut at words) so that wordings
meet across the places a pattern's gap or gate could change. Each is linted in
every regime and context, and every finding is kept: rule, severity, span, text and
suggestion.

A speed change to the linter or the rule data must leave the snapshot identical:

    .venv/bin/python -m bench.claims_snapshot --write before.json
    .venv/bin/python -m bench.claims_snapshot --compare before.json

``--quick`` keeps a tenth of the bench catalogue, for a first check between edits.
"""

import argparse
import ast
import json
import random
import sys
import time
from pathlib import Path

import django
from django.conf import settings

if not settings.configured:
    settings.configure(USE_TZ=True, TIME_ZONE="UTC", USE_I18N=False)
    django.setup()

from bench.compliance import article_texts, product_texts
from compliance.claims import claims_lint
from compliance.claims.linter import CONTEXTS
from compliance.rules import REGIMES, rules_load

ROOT = Path(__file__).resolve().parent.parent
SPLICES = 3_000


def _corpus_texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "bench" / "data").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    return texts


def _example_texts() -> list[str]:
    rules = rules_load()
    texts = [t for rule in rules.claims for t in (*rule.positive, *rule.negative)]
    if rules.advertising is not None:
        texts += [*rules.advertising.positive, *rules.advertising.negative]
    return texts


def _test_texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "tests" / "compliance").glob("test_claims*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                texts.append(node.value)
    return [text for text in texts if len(text) >= 4]


def _spliced(texts: list[str], rng: random.Random) -> list[str]:
    """Texts run into each other and cut at words: wordings meet at new edges."""
    out = []
    for _ in range(SPLICES):
        a, b = rng.sample(texts, 2)
        wa, wb = a.split(" "), b.split(" ")
        head = wa[: rng.randint(1, len(wa))]
        tail = wb[rng.randint(0, len(wb) - 1) :]
        out.append(" ".join(head + tail))
    return out


def texts_all(quick: bool = False) -> dict[str, list[str]]:
    rng = random.Random(20261201)
    groups = {
        "corpus": _corpus_texts(),
        "examples": _example_texts(),
        "tests": _test_texts(),
        # The same seed and order as bench.compliance, so these are its texts.
        "bench": [],
    }
    bench_rng = random.Random(20261125)
    products = product_texts(10_000, bench_rng)
    articles = article_texts(1_000, bench_rng)
    if quick:
        products, articles = products[:1_000], articles[:100]
    groups["bench"] = products + articles
    # Not the tests' strings: a new test must not change every splice.
    groups["spliced"] = _spliced(groups["corpus"] + groups["examples"], rng)
    return groups


def snapshot(quick: bool = False) -> dict[str, object]:
    rules = rules_load()
    seen: dict[str, int] = {}
    texts: list[str] = []
    for group in texts_all(quick).values():
        for text in group:
            if text not in seen:
                seen[text] = len(texts)
                texts.append(text)
    results = []
    for text in texts:
        per_text = {}
        for regime in REGIMES:
            for context in CONTEXTS:
                report = claims_lint(text, regime=regime, context=context)
                per_text[f"{regime}/{context}"] = [
                    [f.rule, f.severity, f.start, f.end, f.text, f.suggestion]
                    for f in report.findings
                ]
        results.append({"text": text, "findings": per_text})
    return {"rules_version": rules.version, "texts": results}


def _compare(before: dict, after: dict) -> int:
    differences = 0
    if before["rules_version"] != after["rules_version"]:
        print(f"rules version {before['rules_version']} -> {after['rules_version']}")
    old = {row["text"]: row["findings"] for row in before["texts"]}
    new = {row["text"]: row["findings"] for row in after["texts"]}
    if old.keys() != new.keys():
        # Tests added or removed strings; the texts both hold are compared.
        print(
            f"texts only before: {len(old.keys() - new.keys())}, "
            f"only now: {len(new.keys() - old.keys())}"
        )
    for text in old.keys() & new.keys():
        for key in old[text]:
            if old[text][key] != new[text].get(key):
                differences += 1
                if differences <= 20:
                    print(f"{key}: {text[:120]!r}")
                    print(f"  before {old[text][key]}")
                    print(f"  after  {new[text].get(key)}")
    return differences


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", type=Path, help="record the snapshot to this file")
    action.add_argument("--compare", type=Path, help="compare with a recorded one")
    parser.add_argument(
        "--quick", action="store_true", help="a tenth of the bench catalogue only"
    )
    args = parser.parse_args()
    start = time.process_time()
    current = snapshot(args.quick)
    seconds = time.process_time() - start
    count = len(current["texts"])  # type: ignore[arg-type]
    if args.write:
        args.write.write_text(json.dumps(current, ensure_ascii=False, sort_keys=True))
        combos = len(REGIMES) * len(CONTEXTS)
        print(f"{count:,} texts x {combos} recorded ({seconds:.1f} s CPU)")
        return
    differences = _compare(json.loads(args.compare.read_text()), current)
    print(f"{count:,} texts compared ({seconds:.1f} s CPU): {differences} differences")
    sys.exit(1 if differences else 0)


if __name__ == "__main__":
    main()
