"""Decide a CSV file's text encoding, or refuse the file: a decision, never a guess.

The rule, in order:

1. A byte order mark decides: UTF-8 (Excel's "CSV UTF-8") or UTF-16 (Excel's
   "Unicode text"); the rest must then decode in it.
2. NUL bytes without a UTF-16 mark: not text (binary), refused.
3. Text that is valid UTF-8 is UTF-8 (legacy text is almost never valid UTF-8
   by accident).
4. Otherwise charset-normalizer weighs the legacy encodings GB18030/GBK,
   Big5, Shift-JIS and CP1252. Every reading within ``CHAOS_MARGIN`` of the
   least chaotic one is a contender; a contender must decode the whole file.
   Contenders that read the same text are one reading. If several readings
   remain, those whose header names more of the table's columns win (a
   Chinese header such as 姓名 reads right in one encoding only).
5. One reading left: that is the text. None: the file is not text in any of
   the encodings. Several: refused as unclear, naming each candidate with
   how it reads the first non-ASCII text, so the person can see which is
   right and save the file as CSV UTF-8.

A short file with only a few non-ASCII characters can be unclear (two
Chinese characters are valid GBK, Big5 and Shift-JIS alike); it is refused
rather than stored garbled.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable

from charset_normalizer import from_bytes

__all__ = ["CANDIDATES", "CHAOS_MARGIN", "EncodingUndecided", "decode_text"]

# Python codec name -> the name a person knows it by.
CANDIDATES: dict[str, str] = {
    "gb18030": "GB18030/GBK",
    "big5": "Big5",
    "shift_jis": "Shift-JIS",
    "cp1252": "CP1252 (Windows Western European)",
}
# charset-normalizer's chaos is a 0..1 measure of how garbled a reading looks; readings this
# close to the best are not told apart by it.
CHAOS_MARGIN = 0.05
_ALL = "UTF-8, UTF-16 (with a byte order mark), " + ", ".join(CANDIDATES.values())
_SAVE_AS = "save it from Excel as CSV UTF-8"


class EncodingUndecided(Exception):
    """The file's encoding cannot be decided; the message says why and names candidates."""


def decode_text(content: bytes, header_score: Callable[[str], int] | None = None) -> str:
    """``content`` as text, by the rule above; EncodingUndecided if it cannot be decided.

    ``header_score(first_line)`` counts the header cells that name the table's
    columns; it breaks ties between readings (step 4).
    """
    if content.startswith(codecs.BOM_UTF8):
        return _strict(content, "utf-8-sig", "UTF-8 (it starts with a UTF-8 byte order mark)")
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(content, "utf-16", "UTF-16 (it starts with a UTF-16 byte order mark)")
    if b"\x00" in content:
        raise EncodingUndecided(
            "not a text file (it holds binary data, or UTF-16 without a byte order mark); "
            f"expected a CSV file; {_SAVE_AS}"
        )
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    readings = _readings(content)
    if len(readings) > 1 and header_score is not None:
        scores = {text: header_score(text.split("\n", 1)[0]) for text in readings}
        best = max(scores.values())
        readings = {t: names for t, names in readings.items() if scores[t] == best}
    if len(readings) == 1:
        return next(iter(readings))
    if not readings:
        raise EncodingUndecided(f"not a text file in any of {_ALL}; {_SAVE_AS}")
    shown = "; ".join(
        f"{' or '.join(CANDIDATES[n] for n in names)} reads {_first_non_ascii(text)!r}"
        for text, names in readings.items()
    )
    raise EncodingUndecided(
        f"the text encoding is not clear: {shown}; {_SAVE_AS} so it reads one way only"
    )


def _strict(content: bytes, codec: str, what: str) -> str:
    try:
        return content.decode(codec)
    except UnicodeDecodeError as exc:
        raise EncodingUndecided(
            f"not valid {what}: byte {exc.start} cannot be decoded; {_SAVE_AS}"
        ) from None


def _readings(content: bytes) -> dict[str, list[str]]:
    """Decoded text -> the legacy encodings that read the file that way, best first."""
    matches = [m for m in from_bytes(content, cp_isolation=list(CANDIDATES)) if m.encoding]
    if not matches:
        return {}
    best = min(m.chaos for m in matches)
    readings: dict[str, list[str]] = {}
    for match in sorted(matches, key=lambda m: m.chaos):
        if match.chaos > best + CHAOS_MARGIN or match.encoding not in CANDIDATES:
            continue
        try:
            text = content.decode(match.encoding)
        except UnicodeDecodeError:
            continue  # charset-normalizer looks at samples; the whole file must decode
        readings.setdefault(text, []).append(match.encoding)
    return readings


def _first_non_ascii(text: str, width: int = 12) -> str:
    """The first cell holding a non-ASCII character, cut to ``width``."""
    at = next((i for i, ch in enumerate(text) if ord(ch) > 127), 0)
    start = max(text.rfind(",", 0, at), text.rfind("\n", 0, at)) + 1
    cell = text[start:].split("\n", 1)[0].split(",", 1)[0]
    return cell[:width]
