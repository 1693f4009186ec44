"""What a figure of the prose is about: the whole noun phrase before it, its codes, its heading.

Every sentence here is taken from a real disclosure of the corpus (fixtures/corpus), shortened
where the rest of the sentence does not matter.
"""

from __future__ import annotations

from decimal import Decimal

from auditor.document import Line
from auditor.prose import Claim, extract_claims, load_vocabulary

D = Decimal


def claims_of(*texts: str) -> list[Claim]:
    return extract_claims([Line([t], n, 1) for n, t in enumerate(texts, start=1)])


def amounts(*texts: str) -> list[tuple[str, str | None, Decimal]]:
    return [(c.subject, c.canonical, c.value) for c in claims_of(*texts) if c.kind == "amount"]


def test_a_qualifier_before_a_known_phrase_makes_another_subject():
    # jiangsu-jianchayuan p18: item 2 of 收入预算总计, not the total itself
    assert amounts("2．其他资金收入预算总计15万元。") == [("其他资金收入预算总计", None, D(15))]
    # putuo-wanli p6: the 政府性基金 part of the spending, not the 支出预算 total
    (_, canonical, _), = amounts("政府性基金拨款支出预算0万元，比2022年预算增加1421.25万元。")
    assert canonical == "政府性基金预算财政拨款支出"
    # jiangsu-zhengxie p19: three kinds of procurement, not one 政府采购支出 stated three times
    found = amounts("其中，货物类政府采购支出预算259.32万元,占20.40%；服务类政府采购支出预算1,011.90万元,占79.60%。")
    assert [c for _, c, _ in found] == [None, None]


def test_the_noun_phrase_starts_the_subject_and_the_measure_ends_it():
    # swu-deptbudget p12: 教育支出 with the measure 预算数, not the 支出预算 of the whole budget
    (claim,) = [c for c in claims_of("其中教育支出预算数为207,796.18万元。") if c.kind == "amount"]
    assert (claim.subject, claim.canonical, claim.measure) == ("教育支出", "教育支出", "预算数")
    # the unit's own name, a year, `…的` and 本部门 do not qualify a subject
    assert amounts("2023年，上海市普陀区人民政府万里街道办事处收入预算16497.86万元。")[0][1] == "收入总计"
    assert amounts("我校2021年收支总预算490,808.40万元。")[0][1] == "收入支出总计"
    assert amounts("（部门）下属1家机关和1家参公事业单位财政拨款的机关运行经费预算为786.09万元。")[0][1] == "机关运行经费"
    # …but a purpose does: that is a part of the 项目支出, not the total
    assert amounts("其中：用于信息化建设的项目支出50.00万元。") == [("用于信息化建设的项目支出", None, D("50.00"))]
    # a funding source named before 三公 (always 一般公共预算 money) does not change it
    assert amounts("本部门一般公共预算资金“三公”经费支出预算为0.18万元。")[0][1] == "三公经费"
    assert amounts("“三公”经费财政拨款支出25.30万元。")[0][1] == "三公经费"


def test_subjects_written_with_codes():
    # 类/款/项 codes in the markers name the row
    (_, canonical, value), = amounts("公共安全支出（204类）司法（06款）行政运行（01项）1672.67万元。")
    assert (canonical, value) == ("2040601", D("1672.67"))
    # swu-deptfinal p17: each numbered item's figures belong to the item, by its code
    claims = claims_of(
        "1.小学教育（2050202），2023年度决算数为7,970.38万元，比2022年度决算数增长0.39%。",
        "2.高中教育（2050204），2023年度决算数为16,769.73万元，比2022年度决算数增长17.14%。",
    )
    assert [(c.kind, c.subject, c.canonical) for c in claims] == [
        ("amount", "小学教育（2050202）", "2050202"),
        ("change", "小学教育（2050202）", "2050202"),
        ("amount", "高中教育（2050204）", "2050204"),
        ("change", "高中教育（2050204）", "2050204"),
    ]


