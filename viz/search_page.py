"""The results of the search box every page carries (issue 11 item 6).

Each person links to their card and to the organisation map centred on them
(``map?focus=<id>``, which find.js hands to the map's own search box); each
account to its dashboard; our staff are listed (they have no page of their
own). Nothing here reads a store: the hits come from ``graphcrm.access.search``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from graphcrm.access.search import SearchHit
from viz.form_labels import ft
from viz.labels import Lang
from viz.page import Nav, page
from viz.templating import render

__all__ = ["search_page"]

_CSS = """
.hits { list-style:none; padding:0; margin:8px 0; }
.hits li { padding:6px 0; border-bottom:1px solid var(--line); }
.hits .kind { display:inline-block; min-width:5.5em; color:#555; font-size:12px; }
.hits a { margin-left:10px; }
.hits .matched { color:#555; font-size:12px; margin-left:8px; }
"""


def search_page(nav: Nav, query: str, hits: Sequence[SearchHit] | None, *, error: str = "") -> str:
    """The page: the query, then each hit with its links (``hits`` None: nothing asked)."""
    rows = [_row(nav, hit) for hit in hits or ()]
    body = render(
        "search.html",
        nav=nav,
        lang=nav.lang,
        query=query,
        hits=rows,
        asked=hits is not None,
        error=error,
    )
    return page(ft("find", nav.lang), body, nav, css=_CSS)


def _field(name: str, lang: Lang) -> str:
    try:
        return ft(f"field_{name}", lang)
    except KeyError:  # a field the search learns later: its own name until it has words
        return name


def _row(nav: Nav, hit: SearchHit) -> dict[str, object]:
    links: list[tuple[str, str]] = []
    if hit.kind == "person" and hit.account_id:
        at = replace(nav, account_id=hit.account_id)
        links = [
            (ft("card", nav.lang), at.href(f"cards/{hit.id}")),
            (ft("on_map", nav.lang), at.href("map", focus=hit.id)),
        ]
    elif hit.kind == "account":
        links = [(ft("dashboard", nav.lang), replace(nav, account_id=hit.id).href())]
    return {
        "kind": ft(f"kind_{hit.kind}", nav.lang),
        "label": hit.label,
        "account": hit.account_id if hit.kind == "person" else None,
        "matched": ", ".join(_field(f, nav.lang) for f in hit.matched),
        "links": links,
    }
