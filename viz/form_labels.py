"""The words of the editing forms, English and Chinese (issue 11; viz/labels.py holds the
words of the read-only views)."""

from __future__ import annotations

from viz.labels import Lang

__all__ = ["ft"]

_WORDS: dict[str, tuple[str, str]] = {
    "form_expired": (
        "This form has expired or came from another site; nothing was saved. Send it again.",
        "表单已过期或来自其他网站，未保存任何内容。请重新提交。",
    ),
    "stale": (
        "Someone changed this record since you opened the form; nothing was saved. "
        "Changed meanwhile: {fields}. Your input is kept below: save again to replace "
        "their changes with it.",
        "自您打开表单后，此记录已被他人修改，未保存任何内容。期间修改的字段：{fields}。"
        "您的输入保留在下方：再次保存将以您的输入替换他人的修改。",
    ),
    "stale_removed": (
        "Someone removed this record since you opened the form; nothing was saved.",
        "自您打开表单后，此记录已被他人删除，未保存任何内容。",
    ),
    "now": ("Now: {value}", "现为：{value}"),
    "now_values": ("Now: {values}.", "现值：{values}。"),
    "settings": ("Method settings", "方法设置"),
    "find": ("Find", "查找"),
    "find_help": (
        "People, accounts and our staff by name, title or department",
        "按姓名、职务或部门查找人员、客户和我方人员",
    ),
    "hits": ("{count} found", "找到 {count} 项"),
    "card": ("Card", "人物卡片"),
    "on_map": ("On the map", "在关系图中"),
    "dashboard": ("Dashboard", "仪表盘"),
    "kind_person": ("Person", "人员"),
    "kind_account": ("Account", "客户"),
    "kind_staff": ("Our staff", "我方人员"),
    "field_name": ("name", "姓名"),
    "field_title": ("title", "职务"),
    "field_department": ("department", "部门"),
    "field_team": ("team", "团队"),
    "field_id": ("id", "编号"),
    "read_only": ("This key can only read.", "此密钥只能查看。"),
    "nothing_saved": ("Nothing was saved.", "未保存任何内容。"),
    "saved": ("Saved.", "已保存。"),
    "removed": ("Removed.", "已删除。"),
    "not_saved": ("Not saved: see the marked field.", "未保存：请查看标出的字段。"),
    "edit": ("Edit", "编辑"),
    "remove": ("Remove", "删除"),
    "save": ("Save", "保存"),
    "add_person": ("Add a person", "添加人员"),
    "edit_person": ("Edit person", "编辑人员"),
    "person_id": ("Id", "编号"),
    "name": ("Name", "姓名"),
    "title": ("Title", "职务"),
    "department": ("Department", "部门"),
    "layer": ("Layer", "层级"),
    "roles": ("Decision roles", "决策角色"),
    "notes": ("Notes", "备注"),
    "none": ("(none)", "（无）"),
    "add_tie": ("Draw a tie", "添加关系"),
    "tie_from": ("From", "从"),
    "tie_to": ("To", "到"),
    "tie_type": ("Type", "类型"),
    "strength": ("Strength", "强度"),
    "pick_hint": (
        "Click one person on the map, then another; or choose them here.",
        "在图上先后点击两个人，或在此选择。",
    ),
    "remove_tie": ("Remove tie", "删除关系"),
    "add_attitude": ("Record an attitude", "记录态度"),
    "toward": ("Toward", "对象"),
    "us": ("us", "我方"),
    "level": ("Level", "级别"),
    "as_of": ("Date", "日期"),
    "ties": ("Ties", "关系"),
    "assessment": ("Six-dimension assessment (optional)", "六维评估（可选）"),
    "implied_level": ("Level the assessment implies", "评估对应的级别"),
    "person": ("Person", "人员"),
    "what_if": ("What if", "假设分析"),
    "what_if_help": (
        "Try levels and contacts: nothing is saved until you press Save these changes.",
        "尝试调整级别和联系：按“保存这些更改”之前不会保存任何内容。",
    ),
    "try_level": ("Try this level", "试用此级别"),
    "try_contact": ("Try this contact", "试用此联系"),
    "health": ("Health", "关系健康度"),
    "gaps_closed": ("Gaps that close", "将关闭的缺口"),
    "gaps_opened": ("Gaps that open", "将出现的缺口"),
    "save_changes": ("Save these changes", "保存这些更改"),
    "clear": ("Clear", "清除"),
    "changes": ("Changes tried", "已尝试的更改"),
    "decision_roles": ("Decision chain", "决策链"),
    "opportunity": ("Opportunity", "商机"),
    "put_in_chain": ("Put in the chain", "加入决策链"),
    "take_out": ("Take out", "移出"),
    "coverage": ("Coverage: our staff's contacts", "覆盖：我方人员的联系"),
    "staff_id": ("Staff id", "员工编号"),
    "staff_name": ("Staff name", "员工姓名"),
    "add_staff": ("Add one of our staff", "添加我方人员"),
    "our_staff": ("Our staff", "我方人员"),
    "add_contact": ("Add a contact", "添加联系"),
    "end_contact": ("End contact", "结束联系"),
    "plans": ("Plans and actions", "计划与行动"),
    "target_level": ("Target level", "目标级别"),
    "start_date": ("Starts", "开始日期"),
    "target_date": ("Target date", "目标日期"),
    "owner": ("Owner", "负责人"),
    "needs": ("Needs", "需求"),
    "pain_points": ("Pain points", "痛点"),
    "save_plan": ("Save the plan", "保存计划"),
    "plan_of": ("Plan of", "计划对象"),
    "action": ("Action", "行动"),
    "due": ("Due", "截止日期"),
    "add_action": ("Add an action", "添加行动"),
    "status": ("Status", "状态"),
    "outcome": ("Outcome", "结果"),
    "open": ("open", "进行中"),
    "done": ("done", "已完成"),
    "dropped": ("dropped", "已放弃"),
}


def ft(key: str, lang: Lang) -> str:
    """A form word in ``lang``."""
    en, zh = _WORDS[key]
    return zh if lang == "zh" else en
