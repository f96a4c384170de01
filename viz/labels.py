"""Every label the views show, in English and Chinese (GLOSSARY.md terms).

Vocabulary terms come from :mod:`graphcrm.model` (layers, roles, the attitude
scale), the six dimensions from :mod:`graphcrm.analysis.levels` and the
quadrants from :mod:`graphcrm.analysis.importance`; this module adds only the
words of the pages themselves.
"""

from __future__ import annotations

from typing import Literal

from graphcrm.analysis import QUADRANT_LABELS
from graphcrm.analysis.gaps import GapCode
from graphcrm.analysis.levels import DIMENSION_LABELS, DIMENSIONS
from graphcrm.model import (
    LEVEL_LABELS,
    ActionStatus,
    DecisionRole,
    Layer,
    Tier,
    TieType,
    TriangleRole,
    zh_label,
)

__all__ = [
    "DIMENSIONS",
    "GAP_LABELS",
    "LANGS",
    "Lang",
    "dimension_label",
    "gap_label",
    "layer_label",
    "level_label",
    "parse_lang",
    "progress_label",
    "quadrant_label",
    "role_label",
    "roles_label",
    "status_label",
    "t",
    "tie_label",
    "triangle_label",
]

Lang = Literal["en", "zh"]
LANGS: tuple[Lang, ...] = ("en", "zh")

