"""The README documents every option of `audit check` and every config key."""

from pathlib import Path

import typer

from auditor.cli import app
from auditor.config import FORMATS, KEYS

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_check_option_is_in_the_readme_table():
    check = typer.main.get_command(app).commands["check"]
    options = [opt for param in check.params for opt in param.opts if opt.startswith("--") and opt != "--help"]
    assert len(options) == 30
    table = README.split("**`audit check` options**", 1)[1].split("**Exit status.**", 1)[0]
    assert [o for o in options if f"`{o}" not in table] == []


def test_every_config_key_and_format_is_in_the_readme():
    example = README.split("**Config file.**", 1)[1].split("```toml", 1)[1].split("```", 1)[0]
    assert [k for k in KEYS if f"{k} = " not in example and f"[tool.auditor.{k}]" not in example] == []
    assert [f for f in FORMATS if f"- `{f}`" not in README] == []
