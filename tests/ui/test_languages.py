"""Language everywhere (issue 12 item 7), over HTTP on the served demo: a ``?lang=zh`` page
shows no English enumerated value (a code of any vocabulary, gap, quadrant, progress
status or level, or its English label), and an English page no Chinese text that is not
the data's own (names, titles, departments: the records' text, read from the store).

Pages: the dashboard, the accounts list, the task book, the assessment table, the quarterly
review, the portfolio and the "my work" agenda; the Chinese demo account (jiangnan-mobile)
for Chinese, the English one (northwind-industrial) for English.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from enum import StrEnum
from html import unescape

import httpx
import pytest

import graphcrm.model.vocab as vocab
from graphcrm.analysis import QUADRANT_LABELS
from graphcrm.analysis.gaps import GapCode
from graphcrm.stores import open_store
from tests.ui.conftest import DEMO_ACCOUNTS, Served, form_sign_in
from viz.labels import GAP_LABELS, LEVEL_LABELS, PORTFOLIO_QUADRANT_LABELS, progress_label

ZH_ACCOUNT, EN_ACCOUNT = "jiangnan-mobile", "northwind-industrial"
VIEWS = ["", "/task-book", "/assessment", "/review"]
OWN = ["", "/portfolio", "/staff/st-zh-ar"]


def _english_values() -> set[str]:
    """Every enumerated value as a code and as its English label."""
    words: set[str] = set()
    enums = [e for e in vars(vocab).values() if isinstance(e, type) and issubclass(e, StrEnum)]
    for enum in [*enums, GapCode]:
        if enum is not StrEnum:
            words |= {m.value for m in enum} | {m.value.replace("_", " ") for m in enum}
    for labels in (GAP_LABELS, PORTFOLIO_QUADRANT_LABELS):
        words |= set(labels) | {en for en, _ in labels.values()}
    words |= set(QUADRANT_LABELS) | {q["en"] for q in QUADRANT_LABELS.values()}
    words |= {en for en, _ in LEVEL_LABELS.values()}
    words |= {progress_label(s, "en") for s in ("on_track", "off_track", "met", "missed")}
    return {w for w in words if len(w) > 1}


def _visible(markup: str) -> str:
    """The text a reader sees: no scripts, styles, tags or attributes; without the
    language switch (EN · 中文), which names both languages on purpose."""
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.S)
    markup = markup.replace(">EN</a>", "></a>").replace(">中文</a>", "></a>")
    return unescape(re.sub(r"<[^>]+>", " ", markup))


@pytest.fixture(scope="module")
def data_text(served: Served) -> str:
    """Every text value of the demo accounts' records, our staff and competitors."""
    store = open_store(served.settings.store, served.settings)
    try:
        records: list[object] = [*store.staff(), *store.competitors()]
        for account_id in DEMO_ACCOUNTS:
            for _, rows in store.account_data(account_id).tables():
                records.extend(rows)
    finally:
        store.close()
    values = []
    for record in records:
        dumped = record.model_dump(mode="json")  # type: ignore[attr-defined]
        values += [str(v) for v in dumped.values() if isinstance(v, str)]
    return "\n".join(values)


@pytest.fixture(scope="module")
def client(served: Served) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=served.url, timeout=120) as c:
        assert form_sign_in(c, served, served.keys["demo"]).status_code == 303
        yield c


def _pages(served: Served, account: str) -> list[str]:
    return [served.ui(f"/accounts/{account}{v}") for v in VIEWS] + [served.ui(p) for p in OWN]


def test_no_english_enumerated_value_on_a_chinese_page(
    served: Served, client: httpx.Client
) -> None:
    words = _english_values()
    pattern = re.compile(
        r"(?<![\w@.-])(" + "|".join(map(re.escape, sorted(words, key=len)[::-1])) + r")(?![\w@-])",
        re.IGNORECASE,
    )
    found = {}
    for url in _pages(served, ZH_ACCOUNT):
        answer = client.get(url, params={"lang": "zh"})
        assert answer.status_code == 200, url
        hits = sorted(set(pattern.findall(_visible(answer.text))))
        if hits:
            found[url] = hits
    assert found == {}


def test_no_chinese_label_on_an_english_page(
    served: Served, client: httpx.Client, data_text: str
) -> None:
    found = {}
    for url in _pages(served, EN_ACCOUNT):
        answer = client.get(url, params={"lang": "en"})
        assert answer.status_code == 200, url
        runs = set(re.findall(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+", _visible(answer.text)))
        labels = sorted(r for r in runs if r not in data_text)
        if labels:
            found[url] = labels
    assert found == {}
