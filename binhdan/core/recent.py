"""What this worker process checked a moment ago, trusted for BINHDAN_TOKEN_CACHE_SECONDS.

The check-in endpoints use it for API tokens and for an operator's right to write to a
session point, so a point streaming check-ins does not pay those queries every time. Each
worker keeps its own copy: another worker learns of a change when its copy expires.
"""

import time
from collections.abc import Hashable
from typing import Any

from django.conf import settings

_ALL: list["RecentlyChecked"] = []


class RecentlyChecked:
    def __init__(self, max_entries: int = 20_000):
        self._entries: dict[Hashable, tuple[float, Any]] = {}
        self._max_entries = max_entries
        _ALL.append(self)

    def get(self, key: Hashable) -> Any | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        until, value = entry
        if until > time.monotonic():
            return value
        self._entries.pop(key, None)
        return None

    def remember(self, key: Hashable, value: Any) -> None:
        seconds = settings.BINHDAN_TOKEN_CACHE_SECONDS
        if seconds <= 0:
            return
        if len(self._entries) >= self._max_entries:
            self._entries.clear()
        self._entries[key] = (time.monotonic() + seconds, value)

    def forget(self, key: Hashable) -> None:
        self._entries.pop(key, None)

    def clear(self) -> None:
        self._entries.clear()


def forget_everything() -> None:
    """Empty every store of this process (tests)."""
    for store in _ALL:
        store.clear()
