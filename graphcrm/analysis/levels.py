"""Relationship levels: the attitude scale and the six-dimension assessment behind it.

关键客户关系层级标准 (GLOSSARY.md, "Attitude scale"): a person's level toward us
(or toward a competitor) is one of

    -1 不认可 opposes, 0 中立 neutral, 1 支持 supports,
    2 支持并排它 supports and keeps competitors out, 3 教练 coach.

六维度量化评估 (GLOSSARY.md, "Six dimensions"): recognition 接受认可度,
participation 活动参与度, information 信息传递度, guidance 日常指导度, project
support 项目支持度 and competitive preference 竞争偏向度, each scored on the same
-1..3 scale, justify the level (DESIGN.md, "Analyses"):

- the level is the floor of the mean of the six dimensions;
- capped: a coach (3) needs guidance and information both at 3; support and
  exclusion (2) needs a competitive preference of at least 2; a competitive
  preference below 0 caps the level at 0 (neutral).

The caps apply in that order, each to the level the previous step left, so a
level above a cap's level is held to the level just below it. Because the
floor of the mean is 3 only when all six dimensions are 3, the coach cap can
never bind after the floor: it is kept as the method states it (and as a
guard should the averaging ever change), and :func:`assess_level` reports it
like the others. The other two caps do bind: five dimensions at 3 with a
competitive preference of 1 average 2.67 but stay at 1, and with -1 at 0.

References
----------
.. [1] The course outlines in ``seeds/`` (关键客户关系层级标准的六个维度与层级分析).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graphcrm.errors import NotFoundError

__all__ = [
    "DIMENSIONS",
    "DIMENSION_LABELS",
    "LEVELS",
    "MAX_LEVEL",
    "MIN_LEVEL",
    "LevelAssessment",
    "assess_level",
    "current_level",
    "level_from_assessment",
]

MIN_LEVEL = -1
MAX_LEVEL = 3
#: The attitude scale, lowest first.
LEVELS: tuple[int, ...] = (-1, 0, 1, 2, 3)

#: The six dimensions of an assessment, in the order of the import format.
DIMENSIONS: tuple[str, ...] = (
    "recognition",
    "participation",
    "information",
    "guidance",
    "project_support",
    "competitive_preference",
)

#: Each dimension's name in English and Chinese (GLOSSARY.md).
DIMENSION_LABELS: dict[str, tuple[str, str]] = {
    "recognition": ("recognition", "接受认可度"),
    "participation": ("participation", "活动参与度"),
    "information": ("information", "信息传递度"),
    "guidance": ("guidance", "日常指导度"),
    "project_support": ("project support", "项目支持度"),
    "competitive_preference": ("competitive preference", "竞争偏向度"),
}

_LABELS: dict[int, tuple[str, str]] = {
    -1: ("opposes", "不认可"),
    0: ("neutral", "中立"),
    1: ("supports", "支持"),
    2: ("supports and excludes competitors", "支持并排它"),
    3: ("coach", "教练"),
}

# Cap codes, in the order they apply.
_COACH_CAP = "coach_needs_guidance_and_information"
_EXCLUSIVE_CAP = "exclusive_needs_competitive_preference"
_NEGATIVE_CAP = "negative_competitive_preference"


@dataclass(frozen=True)
class LevelAssessment:
    """A level derived from six dimensions, with the parts it was built from.

    ``mean`` is the mean of the six dimensions, ``floor_level`` its floor, and
    ``caps`` the codes of the caps that lowered it (in the order applied:
    ``coach_needs_guidance_and_information``,
    ``exclusive_needs_competitive_preference``, ``negative_competitive_preference``).
    ``explanation`` holds one line in English (``"en"``) and Chinese (``"zh"``).
    """

    level: int
    mean: float
    floor_level: int
    caps: tuple[str, ...]
    dimensions: dict[str, int] = field(default_factory=dict)
    explanation: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (caps as a list)."""
        return {
            "level": self.level,
            "mean": self.mean,
            "floor_level": self.floor_level,
            "caps": list(self.caps),
            "dimensions": dict(self.dimensions),
            "explanation": dict(self.explanation),
        }


