"""YAML reading: the C parser (libyaml) when PyYAML has it, about five times faster at start-up.

YAML aliases let a few lines stand for billions of nodes ("billion laughs"): PyYAML shares the
aliased objects, but whatever walks the data afterwards walks every copy. `expanded_nodes` counts
the nodes of a composed tree as if each alias were written out, so a loader can refuse a file
before constructing it.
"""

from __future__ import annotations

from typing import IO, Any

import yaml

SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(stream: str | IO[str]) -> Any:
    return yaml.load(stream, Loader=SafeLoader)  # noqa: S506 - a safe loader


def expanded_nodes(root: yaml.Node, limit: int) -> int:
    """How many nodes `root` stands for with every alias expanded, counting up to `limit + 1`
    (an alias that contains itself is endless: `limit + 1`). Iterative: nesting has no depth limit."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if key in sizes:
            continue
        children = _children(node)
        if not children_done:
            if key in open_nodes:
                return limit + 1  # reached again while its children are counted: a cycle
            open_nodes.add(key)
            stack.append((node, True))
            stack.extend((child, False) for child in children if id(child) not in sizes)
            continue
        open_nodes.discard(key)
        total = 1
        for child in children:
            total += sizes.get(id(child), limit + 1)  # not counted: a cycle through this node
            if total > limit:
                return limit + 1
        sizes[key] = total
    return sizes[id(root)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []
