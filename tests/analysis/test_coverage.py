"""Coverage, quality, health and gaps, with every number worked out by hand."""

from __future__ import annotations

import json
from datetime import date

import networkx as nx
import pytest

from graphcrm.analysis.coverage import (
    DEFAULT_CADENCE_DAYS,
    GAP_CODES,
    coverage,
    noisy_or,
    quality,
)
from graphcrm.analysis.importance import importance
from graphcrm.analysis.key_people import key_people
from graphcrm.errors import NotFoundError
from graphcrm.graph import build_account_graph
from tests.analysis.helpers import ranking
from tests.sample import small_account


def account(tier: str | None = "value", as_of: date | None = None) -> nx.MultiDiGraph:
    return nx.MultiDiGraph(
        account={"id": "acc", "name": "Acme", "tier": tier},
        as_of=as_of,
        competitors={"rival": "Rival Corp"},
        decision_chain=None,
    )


def person(
    g: nx.MultiDiGraph,
    pid: str,
    *,
    level: int = 0,
    layer: str | None = None,
    department: str | None = None,
    title: str | None = None,
    rivals: dict[str, int] | None = None,
) -> None:
    g.add_node(
        pid,
        kind="person",
        name=pid.upper(),
        title=title,
        layer=layer,
        department=department,
        roles=(),
        level=level,
        competitor_levels=rivals or {},
        plan=None,
        in_chain=True,
    )


def staff(g: nx.MultiDiGraph, sid: str, seniority: int | None = 3) -> None:
    g.add_node(sid, kind="staff", name=sid.upper(), seniority=seniority)


def contact(
    g: nx.MultiDiGraph, sid: str, pid: str, strength: float, last: str | None = None
) -> None:
    g.add_edge(sid, pid, key="contact", type="contact", strength=strength, last_contact=last)


def star() -> nx.MultiDiGraph:
    """Hub h (decision, Exec, level 2) with a (management, IT, 1), b (execution, IT, 0,
    held by the rival at 3) and c (execution, Ops, -1). s1 (seniority 5) and s2 (2) cover h
    at 0.5 each, s3 covers a at 0.2, s2 covers c at 1.0; nobody covers b."""
    g = account(tier="value")
    for sid, sen in (("s1", 5), ("s2", 2), ("s3", 3)):
        staff(g, sid, sen)
    person(g, "h", level=2, layer="decision", department="Exec", title="CEO")
    person(g, "a", level=1, layer="management", department="IT")
    person(g, "b", level=0, layer="execution", department="IT", rivals={"rival": 3})
    person(g, "c", level=-1, layer="execution", department="Ops")
    for leaf in "abc":
        g.add_edge("h", leaf, key="knows", type="knows", strength=1.0, directed=False)
    contact(g, "s1", "h", 0.5, "2026-01-10")
    contact(g, "s2", "h", 0.5, "2026-02-20")
    contact(g, "s3", "a", 0.2, "2025-11-01")
    contact(g, "s2", "c", 1.0, "2026-02-01")
    return g


STAR_RANKING = ranking(h=0.9, a=0.6, b=0.3, c=0.0)


def test_noisy_or_and_quality() -> None:
    assert noisy_or([]) == 0.0
    assert noisy_or([1.0]) == 1.0
    assert noisy_or([0.5, 0.5]) == pytest.approx(0.75)
    assert noisy_or([0.8, 0.5, 0.5]) == pytest.approx(1 - 0.2 * 0.5 * 0.5)
    assert [quality(level, 0.8) for level in (-1, 0, 1, 2, 3)] == pytest.approx(
        [0.0, 0.2, 0.4, 0.6, 0.8]
    )


