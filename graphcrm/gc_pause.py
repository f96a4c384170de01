"""The cyclic garbage collector kept out of bulk loads (issue 17 "Cold path").

Loading an account allocates tens of thousands of containers (row tuples, attribute
dicts, the graph's adjacency), none of them garbage; every 700 allocations a
generation-0 collection walks the young ones, and older generations walk them again
as they are promoted (issue 17 measured collection at 39% of loading a 50,000-person
account). Reference counting frees everything as usual while the collector is off;
only cyclic garbage waits until the last overlapping load ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused_gc"]


class _Pauses:
    """How many loads have the collector paused, and whether it ran before the first."""

    lock = threading.Lock()
    depth = 0
    was_enabled = False


@contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic garbage collector off for the block (reference counting still frees
    memory); back on when the last of the overlapping blocks (threads) ends, if it was
    on before the first began."""
    with _Pauses.lock:
        if _Pauses.depth == 0:
            _Pauses.was_enabled = gc.isenabled()
            gc.disable()
        _Pauses.depth += 1
    try:
        yield
    finally:
        with _Pauses.lock:
            _Pauses.depth -= 1
            if _Pauses.depth == 0 and _Pauses.was_enabled:
                gc.enable()
