"""YAML reading: the C parser (libyaml) when PyYAML has it, about five times faster at start-up."""

from __future__ import annotations

from typing import IO, Any

import yaml

SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(stream: str | IO[str]) -> Any:
    return yaml.load(stream, Loader=SafeLoader)  # noqa: S506 - a safe loader