def test_star_per_person() -> None:
    r = coverage(star(), ranking=STAR_RANKING, key=["h", "a", "b"], today="2026-03-01")
    h, a, b, c = (r.person(p) for p in "habc")
    assert (h.coverage, h.quality) == (pytest.approx(0.75), pytest.approx(0.75 * 0.75))
    assert h.contacts == {"s1": 0.5, "s2": 0.5} and h.last_contact == "2026-02-20"
    assert (a.coverage, a.quality) == (pytest.approx(0.2), pytest.approx(0.5 * 0.2))
    assert (b.coverage, b.quality, b.contacts) == (0.0, 0.0, {})
    assert (c.coverage, c.quality) == (1.0, 0.0)  # fully covered, but opposed
    assert [p.key for p in (h, a, b, c)] == [True, True, True, False]
    assert [p.weight for p in (h, a, b, c)] == [0.9, 0.6, 0.3, 0.0]


def test_star_health_is_the_importance_weighted_mean_over_key_people() -> None:
    r = coverage(star(), ranking=STAR_RANKING, key=["h", "a", "b"], today="2026-03-01")
    # (0.9 * 0.5625 + 0.6 * 0.1 + 0.3 * 0) / (0.9 + 0.6 + 0.3) = 0.3145833...
    assert r.health == pytest.approx(100 * (0.9 * 0.5625 + 0.6 * 0.1) / 1.8)
    assert r.weighting == "composite"
    assert r.key_people == ("h", "a", "b")


def test_star_gaps_in_weight_order() -> None:
    r = coverage(star(), ranking=STAR_RANKING, key=["h", "a", "b"], today="2026-03-01")
    got = [(g.code, g.person_id, g.group, round(g.weight, 12)) for g in r.gaps]
    assert got == [
        ("no_coach", None, None, 0.9),  # the most important key person
        ("stale", "a", None, 0.6),  # 120 days >= 2 x 60 (value tier): severity 1
        ("uncovered", "b", None, 0.3),  # equal weights: in code order
        ("competitor_held", "b", None, 0.3),  # the rival's coach: severity 1
        ("single_threaded", "a", None, 0.3),  # 0.6 x 0.5
        ("layer_without_supporter", None, "execution", 0.3),  # b 0.3, c 0.0
        ("weak", "a", None, 0.2),  # 0.6 x (0.3 - 0.2) / 0.3
        ("unfavourable", "b", None, 0.15),  # neutral: 0.3 x 0.5
    ]
    stale = r.gaps[1]
    assert stale.details["days_since"] == 120 and stale.details["cadence_days"] == 60
    assert stale.explanation["en"] == (
        "A: last contact 120 days ago, longer than the 60-day cadence of a value account."
    )
    assert stale.explanation["zh"] == "A：最近一次接触在120天前，超过价值客户60天的接触周期。"
    uncovered = r.gaps[2]
    assert uncovered.explanation == {
        "en": "B is a key person and nobody on our team is in contact with them.",
        "zh": "B是关键人，我方无人与其接触。",
    }
    held = r.gaps[3]
    assert held.explanation == {
        "en": "B leans to Rival Corp: their coach (level 3).",
        "zh": "B倾向竞争对手Rival Corp（对其为教练，3级）。",
    }
    assert r.gaps[4].explanation == {
        "en": "A is covered by S3 alone: the relationship hangs on one person.",
        "zh": "A仅由S3一人覆盖，属单线联系。",
    }
    assert r.gaps[7].explanation == {
        "en": "B is neutral toward us (level 0).",
        "zh": "B对我方态度为中立（0级）。",
    }
    assert r.gaps[6].explanation["en"] == "A: our contact is weak (coverage 0.20, below 0.30)."
    assert held.details["competitor_id"] == "rival"
    assert r.gaps[0].explanation["en"].startswith("Nobody at Acme is a coach")
    assert "执行层" in r.gaps[5].explanation["zh"]


def test_person_gaps_for_key_people_only() -> None:
    r = coverage(star(), ranking=STAR_RANKING, key=["h"], today="2026-03-01")
    people_with_gaps = {g.person_id for g in r.gaps if g.person_id}
    assert people_with_gaps == set()  # h is well covered, by a peer, twice, recently
    r = coverage(star(), ranking=STAR_RANKING, key=["h", "c"], today="2026-03-01")
    assert [(g.code, g.person_id) for g in r.gaps if g.person_id] == [
        ("unfavourable", "c"),  # both weigh 0 (c has no importance): in code order
        ("single_threaded", "c"),
    ]


