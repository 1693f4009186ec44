"""Which total a listed figure is a part of, on sentences taken from the corpus (fixtures/corpus)."""

from __future__ import annotations

from decimal import Decimal

from auditor.document import Line
from auditor.prose import Claim, extract_claims

D = Decimal


def claims_of(*texts: str) -> list[Claim]:
    return extract_claims([Line([t], n, 1) for n, t in enumerate(texts, start=1)])


def parts_by_parent(claims: list[Claim]) -> dict[Decimal, list[list[Decimal]]]:
    """parent value → its groups of part values, in reading order."""
    groups: dict[int, list[Claim]] = {}
    for c in claims:
        if c.part_of:
            groups.setdefault(c.part_of.group, []).append(c)
    out: dict[Decimal, list[list[Decimal]]] = {}
    for members in groups.values():
        parent = claims[members[0].part_of.parent]
        out.setdefault(parent.value, []).append([m.value for m in members])
    return out


def test_siblings_after_qimzhong_are_parts_of_the_item_they_follow():
    # putuo-wanli p29: 购置费 and 运行费 are both parts of 公务车购置及运行费, itself an item of 三公
    claims = claims_of(
        "2023年“三公”经费预算数为22.91万元，比2022年预算持平。其中：",
        "（一）、因公出国（境）费0万元，比2022年预算持平。主要原因是因公出国（境）费保持不变。",
        "（二）、公务车购置及运行费21.56万元，其中：公务用车购置费0万元，比2022年预算持平，主要原因是公务用车购置费保持不"
        "变；公务车用车运行费21.56万元，比2022年预算持平，主要原因是公务车用车运行费保持不变。",
        "（三）、公务接待费1.35万元。比2022年预算持平，主要原因是公务接待费保持不变。",
    )
    assert parts_by_parent(claims) == {D("22.91"): [[D(0), D("21.56"), D("1.35")]], D("21.56"): [[D(0), D("21.56")]]}


def test_a_list_after_parallel_shares_is_no_breakdown_of_the_last_amount():
    # jiangsu-gaoyuan p25: three siblings with their shares, then 具体情况如下：1．…2．…3．…
    claims = claims_of(
        "因公出国（境）费支出180万元，占“三公”经费的26.86%；公务用车购置及运行费支出304.4万元，占“三公”经费的45.43%；"
        "公务接待费支出185.72万元，占“三公”经费的27.71%。具体情况如下：",
        "1．因公出国（境）费预算支出180万元，本年数与上年数持平，零增长。",
        "2．公务用车购置及运行费预算支出304.4万元。其中：",
        "（1）公务用车购置预算支出0万元。",
        "（2）公务用车运行维护费预算支出304.4万元，本年数与上年数持平，零增长。",
        "3．公务接待费预算支出185.72万元。",
    )
    assert parts_by_parent(claims) == {D("304.4"): [[D(0), D("304.4")]]}


def test_a_list_announced_by_its_subject_breaks_down_that_subject():
    # putuo-wanli p6: 财政拨款支出主要内容如下： — not the 国有资本经营 0 stated last
    claims = claims_of(
        "支出预算16497.86万元，其中：财政拨款支出预算16497.86万元。财政拨款支出预算中，一般公共预算拨款支出预算16497.86万元；"
        "国有资本经营预算拨款支出预算0万元，比2022年预算持平。",
        "财政拨款支出主要内容如下：",
        "1. “一般公共服务支出（类）统计信息事务（款）统计管理（项）”2.63万元，主要用于统计管理。",
        "2. “一般公共服务支出（类）统计信息事务（款）专项普查活动（项）”60.13万元，主要用于统计管理。",
    )
    parent = next(c for c in claims if c.value == D("2.63")).part_of.parent
    assert (claims[parent].canonical, claims[parent].value) == ("财政拨款支出", D("16497.86"))


