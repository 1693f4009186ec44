"""The pdfminer.six backend (pure Python): raw pages for the shared layout.

Imported only when it is used: by `read_pdf` for `--pdf-engine pdfminer` (or when pypdfium2
is missing), and by the pdfium backend for a page whose fonts PDFium cannot read.

pdfminer ignores clipping paths and text render modes; the interpreter and device here keep
track of both (the clip as a box, as the pdfium backend reads it), so that `visible.py` can
drop what a reader cannot see the same way for both backends.
"""

from __future__ import annotations

import io
import itertools
import logging
import math
from collections.abc import Iterator

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar, LTContainer, LTCurve, LTImage, LTRect
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.utils import apply_matrix_pt

from ... import limits
from .errors import corrupt_error, encrypted_error
from .raw import Box, Glyph, RawPage, Shape, box_of, intersect, is_whitespace, page_size, shown_box

# pdfminer logs every oddity of a damaged file; what matters reaches the user as one message.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

INVISIBLE = (3, 7)  # text render modes that paint nothing (7 only adds to the clip)


def pdfminer_pages(name: str, data: bytes) -> tuple[int, Iterator[RawPage | Exception]]:
    """Open with pdfminer.six; returns the page count and a lazy stream of raw pages."""
    pages = MinerPages(name, data)
    return pages.count, (pages.page(i) for i in range(pages.count))


class MinerPages:
    """pdfminer.six over one document, page by page (the fast backend borrows single pages)."""

    def __init__(self, name: str, data: bytes) -> None:
        try:
            doc = PDFDocument(PDFParser(io.BytesIO(data)))
            # one page past the limit is enough to refuse the file (a page listed 20,000 times)
            self.pages = list(itertools.islice(PDFPage.create_pages(doc), limits.active().pages + 1))
        except (PDFPasswordIncorrect, PDFEncryptionError):
            raise encrypted_error(name) from None
        except Exception as exc:  # pdfminer raises many kinds on broken files
            if b"/Encrypt" in data:
                raise encrypted_error(name) from None
            raise corrupt_error(name, type(exc).__name__) from None
        if not self.pages:
            raise corrupt_error(name, "找不到任何页面")
        self.count = len(self.pages)
        manager = PDFResourceManager(caching=True)
        self.device = _Device(manager, laparams=None)  # no layout analysis: we do our own
        self.interpreter = _Interpreter(manager, self.device)

    def page(self, index: int) -> RawPage | Exception:
        try:
            page = self.pages[index]
            self.interpreter.process_page(page)
            size = page_size(shown_box(page.cropbox, page.mediabox), page.rotate)
            return _pdfminer_raw(self.device.get_result(), *size)
        except Exception as exc:  # one bad page must not lose the others
            return exc


class _Interpreter(PDFPageInterpreter):
    """pdfminer's interpreter, also tracking the clipping area (in device space, as a box) and
    handing it, with the text render mode, to the device at every string shown."""

    def __init__(self, rsrcmgr, device, clip: Box | None = None) -> None:
        super().__init__(rsrcmgr, device)
        self.outer_clip = clip  # a form XObject starts in the clip it is drawn in

    def dup(self) -> _Interpreter:
        return self.__class__(self.rsrcmgr, self.device, self.clip)

    def process_page(self, page: PDFPage) -> None:
        """As pdfminer's, but the page is what a viewer shows: the crop box, not the media box."""
        x0, y0, x1, y1 = shown_box(page.cropbox, page.mediabox)
        ctm = {
            90: (0, -1, 1, 0, -y0, x1),
            180: (-1, 0, 0, -1, x1, y1),
            270: (0, 1, -1, 0, y1, -x0),
        }.get(page.rotate % 360, (1, 0, 0, 1, -x0, -y0))
        self.device.begin_page(page, ctm)
        self.render_contents(page.resources, page.contents, ctm=ctm)
        self.device.end_page(page)

    def init_state(self, ctm) -> None:
        super().init_state(ctm)
        self.clip = self.outer_clip
        self.clipping = False  # a W/W* seen: the path ends by becoming part of the clip

    def get_current_state(self):
        return (*super().get_current_state(), self.clip)

    def set_current_state(self, state) -> None:
        super().set_current_state(state[:3])
        self.clip = state[3] if len(state) > 3 else self.outer_clip

    def do_W(self) -> None:
        self.clipping = True

    def do_W_a(self) -> None:
        self.clipping = True

    def end_path(self) -> None:
        if not self.clipping:
            return
        self.clipping = False
        coords = [v for seg in self.curpath for v in seg[1:]]
        points = [apply_matrix_pt(self.ctm, p) for p in zip(coords[::2], coords[1::2], strict=True)]
        if points:
            self.clip = intersect(self.clip, box_of(points))

    def do_n(self) -> None:
        self.end_path()
        super().do_n()

    def do_S(self) -> None:
        self.end_path()
        super().do_S()

    def do_f(self) -> None:
        self.end_path()
        super().do_f()

    def do_F(self) -> None:
        self.end_path()
        super().do_F()

    def do_f_a(self) -> None:
        self.end_path()
        super().do_f_a()

    def do_B(self) -> None:
        self.end_path()
        super().do_B()

    def do_B_a(self) -> None:
        self.end_path()
        super().do_B_a()

    def do_TJ(self, seq) -> None:
        self.device.clip = self.clip
        self.device.hidden = self.textstate.render in INVISIBLE
        super().do_TJ(seq)


class _Device(PDFPageAggregator):
    """Marks each character with its font size and the clip and render mode it was shown in."""

    clip: Box | None = None
    hidden = False

    def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate) -> float:
        adv = super().render_char(matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate)
        self.cur_item._objs[-1].shown_in = (fontsize, self.clip, self.hidden)
        return adv


def _pdfminer_raw(layout, width: float, height: float) -> RawPage:
    raw = RawPage(width, height)

    def flip(box: Box) -> Box:
        return (box[0], height - box[3], box[2], height - box[1])

    stack = list(layout)
    while stack:
        obj = stack.pop()
        if isinstance(obj, LTChar):
            text = obj.get_text()
            if not is_whitespace(text):
                fontsize, clip, hidden = obj.shown_in
                _, _, c, d, _, f = obj.matrix
                raw.glyphs.append(
                    Glyph(
                        text, obj.x0, height - obj.y1, obj.x1, height - obj.y0,
                        base=height - f, em=fontsize * math.hypot(c, d),
                        clip=None if clip is None else flip(clip), hidden=hidden,
                    )
                )
        elif isinstance(obj, LTCurve):
            points = [(x, height - y) for x, y in obj.pts]
            closed = isinstance(obj, LTRect) or (len(points) > 2 and points[0] == points[-1])
            raw.shapes.append(Shape([(points, closed)], bool(obj.stroke), bool(obj.fill)))
        elif isinstance(obj, LTImage):
            raw.images.append(flip(obj.bbox))
        elif isinstance(obj, LTContainer):
            stack.extend(obj)
    return raw
