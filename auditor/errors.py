"""Errors that end the audit of one input with a clear message (exit status 2), never a traceback."""


# Codes of inputs that could not be audited (the `E` rules of conventions.md).
INPUT_ERROR_TITLES = {
    "E001": "文件不存在或无法读取",
    "E002": "不是可读的文本文件",
    "E003": "不是部门预算或决算公开文件",
    "E004": "PDF 已加密",
    "E005": "PDF 没有文本层（扫描件）",
    "E006": "PDF 已损坏或不完整",
    "E099": "审核时出现内部错误",  # a bug or a crashed PDF library; the batch log keeps the traceback
}


class InputError(Exception):
    """An input file cannot be read or is not a disclosure. The message is shown to the user as is."""

    def __init__(self, message: str, code: str = "E001") -> None:
        super().__init__(message)
        self.code = code


class RuleFileError(Exception):
    """A rule file is broken: the message names the file, the rule and what is wrong."""


class BuiltinDataMissing(RuleFileError):
    """The installed package lacks its built-in packs or data: a broken install, not a broken input."""


class UsageError(Exception):
    """The command line or the settings are wrong: one line for the user, exit status 2."""
