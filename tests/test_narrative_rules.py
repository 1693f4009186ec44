"""The narrative (N) rules: numbers in the prose against the tables and each other.

Three kinds of tests:
- the seeds: the 2025 budget's prose is consistent (no N error or warning); the 2023 final
  has the inconsistencies a careful reader finds, and only those;
- mutations: every amount, change, rate, share and completion percentage of either seed's
  prose, changed by a visible amount, gives a new finding that points at its line
  (in-process, one ledger per mutation);
- small texts for each check.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from auditor.audit import load_all_rules
from auditor.document import Line
from auditor.engine import load_pack_text, run_rules, select_rules
from auditor.engine.narrative import short_quote
from auditor.extract import build_ledger
from auditor.ledger import Coverage, DocumentInfo, Ledger
from auditor.prose import Claim, extract_claims
from auditor.prose.figures import scan
from auditor.readers.txt import read_txt_bytes

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "seeds"
BUDGET = SEEDS / "mohe-smart-city-2025-budget.txt"
FINAL = SEEDS / "pingfang-smart-city-2023-final.txt"
D = Decimal


@pytest.fixture(scope="module")
def n_rules():
    return select_rules(load_all_rules(), ["N"])


def ledger_of(text: str, name: str = "doc.txt") -> Ledger:
    ledger = build_ledger(read_txt_bytes(name, text.encode("utf-8")))
    return ledger


def audit_text(text: str, rules, name: str = "doc.txt", show_rounding: bool = False):
    findings, _ = run_rules(ledger_of(text, name), rules, show_rounding=show_rounding)
    return findings


def summary(findings) -> list[tuple[str, str, int | None]]:
    return [(f.rule, f.severity, f.locations[0].line if f.locations else None) for f in findings]


# -- the seeds -------------------------------------------------------------------------------


def test_budget_seed_prose_is_consistent(n_rules):
    findings = audit_text(BUDGET.read_text(encoding="utf-8"), n_rules, BUDGET.name)
    assert [f for f in findings if f.severity in ("error", "warning")] == []


def test_final_seed_findings(n_rules):
    findings = audit_text(FINAL.read_text(encoding="utf-8"), n_rules, FINAL.name)
    assert summary(findings) == [
        ("N106", "error", 420),  # 预留 1017.76万元 vs the list: 6,433,348元
        ("N107", "error", 420),  # 面向小微企业合同金额 1017 vs 授予小微企业合同金额 1017.76
        ("N103", "error", 478),  # 1,254.29 / 项目支出 1,298.46 = 96.60%, not 91.10%
        ("N104", "error", 484),  # 执行数 1,254.29 = 涉及资金 1,254.29: 100%, not 91.10%
    ]
    by_rule = {f.rule: f for f in findings}
    assert by_rule["N106"].actual == D("1017.76") and by_rule["N106"].expected == D("643.3348")
    assert "6433348元" in by_rule["N106"].message
    assert by_rule["N107"].actual == D("1017") and by_rule["N107"].expected == D("1017.76")
    assert {loc.line for loc in by_rule["N107"].locations} == {418, 420}
    assert by_rule["N103"].expected == D("96.60") and "1298.46" in by_rule["N103"].message
    assert by_rule["N104"].expected == D("100.00") and by_rule["N104"].actual == D("91.10")
    for f in findings:
        assert f.locations[0].table == "情况说明"
        assert f.message.startswith(f"第{f.locations[0].line}行“")


def test_final_seed_change_statements_are_consistent(n_rules):
    # 基本支出78.24万元，比上年决算数增加1.71万元，增长2.23%: 1.71 / 76.53 = 2.234 % → 2.23 %.
    findings = audit_text(FINAL.read_text(encoding="utf-8"), n_rules, FINAL.name)
    assert not [f for f in findings if f.rule == "N102"]


# -- mutations -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    claim: int  # the claim's id
    line: int
    value: Decimal
    decimals: int
    unit: str
    what: str  # a label for the test id


def targets(claims: list[Claim]) -> list[Target]:
    """Every amount, change, rate, share and completion figure of the prose, in reading order."""
    out: list[Target] = []
    for c in claims:
        if c.kind in ("amount", "share", "completion") and c.value is not None:
            out.append(Target(c.id, c.line, c.value, c.decimals, c.unit, f"{c.kind}:{c.subject}"))
        if c.kind == "change":
            if c.value is not None:
                out.append(Target(c.id, c.line, c.value, c.decimals, c.unit, f"change:{c.subject}"))
            if c.rate is not None:
                # A rate sits on the line of its change amount unless the sentence wraps there.
                out.append(Target(c.id, c.line, c.rate, c.rate_decimals, "%", f"rate:{c.subject}"))
    return out


def mutated(value: Decimal, decimals: int, unit: str) -> Decimal:
    """A visible change: amounts +max(100 units of the last digit, 10 %); percentages
    +max(100 units, 50 %), and a 0 % becomes 50 units (100 % of nothing would be fine)."""
    unit_step = D(1).scaleb(-decimals)
    if unit == "%":
        delta = unit_step * 50 if value == 0 else max(unit_step * 100, abs(value) / 2)
    else:
        delta = max(unit_step * 100, abs(value) / 10)
    return (value + delta).quantize(unit_step, rounding=ROUND_HALF_UP)


def locate(lines: list[str], all_targets: list[Target]) -> list[tuple[Target, int, int]]:
    """Each target's span in its source line: the k-th figure of that line with its value and unit."""
    used: dict[tuple[int, int, int], bool] = {}
    out = []
    for t in all_targets:
        text = lines[t.line - 1]
        for fig in scan(text):
            key = (t.line, fig.start, fig.end)
            if used.get(key) or fig.value != t.value or fig.unit != t.unit:
                continue
            used[key] = True
            out.append((t, fig.start, fig.end))
            break
        else:
            raise AssertionError(f"figure {t} not found on line {t.line}: {text}")
    return out


