"""The fast PDF backend on pypdfium2 (PDFium): the same RawPage material as pdfminer, ~10x sooner.

Only extraction lives here; layout is shared with the pdfminer backend, which is what keeps
the two backends' Documents identical. Imported only when it is used (it loads PDFium).
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import pypdfium2 as pdfium
import pypdfium2.raw as pr

from ... import limits
from .bounds import PageTooBusy
from .errors import corrupt_error, encrypted_error
from .raw import Glyph, RawPage, Shape, display_transform, is_whitespace

if TYPE_CHECKING:
    from .pdfminer_backend import MinerPages

Transform = Callable[[float, float], tuple[float, float]]
Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def pdfium_pages(name: str, data: bytes) -> tuple[int, Iterator[RawPage | Exception]]:
    """Open with PDFium; returns the page count and a lazy stream of raw pages."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if pr.FPDF_GetLastError() == pr.FPDF_ERR_PASSWORD or "password" in str(exc).lower():
            raise encrypted_error(name) from None
        raise corrupt_error(name, exc) from None
    count = len(pdf)
    if not count:
        pdf.close()
        raise corrupt_error(name, "找不到任何页面")
    return count, _stream(pdf, count, name, data)


def _stream(pdf: pdfium.PdfDocument, count: int, name: str, data: bytes) -> Iterator[RawPage | Exception]:
    fallback: MinerPages | None = None  # opened at the first page that needs it
    try:
        for index in range(count):
            try:
                raw, unembedded = _raw_page(pdf, index)
            except Exception as exc:  # one bad page must not lose the others
                yield exc
                continue
            if unembedded:
                # PDFium drops characters of fonts it cannot load (a CJK font that is neither
                # embedded nor installed); pdfminer reads codes through the CMap alone.
                if fallback is None:
                    from .pdfminer_backend import MinerPages

                    fallback = MinerPages(name, data)
                yield fallback.page(index)
            else:
                yield raw
    finally:
        pdf.close()


def _raw_page(pdf: pdfium.PdfDocument, index: int) -> tuple[RawPage, bool]:
    """The page's raw material, and whether it uses a font PDFium may not be able to read."""
    page = pdf[index]
    try:
        box = page.get_mediabox()
        rotate = page.get_rotation()
        transform = display_transform(box, rotate)
        width, height = box[2] - box[0], box[3] - box[1]
        if rotate % 180:
            width, height = height, width
        raw = RawPage(width, height)
        walk = _Walk(transform, raw)
        walk.objects(page.raw, pr.FPDFPage_CountObjects, pr.FPDFPage_GetObject, IDENTITY)
        if not walk.unembedded:
            _glyphs(page, transform, raw)
            raw.sort_glyphs()
        return raw, walk.unembedded
    finally:
        page.close()


def _glyphs(page: pdfium.PdfPage, transform: Transform, raw: RawPage) -> None:
    """Every real character with its loose box (the font's advance and ascent/descent)."""
    textpage = page.get_textpage()
    try:
        tp = textpage.raw
        rect = pr.FS_RECTF()
        count = pr.FPDFText_CountChars(tp)
        if count > limits.active().glyphs_per_page:
            raise PageTooBusy(count)  # before a Python object is made for each
        for k in range(count):
            if pr.FPDFText_IsGenerated(tp, k) == 1:
                continue  # spaces and line breaks PDFium made up: we place our own
            code = pr.FPDFText_GetUnicode(tp, k)
            if not code or 0xD800 <= code < 0xE000:
                continue
            text = chr(code)
            if is_whitespace(text) or not pr.FPDFText_GetLooseCharBox(tp, k, rect):
                continue
            xa, ya = transform(rect.left, rect.top)
            xb, yb = transform(rect.right, rect.bottom)
            raw.glyphs.append(Glyph(text, min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb)))
    finally:
        textpage.close()


# Fonts every PDF viewer carries (PDF's standard 14 and their Windows names): safe unembedded.
_STANDARD = ("Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats", "Arial", "CourierNew")


class _Walk:
    """Walks page objects, into form XObjects too: paths, images, and unembedded fonts."""

    def __init__(self, transform: Transform, raw: RawPage) -> None:
        self.transform = transform
        self.raw = raw
        self.unembedded = False
        self.checked: set[int] = set()
        self.matrix = pr.FS_MATRIX()
        self.seen = 0  # objects walked, forms' inner objects included

    def objects(self, parent, count_fn, get_fn, outer: Matrix) -> None:
        count = count_fn(parent)
        self.seen += count
        if self.seen > limits.active().glyphs_per_page:
            raise PageTooBusy(self.seen)
        for i in range(count):
            obj = get_fn(parent, i)
            kind = pr.FPDFPageObj_GetType(obj)
            if kind == pr.FPDF_PAGEOBJ_TEXT:
                self.font(obj)
            elif kind == pr.FPDF_PAGEOBJ_IMAGE:
                self.raw.images += 1
            elif kind in (pr.FPDF_PAGEOBJ_PATH, pr.FPDF_PAGEOBJ_FORM):
                m = self.matrix
                pr.FPDFPageObj_GetMatrix(obj, m)
                m = _compose((m.a, m.b, m.c, m.d, m.e, m.f), outer)
                if kind == pr.FPDF_PAGEOBJ_FORM:
                    self.objects(obj, pr.FPDFFormObj_CountObjects, pr.FPDFFormObj_GetObject, m)
                else:
                    shape = _shape(obj, m, self.transform)
                    if shape is not None:
                        self.raw.shapes.append(shape)

    def font(self, obj) -> None:
        font = pr.FPDFTextObj_GetFont(obj)
        key = ctypes.cast(font, ctypes.c_void_p).value or 0
        if self.unembedded or key in self.checked:
            return
        self.checked.add(key)
        if pr.FPDFFont_GetIsEmbedded(font):
            return
        buf = ctypes.create_string_buffer(128)
        pr.FPDFFont_GetBaseFontName(font, buf, len(buf))
        base = buf.value.decode("latin-1").split("+")[-1].replace(" ", "")
        self.unembedded = not base.startswith(_STANDARD)


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """inner then outer, as PDF concatenates matrices."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _shape(obj, m: Matrix, transform: Transform) -> Shape | None:
    fillmode, stroke = ctypes.c_int(0), ctypes.c_int(0)
    if not pr.FPDFPath_GetDrawMode(obj, ctypes.byref(fillmode), ctypes.byref(stroke)):
        return None
    if not stroke.value and not fillmode.value:
        return None  # an invisible path (clipping, white-out helpers)
    a, b, c, d, e, f = m
    subpaths: list[tuple[list[tuple[float, float]], bool]] = []
    x, y = ctypes.c_float(0), ctypes.c_float(0)
    for k in range(pr.FPDFPath_CountSegments(obj)):
        seg = pr.FPDFPath_GetPathSegment(obj, k)
        pr.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y))
        point = transform(a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        if pr.FPDFPathSegment_GetType(seg) == pr.FPDF_SEGMENT_MOVETO or not subpaths:
            subpaths.append(([point], False))
        else:
            subpaths[-1][0].append(point)
        if pr.FPDFPathSegment_GetClose(seg):
            subpaths[-1] = (subpaths[-1][0], True)
    return Shape(subpaths, bool(stroke.value), bool(fillmode.value))