def assess_level(dimensions: Mapping[str, int]) -> LevelAssessment:
    """The level justified by a six-dimension assessment, and why.

    The level is the floor of the mean of the six dimensions, then capped: a
    coach (3) needs guidance and information both at 3, support-and-exclusive
    (2) needs a competitive preference of at least 2, and a competitive
    preference below 0 caps the level at 0. The floor is taken exactly (on the
    sum, in integers), so a mean of -1/6 is -1, not 0.

    Parameters
    ----------
    dimensions : mapping of str to int
        Exactly the six keys of :data:`DIMENSIONS`, each a whole number in -1..3.

    Returns
    -------
    LevelAssessment
        The level, the mean, the floor before caps, the caps applied and a
        one-line explanation in English and Chinese.

    Raises
    ------
    ValueError
        If a dimension is missing, unknown, or not a whole number in -1..3.

    Examples
    --------
    >>> a = assess_level(
    ...     {"recognition": 3, "participation": 3, "information": 3, "guidance": 3,
    ...      "project_support": 3, "competitive_preference": 1}
    ... )
    >>> a.floor_level, a.level, a.caps
    (2, 1, ('exclusive_needs_competitive_preference',))
    """
    values = _checked(dimensions)
    total = sum(values.values())
    floor_level = total // len(DIMENSIONS)  # floor division floors toward -inf
    level = floor_level
    caps: list[str] = []
    if level >= 3 and not (values["guidance"] == 3 and values["information"] == 3):
        level = 2
        caps.append(_COACH_CAP)
    if level >= 2 and values["competitive_preference"] < 2:
        level = 1
        caps.append(_EXCLUSIVE_CAP)
    if level > 0 and values["competitive_preference"] < 0:
        level = 0
        caps.append(_NEGATIVE_CAP)
    mean = total / len(DIMENSIONS)
    return LevelAssessment(
        level=level,
        mean=mean,
        floor_level=floor_level,
        caps=tuple(caps),
        dimensions=values,
        explanation=_explain(level, mean, floor_level, caps),
    )


def level_from_assessment(dimensions: Mapping[str, int]) -> int:
    """The level (-1..3) justified by a six-dimension assessment (see :func:`assess_level`).

    >>> level_from_assessment(dict.fromkeys(DIMENSIONS, 3))
    3
    >>> level_from_assessment(dict.fromkeys(DIMENSIONS, 2) | {"competitive_preference": -1})
    0
    """
    return assess_level(dimensions).level


def current_level(graph: nx.MultiDiGraph, person_id: str, toward: str = "us") -> int:
    """A person's current level toward us, or toward one competitor.

    The level is the latest dated reading (the account graph keeps it on the
    node: ``level`` toward us, ``competitor_levels`` per competitor); with no
    reading it is 0 (neutral). Levels changed on a copy of the graph (what-if)
    are read the same way.

    Parameters
    ----------
    graph : nx.MultiDiGraph
        An account graph (:mod:`graphcrm.graph`).
    person_id : str
        A customer-side person of the graph.
    toward : str
        ``"us"`` (the default) or a competitor id.

    Returns
    -------
    int
        The level, -1..3.

    Raises
    ------
    NotFoundError
        If ``person_id`` is not a person of the graph, or ``toward`` names a
        competitor the graph does not know.
    """
    node = graph._node.get(person_id)  # the raw node dict: a view per call costs more
    if node is None or node.get("kind") != "person":
        raise NotFoundError(f"no person {person_id!r} in this account")
    if toward == "us":
        return int(node.get("level", 0) or 0)
    held: Mapping[str, int] = node.get("competitor_levels") or {}
    known = graph.graph.get("competitors")
    if toward not in held and known is not None and toward not in known:
        raise NotFoundError(f"no competitor {toward!r}")
    return int(held.get(toward, 0))


def _checked(dimensions: Mapping[str, int]) -> dict[str, int]:
    missing = [d for d in DIMENSIONS if d not in dimensions]
    unknown = sorted(k for k in dimensions if k not in DIMENSIONS)
    if missing or unknown:
        parts = []
        if missing:
            parts.append("missing " + ", ".join(missing))
        if unknown:
            parts.append("unknown " + ", ".join(map(str, unknown)))
        raise ValueError(
            f"an assessment needs exactly the six dimensions ({', '.join(DIMENSIONS)}): "
            + "; ".join(parts)
        )
    values: dict[str, int] = {}
    for d in DIMENSIONS:
        v = dimensions[d]
        if isinstance(v, bool) or not isinstance(v, int) or not MIN_LEVEL <= v <= MAX_LEVEL:
            raise ValueError(f"dimension {d} must be a whole number from -1 to 3, got {v!r}")
        values[d] = v
    return values


def _explain(level: int, mean: float, floor_level: int, caps: list[str]) -> dict[str, str]:
    en_label, zh_label = _LABELS[level]
    en = f"Level {level} ({en_label}): the six dimensions average {mean:.2f}"
    zh = f"层级{level}（{zh_label}）：六维平均{mean:.2f}"
    if not caps:
        return {"en": en + ".", "zh": zh + "。"}
    en += f", floor {floor_level}, held to {level} because "
    zh += f"，取整为{floor_level}，因"
    reasons_en = {
        _COACH_CAP: "a coach needs guidance and information both at 3",
        _EXCLUSIVE_CAP: "support-and-exclusive needs competitive preference of at least 2",
        _NEGATIVE_CAP: "competitive preference is below 0",
    }
    reasons_zh = {
        _COACH_CAP: "教练需日常指导度和信息传递度均为3",
        _EXCLUSIVE_CAP: "支持并排它需竞争偏向度至少为2",
        _NEGATIVE_CAP: "竞争偏向度低于0",
    }
    en += " and ".join(reasons_en[c] for c in caps) + "."
    zh += "，".join(reasons_zh[c] for c in caps) + f"，定为{level}。"
    return {"en": en, "zh": zh}
