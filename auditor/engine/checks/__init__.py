"""Generic checks: parameterised identities that every disclosure table family shares.

Each check validates its YAML parameters once (at load time) and, run on a View, yields
Instances (two sides to compare), Problems (findings stated directly) and Skips (reasons).

    params.py             Param, ParamError, the converters of YAML values, validation
    registry.py           CheckSpec, CHECKS (the one registry), validate_params, run_check
    helpers.py            row/column utilities the checks share, a total against its parts
    column_total.py  row_total.py  row_sum.py  code_hierarchy.py  ordinal_hierarchy.py
    sub_rows.py  year_change.py  agreement.py

The names other modules import (CHECKS, CheckSpec, Param, ParamError, Output, validate_params,
run_check, the `_str`/`_strs`/`_bool`/`_choice`/... converters) are importable from here.
"""

from .agreement import AGREEMENT, SIDE_PARAMS, agreement
from .code_hierarchy import CODE_HIERARCHY, code_hierarchy
from .column_total import COLUMN_TOTAL, column_total
from .helpers import SEVERITIES, TOTAL_WORDS, Output, money_column
from .ordinal_hierarchy import ORDINAL_HIERARCHY, ordinal_hierarchy
from .params import Param, ParamError
from .params import _bool as _bool
from .params import _choice as _choice
from .params import _fail as _fail
from .params import _mapping as _mapping
from .params import _rows as _rows
from .params import _str as _str
from .params import _strs as _strs
from .params import _validate as _validate
from .registry import CHECKS, CheckSpec, no_tables, register_checks, run_check, validate_params
from .row_sum import ROW_SUM, row_sum
from .row_total import ROW_TOTAL, row_total
from .sub_rows import SUB_ROWS, sub_rows
from .year_change import YEAR_CHANGE, year_change

__all__ = [
    "AGREEMENT",
    "CHECKS",
    "CODE_HIERARCHY",
    "COLUMN_TOTAL",
    "ORDINAL_HIERARCHY",
    "ROW_SUM",
    "ROW_TOTAL",
    "SEVERITIES",
    "SIDE_PARAMS",
    "SUB_ROWS",
    "TOTAL_WORDS",
    "YEAR_CHANGE",
    "CheckSpec",
    "Output",
    "Param",
    "ParamError",
    "agreement",
    "code_hierarchy",
    "column_total",
    "money_column",
    "no_tables",
    "ordinal_hierarchy",
    "row_sum",
    "register_checks",
    "row_total",
    "run_check",
    "sub_rows",
    "validate_params",
    "year_change",
]
