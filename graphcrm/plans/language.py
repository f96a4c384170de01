"""The language an account works in, for the text the service writes into it (issue 12
item 7): the actions ``plan`` creates read "请孙卫东引荐…" in a Chinese account.

The account's recorded ``language`` wins; with none, the account's data decides: Chinese
when at least half of its people's names hold Chinese characters, else English.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from graphcrm.model import Language

__all__ = ["account_language", "has_chinese", "language_of_names"]


def has_chinese(text: str) -> bool:
    """True if ``text`` holds a CJK unified ideograph.

    >>> has_chinese("孙卫东"), has_chinese("Sandra Liu")
    (True, False)
    """
    return any("\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" for c in text)


def language_of_names(names: Iterable[str]) -> Language:
    """Chinese when at least half of the names hold Chinese characters (no names: English).

    >>> language_of_names(["孙卫东", "林晓峰", "Tom"]), language_of_names(["Tom", "Ann"])
    (<Language.ZH: 'zh'>, <Language.EN: 'en'>)
    """
    found = [has_chinese(n) for n in names]
    return Language.ZH if found and 2 * sum(found) >= len(found) else Language.EN


def account_language(graph: nx.MultiDiGraph) -> Language:
    """The account graph's language: its account's recorded ``language``, else from its
    people's names (:func:`language_of_names`)."""
    recorded = (graph.graph.get("account") or {}).get("language")
    if recorded:
        return Language(recorded)
    people = (d.get("name") or "" for _, d in graph.nodes(data=True) if d.get("kind") == "person")
    return language_of_names(str(n) for n in people)
