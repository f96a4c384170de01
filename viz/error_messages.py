"""The core's refusals in the page's language (issue 11; DESIGN.md "Editing where you read").

A catalogue keyed by the kind of problem, never a translation of free text: the
core tags what it refuses (``RecordError.kind`` with the values it names, or
pydantic's error ``type`` with its context), and a page in Chinese shows the
catalogue's sentence for that kind with those values. English pages show the
core's own message, which is where the English wording lives; a kind the
catalogue does not know is shown as the core worded it.
"""

from __future__ import annotations

from collections.abc import Mapping

from viz.labels import Lang

__all__ = ["ZH", "localised"]

#: Chinese sentences by kind; ``{name}`` takes the value the core named.
ZH: dict[str, str] = {
    # graphcrm.model.integrity and graphcrm.plans.owners (RecordError.kind)
    "unknown_person": "此客户中没有人员 {value}",
    "unknown_staff_member": "没有我方人员 {value}",
    "unknown_account": "没有客户 {value}",
    "unknown_competitor": "没有竞争对手 {value}",
    "unknown_opportunity": "没有商机 {value}",
    "reports_to_cycle": "汇报关系（reports_to）形成循环：{path}",
    "due_before_start": "截止日期 {due} 早于计划开始日期 {start}",
    "target_before_start": "目标日期 {target} 早于计划开始日期 {start}",
    "level_range": "级别应为 -1 到 3 之间的整数，而不是 {value}",
    "foreign_owner": "负责人 {owner} 属于团队 {team}，不是本客户的团队 {ours}",
    # pydantic's error types (the record's field rules)
    "less_than_equal": "不能大于 {le}",
    "greater_than_equal": "不能小于 {ge}",
    "less_than": "必须小于 {lt}",
    "greater_than": "必须大于 {gt}",
    "missing": "必填",
    "int_parsing": "请输入整数",
    "int_from_float": "请输入整数",
    "float_parsing": "请输入数字",
    "date_parsing": "请输入日期（YYYY-MM-DD）",
    "date_from_datetime_parsing": "请输入日期（YYYY-MM-DD）",
    "string_too_long": "最多 {max_length} 个字符",
    "string_too_short": "不能为空",
    "string_pattern_mismatch": "格式不正确",
    "enum": "请从列表中选择",
    "literal_error": "请从列表中选择",
}


def localised(message: str, kind: str | None, params: Mapping[str, object], lang: Lang) -> str:
    """``message`` (the core's, English) in ``lang``: the catalogue's sentence for
    ``kind`` with ``params`` on a Chinese page, else the message as it is.

    >>> path = "a -> b -> a"
    >>> localised(f"reports_to cycle: {path}", "reports_to_cycle", {"path": path}, "zh")
    '汇报关系（reports_to）形成循环：a -> b -> a'
    >>> localised("Input should be less than or equal to 3", "less_than_equal", {"le": 3}, "en")
    'Input should be less than or equal to 3'
    >>> localised("something new", "no_such_kind", {}, "zh")
    'something new'
    """
    sentence = ZH.get(kind or "") if lang == "zh" else None
    if sentence is None:
        return message
    try:
        return sentence.format(**{k: str(v) for k, v in params.items()})
    except (KeyError, IndexError):  # the core named other values than the sentence takes
        return message
