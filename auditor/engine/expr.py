"""The rule expression language: a tokenizer and a recursive-descent parser (never eval).

Grammar (positions in error messages are 1-based character offsets into the expression):

    rule     := sum (CMP sum)?            CMP is == != <= >= < >
    sum      := product (('+' | '-') product)*
    product  := unary (('*' | '/') unary)*
    unary    := '-' unary | atom
    atom     := NUMBER | '(' sum ')' | NAME '(' args? ')' | table '[' row ',' column ']'
    table    := NAME | STRING             NAME may hold CJK, “”, （）; STRING is "..." or '...'

Inside `[...]` the row and the column are read as raw text (trimmed), so labels with spaces or
ASCII brackets need no quoting; a quoted part keeps commas and `]`. A row is a code (digits),
a label, `$var`, or — only inside sum()/count() — a row set: `*`, `code:N`, `ordinal:N`, a code
pattern (`301*`, `301??`) or `~regex`. A column is a full path or a path suffix, or `$var`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from auditor.numbers import MAX_DIGITS

COMPARATORS = ("==", "!=", "<=", ">=", "<", ">")
FUNCTIONS = {"sum": (1, None), "abs": (1, 1), "min": (2, None), "max": (2, None), "count": (1, None)}
ROW_SET_FUNCTIONS = ("sum", "count")
VARIABLES = ("row", "label", "code", "col")

# Characters that end a bare name: ASCII operators, brackets, quotes and white space. Full-width
# brackets and quotes (（）“”) are ordinary name characters, as in 一般公共预算“三公”经费支出表.
_NAME_STOP = set(" \t\r\n+-*/()[],=<>!\"'$")
# A raw address part ends at these (a row also at ','), so `表[合计, 合计 == 1` reports the
# missing ']' where the comparison starts instead of swallowing the rest of the expression.
_RAW_STOP = set("[]=<>!")


class ExprSyntaxError(Exception):
    def __init__(self, position: int, message: str) -> None:
        super().__init__(f"表达式第 {position} 个字符处: {message}")
        self.position = position
        self.message = message


# -- AST ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RowSpec:
    """How a cell address names its row.

    kind: code (digits), label, var (`$row`…: text is the variable name), all (`*`),
    level (`code:N`: text is N), ordinal (`ordinal:N`), pattern (`301*`, `301??`), regex (`~…`),
    classes (`classes`: rows named after a class of the functional classification, coded or not),
    parts (`parts:年初财政拨款结转和结余`: the rows the reader found to be that row's parts).
    """

    kind: str
    text: str

    @property
    def is_set(self) -> bool:
        return self.kind in ("all", "level", "ordinal", "pattern", "regex", "classes", "parts")


@dataclass(frozen=True, slots=True)
class ColSpec:
    kind: str  # "path" or "var"
    text: str


@dataclass(frozen=True, slots=True)
class Num:
    value: Decimal
    pos: int


@dataclass(frozen=True, slots=True)
class Cell:
    table: str
    row: RowSpec
    column: ColSpec
    pos: int


@dataclass(frozen=True, slots=True)
class Neg:
    operand: Node
    pos: int


@dataclass(frozen=True, slots=True)
class BinOp:
    op: str  # + - * /
    left: Node
    right: Node
    pos: int


@dataclass(frozen=True, slots=True)
class Call:
    name: str
    args: tuple[Node, ...]
    pos: int


@dataclass(frozen=True, slots=True)
class Compare:
    op: str
    left: Node
    right: Node
    left_text: str  # source text of each side, for messages
    right_text: str
    pos: int


Node = Num | Cell | Neg | BinOp | Call


# -- tokens ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # NUM NAME STR OP ADDR END
    text: str
    pos: int  # 0-based start
    end: int  # 0-based end (exclusive)
    extra: object = None  # ADDR: (RowSpec, ColSpec)


_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")  # ASCII digits: str.isdigit also says yes to ² and ١
_OPS = ("==", "!=", "<=", ">=", "<", ">", "+", "-", "*", "/", "(", ")", ",")


def tokenize(src: str) -> list[Token]:
    tokens: list[Token] = []
    i, n = 0, len(src)
    while i < n:
        ch = src[i]
        if ch.isspace():
            i += 1
            continue
        if "0" <= ch <= "9":
            m = _NUMBER.match(src, i)
            assert m is not None
            if len(m.group()) - m.group().count(".") > MAX_DIGITS:
                raise ExprSyntaxError(i + 1, f"数字位数过多（最多 {MAX_DIGITS} 位）")
            if m.end() < n and src[m.end()] not in _NAME_STOP:
                raise ExprSyntaxError(i + 1, f'数字后面不能紧跟 "{src[m.end()]}"')
            tokens.append(Token("NUM", m.group(), i, m.end()))
            i = m.end()
            continue
        if ch in "\"'":
            text, j = _read_quoted(src, i)
            tokens.append(Token("STR", text, i, j))
            i = j
            continue
        if ch == "[":
            tok = _read_address(src, i)
            tokens.append(tok)
            i = tok.end
            continue
        if ch == "]":
            raise ExprSyntaxError(i + 1, '多余的 "]"')
        if ch == "$":
            raise ExprSyntaxError(i + 1, "变量只能用在单元格地址 [行, 列] 中")
        op = next((o for o in _OPS if src.startswith(o, i)), None)
        if op is not None:
            tokens.append(Token("OP", op, i, i + len(op)))
            i += len(op)
            continue
        if ch in "=!":
            raise ExprSyntaxError(i + 1, f'无法识别的运算符 "{ch}"，比较请用 == 或 !=')
        j = i
        while j < n and src[j] not in _NAME_STOP:
            j += 1
        tokens.append(Token("NAME", src[i:j], i, j))
        i = j
    tokens.append(Token("END", "", n, n))
    return tokens


def _read_quoted(src: str, i: int) -> tuple[str, int]:
    quote = src[i]
    j = src.find(quote, i + 1)
    if j < 0:
        raise ExprSyntaxError(i + 1, f"引号 {quote} 没有闭合")
    if j == i + 1:
        raise ExprSyntaxError(i + 1, "引号中的名称为空")
    return src[i + 1 : j], j + 1


def _read_part(src: str, i: int, stops: str) -> tuple[str, bool, int, int]:
    """One address part from i: (text, quoted, index of the stop character, 1-based text start)."""
    n = len(src)
    while i < n and src[i].isspace():
        i += 1
    begin = i + 1
    if i < n and src[i] in "\"'":
        text, j = _read_quoted(src, i)
        while j < n and src[j].isspace():
            j += 1
        return text, True, j, begin
    if i < n and src[i] == "~" and i + 1 < n and src[i + 1] in "\"'":
        text, j = _read_quoted(src, i + 1)
        while j < n and src[j].isspace():
            j += 1
        return "~" + text, True, j, begin
    j = i
    while j < n and src[j] not in stops and src[j] not in _RAW_STOP:
        j += 1
    return src[i:j].strip(), False, j, begin


def _read_address(src: str, start: int) -> Token:
    n = len(src)
    row_text, row_quoted, i, row_pos = _read_part(src, start + 1, ",")
    if i >= n or src[i] != ",":
        if i < n and src[i] == "]":
            raise ExprSyntaxError(i + 1, '单元格地址需要 [行, 列] 两部分，缺少 ","')
        raise ExprSyntaxError(i + 1, '缺少 ","')
    if not row_text:
        raise ExprSyntaxError(i + 1, "单元格地址缺少行")
    row = _row_spec(row_text, row_quoted, row_pos)
    col_text, col_quoted, j, col_pos = _read_part(src, i + 1, ",")
    if j < n and src[j] == ",":
        raise ExprSyntaxError(j + 1, '列地址中有多余的 ","（名称含逗号时请加引号）')
    if j >= n or src[j] != "]":
        raise ExprSyntaxError(j + 1, '缺少 "]"')
    if not col_text:
        raise ExprSyntaxError(j + 1, "单元格地址缺少列")
    column = _col_spec(col_text, col_quoted, col_pos)
    return Token("ADDR", src[start : j + 1], start, j + 1, (row, column))


_VAR = re.compile(r"^\$([A-Za-z_]\w*)$")
_LEVEL = re.compile(r"^(code|ordinal):(\d+)$")
_PATTERN = re.compile(r"^\d+(?:\?+\*?|\*)$|^\d*\?+\*?$")


def _row_spec(text: str, quoted: bool, pos: int) -> RowSpec:
    if quoted:
        return RowSpec("regex", text[1:]) if text.startswith("~") else RowSpec("label", text)
    if text.startswith("$"):
        return RowSpec("var", _var_name(text, pos))
    if text == "*":
        return RowSpec("all", "*")
    if text == "classes":
        return RowSpec("classes", "")
    if text.startswith("parts:") and len(text) > len("parts:"):
        return RowSpec("parts", text[len("parts:"):])
    if m := _LEVEL.match(text):
        if m.group(1) == "ordinal" and m.group(2) not in ("1", "2"):
            raise ExprSyntaxError(pos, "ordinal: 只能是 1（一、…）或 2（（一）…）")
        return RowSpec("level" if m.group(1) == "code" else "ordinal", m.group(2))
    if text.startswith("~"):
        pattern = text[1:]
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ExprSyntaxError(pos, f"正则表达式无效：{exc}") from None
        return RowSpec("regex", pattern)
    if _PATTERN.match(text):
        return RowSpec("pattern", text)
    if text.isdigit():
        return RowSpec("code", text)
    return RowSpec("label", text)


def _col_spec(text: str, quoted: bool, pos: int) -> ColSpec:
    if not quoted and text.startswith("$"):
        return ColSpec("var", _var_name(text, pos))
    return ColSpec("path", text)


def _var_name(text: str, pos: int) -> str:
    m = _VAR.match(text)
    if not m:
        raise ExprSyntaxError(pos, f"变量名无效：{text}")
    if m.group(1) not in VARIABLES:
        raise ExprSyntaxError(pos, f"未知变量 ${m.group(1)}（可用：$row、$label、$code、$col）")
    return m.group(1)


# -- parser ---------------------------------------------------------------------------------


class _Parser:
    def __init__(self, src: str) -> None:
        self.src = src
        self.tokens = tokenize(src)
        self.i = 0

    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def advance(self) -> Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def error(self, message: str, tok: Token | None = None) -> ExprSyntaxError:
        tok = tok or self.tok
        return ExprSyntaxError(tok.pos + 1, message)

    def expect_op(self, op: str) -> Token:
        if self.tok.kind == "OP" and self.tok.text == op:
            return self.advance()
        raise self.error(f'缺少 "{op}"')

    def rule(self) -> Compare:
        start = self.tok.pos
        left = self.sum()
        left_end = self.tokens[self.i - 1].end
        if not (self.tok.kind == "OP" and self.tok.text in COMPARATORS):
            if self.tok.kind == "END":
                raise self.error("表达式需要一个比较（==、!=、<=、>=、<、>）")
            raise self.error(f'此处应为运算符或比较，却是 "{self.tok.text}"')
        op_tok = self.advance()
        right_start = self.tok.pos
        right = self.sum()
        if self.tok.kind != "END":
            if self.tok.kind == "OP" and self.tok.text in COMPARATORS:
                raise self.error("一个表达式只能有一个比较")
            raise self.error(f'多余的 "{self.tok.text}"')
        return Compare(
            op_tok.text,
            left,
            right,
            self.src[start:left_end].strip(),
            self.src[right_start:].strip(),
            op_tok.pos + 1,
        )

    def sum(self) -> Node:
        node = self.product()
        while self.tok.kind == "OP" and self.tok.text in "+-":
            op = self.advance()
            node = BinOp(op.text, node, self.product(), op.pos + 1)
        return node

    def product(self) -> Node:
        node = self.unary()
        while self.tok.kind == "OP" and self.tok.text in "*/":
            op = self.advance()
            node = BinOp(op.text, node, self.unary(), op.pos + 1)
        return node

    def unary(self) -> Node:
        if self.tok.kind == "OP" and self.tok.text == "-":
            op = self.advance()
            return Neg(self.unary(), op.pos + 1)
        if self.tok.kind == "OP" and self.tok.text == "+":
            self.advance()
            return self.unary()
        return self.atom()

    def atom(self) -> Node:
        tok = self.tok
        if tok.kind == "NUM":
            self.advance()
            return Num(Decimal(tok.text), tok.pos + 1)
        if tok.kind == "OP" and tok.text == "(":
            self.advance()
            node = self.sum()
            self.expect_op(")")
            return node
        if (
            tok.kind == "NAME"
            and self.tokens[self.i + 1].kind == "OP"
            and self.tokens[self.i + 1].text == "("
        ):
            return self.call()
        if tok.kind in ("NAME", "STR"):
            self.advance()
            if self.tok.kind != "ADDR":
                if tok.kind == "NAME" and tok.text.lower() in FUNCTIONS:
                    raise self.error(f'函数 {tok.text} 后面缺少 "("')
                raise self.error(f'表名 {tok.text} 后面缺少 "[行, 列]"')
            addr = self.advance()
            row, column = addr.extra  # type: ignore[misc]
            return Cell(tok.text, row, column, tok.pos + 1)
        if tok.kind == "ADDR":
            raise self.error("单元格地址前缺少表名")
        if tok.kind == "END":
            raise self.error("表达式不完整")
        raise self.error(f'此处不能出现 "{tok.text}"')

    def call(self) -> Call:
        name_tok = self.advance()
        name = name_tok.text.lower()
        if name not in FUNCTIONS:
            raise self.error(f"未知函数 {name_tok.text}（可用：{'、'.join(FUNCTIONS)}）", name_tok)
        self.expect_op("(")
        args: list[Node] = []
        if not (self.tok.kind == "OP" and self.tok.text == ")"):
            args.append(self.sum())
            while self.tok.kind == "OP" and self.tok.text == ",":
                self.advance()
                args.append(self.sum())
        self.expect_op(")")
        low, high = FUNCTIONS[name]
        if len(args) < low or (high is not None and len(args) > high):
            want = f" {low} 个" if low == high else f"至少 {low} 个"
            raise self.error(f"函数 {name} 需要{want}参数，给了 {len(args)} 个", name_tok)
        return Call(name, tuple(args), name_tok.pos + 1)


def _check_row_sets(node: Node, allowed: bool = False) -> None:
    """A row set may only be a direct argument of sum()/count(): elsewhere it has no single value."""
    if isinstance(node, Cell):
        if node.row.is_set and not allowed:
            raise ExprSyntaxError(node.pos, "行集合（*、code:N、301* 等）只能直接用在 sum() 或 count() 中")
    elif isinstance(node, Call):
        for arg in node.args:
            _check_row_sets(arg, node.name in ROW_SET_FUNCTIONS and isinstance(arg, Cell))
    elif isinstance(node, Neg):
        _check_row_sets(node.operand)
    elif isinstance(node, BinOp):
        _check_row_sets(node.left)
        _check_row_sets(node.right)


def cells(node: Node | Compare) -> list[Cell]:
    """Every cell address in an expression, in source order."""
    if isinstance(node, Cell):
        return [node]
    if isinstance(node, Compare):
        return cells(node.left) + cells(node.right)
    if isinstance(node, Neg):
        return cells(node.operand)
    if isinstance(node, BinOp):
        return cells(node.left) + cells(node.right)
    if isinstance(node, Call):
        return [c for a in node.args for c in cells(a)]
    return []


def variables(node: Node | Compare) -> set[str]:
    found: set[str] = set()
    for cell in cells(node):
        if cell.row.kind == "var":
            found.add(cell.row.text)
        if cell.column.kind == "var":
            found.add(cell.column.text)
    return found


MAX_DEPTH = 200  # operators and parentheses nested in one expression
MAX_LENGTH = 10_000  # characters of one expression (the built-in ones have fewer than 200)


def _depth(node: Node) -> int:
    """How deep a tree is, without recursion (a tree too deep for recursion is what it guards)."""
    deepest, stack = 0, [(node, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(node, BinOp):
            stack += [(node.left, depth + 1), (node.right, depth + 1)]
        elif isinstance(node, Neg):
            stack.append((node.operand, depth + 1))
        elif isinstance(node, Call):
            stack += [(arg, depth + 1) for arg in node.args]
    return deepest


@cache
def parse(src: str) -> Compare:
    """Parse a rule expression; raises ExprSyntaxError with a 1-based position.

    The tree is immutable, so a text met again (a pack's shared address map) is parsed once."""
    if not src.strip():
        raise ExprSyntaxError(1, "表达式为空")
    if len(src) > MAX_LENGTH:
        raise ExprSyntaxError(1, f"表达式过长（{len(src)} 个字符，最多 {MAX_LENGTH} 个），请拆成几条规则")
    parser = _Parser(src)
    try:
        node = parser.rule()
    except RecursionError:
        raise ExprSyntaxError(1, f"表达式嵌套过深（超过 {MAX_DEPTH} 层）") from None
    if _depth(node.left) > MAX_DEPTH or _depth(node.right) > MAX_DEPTH:
        # every walk of the tree (checks, evaluation) recurses: a bound here keeps them all safe
        raise ExprSyntaxError(1, f"表达式过长或嵌套过深（超过 {MAX_DEPTH} 层，请拆成几条规则）")
    _check_row_sets(node.left)
    _check_row_sets(node.right)
    return node


def parse_row(text: str) -> RowSpec:
    """A row address on its own (as in for_each and check parameters): `code:3`, `301*`, a label…"""
    text = text.strip()
    if not text:
        raise ExprSyntaxError(1, "行为空")
    quoted = len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'"
    return _row_spec(text[1:-1] if quoted else text, quoted, 1)
