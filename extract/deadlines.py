"""Deadlines: the time by which an item is to be done, as written in the item.

:func:`parse_deadline` finds every time phrase in an item's text, drops those
that only say when something happened (a past date, 業於103年頒布, a date in a
quoted plan title, a purpose clause 為使…, a negated or conditional date), and
keeps the most telling of the rest: a dated phrase governed by a future or
obligation marker (前, 內, 於, 預計, 至…年, …起), then the next meeting, then
儘速-like urgency, then recurring (每年, 定期), then standing (爾後, 持續) wording.
A bare year (112年) counts only for targets and milestones, or when its
sentence states a goal. The end of a month or year written with its number
(113年3月底前, 3月底) is a due ``date``; counted from the meeting with no
number (年底前, 本月底前, 本年度結束前, 下週一, 二週內) it is ``relative``, as most
annotators of three fresh sets read it. See corpus/gold/README.md for the kinds.

Example::

    >>> import datetime as dt
    >>> parse_deadline("請民政局於113年3月8日前完成", dt.date(2024, 1, 5)).date
    '2024-03-08'
    >>> parse_deadline("請心健司儘速完成設置標準", None).kind
    'asap'
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from extract.model import Deadline
from extract.rocdate import (
    CN_NUMBER_CHARS,
    NUMBER,
    cn_to_int,
    full_year,
    lunar_new_year,
    month_end,
    safe_date,
    to_halfwidth,
)

S = r"\s*"
N = NUMBER
RANGE = rf"{S}(?:至|到|~|～|-|－|–){S}"
YEAR = rf"(?:[今明本去次]{S}\({S})?(?P<y>{N}){S}\)?{S}年(?:{S}度)?"  # 113年, 今(113)年

# Words that make a time phrase a deadline or a plan rather than a record.
FUTURE_BEFORE = ("於", "在", "至", "到", "預計", "預定", "預訂", "將", "擬", "訂", "定", "限",
                 "最遲", "最晚", "務必", "須", "需", "應")
FUTURE_AFTER = ("前", "以前", "之前", "止", "為限", "完成", "完工", "起", "開始", "內")
# Words that make it a record of what happened, or a status "as of".
HAPPENED_BEFORE = ("業於", "已於", "業已", "已經", "已", "截至", "截止", "迄")
HAPPENED_AFTER = ("已", "業已", "業經")
NEGATED_BEFORE = ("無法", "未能", "不能", "尚難", "難以", "未於", "不及")
ONLY_THEN_AFTER = ("方可", "方能", "才能", "才可", "才", "始能", "始可", "始得")
# A month counted from an unnamed year (當年10月, 次年1月) cannot be dated.
UNNAMED_YEAR_BEFORE = ("當年", "次年", "翌年", "隔年", "同年", "該年", "每年")
# A relative span counted from some other event (出院後2星期內, 到職2年內).
OTHER_EVENT_BEFORE = ("到職", "任職", "就任", "出院", "開案", "結案", "收案", "通報", "受理")
MEETING_EVENT_BEFORE = ("會後", "議後", "文到", "函到", "到文", "收文後", "收文", "即日起")
GOAL_WORDS = ("目標", "達成", "達到", "提升至", "提高至", "降至", "降低至", "增加至", "完工",
              "完成", "辦理", "補足")
QUOTES = {"「": "」", "『": "』", "“": "”", "《": "》", "〈": "〉"}
CLAUSE_BREAK = "，,。；;：:\n"
SENTENCE_BREAK = "。；;\n"
PURPOSE_OPENERS = ("為", "以利", "俾利", "以期", "俾")

TARGET_KINDS = ("target", "milestone")

ASAP = re.compile(r"儘速|盡速|儘快|盡快|儘早|盡早|及早|立即|即刻|從速|加速|速予|迅即")
ONGOING = re.compile(r"爾後|嗣後|往後|日後|今後|未來|持續|適時|隨時|時刻|刻正|長期|即日起")
RECURRING = re.compile(
    rf"每{S}(?:{N}{S}個?{S})?(?:年度|年|季|月|週|周|星期|日|天|半年)|(?<!另)定期|按月|按季|按年|逐月|逐季"
    rf"|(?:較|比|下降|提升|降低|增加)(?:上|前)一?年度?"
)
YEAR_BY_YEAR = re.compile(r"逐年")
NEXT_MEETING = re.compile(
    r"下一?(?:次|屆|期)[^，。；、,;\n]{0,8}?(?:會議|會報|大會|委員會|會)|下一?次(?=報告|提報|提出|討論)"
)

# Days of a month a phrase names: 上旬 the first ten, 底 (by the end of) the whole month.
MONTH_PARTS = {"上旬": (1, 10), "初": (1, 10), "中旬": (11, 20), "下旬": (21, None), "底": (1, None)}
MONTH_PART = rf"(?:{S}(?P<part>底|上旬|中旬|下旬|初))?"
WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
UNIT_DAYS = {"天": 1, "日": 1, "週": 7, "周": 7, "星期": 7, "禮拜": 7}

BY_SUFFIX = re.compile(r"\s*(?:以前|之前|前)")  # kept in the raw phrase: 3月底前

# Tiers: lower wins; within a tier the first phrase in the text wins.
DATED, NEXT, URGENT, REPEATING, STANDING, BARE = range(6)


@dataclass
class Found:
    """One time phrase found in the text."""

    start: int
    end: int
    kind: str
    date: dt.date | None = None
    begin: dt.date | None = None
    tier: int = DATED
    year_only: bool = False  # a bare year or year span: needs a goal to count
    marked: bool = True  # governed by a future or obligation marker

    def deadline(self, text: str) -> Deadline:
        by = BY_SUFFIX.match(to_halfwidth(text), self.end) if self.tier == DATED else None
        return Deadline(
            raw=text[self.start:by.end() if by else self.end].strip(),
            kind=self.kind,  # type: ignore[arg-type]
            date=self.date.isoformat() if self.date else None,
            start=self.begin.isoformat() if self.begin else None,
        )


def _year(token: str) -> int | None:
    """A plausible year (ROC 40-250 or Gregorian 1950-2200) as Gregorian, else None."""
    try:
        value = cn_to_int(token)
    except ValueError:
        return None
    if 40 <= value <= 250 or 1950 <= value <= 2200:
        return full_year(value)
    return None


def _int(token: str) -> int | None:
    try:
        return cn_to_int(token)
    except ValueError:
        return None


def _month(year: int, token: str | None, part: str | None = None) -> tuple[dt.date, dt.date] | None:
    month = _int(token) if token else None
    if not month or not 1 <= month <= 12:
        return None
    first, last = MONTH_PARTS.get(part or "底", (1, None))
    end = month_end(year, month) if last is None else dt.date(year, month, last)
    return dt.date(year, month, first), end


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _add_working_days(day: dt.date, count: int) -> dt.date:
    while count > 0:
        day += dt.timedelta(days=1)
        count -= day.weekday() < 5
    return day


def _span(first: dt.date | None, last: dt.date | None, kind: str = "period") -> tuple:
    return (kind, last, first) if first and last and first <= last else None


# Each dated pattern maps a match (and the meeting date) to (kind, date, start) or None.
def _ymd_or_iso(m, meeting):
    if m.group("y3"):
        year, month, day = int(m.group("y3")), int(m.group("m3")), int(m.group("d3"))
        found = safe_date(year, month, day) if 1950 <= year <= 2200 else None
        return ("date", found, None) if found else None
    return _full_date(m, meeting)


def _full_date(m, meeting):
    if m.group("y"):
        year, month, day = _year(m.group("y")), _int(m.group("m")), _int(m.group("d"))
    else:
        year, month, day = _year(m.group("y2")), _int(m.group("m2")), _int(m.group("d2"))
    found = safe_date(year, month, day) if year and month and day else None
    return ("date", found, None) if found else None


def _date_range(m, meeting):
    year = _year(m.group("y"))
    year2 = _year(m.group("y2")) if m.group("y2") else year
    if not year or not year2:
        return None
    first = safe_date(year, _int(m.group("m")) or 0, _int(m.group("d")) or 0)
    last = safe_date(year2, _int(m.group("m2")) or 0, _int(m.group("d2")) or 0)
    return _span(first, last)


def _day_range(m, meeting):
    year, month = _year(m.group("y")), _int(m.group("m"))
    if not year or not month:
        return None
    return _span(safe_date(year, month, _int(m.group("d")) or 0), safe_date(year, month, _int(m.group("d2")) or 0))


def _month_range(m, meeting):
    year = _year(m.group("y"))
    year2 = _year(m.group("y2")) if m.group("y2") else year
    if not year or not year2:
        return None
    first, last = _month(year, m.group("m")), _month(year2, m.group("m2"))
    return _span(first[0], last[1]) if first and last else None


def _month_span(span: tuple[dt.date, dt.date] | None, part: str | None, kind: str = "date"):
    """A month (or part of one) as a span; by its end (3月底) it is a due day."""
    if not span:
        return None
    return (kind, span[1], None) if part == "底" else ("period", span[1], span[0])


def _year_month(m, meeting):
    year = _year(m.group("y"))
    return _month_span(_month(year, m.group("m"), m.group("part")) if year else None, m.group("part"))


def _year_part(m, meeting):
    year = _year(m.group("y"))
    if not year:
        return None
    part = m.group("part")
    if part in ("上半年", "下半年"):
        first = 1 if part == "上半年" else 7
        return "period", month_end(year, first + 5), dt.date(year, first, 1)
    quarter = _int(m.group("q") or "")
    if not quarter or not 1 <= quarter <= 4:
        return None
    return "period", month_end(year, quarter * 3), dt.date(year, quarter * 3 - 2, 1)


def _year_range(m, meeting):
    first, last = _year(m.group("y")), _year(m.group("y2"))
    return _span(dt.date(first, 1, 1), dt.date(last, 12, 31)) if first and last else None


def _whole_year(m, meeting):
    year = _year(m.group("y"))
    if not year:
        return None
    if m.group("end"):  # 113年底: by the last day of the year
        return "date", dt.date(year, 12, 31), None
    return "period", dt.date(year, 12, 31), dt.date(year, 1, 1)


def _month_day(m, meeting):
    if meeting is None:
        return "date", None, None
    month, day = _int(m.group("m") or m.group("m2")), _int(m.group("d") or m.group("d2"))
    found = safe_date(meeting.year, month or 0, day or 0)
    if found and found < meeting and _is_due_by(m):  # 1月20日前, written in November
        found = safe_date(meeting.year + 1, found.month, found.day)
    return ("date", found, None) if found else None


def _is_due_by(m) -> bool:
    return re.match(r"\s*(?:前|以前|之前)", m.string[m.end():]) is not None


def _this_month(m, meeting):
    """本月底, 下個月底, 本(1)月: counted from the meeting's month, so a month's
    end is relative; the whole month stays a period."""
    by = re.match(r"\s*(?:前|以前|之前|內)", m.string[m.end():])  # 本月內, 本月前: by its end
    part = m.group("part") or ("底" if by else None)
    if meeting is None:
        return ("relative" if part == "底" else "period"), None, None
    base = _add_months(meeting.replace(day=1), 1 if m.group("rel").startswith(("下", "次")) else 0)
    written = _int(m.group("m") or "")
    month = written if written and m.group("rel") == "本" else base.month
    return _month_span(_month(base.year, str(month), part), part, kind="relative")


def _bare_month(m, meeting):
    if meeting is None:
        return ("date" if m.group("part") == "底" else "period"), None, None
    span = _month(meeting.year, m.group("m"), m.group("part"))
    if span and span[1] < meeting:  # 3月底前, written in November: next March
        span = _month(meeting.year + 1, m.group("m"), m.group("part"))
    return _month_span(span, m.group("part"))


def _bare_month_list(m, meeting):
    """7、8月, 3月至5月: those months of the meeting's year, as one period.

    >>> parse_deadline("請於3月至5月辦理", dt.date(2024, 1, 5)).start
    '2024-03-01'
    """
    if meeting is None:
        return "period", None, None
    first, last = _month(meeting.year, m.group("m")), _month(meeting.year, m.group("m2"))
    return _span(first[0], last[1]) if first and last else None


def _semester_end(m, meeting):
    """本學期結束前: the end of the school term the meeting falls in (31 July for
    the spring term, February to July; 31 January for the autumn term)."""
    if meeting is None:
        return "relative", None, None
    if 2 <= meeting.month <= 7:
        return "relative", dt.date(meeting.year, 7, 31), None
    return "relative", dt.date(meeting.year + (meeting.month >= 8), 1, 31), None


def _this_month_day(m, meeting):
    """本月20日, 下個月5日: a day of the meeting's month or the next."""
    if meeting is None:
        return "date", None, None
    base = _add_months(meeting.replace(day=1), 1 if m.group("rel").startswith(("下", "次")) else 0)
    found = safe_date(base.year, base.month, _int(m.group("d")) or 0)
    return ("date", found, None) if found else None


