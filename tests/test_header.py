"""Header: title, body, session, date, times, place, chair and recorder in several house styles."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.header import body_of, fields, parse_header, people, times
from extract.model import Page, Paragraph


def header(rows, pages=None):
    return parse_header([Paragraph(text, 1) for text in rows], pages)


def test_numbered_fields_with_two_on_one_line():
    meeting = header([
        "臺中市強化社會安全網推動會報 112年第 3 次會議紀錄",
        "壹、時間：112年 11月 10日(星期五)下午 3時",
        "貳、地點：本府臺灣大道市政大樓惠中樓 901會議室",
        "參、主席：盧召集人秀燕                                紀錄：張嘉玲",
        "壹拾、散會：下午 4時 05分",
    ])
    assert meeting.to_json() | {"next_meeting_date": None} == {
        "title": "臺中市強化社會安全網推動會報 112年第 3 次會議紀錄", "body": "臺中市強化社會安全網推動會報",
        "session": "112年第3次", "date": "2023-11-10", "start_time": "15:00", "end_time": "16:05",
        "location": "本府臺灣大道市政大樓惠中樓 901會議室", "chair": ["盧召集人秀燕"], "recorder": "張嘉玲",
        "next_meeting_date": None,
    }


def test_one_field_per_line_with_meeting_date_and_ascii_colons():
    meeting = header([
        "行政院第3880次會議議事錄",
        "開會日期:112.11.10",
        "開會時間:上午9時30分",
        "開會地點:本院第一會議室",
        "主席:陳院長建仁",
        "記錄:王小明",
    ])
    assert (meeting.body, meeting.session, meeting.date, meeting.start_time) == ("行政院", "第3880次", "2023-11-10", "09:30")
    assert (meeting.location, meeting.chair, meeting.recorder) == ("本院第一會議室", ["陳院長建仁"], "王小明")


def test_time_range_two_chairs_and_recorder_on_its_own_line():
    meeting = header([
        "強化社會安全網第二期計畫嘉義市行政輔導團會議紀錄",
        "壹、 時間：110年12月13日(星期一)下午2時至4時",
        "參、 主持人：嘉義市政府黃市長敏惠、行政院林政務委員萬億",
        "紀錄：王淳曄",
        "玖、 散會(下午4時)",
    ])
    assert meeting.session is None
    assert meeting.body == "強化社會安全網第二期計畫嘉義市行政輔導團"
    assert (meeting.start_time, meeting.end_time) == ("14:00", "16:00")
    assert meeting.chair == ["嘉義市政府黃市長敏惠", "行政院林政務委員萬億"]
    assert meeting.recorder == "王淳曄"


def test_gregorian_date_spaced_field_names_and_adjournment_in_brackets():
    meeting = header([
        "中華民國天文學會 第 26 屆第 3 次理監事會議 會議紀錄",
        "一、時 間：2017 年 12 月 02 日 (星期六) 14：00",
        "二、地 點：台北市羅斯福路四段 1 號天文數學館 11 樓",
        "五、主 席：朱有花 (理事長)",
        "陸、 散會。（下午4時30分）",
    ])
    assert (meeting.session, meeting.date, meeting.start_time, meeting.end_time) == ("第26屆第3次", "2017-12-02", "14:00", "16:30")
    assert meeting.chair == ["朱有花"]


def test_header_fields_in_a_table():
    table = [["時間", "2003-12-30 下午2時"], ["地點", "本部第一會議室"], ["主席", "王部長"]]
    meeting = header(["某某部業務會報會議紀錄"], [Page(1, [], tables=[table])])
    assert (meeting.date, meeting.start_time, meeting.location, meeting.chair) == ("2003-12-30", "14:00", "本部第一會議室", ["王部長"])


def test_title_split_over_two_lines():
    meeting = header(["臺北市政府", "113年第1次市政會議紀錄", "時間：113年1月5日"])
    assert meeting.title == "臺北市政府 113年第1次市政會議紀錄"
    assert meeting.body == "臺北市政府市政會議"


@pytest.mark.parametrize("text, expected", [
    ("下午2時至4時", ("14:00", "16:00")),
    ("上午9時30分", ("09:30", None)),
    ("晚上7點半", ("19:30", None)),
    ("14:00~16:30", ("14:00", "16:30")),
    ("112年5月1日", (None, None)),
])
def test_times(text, expected):
    assert times(text) == expected


def test_fields_and_names():
    assert fields(["主席：X    紀錄：Y"]) == {"主席": "X", "紀錄": "Y"}
    assert body_of("強化社會安全網政策溝通平臺第14次專案會議紀錄") == "強化社會安全網政策溝通平臺"
    assert people("李政務次長麗芬") == ["李政務次長麗芬"]


@given(hour=st.integers(min_value=1, max_value=11), minute=st.integers(min_value=0, max_value=59),
       afternoon=st.booleans(), roc_year=st.integers(min_value=90, max_value=130))
def test_any_roc_date_and_clock_time_in_a_time_field(hour, minute, afternoon, roc_year):
    half = "下午" if afternoon else "上午"
    meeting = header(["某會議紀錄", f"時間：中華民國{roc_year}年 3月 8日(星期五){half}{hour}時{minute}分"])
    assert meeting.date == f"{roc_year + 1911}-03-08"
    assert meeting.start_time == f"{hour + 12 * afternoon:02d}:{minute:02d}"



def test_digits_spread_out_by_justified_layout():
    meeting = header(["某某委員會第 1 4 次會議紀錄", "時間：1 0 1 年 3 月 5 日下午 2 時"])
    assert (meeting.body, meeting.session, meeting.date, meeting.start_time) == ("某某委員會", "第14次", "2012-03-05", "14:00")


def test_title_without_kiroku_on_a_web_page_after_breadcrumbs():
    """Cause: the Executive Yuan publishes 行政院第3875次會議決定 pages whose
    title does not end in 紀錄; title, body and session came out None. A bare
    meeting name is preferred to the page's 會議決定 title, and breadcrumbs
    (which also end in 會議決定) are never the title."""
    meeting = header(["首頁 > 本院會議 > 院會議案 > 會議決定", "分享 列印 回上一頁", "行政院第3875次會議決定",
                      "發布日期：112-11-16", "行政院第3875次會議", "時間：中華民國112年11月16日(星期四)上午10時"])
    assert (meeting.title, meeting.body, meeting.session, meeting.date) == (
        "行政院第3875次會議", "行政院", "第3875次", "2023-11-16")
    assert header(["首頁 > 院會議案", "行政院第3875次會議決定"]).title == "行政院第3875次會議決定"


def test_spaced_digits_are_closed_up_in_the_title_itself():
    """Cause: 連江縣政府1 1 2年第 4 5 次縣務會議紀錄 (.txt) kept 1 1 2年 in the
    title because the cleaner's spaced-digit rule skips a run that touches a CJK
    character; the title is repaired here too."""
    meeting = header(["連江縣政府1 1 2年第 4 5 次縣務會議紀錄", "開會日期：1 1 2 年 8 月 2 1 日（星期一）"])
    assert (meeting.title, meeting.session, meeting.date) == ("連江縣政府112年第 45 次縣務會議紀錄", "112年第45次", "2023-08-21")


def test_compatibility_ideographs_in_the_title():
    """Cause: real PDFs 03–06 write 紀錄 with U+F93F (a compatibility form of 錄),
    so no title ending in 紀錄 was found."""
    meeting = header(["中華民國天文學會 第 25 屆第 4次理監事會議 會議紀\uf93f", "一、時 間：2015年1月31日"])
    assert meeting.title == "中華民國天文學會 第 25 屆第 4次理監事會議 會議紀錄"
    assert meeting.session == "第25屆第4次"


@pytest.mark.parametrize("title, body, session", [
    ("嘉義市議會第11屆第3次定期大會第5次會議紀錄", "嘉義市議會", "第11屆第3次定期大會第5次"),
    ("立法院第11屆第1會期社會福利及衛生環境委員會第5次全體委員會議紀錄",
     "立法院社會福利及衛生環境委員會全體委員會議", "第11屆第1會期第5次"),
    ("臺南市政府113年第4次市政會議紀錄", "臺南市政府市政會議", "113年第4次"),
    ("交通部公路局113年度第2次局務會議紀錄", "交通部公路局局務會議", "113年度第2次"),
    ("臺中市政府警察局113年10月份局務會議紀錄", "臺中市政府警察局局務會議", "113年10月份"),  # a monthly meeting
])
def test_council_and_legislature_sessions(title, body, session):
    meeting = header([title])
    assert (meeting.body, meeting.session) == (body, session)


def test_legislature_fields_without_colons():
    """The Legislative Yuan's minutes write 時　　間　中華民國… with full-width
    spaces and no colon; the fields were not read."""
    meeting = header(["立法院第11屆第1會期社會福利及衛生環境委員會第5次全體委員會議紀錄",
                      "時　　間　中華民國113年3月13日（星期三）上午9時至下午1時17分", "地　　點　本院紅樓302會議室",
                      "主　　席　林委員月琴", "紀　　錄　簡任秘書　王小明"])
    assert (meeting.date, meeting.start_time, meeting.end_time) == ("2024-03-13", "09:00", "13:17")
    assert (meeting.location, meeting.chair) == ("本院紅樓302會議室", ["林委員月琴"])


@pytest.mark.parametrize("title, session", [
    ("嘉義縣議會第20屆第7次定期會第12次會議紀錄", "第20屆第7次定期會第12次"),
    ("雲林縣議會第19屆第2次臨時會第1次會議紀錄", "第19屆第2次臨時會第1次"),
    ("苗栗縣議會第20屆第4次定期會議事錄", "第20屆第4次定期會"),
])
def test_council_regular_and_extraordinary_sittings_stay_in_the_session(title, session):
    """Cause: SESSION knew 定期大會 but not 定期會, so 第20屆第7次定期會第12次
    came out 第20屆第7次第12次 and the body 嘉義縣議會定期會; a council's body
    is the council."""
    meeting = header([title])
    assert (meeting.body, meeting.session) == (title[:5], session)


def test_an_extraordinary_meeting_is_not_a_sitting():
    """第3次臨時會議 is the 3rd (extraordinary) meeting: 臨時會 must not eat 會議."""
    meeting = header(["某某委員會113年第3次臨時會議紀錄"])
    assert (meeting.body, meeting.session) == ("某某委員會", "113年第3次")


def test_body_keeps_its_meeting_type_without_a_session():
    """臺南市政府衛生局局務會議紀錄 gave 臺南市政府衛生局局務: with no session in the
    title, the 會議紀錄 suffix was stripped whole, cutting the meeting type in half,
    while the same title with a session kept 局務會議."""
    from extract.header import body_of

    assert body_of("臺南市政府衛生局局務會議紀錄") == body_of("臺南市政府衛生局第5次局務會議紀錄")
    assert body_of("嘉義市行政輔導團會議紀錄") == "嘉義市行政輔導團"


def test_title_wrapped_at_the_margin_is_read_whole():
    """A long title printed across two lines (…衛生環境委 / 員會第12次…會議紀錄) gave
    only its second line: titles were read line by line, and only a session or
    a short tail was joined to the line before."""
    from extract.header import title_of
    from extract.model import Line, Paragraph

    rows = [("立法院第11屆第1會期社會福利及衛生環境委", (34, 37, 446, 51)),
            ("員會第12次全體委員會議紀錄", (34, 57, 300, 71)),
            ("時間：中華民國113年4月10日上午9時", (34, 82, 448, 96))]
    paragraphs = [Paragraph(text, 1, (Line(text, 1, bbox),)) for text, bbox in rows]
    assert title_of(paragraphs) == "立法院第11屆第1會期社會福利及衛生環境委員會第12次全體委員會議紀錄"


def test_body_drops_a_generic_meeting_only_after_an_organisation():
    """…諮詢會議紀錄 gave a body ending in 諮詢: 會議 was dropped whenever the title
    had no session, though it is generic only after an organisation (…輔導團)."""
    from extract.header import body_of

    assert body_of("衛生福利部「長期照顧服務發展」諮詢會議紀錄") == "衛生福利部「長期照顧服務發展」諮詢會議"
    assert body_of("強化社會安全網第二期計畫嘉義市行政輔導團會議紀錄") == "強化社會安全網第二期計畫嘉義市行政輔導團"


def test_recorder_glued_to_the_chairs_name_is_split_off():
    """The gap between 主持人：蘇副市長俊賓 and 紀錄：江怡萱 on one line can be lost in a
    PDF's text layer; 紀錄： then read as part of the chair's name. 會議紀錄： is still
    no field."""
    from extract.header import fields

    assert fields(["參、主持人：蘇副市長俊賓紀錄：江怡萱"]) == {"主持人": "蘇副市長俊賓", "紀錄": "江怡萱"}
    assert fields(["確認前次會議紀錄：確認。"]) == {}


@pytest.mark.parametrize("line, recorder", [
    ("紀錄：簡任秘書\u3000陳怡君", "陳怡君"),
    ("紀錄：議事組 林佩君", "林佩君"),
    ("記錄：研考會  張雅婷", "張雅婷"),
    ("紀錄：王小明（研考會）", "王小明"),
    ("紀錄：議事組", "議事組"),
    ("紀錄：陳科員怡君", "陳科員怡君"),
    ("紀錄：張嘉玲", "張嘉玲"),
])
def test_recorder_written_after_a_title_or_unit_is_the_person(line, recorder):
    """Cause: 紀錄：簡任秘書　陳怡君 and 紀錄：議事組 林佩君 kept the title or unit in
    the recorder; the person is the name after it. A unit or name alone stays."""
    assert header(["某某委員會會議紀錄", "時間：113年1月5日", line]).recorder == recorder


def test_recorder_list_over_several_lines_keeps_the_first_person():
    """The legislature lists its recorders one per line with their titles."""
    meeting = header(["立法院經濟委員會第8次全體委員會議紀錄", "主席：張召集委員志豪",
                      "紀錄：簡任秘書　陳怡君", "　　　簡任編審　林書豪", "　　　科長　王郁婷"])
    assert meeting.recorder == "陳怡君"


@pytest.mark.parametrize("title", [
    "屏東縣政府１１３年５月２０日縣務會議紀錄",
    "屏東縣政府113年5月20日縣務會議紀錄",
    "屏東縣政府1 1 3 年 5 月 2 0 日縣務會議紀錄",
    "屏東縣政府一一三年五月二十日縣務會議紀錄",
])
def test_a_date_in_the_title_is_no_part_of_the_body(title):
    """Cause: a county titles each sitting by its date (屏東縣政府１１３年５月２０日縣務會議),
    and with no 第N次 session the date stayed inside the body; full-width, spaced
    and Chinese digits alike."""
    assert body_of(title) == "屏東縣政府縣務會議"
    assert header([title, "時間：113年5月20日上午9時"]).session is None


def test_a_chair_who_hands_over_names_both_chairs():
    """Cause: 主席：潘縣長明德（10時30分後由李副縣長文彬代理） lost the acting chair
    with the bracket, as if it were a role; a bracket naming who took over adds them."""
    assert header(["屏東縣政府縣務會議紀錄", "主席：潘縣長明德（１０時３０分後由李副縣長文彬代理）"]).chair == [
        "潘縣長明德", "李副縣長文彬"]
    assert people("王主委（召集人）、李委員（副召集人）") == ["王主委", "李委員"]


def test_session_in_full_width_digits_is_written_in_ascii():
    """Cause: 高雄市政府第５２０次市政會議紀錄 gave the session 第５２０次, which does
    not compare equal to 第520次 from another copy of the same minutes; the title
    itself stays as written."""
    meeting = header(["高雄市政府第５２０次市政會議紀錄", "時間：113年5月7日"])
    assert (meeting.session, meeting.body, meeting.title) == ("第520次", "高雄市政府市政會議", "高雄市政府第５２０次市政會議紀錄")


@given(st.integers(80, 150), st.integers(1, 12), st.integers(1, 28),
       st.sampled_from(["half", "full", "spaced"]), st.sampled_from(["縣務會議", "市政會議", "局務會議"]))
def test_any_date_in_the_title_leaves_the_body(year, month, day, style, kind):
    written = f"{year}年{month}月{day}日"
    if style == "full":
        written = written.translate({ord(d): chr(ord(d) + 0xFEE0) for d in "0123456789"})
    elif style == "spaced":
        written = " ".join(written)
    assert body_of(f"某縣政府{written}{kind}紀錄") == f"某縣政府{kind}"
