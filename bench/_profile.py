"""What the in-process profilers share: the production settings over the compare
bench's database, the timed and profiled requests, and the printed statistics."""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench._server import ROOT, database_prepare, manage, production_env
from bench.compare import DEFAULT_DB
from bench.graphql import PRODUCT_SLUG, SEED
from bench.storefront import BENCH_CATEGORY
from bench.storefront import SEED as CATEGORY_SEED


def arguments_add(parser: argparse.ArgumentParser, *, case: str, cases: list) -> None:
    """The options both profilers take."""
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--case", choices=sorted(cases), default=case)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument(
        "--plain", action="store_true", help="time only, without the profiler"
    )
    parser.add_argument("--only", help="also list functions whose path has this")
    parser.add_argument("--callers", help="also list who calls functions matching this")


def django_start(*, reuse: bool, static_on_reuse: bool = False) -> None:
    """Set Django up in this process under the production settings, on the
    compare bench's database (prepared afresh unless ``reuse``)."""
    workdir = Path(tempfile.mkdtemp(prefix="shop-bench-profile-"))
    env = production_env(
        base=dict(os.environ),
        database_url=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB),
        workdir=workdir,
    )
    if not reuse:
        database_prepare(
            env,
            SEED.format(slug=PRODUCT_SLUG),
            CATEGORY_SEED.format(slug=BENCH_CATEGORY),
        )
    elif static_on_reuse:
        # Pages name their static files through the manifest of this run's root.
        manage(env, "collectstatic", "--noinput")
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def requests_profiled(
    one: Callable[[], None], *, requests: int, plain: bool, warm_up: int = 20
) -> tuple[float, cProfile.Profile]:
    """The median seconds of ``requests`` calls of ``one`` (after ``warm_up``
    unmeasured), profiled unless ``plain``."""
    for _ in range(warm_up):
        one()
    timings = []
    profiler = cProfile.Profile()
    for _ in range(requests):
        started = time.perf_counter()
        if not plain:
            profiler.enable()
        one()
        if not plain:
            profiler.disable()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings), profiler


def statistics_print(profiler: cProfile.Profile, args: argparse.Namespace) -> None:
    stats = pstats.Stats(profiler)
    stats.sort_stats("tottime").print_stats(args.top)
    stats.sort_stats("cumulative").print_stats(args.top)
    if args.only:
        stats.sort_stats("cumulative").print_stats(args.only, args.top)
    if args.callers:
        stats.sort_stats("tottime").print_callers(args.callers)