def _this_year_month(m, meeting):
    """今年11月30日, 明年3月底, 本年6月: a month (or day) of the meeting's year
    or the next; with its month written it reads like 113年3月底."""
    if meeting is None:
        return ("date" if m.group("d") or m.group("part") == "底" else "period"), None, None
    year = meeting.year + THIS_YEAR_OFFSET[m.group("rel")]
    if m.group("d"):
        found = safe_date(year, _int(m.group("m")) or 0, _int(m.group("d")) or 0)
        return ("date", found, None) if found else None
    return _month_span(_month(year, m.group("m"), m.group("part")), m.group("part"))


def _month_end(m, meeting):
    """月底前 with no month named: the end of the meeting's month."""
    return "relative", month_end(meeting.year, meeting.month) if meeting else None, None


THIS_YEAR_OFFSET = {"本": 0, "今": 0, "明": 1, "去": -1}


def _this_year(m, meeting):
    """年底前, 本年度結束前, 明年上半年: counted from the meeting's year. The
    year's end is a relative due day; a half or the whole year is a period."""
    groups = m.groupdict()
    part = groups.get("part") or groups.get("end") or ""
    by_end = part.endswith(("底", "終", "結束", "終了", "內"))
    if meeting is None:
        return ("relative" if by_end else "period"), None, None
    year = meeting.year + THIS_YEAR_OFFSET.get(groups.get("rel") or groups.get("rel2") or "本", 0)
    if by_end:
        return "relative", dt.date(year, 12, 31), None
    if part == "上半年":
        return "period", dt.date(year, 6, 30), dt.date(year, 1, 1)
    if part == "下半年":
        return "period", dt.date(year, 12, 31), dt.date(year, 7, 1)
    return "period", dt.date(year, 12, 31), dt.date(year, 1, 1)