def other_year(claim: Claim, year: int | None) -> bool:
    """A figure of another year (`2022年度决算为0万元`) that nothing in the document can check."""
    period = claim.period or claim.measure or ""
    return bool(period[:4].isdigit() and year and int(period[:4]) != year)


def mutation_cases(path: Path):
    text = path.read_text(encoding="utf-8")
    ledger = ledger_of(text, path.name)
    skipped = [c for c in ledger.claims if c.kind == "amount" and other_year(c, ledger.info.year)]
    exempt = {c.id for c in skipped}
    lines = text.split("\n")
    cases = [case for case in locate(lines, targets(ledger.claims)) if case[0].claim not in exempt]
    return text, lines, cases, skipped


@pytest.mark.parametrize("path", [BUDGET, FINAL], ids=["budget", "final"])
def test_every_prose_figure_changed_gives_a_finding_at_its_line(path, n_rules):
    text, lines, cases, skipped = mutation_cases(path)
    assert len(cases) >= 25
    # Only 2022年度决算为0万元 (last year's 三公 figure, with nothing to compare it with) is exempt.
    assert [(c.line, c.measure) for c in skipped] == ([(410, "2022年度决算")] if path is FINAL else [])
    baseline = {(f.rule, f.message) for f in audit_text(text, n_rules, path.name)}
    missed = []
    for target, start, end in cases:
        source = lines[target.line - 1]
        new = mutated(target.value, target.decimals, target.unit)
        changed = source[:start] + format(new, "f") + target.unit + source[end:]
        copy = lines[: target.line - 1] + [changed] + lines[target.line :]
        findings = audit_text("\n".join(copy), n_rules, path.name)
        new_findings = [f for f in findings if (f.rule, f.message) not in baseline]
        if not any(loc.line == target.line for f in new_findings for loc in f.locations):
            missed.append(f"line {target.line} {target.what}: {source[start:end]} → {new}{target.unit}")
        assert all(f.severity in ("error", "warning", "info") for f in new_findings)
    assert missed == []


# -- small texts ----------------------------------------------------------------------------------

FINAL_HEAD = """2023年度部门决算公开说明

支出决算表

单位：万元

项目\t\t本年支出合计\t基本支出\t项目支出
科目代码\t科目名称\t\t\t
\t合计\t300.00\t100.00\t200.00
201\t一般公共服务支出\t300.00\t100.00\t200.00
20103\t政府办公厅（室）及相关机构事务\t300.00\t100.00\t200.00
2010350\t事业运行\t300.00\t100.00\t200.00

第三部分 情况说明

"""


L = FINAL_HEAD.count("\n") + 1  # the line of the first sentence of prose()


def prose(*sentences: str) -> str:
    return FINAL_HEAD + "\n\n".join(sentences) + "\n"