_WORDS: dict[str, tuple[str, str]] = {
    "app": ("graphcrm", "graphcrm 客户关系图谱"),
    "accounts": ("Accounts", "客户"),
    "dashboard": ("Account dashboard", "客户仪表盘"),
    "map": ("Organisation relationship map", "组织关系图谱"),
    "fishbone": ("Decision-chain fishbone", "决策链鱼骨图"),
    "cards": ("Expansion cards", "拓展卡片"),
    "card": ("Expansion card", "拓展卡片"),
    "assessment": ("Relationship assessment table", "客户关系评估表"),
    "power": ("Decision value versus influence", "决策与权力分析图"),
    "health": ("Relationship health", "客户关系健康度"),
    "trend": ("Trend", "趋势"),
    "key_people": ("Key people", "关键人"),
    "gaps": ("Coverage gaps", "短木板与机会点"),
    "next_targets": ("Next targets", "下一步突破目标"),
    "person": ("Person", "姓名"),
    "title": ("Title", "职务"),
    "department": ("Department", "部门"),
    "layer": ("Layer", "层级"),
    "roles": ("Roles", "角色"),
    "role": ("Role", "角色"),
    "level": ("Level", "态度"),
    "previous_level": ("Previous level", "上次态度"),
    "change": ("Change", "变化"),
    "as_of": ("As of", "日期"),
    "target": ("Target", "目标"),
    "target_level": ("Target level", "目标态度"),
    "target_date": ("Target date", "目标日期"),
    "rank": ("Rank", "排名"),
    "composite": ("Importance", "重要度"),
    "known_by_many": ("Known by many", "越多的人认识你"),
    "depended_on_by_many": ("Depended on by many", "越多的人依赖你"),
    "important_neighbours": ("Important neighbours", "邻居越重要"),
    "formal_power": ("Formal power", "职位权力"),
    "network_importance": ("Network importance", "网络重要度"),
    "quadrant": ("Quadrant", "象限"),
    "coverage": ("Coverage", "覆盖度"),
    "covered_by": ("Covered by", "我方覆盖"),
    "nobody": ("nobody", "无人覆盖"),
    "weight": ("Weight", "权重"),
    "why": ("Why", "说明"),
    "score": ("Score", "得分"),
    "warm_path": ("Best warm path", "最佳引荐路径"),
    "no_path": ("no warm path", "暂无引荐路径"),
    "owner": ("Owner", "负责人"),
    "needs": ("Needs", "需求"),
    "pain_points": ("Pain points", "痛点"),
    "actions": ("Actions", "行动计划"),
    "due": ("Due", "截止"),
    "status": ("Status", "状态"),
    "none": ("none", "无"),
    "place_in_chain": ("Place in the decision chain", "在决策链中的位置"),
    "six_dimensions": ("Six-dimension assessment", "六维度量化评估"),
    "no_assessment": ("no six-dimension assessment yet", "尚无六维度评估"),
    "level_history": ("Level history", "态度变化"),
    "importance_parts": ("Importance parts", "重要度构成"),
    "competitor_held": ("competitor-held", "竞争对手掌控"),
    "leans_to": ("leans to", "倾向"),
    "key_influencer": ("key influencer", "关键影响者"),
    "key_person": ("key person", "关键人"),
    "our_staff": ("our staff", "我方人员"),
    "legend": ("Legend", "图例"),
    "filters": ("Filters", "筛选"),
    "decision_chain": ("Decision chain", "决策链"),
    "whole_account": ("whole account", "整个客户"),
    "tie_types": ("Ties", "关系类型"),
    "contact": ("contact (ours)", "我方接触"),
    "group_by": ("Bones by", "分组"),
    "download_svg": ("Download SVG", "下载 SVG"),
    "download_png": ("Download PNG", "下载 PNG"),
    "download_xlsx": ("Download XLSX", "下载 XLSX"),
    "download_csv": ("Download CSV", "下载 CSV"),
    "print": ("Print", "打印"),
    "open_card": ("card", "卡片"),
    "sign_in": ("Sign in", "登录"),
    "sign_out": ("Sign out", "退出"),
    "api_key": ("API key", "API 密钥"),
    "sign_in_help": (
        "Paste your team's API key. Signing in starts a session of 8 hours: the browser keeps"
        " only its session token, in a cookie for this service; the key itself is not kept.",
        "请粘贴团队的 API 密钥。登录后开始 8 小时的会话：浏览器只在本服务的 Cookie 中保存"
        "会话令牌，不保存密钥本身。",
    ),
    "bad_key": ("That key was not accepted.", "密钥无效。"),
    "not_found": ("Not found", "未找到"),
    "not_found_text": (
        "There is no such page in your team's accounts.",
        "您团队的客户中没有此页面。",
    ),
    "people": ("people", "人"),
    "staff_count": ("of our staff", "名我方人员"),
    "no_gaps": ("No gaps.", "没有短板。"),
    "no_targets": ("Every key person is at their target.", "所有关键人均已达到目标。"),
    "click_hint": ("Click a person for details.", "点击人员查看详情。"),
    "industry": ("Industry", "行业"),
    "tier": ("Tier", "分级"),
    "region": ("Region", "区域"),
    "opportunity": ("Opportunity", "商机"),
    "stage": ("Stage", "阶段"),
    "decision_head": ("Decision", "决策"),
    "high": ("high", "高"),
    "low": ("low", "低"),
    "shape_by_layer": ("Shape: layer", "形状：层级"),
    "size_by_importance": ("Size: importance", "大小：重要度"),
    "colour_by_level": ("Colour: level toward us", "颜色：对我方态度"),
    "thickness_strength": ("Line thickness: strength", "线宽：关系强度"),
    "reset": ("Show all", "全部显示"),
    "all_cards": ("All cards", "全部卡片"),
    "generated": ("Generated", "生成于"),
    "recognition_short": ("Recognition", "认可"),
    # the quarterly review (季度复盘) and the task book (客户关系提升目标任务书)
    "review": ("Quarterly review", "季度复盘"),
    "task_book": ("Relationship improvement task book", "客户关系提升目标任务书"),
    "date_from": ("From", "起始日期"),
    "date_to": ("To", "截止日期"),
    "show": ("Show", "查看"),
    "days": ("days", "天"),
    "health_change": ("Change", "变化"),
    "level_changes": ("Level changes", "关键人态度变化"),
    "moved_up": ("Moved up", "态度提升"),
    "moved_down": ("Moved down", "态度下降"),
    "up": ("up", "提升"),
    "down": ("down", "下降"),
    "coverage_gained": ("Coverage gained", "覆盖增加"),
    "coverage_lost": ("Coverage lost", "覆盖减少"),
    "contacts_began": ("Contacts began", "新增接触"),
    "contacts_ended": ("Contacts ended", "中断接触"),
    "gaps_closed": ("Gaps closed", "已补短板"),
    "gaps_opened": ("Gaps opened", "新增短板"),
    "actions_done": ("Actions done", "已完成行动"),
    "actions_dropped": ("Actions dropped", "已放弃行动"),
    "actions_overdue": ("Actions overdue", "逾期行动"),
    "targets_met": ("Targets met", "目标达成"),
    "targets_missed": ("Targets missed", "目标未达成"),
    "level_on_target_date": ("Level on the target date", "目标日期时态度"),
    "days_overdue": ("Days overdue", "逾期天数"),
    "outcome": ("Outcome", "结果"),
    "what": ("Action", "行动内容"),
    "current_level": ("Current level", "当前态度"),
    "start_level": ("Level at start", "起始态度"),
    "start_date": ("Start date", "开始日期"),
    "days_left": ("Days left", "剩余天数"),
    "progress": ("Progress", "进展状态"),
    "summary": ("Summary", "概要"),
    "no_changes": ("No change in the period.", "本期无变化。"),
    "no_plans": (
        "No key person has a plan yet: plan the next targets first.",
        "尚无关键人的提升计划：请先为下一步突破目标制定计划。",
    ),
    "bad_period": (
        "Choose two dates up to today, the first not after the second.",
        "请选择不晚于今天的两个日期，起始日期不得晚于截止日期。",
    ),
    "new_account": (
        "The account held no one on {day}: everyone in it counts as new since then.",
        "{day}时该客户尚无人员记录：其中所有人员均按新增计算。",
    ),
    "print_note": ("Prints on A4 landscape.", "按 A4 横向打印。"),
    # the portfolio page (issue 14 item 7)
    "portfolio": ("Portfolio", "客户组合"),
    "value_score": ("Value score", "价值得分"),
    "current_value": ("Current value", "当前价值"),
    "future_value": ("Future value (potential)", "未来价值（潜力）"),
    "value_quadrant": ("Value x potential", "价值 × 潜力"),
    "tier_counts": ("Tiers against the 5/20/30/45 shares", "分级与 5/20/30/45 比例"),
    "tier_expected": ("By the shares", "按比例应有"),
    "count": ("Count", "数量"),
    "override": ("Recorded (overrides)", "手工指定"),
    "rfm": ("RFM", "RFM"),
    "health_quarter_ago": ("Health a quarter ago", "一季度前健康度"),
    "heaviest_gap": ("Heaviest gap", "最重短板"),
    "kind": ("Kind", "类型"),
    "no_health": ("no health yet", "暂无健康度"),
    "sort_by": ("Sort by", "排序"),
    # outside people across the portfolio (issue 14 item 4)
    "outside_people": ("Outside people", "外部人员"),
    "outside_people_note": (
        "People of partners, consultants, design institutes, government and group "
        "headquarters, with the customer accounts their ties reach (most first).",
        "合作伙伴、咨询方、设计院、政府与集团总部的人员，及其关系所及的客户（多者在前）。",
    ),
    "party": ("Party", "所属单位"),
    "reaches": ("Accounts reached (ties)", "影响的客户（关系数）"),
    "our_coverage": ("Our coverage", "我方覆盖"),
    # Unidentified roles (issue 15): the fishbone's empty boxes, each chain's completeness.
    "completeness": ("Chain completeness", "决策链完整度"),
    "roles_identified": ("Roles identified", "已识别角色"),
    "unidentified_role": ("Unidentified role", "待识别角色"),
}

