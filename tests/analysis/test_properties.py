"""Properties of coverage, health, what-if and warm paths on random small accounts."""

from __future__ import annotations

import dataclasses
import itertools
import math
import random
from datetime import date, timedelta

import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphcrm.analysis.coverage import CoverageReport, coverage
from graphcrm.analysis.importance import importance
from graphcrm.analysis.key_people import key_people
from graphcrm.analysis.paths import path_arcs, warm_paths
from graphcrm.analysis.what_if import AddContact, SetLevel, what_if

TODAY = date(2026, 6, 1)
LEVEL = st.integers(-1, 3)
STRENGTH = st.floats(min_value=0.05, max_value=1.0, allow_nan=False)

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def accounts(draw: st.DrawFn) -> nx.MultiDiGraph:
    """An account graph as graphcrm.graph documents it: 1-8 people, 1-3 staff, random ties,
    contacts, levels, competitor leanings, layers and departments."""
    n = draw(st.integers(1, 8))
    m = draw(st.integers(1, 3))
    people = [f"p{i}" for i in range(n)]
    staff = [f"s{j}" for j in range(m)]
    tier = draw(st.sampled_from([None, "strategic", "value", "potential", "ordinary"]))
    g = nx.MultiDiGraph(
        account={"id": "acc", "name": "Acc", "tier": tier},
        as_of=TODAY,
        competitors={"r": "Rival"},
        decision_chain=None,
        opportunity=None,
    )
    for p in people:
        rival = draw(st.one_of(st.none(), LEVEL))
        g.add_node(
            p,
            kind="person",
            name=p.upper(),
            title=None,
            layer=draw(st.sampled_from([None, "decision", "management", "execution"])),
            department=draw(st.sampled_from([None, "A", "B"])),
            roles=tuple(draw(st.sets(st.sampled_from(["decision_maker", "approver", "user"])))),
            level=draw(LEVEL),
            competitor_levels={} if rival is None else {"r": rival},
            plan=None,
            in_chain=True,
        )
    for s in staff:
        g.add_node(
            s, kind="staff", name=s.upper(), seniority=draw(st.sampled_from([None, 1, 3, 5]))
        )
    if n > 1:
        pairs = st.tuples(st.sampled_from(people), st.sampled_from(people)).filter(
            lambda t: t[0] != t[1]
        )
        kinds = st.sampled_from(["knows", "reports_to", "depends_on", "influences"])
        for kind, (u, v), s, directed in draw(
            st.lists(st.tuples(kinds, pairs, STRENGTH, st.booleans()), max_size=14)
        ):
            attrs = {"type": kind, "strength": s, "since": None}
            if kind == "knows":
                attrs["directed"] = directed
            g.add_edge(u, v, key=kind, **attrs)
    for s, p, strength, age in draw(
        st.lists(
            st.tuples(
                st.sampled_from(staff),
                st.sampled_from(people),
                STRENGTH,
                st.one_of(st.none(), st.integers(0, 400)),
            ),
            max_size=10,
            unique_by=lambda t: (t[0], t[1]),
        )
    ):
        last = None if age is None else (TODAY - timedelta(days=age)).isoformat()
        g.add_edge(s, p, key="contact", type="contact", strength=strength, last_contact=last)
    return g


def people_of(g: nx.MultiDiGraph) -> list[str]:
    return sorted(n for n, d in g.nodes(data=True) if d["kind"] == "person")


def staff_of(g: nx.MultiDiGraph) -> list[str]:
    return sorted(n for n, d in g.nodes(data=True) if d["kind"] == "staff")


@SETTINGS
@given(accounts())
def test_coverage_quality_and_health_stay_in_range(g: nx.MultiDiGraph) -> None:
    r = coverage(g)
    for p in r.people:
        assert 0.0 <= p.coverage <= 1.0
        assert 0.0 <= p.quality <= 1.0
    assert 0.0 <= r.health <= 100.0
    assert all(gap.weight >= 0 for gap in r.gaps)
    assert [gap.weight for gap in r.gaps] == sorted((gap.weight for gap in r.gaps), reverse=True)


