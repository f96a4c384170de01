"""What the API keeps per cached graph (api/rankings.py: rankings, coverage reports,
next targets' searches) is held weakly by the graph, so a graph no longer cached is
freed with all of it. A kept value that referred to its own graph made every graph
immortal: under the bench's cold-cleared phase the server held one more 500-person
graph per uncached next-targets request, and a full collection took up to 0.36 s."""

from __future__ import annotations

import gc
import weakref

from api.analyses import shared_ranked
from api.rankings import remember_coverage, searches_for
from bench.analysis_bench import synthetic_account
from graphcrm.graph import build_account_graph
from graphcrm.method import MethodSettings
from graphcrm.method.runs import coverage_with


def test_a_graph_is_freed_with_what_was_kept_for_it() -> None:
    data = synthetic_account(40)
    graph = build_account_graph(data, data.accounts[0].id)
    s = MethodSettings()
    ranked = shared_ranked(graph, s, 1)
    remember_coverage(graph, s, coverage_with(graph, s, ranked=ranked()))
    searches = searches_for(graph, 1)
    assert searches_for(graph, 1) is searches  # kept for the graph
    freed = weakref.ref(graph)
    del graph, ranked
    gc.collect()
    assert freed() is None
