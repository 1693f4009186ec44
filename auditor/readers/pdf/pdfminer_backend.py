"""The pdfminer.six backend (pure Python): raw pages for the shared layout.

Imported only when it is used: by `read_pdf` for `--pdf-engine pdfminer` (or when pypdfium2
is missing), and by the pdfium backend for a page whose fonts PDFium cannot read.
"""

from __future__ import annotations

import io
import itertools
import logging
from collections.abc import Iterator

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar, LTContainer, LTCurve, LTImage, LTRect
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser

from ... import limits
from .errors import corrupt_error, encrypted_error
from .raw import Glyph, RawPage, Shape, is_whitespace

# pdfminer logs every oddity of a damaged file; what matters reaches the user as one message.
logging.getLogger("pdfminer").setLevel(logging.ERROR)


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
        self.device = PDFPageAggregator(manager, laparams=None)  # no layout analysis: we do our own
        self.interpreter = PDFPageInterpreter(manager, self.device)

    def page(self, index: int) -> RawPage | Exception:
        try:
            self.interpreter.process_page(self.pages[index])
            return _pdfminer_raw(self.device.get_result())
        except Exception as exc:  # one bad page must not lose the others
            return exc


def _pdfminer_raw(layout) -> RawPage:
    height = layout.height
    raw = RawPage(layout.width, height)
    stack = list(layout)
    while stack:
        obj = stack.pop()
        if isinstance(obj, LTChar):
            text = obj.get_text()
            if not is_whitespace(text):
                raw.glyphs.append(Glyph(text, obj.x0, height - obj.y1, obj.x1, height - obj.y0))
        elif isinstance(obj, LTCurve):
            points = [(x, height - y) for x, y in obj.pts]
            closed = isinstance(obj, LTRect) or (len(points) > 2 and points[0] == points[-1])
            raw.shapes.append(Shape([(points, closed)], bool(obj.stroke), bool(obj.fill)))
        elif isinstance(obj, LTImage):
            raw.images += 1
        elif isinstance(obj, LTContainer):
            stack.extend(obj)
    raw.sort_glyphs()
    return raw
