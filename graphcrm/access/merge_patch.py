"""JSON merge patch (RFC 7396): the partial update a PATCH sends (DESIGN.md, "Editing
 where you read").

Only the members a patch names change: a value replaces the member, ``null``
removes it (an optional field is cleared), an object is merged member by member.
Pure: the record to patch and the patch in, the patched document out.
"""

from __future__ import annotations

from typing import Any

__all__ = ["merge_patch"]


def merge_patch(target: Any, patch: Any) -> Any:
    """``target`` with ``patch`` applied as RFC 7396 says (neither argument is changed).

    >>> merge_patch({"name": "Chen", "title": "CTO", "notes": "x"}, {"title": "CEO", "notes": None})
    {'name': 'Chen', 'title': 'CEO'}
    >>> merge_patch({"a": {"b": 1, "c": 2}}, {"a": {"c": None, "d": 3}})
    {'a': {'b': 1, 'd': 3}}
    >>> merge_patch({"a": 1}, ["not", "an", "object"])
    ['not', 'an', 'object']
    """
    if not isinstance(patch, dict):
        return patch
    merged = dict(target) if isinstance(target, dict) else {}
    for name, value in patch.items():
        if value is None:
            merged.pop(name, None)
        else:
            merged[name] = merge_patch(merged.get(name), value)
    return merged
