"""Deadlines in item text (extract/deadlines.py), with short real-style snippets."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.deadlines import parse_deadline
from extract.model import Deadline
from extract.rocdate import format_roc, gregorian_to_roc

MEETING = dt.date(2023, 11, 10)  # a Friday
KINDS = {"date", "period", "relative", "next_meeting", "asap", "recurring", "ongoing", "none"}


def due(text, meeting=MEETING, **kwargs):
    found = parse_deadline(text, meeting, **kwargs)
    return found.kind, found.date


@pytest.mark.parametrize("text, expected", [
    ("請民政局於113年3月8日前完成盤點", ("date", "2024-03-08")),
    ("請社會局於113/3/8前回報", ("date", "2024-03-08")),
    ("請於 2024-03-08 前函報本府", ("date", "2024-03-08")),
    ("預訂於 113 年 3 月 8 日(星期五)下午 3 時，於本府901會議室辦理。", ("date", "2024-03-08")),
    ("請各局處於一月二十日前提報", ("date", "2024-01-20")),
    ("會議於11月1日召開，請各局處於12月5日前提報", ("date", "2023-12-05")),
    ("請各機關於１２月８日前完成", ("date", "2023-12-08")),
    ("請教育局於一一三年一月十五日前提送", ("date", "2024-01-15")),
])
def test_calendar_dates(text, expected):
    assert due(text) == expected


@pytest.mark.parametrize("text, expected, start", [
    ("本部預計於113年1至2月召開共識會議", ("period", "2024-02-29"), "2024-01-01"),
    ("預計大甲區社區心理衛生中心於113年完工。", ("period", "2024-12-31"), "2024-01-01"),
    ("請於本年度辦理完竣", ("period", "2023-12-31"), "2023-01-01"),
    ("請於113年3月完成", ("period", "2024-03-31"), "2024-03-01"),
    ("請於明年上半年完成修法", ("period", "2024-06-30"), "2024-01-01"),
    ("請於113年第2季完成招標", ("period", "2024-06-30"), "2024-04-01"),
    ("請於12月中旬前完成", ("period", "2023-12-20"), "2023-12-11"),
])
def test_periods(text, expected, start):
    found = parse_deadline(text, MEETING)
    assert (found.kind, found.date) == expected
    assert found.start == start


@pytest.mark.parametrize("text, expected", [
    ("請內政部會同國防部於113年3月底前完成演練規劃", ("date", "2024-03-31")),
    ("請於113年3月底完成", ("date", "2024-03-31")),
    ("請觀光旅遊局於3月底前提報", ("date", "2024-03-31")),
    ("請於3月底完成", ("date", "2024-03-31")),
    ("請於113年底前完成", ("date", "2024-12-31")),
    ("請於本月20日前函復", ("date", "2023-11-20")),
    ("請於下個月5日前函復", ("date", "2023-12-05")),
])
def test_the_end_of_a_named_month_or_year_is_a_due_day(text, expected):
    """A month's or year's end written with its number (113年3月底前) is one day, not a span."""
    assert due(text) == expected


def test_a_month_end_that_has_passed_is_not_due():
    assert due("截至3月底止，已完成80%") == ("none", None)
    assert due("去年底已完成盤點") == ("none", None)


def test_every_month_end_is_recurring():
    assert due("請各區公所每月底前回報") == ("recurring", None)


def test_year_span_and_target_horizon():
    assert due("辦理轉銜會議，至114年辦理場次達50次", kind="target") == ("period", "2025-12-31")
    pilot = parse_deadline("成立危機處理團隊(111年擇1縣市試辦，至113年於2縣市辦理)", dt.date(2021, 9, 16),
                           kind="milestone")
    assert (pilot.kind, pilot.start, pilot.date) == ("period", "2022-01-01", "2024-12-31")


@pytest.mark.parametrize("text, expected", [
    ("請社會局於二週內提出檢討報告", ("relative", "2023-11-24")),
    ("請各局處於會後兩週內回復", ("relative", "2023-11-24")),
    ("請於一個月內完成改善", ("relative", "2023-12-10")),
    ("請於文到3日內函復", ("relative", "2023-11-13")),
    ("請於 10 個工作天內回復", ("relative", "2023-11-24")),
    ("請秘書處於下周一前召開協調會", ("relative", "2023-11-13")),
    ("請於下星期三前回報", ("relative", "2023-11-15")),
    ("請法制局本週五前提供意見", ("relative", "2023-11-10")),
    ("決議：請行政院於三個月內向本院提出書面報告", ("relative", "2024-02-10")),
    ("主席裁示:請第一科於2週內簽報", ("relative", "2023-11-24")),
])
def test_relative_to_the_meeting(text, expected):
    """A span counted from the meeting (二週內, 下周一): relative."""
    assert due(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("請各區公所於年底前完成訪視", ("relative", "2023-12-31")),
    ("請工務局於本年底前全數完成", ("relative", "2023-12-31")),
    ("請於今年底完成盤點", ("relative", "2023-12-31")),
    ("請社會局於本(11)月底前提報名單", ("relative", "2023-11-30")),
    ("請社會局於本（１１）月底前提報名單", ("relative", "2023-11-30")),
    ("請衛生局於下個月底前完成", ("relative", "2023-12-31")),
    ("請人事處於月底前彙整", ("relative", "2023-11-30")),
    ("請於本月內回報", ("relative", "2023-11-30")),
    ("請主計處於本年度結束前完成核銷", ("relative", "2023-12-31")),
    ("請各機關於今年內完成", ("relative", "2023-12-31")),
    ("請研考會於明年底前提出評估", ("relative", "2024-12-31")),
])
def test_the_meetings_month_or_year_end_is_relative(text, expected):
    """年底前 and 本月底前 name no year or month: counted from the meeting, they
    are ``relative`` (read as a ``date`` for a while; most annotators of three
    fresh sets wrote relative, while 113年12月底前 is a date)."""
    assert due(text) == expected


def test_year_end_without_meeting_date_is_still_relative():
    found = parse_deadline("請於年底前完成", None)
    assert (found.kind, found.date, found.raw) == ("relative", None, "年底前")


def test_relative_without_meeting_date_keeps_kind_and_raw():
    found = parse_deadline("請於二週內提出", None)
    assert (found.kind, found.date, found.raw) == ("relative", None, "二週內")


def test_span_counted_from_another_event_is_not_a_deadline():
    """Cause: 出院後 2 星期內 in an indicator name was read as two weeks from the meeting."""
    text = "考核指標一(九)精神疾病關懷訪視服務個案出院後 2 星期內第一次訪視評估比率：請衛生局於局務會議提出並加強策進。"
    assert due(text) == ("none", None)
    assert due("社工員應於到職2年內修畢課程", dt.date(2023, 1, 7)) == ("none", None)


@pytest.mark.parametrize("text, expected", [
    ("請民政局於農曆春節前完成發放", ("date", "2024-02-09")),
    ("請於元旦前完成布置", ("date", "2023-12-31")),
])
def test_holidays(text, expected):
    assert due(text) == expected


def test_lunar_new_year_already_past_uses_next_year():
    assert due("請於春節前完成", dt.date(2024, 3, 1)) == ("date", "2025-01-28")


@pytest.mark.parametrize("text, kind", [
    ("請內政部移民署於下次會議提出專案報告。", "next_meeting"),
    ("請各局處於下次會報說明辦理情形", "next_meeting"),
    ("請財政局下一次推動會議報告", "next_meeting"),
    ("請心健司儘速完成社區心理衛生中心設置標準。", "asap"),
    ("請衛生局盡速補登", "asap"),
    ("請各單位及早規劃", "asap"),
    ("請警察局立即處理", "asap"),
    ("請各地方政府每年辦理一次演練", "recurring"),
    ("每4個月召開一次聯繫會議", "recurring"),
    ("請社會局定期追蹤", "recurring"),
    ("請教育局爾後收到開會通知單副本，提醒受邀學校務必出席", "ongoing"),
    ("請各單位持續運用各項宣導方式", "ongoing"),
    ("請副市長適時透過立法委員向中央反映", "ongoing"),
    ("未來各部會倘有創新服務方案須試辦，請將嘉義市納入考量。", "ongoing"),
    ("請各單位隨時注意", "ongoing"),
    ("請社家署依各地方政府意見進行修正", "none"),
])
def test_word_deadlines(text, kind):
    assert parse_deadline(text, MEETING).kind == kind


def test_next_meeting_takes_the_announced_date():
    found = parse_deadline("請於下次會議報告", MEETING, next_meeting_date=dt.date(2024, 3, 8))
    assert (found.kind, found.date) == ("next_meeting", "2024-03-08")


def test_a_date_beats_urgency_words():
    assert due("請儘速於113年1月31日前完成") == ("date", "2024-01-31")


def test_year_onward_is_ongoing_from_that_year():
    found = parse_deadline("於112年製作完成，並於113年起納入處遇課程中", dt.date(2024, 4, 16), kind="milestone")
    assert (found.kind, found.start, found.raw) == ("ongoing", "2024-01-01", "113年起")


def test_year_onward_then_every_year_is_recurring():
    found = parse_deadline("自111年起每年年底考核", dt.date(2021, 9, 16), kind="target")
    assert (found.kind, found.start) == ("recurring", "2022-01-01")


@pytest.mark.parametrize("text, meeting", [
    ("本市社會工作人員人身安全保障自治條例業於 103 年頒布，請社工人力進用單位留意", MEETING),
    ("自 112年 7月啟動策進措施後，執行率確有提升，請各單位留意", MEETING),
    ("總 統 於 111 年 12 月 14 日 以 華 總 一 義 字 第11100105921號令修正公布精神衛生法", dt.date(2023, 1, 7)),
    ("建請比照人力進用率，以111年12月底在職人員為考核對象。", dt.date(2023, 1, 7)),
    ("請嘉義市政府於本部召開之「111年度中央對直轄市與縣(市)政府執行績效考核實施計畫討論會議」提出", dt.date(2021, 12, 13)),
    ("為儘速完成社區心理衛生中心人力之進用，請各地方政府通盤檢視各類人力資源", MEETING),
    ("考量各項計畫人力尚難於111年1月1日即全數聘用，爰本計畫111年獲配初核經費為核定本數額8成", dt.date(2021, 12, 13)),
])
def test_dates_that_are_not_deadlines(text, meeting):
    """Past events, quoted plan titles, purpose clauses and negated dates say when, not by when."""
    assert parse_deadline(text, meeting, kind="directive").kind == "none"


def test_precondition_date_gives_way_to_urgency():
    """Cause: 須至110年底方可訂頒 (only then) was read as the deadline of a request to hurry."""
    text = ("倘若依往年經驗，須至110年底方可訂頒，屆時本局定無法於110年12月31日完成人力審查，"
            "為使本市原有計畫人力能於111年1月1日無縫接軌，建請衛生福利部能加速旨揭計畫核定。")
    assert due(text, None, kind="request") == ("asap", None)


def test_months_of_an_unnamed_year_are_not_dated():
    text = "擬於當年10月請各地方政府提報次年計畫，並於次年1月及6月分別核撥；另將於每年7至8月提供次年預編數供參。"
    assert parse_deadline(text, dt.date(2021, 12, 13), kind="milestone").kind == "recurring"


def test_target_year_prefers_the_current_year_and_falls_back_to_the_latest():
    text = "本市 111年社安網績效考核獲得佳績，112年社安網績效考核指標有所調整，進用率目標值為 85%。"
    assert due(text, kind="target") == ("period", "2023-12-31")
    retrospective = "112 年保護性案件再通報率為 5.51%，低於 112 年強化社會安全網計畫目標值 7.5%。"
    assert due(retrospective, dt.date(2024, 4, 16), kind="target") == ("period", "2023-12-31")


def test_bare_year_in_a_directive_without_a_goal_is_not_a_deadline():
    assert due("本計畫112年獲配經費為核定本數額8成", kind="directive") == ("none", None)


def test_year_by_year_alone_recurs():
    """逐年 with no plan in sight recurs; a deck's plan term is the target parser's job."""
    assert parse_deadline("保護性案件再通報率逐年降至低於 7%", None, kind="target").kind == "recurring"


def test_topic_label_does_not_give_the_deadline():
    """Cause: 每年 in the indicator name before the colon beat the directive's 適時."""
    text = "四(三)完成各策略每年在職訓練比率：可提交王副市長，請副市長適時透過立法委員向中央反映。"
    assert parse_deadline(text, MEETING).kind == "ongoing"