def _within(m, meeting):
    count, unit = _int(m.group("n")), m.group("unit")
    if m.group("n") == "半":  # 半個月內, 半年內
        count, unit = (15, "天") if unit == "月" else (6, "月") if unit == "年" else (None, unit)
    if count is None or count > 3660:
        return None
    if meeting is None:
        return "relative", None, None
    if unit in UNIT_DAYS:
        return "relative", meeting + dt.timedelta(days=count * UNIT_DAYS[unit]), None
    if unit in ("工作天", "工作日"):
        return "relative", _add_working_days(meeting, count), None
    months = count * (12 if unit == "年" else 1)
    return "relative", _add_months(meeting, months), None


def _weekday(m, meeting):
    if meeting is None:
        return "relative", None, None
    monday = meeting - dt.timedelta(days=meeting.weekday())
    if m.group("rel") in ("下", "次"):
        monday += dt.timedelta(days=7)
    weekday = WEEKDAYS[m.group("wd")] if m.group("wd") else WEEKDAYS["日"]  # 本週內: by the week's end
    return "relative", monday + dt.timedelta(days=weekday), None


def _lunar_new_year_eve(m, meeting):
    if meeting is None:
        return "date", None, None
    for year in (meeting.year, meeting.year + 1):
        new_year = lunar_new_year(year)
        if new_year and new_year > meeting:
            return "date", new_year - dt.timedelta(days=1), None
    return "date", None, None