def test_counts_of_other_things_are_no_parts():
    # swu-deptbudget p4: designations and titles are other breakdowns of 本科专业 and 专任教师
    assert parts_by_parent(claims_of("学校有103个本科专业，其中国家级一流本科专业建设点39个、重庆市一流本科专业建设点23个。")) == {}
    assert parts_by_parent(claims_of("现有专任教师3120人，其中教授727人、副教授1277人，博士生导师535人。")) == {}
    # jiangsu-renda p6: 编制 and its kinds of 编制 are a breakdown
    assert parts_by_parent(claims_of("编制339名，其中行政编制199名、行政附属编制104名、事业编制36名。")) == {
        D(339): [[D(199), D(104), D(36)]]
    }


def test_a_remark_in_brackets_is_no_total():
    # swu-deptbudget p10: the parts add up to 490,808.40, not to the bracketed 本年预算收入
    claims = claims_of(
        "我校2021年收入预算490,808.40万元（本年预算收入390,140.45万元），其中：一般公共预算拨款收入216,552.53万元，"
        "占总收入的44.12%；事业收入124,020.47万元，占总收入的25.27%;其他收入49,567.45万元，占总收入的10.10%；"
        "使用非财政拨款结余18,953.78万元，占总收入的3.86%；上年结转81,714.17万元，占总收入的16.65%。"
    )
    assert list(parts_by_parent(claims)) == [D("490808.40")]
    assert sum(parts_by_parent(claims)[D("490808.40")][0]) == D("490808.40")


def test_the_two_sides_of_a_total_each_make_it_up():
    # swu-deptbudget p9: 收支总预算 = income side = spending side
    claims = claims_of(
        "我校2021年收支总预算490,808.40万元，其中本年收入预算390,140.45万元，使用非财政拨款结余18,953.78万元，"
        "上年结转81,714.17万元；本年支出预算415,808.40万元，结转下年75,000.00万元。"
    )
    assert parts_by_parent(claims) == {
        D("490808.40"): [[D("390140.45"), D("18953.78"), D("81714.17")], [D("415808.40"), D("75000.00")]]
    }


def test_ci_wai_starts_another_breakdown_and_bao_kuo_announces_items():
    # jiangsu-zhengxie p7-8: 包括：1.…2.…3.… by function, then 此外，… by use
    claims = claims_of(
        "（二）支出预算总计9,146.79万元。包括：",
        "1.一般公共服务支出6,543.55万元，与上年相比减少108.56万元。",
        "2.社会保障和就业支出1,509.72万元，与上年相比增加140.96万元。",
        "3.住房保障支出1,093.52万元，与上年相比增加466.32万元。",
        "此外，基本支出预算数为5,916.27万元，与上年相比增加498.72万元。项目支出预算数为3,123.68万元。",
    )
    assert parts_by_parent(claims) == {D("9146.79"): [[D("6543.55"), D("1509.72"), D("1093.52")]]}


def test_items_announced_after_a_total_and_its_parts_break_down_the_total():
    # swu-deptfinal p17: 财政拨款支出总计237,100.00万元，其中基本支出…；项目支出…。具体包括：1.…2.…
    claims = claims_of(
        "学校2023年度财政拨款支出总计为237,100.00万元，其中基本支出199,015.13万元，占总支出的83.94%；项目支出"
        "38,084.87万元，占总支出的16.06%。具体包括：",
        "1.小学教育（2050202），2023年度决算数为7,970.38万元，比2022年度决算数增长0.39%。",
        "2.高中教育（2050204），2023年度决算数为16,769.73万元，比2022年度决算数增长17.14%。",
    )
    assert parts_by_parent(claims) == {
        D("237100.00"): [[D("199015.13"), D("38084.87")], [D("7970.38"), D("16769.73")]]
    }


def test_two_components_of_one_whole_are_siblings():
    # jiangsu-zhengxie p19: 购置费 0 and 运行维护费 156.60 are both parts of 156.60
    claims = claims_of(
        "2.公务用车购置及运行维护费预算支出156.60万元。其中，公务用车购置费0万元，与上年数一致；"
        "公务用车运行维护费156.60万元，与上年数一致。"
    )
    assert [c.canonical for c in claims if c.kind == "amount"] == [
        "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费"]
    assert parts_by_parent(claims) == {D("156.60"): [[D(0), D("156.60")]]}
