"""The decision-chain fishbone: groups, people on the bones, and a layout a renderer can draw."""

from __future__ import annotations

import json
import math

import pytest

from graphcrm.analysis.fishbone import Fishbone, fishbone
from graphcrm.analysis.importance import importance
from graphcrm.analysis.key_people import key_people
from graphcrm.graph import build_account_graph
from graphcrm.model import Attitude, Competitor, Contact, Person, Staff
from tests.analysis.test_importance import account_data, account_graph, person
from tests.sample import small_account


def people_on(f: Fishbone) -> dict[str, list[str]]:
    return {b.label["en"]: [p.person_id for p in b.people] for b in f.bones}


def test_opportunity_at_the_head_and_only_its_chain() -> None:
    g = build_account_graph(small_account(), "acme", opportunity_id="acme-cloud")
    f = fishbone(g)
    assert f.head["kind"] == "opportunity" and f.head["name"] == "Cloud migration"
    assert f.head["id"] == "acme-cloud" and f.head["account_id"] == "acme"
    # By department, the bone of the best-ranked person nearest the head.
    assert people_on(f) == {"Executive": ["ceo"], "IT": ["cto"], "Finance": ["cfo"]}
    assert [b.group for b in f.bones] == ["Executive", "IT", "Finance"]


def test_account_at_the_head_without_an_opportunity() -> None:
    f = fishbone(build_account_graph(small_account(), "acme"))
    assert f.head["kind"] == "account" and f.head["name"] == "Acme 集团"
    assert people_on(f) == {"Executive": ["ceo"], "IT": ["cto", "eng1", "eng2"], "Finance": ["cfo"]}


def test_person_details() -> None:
    data = small_account()
    data.competitors.append(Competitor(id="other", name="Other Inc"))
    data.attitudes += [
        Attitude(person_id="ceo", level=1, toward="other", as_of="2026-08-01"),
        Attitude(person_id="cto", level=-1, toward="other", as_of="2026-08-01"),
    ]
    data.contacts.append(Contact(staff_id="s-exec", person_id="cto", strength=0.9))
    g = build_account_graph(data, "acme", opportunity_id="acme-cloud")
    ranking = importance(g)
    f = fishbone(g, ranking=ranking)
    on = {p.person_id: p for b in f.bones for p in b.people}
    ceo, cto, cfo = on["ceo"], on["cto"], on["cfo"]
    assert (ceo.name, ceo.title, ceo.roles) == ("王总", "CEO", ("decision_maker",))
    assert (ceo.level, ceo.level_label) == (0, {"en": "neutral", "zh": "中立"})
    # Leaning: the highest competitor level (rival 2 beats other 1).
    assert ceo.competitor is not None
    assert (ceo.competitor.competitor_id, ceo.competitor.name, ceo.competitor.level) == (
        "rival",
        "Rival Corp",
        2,
    )
    assert cto.competitor is not None and cto.competitor.level == -1
    assert cfo.competitor is None
    assert (cto.level, cto.level_label["zh"]) == (3, "教练")
    # Covering staff, strongest first.
    assert [(s.staff_id, s.name, s.strength) for s in cto.covering_staff] == [
        ("s-exec", "Bo Wang", 0.9),
        ("s-ar", "Ann Lee", 0.8),
    ]
    assert ceo.covering_staff == ()
    ranks = {p.person_id: p for p in ranking}
    for p in on.values():
        assert (p.rank, p.composite) == (ranks[p.person_id].rank, ranks[p.person_id].composite)
        assert p.key  # three people in the chain: all key


def test_key_mark_follows_the_key_people() -> None:
    g = build_account_graph(small_account(), "acme")
    key = key_people(g, k=1)  # ceo (top 1, decision maker) and cfo (approver)
    on = {p.person_id: p.key for b in fishbone(g, key=key).bones for p in b.people}
    assert on == {"ceo": True, "cfo": True, "cto": False, "eng1": False, "eng2": False}


def test_group_by_layer() -> None:
    f = fishbone(build_account_graph(small_account(), "acme"), group_by="layer")
    assert [(b.group, b.label["en"], b.label["zh"]) for b in f.bones] == [
        ("decision", "decision layer", "决策层"),
        ("management", "management layer", "管理层"),
        ("execution", "execution layer", "执行层"),
    ]
    assert people_on(f)["management layer"] == ["cto", "cfo"]


def test_group_by_role_puts_a_person_on_their_highest_role() -> None:
    f = fishbone(build_account_graph(small_account(), "acme"), group_by="role")
    # cto is evaluator (0.6) and influencer (0.7): the influencer bone.
    assert people_on(f) == {
        "decision maker": ["ceo"],
        "approver": ["cfo"],
        "influencer": ["cto"],
        "user": ["eng2"],
        "(no role)": ["eng1"],
    }
    assert f.bones[0].label == {"en": "decision maker", "zh": "决策者"}
    assert f.bones[-1].label == {"en": "(no role)", "zh": "(无角色)"}