def _new_years_eve(m, meeting):
    if meeting is None:
        return "date", None, None
    return "date", dt.date(meeting.year, 12, 31), None


DAY = rf"(?P<d>{N}){S}[日號号]"
MONTH = rf"(?P<m>{N}){S}月"
# (pattern, handler, year_only): the handler turns a match and the meeting date into
# (kind, date, start) or None; year_only phrases (113年, 110-114年) need a goal or a marker.
DATED_PATTERNS: list[tuple[re.Pattern, Callable, bool]] = [
    (re.compile(rf"{YEAR}{S}{MONTH}{S}{DAY}{RANGE}(?:(?P<y2>{N}){S}年{S})?(?P<m2>{N}){S}月{S}(?P<d2>{N}){S}[日號号]"),
     _date_range, False),
    (re.compile(rf"{YEAR}{S}{MONTH}{S}{DAY}"
                rf"|(?<!\d)(?P<y2>\d{{2,4}})\s*[/.](?P<m2>\d{{1,2}})\s*[/.](?P<d2>\d{{1,2}})(?!\d)"
                rf"|(?<!\d)(?P<y3>\d{{4}})-(?P<m3>\d{{1,2}})-(?P<d3>\d{{1,2}})(?!\d)"),
     _ymd_or_iso, False),
    (re.compile(rf"{YEAR}{S}{MONTH}{S}(?P<d>{N}){S}[日號号]?{RANGE}(?P<d2>{N}){S}[日號号]"), _day_range, False),
    (re.compile(rf"{YEAR}{S}(?P<m>{N}){S}(?:月)?{RANGE}(?:(?P<y2>{N}){S}年{S})?(?P<m2>{N}){S}月"),
     _month_range, False),
    (re.compile(rf"{YEAR}{S}{MONTH}{MONTH_PART}"), _year_month, False),
    (re.compile(rf"{YEAR}{S}(?:(?P<part>上半年|下半年)|第{S}(?P<q>{N}){S}季)"), _year_part, False),
    (re.compile(rf"(?P<y>{N})(?:{S}年(?:{S}度)?)?{RANGE}(?P<y2>{N}){S}年(?:{S}度)?"), _year_range, True),
    (re.compile(rf"{YEAR}(?:{S}年)?(?P<end>底|終)?"), _whole_year, True),
    (re.compile(rf"(?<![第\d{CN_NUMBER_CHARS}])(?P<rel>本|下個?|次)(?:{S}\(?{S}(?P<m>{N}){S}\)?)?{S}月(?:份)?{MONTH_PART}"),
     _this_month, False),
    (re.compile(rf"{MONTH}{S}{DAY}"
                rf"|(?<![\d/.])(?P<m2>\d{{1,2}})/(?P<d2>\d{{1,2}})(?![\d/])(?={S}(?:前|以前|之前|止))"),  # 3/15前
     _month_day, False),
    (re.compile(rf"(?<![第\d{CN_NUMBER_CHARS}])(?P<rel>本|下個?|次)月(?:份)?{S}{DAY}"), _this_month_day, False),
    (re.compile(rf"(?P<rel>本|今|明|去)年度?{S}{MONTH}(?:{S}{DAY}|{MONTH_PART})"), _this_year_month, False),
    (re.compile(rf"{MONTH}{S}(?P<part>底|(?:上旬|中旬|下旬|初)?(?={S}(?:前|以前|之前|止)))"), _bare_month, False),
    (re.compile(rf"(?<![每\d{CN_NUMBER_CHARS}個本下次這])月底"), _month_end, False),
    (re.compile(r"(?<![\d年/.])(?P<m>\d{1,2})\s*月?\s*[、至到~～-]\s*(?P<m2>\d{1,2})\s*月(?!\s*\d{1,2}\s*[日號])"),
     _bare_month_list, False),
    (re.compile(r"本學期(?:結束|期末)?(?=前|以前|之前|內)"), _semester_end, False),
    (re.compile(r"(?P<rel>本|今|明|去)?(?:年度?)?(?P<part>年底|年終|年度結束|年度終了|上半年|下半年)"
                r"|(?P<rel2>本|今|明)年度?(?P<end>(?:結束|終了)(?=前|以前|之前)|內)"),
     _this_year, False),
    # 今年 alone is a bare year like 113年: 今年颱風接連侵臺 says when, not by when
    (re.compile(r"(?P<rel>本|今|明)年度?"), _this_year, True),
    (re.compile(rf"(?P<n>{N}|半){S}(?:個{S})?(?P<unit>工作天|工作日|天|日|週|周|星期|禮拜|月|年)(?:{S}之)?{S}內"),
     _within, False),
    (re.compile(r"(?P<rel>下|次|本|這)(?:個)?(?:週|周|星期|禮拜)(?:(?P<wd>[一二三四五六日天])|(?=內))"), _weekday, False),
    (re.compile(r"(?:農曆)?(?:春節|過年|年節)(?=前|以前|之前)|農曆(?:新)?年(?=前|以前|之前)"), _lunar_new_year_eve, False),
    (re.compile(r"元旦(?=前|以前|之前)"), _new_years_eve, False),
]