def test_peer_mismatch_needs_a_senior_on_a_decision_layer_person() -> None:
    g = account()
    staff(g, "jr", 2)
    staff(g, "mid", 3)
    staff(g, "unknown", None)
    staff(g, "vp", 5)
    person(g, "ceo", level=1, layer="decision", title="CEO")
    person(g, "cfo", level=1, layer="decision")
    person(g, "dir", level=1, layer="management")
    contact(g, "jr", "ceo", 0.6)
    contact(g, "mid", "ceo", 0.6)
    contact(g, "unknown", "cfo", 0.6)
    contact(g, "jr", "dir", 0.6)  # management: no peer needed
    ranks = ranking(ceo=0.9, cfo=0.6, dir=0.3)
    r = coverage(g, ranking=ranks, key=["ceo", "cfo", "dir"])
    mismatch = {g.person_id: g for g in r.gaps_of("peer_mismatch")}
    assert set(mismatch) == {"ceo", "cfo"}
    assert mismatch["ceo"].weight == pytest.approx(0.9 * (4 - 3) / 3)  # best seniority 3
    assert mismatch["cfo"].weight == pytest.approx(0.6 * 1.0)  # unknown counts as junior
    assert "peer-level visit" in mismatch["ceo"].explanation["en"]
    assert "对等拜访" in mismatch["ceo"].explanation["zh"]
    r = coverage(g, ranking=ranks, key=["ceo", "cfo", "dir"], junior_below=3)
    assert {g.person_id for g in r.gaps_of("peer_mismatch")} == {"cfo"}
    contact(g, "vp", "cfo", 0.1)
    r = coverage(g, ranking=ranks, key=["ceo", "cfo", "dir"], junior_below=3)
    assert r.gaps_of("peer_mismatch") == []


def one_contact(last: str | None, tier: str | None = "strategic") -> nx.MultiDiGraph:
    g = account(tier=tier, as_of=date(2026, 3, 31))
    staff(g, "s")
    person(g, "p", level=3)
    contact(g, "s", "p", 1.0, last)
    return g


@pytest.mark.parametrize(
    ("last", "stale_weight"),
    [
        ("2026-03-01", None),  # 30 days: within a strategic account's 30
        ("2026-02-28", 31 / 60),  # 31 days: just overdue
        ("2026-01-30", 1.0),  # 60 days: twice the cadence
        ("2025-01-01", 1.0),  # long ago: capped at 1
        (None, None),  # an undated contact is not judged stale
    ],
)
def test_stale_by_the_cadence_of_the_tier(last: str | None, stale_weight: float | None) -> None:
    r = coverage(one_contact(last), ranking=ranking(p=1.0), key=["p"])  # today = as_of
    assert r.today == date(2026, 3, 31) and r.cadence_days == 30
    stale = r.gaps_of("stale")
    if stale_weight is None:
        assert stale == []
    else:
        assert [g.weight for g in stale] == [pytest.approx(stale_weight)]


def test_cadence_defaults_and_overrides() -> None:
    assert DEFAULT_CADENCE_DAYS == {
        "strategic": 30,
        "value": 60,
        "potential": 90,
        "ordinary": 180,
        "none": 90,
    }
    args = {"ranking": ranking(p=1.0), "key": ["p"]}
    assert coverage(one_contact("2026-01-01", tier=None), **args).cadence_days == 90
    assert coverage(one_contact("2026-01-01", tier="potential"), **args).gaps_of("stale") == []
    assert coverage(one_contact("2026-01-01", tier="value"), **args).gaps_of("stale") != []
    r = coverage(one_contact("2026-01-01"), cadence_days=100, **args)
    assert r.cadence_days == 100 and r.gaps_of("stale") == []
    r = coverage(one_contact("2026-01-01"), cadence_days={"strategic": 7}, **args)
    assert r.cadence_days == 7
    r = coverage(one_contact("2026-03-30"), today="2026-06-30", **args)
    assert r.today == date(2026, 6, 30) and len(r.gaps_of("stale")) == 1
    with pytest.raises(ValueError, match="cadence_days"):
        coverage(one_contact(None), cadence_days=0, **args)