_PROGRESS: dict[str, tuple[str, str]] = {
    "on_track": ("on track", "按计划推进"),
    "off_track": ("off track", "偏离计划"),
    "met": ("met", "已达成"),
    "missed": ("missed", "未达成"),
}

#: Gap code -> short name (English, Chinese); every GapCode has one (tests/test_code_lists.py).
GAP_LABELS: dict[str, tuple[str, str]] = {
    GapCode.UNCOVERED: ("uncovered", "无人覆盖"),
    GapCode.WEAK: ("weak coverage", "覆盖薄弱"),
    GapCode.STALE: ("stale contact", "接触过期"),
    GapCode.UNFAVOURABLE: ("unfavourable", "态度不利"),
    GapCode.COMPETITOR_HELD: ("competitor-held", "竞争对手掌控"),
    GapCode.SINGLE_THREADED: ("single-threaded", "单线联系"),
    GapCode.PEER_MISMATCH: ("peer mismatch", "对等不足"),
    GapCode.NO_COACH: ("no coach", "没有教练"),
    GapCode.LAYER_WITHOUT_SUPPORTER: ("layer without a supporter", "层级无支持者"),
    GapCode.DEPARTMENT_WITHOUT_SUPPORTER: ("department without a supporter", "部门无支持者"),
    GapCode.UNIDENTIFIED_ROLE: ("unidentified role", "待识别角色"),
    GapCode.KEY_PERSON_LEFT: ("key person left", "关键人离任"),
}


