"""Why a panel or a choice is empty, said where it is empty (issue 12 item 11).

A view that shows nothing says why, in the page's language, so an empty
panel is not mistaken for a fault (Krackhardt's account has no opportunity,
so its decision-chain choice has nothing to offer).
"""

from __future__ import annotations

from viz.account import AccountView
from viz.labels import Lang

__all__ = ["no_chain_note"]

_NO_CHAIN = (
    "No opportunity recorded, so no decision chain: the whole account is shown.",
    "尚无商机记录，因此没有决策链：显示整个客户。",
)


def no_chain_note(view: AccountView, lang: Lang) -> str:
    """Why the decision-chain choice is empty, when it is: the account has no opportunity
    (text; the pages' templates print it in a ``why-empty`` span, escaped)."""
    if view.chains:
        return ""
    return _NO_CHAIN[lang == "zh"]
