"""A served graphcrm (uvicorn on a loopback port) with the demo accounts, and a headless
Chromium (Debian's, driven by Playwright; never downloaded) signed in to it.

Team ``demo`` owns the three demo accounts; team ``other`` owns nothing of them.
Screenshots go to pytest's temporary folder, or to $GRAPHCRM_SCREENSHOTS when set
(``make screenshots``: test-artifacts/, git-ignored).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import uvicorn

from api import ApiSettings, create_app
from graphcrm.access import AccessStore
from graphcrm.cli import DEMO_SETS, FIXTURES
from graphcrm.io.importer import import_path
from graphcrm.stores import open_store

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"  # make screenshots saves here (GRAPHCRM_SCREENSHOTS)
CHROMIUM = Path("/usr/bin/chromium")
DEMO_ACCOUNTS = ("jiangnan-mobile", "northwind-industrial", "krackhardt-hightech")
UI = "/ui"
#: The map script has drawn (orgmap.js marks its canvas): a selector wait, no eval needed.
MAP_READY = "#network[data-ready]"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]


@dataclass
class Served:
    """The running service: its base URL, stores' settings and keys."""

    url: str
    settings: ApiSettings
    keys: dict[str, str] = field(default_factory=dict)

    def ui(self, path: str = "") -> str:
        return f"{self.url}{UI}{path}"

    @property
    def host(self) -> str:
        return urlsplit(self.url).netloc


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def demo_stores(tmp: Path, *, on: date | None = None) -> tuple[ApiSettings, dict[str, str]]:
    """A store in ``tmp`` holding the demo accounts imported ``on`` (default today), owned by
    team demo, and the keys of teams demo and other."""
    settings = ApiSettings(store=f"sqlite:///{tmp / 'graph.db'}", access_db=str(tmp / "access.db"))
    store = open_store(settings.store, settings)
    try:
        for name in DEMO_SETS:
            import_path(store, FIXTURES / name, on=on)
    finally:
        store.close()
    with AccessStore(settings.access_db) as access:
        access.ensure_team("demo")
        for account_id in DEMO_ACCOUNTS:
            access.assign(account_id, "demo")
        keys = {
            "demo": access.create_key("demo", "ui-test").key,
            "other": access.create_key("other", "stranger", create_team=True).key,
        }
    return settings, keys


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    settings, keys = demo_stores(tmp_path_factory.mktemp("ui"))
    with serve(settings) as url:
        yield Served(url, settings, keys)


@contextmanager
def serve(settings: ApiSettings) -> Iterator[str]:
    """The app on ``settings`` served by uvicorn on a free loopback port; yields its URL."""
    port = _free_port()
    config = uvicorn.Config(
        create_app(settings), host="127.0.0.1", port=port, log_level="warning", lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the service did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _ensure_chromium() -> None:
    if CHROMIUM.exists():
        return
    script = ROOT / "scripts" / "install-browser.sh"
    if os.environ.get("CI") or os.geteuid() == 0:
        subprocess.run(["sh", str(script)], check=True)
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/install-browser.sh (make test does)")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    _ensure_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Watched:
    """A signed-in page, with every console error and every host it asked for."""

    page: Any
    errors: list[str]
    hosts: set[str]


@pytest.fixture(scope="session")
def signed_in(browser: Any, served: Served) -> Iterator[Watched]:
    """One browser context signed in as team demo through the sign-in form."""
    with sign_in(browser, served, "demo") as watched:
        yield watched


@contextmanager
def sign_in(browser: Any, served: Served, who: str) -> Iterator[Watched]:
    """A new browser context signed in with ``who``'s key through the sign-in form."""
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN")
    page = context.new_page()
    errors: list[str] = []
    hosts: set[str] = set()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda r: hosts.add(urlsplit(r.url).netloc or urlsplit(r.url).scheme))
    page.goto(served.ui("/sign-in"))
    page.fill("#key", served.keys[who])
    page.click("button[type=submit]")
    page.wait_for_url(served.ui())
    try:
        yield Watched(page, errors, hosts)
    finally:
        context.close()


@pytest.fixture(scope="session")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the browser tests save their screenshots: ``$GRAPHCRM_SCREENSHOTS`` when set
    (``make screenshots`` sets test-artifacts/), else pytest's own temporary folder (a run,
    CI's included, writes nothing into the repository)."""
    chosen = os.environ.get("GRAPHCRM_SCREENSHOTS")
    if not chosen:
        return tmp_path_factory.mktemp("screenshots")
    folder = Path(chosen)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def page_token(client: Any, url: str) -> str:
    """The form token (CSRF) of the page at ``url``, as a browser reads it from the form."""
    answer = client.get(url)
    found = _TOKEN.search(answer.text)
    assert found, f"no form token on {url} ({answer.status_code})"
    return found.group(1)


def form_sign_in(client: Any, served: Served, key: str) -> Any:
    """Sign ``client`` in as a browser does: load the form (its token), then post the key."""
    token = page_token(client, served.ui("/sign-in"))
    return client.post(served.ui("/sign-in"), data={"key": key, "csrf_token": token})


def save_screenshot(page: Any, name: str, folder: Path) -> Path:
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


__all__ = [
    "UI",
    "Served",
    "Watched",
    "demo_stores",
    "form_sign_in",
    "page_token",
    "save_screenshot",
    "serve",
    "sign_in",
]