def test_ascii_punctuation_and_spaced_digits():
    assert due("請民政局於 1 1 3 年 3 月 8 日前完成,並回報.") == ("date", "2024-03-08")
    assert due("請於1 1 3 年1 2 月3 1 日前完成") == ("date", "2024-12-31")
    assert due("請各局處於１１３年１月１５日前提報") == ("date", "2024-01-15")
    assert due("(1)請社會局於2週內回報;(2)持續追蹤.") == ("relative", "2023-11-24")


def test_raw_keeps_the_phrase_as_written():
    found = parse_deadline("請於１１３年３月８日前完成", MEETING)
    assert found.raw == "１１３年３月８日前"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789年月日週周內前後起至每下次會議儘速持續本(1)底上半第季、，。/- 一二三十百春節元旦請於到職"))
               | st.characters(), max_size=60),
       st.one_of(st.none(), st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2150, 1, 1))))
def test_any_text_gives_a_deadline(text, meeting):
    found = parse_deadline(text, meeting)
    assert isinstance(found, Deadline)
    assert found.kind in KINDS
    for value in (found.date, found.start):
        assert value is None or dt.date.fromisoformat(value)
    if found.kind != "none":
        assert found.raw and found.raw in text


@given(st.dates(min_value=dt.date(1960, 1, 1), max_value=dt.date(2150, 12, 31)),
       st.dates(min_value=dt.date(1960, 1, 1), max_value=dt.date(2150, 12, 31)))
