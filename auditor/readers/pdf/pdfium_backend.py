"""The fast PDF backend on pypdfium2 (PDFium): the same RawPage material as pdfminer, ~10x sooner.

Only extraction lives here; layout is shared with the pdfminer backend, which is what keeps
the two backends' Documents identical. Imported only when it is used (it loads PDFium).
"""

from __future__ import annotations

import ctypes
import math
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import pypdfium2 as pdfium
import pypdfium2.raw as pr

from ... import limits
from .bounds import PageTooBusy
from .errors import corrupt_error, encrypted_error
from .raw import (
    Box,
    Glyph,
    RawPage,
    Shape,
    box_of,
    display_transform,
    intersect,
    page_size,
    shown_box,
)

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
        box = shown_box(page.get_cropbox(), page.get_mediabox())
        rotate = page.get_rotation()
        transform = display_transform(box, rotate)
        raw = RawPage(*page_size(box, rotate))
        walk = _Walk(transform, raw)
        walk.objects(page.raw, pr.FPDFPage_CountObjects, pr.FPDFPage_GetObject, IDENTITY)
        if not walk.unembedded:
            _glyphs(page, transform, raw, walk.texts if walk.narrowed else None)
        return raw, walk.unembedded
    finally:
        page.close()


def _glyphs(page: pdfium.PdfPage, transform: Transform, raw: RawPage, texts: dict[int, TextInfo] | None) -> None:
    """Every real character with its loose box (the font's advance and ascent/descent), its
    baseline and size, and the clip and render mode of the text object that draws it (`texts`,
    None when no text object of the page is clipped or invisible)."""
    textpage = page.get_textpage()
    try:
        tp = textpage.raw
        rect = pr.FS_RECTF()
        matrix = pr.FS_MATRIX()
        ox, oy = ctypes.c_double(0), ctypes.c_double(0)
        # The em is the font size times the text matrix's vertical scale. Characters of one
        # size and box height share it, so the matrix is read once per such pair.
        ems: dict[tuple[float, float], float] = {}
        # the display transform as coefficients: the loop below runs once per character
        e, f = transform(0, 0)
        a, b = (v - w for v, w in zip(transform(1, 0), (e, f), strict=True))
        c, d = (v - w for v, w in zip(transform(0, 1), (e, f), strict=True))
        count = pr.FPDFText_CountChars(tp)
        if count > limits.active().glyphs_per_page:
            raise PageTooBusy(count)  # before a Python object is made for each
        for k in range(count):
            code = pr.FPDFText_GetUnicode(tp, k)
            if not code or 0xD800 <= code < 0xE000:
                continue
            text = chr(code)
            # Whitespace goes, real or made up by PDFium (its generated characters are spaces
            # and line breaks only): we place our own spaces.
            if text.isspace() or not pr.FPDFText_GetLooseCharBox(tp, k, rect):
                continue
            size = pr.FPDFText_GetFontSize(tp, k)
            key = (size, rect.top - rect.bottom)
            em = ems.get(key)
            if em is None:
                em = size * math.hypot(matrix.c, matrix.d) if pr.FPDFText_GetMatrix(tp, k, matrix) else 0.0
                ems[key] = em
            pr.FPDFText_GetCharOrigin(tp, k, ox, oy)
            left, top, right, bottom = rect.left, rect.top, rect.right, rect.bottom
            xa, xb = a * left + c * top + e, a * right + c * bottom + e
            ya, yb = b * left + d * top + f, b * right + d * bottom + f
            glyph = Glyph(
                text, min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb), b * ox.value + d * oy.value + f, em or None
            )
            if texts is not None:
                info = texts.get(_address(pr.FPDFText_GetTextObject(tp, k)))
                if info is not None:
                    glyph.clip, glyph.hidden = info
            raw.glyphs.append(glyph)
    finally:
        textpage.close()


# Fonts every PDF viewer carries (PDF's standard 14 and their Windows names): safe unembedded.
_STANDARD = ("Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats", "Arial", "CourierNew")
_INVISIBLE = (pr.FPDF_TEXTRENDERMODE_INVISIBLE, pr.FPDF_TEXTRENDERMODE_CLIP)

TextInfo = tuple[Box | None, bool]  # a text object's clip on the page, and whether it is invisible


def _address(handle) -> int:
    """What a PDFium handle points to (the same object gives the same number)."""
    return ctypes.addressof(handle.contents) if handle else 0


class _Walk:
    """Walks page objects, into form XObjects too: paths, images, unembedded fonts, and each
    text object's clip and render mode (the text page gives characters, not these)."""

    def __init__(self, transform: Transform, raw: RawPage) -> None:
        self.transform = transform
        self.raw = raw
        self.unembedded = False
        self.checked: set[int] = set()
        self.matrix = pr.FS_MATRIX()
        self.texts: dict[int, TextInfo] = {}  # only text objects clipped or invisible
        self.narrowed = False
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
                hidden = pr.FPDFTextObj_GetTextRenderMode(obj) in _INVISIBLE
                handle = pr.FPDFPageObj_GetClipPath(obj)
                clip = self.clip(handle, outer) if handle else None
                if hidden or clip is not None:
                    self.texts[_address(obj)] = (clip, hidden)
                    self.narrowed = True
            elif kind == pr.FPDF_PAGEOBJ_IMAGE:
                self.image(obj, outer)
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
        key = _address(font)
        if self.unembedded or key in self.checked:
            return
        self.checked.add(key)
        if pr.FPDFFont_GetIsEmbedded(font):
            return
        buf = ctypes.create_string_buffer(128)
        pr.FPDFFont_GetBaseFontName(font, buf, len(buf))
        base = buf.value.decode("latin-1").split("+")[-1].replace(" ", "")
        self.unembedded = not base.startswith(_STANDARD)

    def points(self, points: list[tuple[float, float]], m: Matrix) -> Box:
        """The box, on the displayed page, of points in the space of matrix `m`."""
        a, b, c, d, e, f = m
        return box_of([self.transform(a * x + c * y + e, b * x + d * y + f) for x, y in points])

    def clip(self, clip, outer: Matrix) -> Box | None:
        """The box of an object's clipping paths, each one narrowing it (a bounding box: clips
        are rectangles in practice), None if it leaves the whole page. Inside a form they are
        in the form's space."""
        box: Box | None = None
        x, y = ctypes.c_float(0), ctypes.c_float(0)
        for k in range(pr.FPDFClipPath_CountPaths(clip)):
            points = []
            for s in range(pr.FPDFClipPath_CountPathSegments(clip, k)):
                seg = pr.FPDFClipPath_GetPathSegment(clip, k, s)
                if pr.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y)):
                    points.append((x.value, y.value))
            if points:
                box = intersect(box, self.points(points, outer))
        page = self.raw
        if box is not None and box[0] <= 0 and box[1] <= 0 and box[2] >= page.width and box[3] >= page.height:
            return None  # a clip around the whole page (common in exports) cuts nothing off
        return box

    def image(self, obj, outer: Matrix) -> None:
        left, bottom, right, top = (ctypes.c_float(0) for _ in range(4))
        if pr.FPDFPageObj_GetBounds(obj, *(ctypes.byref(v) for v in (left, bottom, right, top))):
            x0, y0, x1, y1 = left.value, bottom.value, right.value, top.value
            self.raw.images.append(self.points([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], outer))
        else:
            self.raw.images.append((0.0, 0.0, 0.0, 0.0))  # an image all the same (a scan)


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
