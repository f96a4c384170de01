"""The quarterly review and task book pages against real data with a scripted quarter.

The demo accounts are imported on 2026-11-02 (after every reading in the demo
files); over November the script records a first contact with 陈志远, an
assessment lifting 黄志诚 from 0 to 2 (his target) with his action done, and
one dropping 孙卫东 from 3 to 2. The review page between 2026-11-02 and
2026-11-30 must show exactly what graphcrm.plans.review computes from the
store for those dates, and the task book page what graphcrm.plans.task_book
computes for today, in a real headless Chromium with no console error and no
host but the service. The reads are audited as every page's are.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import openpyxl
import pytest

from graphcrm.access import AccessStore
from graphcrm.access.store import AuditQuery
from graphcrm.graph import load_account_graph
from graphcrm.model import ActionStatus, Attitude, Contact, Dataset
from graphcrm.plans import Review, TaskBook, review, task_book
from graphcrm.plans.review import QUARTER_DAYS
from graphcrm.stores import open_store
from tests.ui.conftest import (
    Served,
    Watched,
    demo_stores,
    form_sign_in,
    save_screenshot,
    serve,
    sign_in,
)

ACCOUNT = "jiangnan-mobile"
START, END = date(2026, 11, 2), date(2026, 11, 30)
HUANG, SUN, CHEN = "jn-huangzhicheng", "jn-sunweidong", "jn-chenzhiyuan"
AR = "st-zh-ar"
REVIEW = f"/accounts/{ACCOUNT}/review?from={START}&to={END}"
TASK_BOOK = f"/accounts/{ACCOUNT}/task-book"
DIMENSIONS = Attitude.dimension_fields


def _assessed(person: str, level: int, on: date) -> Attitude:
    """All six dimensions at ``level``: the level is ``level``."""
    return Attitude(person_id=person, level=level, as_of=on, **dict.fromkeys(DIMENSIONS, level))


def _script(served: Served) -> None:
    store = open_store(served.settings.store, served.settings)
    try:
        store.write(
            Dataset(contacts=[Contact(staff_id=AR, person_id=CHEN, strength=0.5,
                                      last_contact=date(2026, 11, 9))]),
            on=date(2026, 11, 9),
        )  # fmt: skip
        actions = store.account_data(ACCOUNT).actions
        seminar = next(a for a in actions if a.person_id == HUANG and a.status == "open")
        done = seminar.model_copy(update={"status": ActionStatus.DONE, "outcome": "评审专家"})
        store.write(
            Dataset(attitudes=[_assessed(HUANG, 2, date(2026, 11, 16))], actions=[done]),
            on=date(2026, 11, 16),
        )
        store.write(
            Dataset(attitudes=[_assessed(SUN, 2, date(2026, 11, 23))]), on=date(2026, 11, 23)
        )
    finally:
        store.close()


@pytest.fixture(scope="module")
def quarter(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    settings, keys = demo_stores(tmp_path_factory.mktemp("quarter"), on=START)
    with serve(settings) as url:
        served = Served(url, settings, keys)
        _script(served)
        yield served


@pytest.fixture(scope="module")
def watched(browser: Any, quarter: Served) -> Iterator[Watched]:
    with sign_in(browser, quarter, "demo") as signed_in:
        yield signed_in


def _expected_review(served: Served) -> Review:
    store = open_store(served.settings.store, served.settings)
    try:
        before = load_account_graph(store, ACCOUNT, as_of=START)
        after = load_account_graph(store, ACCOUNT, as_of=END)
    finally:
        store.close()
    return review(before, after, from_date=START, to_date=END)


def _expected_task_book(served: Served) -> TaskBook:
    store = open_store(served.settings.store, served.settings)
    try:
        return task_book(load_account_graph(store, ACCOUNT), today=date.today())
    finally:
        store.close()


def _staff_name(served: Served, staff_id: str) -> str:
    store = open_store(served.settings.store, served.settings)
    try:
        return next(s.name for s in store.account_data(ACCOUNT).staff if s.id == staff_id)
    finally:
        store.close()


def _open(watched: Watched, served: Served, path: str) -> Any:
    watched.errors.clear()
    watched.hosts.clear()
    answer = watched.page.goto(served.ui(path) + "&lang=zh" if "?" in path else served.ui(path))
    assert answer is not None and answer.status == 200, path
    watched.page.wait_for_load_state("networkidle")
    assert watched.errors == [], watched.errors
    assert watched.hosts <= {served.host}, watched.hosts
    return watched.page


def test_the_script_moved_the_people_it_meant_to(quarter: Served) -> None:
    expected = _expected_review(quarter)
    moves = {c.person_id: (c.level_from, c.level_to) for c in expected.level_changes}
    assert moves == {HUANG: (0, 2), SUN: (3, 2)}
    assert [o.person_id for o in expected.targets_met] == [HUANG]
    assert [c.person_id for c in expected.coverage_gained] == [CHEN]
    assert [a.person_id for a in expected.actions_done] == [HUANG]


def test_review_page_shows_the_review_of_the_store(
    watched: Watched, quarter: Served, artifacts: Path
) -> None:
    expected = _expected_review(quarter)
    page = _open(watched, quarter, REVIEW)
    rows = page.eval_on_selector_all(
        "tr.level-change",
        """rs => rs.map(r => ({id: r.dataset.personId, direction: r.dataset.direction,
            arrow: r.querySelector('.arrow').textContent, text: r.innerText,
            chips: [...r.querySelectorAll('.chip.level')].map(c => Number(c.dataset.level))}))""",
    )
    by_id = {r["id"]: r for r in rows}
    assert set(by_id) == {c.person_id for c in expected.level_changes}
    huang, sun = by_id[HUANG], by_id[SUN]
    assert (huang["direction"], huang["arrow"], huang["chips"]) == ("up", "▲", [0, 2])
    assert "黄志诚" in huang["text"] and "中立" in huang["text"] and "支持并排它" in huang["text"]
    assert (sun["direction"], sun["arrow"], sun["chips"]) == ("down", "▼", [3, 2])
    assert "孙卫东" in sun["text"]
    # Health at both dates, and the change, as the review computes them.
    health = page.eval_on_selector_all(
        ".health-pair .at", "ds => ds.map(d => [d.dataset.date, d.dataset.health])"
    )
    assert health == [
        [str(START), f"{expected.health_from:.1f}"],
        [str(END), f"{expected.health_to:.1f}"],
    ]
    delta = page.get_attribute(".health-pair .delta", "data-change")
    assert delta == f"{expected.health_change:.1f}"
    # Every count, and each section's rows.
    counts = dict(
        page.eval_on_selector_all(
            ".tile", "ts => ts.map(t => [t.dataset.count, Number(t.querySelector('.n').innerText)])"
        )
    )
    for key in ("moved_up", "moved_down", "coverage_gained", "coverage_lost", "gaps_closed",
                "gaps_opened", "actions_done", "actions_overdue", "targets_met",
                "targets_missed"):  # fmt: skip
        assert counts[key] == len(getattr(expected, key)), key
    gained = page.eval_on_selector_all(
        "table.coverage-changes tr.coverage-change", "rs => rs.map(r => r.innerText)"
    )
    assert len(gained) == 1 and "陈志远" in gained[0] and _staff_name(quarter, AR) in gained[0]
    met = page.eval_on_selector_all(
        "table.targets-met tr.target", "rs => rs.map(r => r.dataset.personId)"
    )
    assert met == [HUANG]
    assert page.input_value("#from") == str(START) and page.input_value("#to") == str(END)
    save_screenshot(page, "review-quarter", artifacts)
    _docs_shot(watched, quarter, REVIEW, artifacts / "docs-review.png")


def test_the_date_pickers_reload_the_page(watched: Watched, quarter: Served) -> None:
    page = _open(watched, quarter, f"/accounts/{ACCOUNT}/review?lang=zh")
    today = date.today()
    assert page.input_value("#to") == str(today)
    assert page.input_value("#from") == str(today - timedelta(days=QUARTER_DAYS))
    page.fill("#from", str(START))
    page.fill("#to", "2026-11-20")
    with page.expect_navigation():
        page.click("form.tools button[type=submit]")
    assert "from=2026-11-02" in page.url and "to=2026-11-20" in page.url and "lang=zh" in page.url
    rows = page.eval_on_selector_all("tr.level-change", "rs => rs.map(r => r.dataset.personId)")
    assert rows == [HUANG]  # 孙卫东 dropped on the 23rd, after this period
    assert "季度复盘" in page.inner_text("h1")


def test_task_book_page_shows_the_task_book_of_the_store(
    watched: Watched, quarter: Served, artifacts: Path
) -> None:
    expected = _expected_task_book(quarter)
    page = _open(watched, quarter, TASK_BOOK + "?lang=zh")
    shown = page.eval_on_selector_all(
        "section.person",
        """ss => ss.map(s => ({id: s.dataset.personId, status: s.dataset.status,
            actions: s.querySelectorAll('tr.action').length,
            overdue: s.querySelectorAll('tr.action.overdue').length, text: s.innerText}))""",
    )
    assert [s["id"] for s in shown] == [x.person_id for x in expected.entries]
    for entry, block in zip(expected.entries, shown, strict=True):
        assert block["status"] == entry.progress.status
        assert block["actions"] == len(entry.actions)
        assert block["overdue"] == sum(a.overdue for a in entry.actions)
        assert entry.name in block["text"]
        assert (entry.needs or "—") in block["text"] and (entry.pain_points or "—") in block["text"]
        assert (entry.progress.owner_name or "—") in block["text"]
        for reason in entry.progress.reasons:
            assert reason.zh in block["text"]
    huang = next(s for s in shown if s["id"] == HUANG)
    assert huang["status"] == "met" and "已达成" in huang["text"] and "评审专家" in huang["text"]
    xlsx = page.get_attribute("a[href*='task-book.xlsx']", "href")
    assert xlsx is not None and xlsx.startswith("/ui/accounts/jiangnan-mobile/task-book.xlsx")
    save_screenshot(page, "task-book-quarter", artifacts)
    _docs_shot(watched, quarter, TASK_BOOK + "?lang=zh", artifacts / "docs-task-book.png")


def test_task_book_prints_on_a4_landscape(watched: Watched, quarter: Served) -> None:
    page = _open(watched, quarter, TASK_BOOK + "?lang=zh")
    css = page.eval_on_selector_all("style", "ss => ss.map(s => s.textContent).join('')")
    assert re.search(r"@page\s*\{\s*size:\s*A4 landscape", css)
    page.emulate_media(media="print")
    try:
        hidden = page.eval_on_selector("header.top", "h => getComputedStyle(h).display")
        split = page.eval_on_selector("section.person", "s => getComputedStyle(s).breakInside")
    finally:
        page.emulate_media(media="screen")
    assert hidden == "none" and split == "avoid"
    pdf = page.pdf(prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF")


def _docs_shot(watched: Watched, served: Served, path: str, target: Path) -> None:
    """A small picture of the page's top (768 x 480, a 1536 x 960 window at half scale), like
    the ones in docs/, in the same signed-in session."""
    context = watched.page.context
    small = context.browser.new_context(
        viewport={"width": 1536, "height": 960},
        device_scale_factor=0.5,
        storage_state=context.storage_state(),
    )
    try:
        page = small.new_page()
        page.goto(served.ui(path) + ("&" if "?" in path else "?") + "lang=zh")
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(target))
    finally:
        small.close()


@contextmanager
def _client(served: Served) -> Iterator[httpx.Client]:
    """A client signed in through the form (it holds the session cookie)."""
    with httpx.Client(base_url=served.url, timeout=30) as client:
        signed_in = form_sign_in(client, served, served.keys["demo"])
        assert signed_in.status_code == 303
        yield client


@pytest.mark.parametrize(
    "query",
    ["from=2026-11-30&to=2026-11-02", "from=yesterday", f"to={date.today() + timedelta(days=1)}"],
)
def test_a_bad_period_answers_422_with_the_pickers(quarter: Served, query: str) -> None:
    with _client(quarter) as client:
        answer = client.get(quarter.ui(f"/accounts/{ACCOUNT}/review?{query}&lang=zh"))
    assert answer.status_code == 422
    assert 'type="date"' in answer.text and "起始日期不得晚于截止日期" in answer.text
    assert "黄志诚" not in answer.text


def test_the_task_book_workbook_is_the_apis(quarter: Served) -> None:
    with _client(quarter) as client:
        page = client.get(quarter.ui(f"{TASK_BOOK}.xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(page.content)).active
    cells = {str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None}
    for entry in _expected_task_book(quarter).entries:
        assert entry.name in " ".join(cells)
    assert page.headers["content-disposition"].endswith(f'task-book-{ACCOUNT}.xlsx"')


def test_page_reads_are_audited(quarter: Served) -> None:
    with _client(quarter) as client:
        assert client.get(quarter.ui(REVIEW)).status_code == 200
        assert client.get(quarter.ui(TASK_BOOK)).status_code == 200
        assert client.get(quarter.ui(f"{TASK_BOOK}.xlsx")).status_code == 200
    with AccessStore(quarter.settings.access_db) as access:
        entries, _ = access.audit(AuditQuery(account_id=ACCOUNT, action="read", limit=10))
    routes = [(e.route, e.team, e.status) for e in entries[:3]]
    assert routes == [
        ("/ui/accounts/{account_id}/task-book.xlsx", "demo", 200),
        ("/ui/accounts/{account_id}/task-book", "demo", 200),
        ("/ui/accounts/{account_id}/review", "demo", 200),
    ]
