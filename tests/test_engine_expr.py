from decimal import Decimal as D

import pytest

from auditor.engine.expr import (
    BinOp,
    Call,
    Cell,
    ColSpec,
    Compare,
    ExprSyntaxError,
    Neg,
    Num,
    RowSpec,
    parse,
    parse_row,
    variables,
)


def cell(table, row_kind, row, col, pos, col_kind="path"):
    return Cell(table, RowSpec(row_kind, row), ColSpec(col_kind, col), pos)


def test_sum_of_two_cells():
    node = parse("支出总表[合计, 合计] == 支出总表[合计, 基本支出] + 支出总表[合计, 项目支出]")
    assert node == Compare(
        "==",
        cell("支出总表", "label", "合计", "合计", 1),
        BinOp(
            "+",
            cell("支出总表", "label", "合计", "基本支出", 17),
            cell("支出总表", "label", "合计", "项目支出", 34),
            32,
        ),
        "支出总表[合计, 合计]",
        "支出总表[合计, 基本支出] + 支出总表[合计, 项目支出]",
        14,
    )


def test_precedence_parentheses_unary_minus_and_exact_numbers():
    node = parse("表[201, a] - 2 * (表[202, b] + 0.1) / 3 >= -1")
    assert node.op == ">="
    assert node.right == Neg(Num(D("1"), 43), 42)
    minus = node.left
    assert isinstance(minus, BinOp) and minus.op == "-"
    div = minus.right
    assert isinstance(div, BinOp) and div.op == "/"
    mul = div.left
    assert isinstance(mul, BinOp) and mul.op == "*" and mul.left == Num(D("2"), 13)
    inner = mul.right
    assert isinstance(inner, BinOp) and inner.op == "+" and inner.right == Num(D("0.1"), 30)
    assert inner.right.value == D("0.1")  # exact decimal, not a float
    assert minus.left == cell("表", "code", "201", "a", 1)


def test_quoted_table_and_names_with_cjk_quotes():
    node = parse(
        '"一般公共预算“三公”经费支出表"[合计, 公务接待费] == 一般公共预算“三公”经费支出表[合计, "因公出国(境)费"]'
    )
    assert node.left.table == "一般公共预算“三公”经费支出表"
    assert node.right.table == "一般公共预算“三公”经费支出表"
    assert node.right.column == ColSpec("path", "因公出国(境)费")


def test_raw_address_parts_keep_spaces_brackets_and_paths():
    node = parse("表[（一）行政运行, 一般公共预算基本支出/公用经费] == 表['a, b', 因公出国(境)费]")
    assert node.left.row == RowSpec("label", "（一）行政运行")
    assert node.left.column == ColSpec("path", "一般公共预算基本支出/公用经费")
    assert node.right.row == RowSpec("label", "a, b")
    assert node.right.column == ColSpec("path", "因公出国(境)费")


def test_row_sets_and_functions():
    node = parse(
        'sum(表[code:3, x], 表[301??, x], 表[301*, x], 表[~"^一", x], 表[*, x]) == count(表[ordinal:1, y])'
    )
    assert isinstance(node.left, Call) and node.left.name == "sum"
    assert [a.row for a in node.left.args] == [
        RowSpec("level", "3"),
        RowSpec("pattern", "301??"),
        RowSpec("pattern", "301*"),
        RowSpec("regex", "^一"),
        RowSpec("all", "*"),
    ]
    assert node.right == Call("count", (cell("表", "ordinal", "1", "y", 75),), 69)
    assert parse("abs(表[a, b] - 表[c, d]) <= 0.01").left.name == "abs"
    assert parse("min(表[a, b], 1) < max(2, 3)").right.name == "max"


def test_variables():
    node = parse("表[$row, $col] != 表[$label, 合计] + 表[$code, x]")
    assert node.left == cell("表", "var", "row", "col", 1, col_kind="var")
    assert variables(node) == {"row", "col", "label", "code"}


def test_parse_row_on_its_own():
    assert parse_row("code:5") == RowSpec("level", "5")
    assert parse_row("2010301") == RowSpec("code", "2010301")
    assert parse_row('"a,b"') == RowSpec("label", "a,b")


@pytest.mark.parametrize(
    ("src", "position", "message"),
    [
        ("支出总表[合计, 合计 == 1", 13, '缺少 "]"'),
        ("支出总表[合计, 合计", 12, '缺少 "]"'),
        ("表[合计] == 1", 5, '单元格地址需要 [行, 列] 两部分，缺少 ","'),
        ("表[合计, a, b] == 1", 8, '列地址中有多余的 ","（名称含逗号时请加引号）'),
        ("表[, a] == 1", 3, "单元格地址缺少行"),
        ("表[a, ] == 1", 6, "单元格地址缺少列"),
        ("表[a, b]] == 1", 8, '多余的 "]"'),
        ("表[a, b] == ", 12, "表达式不完整"),
        ("表[a, b] + 1", 12, "表达式需要一个比较（==、!=、<=、>=、<、>）"),
        ("表[a, b] = 1", 9, '无法识别的运算符 "="，比较请用 == 或 !='),
        ("表[a, b] == 1 == 2", 14, "一个表达式只能有一个比较"),
        ("(表[a, b] == 1", 10, '缺少 ")"'),
        ("foo(1) == 2", 1, "未知函数 foo（可用：sum、abs、min、max、count）"),
        ("sum() == 1", 1, "函数 sum 需要至少 1 个参数，给了 0 个"),
        ("abs(1, 2) == 1", 1, "函数 abs 需要 1 个参数，给了 2 个"),
        ("表 == 1", 3, '表名 表 后面缺少 "[行, 列]"'),
        ("[a, b] == 1", 1, "单元格地址前缺少表名"),
        ("表[$foo, b] == 1", 3, "未知变量 $foo（可用：$row、$label、$code、$col）"),
        ("表[a, b] == $row", 12, "变量只能用在单元格地址 [行, 列] 中"),
        ("表[*, b] == 1", 1, "行集合（*、code:N、301* 等）只能直接用在 sum() 或 count() 中"),
        (
            "sum(表[*, b]) + 表[code:3, b] == 1",
            16,
            "行集合（*、code:N、301* 等）只能直接用在 sum() 或 count() 中",
        ),
        ("abs(表[*, b]) == 1", 5, "行集合（*、code:N、301* 等）只能直接用在 sum() 或 count() 中"),
        ("sum(表[*, b] + 1) == 1", 5, "行集合（*、code:N、301* 等）只能直接用在 sum() 或 count() 中"),
        ("12ab == 1", 1, '数字后面不能紧跟 "a"'),
        ('"表[a, b] == 1', 1, '引号 " 没有闭合'),
        ("表[~(, b] == 1", 3, "正则表达式无效：missing ), unterminated subpattern at position 0"),
        ("   ", 1, "表达式为空"),
    ],
)
def test_syntax_errors_carry_position_and_message(src, position, message):
    with pytest.raises(ExprSyntaxError) as info:
        parse(src)
    assert (info.value.position, info.value.message) == (position, message)
    assert str(info.value) == f"表达式第 {position} 个字符处: {message}"
