"""Errors that end the audit of one input with a clear message (exit status 2), never a traceback."""


class InputError(Exception):
    """An input file cannot be read or is not a disclosure. The message is shown to the user as is."""

    def __init__(self, message: str, code: str = "E001") -> None:
        super().__init__(message)
        self.code = code


class RuleFileError(Exception):
    """A rule file is broken: the message names the file, the rule and what is wrong."""