def _squeezed_before(text: str, start: int, width: int = 6) -> str:
    """The few characters before ``start`` within its clause, spaces removed."""
    window = text[max(0, start - width * 2):start]
    for brk in CLAUSE_BREAK:
        window = window.rsplit(brk, 1)[-1]
    return re.sub(r"\s+", "", window)[-width:]


def _squeezed_after(text: str, end: int, width: int = 4) -> str:
    return re.sub(r"\s+", "", text[end:end + width * 2])[:width]


def _excluded_spans(text: str) -> list[tuple[int, int]]:
    """Quoted titles and purpose clauses (為使…，以利…): no deadline lives there.
    A quoted sentence that asks someone (an adopted 附帶決議「請衛生福利部於3個月內…」)
    is not a title."""
    spans = []
    for opener, closer in QUOTES.items():
        quoted = re.escape(opener) + "[^" + re.escape(closer) + "]*" + re.escape(closer)
        spans += [(m.start(), m.end()) for m in re.finditer(quoted, text) if not ASKING.search(m.group())]
    label = LEADING_LABEL.match(text)
    if label and not ASKING.search(label.group()):
        spans.append((0, label.end()))
    return spans + purpose_clauses(text)


def purpose_clauses(text: str) -> list[tuple[int, int]]:
    """Spans of clauses that state a purpose (為使…, 以利…, 俾利…): they ask no one
    and set no deadline.

    >>> purpose_clauses("為儘速完成進用，請各地方政府檢視")
    [(0, 7)]
    """
    return [(m.start(), m.end()) for m in re.finditer("[^" + re.escape(CLAUSE_BREAK) + "]+", text)
            if m.group().lstrip().startswith(PURPOSE_OPENERS)]


