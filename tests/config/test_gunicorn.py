"""The production gunicorn settings prepare what a worker's first request would
otherwise build itself."""

import gc
from collections.abc import Iterator

import pytest

from compliance.claims import claims_lint, linter
from config import gunicorn as settings_file


@pytest.fixture(autouse=True)
def _unfrozen() -> Iterator[None]:
    # ``when_ready`` freezes what the process holds; the test process goes on.
    yield
    gc.unfreeze()


def test_workers_fork_with_the_claims_matchers_built():
    # given a process that has built no claims matcher yet
    linter._matcher.cache_clear()

    # when the master is ready (the application is preloaded before it forks)
    assert settings_file.preload_app is True
    settings_file.when_ready(server=None)
    built = linter._matcher.cache_info()

    # then linting in every regime and context builds nothing more
    for regime in ("us", "eu", "uk"):
        for context in ("product", "article", "linked_article"):
            claims_lint("Nettle tea for a calm evening", regime=regime, context=context)
    after = linter._matcher.cache_info()
    assert after.misses == built.misses
    assert after.hits >= built.hits + 9


def test_workers_fork_with_what_the_master_built_out_of_the_collectors_sight():
    # given a master holding the application, with nothing frozen yet
    gc.unfreeze()
    held = len(gc.get_objects())

    # when it is ready to fork
    settings_file.when_ready(server=None)

    # then what it holds is frozen: no collection in a worker walks it again
    assert gc.get_freeze_count() >= held // 2
    assert len(gc.get_objects()) < held // 2
