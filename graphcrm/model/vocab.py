"""The method's vocabularies (GLOSSARY.md), each accepted in English or Chinese.

Every enum stores its canonical English code. ``parse_term`` also takes the
Chinese term, any capitalisation, and spaces or hyphens for underscores, so a
sheet written in either language imports the same.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, TypeVar

from graphcrm.errors import RuleBroken

__all__ = [
    "LEVEL_LABELS",
    "AccountKind",
    "ActionStatus",
    "DecisionRole",
    "Direction",
    "InteractionSource",
    "InteractionType",
    "Language",
    "Layer",
    "OrgLevel",
    "TieType",
    "Tier",
    "TriangleRole",
    "parse_level",
    "parse_term",
    "zh_label",
]


class Layer(StrEnum):
    DECISION = "decision"
    MANAGEMENT = "management"
    EXECUTION = "execution"


class DecisionRole(StrEnum):
    DECISION_MAKER = "decision_maker"
    APPROVER = "approver"
    INFLUENCER = "influencer"
    EVALUATOR = "evaluator"
    PURCHASER = "purchaser"
    USER = "user"
    GATEKEEPER = "gatekeeper"


class TriangleRole(StrEnum):
    AR = "AR"
    SR = "SR"
    FR = "FR"
    EXECUTIVE = "executive"
    OTHER = "other"


class TieType(StrEnum):
    """The customer's tie types: the one list of them.

    Each also has Chinese terms (below), a lending rule (analysis.importance.LENDING),
    a warm-path rule (analysis.paths.PATH_WAYS), a map style (viz.palette.TIE_STYLES),
    Cypher statements and indexes; tests/test_code_lists.py fails while one is missing.
    """

    REPORTS_TO = "reports_to"
    DEPENDS_ON = "depends_on"
    KNOWS = "knows"
    INFLUENCES = "influences"
    OPPOSES = "opposes"  # a rivalry between two customer people (DESIGN.md "conflict ties")


class OrgLevel(StrEnum):
    STRATEGIC_PARTNER = "strategic_partner"
    PARTNER = "partner"
    ORDINARY = "ordinary"


class Tier(StrEnum):
    STRATEGIC = "strategic"
    VALUE = "value"
    POTENTIAL = "potential"
    ORDINARY = "ordinary"


class Language(StrEnum):
    """The language an account works in: the generated action text (``plan``) is written
    in it (issue 12 item 7); with none recorded, it follows the account's data
    (graphcrm.plans.language)."""

    ZH = "zh"
    EN = "en"


class AccountKind(StrEnum):
    """What an account is to us (DESIGN.md "Account portfolio"): a customer (the default),
    or an outside party whose people may tie into customer accounts, or a group's
    headquarters."""

    CUSTOMER = "customer"
    PARTNER = "partner"
    CONSULTANT = "consultant"
    DESIGN_INSTITUTE = "design_institute"
    GOVERNMENT = "government"
    GROUP_HQ = "group_hq"


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


class InteractionType(StrEnum):
    """What kind of interaction (互动类型), DESIGN.md "Interactions": each has a default weight
    (``graphcrm.interactions.strength.TYPE_WEIGHTS``)."""

    SITE_VISIT = "site_visit"
    DINNER = "dinner"
    MEETING = "meeting"
    VISIT = "visit"
    EVENT = "event"
    CALL = "call"
    EMAIL = "email"
    MESSAGE = "message"


class Direction(StrEnum):
    """Which way an email or message went: ``outbound`` (no answer) counts half."""

    OUTBOUND = "outbound"
    INBOUND = "inbound"
    BOTH = "both"


class InteractionSource(StrEnum):
    """Where an interaction record came from."""

    MANUAL = "manual"
    ICS = "ics"
    MAIL = "mail"
    API = "api"
    IMPORT = "import"


# Chinese terms per code; the first is the label shown to users.
_ZH: dict[type[StrEnum], dict[str, tuple[str, ...]]] = {
    Layer: {
        "decision": ("决策层", "决策"),
        "management": ("管理层", "管理"),
        "execution": ("执行层", "执行"),
    },
    DecisionRole: {
        "decision_maker": ("决策者",),
        "approver": ("批准者", "审批者"),
        "influencer": ("影响者",),
        "evaluator": ("评估者", "技术评估者", "商务评估者"),
        "purchaser": ("采购者", "采购"),
        "user": ("使用者", "用户"),
        "gatekeeper": ("把关者", "守门人"),
    },
    TriangleRole: {
        "AR": ("客户经理",),
        "SR": ("解决方案经理",),
        "FR": ("交付经理",),
        "executive": ("高层", "高管"),
        "other": ("其他",),
    },
    TieType: {
        "reports_to": ("汇报",),
        "depends_on": ("依赖",),
        "knows": ("认识",),
        "influences": ("影响",),
        "opposes": ("对立",),
    },
    OrgLevel: {
        "strategic_partner": ("战略伙伴",),
        "partner": ("伙伴",),
        "ordinary": ("普通",),
    },
    Tier: {
        "strategic": ("战略客户", "战略"),
        "value": ("价值客户", "价值"),
        "potential": ("潜力客户", "潜力"),
        "ordinary": ("普通客户", "普通"),
    },
    AccountKind: {
        "customer": ("客户",),
        "partner": ("合作伙伴", "伙伴单位"),
        "consultant": ("咨询机构", "咨询公司"),
        "design_institute": ("设计院",),
        "government": ("政府", "政府机构"),
        "group_hq": ("集团总部", "集团"),
    },
    Language: {
        "zh": ("中文", "汉语", "简体中文"),
        "en": ("英文", "英语"),
    },
    ActionStatus: {
        "open": ("进行中", "未完成", "待办"),
        "done": ("已完成", "完成"),
        "dropped": ("已放弃", "放弃", "取消"),
    },
    InteractionType: {
        "site_visit": ("参观考察", "参观", "考察"),
        "dinner": ("宴请",),
        "meeting": ("会谈", "会议"),
        "visit": ("拜访",),
        "event": ("交流活动", "活动"),
        "call": ("电话",),
        "email": ("邮件",),
        "message": ("消息",),
    },
    Direction: {
        "outbound": ("发出",),
        "inbound": ("收到",),
        "both": ("往来",),
    },
    InteractionSource: {
        "manual": ("手工",),
        "ics": ("日历",),
        "mail": ("邮件元数据",),
        "api": ("接口",),
        "import": ("导入",),
    },
}

_E = TypeVar("_E", bound=StrEnum)


def parse_term(enum: type[_E], value: Any) -> _E:
    """Read a vocabulary term given in English (any case, spaces or hyphens) or Chinese."""
    if isinstance(value, enum):
        return value
    text = str(value).strip()
    norm = text.lower().replace("-", "_").replace(" ", "_")
    aliases = _ZH[enum]
    for member in enum:
        if norm == member.value.lower() or text in aliases[member.value]:
            return member
    allowed = ", ".join(f"{m.value} ({aliases[m.value][0]})" for m in enum)
    raise ValueError(f"unknown value {text!r}; expected one of: {allowed}")


def zh_label(member: StrEnum) -> str:
    """The Chinese label of a vocabulary term."""
    return _ZH[type(member)][member.value][0]


# The attitude scale (关键客户关系层级标准): level -> (English, Chinese).
LEVEL_LABELS: dict[int, tuple[str, str]] = {
    -1: ("opposes", "不认可"),
    0: ("neutral", "中立"),
    1: ("supports", "支持"),
    2: ("supports and excludes competitors", "支持并排它"),
    3: ("coach", "教练"),
}
_LEVEL_BY_TERM = {term: level for level, terms in LEVEL_LABELS.items() for term in terms}


def parse_level(value: Any) -> int:
    """An attitude level -1..3, given as a number or as its English or Chinese label."""
    if isinstance(value, bool):
        raise ValueError("expected a level from -1 to 3")
    if isinstance(value, str):
        text = value.strip()
        if text in _LEVEL_BY_TERM:
            return _LEVEL_BY_TERM[text]
        try:
            value = float(text)
        except ValueError:
            raise ValueError(f"expected a level from -1 to 3, got {text!r}") from None
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(f"expected a whole level from -1 to 3, got {value}")
        value = int(value)
    if not isinstance(value, int) or not -1 <= value <= 3:
        message = f"expected a level from -1 to 3, got {value!r}"
        raise RuleBroken(message, "level_range", value=repr(value))
    return value
