"""Lighthouse scores of the demo shop served as in production (mobile preset).

Fills a dedicated PostgreSQL database with the demo, starts gunicorn with the
production settings (DEBUG off, compressed static files), then runs Lighthouse
12.2.3 (from npm, in this folder) with Debian's Chromium against the home page, a
category, a product and an article, several times each, and prints the median
score per category and the median bytes transferred on first load.

    (cd bench/lighthouse && npm ci)      # once
    .venv/bin/python -m bench.lighthouse [--runs 3] [--keep-db]

The test suite never needs Lighthouse.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench._server import (
    database_prepare,
    free_port,
    gunicorn,
    production_env,
    serving,
    wait_for,
)

HERE = Path(__file__).resolve().parent
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/shop_bench_lighthouse"
PAGES = (
    ("home", "/"),
    ("category", "/categories/functional-mushrooms/"),
    ("product", "/products/lions-mane-capsules/"),
    ("article", "/articles/the-science-of-neuroplasticity/"),
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def _lighthouse(url: str, report: Path) -> dict[str, float]:
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            f"--chrome-path={CHROMIUM}",
            "--chrome-flags=--headless --no-sandbox --disable-gpu",
            f"--only-categories={','.join(CATEGORIES)}",
            "--output=json",
            f"--output-path={report}",
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
    )
    data = json.loads(report.read_text())
    scores = {name: data["categories"][name]["score"] * 100 for name in CATEGORIES}
    scores["kb"] = data["audits"]["total-byte-weight"]["numericValue"] / 1024
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is not installed: run `npm ci` in bench/lighthouse.")

    workdir = Path(tempfile.mkdtemp(prefix="shop-lighthouse-"))
    env = production_env(
        base=dict(os.environ),
        database_url=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB),
        workdir=workdir,
        redis_url=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15"),
    )
    # Served over plain HTTP on loopback: no HSTS header to score.
    env["SECURE_HSTS_SECONDS"] = "0"
    database_prepare(env)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = gunicorn("bench.lighthouse.media_wsgi:application", port, env)
    with serving([server], env=env, keep_db=args.keep_db):
        wait_for(base + "/")
        for _, path in PAGES:  # make the article renditions before measuring
            wait_for(base + path)
        print(
            f"Lighthouse 12.2.3, mobile preset, Chromium; gunicorn with production "
            f"settings at {base}; median of {args.runs} runs\n"
        )
        header = " ".join(f"{name[:13]:>13}" for name in CATEGORIES)
        print(f"{'page':<10} {header} {'KB on load':>11}")
        for name, path in PAGES:
            runs = [
                _lighthouse(base + path, workdir / f"{name}-{run}.json")
                for run in range(args.runs)
            ]
            medians = {
                key: statistics.median(run[key] for run in runs) for key in runs[0]
            }
            cells = " ".join(f"{medians[key]:>13.0f}" for key in CATEGORIES)
            print(f"{name:<10} {cells} {medians['kb']:>11.1f}", flush=True)


if __name__ == "__main__":
    main()