def test_any_future_roc_date_with_a_marker_is_the_deadline(day, meeting):
    found = parse_deadline(f"請社會局於{format_roc(day)}前完成", meeting)
    if day >= meeting:
        assert (found.kind, found.date) == ("date", day.isoformat())
    else:
        assert found.kind == "none"


@given(st.integers(min_value=1, max_value=400), st.dates(min_value=dt.date(1960, 1, 1), max_value=dt.date(2150, 1, 1)))
def test_days_within_count_from_the_meeting(days, meeting):
    found = parse_deadline(f"請於{days}日內函復", meeting)
    assert (found.kind, found.date) == ("relative", (meeting + dt.timedelta(days=days)).isoformat())


@given(st.integers(min_value=50, max_value=200))
def test_any_roc_year_in_a_milestone_is_that_year(roc_year):
    found = parse_deadline(f"預計於{roc_year}年完工", None, kind="milestone")
    year = roc_year + 1911
    assert (found.kind, found.start, found.date) == ("period", f"{year}-01-01", f"{year}-12-31")
    assert gregorian_to_roc(year) == roc_year


def test_day_span_within_a_month():
    found = parse_deadline("暫定2019 年01月24 ～ 26日之間召開", dt.date(2018, 12, 1))
    assert (found.kind, found.start, found.date) == ("period", "2019-01-24", "2019-01-26")


