"""Analysis results kept in memory per account, dropped by any write to that account.

Two bounded LRUs share one invalidation scheme:

- response bodies, keyed by account, analysis, its parameters and the date
  read (``as_of``, or today's date when reading the present: results such as
  stale contacts depend on the day);
- account graphs (the records of one account as the analyses read them),
  keyed by account, opportunity and date, so the analyses of one account
  share one read of the store.

Every key carries the account's write version, read from the store (one
indexed lookup, ``GraphStore.write_version``) before the data it stands for:
any write to the account, or to the shared staff and competitors, raises it in
the same unit of work, whichever process made it (another server process, the
CLI's ``import``, a direct API write), so the next read asks for a new key and
recomputes. Seeing a newer version drops the account's older entries. A
result computed while a write lands is kept under the version read before
computing, so it can never be served after that write.

Writes through this process also drop the account's entries at once (a
generation per account, and a global one for shared records and ``clear``),
so memory goes to current results. A write of one record of one account
through this process patches the account's present-day graphs instead of
dropping them (``patch``, issue 17 item 2): the records each graph was built
from are kept beside it, the write is applied to them and to a copy of the
graph, and the copy is kept under the new write version, so the next analysis
skips the read and the build. Only a graph at exactly the version before the
write is patched: if the store's version moved by more, another process wrote
too, and the graph is dropped as before. The ETag of a body is a hash of the account,
its write version and the bytes: every process serving the same store gives
the same tag, a write to an account changes the tags of its analyses and a
write to another account does not.

Concurrent requests for the same uncached result share one computation
(``single_flight``), and concurrent builds of the same graph share one build,
so a burst of cache misses costs one computation per distinct result.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Collection, Hashable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, cast

__all__ = ["AnalysisCache", "CacheKey", "CachedBody"]

CacheKey = tuple[Hashable, ...]

#: How long a write waits for a graph of the version before it that is being built, to
#: patch it (seconds; a build of a 500-person account takes tens of milliseconds).
PATCH_WAIT = 2.0


@dataclass(frozen=True)
class CachedBody:
    body: bytes
    etag: str


def _version(key: CacheKey) -> int:
    """The account's write version a key was made at (see ``AnalysisCache.key``)."""
    return cast(int, key[3])


def _tagged(key: CacheKey, body: bytes) -> CachedBody:
    """``body`` with its ETag at ``key``'s account and write version: alike in every process."""
    stamp = repr((key[0], key[3])).encode()
    return CachedBody(body, '"' + hashlib.sha256(stamp + b"\0" + body).hexdigest()[:32] + '"')


