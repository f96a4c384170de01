"""Input hygiene at the edge of the core: what text and numbers a record may hold.

Every record is built through these checks, whether it comes from the API, a
page or an import, so nothing stored can break a reader later (an XLSX writer
refuses control characters; JSON has no infinity).

- Text: control characters (Unicode category Cc: C0, DEL, C1) are refused,
  except tab and newline; a carriage return is a line break, so ``\\r\\n`` and a
  lone ``\\r`` become ``\\n``. Lone surrogates and the noncharacters U+FFFE and
  U+FFFF are refused too: they cannot be encoded as UTF-8 or written to XML.
  Valid text is NFC-normalised, so the same name typed on two systems is
  stored, compared and exported alike.
- Ids are never normalised (they are the user's keys, kept as given) but a
  control character in one is refused.
- Numbers: infinities and NaN are refused wherever a float is accepted.

These are rules about what may be written: a record a store reads back
(validation context ``read_back``, ``graphcrm.model.READ_BACK``) keeps its text
as stored, so history written before the checks existed still reads.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from pydantic import ValidationInfo

__all__ = [
    "EMAIL_PATTERN",
    "NAME_PATTERN",
    "TEXT_PATTERN",
    "check_id_characters",
    "clean_text",
    "control_character_problem",
    "text_field",
]

# Cc other than tab and newline (carriage returns are turned into newlines first),
# surrogates, and the two noncharacters XML 1.0 forbids.
_BAD_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_BAD_ID = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

#: The text rule as a JSON Schema ``pattern`` (for the API's document, so a client or a
#: fuzzer knows what is refused): no control character but tab, newline and carriage
#: return (which becomes a newline), and neither U+FFFE nor U+FFFF. Only stated, never
#: enforced by pydantic: text read back from a store keeps what it holds. Surrogates are
#: left out on purpose: an ECMA pattern without the ``u`` flag sees every character
#: beyond U+FFFF as a surrogate pair; a lone surrogate is still refused, as above.
_REFUSED_CLASS = "\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufffe\\uffff"
TEXT_PATTERN = f"^[^{_REFUSED_CLASS}]*$"
#: The same for a name or other required text (min_length 1), which is stripped first:
#: at least one character that is not whitespace (spelled out: an ECMA ``\\s`` is a
#: different set; pydantic strips Unicode White_Space, which agrees with ``str.isspace``
#: on every character the text rule allows).
_SPACE_CLASS = "".join(f"\\u{cp:04x}" for cp in range(0x10000) if chr(cp).isspace())
NAME_PATTERN = f"^[^{_REFUSED_CLASS}]*[^{_REFUSED_CLASS}{_SPACE_CLASS}][^{_REFUSED_CLASS}]*$"
#: An e-mail address as the records take it (``graphcrm.model.records``): blank (no
#: address), or local@domain.tld with none of ``@ ; , < >``, whitespace or refused
#: characters inside, whitespace allowed around it (stripped).
_ADDRESS_PART = f"[^@;,<>{_REFUSED_CLASS}{_SPACE_CLASS}]"
_AROUND = "".join(  # whitespace the text rule lets through (\r too: it becomes \n)
    f"\\u{cp:04x}"
    for cp in range(0x10000)
    if chr(cp).isspace() and (cp == 0x0D or not _BAD_TEXT.match(chr(cp)))
)
EMAIL_PATTERN = (
    f"^[{_AROUND}]*(?:{_ADDRESS_PART}{{1,64}}@{_ADDRESS_PART}{{1,190}}"
    f"\\.{_ADDRESS_PART}{{1,63}})?[{_AROUND}]*$"
)


def control_character_problem(text: str, pattern: re.Pattern[str] = _BAD_TEXT) -> str | None:
    """Why ``text`` is refused (the first bad character and where), or None if it is fine."""
    m = pattern.search(text)
    if m is None:
        return None
    char = m.group()
    kind = "a surrogate" if "\ud800" <= char <= "\udfff" else "a control character"
    if char in "\ufffe\uffff":
        kind = "a noncharacter"
    return f"{kind} (U+{ord(char):04X}) at position {m.start() + 1} is not allowed in text"


def clean_text(value: Any) -> Any:
    """Text as stored: line breaks as ``\\n``, NFC; ValueError for a forbidden character.

    Anything that is not a string is handed on unchanged for the field's own
    type check to judge.
    """
    if not isinstance(value, str):
        return value
    if not value.isprintable():  # only then can it hold a control character
        if "\r" in value:
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        problem = control_character_problem(value)
        if problem:
            raise ValueError(problem)
    return value if unicodedata.is_normalized("NFC", value) else unicodedata.normalize("NFC", value)


def text_field(value: Any, info: ValidationInfo) -> Any:
    """A text field's validator: :func:`clean_text`, except for a record read back from a
    store (validation context ``read_back``), whose text is kept as stored so that text
    written before these checks still reads."""
    if (info.context or {}).get("read_back"):
        return value
    return clean_text(value)


def check_id_characters(value: Any) -> Any:
    """An id as given, or ValueError if it holds a control character (tab and newline too)."""
    # isprintable() is False for every control character (and some harmless ones): a fast
    # path for the common case, which matters at a million ties.
    if isinstance(value, str) and not value.isprintable():
        problem = control_character_problem(value, _BAD_ID)
        if problem:
            raise ValueError(problem.replace("in text", "in an id"))
    return value