def test_date_followed_by_already_done_is_not_the_deadline():
    found = parse_deadline("2014/12/31已發出第一次通知, 預計2015年2月中旬發出第二次通知", None)
    assert (found.kind, found.start, found.date) == ("period", "2015-02-11", "2015-02-20")


def test_long_runs_of_digits_or_numerals():
    """Cause: an unbounded number pattern made a 20,000-digit run take a minute to scan."""
    assert parse_deadline("1" * 20000 + "年", None).kind == "none"
    assert parse_deadline("一" * 5000 + "年內", MEETING).kind == "none"


@pytest.mark.parametrize("text, raw, expected", [
    ("請於今(113)年底前完成", "今(113)年底前", ("date", "2024-12-31")),
    ("請於明（114）年3月底前完成", "明（114）年3月底前", ("date", "2025-03-31")),
    ("請於本(113)年12月31日前函報", "本(113)年12月31日前", ("date", "2024-12-31")),
])
def test_year_named_with_its_number_in_parentheses(text, raw, expected):
    found = parse_deadline(text, dt.date(2024, 5, 10))
    assert ((found.kind, found.date), found.raw) == (expected, raw)


@pytest.mark.parametrize("text, expected", [
    ("請於半個月內回報", ("relative", "2023-11-25")),
    ("請於半年內完成評估", ("relative", "2024-05-10")),
    ("請於本週內完成", ("relative", "2023-11-12")),
])
def test_half_and_this_week_count_from_the_meeting(text, expected):
    assert due(text) == expected