def test_a_heading_names_the_class_of_the_items_below_it():
    # jiangsu-shengwei p8: the 类 in the heading, 款 and 项 in the item
    claims = claims_of(
        "（一）一般公共服务（类）",
        "1．党委办公厅（室）及相关机构事务（款）行政运行（项）支出6106.99万元，与上年相比增加101.48万元。",
    )
    assert claims[0].canonical == "一般公共服务支出/党委办公厅(室)及相关机构事务/行政运行"
    # jiangsu-renda p26: the class alone on a line, the 款 and the 项 written together
    claims = claims_of("其中：", "一般公共服务", "1. 人大事务行政运行（项）支出10528.33万元，与上年相比减少17.89万元。")
    assert claims[0].canonical == "一般公共服务支出/?/人大事务行政运行"
    # jiangsu-zhengxie p12: an economic 款 with no class named above it is not guessed
    assert amounts("（1）办公费（款）支出110万元。") == [("办公费（款）", None, D(110))]


def test_vocabulary_knows_the_functional_classes():
    vocab = load_vocabulary()
    assert vocab.class_named("一般公共服务") == "一般公共服务支出"
    assert vocab.class_named("一般公共服务（类）") == "一般公共服务支出"
    assert vocab.class_named("基本支出") is None
    assert vocab.is_generic("西南大学2021年") and vocab.is_generic("中共上海市普陀区委社会工作部共有")
    assert not vocab.is_generic("其他资金") and not vocab.is_generic("政府性基金")
    assert vocab.canonical("货物类政府采购支出预算") is None  # not the 支出预算 it ends with


def test_a_heading_about_fiscal_appropriations_scopes_the_plain_words():
    # swu-deptfinal p17: under （四）…财政拨款支出决算表说明 the 基本支出 and 总支出 are 财政拨款's
    claims = claims_of(
        "（三）高等学校支出决算表说明",
        "学校2023年度各项支出总计457,676.75万元，其中基本支出359,781.59万元，占支出总额78.61%。",
        "（四）高等学校财政拨款支出决算表说明",
        "学校2023年度财政拨款支出总计为237,100.00万元，其中基本支出199,015.13万元，占总支出的83.94%。",
    )
    total, basic, share = [c for c in claims if c.line == 4]
    assert (total.canonical, basic.canonical) == ("财政拨款支出", "财政拨款基本支出")
    assert (share.of_canonical, share.base_ref) == ("财政拨款支出", total.id)
    assert [c.canonical for c in claims if c.line == 2][:2] == ["支出总计", "基本支出"]
    # jiangsu-jianchayuan p20: a share of the department's total stays one
    _, share = claims_of("五、财政拨款支出预算表情况说明", "省检察院2017年财政拨款预算支出17981.68万元，占本年支出合计的99.92%。")
    assert share.of_canonical == "本年支出合计"


def test_claims_keep_the_money_their_heading_restricts_them_to():
    claims = claims_of("（四）财政拨款支出预算情况说明", "我校2021年财政拨款支出预算216,552.53万元，其中教育支出预算数为207,796.18万元。")
    assert [(c.canonical, c.scope) for c in claims] == [("财政拨款支出", "财政拨款"), ("教育支出", "财政拨款")]
    assert claims_of("八、一般公共预算支出预算表情况说明", "基本支出100.00万元。")[0].scope == "一般公共预算"


def test_the_total_under_a_heading_that_names_a_kuan_is_that_kuans():
    # under （一）行政事业单位离退休（款） the 合计 is that 款's, not a total of the whole budget
    claims = claims_of("（一）行政事业单位离退休（款）", "合计1,509.72万元，其中：离休费163.00万元、退休费1,346.72万元。")
    total = claims[0]
    assert (total.value, total.canonical) == (D("1509.72"), "?/行政事业单位离退休")
    assert [c.part_of.parent for c in claims[1:]] == [total.id, total.id]
    # with a class named above, the 款 is looked up under it
    claims = claims_of("（二）社会保障和就业支出（类）行政事业单位离退休（款）", "合计1,509.72万元。")
    assert claims[0].canonical == "社会保障和就业支出/行政事业单位离退休"