def parse_lang(value: str | None) -> Lang:
    """``zh`` for Chinese, ``en`` for anything else (the default)."""
    return "zh" if (value or "").lower().startswith("zh") else "en"


def t(key: str, lang: Lang) -> str:
    """A page word in ``lang``."""
    en, zh = _WORDS[key]
    return zh if lang == "zh" else en


def _pick(pair: tuple[str, str], lang: Lang) -> str:
    return pair[1] if lang == "zh" else pair[0]


def level_label(level: int, lang: Lang) -> str:
    """The attitude scale's name of a level (-1..3)."""
    return _pick(LEVEL_LABELS[level], lang)


def layer_label(layer: str | None, lang: Lang) -> str:
    """A layer code's name; an em dash for none."""
    if not layer:
        return "—"
    member = Layer(layer)
    return zh_label(member) if lang == "zh" else member.value


def role_label(role: str, lang: Lang) -> str:
    """A decision role code's name."""
    member = DecisionRole(role)
    return zh_label(member) if lang == "zh" else member.value.replace("_", " ")


def roles_label(roles: tuple[str, ...] | list[str], lang: Lang) -> str:
    """Several roles, joined."""
    return ("、" if lang == "zh" else ", ").join(role_label(r, lang) for r in roles) or "—"


def tie_label(tie: str, lang: Lang) -> str:
    """A tie type's name (``contact`` is our staff's contact)."""
    if tie == "contact":
        return t("contact", lang)
    member = TieType(tie)
    return zh_label(member) if lang == "zh" else member.value.replace("_", " ")


def triangle_label(role: str | None, lang: Lang) -> str:
    """An iron-triangle role's name."""
    if not role:
        return "—"
    member = TriangleRole(role)
    return zh_label(member) if lang == "zh" else member.value


def quadrant_label(quadrant: str, lang: Lang) -> str:
    """An influence-matrix quadrant's name."""
    return QUADRANT_LABELS[quadrant][lang]


def gap_label(code: str, lang: Lang) -> str:
    """A gap code's short name (a :class:`~graphcrm.analysis.gaps.GapCode` value)."""
    return _pick(GAP_LABELS[code], lang)


def dimension_label(dimension: str, lang: Lang) -> str:
    """One of the six dimensions' names."""
    return _pick(DIMENSION_LABELS[dimension], lang)


