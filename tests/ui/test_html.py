"""The pages' HTML, fetched over HTTP from the served app: no URL of any other host,
Chinese labels with ?lang=zh, another team's account answers 404, downloads open."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import openpyxl
import pytest

from tests.ui.conftest import Served, form_sign_in, page_token
from tests.ui.test_browser import PAGES

URL = re.compile(r"https?://[^\s\"'<>)]+", re.IGNORECASE)


@contextmanager
def _client(served: Served, who: str = "demo") -> Iterator[httpx.Client]:
    """A client signed in through the form, as a browser is: it holds a session cookie."""
    with httpx.Client(base_url=served.url, timeout=30) as client:
        signed_in = form_sign_in(client, served, served.keys[who])
        assert signed_in.status_code == 303, signed_in.text
        yield client


@pytest.mark.parametrize("name", list(PAGES))
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_url_outside_the_service(served: Served, name: str, lang: str) -> None:
    path = PAGES[name].split("?lang=")[0]
    with _client(served) as client:
        answer = client.get(served.ui(path), params={"lang": lang})
    assert answer.status_code == 200
    outside = [u for u in URL.findall(answer.text) if not u.startswith(served.url)]
    assert outside == []
    assert "cdn" not in answer.text.lower().replace("cdn_", "")


def test_the_served_scripts_fetch_nothing_elsewhere(served: Served) -> None:
    with _client(served) as client:
        for name in ("orgmap.js", "fishbone.js"):
            text = client.get(served.ui(f"/assets/{name}")).text
            assert "fetch(" not in text and "XMLHttpRequest" not in text
            assert [u for u in URL.findall(text) if "www.w3.org/2000/svg" not in u] == []


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/accounts/northwind-industrial", ["客户关系健康度", "关键人", "短木板与机会点"]),
        ("/accounts/northwind-industrial/map", ["组织关系图谱", "图例", "决策链"]),
        ("/accounts/northwind-industrial/fishbone", ["决策链鱼骨图", "下载 PNG"]),
        ("/accounts/northwind-industrial/assessment", ["客户关系评估表", "接受认可度"]),
        ("/accounts/northwind-industrial/power", ["决策与权力分析图", "隐性影响者"]),
        ("/accounts/northwind-industrial/cards", ["拓展卡片", "六维度量化评估"]),
        (
            "/accounts/northwind-industrial/review",
            ["季度复盘", "关键人态度变化", "覆盖增加", "起始日期"],
        ),
        ("/accounts/northwind-industrial/task-book", ["客户关系提升目标任务书", "负责人", "痛点"]),
    ],
)
def test_chinese_labels_with_lang_zh(served: Served, path: str, words: list[str]) -> None:
    with _client(served) as client:
        zh = client.get(served.ui(path), params={"lang": "zh"}).text
        en = client.get(served.ui(path), params={"lang": "en"}).text
    for word in words:
        assert word in zh
        assert word not in en


@pytest.mark.parametrize("view", ["map", "review", "task-book", "task-book.xlsx"])
def test_another_teams_account_answers_404(served: Served, view: str) -> None:
    with _client(served, "other") as client:
        theirs = client.get(served.ui(f"/accounts/jiangnan-mobile/{view}"))
        nobodys = client.get(served.ui(f"/accounts/no-such-account/{view}"))
        mine = client.get(served.ui(""))
    assert theirs.status_code == nobodys.status_code == 404
    assert theirs.text == nobodys.text
    assert "黄志诚" not in theirs.text
    assert "jiangnan-mobile" not in mine.text


def test_sign_in_sets_an_httponly_strict_cookie_and_never_echoes_the_key(served: Served) -> None:
    with httpx.Client(base_url=served.url) as client:
        bad = form_sign_in(client, served, "gcrm_x_wrong")
        good = form_sign_in(client, served, served.keys["demo"])
    assert bad.status_code == 401 and "gcrm_x_wrong" not in bad.text
    assert good.status_code == 303
    cookie = good.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "path=/ui" in cookie
    assert served.keys["demo"] not in good.headers["location"]
    assert served.keys["demo"].lower() not in cookie  # the browser keeps a session, not the key


def test_signing_out_ends_the_session(served: Served) -> None:
    with _client(served) as client:
        token = client.cookies["graphcrm_session"]
        assert client.get(served.ui("")).status_code == 200
        form = {"csrf_token": page_token(client, served.ui(""))}
        assert client.post(served.ui("/sign-out"), data=form).status_code == 303
        client.cookies.set("graphcrm_session", token)  # a copy of the cookie kept elsewhere
        again = client.get(served.ui(""))
    assert again.status_code == 401 and "sign-in" in again.text


def test_downloads(served: Served) -> None:
    base = "/accounts/jiangnan-mobile"
    with _client(served) as client:
        svg = client.get(served.ui(f"{base}/fishbone.svg"), params={"lang": "zh"})
        cards = client.get(served.ui(f"{base}/cards.xlsx"), params={"lang": "zh"})
        table = client.get(served.ui(f"{base}/assessment.xlsx"))
        csv = client.get(served.ui(f"{base}/assessment.csv"), params={"lang": "zh"})
    assert svg.headers["content-type"].startswith("image/svg+xml")
    assert svg.text.count('class="bone"') >= 2 and "黄志诚" in svg.text
    book = openpyxl.load_workbook(io.BytesIO(cards.content))
    assert len(book.sheetnames) >= 4 and "黄志诚" in book.sheetnames
    sheet = openpyxl.load_workbook(io.BytesIO(table.content)).active
    assert sheet.max_row == 52  # header + the account's 51 people
    assert csv.content.startswith(b"\xef\xbb\xbf") and "接受认可度" in csv.content.decode(
        "utf-8-sig"
    )