def test_amount_against_table(n_rules):
    assert summary(audit_text(prose("基本支出100.00万元。"), n_rules)) == []
    assert summary(audit_text(prose("基本支出100万元。"), n_rules)) == []  # 99.5–100.5 meets 100.00
    found = audit_text(prose("基本支出101.00万元。"), n_rules)
    assert summary(found) == [("N101", "error", L)]
    assert found[0].expected == D("100.00") and found[0].locations[1].table == "支出决算表"
    # 元 against 万元: 1,000,000元 = 100.00万元.
    assert summary(audit_text(prose("基本支出1,000,000元。"), n_rules)) == []
    assert summary(audit_text(prose("基本支出1,010,000元。"), n_rules)) == [("N101", "error", L)]


def test_functional_class_by_name(n_rules):
    text = prose("一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）事业运行（项）支出决算为310.00万元。")
    assert summary(audit_text(text, n_rules)) == [("N101", "error", L)]
    text = prose("一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）事业运行（项）支出决算为300.00万元。")
    assert summary(audit_text(text, n_rules)) == []


def test_other_years_are_not_compared_with_the_table(n_rules):
    assert summary(audit_text(prose("2022年度基本支出决算为150.00万元。"), n_rules)) == []


def test_change_arithmetic(n_rules):
    ok = "基本支出100.00万元，比上年决算数增加20.00万元，增长25.00%。"
    assert summary(audit_text(prose(ok), n_rules)) == []
    wrong = "基本支出100.00万元，比上年决算数增加20.00万元，增长20.00%。"
    found = audit_text(prose(wrong), n_rules)
    assert summary(found) == [("N102", "error", L)]
    assert found[0].expected == D("25.00") and "80" in found[0].message
    rounded = "事业收入10000.00万元，比上年决算数增加4000.00万元，增长66.67%。"  # 400 / 600 = 66.666…
    assert summary(audit_text(prose(rounded), n_rules)) == []
    cut = "事业收入10000.00万元，比上年决算数增加4000.00万元，增长66.66%。"
    found = audit_text(prose(cut), n_rules)
    assert summary(found) == [("N102", "warning", L)] and "截断" in found[0].message


def test_direction_words_and_flat(n_rules):
    contradiction = "基本支出100.00万元，比上年决算数增加20.00万元，下降25.00%。"
    assert summary(audit_text(prose(contradiction), n_rules)) == [("N102", "error", L)]
    flat = "基本支出100.00万元，比上年决算数增加5.00万元，增长5.26%。主要变动情况：与上年持平。"
    found = audit_text(prose(flat), n_rules)
    assert summary(found) == [("N102", "error", L)] and "持平" in found[0].message
    flat_ok = "基本支出100.00万元，比上年决算数增加0.00万元，增长0.00%。主要变动情况：与上年持平，无增减变化。"
    assert summary(audit_text(prose(flat_ok), n_rules)) == []


def test_zero_bases(n_rules):
    head = FINAL_HEAD.replace("\t合计\t300.00\t100.00\t200.00", "\t合计\t300.00\t0.00\t300.00")
    for rate in ("100.00", "0.00"):
        text = head + f"项目支出300.00万元，比上年决算数增加300.00万元，增长{rate}%。\n"
        assert summary(audit_text(text, n_rules)) == []
    zero = head + "基本支出0.00万元，比上年决算数减少0.00万元，增长0.00%。\n"
    assert summary(audit_text(zero, n_rules)) == []
    rate_of_nothing = head + "基本支出0.00万元，比上年决算数增加0.00万元，增长3.00%。\n"
    assert summary(audit_text(rate_of_nothing, n_rules)) == [("N102", "error", L)]


def test_shares(n_rules):
    ok = "本年支出300.00万元，其中：基本支出100.00万元，占33.33%；项目支出200.00万元，占66.67%。"
    assert summary(audit_text(prose(ok), n_rules)) == []
    wrong = "本年支出300.00万元，其中：基本支出100.00万元，占35.33%；项目支出200.00万元，占64.67%。"
    assert [r for r, _, _ in summary(audit_text(prose(wrong), n_rules))] == ["N103", "N103"]
    cut = "政府采购支出总额3000.00万元，其中：政府采购货物支出2000.00万元，占66.66%；政府采购服务支出1000.00万元，占33.33%。"
    found = audit_text(prose(cut), n_rules)
    assert summary(found) == [("N103", "warning", L)] and "截断" in found[0].message
    # Against the table when the whole is not stated in the prose.
    head = FINAL_HEAD.replace("支出决算表\n", "一般公共预算财政拨款支出决算表\n", 1).replace("本年支出合计", "小计")
    text = "六、预算绩效评价情况\n\n一级项目2个，共涉及资金150.00万元，占一般公共预算项目支出总额的{}%。\n"
    assert summary(audit_text(head + text.format("75.00"), n_rules)) == []  # 150 / 200
    found = audit_text(head + text.format("80.00"), n_rules)
    assert summary(found) == [("N103", "error", L + 2)] and found[0].expected == D("75.00")


