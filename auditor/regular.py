"""Opening only regular files, and reading at most a limit of them.

A FIFO blocks for ever, `/dev/zero` never ends, a folder or a socket cannot be read: every input
the auditor reads (documents, rule files, config, baseline, resume log) is opened without blocking
and checked with fstat on the open descriptor (no race between a stat and the open) before one
byte is read. Callers turn the errors into their own message (E001, a rule-file or usage error).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO, TextIO

_KINDS = ((stat.S_ISDIR, "是一个文件夹，不是文件"), (stat.S_ISFIFO, "是命名管道（FIFO），不是普通文件"),
          (stat.S_ISCHR, "是字符设备，不是普通文件"), (stat.S_ISBLK, "是块设备，不是普通文件"),
          (stat.S_ISSOCK, "是套接字，不是普通文件"))


class NotRegularFile(OSError):
    """The path names something other than a regular file; `str()` says what, in Chinese."""


class FileTooLarge(OSError):
    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"{size} > {limit}")
        self.size, self.limit = size, limit


_ERRNO_REASONS = {errno.ENOENT: "文件不存在", errno.ENAMETOOLONG: "文件名过长", errno.EACCES: "没有读取权限",
                  errno.ELOOP: "符号链接过多或成环", errno.ENOTDIR: "路径中有一段不是文件夹"}


def os_reason(exc: OSError) -> str:
    """Why a file could not be opened, in Chinese when the reason is a common one."""
    if isinstance(exc, NotRegularFile):
        return str(exc)
    return _ERRNO_REASONS.get(exc.errno or 0) or f"无法读取（{exc.strerror or exc}）"


def kind_reason(mode: int) -> str:
    return next((reason for test, reason in _KINDS if test(mode)), "不是普通文件")


def open_regular(path: str | Path) -> BinaryIO:
    """The file open for binary reading; NotRegularFile for a folder, FIFO, device or socket
    (OSError as usual for a missing or unreadable file)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(kind_reason(mode))
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: str | Path, limit: int) -> bytes:
    """The content of a regular file of at most `limit` bytes (FileTooLarge beyond, read or not:
    a file that grows while it is read is cut at the limit, never read on)."""
    with open_regular(path) as fh:
        size = os.fstat(fh.fileno()).st_size
        if size > limit:
            raise FileTooLarge(size, limit)
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise FileTooLarge(len(data), limit)
    return data


def open_append(path: str | Path) -> TextIO:
    """A regular file open for appending UTF-8 text (created when missing). A FIFO, device or
    folder is NotRegularFile: opening a FIFO to write would wait for a reader for ever."""
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags, 0o644)
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a FIFO nobody reads
            raise NotRegularFile(kind_reason(stat.S_IFIFO)) from None
        raise
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(kind_reason(mode))
        return os.fdopen(fd, "a", encoding="utf-8")
    except BaseException:
        os.close(fd)
        raise
