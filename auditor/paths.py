"""Where the built-in data lives: the YAML packs in the project's top-level rules/ folder."""

from __future__ import annotations

from pathlib import Path

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
