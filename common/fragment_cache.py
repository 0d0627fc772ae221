"""Rendered page fragments kept in the process, keyed by everything they show.

A fragment such as a product card is the same HTML whenever the values it shows
are the same, so its key is those values (and the page generation, so that any
catalogue write also retires it): a fragment can never be served for data it
does not show, and nothing has to be told to drop it. Entries that are no longer
asked for fall out, least recently used first.

Process memory, not the shared cache: a hit costs a dictionary lookup instead of
a round trip, and since keys carry their data every worker is right on its own.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable


class FragmentCache:
    """A bounded, thread-safe map from a fragment's key to its HTML."""

    def __init__(self, *, maxsize: int) -> None:
        self._maxsize = maxsize
        self._entries: OrderedDict[Hashable, str] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_render(self, key: Hashable, render: Callable[[], str]) -> str:
        """The HTML stored under ``key``, or ``render()``'s, stored."""
        with self._lock:
            html = self._entries.get(key)
            if html is not None:
                self._entries.move_to_end(key)
                return html
        # Rendered outside the lock: two threads may render the same fragment
        # once each, which costs time but never a wrong page.
        html = render()
        with self._lock:
            self._entries[key] = html
            self._entries.move_to_end(key)
            while len(self._entries) > self._maxsize:
                self._entries.popitem(last=False)
        return html

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)
