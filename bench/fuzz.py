"""Fuzz the GraphQL API at scale under gunicorn, production settings.

Creates and fills a dedicated PostgreSQL database (populatedb), starts gunicorn
(2 workers, DEBUG off) on a free loopback port, then sends generated queries and
mutations (the generator of tests/security/fuzzing.py: valid and invalid
documents, real ids of the demo's rows, signed in or not) and prints how many
requests were sent, how many answered 5xx and how many leaked internal text.
Then it times the refusals of the request limits (alias bombs, a batch of
sign-ins, an expensive nested listing) against one honest listing.

    python -m bench.fuzz [--requests 10000] [--keep-db]

BENCH_DATABASE_URL overrides the database (default shop_bench_fuzz).
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench._server import (
    ROOT,
    database_prepare,
    free_port,
    gunicorn,
    production_env,
    serving,
)

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/shop_bench_fuzz"
CUSTOMER = ("fuzz@example.com", "a long fuzzing passphrase 42")
SEED = """
from storefront.accounts.models import User
User.objects.create_user(email={email!r}, password={password!r})
"""
LISTING = '{ products(first: 100, channel: "us") { edges { node { name } } } }'


def _aliases(count: int, field: str) -> str:
    return "{ " + " ".join(f"a{i}: {field}" for i in range(count)) + " }"


REFUSALS = {
    "100 aliases of products(first:100)": _aliases(
        100, 'products(first: 100, channel: "us") { edges { node { name } } }'
    ),
    "1000 aliases of channels": _aliases(1000, "channels { slug }"),
    "200 aliased tokenCreate": "mutation "
    + _aliases(200, 'tokenCreate(email: "a@example.com", password: "x") { token }'),
    "categories x products (cost)": "{ categories(first: 100) { edges { node { "
    'products(first: 100, channel: "us") { edges { node { name } } } } } } }',
}


class Client:
    def __init__(self, url: str) -> None:
        self.url = url

    def post(self, query: str, token: str | None = None) -> tuple[int, str, float]:
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        request = urllib.request.Request(  # noqa: S310 - a loopback http URL
            self.url, data=json.dumps({"query": query}).encode(), headers=headers
        )
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
                status, body = response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            status, body = exc.code, exc.read().decode()
        return status, body, (time.perf_counter() - started) * 1000


def _median_ms(client: Client, query: str, repeat: int) -> tuple[float, int]:
    timings, status = [], 0
    for _ in range(repeat):
        status, _body, elapsed = client.post(query)
        timings.append(elapsed)
    return statistics.median(timings), status


def _fuzz(client: Client, *, requests: int, token: str) -> dict[str, object]:
    # Django is set up in this process only to build the schema and read the ids.
    import django

    django.setup()
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import strategies as st

    from config.schema import schema
    from tests.security.fuzzing import documents, leaks, seeded_ids

    known = seeded_ids()
    counts = {"requests": 0, "5xx": 0, "leaks": 0}
    examples: list[str] = []

    @settings(
        max_examples=requests,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(document=documents(schema.graphql_schema, known), signed_in=st.booleans())
    def send(document: str, signed_in: bool) -> None:
        status, body, _elapsed = client.post(document, token if signed_in else None)
        counts["requests"] += 1
        found = leaks(body)
        if status >= 500:
            counts["5xx"] += 1
        if found:
            counts["leaks"] += 1
        if (status >= 500 or found) and len(examples) < 5:
            examples.append(f"{status} {found} {document[:200]!r} -> {body[:300]}")

    send()
    return {**counts, "examples": examples}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()

    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    workdir = Path(tempfile.mkdtemp(prefix="shop-bench-fuzz-"))
    env = production_env(
        base=dict(os.environ),
        database_url=database_url,
        workdir=workdir,
        log_level="CRITICAL",
    )
    database_prepare(env, SEED.format(email=CUSTOMER[0], password=CUSTOMER[1]))

    port = free_port()
    server = gunicorn("config.wsgi:application", port, env, quiet=True)
    client = Client(f"http://127.0.0.1:{port}/graphql/")
    with serving([server], env=env, keep_db=args.keep_db):
        for _ in range(100):
            try:
                client.post("{ channels { slug } }")
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not start")
        email, password = (json.dumps(value) for value in CUSTOMER)
        _status, body, _ = client.post(
            f"mutation {{ tokenCreate(email: {email}, password: {password}) "
            "{ token } }"
        )
        token = json.loads(body)["data"]["tokenCreate"]["token"]

        print(f"gunicorn, 2 workers, production settings, DEBUG off, {client.url}")
        listing_ms, _ = _median_ms(client, LISTING, 20)
        print(
            f"\nreference: one products(first:100) {listing_ms:.1f} ms (median of 20)"
        )
        print(f"{'refused request':<38} {'status':>6} {'median ms':>10}")
        for name, query in REFUSALS.items():
            median, status = _median_ms(client, query, 20)
            print(f"{name:<38} {status:>6} {median:>10.1f}", flush=True)

        os.environ.update(env)
        sys.path.insert(0, str(ROOT))
        started = time.perf_counter()
        result = _fuzz(client, requests=args.requests, token=token)
        elapsed = time.perf_counter() - started
        print(
            f"\nfuzz: {result['requests']} requests in {elapsed:.0f} s, "
            f"5xx: {result['5xx']}, leaks: {result['leaks']}"
        )
        for example in result["examples"]:  # type: ignore[attr-defined]
            print("  " + example)


if __name__ == "__main__":
    main()
