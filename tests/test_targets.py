"""Target parsing: indicator, value, measure, direction, every-year word, year."""

import pytest
from hypothesis import given, strategies as st

from extract.targets import PlanPeriod, number_value, parse_targets, plan_period, target_deadline

PLAN = PlanPeriod(110, 114, "110-114年")


@pytest.mark.parametrize("text, indicator, value, measure, direction, every, year", [
    ("兒少及家庭社區支持服務資源(小衛星)布建涵蓋率逐年提升至 57%", "兒少及家庭社區支持服務資源(小衛星)布建涵蓋率", 57, "%", "提升", "逐年", None),
    ("脆弱家庭服務3個月後案件被通報保護案件比率逐年降至低於5.5%", "脆弱家庭服務3個月後案件被通報保護案件比率", 5.5, "%", "降至", "逐年", None),
    ("逐年補足少輔會專業人力至126人", "少輔會專業人力", 126, "人", "提升", "逐年", None),
    ("辦理多元類別就業導向失業者訓練，參與人數逐年增加至4萬7,000人", "參與人數", 47000, "人", "提升", "逐年", None),
    ("邀集網絡團隊辦理轉銜會議，至114年辦理場次達50次", "辦理場次", 50, "次", "達", None, 114),
    ("兒虐致死人數每年低於 0.01%", "兒虐致死人數", 0.01, "%", "維持", "每年", None),
    ("長照據點於115年底前達到 120 處", "長照據點", 120, "處", "達", None, 115),
    ("各地方政府每年度人員進用率須達85%之標準", "各地方政府每年度人員進用率", 85, "%", "達", "每年度", None),
    ("高齡者運動參與率逐年提升至８５％", "高齡者運動參與率", 85, "%", "提升", "逐年", None),
])
def test_goal_shapes(text, indicator, value, measure, direction, every, year):
    targets = parse_targets(text)
    if indicator is None:
        assert targets == []
        return
    [target] = targets
    assert (target.indicator, target.value, target.measure, target.direction, target.every, target.year) == (
        indicator, value, measure, direction, every, year)


def test_report_sentence_gives_achieved_value_and_target_year():
    """A council report quotes the year's result next to the plan's target value."""
    [target] = parse_targets("112 年精神障礙者職業重建就業總服務人數為 140 人,就業人數為 67 人,"
                             "執行率為 47.86%,高於 112 年強化社會安全網計畫目標值 30%。")
    assert (target.indicator, target.achieved, target.value, target.comparison, target.year) == (
        "執行率", 47.86, 30, "高於", 112)
    extra = target.to_extra()
    assert extra["achieved"] == 47.86 and extra["year"] == 2023 and extra["measure"] == "%"


def test_one_point_with_two_targets():
    text = ("本市於 29 區均設有發展遲緩兒童社區服務資源，資源布建率達 100%，高於 112 年強化社會安全網計畫目標值 90%；"
            "112 年服務涵蓋率達 44%，高於 112 年強化社會安全網計畫目標值 20%。")
    assert [(t.indicator, t.achieved, t.value) for t in parse_targets(text)] == [
        ("資源布建率", 100, 90), ("服務涵蓋率", 44, 20)]


@pytest.mark.parametrize("text", [
    "脆弱家庭服務涵蓋率達 110%",  # an achievement, not a goal
    "1.服務績效 40%",  # a weight in an assessment
    "1.優良：提高7縣市(直轄市2個)補助比率5%",  # a funding rule
    "辦理頻率高於 112 年強化社會安全網計畫目標值",  # a target with no value
    "每4個月召開強化社會安全網推動會報",
    "於112年辦理反毒講座達30場",  # a past result with its year
])
def test_statements_that_are_not_targets(text):
    assert parse_targets(text) == []


def test_bare_reach_counts_only_in_a_list_of_indicators():
    assert parse_targets("精神障礙者協作模式服務據點設置數達49處") == []
    [target] = parse_targets("精神障礙者協作模式服務據點設置數達49處", listed=True)
    assert (target.value, target.measure, target.direction) == (49, "處", "達")