def test_share_nudged_so_that_the_shares_make_100(n_rules):
    """Three thirds shown as 33.33 %, 33.33 %, 33.34 %: the last one is off by one digit on purpose."""
    text = ("政府采购支出总额3000.00万元，其中：政府采购货物支出1000.00万元，占33.33%；"
            "政府采购工程支出1000.00万元，占33.33%；政府采购服务支出1000.00万元，占33.34%。")
    found = audit_text(prose(text), n_rules)
    assert summary(found) == [("N103", "info", L)]  # conventions: a nudge that completes 100 % is info
    assert found[0].actual == D("33.34") and "恰为 100%" in found[0].message
    # Off by more than one digit is still an error, even when the shares add up to 100 %.
    text = text.replace("33.33%；政府采购工程", "33.30%；政府采购工程").replace("33.34%", "33.37%")
    assert [(r, s) for r, s, _ in summary(audit_text(prose(text), n_rules))] == [("N103", "error")] * 2


def test_counts_and_a_bare_zero_are_exact(n_rules):
    """`0万元` written without decimals means none, and `1辆` is one vehicle, not 0.5–1.5."""
    text = "政府采购支出总额30.00万元，其中：政府采购货物支出29.60万元、政府采购工程支出0万元、政府采购服务支出0万元。"
    found = audit_text(prose(text), n_rules)
    assert summary(found) == [("N105", "error", L)] and found[0].expected == D("29.60")
    found = audit_text(prose("截至2023年12月31日，共有车辆2辆，其中：执法执勤用车1辆、其他用车0辆。"), n_rules)
    assert summary(found) == [("N105", "error", L)] and found[0].expected == D("1")


def test_share_of_nothing_and_over_a_whole(n_rules):
    text = "政府采购货物支出0万元，货物采购授予中小企业合同金额占货物支出金额的30%。"
    assert summary(audit_text(prose(text), n_rules)) == [("N103", "error", L)]
    text = "政府采购货物支出0万元，货物采购授予中小企业合同金额占货物支出金额的0%。"
    assert summary(audit_text(prose(text), n_rules)) == []
    text = "服务采购授予中小企业合同金额占服务支出金额的150%。"
    assert summary(audit_text(prose(text), n_rules)) == [("N103", "error", L)]


def test_completion(n_rules):
    ok = "项目支出年初预算数为250.00万元，全年预算数为200.00万元，执行数为200.00万元，完成预算的100%。"
    assert summary(audit_text(prose(ok), n_rules)) == []
    # Consistent with any of the budget figures stated for the item.
    either = "项目支出年初预算数为250.00万元，全年预算数为200.00万元，执行数为200.00万元，完成年初预算的80.00%。"
    assert summary(audit_text(prose(either), n_rules)) == []
    equal = "部门预算整体支出自评涉及资金100.00万元，执行数为100.00万元，完成预算的91.10%。"
    found = audit_text(prose("（二）部门预算整体支出绩效自评结果。", equal), n_rules)
    assert summary(found) == [("N104", "error", L + 2)] and found[0].expected == D("100.00")


def test_parts_add_up(n_rules):
    ok = "政府采购支出总额30.00万元，其中：政府采购货物支出10.00万元、政府采购工程支出0万元、政府采购服务支出20.00万元。"
    assert summary(audit_text(prose(ok), n_rules)) == []
    wrong = ok.replace("服务支出20.00", "服务支出25.00")
    found = audit_text(prose(wrong), n_rules)
    assert summary(found) == [("N105", "error", L)] and found[0].expected == D("35.00")


