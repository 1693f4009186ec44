"""Readers turn a file into a Document; `read_document` picks one by the file's content."""

from __future__ import annotations

from pathlib import Path

from ..document import Document
from ..errors import InputError


def read_document(path: str | Path, pdf_engine: str = "auto") -> Document:
    p = Path(path)
    try:
        data = p.read_bytes()
    except IsADirectoryError:
        raise InputError(f"{p}: 是一个文件夹，不是文件", "E001") from None
    except FileNotFoundError:
        raise InputError(f"{p}: 文件不存在", "E001") from None
    except OSError as exc:
        raise InputError(f"{p}: 无法读取（{exc.strerror}）", "E001") from None
    if data.startswith(b"%PDF") or p.suffix.lower() == ".pdf":
        from . import pdf  # imported only when a PDF is read: it is the slow part of start-up

        return pdf.read_pdf(p, data, engine=pdf_engine)
    from .txt import read_txt_bytes

    return read_txt_bytes(str(p), data)
