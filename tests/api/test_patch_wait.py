"""Readers who see a write's new version before its patch ends wait for the patched graph
(issue 17, the mixed phase): they do not build it again from the store, and what they
compute at the new version is kept."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

from api.cache import AnalysisCache, CachedBody, CacheKey


def _patched(key: CacheKey, graph: Any, rows: Any) -> tuple[Any, Any]:
    return f"{graph} patched", rows


def test_a_reader_of_the_new_version_waits_for_the_patch() -> None:
    cache = AnalysisCache()
    cache.graph_from(cache.key("acme", "graph", version=4), lambda: ("graph at 4", "rows"))
    got: list[Any] = []
    with cache.writing("acme", before=4):
        # The write has committed: a reader reads version 5 and asks for its graph.
        new = cache.key("acme", "graph", version=5)
        result = cache.key("acme", "coverage", version=5)
        reader = threading.Thread(
            target=lambda: got.append(cache.graph_from(new, lambda: ("built at 5", None)))
        )
        reader.start()
        reader.join(0.2)
        assert reader.is_alive() and got == []  # waiting, not building
        # A reader still at the version before builds at once (the patch may await it).
        assert cache.graph_from(cache.key("acme", "graph", "x", version=4), lambda: ("x", None))
        assert cache.patch("acme", 5, _patched)
    reader.join(5)
    assert got == ["graph at 4 patched"]
    assert cache.graphs_built == 2 and cache.graphs_patched == 1  # the 4s only
    cache.put(result, b"coverage at 5")  # keyed before the patch ended, computed after it
    found = cache.get(result)
    assert found is not None and found.body == b"coverage at 5"


def test_a_write_that_fails_releases_the_readers() -> None:
    cache = AnalysisCache()
    try:
        with cache.writing("acme", before=4):
            raise RuntimeError("the write was refused")
    except RuntimeError:
        pass
    built = cache.graph_from(cache.key("acme", "graph", version=5), lambda: ("built", None))
    assert built == "built" and cache.graphs_built == 1


def test_a_request_behind_a_patch_computes_at_the_patched_version() -> None:
    cache = AnalysisCache()
    late = cache.key("acme", "coverage", version=4)  # read before the write...
    cache.graph_from(cache.key("acme", "graph", version=4), lambda: ("graph at 4", "rows"))
    cache.patch("acme", 5, _patched)  # ...which this process patched meanwhile
    caught = cache.catch_up(late)
    assert caught == cache.key("acme", "coverage", version=5)
    ran_at: list[CacheKey] = []

    async def compute() -> tuple[CacheKey, bytes]:
        ran_at.append(cache.catch_up(late))
        return ran_at[-1], b"coverage at 5"

    answers: list[tuple[CachedBody, bool]] = []
    # On a thread of its own: another test's event loop may be running on this one.
    flight = threading.Thread(
        target=lambda: answers.append(asyncio.run(cache.single_flight(late, compute)))
    )
    flight.start()
    flight.join(10)
    entry, started = answers[0]
    assert started and ran_at == [caught] and entry.body == b"coverage at 5"
    assert cache.get(caught) == entry  # kept for the requests that read version 5
    cache.invalidate(["acme"])  # a drop (not a patch): no catching up across it
    assert cache.catch_up(caught) == caught


def test_overlapping_marks_end_in_any_order() -> None:
    # Marks of one account overlap when another thread's write starts before this one's
    # patch ends; whichever ends last, neither may fail (a missing mark is not an error).
    cache = AnalysisCache()
    first = cache.writing("acme", before=4)
    second = cache.writing("acme", before=5)
    first.__enter__()
    second.__enter__()
    second.__exit__(None, None, None)  # removes the account's mark (its own)
    first.__exit__(None, None, None)  # its mark was replaced and is gone: nothing to remove
    built = cache.graph_from(cache.key("acme", "graph", version=6), lambda: ("built", None))
    assert built == "built" and cache.graphs_built == 1  # no write under way: built at once


def _building_at_4(cache: AnalysisCache) -> tuple[threading.Thread, threading.Event]:
    """A thread building the graph of version 4, held until the event is set."""
    release = threading.Event()

    def build() -> tuple[Any, Any]:
        release.wait(10)
        return "graph at 4", "rows"

    builder = threading.Thread(
        target=lambda: cache.graph_from(cache.key("acme", "graph", version=4), build)
    )
    builder.start()
    while not cache._building:  # the build has begun
        time.sleep(0.005)
    return builder, release


def test_a_patch_off_the_loop_awaits_the_graph_being_built() -> None:
    cache = AnalysisCache()
    builder, release = _building_at_4(cache)
    threading.Timer(0.2, release.set).start()
    # In a thread of its own, as a pool thread: an earlier test may have left an event
    # loop marked running on this one.
    patcher = threading.Thread(target=lambda: cache.patch("acme", 5, _patched))
    patcher.start()
    patcher.join(5)  # it waited for the build, then patched it
    builder.join(5)
    assert cache.graphs_patched == 1


def test_a_patch_on_the_event_loop_does_not_wait_for_a_build() -> None:
    cache = AnalysisCache()
    builder, release = _building_at_4(cache)

    async def leaf_write() -> bool:  # as api.crud runs a leaf write: on the loop
        return cache.patch("acme", 5, _patched)

    answered: list[bool] = []
    # On a thread of its own: another test's event loop may be running on this one.
    writer = threading.Thread(target=lambda: answered.append(asyncio.run(leaf_write())))
    writer.start()
    writer.join(1.0)  # PATCH_WAIT is 2 s: an awaited build would still hold it here
    assert answered == [True] and cache.graphs_patched == 0
    release.set()
    builder.join(5)
    graph = cache.graph_from(cache.key("acme", "graph", version=5), lambda: ("built at 5", None))
    assert graph == "built at 5"  # the next reader builds at the written version
