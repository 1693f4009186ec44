"""Reader for .txt disclosures: one line per source line, cells split on tabs."""

from __future__ import annotations

from .. import limits
from ..document import Document, Line
from ..errors import InputError
from ..text import normalize_chars


def decode(data: bytes, name: str) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 (BOM or NUL pattern) or GBK/GB18030."""
    if not data.strip():
        raise InputError(f"{name}: 文件为空，没有可审核的内容", "E002")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")  # a file cut short loses only its last character
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if b"\x00" in data[:4000]:
        # UTF-8 and GBK text never holds NUL bytes: UTF-16 without a BOM, or binary.
        text = _as_utf16(data)
        if text is None:
            raise InputError(f"{name}: 不是文本文件（二进制内容），无法审核", "E002")
        return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.end == len(data):
            return data[: exc.start].decode("utf-8")  # cut in the middle of the last character
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError(f"{name}: 无法识别文本编码（既不是 UTF-8、UTF-16，也不是 GBK/GB18030）", "E002") from None


def _is_plain(ch: str) -> bool:
    """Characters a Chinese disclosure is made of: ASCII text, CJK ideographs and punctuation."""
    code = ord(ch)
    return (32 <= code < 127 or ch in "\t\r\n" or 0x4E00 <= code <= 0x9FFF or 0x3000 <= code <= 0x303F
            or 0xFF00 <= code <= 0xFFEF or 0x2000 <= code <= 0x206F)


def _as_utf16(data: bytes) -> str | None:
    best: tuple[float, str] | None = None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        sample = text[:2000]
        plain = sum(1 for ch in sample if _is_plain(ch)) / max(len(sample), 1)
        if best is None or plain > best[0]:
            best = (plain, text)
    return best[1] if best and best[0] > 0.95 else None


def read_txt_bytes(name: str, data: bytes) -> Document:
    text = decode(data, name)
    if sum(1 for ch in text[:4000] if ch < " " and ch not in "\t\r\n\f") > 20:
        raise InputError(f"{name}: 不是文本文件（二进制内容），无法审核", "E002")
    lines = []
    most = limits.active().cells_per_line
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        if raw.count("\t") >= most:  # counted before splitting: millions of cells would be millions of objects
            raise limits.exceeded(f"{name} 第{number}行", "cells_per_line", raw.count("\t") + 1)
        raw = normalize_chars(raw.rstrip("\n"))
        cells = [c.strip() for c in raw.split("\t")] if "\t" in raw else [raw.strip()]
        lines.append(Line(cells=cells, number=number))
    return Document(path=name, lines=lines)
