"""ROC (民國) and Gregorian dates, Chinese numerals, and the few holidays a
deadline may name.

Taiwan's government writes years in the ROC era (民國 113 年 = 2024), in Arabic,
full-width or Chinese digits (一一三年, 一百十三年), and sometimes with the
Gregorian year instead. These helpers are the arithmetic underneath
:mod:`extract.deadlines`.

Example::

    >>> parse_roc_date("預訂於 113 年 3 月 8 日召開")
    datetime.date(2024, 3, 8)
    >>> cn_to_int("二十") + roc_to_gregorian(113)
    2044
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata

ROC_OFFSET = 1911

# A year above this is read as Gregorian (2024年), at or below as ROC (113年).
GREGORIAN_YEAR_FLOOR = 1911

CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "兩": 2, "两": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_NUMBER_CHARS = "".join(CN_DIGITS) + "".join(CN_UNITS) + "萬万"
# A number as written: Arabic digits or Chinese numerals, whole (not the tail of
# a longer run) and short, so that a long run of digits cannot make matching slow.
# PDFs often space out digits one by one (1 1 3 年), so single digits joined by
# single spaces are one number too.
NUMBER = (rf"(?:(?<!\d)(?<!\d )(?:\d(?: \d){{1,3}}|\d{{1,4}})(?!\d)(?! \d)"
          rf"|(?<![{CN_NUMBER_CHARS}])[{CN_NUMBER_CHARS}]{{1,8}}(?![{CN_NUMBER_CHARS}]))")

# First day of the lunar new year (春節, 正月初一), Gregorian, for the years
# deadlines are likely to name. Outside this range a holiday deadline keeps
# its raw text but gets no date.
LUNAR_NEW_YEAR = {
    2015: dt.date(2015, 2, 19), 2016: dt.date(2016, 2, 8), 2017: dt.date(2017, 1, 28),
    2018: dt.date(2018, 2, 16), 2019: dt.date(2019, 2, 5), 2020: dt.date(2020, 1, 25),
    2021: dt.date(2021, 2, 12), 2022: dt.date(2022, 2, 1), 2023: dt.date(2023, 1, 22),
    2024: dt.date(2024, 2, 10), 2025: dt.date(2025, 1, 29), 2026: dt.date(2026, 2, 17),
    2027: dt.date(2027, 2, 6), 2028: dt.date(2028, 1, 26), 2029: dt.date(2029, 2, 13),
    2030: dt.date(2030, 2, 3), 2031: dt.date(2031, 1, 23), 2032: dt.date(2032, 2, 11),
    2033: dt.date(2033, 1, 31), 2034: dt.date(2034, 2, 19), 2035: dt.date(2035, 2, 8),
}

FULLWIDTH_OFFSET = 0xFEE0


def to_halfwidth(text: str) -> str:
    """Full-width ASCII (１１３／３／８) and the ideographic space become their
    ASCII forms, and the look-alike ideographs PDFs often carry (compatibility
    ideographs such as U+F963 北, Kangxi radicals such as ⾏) become the
    ordinary ones; every other character is kept, so positions do not move.

    >>> to_halfwidth("１１３／３／８"), to_halfwidth("\uf963⾏")
    ('113/3/8', '北行')
    """
    return text.translate(HALFWIDTH)


def _halfwidth_table() -> dict[int, str]:
    table = {code: chr(code - FULLWIDTH_OFFSET) for code in range(0xFF01, 0xFF5F)}
    table[0x3000] = " "
    for low, high in ((0xF900, 0xFAFF), (0x2F00, 0x2FDF), (0x2F800, 0x2FA1F)):
        for code in range(low, high + 1):
            folded = unicodedata.normalize("NFKC", chr(code))
            if len(folded) == 1 and folded != chr(code):
                table[code] = folded
    return table


HALFWIDTH = _halfwidth_table()  # one C-level translate instead of a loop over characters


def cn_to_int(text: str) -> int:
    """An Arabic or Chinese numeral as an int. Chinese numerals may be written
    positionally (一一三) or with units (一百一十三, 十二, 兩千).

    >>> [cn_to_int(s) for s in ("113", "1 1 3", "一一三", "一百一十三", "十二", "二十", "兩萬三千")]
    [113, 113, 113, 113, 12, 20, 23000]

    Raises ValueError for text that is not a numeral.
    """
    text = re.sub(r"\s+", "", to_halfwidth(text))
    if text.isdigit():
        return int(text)
    if not text or any(ch not in CN_NUMBER_CHARS for ch in text):
        raise ValueError(f"not a numeral: {text!r}")
    if all(ch in CN_DIGITS for ch in text):
        return int("".join(str(CN_DIGITS[ch]) for ch in text))
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            section += (1 if digit is None else digit) * CN_UNITS[ch]
            digit = None
        else:  # 萬
            total += (section + (digit or 0)) * 10000
            section, digit = 0, None
    return total + section + (digit or 0)


def roc_to_gregorian(year: int) -> int:
    """The Gregorian year of an ROC year.

    >>> roc_to_gregorian(113)
    2024
    """
    return year + ROC_OFFSET


def gregorian_to_roc(year: int) -> int:
    """The ROC year of a Gregorian year.

    >>> gregorian_to_roc(2024)
    113
    """
    return year - ROC_OFFSET


def full_year(year: int) -> int:
    """A year as written (ROC or Gregorian) as a Gregorian year.

    >>> full_year(113), full_year(2024)
    (2024, 2024)
    """
    return year if year > GREGORIAN_YEAR_FLOOR else roc_to_gregorian(year)


def month_end(year: int, month: int) -> dt.date:
    """The last day of the month.

    >>> month_end(2024, 2)
    datetime.date(2024, 2, 29)
    """
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when the numbers do not make one (2月30日)."""
    try:
        return dt.date(year, month, day)
    except (ValueError, OverflowError):
        return None


def lunar_new_year(year: int) -> dt.date | None:
    """The first day of the lunar new year in Gregorian ``year``, if tabled.

    >>> lunar_new_year(2024)
    datetime.date(2024, 2, 10)
    """
    return LUNAR_NEW_YEAR.get(year)


_SEP = r"\s*"
_YMD = re.compile(
    rf"(?P<y>{NUMBER}){_SEP}年{_SEP}(?P<m>{NUMBER}){_SEP}月{_SEP}(?P<d>{NUMBER}){_SEP}[日號号]"
    rf"|(?P<y2>\d{{2,4}})\s*[/.\-]\s*(?P<m2>\d{{1,2}})\s*[/.\-]\s*(?P<d2>\d{{1,2}})(?!\d)"
)


def parse_roc_date(text: str) -> dt.date | None:
    """The first full calendar date in ``text`` (ROC or Gregorian year), or None.

    >>> parse_roc_date("113/3/8"), parse_roc_date("2024-03-08"), parse_roc_date("一一三年三月八日")
    (datetime.date(2024, 3, 8), datetime.date(2024, 3, 8), datetime.date(2024, 3, 8))
    """
    for match in _YMD.finditer(to_halfwidth(text)):
        parts = match.group("y", "m", "d") if match.group("y") else match.group("y2", "m2", "d2")
        try:
            year, month, day = (cn_to_int(p) for p in parts)
        except ValueError:
            continue
        found = safe_date(full_year(year), month, day)
        if found:
            return found
    return None


def format_roc(day: dt.date) -> str:
    """A date the way Taiwan's government writes it.

    >>> format_roc(dt.date(2024, 3, 8))
    '113年3月8日'
    """
    return f"{gregorian_to_roc(day.year)}年{day.month}月{day.day}日"