def test_month_end_written_with_spaces():
    """Cause: a PDF spaced 6 月 底 前, and the month's end was read as the whole month."""
    assert due("請於1 1 3 年 6 月 底 前完成") == ("date", "2024-06-30")


def test_lunar_new_year_written_as_the_lunar_year():
    assert due("請社會處於農曆年前完成發放") == ("date", "2024-02-09")


def test_month_and_day_with_a_slash_need_a_by_word():
    """Web pages write 3/15前; without 前 a slash may be a ratio (1/2)."""
    assert due("請各局處於3/15前回報,逾期不候.") == ("date", "2024-03-15")
    assert due("請於12/5前回報") == ("date", "2023-12-05")
    assert due("出席率達1/2以上") == ("none", None)


@pytest.mark.parametrize("text, expected", [
    ("限期於本年11月30日前完成", ("date", "2023-11-30")),
    ("請於明年3月底前完成修法", ("date", "2024-03-31")),
    ("請於今年12月辦理", ("period", "2023-12-31")),
])
def test_a_month_of_this_or_next_year(text, expected):
    """Cause: 本年11月30日前 was read as the whole year 本年, before its month and day."""
    assert due(text) == expected


def test_a_quoted_request_is_not_a_title():
    """An adopted 附帶決議 is quoted whole (「請衛生福利部於3個月內…」); quoted text was
    skipped as a plan title, so its deadline was lost."""
    deadline = parse_deadline("通過附帶決議1項：「請衛生福利部於3個月內研議補助機制，並提出書面報告。」", dt.date(2024, 4, 10))
    assert (deadline.kind, deadline.date) == ("relative", "2024-07-10")
    assert parse_deadline("依「113年度工作計畫」辦理", dt.date(2024, 4, 10)).kind == "none"


def test_this_year_alone_says_when_not_by_when():
    """Cause: 今年 (or 本年度) with no 底/內/marker was read as the year's period, so
    a background clause (今年颱風接連侵臺) beat the 3個月內 asked later in the item.
    Like a bare 113年, it now needs a marker (於今年), a goal, or a target."""
    found = parse_deadline("今年颱風接連侵臺，多處受災。請內政部於3個月內完成檢討。", dt.date(2024, 10, 17))
    assert (found.kind, found.date) == ("relative", "2025-01-17")
    assert due("請於今年完成盤點") == ("period", "2023-12-31")
    assert due("本年度預算請撙節支用") == ("none", None)
    assert due("本年度辦理30場", kind="target") == ("period", "2023-12-31")


@pytest.mark.parametrize("text, meeting, expected", [
    ("7、8月高溫期間，請衛生局加強宣導。", dt.date(2024, 7, 1), ("period", "2024-08-31")),
    ("請國教署於本學期結束前完成稽查。", dt.date(2025, 3, 10), ("relative", "2025-07-31")),
    ("請國教署於本學期結束前完成稽查。", dt.date(2024, 10, 3), ("relative", "2025-01-31")),
    ("另定期繼續審查。", dt.date(2024, 5, 1), ("none", None)),
])
def test_month_lists_the_school_term_and_a_later_sitting(text, meeting, expected):
    """Seen in a fresh set: 7、8月 (a list of months) was no deadline, 本學期結束前
    was none, and 另定期繼續審查 (at a sitting to be set) read as recurring 定期."""
    found = parse_deadline(text, meeting)
    assert (found.kind, found.date) == expected


def test_next_meeting_with_its_date_in_brackets_and_a_requests_budget_year():
    """下次局務會議（7月15日） was read as the date alone, not the next meeting;
    建請…於115年度提高補助 asks for a budget year, which three annotators did not
    take for a deadline."""
    meeting = dt.date(2024, 7, 1)
    found = parse_deadline("請特殊教育科於下次局務會議（7月15日）提出報告。", meeting)
    assert (found.kind, found.date, found.raw) == ("next_meeting", "2024-07-15", "下次局務會議（7月15日）")
    assert parse_deadline("建請衛生福利部於115年度提高補助額度。", meeting, kind="request").kind == "none"
    assert parse_deadline("請衛生局於115年度完成。", meeting, kind="directive").kind == "period"
