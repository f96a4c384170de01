"""The files the pages load from the service itself: vis-network (from pyvis) and our scripts."""

from __future__ import annotations

from pathlib import Path

from viz.orgmap import VIS_ASSETS

__all__ = ["ASSET_TYPES", "asset"]

_STATIC = Path(__file__).parent / "static"
ASSET_TYPES = {".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml"}


def asset(name: str) -> tuple[bytes, str] | None:
    """An asset's bytes and media type, or None if there is no such asset."""
    path = VIS_ASSETS.get(name)
    if path is None:
        candidate = _STATIC / name
        names = {p.name for p in _STATIC.iterdir()}
        path = candidate if name in names else None
    if path is None or path.suffix not in ASSET_TYPES:
        return None
    return path.read_bytes(), ASSET_TYPES[path.suffix]
