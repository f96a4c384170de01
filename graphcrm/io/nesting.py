"""How deeply a JSON text nests arrays and objects, found without parsing it.

Python's json module parses recursively: a document nested 100,000 deep
exhausts the stack (RecursionError) before any check on the parsed value
could run. ``nesting_exceeds`` scans the bytes instead, in one pass and
without recursion: string literals are cut out (a bracket inside a string is
text), then brackets are counted, stopping at the first one past the limit.
"""

from __future__ import annotations

import re

__all__ = ["nesting_exceeds"]

# A JSON string literal; escapes (\" \\ \uXXXX) stay inside it. An unterminated string is
# left in place: the parser then reports the real error.
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = bytes(b for b in range(256) if b not in b"[]{}")
_OPEN = frozenset(b"[{")


def nesting_exceeds(content: bytes, limit: int) -> bool:
    """Whether the UTF-8 JSON text ``content`` nests arrays and objects deeper than ``limit``.

    UTF-8 never uses the bytes of ``"``, ``\\`` or a bracket inside a multi-byte
    character, so the bytes can be scanned as they are.
    """
    brackets = _STRING.sub(b"", content).translate(None, _NOT_BRACKET)
    depth = 0
    for byte in brackets:
        if byte in _OPEN:
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False