def test_the_latest_dated_contact_counts() -> None:
    g = one_contact("2025-01-01")
    staff(g, "t")
    contact(g, "t", "p", 0.5, "2026-03-20")
    r = coverage(g, ranking=ranking(p=1.0), key=["p"])
    assert r.person("p").last_contact == "2026-03-20" and r.gaps_of("stale") == []


def test_weak_only_when_covered_and_below_the_threshold() -> None:
    g = account()
    staff(g, "s")
    staff(g, "t")
    person(g, "p", level=3)
    person(g, "q", level=3)
    contact(g, "s", "p", 0.3)  # exactly the threshold: not weak
    contact(g, "s", "q", 0.1)
    contact(g, "t", "q", 0.1)  # 1 - 0.81 = 0.19
    r = coverage(g, ranking=ranking(p=1.0, q=1.0), key=["p", "q"])
    assert [(g.person_id, g.weight) for g in r.gaps_of("weak")] == [
        ("q", pytest.approx((0.3 - 0.19) / 0.3))
    ]
    r = coverage(g, ranking=ranking(p=1.0, q=1.0), key=["p", "q"], weak_below=0.5)
    assert {g.person_id for g in r.gaps_of("weak")} == {"p", "q"}


@pytest.mark.parametrize(("level", "unfavourable"), [(-1, 1.0), (0, 0.5), (1, None), (3, None)])
def test_unfavourable_weight_by_level(level: int, unfavourable: float | None) -> None:
    g = account()
    person(g, "p", level=level)
    r = coverage(g, ranking=ranking(p=0.8), key=["p"])
    got = [g.weight for g in r.gaps_of("unfavourable")]
    assert got == ([] if unfavourable is None else [pytest.approx(0.8 * unfavourable)])


@pytest.mark.parametrize(
    ("rivals", "held"), [({"r1": 1, "r2": 2}, 0.5), ({"r1": 3}, 1.0), ({}, None)]
)
def test_competitor_held_by_the_strongest_leaning(
    rivals: dict[str, int], held: float | None
) -> None:
    g = account()
    person(g, "p", level=1, rivals=rivals)
    r = coverage(g, ranking=ranking(p=1.0), key=["p"])
    got = [g.weight for g in r.gaps_of("competitor_held")]
    assert got == ([] if held is None else [pytest.approx(held)])


def test_account_gaps_by_layer_and_department() -> None:
    g = account()
    person(g, "ceo", level=3, layer="decision", department="Exec")
    person(g, "m1", level=0, layer="management", department="IT")
    person(g, "m2", level=-1, layer="management", department="Finance")
    person(g, "e1", level=1, layer="execution", department="Finance")  # a non-key supporter
    person(g, "e2", level=0, layer=None, department=None)  # no layer, no department
    ranks = ranking(ceo=1.0, m1=0.7, m2=0.4, e1=0.2, e2=0.1)
    r = coverage(g, ranking=ranks, key=["ceo", "m1", "m2"])
    assert r.gaps_of("no_coach") == []
    layer = r.gaps_of("layer_without_supporter")
    assert [(x.group, x.weight, x.details["people"]) for x in layer] == [
        ("management", 0.7, ["m1", "m2"])
    ]
    dept = r.gaps_of("department_without_supporter")
    assert [(x.group, x.weight, x.details["key_people"]) for x in dept] == [("IT", 0.7, ["m1"])]
    assert dept[0].explanation == {
        "en": "IT has key people (M1) but nobody there supports us.",
        "zh": "IT有关键人（M1），但无人支持我方。",
    }
    r = coverage(g, ranking=ranks, key=["ceo", "m1", "m2"], supporter_level=2)
    assert {x.group for x in r.gaps_of("layer_without_supporter")} == {
        "management",
        "execution",
    }
    assert {x.group for x in r.gaps_of("department_without_supporter")} == {"IT", "Finance"}