def _sentence(text: str, position: int) -> str:
    start = max(text.rfind(brk, 0, position) for brk in SENTENCE_BREAK) + 1
    ends = [e for e in (text.find(brk, position) for brk in SENTENCE_BREAK) if e >= 0]
    return text[start:min(ends) if ends else len(text)]


# A topic label heading the item (考核指標一(九)…比率：請衛生局…): it names, it does not ask.
LEADING_LABEL = re.compile(r"[^：:。；\n]{1,120}[：:]")
ASKING = re.compile(r"請|應|須|務必")
STARTS_FROM = re.compile(r"\s*(?:起|開始)")


def _dated_phrases(text: str, meeting: dt.date | None) -> list[Found]:
    """Every dated phrase, longest first where two overlap."""
    matches = []
    for order, (pattern, handler, year_only) in enumerate(DATED_PATTERNS):
        for m in pattern.finditer(text):
            matches.append((m.start(), m.start() - m.end(), order, m, handler, year_only))
    matches.sort(key=lambda t: t[:3])
    found, last_end = [], -1
    for start, _, _, m, handler, year_only in matches:
        if start < last_end:
            continue
        result = handler(m, meeting)
        if result is None:
            continue
        kind, date, begin = result
        end = m.end()
        starts_from = STARTS_FROM.match(text, end)
        if starts_from and kind == "period":  # 113年起: from then on
            kind, date, end = "ongoing", None, starts_from.end()
        found.append(Found(start, end, kind, date, begin, DATED, year_only))
        last_end = end
    return found


