"""Hostile PDFs written by hand (no PDF library): bombs and loops that a reader must survive.

`write_pdf(objects)` lays out numbered objects with a correct xref table, so that each PDF is
broken only in the way its maker intends. The makers are shared by the tests, the fuzz suite
and the benchmark script.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def write_pdf(objects: dict[int, bytes], root: int = 1) -> bytes:
    """A PDF of the given objects (number → body), with a correct xref table and trailer."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += (b"%010d 00000 n \n" % offsets[number]) if number in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, xref)
    return bytes(out)


def stream(data: bytes, extra: bytes = b"", compress: bool = True, length: bytes | None = None) -> bytes:
    """A stream object's body; `length` overrides the true /Length (e.g. an indirect reference)."""
    body = zlib.compress(data, 9) if compress else data
    filters = b" /Filter /FlateDecode" if compress else b""
    size = length if length is not None else b"%d" % len(body)
    return b"<< /Length " + size + filters + extra + b" >>\nstream\n" + body + b"\nendstream"


def text_content(lines: Iterable[str]) -> bytes:
    """A content stream that shows each line in Helvetica, top to bottom."""
    ops = [b"BT /F1 10 Tf 50 800 Td 12 TL"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(b"(" + escaped.encode("latin-1", "replace") + b") Tj T*")
    ops.append(b"ET")
    return b"\n".join(ops)


def simple_pdf(content: bytes, pages: int = 1) -> bytes:
    """`pages` pages that share one content stream."""
    kids = b" ".join(b"%d 0 R" % (10 + k) for k in range(pages))
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
               2: b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
               3: stream(content), 4: FONT}
    for k in range(pages):
        objects[10 + k] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R"
                           b" /Resources << /Font << /F1 4 0 R >> >> >>")
    return write_pdf(objects)


def inflation_bomb(megabytes: int = 1024) -> bytes:
    """One page whose content stream inflates to `megabytes` MB (of path operators) from ~1/1000 of it."""
    chunk = b"0 0 m 1 1 l S\n" * (1 << 16)
    packer = zlib.compressobj(9)
    body = bytearray(packer.compress(text_content(["bomb"]) + b"\n"))
    for _ in range(megabytes * (1 << 20) // len(chunk)):
        body += packer.compress(chunk)
    body += packer.flush()
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
                  b" /Resources << /Font << /F1 5 0 R >> >> >>",
               4: b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + bytes(body) + b"\nendstream",
               5: FONT}
    return write_pdf(objects)


def repeated_page(times: int = 20_000) -> bytes:
    """One page object listed `times` times in the page tree."""
    kids = b" ".join([b"3 0 R"] * times)
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
               2: b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % times,
               3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
                  b" /Resources << /Font << /F1 5 0 R >> >> >>",
               4: stream(text_content(["page"])), 5: FONT}
    return write_pdf(objects)


def self_length() -> bytes:
    """A content stream whose /Length is a reference to the stream object itself."""
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
                  b" /Resources << /Font << /F1 5 0 R >> >> >>",
               4: stream(text_content(["length"]), length=b"4 0 R"), 5: FONT}
    return write_pdf(objects)


def page_tree_loop() -> bytes:
    """A page tree whose node lists itself among its kids."""
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
               3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
                  b" /Resources << /Font << /F1 5 0 R >> >> >>",
               4: stream(text_content(["loop"])), 5: FONT}
    return write_pdf(objects)


def glyph_flood(glyphs: int = 2_000_000) -> bytes:
    """One page that shows `glyphs` characters (a compressed run of one letter)."""
    per_line = 200
    line = b"(" + b"A" * per_line + b") Tj T*\n"
    content = b"BT /F1 1 Tf 0 800 Td 1 TL\n" + line * (glyphs // per_line) + b"ET"
    return simple_pdf(content)
