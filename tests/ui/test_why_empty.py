"""An empty choice says why (issue 12 item 11): Krackhardt's account has no opportunity, so
the map's and the fishbone's decision-chain choice offer nothing, and say so, in the page's
language; an account with opportunities shows no such note."""

from __future__ import annotations

import pytest

from tests.ui.conftest import Served
from tests.ui.test_html import _client

NOTE = {
    "en": "No opportunity recorded, so no decision chain",
    "zh": "尚无商机记录，因此没有决策链",
}


@pytest.mark.parametrize("view", ["map", "fishbone"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_decision_chain_says_why(served: Served, view: str, lang: str) -> None:
    with _client(served) as client:
        empty = client.get(
            served.ui(f"/accounts/krackhardt-hightech/{view}"), params={"lang": lang}
        )
        full = client.get(served.ui(f"/accounts/jiangnan-mobile/{view}"), params={"lang": lang})
    assert empty.status_code == full.status_code == 200
    assert NOTE[lang] in empty.text and 'class="why-empty"' in empty.text
    other = NOTE["zh" if lang == "en" else "en"]
    assert other not in empty.text
    assert "why-empty" not in full.text.split("</style>")[-1]