def test_health_when_every_key_composite_is_zero_is_the_plain_mean() -> None:
    g = account()
    staff(g, "s")
    person(g, "p", level=3)
    person(g, "q", level=1)
    contact(g, "s", "p", 1.0)
    contact(g, "s", "q", 0.5)
    r = coverage(g, ranking=ranking(p=0.0, q=0.0), key=["p", "q"])
    assert r.weighting == "uniform"
    assert r.health == pytest.approx(100 * (1.0 + 0.25) / 2)
    assert [p.weight for p in r.people] == [1.0, 1.0]
    assert {(x.code, x.weight) for x in r.gaps} == {("single_threaded", 0.5)}


def test_no_key_people_means_health_zero() -> None:
    g = account()
    staff(g, "s")
    person(g, "p", level=3)
    contact(g, "s", "p", 1.0)
    r = coverage(g, ranking=ranking(p=1.0), key=[])
    assert (r.health, r.weighting) == (0.0, "none")
    assert [x.code for x in r.gaps] == []  # a coach, a supported layer, no key people
    empty = coverage(account(), ranking=[], key=[])
    assert (empty.health, empty.people, empty.gaps) == (0.0, (), ())


def test_bad_arguments() -> None:
    with pytest.raises(NotFoundError, match="'ghost'"):
        coverage(star(), ranking=STAR_RANKING, key=["h", "ghost"])
    with pytest.raises(NotFoundError, match="'s1'"):
        coverage(star(), ranking=STAR_RANKING, key=["s1"])
    with pytest.raises(ValueError, match="weak_below"):
        coverage(star(), ranking=STAR_RANKING, key=["h"], weak_below=1.5)
    with pytest.raises(ValueError, match="junior_below"):
        coverage(star(), ranking=STAR_RANKING, key=["h"], junior_below=0)


def test_defaults_use_importance_and_key_people() -> None:
    """On the shared sample account: weights are A's composites, key people A's key people."""
    g = build_account_graph(small_account(), "acme", as_of=date(2026, 11, 1))
    ranks = importance(g)
    keys = [k.person_id for k in key_people(g, ranks)]
    r = coverage(g)
    assert r.key_people == tuple(keys)
    composite = {p.person_id: p.composite for p in ranks}
    want = sum(composite[p] * r.person(p).quality for p in keys) / sum(composite[p] for p in keys)
    assert r.health == pytest.approx(100 * want)
    # The CTO is our coach (level 3) at 0.8 from the account manager; the CFO supports us
    # (level 1) at 0.4 from our VP; the CEO is neutral and uncovered.
    assert r.person("cto").quality == pytest.approx(0.8)
    assert r.person("cfo").quality == pytest.approx(0.5 * 0.4)
    codes = {(x.code, x.person_id, x.group) for x in r.gaps}
    assert ("uncovered", "ceo", None) in codes
    assert ("competitor_held", "ceo", None) in codes
    assert ("layer_without_supporter", None, "decision") in codes
    assert ("no_coach", None, None) not in codes
    assert r.today == date(2026, 11, 1)
    assert all(x.code in GAP_CODES for x in r.gaps)
    assert [x.weight for x in r.gaps] == sorted((x.weight for x in r.gaps), reverse=True)
    json.dumps(r.to_dict(), ensure_ascii=False)  # JSON-ready


def test_one_opportunity_considers_its_decision_chain() -> None:
    g = build_account_graph(small_account(), "acme", opportunity_id="acme-cloud")
    r = coverage(g, today="2026-11-01")
    assert {p.person_id for p in r.people} == {"ceo", "cto", "cfo"}
    assert "execution" not in {x.group for x in r.gaps}
