"""The input errors of a PDF that cannot be read, worded alike for both backends (E codes)."""

from __future__ import annotations

from ...errors import InputError


def check_complete(name: str, data: bytes) -> None:
    """A PDF ends with %%EOF; without it the file was cut off (an interrupted download)."""
    if not data.lstrip()[:1024].startswith(b"%PDF") and b"%PDF" not in data[:1024]:
        raise InputError(f"{name}: 不是有效的 PDF 文件（缺少 %PDF 文件头），无法读取", "E006")
    if b"%%EOF" not in data[-4096:]:
        raise InputError(f"{name}: PDF 文件不完整（可能下载中断或文件被截断），无法读取", "E006")


def encrypted_error(name: str) -> InputError:
    return InputError(f"{name}: PDF 文件已加密，需要密码才能打开，无法读取", "E004")


def corrupt_error(name: str, why: object = None) -> InputError:
    """The same message from both backends; `why` is kept for debugging only."""
    error = InputError(f"{name}: PDF 文件已损坏或格式无效，无法读取", "E006")
    error.__notes__ = [str(why)] if why else []
    return error


def scanned_error(name: str) -> InputError:
    return InputError(f"{name}: PDF 没有文本层（可能是扫描件），需要先做OCR识别", "E005")
