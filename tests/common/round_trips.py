"""Count round trips to the shared cache: a read of several keys at once is one."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.cache import cache


class RoundTrips:
    def __init__(self) -> None:
        self.keys: list[list[str]] = []
        self._many = False

    def reads_of(self, keys: set[str]) -> int:
        """Round trips that read any of ``keys``."""
        return sum(1 for read in self.keys if keys & set(read))


@contextmanager
def round_trips_counted() -> Iterator[RoundTrips]:
    trips = RoundTrips()
    get, get_many = cache.get, cache.get_many

    def one(key: str, *args: Any, **kwargs: Any) -> Any:
        if not trips._many:
            trips.keys.append([key])
        return get(key, *args, **kwargs)

    def many(keys: Any, *args: Any, **kwargs: Any) -> Any:
        trips.keys.append(list(keys))
        trips._many = True
        try:
            return get_many(keys, *args, **kwargs)
        finally:
            trips._many = False

    cache.get, cache.get_many = one, many
    try:
        yield trips
    finally:
        del cache.get, cache.get_many
