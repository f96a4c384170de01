"""The API's documentation pages work with no internet: every asset is served by graphcrm."""

from __future__ import annotations

import re

import pytest

from tests.api.conftest import ApiEnv

_URL = re.compile(r"""(?:src|href)=["']([^"']+)["']|url:\s*["']([^"']+)["']""")


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_docs_load_only_from_the_service(empty_env: ApiEnv, page: str) -> None:
    html = empty_env.client.get(page)
    assert html.status_code == 200
    assert "http://" not in html.text and "https://" not in html.text  # no CDN, no fonts host
    assets = [a or b for a, b in _URL.findall(html.text)]
    assert assets, "the page names the scripts it loads"
    for asset in assets:
        assert asset.startswith("/"), asset
        fetched = empty_env.client.get(asset)
        assert fetched.status_code == 200, asset
        assert len(fetched.content) > 100, asset
