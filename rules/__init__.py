"""The built-in rule packs and reader data (YAML only); installed as the `auditor.rules` package."""
