"""The gaps grouped by person, one recommended action each, heaviest first (issue 12
item 6; DESIGN.md, gaps): a person's gaps form one group, each account-level gap
(``no_coach``, a layer or department without a supporter) a group of its own. The
group weighs its heaviest gap, and the action answers that gap.

``GAP_ACTIONS`` holds one action per gap code in English and Chinese
(tests/test_code_lists.py: every GapCode has one).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphcrm.analysis.gaps import GapCode
from graphcrm.model import Layer, zh_label

__all__ = ["GAP_ACTIONS", "GapGroup", "gap_groups"]

#: Gap code -> the action that answers it (English, Chinese); ``{name}``: the person or
#: the group (a layer or a department).
GAP_ACTIONS: dict[str, tuple[str, str]] = {
    GapCode.UNCOVERED: (
        "Make a first contact with {name}: ask a supporter who knows them to introduce us.",
        "与{name}建立首次接触：请认识其的支持者引荐。",
    ),
    GapCode.WEAK: (
        "Meet {name} more often to strengthen the contact.",
        "增加与{name}的接触频次，加强关系。",
    ),
    GapCode.STALE: ("Get back in touch with {name} now.", "尽快与{name}恢复联系。"),
    GapCode.UNFAVOURABLE: (
        "Learn what {name} needs and answer their objections.",
        "了解{name}的需求，化解其顾虑。",
    ),
    GapCode.COMPETITOR_HELD: (
        "Win {name} back from the competitor: show our value where theirs is weak.",
        "从竞争对手手中争取{name}：在对手薄弱处展示我方价值。",
    ),
    GapCode.SINGLE_THREADED: (
        "Add a second contact of ours to {name}.",
        "为{name}增加我方第二条联系线。",
    ),
    GapCode.PEER_MISMATCH: (
        "Have a senior colleague of ours meet {name} as a peer.",
        "安排我方对等的高层与{name}会面。",
    ),
    GapCode.NO_COACH: (
        "Develop a coach: win one supporter to level 3.",
        "培养教练：争取一位支持者提升到3级。",
    ),
    GapCode.LAYER_WITHOUT_SUPPORTER: (
        "Win a supporter in the {name} layer.",
        "在{name}争取一位支持者。",
    ),
    GapCode.DEPARTMENT_WITHOUT_SUPPORTER: (
        "Win a supporter in {name}.",
        "在{name}争取一位支持者。",
    ),
    GapCode.KEY_PERSON_LEFT: (
        "Find {name}'s successor and cover them.",
        "找到{name}的继任者并建立覆盖。",
    ),
    GapCode.UNIDENTIFIED_ROLE: (
        "Find out who holds the open role {name} (ask a coach or a supporter), then cover them.",
        "向教练或支持者了解待识别角色{name}由谁担任，再建立覆盖。",
    ),
}


@dataclass(frozen=True)
class GapGroup:
    """One person's gaps (or one account-level gap), heaviest first, and what to do."""

    person_id: str | None
    group: str | None
    name: dict[str, str]
    weight: float
    codes: tuple[str, ...]
    action: dict[str, str]


def _group_name(code: str, group: str | None, lang: str) -> str:
    if code == GapCode.LAYER_WITHOUT_SUPPORTER and group in set(Layer):
        return zh_label(Layer(str(group))) if lang == "zh" else str(group)
    return str(group or "")


def gap_groups(coverage: dict[str, Any]) -> list[GapGroup]:
    """The coverage report's gaps (``CoverageReport.to_dict``) grouped by person, the
    heaviest group first (ties in report order), each with the action for its heaviest gap.

    >>> report = {"people": [{"person_id": "p", "name": "Pat"}], "gaps": [
    ...     {"code": "weak", "person_id": "p", "group": None, "weight": 0.2},
    ...     {"code": "no_coach", "person_id": None, "group": None, "weight": 0.5},
    ...     {"code": "uncovered", "person_id": "p", "group": None, "weight": 0.9}]}
    >>> [(g.person_id, g.codes, g.action["en"][:15]) for g in gap_groups(report)]
    [('p', ('uncovered', 'weak'), 'Make a first co'), (None, ('no_coach',), 'Develop a coach')]
    """
    names = {p["person_id"]: str(p["name"]) for p in coverage.get("people", [])}
    grouped: dict[Any, list[dict[str, Any]]] = {}
    for i, g in enumerate(coverage.get("gaps", [])):
        key = g["person_id"] if g.get("person_id") else ("account", i)
        grouped.setdefault(key, []).append(g)
    out = []
    for gaps in grouped.values():
        gaps = sorted(gaps, key=lambda g: -float(g["weight"]))
        top = gaps[0]
        pid = top.get("person_id")
        code = str(top["code"])
        en, zh = GAP_ACTIONS[code]
        name_en = names.get(pid, pid) if pid else _group_name(code, top.get("group"), "en")
        name_zh = names.get(pid, pid) if pid else _group_name(code, top.get("group"), "zh")
        out.append(
            GapGroup(
                person_id=pid,
                group=top.get("group"),
                name={"en": str(name_en), "zh": str(name_zh)},
                weight=float(top["weight"]),
                codes=tuple(str(g["code"]) for g in gaps),
                action={"en": en.format(name=name_en), "zh": zh.format(name=name_zh)},
            )
        )
    out.sort(key=lambda g: -g.weight)
    return out
