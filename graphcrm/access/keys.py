"""API keys: random secrets shown once; only their SHA-256 is stored.

A key reads ``gcrm_<key id>_<secret>``. The key id (8 hex digits) names the key
in listings, the audit log and revocation; the secret is 32 random bytes. Keys
are high-entropy random strings, so a plain SHA-256 (no salt, no slow hash) is
enough to make a leaked access database useless for calling the API, and lets a
request find its key by hash in one indexed lookup.
"""

from __future__ import annotations

import hashlib
import re
import secrets

__all__ = [
    "KEY_PREFIX",
    "SESSION_PREFIX",
    "generate_key",
    "generate_session_token",
    "hash_key",
    "looks_like_key",
    "looks_like_session_token",
]

KEY_PREFIX = "gcrm_"
SESSION_PREFIX = "gsess_"
_KEY_RE = re.compile(r"^gcrm_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$")
_SESSION_RE = re.compile(r"^gsess_[A-Za-z0-9_-]{43}$")


def generate_key() -> tuple[str, str]:
    """A new (key id, full key)."""
    key_id = secrets.token_hex(4)
    return key_id, f"{KEY_PREFIX}{key_id}_{secrets.token_urlsafe(32)}"


def hash_key(key: str) -> str:
    """The stored form of a key: its SHA-256, hex."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def looks_like_key(text: str) -> bool:
    """Whether ``text`` has the shape of a graphcrm key (checked before any lookup)."""
    return bool(_KEY_RE.match(text))


def generate_session_token() -> str:
    """A new sign-in session token (what a browser keeps instead of the key itself)."""
    return f"{SESSION_PREFIX}{secrets.token_urlsafe(32)}"


def looks_like_session_token(text: str) -> bool:
    return bool(_SESSION_RE.match(text))
