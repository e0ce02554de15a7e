"""Bad input: a clear error or a recorded reject; counts always reconcile."""
from __future__ import annotations

import datetime as dt
import logging

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newskit import load_articles

from .conftest import MAIN, SEED, item, page

GOOD = page(MAIN, [item("Japan Today", "2 hours ago", "Café owners fear tariffs", "“It hurts,” said Zoë Müller. © KYODO")])


def reconciles(df: pd.DataFrame, n_inputs: int) -> bool:
    loaded = df["path"].nunique() if len(df) else 0
    return loaded + len(df.attrs["rejected"]) == n_inputs


def reasons(df: pd.DataFrame) -> dict[str, str]:
    return {p.rsplit("/", 1)[-1]: r for p, r in df.attrs["rejected"].itertuples(index=False)}


def test_empty_whitespace_binary_and_unknown_layout_are_rejected_with_reasons(write, caplog):
    write("corpus/good.txt", GOOD)
    write("corpus/empty.txt", b"")
    write("corpus/blank.txt", "  \n\n\t\n")
    write("corpus/image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    write("corpus/notes.txt", "just a shopping list\nmilk\neggs\n")
    write("corpus/.DS_Store", b"\x00\x01hidden")  # hidden files are not inputs
    with caplog.at_level(logging.INFO, logger="newskit.load"):
        df = load_articles(write("x", b"").parent / "corpus")
    r = reasons(df)
    assert r == {
        "blank.txt": "empty file (only white space)",
        "empty.txt": "empty file",
        "image.png": "binary file (NUL bytes)",
        "notes.txt": r["notes.txt"],
    }
    assert r["notes.txt"].startswith("unknown layout:")
    assert len(df) == 2 and reconciles(df, 5)
    assert caplog.messages == [df.attrs["summary"]]
    assert df.attrs["summary"].startswith("loaded 2 articles from 1 of 5 files; 4 files rejected: blank.txt (empty file (only white space)); empty.txt (empty file); image.png (binary file (NUL bytes)); and 1 more")


@pytest.mark.parametrize(
    "encoding, expected",
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp1252", "cp1252"), ("utf-16", "utf-16")],
)
def test_encodings(write, encoding, expected):
    df = load_articles(write("p.txt", GOOD, encoding))
    assert df["encoding"].tolist() == [expected] * 2
    assert df.iloc[1]["title"] == "Café owners fear tariffs"
    assert df.iloc[1]["body"] == "“It hurts,” said Zoë Müller."
    assert df.iloc[0]["title"] == "Japan and U.S. hold fifth round of tariff talks"  # BOM not in the title


def test_shift_jis(write):
    text = page("日米関税協議、第5回会合\n赤沢亮正経済再生担当相は金曜日、ワシントンで協議した。\n(From The Yomiuri Shimbun, June 7, 2025)", [])
    df = load_articles(write("sjis.txt", text, "shift_jis"))
    assert df["encoding"].tolist() == ["shift_jis"]
    assert df.iloc[0]["title"] == "日米関税協議、第5回会合"
    assert df.iloc[0]["language"] == "ja"


def test_cp1252_crlf_with_bom_free_windows_quotes(write):
    raw = GOOD.replace("\n", "\r\n").encode("cp1252")
    df = load_articles(write("win.txt", raw))
    assert df["encoding"].iloc[0] == "cp1252"
    assert df.iloc[1]["body"] == "“It hurts,” said Zoë Müller."


def test_undecodable_bytes_are_rejected(write):
    # 0x81 is undefined in cp1252 and an incomplete Shift_JIS lead byte at the end
    df = load_articles(write("bad.txt", b"Title\nSome text \xff\xfe\x81"))
    assert reasons(df)["bad.txt"].startswith("not text:")
    assert df.empty and reconciles(df, 1)


def test_unreadable_file_is_rejected(write, monkeypatch):
    path = write("locked.txt", GOOD)
    path.chmod(0)
    import os
    if os.access(path, os.R_OK):  # root reads anything: simulate the error instead
        from pathlib import Path
        real = Path.read_bytes

        def deny(self):
            if self == path:
                raise PermissionError(13, "Permission denied")
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", deny)
    df = load_articles(path)
    assert reasons(df) == {"locked.txt": "unreadable: Permission denied"}


@pytest.mark.parametrize(
    "source, message",
    [
        ("no/such/folder", "no such file or folder: 'no/such/folder'"),
        ("no/such/*.txt", "pattern 'no/such/\\*.txt' matched no files"),
        ([], "source is an empty list"),
        (42, "got int"),
        ([SEED, 3.5], "expected a path"),
    ],
)
def test_wrong_source_raises_value_error(source, message):
    with pytest.raises(ValueError, match=message):
        load_articles(source)


@pytest.mark.parametrize("bad", ["yesterday-ish", "2025-13-40", 12345, object()])
def test_unparseable_captured_at_raises(bad):
    with pytest.raises(ValueError, match="captured_at: expected an ISO 8601 date or date-time"):
        load_articles(SEED, captured_at=bad)


@pytest.mark.parametrize(
    "value, first",
    [
        (dt.date(2025, 6, 2), pd.Timestamp("2025-06-02", tz="UTC")),
        (dt.datetime(2025, 6, 2, 10, 40), pd.Timestamp("2025-06-02 10:08", tz="UTC")),  # naive: UTC
        (pd.Timestamp("2025-06-02 19:40", tz="Asia/Tokyo"), pd.Timestamp("2025-06-02 10:08", tz="UTC")),
    ],
)
def test_captured_at_types(value, first):
    df = load_articles(SEED, captured_at=value)
    assert df.iloc[1]["published_at"] == first


def test_glob_and_list_and_folder_agree(write, tmp_path):
    write("c/a.txt", GOOD)
    write("c/sub/b.txt", GOOD.replace("Café", "Tea"))
    by_folder = load_articles(tmp_path / "c")
    by_glob = load_articles(str(tmp_path / "c" / "**" / "*.txt"))
    by_list = load_articles([tmp_path / "c" / "a.txt", str(tmp_path / "c" / "sub" / "b.txt")])
    for df in (by_glob, by_list):
        assert df["article_id"].tolist() == by_folder["article_id"].tolist()
    assert len(by_folder) == 3  # the two main articles are the same article: loaded once
    assert len(by_folder.attrs["skipped"]) == 1


def test_empty_folder_gives_an_empty_table(tmp_path):
    (tmp_path / "none").mkdir()
    df = load_articles(tmp_path / "none")
    assert df.empty and df.attrs["summary"] == "loaded 0 articles from 0 of 0 files; 0 files rejected"


def test_input_paths_not_modified(write):
    path = write("p.txt", GOOD)
    before = path.read_bytes()
    load_articles(path)
    assert path.read_bytes() == before


# -- property: mangled pages never raise and never lose a file ----------------
SEED_TEXT = SEED.read_text(encoding="utf-8")


@st.composite
def mangled_pages(draw) -> bytes:
    text = SEED_TEXT if draw(st.booleans()) else GOOD
    lines = text.split("\n")
    ops = draw(st.lists(st.sampled_from(["drop", "dup", "swap", "cut", "noise", "crlf", "encode"]), max_size=6))
    data = None
    for op in ops:
        if op == "drop" and lines:
            del lines[draw(st.integers(0, len(lines) - 1))]
        elif op == "dup" and lines:
            i = draw(st.integers(0, len(lines) - 1))
            lines.insert(i, lines[i])
        elif op == "swap" and len(lines) > 1:
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "cut" and lines:
            i = draw(st.integers(0, len(lines) - 1))
            lines[i] = lines[i][: draw(st.integers(0, max(0, len(lines[i]))))]
        elif op == "noise":
            i = draw(st.integers(0, len(lines)))
            lines.insert(i, draw(st.text(max_size=80)))
        elif op == "crlf":
            lines = "\r\n".join(lines).split("\n")
    body = "\n".join(lines)
    data = body.encode(draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"])), errors="replace")
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    if draw(st.integers(0, 9)) == 0:
        data = draw(st.binary(max_size=200))
    return data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(pages=st.lists(mangled_pages(), min_size=1, max_size=4))
def test_mangled_pages_never_raise_and_never_lose_a_file(tmp_path_factory, pages):
    folder = tmp_path_factory.mktemp("mangled")
    for i, data in enumerate(pages):
        (folder / f"{i:03d}.txt").write_bytes(data)
    df = load_articles(folder)
    rejected = set(df.attrs["rejected"]["path"])
    loaded = set(df["path"]) | set(df.attrs["skipped"]["path"])
    assert rejected.isdisjoint(set(df["path"]))
    assert len(rejected) + len(loaded - rejected) == len(pages)
    assert df["article_id"].is_unique
    assert (df["char_start"] <= df["char_end"]).all()
    for reason in df.attrs["rejected"]["reason"]:
        assert reason and isinstance(reason, str)