def test_pass_threshold_is_a_target():
    [target] = parse_targets("人員進用率 20%(未達85%視為未達標)")
    assert (target.indicator, target.value) == ("人員進用率", 85)


def test_yearly_comparison_is_recurring():
    [target] = parse_targets("心衛社工服務個案再開案率，下降上一年度再被開案率之5%")
    assert target.direction == "降至" and target_deadline([target], PLAN).kind == "recurring"


@pytest.mark.parametrize("text, kind, date, start", [
    ("藥癮個案管理服務涵蓋率逐年提升至100%", "period", "2025-12-31", "2021-01-01"),
    ("發展遲緩兒童社區療育服務資源布建涵蓋率達100%", "none", None, None),
    ("至114年辦理場次達50次", "period", "2025-12-31", "2025-01-01"),
    ("兒虐致死人數每年低於 0.01%", "recurring", None, "2021-01-01"),
])
def test_target_deadline(text, kind, date, start):
    deadline = target_deadline(parse_targets(text), PLAN)
    assert (deadline.kind, deadline.date, deadline.start) == (kind, date, start)


def test_listed_target_without_time_word_runs_over_the_plan():
    deadline = target_deadline(parse_targets("服務資源布建涵蓋率達100%", listed=True), PLAN)
    assert (deadline.raw, deadline.kind, deadline.date) == ("110-114年", "period", "2025-12-31")


def test_without_plan_a_yearly_rise_has_no_date():
    assert target_deadline(parse_targets("存款率逐年提升至 85%"), None).kind == "none"


@pytest.mark.parametrize("text, start, end", [
    ("強化社會安全網第二期計畫草案 (110-114年)", 110, 114),
    ("第三期計畫（115至118年）", 115, 118),
    ("中程計畫 112－115 年", 112, 115),
])
def test_plan_period(text, start, end):
    period = plan_period(text)
    assert (period.start, period.end) == (start, end)


def test_no_plan_period_in_a_single_year_or_a_date():
    assert plan_period("113 年 4 月 16 日") is None


@given(
    indicator=st.text(alphabet="服務涵蓋率據點人數參與訪視評估比率覆蓋", min_size=2, max_size=12),
    value=st.integers(min_value=1, max_value=99999),
    measure=st.sampled_from(["%", "人", "人次", "場次", "處", "家", "件"]),
    verb=st.sampled_from(["提升", "提高", "增加", "降低", "下降", "減少"]),
    every=st.sampled_from(["逐年", "每年", ""]),
)
def test_any_stated_goal_is_read_back(indicator, value, measure, verb, every):
    written = f"{value:,}"
    [target] = parse_targets(f"{indicator}{every}{verb}至{written}{measure}")
    assert target.value == value and target.measure == measure
    assert target.direction == ("提升" if verb in ("提升", "提高", "增加") else "降至")
    assert target.every == (every or None)


def test_number_value():
    assert number_value("4萬7,000") == 47000 and number_value("1,760") == 1760 and number_value("5.51") == 5.51


@pytest.mark.parametrize("text, value, measure", [
    ("明年度以來澎旅客人次達150萬人次為目標", 1500000.0, "人次"),
    ("本局目標於115年12月31日前達55%以上，並持續設置接種站。", 55.0, "%"),
    ("本年度住宅用火災警報器推廣目標為補助安裝1萬5,000戶。", 15000.0, "戶"),
    ("本區113年度社區照顧關懷據點目標新增4處。", 4.0, "處"),
    ("規劃至115年國產大豆契作面積達3萬公頃。", 30000.0, "公頃"),
])
def test_goal_shapes_seen_in_fresh_minutes(text, value, measure):
    """Written so by annotators of a fresh set, none was a target: words between
    以 and the quantity, a date or a verb after 目標, 公頃 as a measure."""
    found = parse_targets(text)
    assert (found[0].value, found[0].measure) == (value, measure)