def status_label(status: str | None, lang: Lang) -> str:
    """An action status' name (open, done, dropped)."""
    if not status:
        return "—"
    member = ActionStatus(status)
    return zh_label(member) if lang == "zh" else member.value


def progress_label(status: str, lang: Lang) -> str:
    """A target's progress status by the on-track rule (met, missed, off_track, on_track)."""
    return _pick(_PROGRESS[status], lang)


#: The portfolio's value x potential quadrants (graphcrm.portfolio.tiers.Quadrant).
PORTFOLIO_QUADRANT_LABELS: dict[str, tuple[str, str]] = {
    "star": ("star", "明星客户"),
    "cash_cow": ("cash cow", "现金牛客户"),
    "rising": ("rising", "潜力客户"),
    "maintain": ("maintain", "维持客户"),
}


def portfolio_quadrant_label(quadrant: str | None, lang: Lang) -> str:
    """A portfolio quadrant's name; a dash for none."""
    return _pick(PORTFOLIO_QUADRANT_LABELS[quadrant], lang) if quadrant else "—"


def tier_label(tier: str | None, lang: Lang) -> str:
    """A tier's name (strategic, value, potential, ordinary); a dash for none."""
    if not tier:
        return "—"
    member = Tier(tier)
    return zh_label(member) if lang == "zh" else member.value


#: The dashboard's list per key person, the accounts list and the "my work" page
#: (issue 12 items 4 and 6, issue 13 item 6); ``{...}`` fields filled by the views.
_WORDS.update(
    {
        "covers": ("Who of ours", "我方覆盖"),
        "last_touched": ("Last touched", "最近接触"),
        "never_touched": ("no dated contact", "无接触日期"),
        "next_action": ("Next action", "下一步行动"),
        "plan_one": ("Plan one", "制定计划"),
        "at_target": ("at target", "已达目标"),
        "owner_plan_path": (
            "{owner} owns the plan and starts the warm path.",
            "{owner}是计划负责人，也是引荐路径的起点。",
        ),
        "owner_plan_differs": (
            "{owner} owns the plan, so the plan's owner wins; the warm path starts with {path}.",
            "{owner}是计划负责人，以计划负责人为准；引荐路径起于{path}。",
        ),
        "owner_path": ("{owner} starts the best warm path.", "{owner}是最佳引荐路径的起点。"),
        "stale_soonest": ("Going stale soonest", "即将接触过期"),
        "days_left_n": ("stale in {n} days", "{n}天后过期"),
        "stale_for_n": ("stale for {n} days", "已过期{n}天"),
        "last_fresh_day": ("stale tomorrow", "明天过期"),
        "no_dated_contacts": (
            "No key person has a dated contact yet.",
            "尚无关键人有带日期的接触记录。",
        ),
        "people_left": ("Key people who left", "离任关键人"),
        "left_on": ("Left on", "离任日期"),
        "gaps_by_person": ("Gaps by person", "按人员汇总的短板"),
        "recommended": ("Recommended action", "建议行动"),
        "overdue_actions": ("Overdue actions", "逾期行动"),
        "next_target": ("Next target", "下一步目标"),
        "trend_up": ("rising", "上升"),
        "trend_down": ("falling", "下降"),
        "trend_flat": ("steady", "持平"),
        "my_work": ("My work", "我的工作"),
        "agenda": ("Agenda", "工作日程"),
        "agenda_of": ("Agenda of {name}", "{name}的工作日程"),
        "no_agenda": ("Nothing open: no actions or targets.", "没有待办的行动或目标。"),
        "kind_action": ("action", "行动"),
        "kind_target": ("target", "目标"),
        "account": ("Account", "客户"),
        "no_staff_record": (
            "Your key is not linked to a staff record: pick one of our staff.",
            "您的密钥未关联我方人员：请选择一位我方人员。",
        ),
        "staff": ("Our staff", "我方人员"),
        "overdue": ("overdue", "逾期"),
    }
)
