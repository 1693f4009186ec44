"""Where the built-in data lives: the YAML packs of the `auditor.rules` package.

In a checkout the package is the top-level `rules/` folder (pyproject maps `auditor.rules` onto
it, so there is one copy only); in a wheel it is `auditor/rules/` inside site-packages. Both are
found through importlib.resources, never by a path relative to this file.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from .errors import BuiltinDataMissing


def _rules_dir() -> Path:
    try:
        return Path(str(files("auditor.rules")))
    except (ModuleNotFoundError, TypeError):  # a broken install: reported by builtin_pack_paths
        return Path(__file__).resolve().parent / "rules"


RULES_DIR = _rules_dir()
# The checkout holding docs/ (only meaningful in a development tree, for docs/rules.md).
PROJECT_ROOT = Path(__file__).resolve().parent.parent

# What every audit needs besides the rule packs: the readers' data.
READER_DATA = ("aliases.yaml", "vocabulary.yaml", "families.yaml", "subjects.yaml")


def require_builtin_data(packs: tuple[str, ...]) -> list[Path]:
    """The built-in pack files that exist; raises when none does or the readers' data is missing."""
    found = [RULES_DIR / name for name in packs if (RULES_DIR / name).is_file()]
    missing = [name for name in READER_DATA if not (RULES_DIR / name).is_file()]
    if not found or missing:
        what = "、".join(missing) if found else "内置规则包"
        raise BuiltinDataMissing(
            f"找不到{what}（应在 {RULES_DIR}）：auditor 安装不完整，请重新安装（pip install --force-reinstall auditor）")
    return found
