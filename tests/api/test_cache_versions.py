"""The analysis cache keyed by the store's write version: what it keeps and drops."""

from __future__ import annotations

from api.cache import AnalysisCache


def test_a_newer_version_drops_the_accounts_older_entries() -> None:
    cache = AnalysisCache()
    old = cache.key("acme", "coverage", version=4)
    other = cache.key("globex", "coverage", version=9)
    cache.put(old, b"old")
    cache.put(other, b"other")
    cache.graph(cache.key("acme", "graph", version=4), lambda: "graph at 4")
    new = cache.key("acme", "coverage", version=5)
    assert new != old and cache.get(old) is None and cache.get(new) is None
    assert len(cache) == 1 and cache.get(other) is not None  # another account keeps its own
    assert cache.graph(cache.key("acme", "graph", version=5), lambda: "graph at 5") == "graph at 5"


def test_a_result_read_at_an_older_version_is_not_kept() -> None:
    cache = AnalysisCache()
    late = cache.key("acme", "coverage", version=3)  # read before a write...
    cache.key("acme", "coverage", version=4)  # ...that another request has already seen
    entry = cache.put(late, b"computed from version 3")
    assert entry.body == b"computed from version 3"  # answered to its own request
    assert cache.get(late) is None and len(cache) == 0


def test_etags_depend_on_the_version_and_body_only() -> None:
    one, two = AnalysisCache(), AnalysisCache()
    two.invalidate(None)  # another process, with other local generations
    tag = one.put(one.key("acme", "coverage", version=7), b"body").etag
    assert two.put(two.key("acme", "coverage", version=7), b"body").etag == tag
    assert two.put(two.key("acme", "coverage", version=8), b"body").etag != tag