def _word_phrases(text: str) -> list[Found]:
    found = []
    for pattern, kind, tier in ((NEXT_MEETING, "next_meeting", NEXT), (ASAP, "asap", URGENT),
                                (RECURRING, "recurring", REPEATING), (ONGOING, "ongoing", STANDING)):
        found += [Found(m.start(), m.end(), kind, tier=tier) for m in pattern.finditer(text)]
    # 逐年 alone recurs; within a plan's term it is due at the term's end, which
    # the deck and report parsers know (extract.targets.target_deadline).
    found += [Found(m.start(), m.end(), "recurring", tier=REPEATING) for m in YEAR_BY_YEAR.finditer(text)]
    return found


def _is_past(phrase: Found, meeting: dt.date | None) -> bool:
    if meeting is None:
        return False
    if phrase.kind == "ongoing":
        return bool(phrase.begin and phrase.begin.year < meeting.year)
    return bool(phrase.date and phrase.date < meeting)


def _dropped(phrase: Found, text: str, excluded: list[tuple[int, int]]) -> bool:
    """A phrase that does not state when the item is due."""
    if any(a <= phrase.start < b for a, b in excluded):
        return True
    before, after = _squeezed_before(text, phrase.start), _squeezed_after(text, phrase.end)
    if before.endswith(HAPPENED_BEFORE) or before.endswith(NEGATED_BEFORE) or any(
            before.endswith(w + "於") for w in NEGATED_BEFORE):
        return True
    if after.startswith(ONLY_THEN_AFTER) or after.startswith(HAPPENED_AFTER) and phrase.kind == "date":
        return True
    if phrase.kind in ("date", "period") and before.endswith(UNNAMED_YEAR_BEFORE):
        return True
    if phrase.kind == "relative":
        return before.endswith(OTHER_EVENT_BEFORE) or (
            before.endswith("後") and not before.endswith(MEETING_EVENT_BEFORE))
    return False


def _is_marked(phrase: Found, text: str) -> bool:
    """Whether a bare year is governed by a future or obligation marker (於113年完工)."""
    if not phrase.year_only or phrase.kind == "ongoing":
        return True
    before, after = _squeezed_before(text, phrase.start, 3), _squeezed_after(text, phrase.end)
    return before.endswith(FUTURE_BEFORE) or after.startswith(FUTURE_AFTER)


def _adjacent(first: Found, second: Found) -> bool:
    return 0 <= second.start - first.end <= 1