def test_people_without_a_department_share_one_bone() -> None:
    g = account_graph(
        [person("a", department="R&D"), person("b"), person("c")],
        [("reports_to", "b", "a"), ("reports_to", "c", "a")],
    )
    f = fishbone(g)
    assert [(b.group, b.label) for b in f.bones] == [
        ("R&D", {"en": "R&D", "zh": "R&D"}),
        (None, {"en": "(no department)", "zh": "(未填部门)"}),
    ]
    assert [p.person_id for p in f.bones[1].people] == ["b", "c"]


def test_layout_geometry() -> None:
    data = account_data(
        [person(f"p{i}", department=f"D{i % 5}") for i in range(12)],
        [("reports_to", f"p{i}", f"p{i // 2}") for i in range(1, 12)],
    )
    f = fishbone(build_account_graph(data, "acc"))
    assert len(f.bones) == 5
    spine = f.spine
    assert spine["y1"] == spine["y2"] and spine["x1"] < spine["x2"]  # along the x axis
    assert f.head["x"] == spine["x2"]  # the head at the right end of the spine
    assert f.head["y"] + f.head["height"] / 2 == spine["y1"]
    for i, bone in enumerate(f.bones):
        assert bone.side == ("above" if i % 2 == 0 else "below")
        assert bone.y1 == spine["y1"] and spine["x1"] < bone.x1 < spine["x2"]
        assert (bone.y2 < bone.y1) == (bone.side == "above")
        assert bone.x2 < bone.x1  # slanting back toward the tail
        angle = math.degrees(math.atan2(abs(bone.y2 - bone.y1), bone.x1 - bone.x2))
        assert angle == pytest.approx(60, abs=0.2)
        # People along the bone, the most important nearest the spine.
        distances = [math.hypot(p.x - bone.x1, p.y - bone.y1) for p in bone.people]
        assert distances == sorted(distances)
        assert [p.rank for p in bone.people] == sorted(p.rank for p in bone.people)
        for p in bone.people:
            cross = (bone.x2 - bone.x1) * (p.y - bone.y1) - (bone.y2 - bone.y1) * (p.x - bone.x1)
            assert abs(cross) / math.hypot(bone.x2 - bone.x1, bone.y2 - bone.y1) < 0.2
    # Pairs of bones share a joint; pairs nearer the head come first.
    joints = [b.x1 for b in f.bones]
    assert joints[0] == joints[1] > joints[2] == joints[3] > joints[4]
    # Everything fits on the canvas.
    xs = [v for b in f.bones for v in (b.x1, b.x2, b.label_x, *(p.x for p in b.people))]
    ys = [v for b in f.bones for v in (b.y1, b.y2, b.label_y, *(p.y for p in b.people))]
    assert min(xs) >= 0 and max(xs) <= f.width and f.head["x"] + f.head["width"] <= f.width
    assert min(ys) >= 0 and max(ys) <= f.height


def test_deterministic_and_json_serialisable() -> None:
    g = build_account_graph(small_account(), "acme")
    first = json.dumps(fishbone(g).to_dict(), ensure_ascii=False, sort_keys=True)
    second = json.dumps(fishbone(g).to_dict(), ensure_ascii=False, sort_keys=True)
    assert first == second
    doc = json.loads(first)
    # completeness: issue 15's decision-chain completeness, one per opportunity
    assert set(doc) == {"head", "group_by", "width", "height", "spine", "bones", "completeness"}
    assert doc["completeness"] == [
        {"opportunity_id": "acme-cloud", "value": 1.0, "filled_weight": 2.05,
         "total_weight": 2.05, "filled": 3, "open": 0}
    ]  # fmt: skip
    person_doc = doc["bones"][0]["people"][0]
    assert set(person_doc) == {
        "person_id",
        "name",
        "title",
        "roles",
        "level",
        "level_label",
        "competitor",
        "composite",
        "rank",
        "key",
        "covering_staff",
        "x",
        "y",
    }


def test_no_people() -> None:
    data = account_data([], staff=[Staff(id="s1", name="Ours")])
    f = fishbone(build_account_graph(data, "acc"))
    assert f.bones == () and f.head["name"] == "Account" and f.width > 0 and f.height > 0


def test_bad_grouping() -> None:
    with pytest.raises(ValueError):
        fishbone(account_graph([Person(id="a", account_id="acc", name="A")]), group_by="team")  # type: ignore[arg-type]
