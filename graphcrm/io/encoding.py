"""Decide a CSV file's text encoding, or refuse the file: a decision, never a guess.

The rule, in order:

1. A byte order mark decides: UTF-8 (Excel's "CSV UTF-8") or UTF-16 (Excel's
   "Unicode text"); the rest must then decode in it.
2. NUL bytes without a UTF-16 mark: not text (binary), refused.
3. Text that is valid UTF-8 is UTF-8 (legacy text is almost never valid UTF-8
   by accident).
4. Otherwise charset-normalizer weighs the legacy encodings GB18030/GBK,
   Big5, Shift-JIS and CP1252 (on the first 4 MiB). Every reading within ``CHAOS_MARGIN`` of the
   least chaotic one is a contender; a contender must decode the whole file.
   Contenders that read the same text are one reading. If several readings
   remain, those whose header names more of the table's columns win (a
   Chinese header such as 姓名 reads right in one encoding only).
5. One reading left: that is the encoding, and the whole file must decode
   in it. None: the file is not text in any of
   the encodings. Several: refused as unclear, naming each candidate with
   how it reads the first non-ASCII text, so the person can see which is
   right and save the file as CSV UTF-8.

A short file with only a few non-ASCII characters can be unclear (two
Chinese characters are valid GBK, Big5 and Shift-JIS alike); it is refused
rather than stored garbled.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from charset_normalizer import from_bytes

__all__ = [
    "CANDIDATES",
    "CHAOS_MARGIN",
    "SAMPLE",
    "Decided",
    "EncodingUndecided",
    "decide_encoding",
    "decode_text",
]

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
# The bytes charset-normalizer weighs (it samples within them); the whole file is then decoded
# in the chosen codec, chunk by chunk, to check it.
SAMPLE = 4 * 1024 * 1024
CHUNK = 1024 * 1024
_ALL = "UTF-8, UTF-16 (with a byte order mark), " + ", ".join(CANDIDATES.values())
_SAVE_AS = "save it from Excel as CSV UTF-8"


class EncodingUndecided(Exception):
    """The file's encoding cannot be decided; the message says why and names candidates."""


@dataclass(frozen=True)
class Decided:
    """A file's codec (as Python names it) and whether it holds anything but white space."""

    codec: str
    has_text: bool


def decode_text(content: bytes, header_score: Callable[[str], int] | None = None) -> str:
    """``content`` as text, by the rule above; EncodingUndecided if it cannot be decided.

    ``header_score(first_line)`` counts the header cells that name the table's
    columns; it breaks ties between readings (step 4).
    """
    return content.decode(decide_encoding(io.BytesIO(content), header_score).codec)


def decide_encoding(stream: BinaryIO, header_score: Callable[[str], int] | None = None) -> Decided:
    """The codec of the seekable ``stream`` by the rule above, read in chunks, never whole.

    charset-normalizer weighs the first ``SAMPLE`` bytes (cut at a line end);
    the codec decided must then decode the whole stream, checked chunk by
    chunk. The stream is left at its start.
    """
    sample = stream.read(SAMPLE)
    more = bool(stream.read(1))
    stream.seek(0)
    if sample.startswith(codecs.BOM_UTF8):
        return _whole(stream, "utf-8-sig", "UTF-8 (it starts with a UTF-8 byte order mark)")
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        what = "UTF-16 (it starts with a UTF-16 byte order mark)"
        return _whole(stream, "utf-16", what, refuse_nul=False)
    try:
        return _whole(stream, "utf-8", "UTF-8", probe=True)
    except _NotThis:
        pass
    if more:  # a line end never falls inside a character of these encodings
        sample = sample[: sample.rfind(b"\n") + 1] or sample
    readings = _readings(sample)
    if len(readings) > 1 and header_score is not None:
        scores = {text: header_score(text.split("\n", 1)[0]) for text in readings}
        best = max(scores.values())
        readings = {t: names for t, names in readings.items() if scores[t] == best}
    if len(readings) == 1:
        (codec, *_), *_ = readings.values()
        return _whole(stream, codec, CANDIDATES[codec])
    if not readings:
        raise EncodingUndecided(f"not a text file in any of {_ALL}; {_SAVE_AS}")
    shown = "; ".join(
        f"{' or '.join(CANDIDATES[n] for n in names)} reads {_first_non_ascii(text)!r}"
        for text, names in readings.items()
    )
    raise EncodingUndecided(
        f"the text encoding is not clear: {shown}; {_SAVE_AS} so it reads one way only"
    )


class _NotThis(Exception):
    """The stream does not decode in the codec tried (for UTF-8, which is then not it)."""


def _whole(
    stream: BinaryIO, codec: str, what: str, *, refuse_nul: bool = True, probe: bool = False
) -> Decided:
    """Decode the whole stream in ``codec`` chunk by chunk, keeping nothing of the text.

    NUL bytes mean binary data (``refuse_nul``, all but UTF-16). A decoding
    error refuses the file, or, when ``probe`` (UTF-8 tried first), means only
    that this is not the codec (_NotThis).
    """
    decoder = codecs.getincrementaldecoder(codec)()
    has_text, offset = False, 0
    try:
        while chunk := stream.read(CHUNK):
            if refuse_nul and b"\x00" in chunk:
                raise EncodingUndecided(
                    "not a text file (it holds binary data, or UTF-16 without a byte order "
                    f"mark); expected a CSV file; {_SAVE_AS}"
                )
            has_text = bool(decoder.decode(chunk).strip()) or has_text
            offset += len(chunk)
        has_text = bool(decoder.decode(b"", final=True).strip()) or has_text
    except UnicodeDecodeError as exc:
        if probe:
            raise _NotThis from None
        raise EncodingUndecided(
            f"not valid {what}: byte {offset + exc.start} cannot be decoded; {_SAVE_AS}"
        ) from None
    finally:
        stream.seek(0)
    return Decided(codec, has_text)


def _readings(content: bytes) -> dict[str, list[str]]:
    """Decoded text -> the legacy encodings that read ``content`` that way, best first."""
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
            continue  # charset-normalizer looks at samples; the whole sample must decode
        readings.setdefault(text, []).append(match.encoding)
    return readings


def _first_non_ascii(text: str, width: int = 12) -> str:
    """The first cell holding a non-ASCII character, cut to ``width``."""
    at = next((i for i, ch in enumerate(text) if ord(ch) > 127), 0)
    start = max(text.rfind(",", 0, at), text.rfind("\n", 0, at)) + 1
    cell = text[start:].split("\n", 1)[0].split(",", 1)[0]
    return cell[:width]