def _with_pilot_start(phrase: Found, text: str, years: list[Found]) -> Found:
    """至113年 after an earlier year in the same sentence (111年試辦，至113年) spans both."""
    if not text[max(0, phrase.start - 1):phrase.start + 1].startswith(("至", "到")):
        return phrase
    sentence_start = max(text.rfind(brk, 0, phrase.start) for brk in SENTENCE_BREAK) + 1
    earlier = [y for y in years if sentence_start <= y.start < phrase.start and y.begin
               and phrase.begin and y.begin < phrase.begin]
    if not earlier:
        return phrase
    return Found(earlier[0].start, phrase.end, "period", phrase.date, earlier[0].begin)


def parse_deadline(text: str, meeting_date: dt.date | None, *, kind: str | None = None,
                   next_meeting_date: dt.date | None = None) -> Deadline:
    """The deadline stated in ``text``, counted from ``meeting_date`` where relative.

    ``kind`` is the item's kind when known: a target or milestone takes a bare
    year (112年) as its period, a retrospective target even a past one.
    ``next_meeting_date`` dates 下次會議 where the minutes announce it.

    >>> parse_deadline("請社會局於二週內提出", dt.date(2024, 3, 8)).date
    '2024-03-22'
    >>> parse_deadline("本部預計於111年1至2月召開共識會議", dt.date(2021, 12, 13)).to_json()
    {'raw': '111年1至2月', 'kind': 'period', 'date': '2022-02-28', 'start': '2022-01-01'}
    >>> parse_deadline("自治條例業於103年頒布，請各單位留意", dt.date(2023, 11, 10)).kind
    'none'
    """
    plain = to_halfwidth(text or "")
    excluded = _excluded_spans(plain)
    dated = [p for p in _dated_phrases(plain, meeting_date) if not _dropped(p, plain, excluded)]
    words = [p for p in _word_phrases(plain) if not _dropped(p, plain, excluded)]
    for word in words:
        if word.kind == "next_meeting":
            word.date = next_meeting_date
        if word.kind == "recurring":  # 自111年起每年年底: one recurring phrase from 2022
            onset = [p for p in dated if p.kind == "ongoing" and _adjacent(p, word)]
            dated = [p for p in dated if p not in onset and not word.start < p.start <= word.end + 1]
            if onset:
                word.start, word.begin = onset[0].start, onset[0].begin

    goal_stated = any(goal in _sentence(plain, p.start) for p in dated if p.year_only for goal in GOAL_WORDS)
    candidates = []
    for phrase in dated:
        if kind == "request" and phrase.year_only:
            continue  # 建請…於115年度提高補助: the budget year asked for, no deadline
        if _is_marked(phrase, plain):
            candidates.append(phrase)
        elif kind in TARGET_KINDS:
            phrase.marked = False
            candidates.append(phrase)
        elif kind is None and goal_stated:
            phrase.tier, phrase.marked = BARE, False
            candidates.append(phrase)
    current = [p for p in candidates + words if not _is_past(p, meeting_date)]
    if current:
        best = min(current, key=lambda p: (p.tier, not p.marked, p.start))
        if best.tier == DATED:
            best = _with_pilot_start(best, plain, [p for p in dated if p.year_only])
        announced = next((w for w in words if w.kind == "next_meeting" and best.kind == "date"
                          and re.fullmatch(r"\s*[（(]\s*", plain[w.end:best.start])), None)
        if announced:  # 下次局務會議（7月15日）: the next meeting, on the date it names
            close = re.match(r"\s*[）)]", plain[best.end:])
            raw = text[announced.start:best.end + (close.end() if close else 0)]
            return Deadline(raw=raw, kind="next_meeting", date=best.date.isoformat() if best.date else None)
        return best.deadline(text)
    if kind == "target":  # a retrospective target: its latest year
        years = [p for p in candidates if p.kind == "period"]
        if years:
            return max(years, key=lambda p: (p.date, -p.start)).deadline(text)
    return Deadline.none()

