"""Bytes of a saved page to text, or a reason why not.

Saved pages arrive as UTF-8 (with or without a byte-order mark), as Windows
cp1252 from older Windows tools, and as Shift_JIS from Japanese ones. The order
of attempts matters: UTF-8 is strict enough that text which decodes as UTF-8
almost never is anything else (Dürst 1997, "The Properties and Promises of
UTF-8"); between Shift_JIS and cp1252 both often decode the same bytes, so
the Shift_JIS reading is kept only when it looks like Japanese.
"""
from __future__ import annotations

import re


class Rejected(Exception):
    """A file or page that yields no articles; the message is the reason."""


_NOT_CONTROL = bytes(b for b in range(256) if not (b <= 0x08 or 0x0E <= b <= 0x1F or b == 0x7F))
# Hiragana, katakana (full and half width) and the CJK punctuation block: real
# Japanese prose is dense in them; cp1252 text misread as Shift_JIS yields mostly
# kanji and rare symbols instead.
_KANA = re.compile(r"[\u3000-\u30ff\uff61-\uff9f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def decode(data: bytes) -> tuple[str, str]:
    """Decode the bytes of a text page.

    Returns:
        ``(text, encoding)``; the byte-order mark is dropped ("utf-8-sig").
        Line ends are left as they are (offsets refer to this text).

    Raises:
        Rejected: empty, binary, or in no supported encoding.

    Examples:
        >>> decode("café".encode("cp1252"))
        ('café', 'cp1252')
        >>> decode(b"\\xef\\xbb\\xbfhi")
        ('hi', 'utf-8-sig')
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Windows Notepad's "Unicode": UTF-16 with a byte-order mark.
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise Rejected(f"not text: byte-order mark says UTF-16 but {exc.reason}") from None
        if not text.strip():
            raise Rejected("empty file (only white space)")
        return text, "utf-16"
    if not data.strip():
        raise Rejected("empty file" if not data else "empty file (only white space)")
    if b"\x00" in data[:65536]:
        # NUL bytes never occur in the text encodings accepted here (UTF-16 pages
        # would, but none of the tools users save with writes them by default).
        raise Rejected("binary file (NUL bytes)")
    sample = data[:65536]
    # C0 controls but tab, newline, vertical tab, form feed, CR (the same bytes
    # in UTF-8, cp1252 and Shift_JIS): bytes.translate deletes everything else
    # at memory speed, where a regex scan would not. 1%: editors and browsers
    # never write them; a few survive copy-paste, many mean binary.
    controls = len(sample.translate(None, _NOT_CONTROL))
    if controls > max(8, len(sample) // 100):
        raise Rejected(f"binary file ({controls} control bytes in the first {len(sample)})")
    text, encoding = _decode_text(data)
    return text, encoding


def _decode_text(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise Rejected(f"not text: byte-order mark says UTF-8 but {exc.reason} at byte {exc.start + 3}") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        sjis = data.decode("shift_jis")
    except UnicodeDecodeError:
        sjis = None
    if sjis is not None:
        non_ascii = len(_NON_ASCII.findall(sjis))
        # A third of non-ASCII characters being kana: Japanese prose runs 40-70%.
        if non_ascii and len(_KANA.findall(sjis)) * 3 >= non_ascii:
            return sjis, "shift_jis"
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        if sjis is not None:
            return sjis, "shift_jis"
        raise Rejected(
            f"not text: not UTF-8, cp1252 or Shift_JIS (byte 0x{data[exc.start]:02x} at {exc.start})"
        ) from None
