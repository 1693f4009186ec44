"""auditor: consistency checks for Chinese departmental budget and final-account disclosures.

`auditor.check(path, select=[...])` audits from Python (see auditor/api.py). Importing the
package loads nothing else: the API and the report model are imported on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["FileReport", "Finding", "Location", "Reports", "__version__", "check"]

if TYPE_CHECKING:
    from .api import Reports, check
    from .report.model import FileReport, Finding, Location

_LAZY = {"check": "api", "Reports": "api", "FileReport": "report.model", "Finding": "report.model",
         "Location": "report.model"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'auditor' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
