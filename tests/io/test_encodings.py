"""CSV encodings decided, not guessed: each legacy encoding read right, the unclear refused.

Files are written in the encoding a person's Excel or tool would use and
imported into a real SQLite store; the names must come back as written, or
the file must be refused naming the candidates with nothing written.
"""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest

from graphcrm.errors import ValidationFailed
from graphcrm.io import import_path
from graphcrm.io.encoding import SAMPLE, EncodingUndecided, decide_encoding, decode_text
from graphcrm.stores.sqlite import SQLiteStore
from tests.io.helpers import ACCOUNTS, digest, write_csvs

TIES = "type,source_id,target_id\nreports_to,p2,p1\nreports_to,p3,p2\n"

CP1252_PEOPLE = (
    "id,account_id,name,title\n"
    "p1,acme,José Müller,Directeur général\n"
    "p2,acme,Françoise Lefèvre,Responsable achats\n"
    "p3,acme,Søren Ångström,Ingénieur\n"
)
SHIFT_JIS_PEOPLE = (
    "id,account_id,name,title\n"
    "p1,acme,山田太郎,部長\n"
    "p2,acme,佐藤花子,課長\n"
    "p3,acme,鈴木一郎,担当者\n"
)
BIG5_PEOPLE = "id,account_id,姓名\np1,acme,陳志遠\np2,acme,王麗華\np3,acme,林美玲\n"


FRENCH = [
    ("José Müller", "Directeur général"),
    ("Françoise Lefèvre", "Responsable achats"),
    ("Søren Ångström", "Ingénieur"),
]


def names(store: SQLiteStore) -> list[tuple[str, str | None]]:
    return [(p.name, p.title) for p in store.account_data("acme").sorted().people]


@pytest.mark.parametrize(
    ("encoding", "people", "expected"),
    [
        ("cp1252", CP1252_PEOPLE, FRENCH),
        (
            "shift_jis",
            SHIFT_JIS_PEOPLE,
            [("山田太郎", "部長"), ("佐藤花子", "課長"), ("鈴木一郎", "担当者")],
        ),
        ("big5", BIG5_PEOPLE, [("陳志遠", None), ("王麗華", None), ("林美玲", None)]),
        ("utf-16", CP1252_PEOPLE, FRENCH),  # with its byte order mark, as Python writes it
    ],
)
def test_legacy_encodings_import_with_the_right_text(
    store: SQLiteStore,
    tmp_path: Path,
    encoding: str,
    people: str,
    expected: list[tuple[str, str | None]],
) -> None:
    folder = write_csvs(tmp_path / encoding, "utf-8", accounts=ACCOUNTS, ties=TIES)
    raw = people.encode(encoding)
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # really not UTF-8
    (folder / "people.csv").write_bytes(raw)
    import_path(store, folder)
    assert names(store) == expected


def test_a_short_file_that_reads_several_ways_is_refused_naming_them(
    store: SQLiteStore, tmp_path: Path
) -> None:
    """Two kanji are valid Shift-JIS, GBK and CP1252 alike: refused, not stored garbled."""
    folder = write_csvs(tmp_path / "in", accounts=ACCOUNTS)
    (folder / "people.csv").write_bytes("id,account_id,name\np1,acme,山田\n".encode("shift_jis"))
    before = digest(store.path)
    with pytest.raises(ValidationFailed) as refused:
        import_path(store, folder)
    (error,) = refused.value.errors
    assert (error.source, error.table, error.row) == ("people.csv", "people", None)
    assert error.message.startswith("the text encoding is not clear: ")
    assert "Shift-JIS reads '山田'" in error.message
    assert "GB18030/GBK reads '嶳揷'" in error.message
    assert error.message.endswith("save it from Excel as CSV UTF-8 so it reads one way only")
    assert digest(store.path) == before


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        # Random bytes, NUL-free so the binary check alone does not catch them.
        (bytes(b or 1 for b in random.Random(9).randbytes(4000)), "not a text file in any"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file (it holds binary data"),
        (b"\xef\xbb\xbfid,name\n\xff\xfe\n", "not valid UTF-8"),
    ],
)
def test_a_file_that_is_not_text_is_refused(
    store: SQLiteStore, tmp_path: Path, content: bytes, fragment: str
) -> None:
    folder = write_csvs(tmp_path / "in", accounts=ACCOUNTS)
    (folder / "people.csv").write_bytes(content)
    before = digest(store.path)
    with pytest.raises(ValidationFailed) as refused:
        import_path(store, folder)
    (error,) = refused.value.errors
    assert error.source == "people.csv" and fragment in error.message
    assert digest(store.path) == before


def test_the_rule_in_order() -> None:
    # Valid UTF-8 is UTF-8, though GB18030 would read the same bytes too.
    text = "id,name\nacme,江南\n"
    assert decode_text(text.encode("utf-8")) == text
    # A UTF-8 byte order mark decides, and is dropped.
    assert decode_text(b"\xef\xbb\xbf" + text.encode("utf-8")) == text
    # A Chinese header names the table's columns in one reading only: that reading wins.
    zh = "id,名称\njn,江南\n"
    with pytest.raises(EncodingUndecided) as unclear:
        decode_text(zh.encode("gb18030"))  # the first non-ASCII cell: 名称 or 靡備
    assert "GB18030/GBK reads '名称'" in str(unclear.value)
    assert "Big5 reads '靡備'" in str(unclear.value)
    assert decode_text(zh.encode("gb18030"), lambda line: line.count("名称")) == zh


def test_a_file_longer_than_the_sample_is_decided_then_checked_whole() -> None:
    rows = "".join(f"p{i},acme,José Müller {i}\n" for i in range(250_000))
    content = ("id,account_id,name\n" + rows).encode("cp1252")
    assert len(content) > SAMPLE
    decided = decide_encoding(io.BytesIO(content))
    assert (decided.codec, decided.has_text) == ("cp1252", True)
    # A byte CP1252 leaves undefined, past the sample: the decision is refused, with where.
    broken = content + b"p9,acme,\x81\n"
    with pytest.raises(EncodingUndecided) as refused:
        decide_encoding(io.BytesIO(broken))
    assert str(refused.value).startswith(
        f"not valid CP1252 (Windows Western European): byte {len(content) + 8} cannot be decoded"
    )


def test_nul_bytes_are_binary_in_every_encoding_but_utf16() -> None:
    latin = "id,name\nacme,Café\n".encode("cp1252") + b"\x00"
    with pytest.raises(EncodingUndecided, match="binary data"):
        decide_encoding(io.BytesIO(latin))
    assert decide_encoding(io.BytesIO("id,name\n".encode("utf-16"))).codec == "utf-16"
    assert not decide_encoding(io.BytesIO(b" \n \n")).has_text
