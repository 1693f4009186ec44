"""Claims read from the prose (情况说明): the two seeds and hand-written tricky sentences."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from auditor.document import Line
from auditor.prose import Claim, extract_claims, load_vocabulary
from auditor.readers.txt import read_txt_bytes

SEEDS = Path("/work/shared/fixtures/seeds")
BUDGET = SEEDS / "mohe-smart-city-2025-budget.txt"
FINAL = SEEDS / "pingfang-smart-city-2023-final.txt"
D = Decimal


def seed_claims(path: Path) -> list[Claim]:
    if not path.exists():
        pytest.skip(f"seed {path} not available")
    doc = read_txt_bytes(path.name, path.read_bytes())
    return extract_claims([line for line in doc.lines if not line.is_tabular])


def claims_of(*texts: str, page: int | None = None) -> list[Claim]:
    return extract_claims([Line([t], n, page) for n, t in enumerate(texts, start=1)])


def at(claims: list[Claim], line: int, kind: str | None = None) -> list[Claim]:
    return [c for c in claims if c.line == line and (kind is None or c.kind == kind)]


def parts(claims: list[Claim], parent: Claim) -> list[Claim]:
    return [c for c in claims if c.part_of and c.part_of.parent == parent.id]


@pytest.fixture(scope="module")
def budget() -> list[Claim]:
    return seed_claims(BUDGET)


@pytest.fixture(scope="module")
def final() -> list[Claim]:
    return seed_claims(FINAL)


# ---- the budget seed ------------------------------------------------------------------------


def test_budget_income_line_gives_amount_and_change(budget: list[Claim]) -> None:
    # 1. 一般公共预算收入263.71万元，比上年预算数减少15.01万元，下降5.39%。
    amount, change = at(budget, 321)
    assert (amount.kind, amount.value, amount.decimals, amount.unit) == ("amount", D("263.71"), 2, "万元")
    assert amount.subject == "一般公共预算收入"
    assert amount.canonical == "一般公共预算财政拨款收入"
    assert change.kind == "change" and change.direction == "减少"
    assert (change.value, change.unit, change.rate, change.rate_decimals) == (
        D("15.01"),
        "万元",
        D("5.39"),
        2,
    )
    assert change.rate_word == "下降" and change.basis == "上年预算数"
    assert change.ref == amount.id and change.canonical == amount.canonical


def test_budget_income_and_expense_lists_are_parts_of_their_totals(budget: list[Claim]) -> None:
    income = at(budget, 319)
    assert [(c.canonical, c.value) for c in income] == [
        ("收入总计", D("263.71")),
        ("本年收入合计", D("263.71")),
    ]
    total, this_year = income
    assert this_year.part_of is not None and this_year.part_of.parent == total.id
    assert not this_year.part_of.complete  # 其中本年收入: one part, not the whole
    listed = [c for c in parts(budget, total) if c is not this_year]
    assert len(listed) == 10 and all(c.part_of and c.part_of.complete for c in listed)
    assert sum(c.value for c in listed) == D("263.71")
    assert listed[1].canonical == "年初结转和结余"  # 上年结转结余

    (spending,) = at(budget, 343)
    assert spending.canonical == "支出总计"
    items = parts(budget, spending)
    assert [c.canonical for c in items] == [
        "基本支出",
        "项目支出",
        "经营支出",
        "上缴上级支出",
        "对附属单位补助支出",
    ]
    assert sum(c.value for c in items) == D("263.70")


def test_budget_changes_and_flat_statements(budget: list[Claim]) -> None:
    base, change = at(budget, 345)
    assert base.subject == "基本支出预算" and base.canonical == "基本支出" and base.measure == "预算"
    assert (change.direction, change.value, change.rate) == ("减少", D("30.74"), D("14.57"))
    # 2. 上年结转结余0.00万元，比上年预算数增加0.00万元，增长0.00%。主要变动情况：与上年持平，无增减变化。
    amount, change, flat = at(budget, 323)
    assert (change.direction, change.value, change.rate) == ("增加", D("0.00"), D("0.00"))
    assert flat.direction == "持平" and flat.value is None and flat.basis == "上年"
    assert flat.ref == amount.id and flat.canonical == "年初结转和结余"
    assert sum(1 for c in budget if c.direction == "持平") == 15


def test_budget_three_public_expenses(budget: list[Claim]) -> None:
    amount, change = at(budget, 382)
    assert amount.canonical == "三公经费" and amount.value == D("0.18") and amount.measure == "预算"
    assert (change.direction, change.value, change.rate, change.basis) == (
        "减少",
        D("0.02"),
        D("10.00"),
        "2024年预算",
    )
    assert [c.canonical for c in at(budget, 384)] == ["因公出国(境)费"] * 3
    assert at(budget, 386)[0].canonical == "公务用车购置及运行维护费"


def test_budget_procurement_and_assets(budget: list[Claim]) -> None:
    total, *rest = at(budget, 361)
    assert total.canonical == "政府采购总额" and (total.value, total.decimals) == (D(0), 0)
    assert [c.canonical for c in rest] == ["政府采购货物", "政府采购工程", "政府采购服务"]
    assert all(c.part_of == rest[0].part_of and c.part_of.complete for c in rest if c.part_of)
    # 单价100万元（含）以上设备 is a threshold, not an amount; the counts are counts.
    assets = at(budget, 365)
    assert [(c.kind, c.value, c.unit) for c in assets] == [
        ("count", D(0), "辆"),
        ("count", D(1), "台（套）"),
        ("count", D(0), "平方米"),
    ]


def test_budget_counts_per_kind(budget: list[Claim]) -> None:
    # none: 无机关运行经费, and the notes 没有政府性基金预算 / 没有国有资本经营预算 (收入 and 支出 each)
    assert Counter(c.kind for c in budget) == {"amount": 28, "change": 35, "count": 7, "none": 5}
    assert not [c for c in budget if c.value in (D(2024), D(2025), D(31), D(100))]


# ---- the final-accounts seed ----------------------------------------------------------------


def test_final_changes_refer_back_to_their_amounts(final: list[Claim]) -> None:
    amount, change = at(final, 398)
    assert amount.value == D("1376.70") and amount.text == "1,376.70万元"
    assert (change.direction, change.value, change.rate, change.basis) == (
        "减少",
        D("280.34"),
        D("16.92"),
        "上年决算数",
    )
    basic, change, _staff = at(final, 404)
    assert basic.canonical == "基本支出" and change.ref == basic.id and change.subject == "基本支出"
    assert (change.direction, change.value, change.rate) == ("增加", D("1.71"), D("2.23"))
    project, change = at(final, 406)
    assert project.value == D("1298.46") and change.ref == project.id and change.rate == D("18.23")


def test_final_procurement_totals_parts_and_shares(final: list[Claim]) -> None:
    claims = at(final, 418)
    total = claims[0]
    assert (total.canonical, total.value) == ("政府采购总额", D("1017.76"))
    goods, works, services = parts(final, total)
    assert [c.canonical for c in (goods, works, services)] == ["政府采购货物", "政府采购工程", "政府采购服务"]
    assert goods.part_of and goods.part_of.complete
    assert goods.value + works.value + services.value == total.value

    sme = next(c for c in claims if c.canonical == "授予中小企业合同金额" and c.kind == "amount")
    small = next(c for c in claims if c.canonical == "授予小微企业合同金额" and c.kind == "amount")
    assert small.part_of and small.part_of.parent == sme.id and not small.part_of.complete
    shares = [c for c in claims if c.kind == "share"]
    assert [(c.value, c.ref, c.base_ref) for c in shares[:2]] == [
        (D(100), sme.id, total.id),
        (D(100), small.id, sme.id),
    ]
    assert shares[0].of == "政府采购支出总额" and shares[0].of_canonical == "政府采购总额"
    # 货物采购授予中小企业合同金额占货物支出金额的0%: the part has no figure of its own.
    assert [(c.canonical, c.value, c.ref, c.base_ref) for c in shares[2:]] == [
        ("货物授予中小企业合同金额", D(0), None, goods.id),
        ("工程授予中小企业合同金额", D(0), None, works.id),
        ("服务授予中小企业合同金额", D(100), None, services.id),
    ]
    reserved, small_reserved, share = at(final, 420)
    assert small_reserved.part_of and small_reserved.part_of.parent == reserved.id
    assert (share.value, share.of, share.ref, share.base_ref) == (D(100), "", small_reserved.id, reserved.id)
    assert not [c for c in final if c.value in (D(2020), D(46))]  # 财库〔2020〕46号


def test_final_performance_share_and_completion(final: list[Claim]) -> None:
    count, funds, share = at(final, 478)
    assert (count.kind, count.subject, count.value, count.unit) == ("count", "一级项目", D(18), "个")
    assert funds.value == D("1254.29") and funds.canonical == "绩效评价涉及资金"
    assert (share.value, share.ref, share.base_ref) == (D("91.10"), funds.id, None)
    assert share.of_canonical == "一般公共预算财政拨款项目支出"

    budget, executed, completion = at(final, 484)
    assert executed.measure == "执行数" and executed.value == budget.value == D("1254.29")
    assert (completion.kind, completion.value, completion.basis) == ("completion", D("91.10"), "预算")
    assert (completion.ref, completion.base_ref) == (executed.id, budget.id)
    assert not [c for c in final if c.unit == "分" or c.value == D(100) and c.kind == "amount"]  # 得分100分


def test_final_sentence_broken_inside_a_word(final: list[Claim]) -> None:
    # 对4项目支出开展了绩 / (blank) / 效自评，项目支出全年预算数合计259.38万元，执行数合计259.38万元，完成预算的100%
    budget, executed, completion, _projects = at(final, 490)
    assert "开展了绩效自评" in budget.sentence
    # In the 绩效 section these are the evaluated projects, not the department's 项目支出.
    assert budget.canonical == executed.canonical == "绩效评价项目支出"
    assert (budget.measure, executed.measure) == ("全年预算数", "执行数")
    assert (completion.value, completion.decimals, completion.ref, completion.base_ref) == (
        D(100),
        0,
        executed.id,
        budget.id,
    )


def test_final_refer_back_without_subject(final: list[Claim]) -> None:
    # …“三公”经费支出总额为0万元，2022年度决算为0万元，2023年度预算为0万元。
    claims = at(final, 410)
    assert [c.canonical for c in claims] == ["三公经费"] * 3
    assert [c.measure for c in claims] == [None, "2022年度决算", "2023年度预算"]


def test_final_counts_per_kind(final: list[Claim]) -> None:
    assert Counter(c.kind for c in final) == {
        "amount": 25,
        "change": 3,
        "share": 7,
        "completion": 2,
        "count": 14,
        "none": 5,  # the notes 没有…收支 (2), 没有…支出, 没有…“三公”经费支出; 无机关运行经费
    }
    denied = [(c.line, c.canonical) for c in final if c.kind == "none"]
    assert denied == [
        (350, "政府性基金预算财政拨款收入"),
        (350, "政府性基金预算财政拨款支出"),
        (368, "国有资本经营预算财政拨款支出"),
        (388, "三公经费"),
        (414, "机关运行经费"),
    ]


# ---- tricky sentences -----------------------------------------------------------------------


def test_soft_break_inside_a_number_and_a_word() -> None:
    claims = claims_of("本年收入合计1,37", "", "6.70万元，比上年增加1", "", "00.00万元，增", "长7.83%。")
    amount, change = claims
    assert (amount.value, amount.line, amount.canonical) == (D("1376.70"), 1, "本年收入合计")
    assert (change.value, change.line, change.rate, change.rate_word) == (D("100.00"), 3, D("7.83"), "增长")


def test_heading_is_not_joined_to_its_paragraph() -> None:
    claims = claims_of("（一）收入增减变化情况", "", "本年收入100.00万元，下降1.00%。")
    assert claims[0].sentence == "本年收入100.00万元，下降1.00%。"
    assert claims[0].section == "（一）收入增减变化情况"


def test_years_dates_and_codes_are_not_amounts() -> None:
    claims = claims_of(
        "截至2023年12月31日，2023年1,376.70万元的收入中，2080505科目支出2023年度78.24万元，得分100分。"
    )
    assert [(c.value, c.period) for c in claims] == [(D("1376.70"), "2023年"), (D("78.24"), "2023年度")]


def test_units_and_conversion_to_wan_yuan() -> None:
    yuan, yi, wan = claims_of("政府采购合同金额648000元，其中货物采购1.2亿元、工程采购0万元。")
    assert (yuan.unit, yi.unit, wan.unit) == ("元", "亿元", "万元")
    assert yuan.money() == (D("64.8000"), 4)
    assert yi.money() == (D("12000"), -3)  # 1.2亿元 = 12000万元 ± 500万元
    assert wan.money("元") == (D(0), -4)
    assert (wan.value, wan.decimals) == (D(0), 0)


def test_full_width_digits() -> None:
    amount, change = claims_of("本年支出合计１２３．４５万元，比上年减少１．００万元，下降０．８０％。")
    assert (amount.value, amount.text) == (D("123.45"), "123.45万元")
    assert (change.value, change.rate) == (D("1.00"), D("0.80"))


def test_flat_with_and_without_basis() -> None:
    amount, flat = claims_of("基本支出50.00万元，与上年持平，无增减变化。")
    assert (flat.kind, flat.direction, flat.basis, flat.ref) == ("change", "持平", "上年", amount.id)
    # A template's instruction is no statement.
    assert claims_of("主要原因：XXXXXXXX。（如持平作持平表述）") == []


def test_several_claims_in_one_sentence_and_implicit_shares() -> None:
    claims = claims_of(
        "本年支出合计307.82万元，其中：基本支出105.58万元，占34.30%；项目支出202.24万元，占65.70%。"
    )
    total, basic, basic_share, project, project_share = claims
    assert [c.kind for c in claims] == ["amount", "amount", "share", "amount", "share"]
    assert basic.part_of == project.part_of and basic.part_of and basic.part_of.complete
    assert (basic_share.ref, basic_share.base_ref, basic_share.of) == (basic.id, total.id, "")
    assert basic_share.of_canonical == "本年支出合计"
    assert (project_share.ref, project_share.value) == (project.id, D("65.70"))


def test_change_naming_its_subject_after_the_basis() -> None:
    amount, change = claims_of(
        "收入支出总计307.82万元。与2023年度相比，收入支出总计增加307.82万元，增长100.00%。"
    )
    assert (change.subject, change.ref, change.basis, change.rate) == (
        "收入支出总计",
        amount.id,
        "2023年度",
        D("100.00"),
    )


def test_functional_item_then_budget_and_final_figures() -> None:
    claims = claims_of(
        "一般公共预算财政拨款支出年初预算为0万元，全年预算为321.02万元，支出决算为307.82万元，完成年初预算的95.89%。",
        "其中：",
        "1、一般公共服务支出（类）社会工作事务（款）行政运行（项）。",
        "主要用于：行政单位人员支出。全年预算为52.00万元，支出决算为51.32万元，完成全年预算数的98.69%。",
        "2、住房保障支出（类）住房改革支出（款）购房补贴（项）。",
        "全年预算为11.72万元，支出决算为11.72万元。决算数与全年预算数持平。",
    )
    first, full, spent, rate = claims[:4]
    assert [c.measure for c in (first, full, spent)] == ["年初预算", "全年预算", "支出决算"]
    assert (rate.basis, rate.ref, rate.base_ref) == ("年初预算", spent.id, first.id)
    item_budget, item_spent, item_rate = claims[4:7]
    assert item_budget.canonical == "一般公共服务支出/社会工作事务/行政运行"
    assert (item_rate.basis, item_rate.ref, item_rate.base_ref) == ("全年预算", item_spent.id, item_budget.id)
    # Only the final figure of each item is a part of the final total.
    assert [c.value for c in parts(claims, spent)] == [D("51.32"), D("11.72")]
    flat = claims[-1]
    assert (flat.direction, flat.basis) == ("持平", "全年预算数")
    assert claims[flat.ref].measure == "支出决算" and claims[flat.base_ref].measure == "全年预算"


def test_total_after_its_parts() -> None:
    staff, office, total = claims_of("人员经费120.00万元，公用经费30.00万元，合计150.00万元。")
    assert staff.part_of and staff.part_of.parent == total.id and staff.part_of.complete
    assert office.part_of == staff.part_of and total.part_of is None


def test_pdf_like_lines_spaces_page_numbers_and_page_break() -> None:
    lines = [
        Line(["一般公共预算财政拨款基本支出 105.58 万元。其中：人员经费"], 30, 4),
        Line(["95.36 万元，主要包括：基本工资；公用经费 10.23"], 31, 4),
        Line(["- 4 -"], 40, 4),
        Line(["万元，主要包括：办公费。"], 1, 5),
    ]
    total, staff, office = extract_claims(lines)
    assert (staff.value, staff.line, staff.page) == (D("95.36"), 31, 4)
    assert (office.value, office.line, office.page, office.text) == (D("10.23"), 31, 4, "10.23万元")
    assert [c.part_of.parent for c in (staff, office) if c.part_of] == [total.id, total.id]


def test_vocabulary_is_cached_and_longest_phrase_wins() -> None:
    vocab = load_vocabulary()
    assert vocab is load_vocabulary()
    assert vocab.canonical("一般公共预算财政拨款收入") == "一般公共预算财政拨款收入"
    assert vocab.canonical("财政拨款收入") == "财政拨款收入"
    assert vocab.canonical("“三公”经费") == "三公经费"
    assert vocab.canonical("因公出国（境）费") == "因公出国(境)费"
    assert vocab.canonical("项目支出") == "项目支出"
    assert vocab.canonical("项目支出", ("六、预算绩效评价情况",)) == "绩效评价项目支出"


def test_items_are_parts_of_the_total_of_their_own_measure():
    """`全年预算为…，支出决算为…。其中：1、…全年预算为…，支出决算为…`: each to its own total."""
    claims = claims_of(
        "一般公共预算财政拨款支出年初预算为0万元，全年预算为30.00万元，支出决算为28.00万元。其中：",
        "1、一般公共服务支出（类）行政运行（项）。全年预算为10.00万元，支出决算为9.00万元。",
        "2、一般公共服务支出（类）事业运行（项）。全年预算为20.00万元，支出决算为19.00万元。",
    )
    parents = {c.id: c for c in claims if c.kind == "amount" and c.part_of is None}
    by_parent = {}
    for c in claims:
        if c.part_of:
            by_parent.setdefault(parents[c.part_of.parent].measure, []).append(c.value)
    assert by_parent == {"全年预算": [D("10.00"), D("20.00")], "支出决算": [D("9.00"), D("19.00")]}


def test_counts_in_brackets_are_parts_of_the_count_before_the_amount():
    claims = claims_of("绩效自评的项目2个，涉及预算金额175.52万元（其中，评级为“优”的项目1个；评级为“良”的项目1个）。")
    parent = next(c for c in claims if c.kind == "count" and c.part_of is None)
    parts = [c for c in claims if c.part_of]
    assert parent.value == 2 and [c.part_of.parent for c in parts] == [parent.id, parent.id]


def test_a_sentence_too_long_to_be_prose_is_skipped_and_said():
    from conftest import ledger_from_text

    from auditor.prose.claims import MAX_SENTENCE

    long_line = "本部门收入合计" + "增加1.00万元，" * (MAX_SENTENCE // 8) + "完。"
    ledger = ledger_from_text(f"某某局2024年部门预算\n\n一、收支情况。\n{long_line}\n本部门支出合计100.00万元。\n")
    assert [c.value for c in ledger.claims] == [Decimal("100.00")]
    assert ledger.warnings == [f"第4行起的一句长达 {len(long_line)} 个字符，不像正文，未读取其中的数字"]
