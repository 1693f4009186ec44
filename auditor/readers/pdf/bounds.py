"""Bounds on the work a PDF may cause, checked before and while its pages are extracted.

A PDF library given a content stream that inflates to a gigabyte parses all of it (minutes and
gigabytes), and a page of millions of glyphs turns into millions of Python objects. So, before a
backend sees the file, `check_streams` inflates each stream a backend would decode (without keeping
the output) and stops at the limits; `check_page_count` and `bounded_pages` bound the pages and
what is on each. Every breach is E007 with the limit named (auditor.limits).
"""

from __future__ import annotations

import base64
import binascii
import re
import zlib
from collections.abc import Iterator

from ... import limits
from .raw import RawPage

_STREAM = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_NOT_DECODED = re.compile(rb"/Type\s*/(?:EmbeddedFile|Metadata)\b")  # attachments, XMP: never parsed
_NOT_CONTENT = re.compile(rb"/Length[123]\b|/Subtype\s*/(?:Type1C|CIDFontType0C|OpenType)\b"
                          rb"|/Type\s*/(?:ObjStm|XRef)\b|/N\s+\d")  # fonts, object and xref streams, ICC
_FILTERS = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[A-Za-z0-9]+)")
_NAME = re.compile(rb"/([A-Za-z0-9]+)")
_ASCII = {b"ASCIIHexDecode": b">", b"AHx": b">", b"ASCII85Decode": b"~>", b"A85": b"~>"}
_FLATE = (b"FlateDecode", b"Fl")
DICT_SPAN = 4096  # how far before `stream` its dictionary may start
CHUNK = 1 << 16


class PageTooBusy(Exception):
    """A page holds more glyphs or drawn objects than `glyphs_per_page` (raised by a backend)."""

    def __init__(self, count: int) -> None:
        super().__init__(f"{count}")
        self.count = count


def check_streams(name: str, data: bytes) -> None:
    """E007 when one content stream, or all streams a backend decodes, inflate past the limits."""
    bound = limits.active()
    per_stream, total_limit = int(bound.stream_mb * limits.MB), int(bound.decompressed_mb * limits.MB)
    total = 0
    for match in _STREAM.finditer(data):
        head = data[max(0, match.start() - DICT_SPAN):match.start()]
        head = head[head.rfind(b"obj") + 1:]  # the stream's own dictionary (rfind -1: all of it)
        if _IMAGE.search(head) or _NOT_DECODED.search(head):
            continue  # images are counted, never decoded; attachments are never opened
        content = not _NOT_CONTENT.search(head)
        budget = min(per_stream if content else total_limit, total_limit - total) + 1
        size = _decoded_size(data, match.end(), _filters(head), budget)
        if content and size > per_stream:
            raise limits.exceeded(name, "stream_mb")
        total += size
        if total > total_limit:
            raise limits.exceeded(name, "decompressed_mb")


def _filters(head: bytes) -> list[bytes]:
    m = _FILTERS.search(head)
    return _NAME.findall(m.group(1)) if m else []


def _decoded_size(data: bytes, start: int, filters: list[bytes], budget: int) -> int:
    """Bytes the stream at `start` decodes to, counted up to `budget`; a filter this cannot decode
    (LZW, images' own) counts the raw bytes up to `endstream`."""
    ascii_steps = 0
    while ascii_steps < len(filters) and filters[ascii_steps] in _ASCII:
        ascii_steps += 1
    if ascii_steps < len(filters) and filters[ascii_steps] in _FLATE:
        encoded = _ascii_decoded(data, start, filters[:ascii_steps])
        return _inflated_size(encoded if encoded is not None else memoryview(data)[start:], budget)
    end = data.find(b"endstream", start)
    return (end if end >= 0 else len(data)) - start


def _ascii_decoded(data: bytes, start: int, steps: list[bytes]) -> bytes | None:
    """The bytes under ASCII85/ASCIIHex layers (None when there are none, b"" when they are broken)."""
    if not steps:
        return None
    end = data.find(_ASCII[steps[0]], start)
    encoded = data[start:end if end >= 0 else len(data)]
    for step in steps:
        try:
            if _ASCII[step] == b">":
                digits = re.sub(rb"\s", b"", encoded.rstrip(b">"))
                encoded = binascii.unhexlify(digits + b"0" * (len(digits) % 2))  # an odd last digit: 0 follows
            else:
                encoded = base64.a85decode(encoded.rstrip(b"~>") + b"~>", adobe=False, ignorechars=b" \t\r\n~>")
        except (ValueError, binascii.Error):
            return b""
    return encoded


def _inflated_size(source: bytes | memoryview, budget: int) -> int:
    """How many bytes zlib data inflates to, stopping once past `budget`; output is never kept."""
    inflater = zlib.decompressobj()
    size, pos = 0, 0
    try:
        while size <= budget and not inflater.eof and pos < len(source):
            pending = bytes(source[pos:pos + CHUNK])
            pos += CHUNK
            while pending and size <= budget and not inflater.eof:
                size += len(inflater.decompress(pending, CHUNK * 16))
                pending = inflater.unconsumed_tail
    except zlib.error:
        pass  # a broken stream: the backend reports it, or reads what it can
    return size


def check_page_count(name: str, count: int) -> None:
    if count > limits.active().pages:
        raise limits.exceeded(name, "pages", count)


def bounded_pages(name: str, pages: Iterator[RawPage | Exception]) -> Iterator[RawPage | Exception]:
    """The backend's pages, E007 at the first that holds too much (glyphs and shapes counted apart)."""
    most = limits.active().glyphs_per_page
    for number, page in enumerate(pages, start=1):
        if isinstance(page, PageTooBusy):
            raise limits.exceeded(f"{name} 第{number}页", "glyphs_per_page", page.count)
        if isinstance(page, RawPage) and max(len(page.glyphs), len(page.shapes)) > most:
            raise limits.exceeded(f"{name} 第{number}页", "glyphs_per_page",
                                  max(len(page.glyphs), len(page.shapes)))
        yield page
