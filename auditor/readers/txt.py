"""Reader for .txt disclosures: one line per source line, cells split on tabs."""

from __future__ import annotations

from ..document import Document, Line
from ..errors import InputError
from ..text import normalize_chars


def decode(data: bytes, name: str) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 (BOM or NUL pattern) or GBK/GB18030."""
    if not data.strip():
        raise InputError(f"{name}: 文件为空，没有可审核的内容")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    head = data[:2000]
    # UTF-16 without a BOM: every other byte of ASCII text is NUL.
    if head.count(b"\x00") > len(head) // 4:
        odd_nul = head[1::2].count(b"\x00") > head[0::2].count(b"\x00")
        try:
            return data.decode("utf-16-le" if odd_nul else "utf-16-be")
        except UnicodeDecodeError:
            raise InputError(f"{name}: 不是文本文件（二进制内容），无法审核") from None
    if b"\x00" in head:
        raise InputError(f"{name}: 不是文本文件（二进制内容），无法审核")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError(f"{name}: 无法识别文本编码（既不是 UTF-8、UTF-16，也不是 GBK/GB18030）") from None


def read_txt_bytes(name: str, data: bytes) -> Document:
    text = decode(data, name)
    if sum(1 for ch in text[:4000] if ch < " " and ch not in "\t\r\n\f") > 20:
        raise InputError(f"{name}: 不是文本文件（二进制内容），无法审核")
    lines = []
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        raw = normalize_chars(raw.rstrip("\n"))
        cells = [c.strip() for c in raw.split("\t")] if "\t" in raw else [raw.strip()]
        lines.append(Line(cells=cells, number=number))
    return Document(path=name, lines=lines)