@SETTINGS
@given(accounts(), st.data())
def test_adding_a_contact_never_lowers_health(g: nx.MultiDiGraph, data: st.DataObject) -> None:
    free = [(s, p) for s in staff_of(g) for p in people_of(g) if not g.has_edge(s, p)]
    if not free:
        return
    s, p = data.draw(st.sampled_from(free))
    strength = data.draw(STRENGTH)
    r = what_if(g, [AddContact(s, p, strength)])
    assert r.health_after >= r.health_before - 1e-9


@SETTINGS
@given(accounts(), st.data())
def test_raising_a_level_never_lowers_health(g: nx.MultiDiGraph, data: st.DataObject) -> None:
    p = data.draw(st.sampled_from(people_of(g)))
    level = g.nodes[p]["level"]
    higher = data.draw(st.integers(level, 3))
    r = what_if(g, [SetLevel(p, higher)])
    assert r.health_after >= r.health_before - 1e-9


@SETTINGS
@given(accounts(), st.data())
def test_warm_paths_relay_only_through_people_at_the_minimum_level(
    g: nx.MultiDiGraph, data: st.DataObject
) -> None:
    target = data.draw(st.sampled_from(people_of(g)))
    min_level = data.draw(LEVEL)
    k = data.draw(st.integers(1, 4))
    paths = warm_paths(g, target, k=k, min_level=min_level)
    arcs = path_arcs(g, min_level=min_level)
    assert len(paths) <= k
    assert [p.strength for p in paths] == sorted((p.strength for p in paths), reverse=True)
    assert len({(p.staff_id, p.people) for p in paths}) == len(paths)
    for path in paths:
        assert g.nodes[path.staff_id]["kind"] == "staff"
        assert path.people[-1] == target and path.hops == len(path.people)
        assert len(set(path.people)) == len(path.people)  # simple
        for relay in path.relays:
            assert g.nodes[relay]["kind"] == "person"
            assert g.nodes[relay]["level"] >= min_level
        nodes = (path.staff_id, *path.people)
        product = math.prod(arcs[u][v]["strength"] for u, v in itertools.pairwise(nodes))
        assert path.strength == product and 0 < path.strength <= 1


@SETTINGS
@given(accounts(), st.randoms(use_true_random=False))
def test_relabelling_people_changes_no_coverage_or_health(
    g: nx.MultiDiGraph, rnd: random.Random
) -> None:
    people, staff = people_of(g), staff_of(g)
    shuffled = people[:]
    rnd.shuffle(shuffled)
    mapping = {p: f"x{q}" for p, q in zip(people, shuffled, strict=True)}
    mapping |= {s: f"y{s}" for s in staff}
    h = nx.relabel_nodes(g, mapping, copy=True)

    ranks = importance(g)
    keys = key_people(g, ranks)
    moved = [dataclasses.replace(p, person_id=mapping[p.person_id]) for p in ranks]
    r1 = coverage(g, ranking=ranks, key=keys)
    r2 = coverage(h, ranking=moved, key=[mapping[k.person_id] for k in keys])
    assert math.isclose(r1.health, r2.health, rel_tol=1e-12, abs_tol=1e-12)
    for p in r1.people:
        q = r2.person(mapping[p.person_id])
        assert (q.coverage, q.quality, q.level, q.key) == (p.coverage, p.quality, p.level, p.key)
        assert q.contacts == {mapping[s]: v for s, v in p.contacts.items()}

    def identities(report: CoverageReport, rename: dict[str, str]) -> set[tuple]:
        return {
            (
                gap.code,
                rename.get(gap.person_id or "", gap.person_id),
                gap.group,
                round(gap.weight, 9),
            )
            for gap in report.gaps
        }

    assert identities(r1, mapping) == identities(r2, {})