def test_contract_list_in_yuan_against_a_total_in_wanyuan(n_rules):
    lst = (
        "\n*序号\t*采购单位编码\t*项目名称\t*项目金额(元)\t*合同编号\t*合同名称\n"
        "1\t691001\t甲项目\t648000\tHT001\t甲项目\n"
        "2\t691001\t乙项目\t99800\tHT002\t乙项目\n"
    )
    ok = prose("本单位2023年预留项目面向中小企业采购共计74.78万元，其中，面向小微企业采购74.78万元，占100%。") + lst
    assert summary(audit_text(ok, n_rules)) == []
    wrong = ok.replace("共计74.78万元", "共计75.78万元")
    found = audit_text(wrong, n_rules)
    assert [(r, s) for r, s, _ in summary(found) if r == "N106"] == [("N106", "error")]
    assert next(f for f in found if f.rule == "N106").expected == D("74.7800")


def test_the_same_amount_stated_twice(n_rules):
    text = prose("授予小微企业合同金额50.00万元。", "面向小微企业合同金额50万元。")
    assert summary(audit_text(text, n_rules)) == []
    text = prose("授予小微企业合同金额50.00万元。", "面向小微企业合同金额51万元。")
    assert summary(audit_text(text, n_rules)) == [("N107", "error", L + 2)]
    # The majority wins: the odd one out is reported, once.
    text = prose("一、预算绩效评价情况", "共涉及资金50.00万元。", "涉及资金52.00万元。", "涉及资金50.00万元。")
    assert summary(audit_text(text, n_rules)) == [("N107", "error", L + 4)]


def test_denied_yet_quantified(n_rules):
    text = prose("本单位机关运行经费支出1.00万元，本单位是事业单位，无机关运行经费。")
    assert summary(audit_text(text, n_rules)) == [("N108", "error", L)]
    text = prose("本单位机关运行经费支出0.00万元，本单位是事业单位，无机关运行经费。")
    assert summary(audit_text(text, n_rules)) == []


def test_implied_last_year_income_and_spending(n_rules):
    income = (
        "本部门2023年收入总计300.00万元。具体情况如下：",
        "1.一般公共预算财政拨款收入300.00万元，比上年决算数增加30.00万元，增长11.11%。",
        "2.年初结转和结余0.00万元，比上年决算数增加0.00万元，增长0.00%。",
    )
    spending = (
        "本部门2023年支出总计300.00万元。具体情况如下：",
        "1.基本支出100.00万元，比上年决算数增加10.00万元，增长11.11%。",
        "2.项目支出200.00万元，比上年决算数增加{x}万元，增长{r}%。",
    )
    ok = prose(*income, *[s.format(x="20.00", r="11.11") for s in spending])
    assert [r for r, _, _ in summary(audit_text(ok, n_rules))] == []
    off = prose(*income, *[s.format(x="40.00", r="25.00") for s in spending])
    found = [f for f in audit_text(off, n_rules) if f.rule == "N109"]
    assert [f.severity for f in found] == ["info"]  # no carry-over out stated: advice only


# -- claims as data ---------------------------------------------------------------------------------


def test_claim_to_dict_and_str():
    claims = extract_claims([Line(["基本支出78.24万元，比上年决算数增加1.71万元，增长2.23%。"], 7)])
    change = next(c for c in claims if c.kind == "change")
    data = change.to_dict()
    assert data["kind"] == "change" and data["value"] == "1.71" and data["rate"] == "2.23"
    assert data["line"] == 7 and data["ref"] == 0
    assert str(change) == "#1 第7行 增减 基本支出 增加 1.71万元 增长2.23%（比上年决算数）"
    assert str(claims[0]) == "#0 第7行 金额 基本支出 78.24万元"
    assert short_quote(change) == "比上年决算数增加1.71万元"


def test_narrative_pack_loads_and_rejects_bad_addresses():
    rules = [r for r in load_all_rules() if r.id.startswith("N")]
    assert [r.id for r in rules] == [f"N{i}" for i in range(101, 114)]
    bad = """pack: x
rules:
  - id: N901
    title: 坏地址
    severity: error
    check: claim_table
    subjects: {基本支出: {final: "支出决算表[合计"}}
"""
    with pytest.raises(Exception, match="N901"):
        load_pack_text(bad, "x.yaml")


def test_claims_without_tables_do_not_crash(n_rules):
    ledger = Ledger("x", DocumentInfo(kind="final", year=2023), [], [], Coverage())
    ledger.claims = extract_claims([Line(["基本支出78.24万元，占总支出的50.00%，完成预算的90%。"], 1)])
    findings, _ = run_rules(ledger, n_rules)
    assert findings == []
