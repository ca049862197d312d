"""ROC/Gregorian date arithmetic and Chinese numerals (extract/rocdate.py)."""

import calendar
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.rocdate import (
    cn_to_int,
    format_roc,
    full_year,
    gregorian_to_roc,
    lunar_new_year,
    month_end,
    parse_roc_date,
    roc_to_gregorian,
    safe_date,
    to_halfwidth,
)

CN = "〇一二三四五六七八九"


def chinese_units(n: int) -> str:
    """1 ≤ n < 10000 written with units, the way a clerk writes it (一百一十三)."""
    out, zero = [], False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit:
            if zero:
                out.append("零")
            out.append(CN[digit] + unit)
            zero = False
        elif out:
            zero = True
    return "".join(out)


@pytest.mark.parametrize("text, value", [
    ("113", 113), ("１１３", 113), ("一一三", 113), ("一百一十三", 113), ("一百十三", 113),
    ("十", 10), ("十二", 12), ("二十", 20), ("二十五", 25), ("兩千", 2000), ("二〇二四", 2024),
    ("一萬零五", 10005), ("兩萬三千", 23000), ("1 1 3", 113),
])
def test_cn_to_int_reads_arabic_fullwidth_and_chinese_numerals(text, value):
    assert cn_to_int(text) == value


@pytest.mark.parametrize("text", ["", "年", "三月", "abc"])
def test_cn_to_int_rejects_non_numerals(text):
    with pytest.raises(ValueError):
        cn_to_int(text)


@given(st.integers(min_value=1, max_value=9999))
def test_cn_to_int_reads_any_number_written_with_units(n):
    assert cn_to_int(chinese_units(n)) == n


@given(st.integers(min_value=0, max_value=99999))
def test_cn_to_int_reads_positional_digits(n):
    assert cn_to_int("".join(CN[int(d)] for d in str(n))) == n


@given(st.integers(min_value=1, max_value=300))
def test_roc_gregorian_round_trip(roc_year):
    assert gregorian_to_roc(roc_to_gregorian(roc_year)) == roc_year
    assert full_year(roc_year) == roc_to_gregorian(roc_year)
    assert full_year(roc_to_gregorian(roc_year)) == roc_to_gregorian(roc_year)


@given(st.dates(min_value=dt.date(1922, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_format_then_parse_gives_the_same_day(day):
    assert parse_roc_date(format_roc(day)) == day
    roc = gregorian_to_roc(day.year)
    assert parse_roc_date(f"{roc}/{day.month}/{day.day}") == day
    assert parse_roc_date(f"{roc} 年 {day.month} 月 {day.day} 日") == day
    assert parse_roc_date(day.isoformat()) == day


@given(st.integers(min_value=1912, max_value=2200), st.integers(min_value=1, max_value=12))
def test_month_end_is_the_last_day_of_the_month(year, month):
    last = month_end(year, month)
    assert (last + dt.timedelta(days=1)).day == 1
    assert last.day == calendar.monthrange(year, month)[1]


@pytest.mark.parametrize("year, last_day", [(2024, 29), (2023, 28), (2000, 29), (2100, 28)])
def test_month_end_of_february_follows_leap_years(year, last_day):
    assert month_end(year, 2).day == last_day


def test_safe_date_refuses_impossible_days():
    assert safe_date(2023, 2, 29) is None
    assert safe_date(2024, 2, 29) == dt.date(2024, 2, 29)
    assert safe_date(2024, 13, 1) is None


@pytest.mark.parametrize("text, day", [
    ("預訂於 113 年 3 月 8 日(星期五)下午 3 時", dt.date(2024, 3, 8)),
    ("中華民國一一三年四月十六日", dt.date(2024, 4, 16)),
    ("中華民國一百十三年四月十六日", dt.date(2024, 4, 16)),
    ("１１３年３月８日", dt.date(2024, 3, 8)),
    ("2024年3月8日", dt.date(2024, 3, 8)),
    ("113.03.08", dt.date(2024, 3, 8)),
    ("開會日期：1 1 2 年 8 月 2 1 日（星期一）", dt.date(2023, 8, 21)),
])
def test_parse_roc_date_reads_house_styles(text, day):
    assert parse_roc_date(text) == day


def test_spaced_digits_are_one_number_only_when_spaced_one_by_one():
    """Cause: PDFs space digits one by one (1 1 2 年); 113 年 3 月 is still three numbers."""
    assert parse_roc_date("第 3 次 1 0 1 年 1 2 月 3 日") == dt.date(2012, 12, 3)
    assert parse_roc_date("113 年 3 月 8 日") == dt.date(2024, 3, 8)


def test_parse_roc_date_skips_impossible_dates_and_plain_text():
    assert parse_roc_date("112年2月30日") is None
    assert parse_roc_date("本案照案通過") is None


@given(st.text())
def test_to_halfwidth_keeps_positions(text):
    assert len(to_halfwidth(text)) == len(text)


def test_lunar_new_year_table():
    assert lunar_new_year(2024) == dt.date(2024, 2, 10)
    assert lunar_new_year(1900) is None
