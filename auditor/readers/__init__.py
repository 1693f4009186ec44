"""Readers turn a file into a Document; `read_document` picks one by the file's content.

Only regular files are opened (a FIFO or a device is E001 with the reason), and no more of them
is read than `limits.file_mb` allows (E007 beyond).
"""

from __future__ import annotations

from pathlib import Path

from .. import limits
from ..document import Document
from ..errors import InputError
from ..numbers import MAX_DIGITS, overlong_numbers
from ..regular import FileTooLarge, NotRegularFile, os_reason, read_regular


def read_document(path: str | Path, pdf_engine: str = "auto") -> Document:
    p = Path(path)
    try:
        data = read_regular(p, limits.active().file_bytes)
    except NotRegularFile as exc:
        raise InputError(f"{p}: {exc}", "E001") from None
    except FileTooLarge as exc:
        raise limits.exceeded(str(p), "file_mb", exc.size / limits.MB) from None
    except IsADirectoryError:
        raise InputError(f"{p}: 是一个文件夹，不是文件", "E001") from None
    except OSError as exc:
        raise InputError(f"{p}: {os_reason(exc)}", "E001") from None
    return read_bytes(str(p), data, pdf_engine)


def read_bytes(name: str, data: bytes, pdf_engine: str = "auto") -> Document:
    """A document from content read already (a file, or standard input), named `name`."""
    if len(data) > limits.active().file_bytes:
        raise limits.exceeded(name, "file_mb", len(data) / limits.MB)
    if data.startswith(b"%PDF") or name.lower().endswith(".pdf"):
        from . import pdf  # imported only when a PDF is read: it is the slow part of start-up

        document = pdf.read_pdf(Path(name), data, engine=pdf_engine)
    else:
        from .txt import read_txt_bytes

        document = read_txt_bytes(name, data)
    document.warnings += overlong_warnings(document)
    return document


def overlong_warnings(document: Document) -> list[str]:
    """A read warning for each line holding a run of digits too long to be a figure."""
    warnings = []
    for line in document.lines:
        for cell in line.cells:
            for run in overlong_numbers(cell):
                shown = run if len(run) <= 24 else f"{run[:12]}…{run[-6:]}"
                where = f"第{line.page}页第{line.number}行" if line.page else f"第{line.number}行"
                digits = sum(ch.isdigit() for ch in run)
                warnings.append(f"{where}的数字 {shown} 有 {digits} 位，超过 {MAX_DIGITS} 位，未作为数字核对")
    return list(dict.fromkeys(warnings))  # a run repeated on its line is said once
