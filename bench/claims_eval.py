"""Score the claims linter on an evaluation corpus kept apart from the rules' examples.

Each line of the corpus is a text with the regime it is shown under, its context
(``product`` or ``article``), the expected outcome and the rule of law behind it:

- ``block``: may not be published there;
- ``flag``: may go live only after a compliance officer's review or with the US
  disclaimer;
- ``clean``: may be published as it stands.

Per regime it prints recall on ``block`` (the linter blocks), recall on ``flag`` (the
linter reports anything) and the false-positive rate (clean texts with any finding),
then every miss and false positive so that a class of wording can be fixed, never a
single text.

    .venv/bin/python -m bench.claims_eval [--corpus FILE.jsonl] [--quiet]
"""

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import django
from django.conf import settings

if not settings.configured:
    settings.configure(USE_TZ=True, TIME_ZONE="UTC", USE_I18N=False)
    django.setup()

from compliance.claims import claims_lint
from compliance.rules import REGIMES

DEFAULT_CORPUS = Path(__file__).resolve().parent / "data" / "claims_corpus.jsonl"
LABELS = ("block", "flag", "clean")


@dataclass
class Tally:
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LABELS, 0))
    hits: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LABELS, 0))
    over_blocked: int = 0
    problems: list[str] = field(default_factory=list)

    def rate(self, label: str) -> float:
        return self.hits[label] / self.counts[label] if self.counts[label] else 0.0


def corpus_load(path: Path) -> list[dict[str, str]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        if row.get("label") not in LABELS or row.get("regime") not in REGIMES:
            raise SystemExit(f"{path.name}:{number}: bad label or regime")
        if not row.get("rule"):
            raise SystemExit(f"{path.name}:{number}: every text cites its rule")
        rows.append(row)
    return rows


def evaluate(rows: list[dict[str, str]]) -> dict[str, Tally]:
    tallies = {regime: Tally() for regime in REGIMES}
    for row in rows:
        tally = tallies[row["regime"]]
        label = row["label"]
        report = claims_lint(
            row["text"], regime=row["regime"], context=row.get("context", "product")
        )
        found = ", ".join(f"{f.rule}/{f.severity} {f.text!r}" for f in report.findings)
        tally.counts[label] += 1
        if label == "block":
            ok = report.blocking
        elif label == "flag":
            ok = bool(report.findings)
            tally.over_blocked += report.blocking
        else:
            ok = bool(report.findings)  # counted as a false positive
        tally.hits[label] += ok
        if (label == "clean") == ok:
            kind = "FALSE POSITIVE" if label == "clean" else f"MISSED {label}"
            tally.problems.append(
                f"  {row['id']} {kind}: {row['text']!r} [{row['rule']}]"
                + (f" -> {found}" if found else "")
            )
    return tallies


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--quiet", action="store_true", help="figures only")
    args = parser.parse_args(argv)
    rows = corpus_load(args.corpus)
    tallies = evaluate(rows)
    print(f"corpus: {args.corpus.name}, {len(rows)} texts")
    print(
        f"{'regime':<7}{'block':>7}{'recall':>9}{'flag':>7}{'recall':>9}"
        f"{'clean':>7}{'FP rate':>9}{'flag blocked':>14}"
    )
    totals = Tally()
    for regime, tally in tallies.items():
        print(
            f"{regime:<7}{tally.counts['block']:>7}{tally.rate('block'):>9.1%}"
            f"{tally.counts['flag']:>7}{tally.rate('flag'):>9.1%}"
            f"{tally.counts['clean']:>7}{tally.rate('clean'):>9.1%}"
            f"{tally.over_blocked:>14}"
        )
        for label in LABELS:
            totals.counts[label] += tally.counts[label]
            totals.hits[label] += tally.hits[label]
        totals.over_blocked += tally.over_blocked
    print(
        f"{'all':<7}{totals.counts['block']:>7}{totals.rate('block'):>9.1%}"
        f"{totals.counts['flag']:>7}{totals.rate('flag'):>9.1%}"
        f"{totals.counts['clean']:>7}{totals.rate('clean'):>9.1%}"
        f"{totals.over_blocked:>14}"
    )
    if not args.quiet:
        for regime, tally in tallies.items():
            if tally.problems:
                print(f"\n{regime}:")
                print("\n".join(tally.problems))
    return 0


if __name__ == "__main__":
    sys.exit(main())