class AnalysisCache:
    """Bodies and graphs with per-account invalidation; thread-safe."""

    def __init__(self, max_entries: int = 1024, max_graphs: int = 8) -> None:
        self.max_entries = max_entries
        self.max_graphs = max_graphs
        self._entries: OrderedDict[CacheKey, CachedBody] = OrderedDict()
        self._graphs: OrderedDict[CacheKey, Any] = OrderedDict()
        self._sources: dict[CacheKey, Any] = {}  # the records a graph was built from
        self._building: dict[CacheKey, Future[Any]] = {}
        self._inflight: dict[CacheKey, asyncio.Task[CachedBody]] = {}
        # This process's record write under way per account: (the account's write version
        # before it, set once its patch is done). See ``writing``.
        self._writing: dict[str, tuple[int, threading.Event]] = {}
        self._generations: dict[str, int] = {}
        self._global = 0
        self._seen: dict[str, int] = {}  # the newest write version seen per account
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0
        self.stored = 0
        self.graphs_built = 0
        self.graphs_patched = 0

    # -- keys and generations ----------------------------------------------------------

    def key(self, account_id: str, *parts: Hashable, version: int = 0) -> CacheKey:
        """The key of one result at the account's store write ``version`` (read before
        the data), stamped with this process's generations current now.

        A version newer than any seen for the account drops its older entries.
        """
        with self._lock:
            if version > self._seen.get(account_id, 0):
                self._seen[account_id] = version
                for old in [
                    k for k in self._entries if k[0] == account_id and _version(k) < version
                ]:
                    del self._entries[old]
                # A graph one version behind stays (never served: its key is old) until this
                # process's write that moved the version patches it (``patch``).
                for old in [
                    k for k in self._graphs if k[0] == account_id and _version(k) < version - 1
                ]:
                    del self._graphs[old]
                    self._sources.pop(old, None)
            gens = (self._global, self._generations.get(account_id, 0))
            return (account_id, *gens, version, *parts)

    def _patch_base(self, key: CacheKey) -> bool:
        """Whether a graph under ``key`` may be kept: current, or one version behind the
        newest seen (the base that the write which moved the version patches)."""
        account_id = cast(str, key[0])
        gens = (self._global, self._generations.get(account_id, 0))
        return key[1:3] == gens and _version(key) >= self._seen.get(account_id, 0) - 1

    def _current(self, key: CacheKey) -> bool:
        account_id = key[0]
        return key[1:4] == (
            self._global,
            self._generations.get(account_id, 0),  # type: ignore[call-overload]
            self._seen.get(account_id, 0),  # type: ignore[call-overload]
        )

    def invalidate(self, accounts: Collection[str] | None) -> None:
        """Drop the results and graphs of these accounts (None: of every account)."""
        with self._lock:
            self._drop(accounts)

    def _drop(self, accounts: Collection[str] | None) -> None:
        if accounts is None:
            self._global += 1
            self._entries.clear()
            self._graphs.clear()
            self._sources.clear()
            return
        targets = set(accounts)
        for account_id in targets:
            self._generations[account_id] = self._generations.get(account_id, 0) + 1
        for store in (self._entries, self._graphs):
            for key in [k for k in store if k[0] in targets]:
                del store[key]
                self._sources.pop(key, None)

    def _drop_before(self, account_id: str, version: int) -> None:
        """Drop the account's results and graphs of versions before ``version`` (a patch).

        The generation stays: results and graphs at ``version`` itself (computed by
        readers who saw the new version before the patch ended, from the store or from
        the patched graph) are current, and a key made at ``version`` meanwhile stays
        good for ``put``. Older keys are no longer current: the newest version seen moves
        to ``version``."""
        for store in (self._entries, self._graphs):
            for key in [k for k in store if k[0] == account_id and _version(k) < version]:
                del store[key]
                self._sources.pop(key, None)

    def clear(self) -> None:
        self.invalidate(None)

    def __len__(self) -> int:
        return len(self._entries)

    # -- response bodies ----------------------------------------------------------------

    def get(self, key: CacheKey) -> CachedBody | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry

    def put(self, key: CacheKey, body: bytes) -> CachedBody:
        """Keep ``body`` under ``key`` (if its generations are still current) and tag it."""
        entry = _tagged(key, body)
        with self._lock:
            self.stored += 1
            if self.max_entries and self._current(key):
                self._entries[key] = entry
                self._entries.move_to_end(key)
                while len(self._entries) > self.max_entries:
                    self._entries.popitem(last=False)
        return entry

    def catch_up(self, key: CacheKey) -> CacheKey:
        """``key`` at the account's newest write version this process has seen, if that
        moved since the key was made by a patch alone (the generations are the same).

        A request reads the version before it waits for a thread; meanwhile a write of
        this process may have patched the account's graph to a newer version and dropped
        the older one. Computing at the newer version uses the patched graph (and the
        ranking it kept), and the result is kept, where the older key would build the
        graph again from the store for a result no later request can use. A newer
        answer is one the request could have had had it come a moment later."""
        with self._lock:
            account_id = cast(str, key[0])
            seen = self._seen.get(account_id, 0)
            gens = (self._global, self._generations.get(account_id, 0))
            if _version(key) < seen and key[1:3] == gens:
                return (account_id, *gens, seen, *key[4:])
            return key

    async def single_flight(
        self, key: CacheKey, compute: Callable[[], Awaitable[bytes | tuple[CacheKey, bytes]]]
    ) -> tuple[CachedBody, bool]:
        """The body for ``key``, computed once however many requests ask for it at a time;
        and whether this call started the computation (False: it joined one under way).

        ``compute`` answers the body, or (the key it was computed at, the body) when it
        caught up with a newer version (``catch_up``): the body is kept under that key.
        A key that is behind the newest version seen joins the computation at that
        version. Runs on the event loop; the computation continues (and is kept) even if
        the request that started it goes away.
        """
        key = self.catch_up(key)
        task = self._inflight.get(key)
        started = task is None
        if task is None:

            async def run() -> CachedBody:
                try:
                    found = await compute()
                    at, body = found if isinstance(found, tuple) else (key, found)
                    return self.put(at, body)
                finally:
                    self._inflight.pop(key, None)

            task = asyncio.ensure_future(run())
            task.add_done_callback(lambda t: t.cancelled() or t.exception())
            self._inflight[key] = task
        return await asyncio.shield(task), started

    # -- account graphs -------------------------------------------------------------------

    def graph(self, key: CacheKey, build: Callable[[], Any]) -> Any:
        """The graph under ``key``, built once (by one thread) when missing. Never mutate it."""
        return self.graph_from(key, lambda: (build(), None))

    def graph_from(self, key: CacheKey, build: Callable[[], tuple[Any, Any]]) -> Any:
        """``graph``, where ``build`` answers (graph, the records it was built from): the
        records are kept beside the graph so that ``patch`` can apply a write to both.

        A graph newer than the version before this process's write under way (see
        ``writing``) is awaited first: the write's patch puts it in place, so readers
        who see the new version between the commit and the patch do not build it again
        from the store."""
        self._await_patch(key)
        with self._lock:
            if key in self._graphs:
                self._graphs.move_to_end(key)
                return self._graphs[key]
            pending = self._building.get(key)
            if pending is None:
                pending = self._building[key] = Future()
                owner = True
            else:
                owner = False
        if not owner:
            return pending.result()
        try:
            graph, source = build()
        except BaseException as exc:
            pending.set_exception(exc)
            with self._lock:
                del self._building[key]
            raise
        with self._lock:
            del self._building[key]
            self.graphs_built += 1
            if self.max_graphs and self._patch_base(key):
                self._keep_graph(key, graph, source)
        pending.set_result(graph)
        return graph

    @contextlib.contextmanager
    def writing(self, account_id: str, before: int) -> Iterator[None]:
        """Mark a record write of this process to ``account_id`` under way, from before its
        commit to the end of its ``patch``: ``before`` is the account's write version read
        before the write. A graph of a later version is then awaited (``graph_from``, at
        most PATCH_WAIT) instead of built; a graph at ``before`` or older is built as
        usual, since the patch itself may be waiting for it."""
        done = threading.Event()
        with self._lock:
            self._writing[account_id] = (before, done)
        try:
            yield
        finally:
            with self._lock:
                if self._writing.get(account_id, (0, None))[1] is done:
                    del self._writing[account_id]
            done.set()

    def _await_patch(self, key: CacheKey) -> None:
        with self._lock:
            if key in self._graphs:
                return
            write = self._writing.get(cast(str, key[0]))
        if write is not None and _version(key) > write[0]:
            write[1].wait(PATCH_WAIT)

    def _keep_graph(self, key: CacheKey, graph: Any, source: Any) -> None:
        self._graphs[key] = graph
        self._graphs.move_to_end(key)
        if source is not None:
            self._sources[key] = source
        while len(self._graphs) > self.max_graphs:
            old, _ = self._graphs.popitem(last=False)
            self._sources.pop(old, None)

    def patch(
        self,
        account_id: str,
        version: int,
        apply: Callable[[CacheKey, Any, Any], tuple[Any, Any] | None],
        *,
        keep: Collection[str] = (),
    ) -> bool:
        """Apply this process's write to the account's cached graphs instead of dropping them.

        ``version``: the account's write version read just after the write. Each
        current graph of the account at ``version - 1`` that kept its records is
        given to ``apply(key, graph, records)``, which answers the patched (graph,
        records), new objects, or None (not patchable: dropped). Every result and
        graph of the account older than ``version`` is dropped (``_drop_before``), and
        the patched graphs are kept under ``version``, with the results at ``version - 1``
        of the analyses named in ``keep`` (those the write cannot change), tagged anew.
        Runs under the cache's lock,
        so writes patch one after another. Answers True (the write is accounted for).
        A graph of ``version - 1`` being built is awaited (at most PATCH_WAIT) and
        patched, except on the event loop (a leaf write, ``api.crud``), where waiting
        would hold up every request: that graph is then left to be dropped as older.
        """
        with self._lock:  # a graph of the version before, being built: patched once built
            building = [
                f for k, f in self._building.items() if k[0] == account_id and k[3] == version - 1
            ]
        if building and _on_event_loop():
            building = []
        for pending in building:
            with contextlib.suppress(Exception):  # a failed or slow build: nothing to patch
                pending.result(timeout=PATCH_WAIT)
        with self._lock:
            found = [
                (k, g, self._sources.get(k))
                for k, g in self._graphs.items()
                if k[0] == account_id and k[3] == version - 1 and self._patch_base(k)
            ]
            patched = []
            for k, g, source in found:
                try:
                    done = None if source is None else apply(k, g, source)
                except Exception:  # a patch that fails costs a rebuild, never the write
                    done = None
                if done is not None:
                    patched.append((k[4:], done))
            kept = [
                (k[4:], e.body)
                for k, e in self._entries.items()
                if k[0] == account_id and k[3] == version - 1 and k[4] in keep and self._current(k)
            ]
            self._drop_before(account_id, version)
            self._seen[account_id] = max(self._seen.get(account_id, 0), version)
            gens = (self._global, self._generations.get(account_id, 0))
            for parts, body in kept:
                key = (account_id, *gens, version, *parts)
                if self._seen[account_id] == version and key not in self._entries:
                    self._entries[key] = _tagged(key, body)
            for parts, (graph, source) in patched:
                if self.max_graphs:
                    self._keep_graph((account_id, *gens, version, *parts), graph, source)
            self.graphs_patched += len(patched)
        return True


def _on_event_loop() -> bool:
    """Whether this thread is running an event loop (an ``async`` endpoint's code)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True
