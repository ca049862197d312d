"""Line cleaning (extract/clean.py): each step on real snippets, then composed."""

import re

from hypothesis import given
from hypothesis import strategies as st

from extract.clean import (
    clean,
    clean_text,
    clean_cell,
    join_spaced_digits,
    map_compatibility_ideographs,
    map_radicals,
    mask,
    remove_invisible,
    remove_running_lines,
)
from extract.model import Document, Line, Page
from extract.read import read


def pages_of(*texts_per_page, height=None):
    """Pages from lists of line texts; with ``height``, lines get boxes 20 pt apart."""
    pages = []
    for number, texts in enumerate(texts_per_page, start=1):
        lines = []
        for rank, text in enumerate(texts):
            box = None
            if height:
                top = 40 + 20 * rank if rank < len(texts) - 1 else height - 50
                box = (70.0, float(top), 500.0, float(top + 14))
            lines.append(Line(text, number, box))
        pages.append(Page(number, lines, width=595.0 if height else None, height=height))
    return pages


# --- invisible characters ------------------------------------------------------


def test_zero_width_and_soft_hyphens_are_removed():
    # As copied from a Google Docs PDF: ZWSP between words, soft hyphen at a wrap.
    assert remove_invisible("請社會局\u200b於二週內\u00ad辦理\u200d。\ufeff") == "請社會局於二週內辦理。"


@given(st.text())
def test_remove_invisible_only_removes(text):
    cleaned = remove_invisible(text)
    assert re.sub("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f]", "", text) == cleaned


# --- radicals --------------------------------------------------------------------


def test_kangxi_radicals_become_ordinary_characters():
    # Fonts in Word-made PDFs map 長, 人, 力 to Kangxi radicals; searches then fail.
    assert map_radicals("衛生福利部⾧期照顧司⼈⼒") == "衛生福利部長期照顧司人力"


def test_radical_supplement_forms_with_an_equivalent_are_mapped():
    assert map_radicals("⺠眾⻑者⻄屯區") == "民眾長者西屯區"


def test_full_width_punctuation_and_digits_survive():
    text = "決議：照案通過（第１案），請於１１３年３月８日前辦理。"
    assert clean_text(text) == text


def test_compatibility_ideographs_in_a_real_pdf_become_unified_ones():
    """Real minutes 03 draw 錄 and 北 with compatibility code points
    (U+F93F, U+F963), so 紀錄 and 臺北 were not found in their text."""
    raw = read("corpus/real-pdf/03_asroc-council-mtg-25-4_20150131.pdf")
    assert "\uf93f" in "".join(page.text for page in raw.pages)
    text = "".join(page.text for page in clean(raw).pages)
    assert "會議紀錄" in text
    assert not any("\uf900" <= char <= "\ufaff" for char in text)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",))))
def test_compatibility_mapping_touches_only_compatibility_ideographs(text):
    mapped = map_compatibility_ideographs(text)
    assert len(mapped) == len(text)
    for before, after in zip(text, mapped):
        if before != after:
            assert "\uf900" <= before <= "\ufaff" or "\U0002f800" <= before <= "\U0002fa1f"
            assert "\u3400" <= after <= "\u9fff" or after >= "\U00020000"


def test_table_cells_are_cleaned_like_lines():
    page = Page(1, [Line("表", 1)], tables=[[["紀\uf93f", None], ["⼈⼒\n第 1 6 次", "\u200b甲"]]])
    cleaned = clean(Document("a.pdf", "0" * 64, "pdf", [page])).pages[0].tables
    assert cleaned == [[["紀錄", None], ["人力\n第16次", "甲"]]]
    assert clean_cell("乙\n丙") == "乙\n丙"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",))))
def test_map_radicals_touches_only_the_radical_blocks(text):
    mapped = map_radicals(text)
    assert len(mapped) == len(text)
    for before, after in zip(text, mapped):
        if not "\u2e80" <= before <= "\u2fd5":
            assert before == after


# --- spaced digits -------------------------------------------------------------


def test_spaced_digits_right_after_a_cjk_character_are_closed_up():
    """A title like 連江縣政府1 1 2年 kept its spaces: the guard against joining
    into a longer number used \\w, which in Python also matches CJK characters."""
    assert join_spaced_digits("連江縣政府1 1 2年第 4 5 次縣務會議紀錄") == "連江縣政府112年第45次縣務會議紀錄"


def test_letter_spaced_digits_are_closed_up():
    assert join_spaced_digits("1 0 1 年度") == "101年度"
    assert join_spaced_digits("第 1 6 次會議") == "第16次會議"
    assert join_spaced_digits("中華民國 1 1 3 年 3 月") == "中華民國113年 3 月"


def test_spaces_between_whole_numbers_are_kept():
    # The gold texts keep the source's spacing: only single digits get closed up.
    for text in ("112年 11月 10日", "112年 1月至 8月", "衛生福利部 112 年 8 月 4 日", "共 3 頁"):
        assert join_spaced_digits(text) == text


def test_digits_before_latin_or_decimals_are_left_alone():
    for text in ("版本 1 2 a", "比率 0.5 1 倍"):
        assert join_spaced_digits(text) == text


@given(st.text(alphabet="0123456789 年月日次第a.,"))
def test_join_spaced_digits_only_removes_spaces(text):
    joined = join_spaced_digits(text)
    assert joined.replace(" ", "") == text.replace(" ", "")
    assert join_spaced_digits(joined) == joined


# --- running headers, footers and page numbers ---------------------------------------


def test_page_numbers_in_several_styles_are_removed():
    pages = pages_of(
        ["第 1 頁，共 3 頁", "一、報告事項"],
        ["- 2 -", "二、討論事項", "2"],
        ["三、臨時動議", "3/3"],
    )
    assert [page.text for page in remove_running_lines(pages)] == ["一、報告事項", "二、討論事項", "三、臨時動議"]


def test_deck_footer_with_changing_number_is_removed():
    slides = [[f"策略{title}", body, f"臺中市政府 {n}"] for n, (title, body) in enumerate(zip("一二三四五", "甲乙丙丁戊"), 1)]
    slides[2] = ["策略三", "丙"]  # one slide without the footer
    cleaned = remove_running_lines(pages_of(*slides, height=540))
    assert all("臺中市政府" not in page.text for page in cleaned)
    assert [page.lines[0].text for page in cleaned] == ["策略一", "策略二", "策略三", "策略四", "策略五"]


def test_letterhead_on_the_minutes_pages_only_is_removed():
    letterhead = ["中華民國天文學會", "台北市羅斯福路四段1號"]
    pages = pages_of(
        letterhead + ["第1次理監事會議紀錄", "一、時間"],
        letterhead + ["二、討論事項"],
        ["附件一 收支表", "收入"],
        ["附件二 名冊", "會員"],
        ["附件三 照片", "合照"],
    )
    cleaned = remove_running_lines(pages)
    assert [page.lines[0].text for page in cleaned] == ["第1次理監事會議紀錄", "二、討論事項", "附件一 收支表",
                                                        "附件二 名冊", "附件三 照片"]


def test_a_body_line_repeated_below_the_edge_stays():
    pages = pages_of(["第一案", "決議：照案通過。"], ["第二案", "決議：照案通過。"], ["第三案", "決議：照案通過。"])
    assert [page.text for page in remove_running_lines(pages)] == [page.text for page in pages]


def test_a_one_page_document_keeps_its_lines():
    pages = pages_of(["臺中市政府", "會議紀錄", "主席：盧市長"])
    assert remove_running_lines(pages)[0].text == "臺中市政府\n會議紀錄\n主席：盧市長"


def test_mask_ignores_numbers_and_spaces():
    assert mask("臺中市政府 13") == mask("臺中市政府2")


def test_real_deck_loses_its_footers_and_keeps_its_slide_titles():
    document = clean(read("corpus/pdf/004_301f7d8f7575e7ae.pdf"))
    text = "\n".join(page.text for page in document.pages)
    assert not re.search(r"臺中市政府\s*\d+$", text, re.M)
    assert text.count("伍、所遇困難與待中央協助事項") == 4  # as in the source text


# --- composition ---------------------------------------------------------------


def test_clean_keeps_pages_tables_and_boxes():
    page = Page(1, [Line("⼈⼒\u200b 1 0 1 年", 1, (1.0, 2.0, 3.0, 4.0))], width=10, height=20,
                tables=[[["單位", "事項"]]])
    document = clean(Document("a.pdf", "0" * 64, "pdf", [page]))
    line = document.pages[0].lines[0]
    assert line.text == "人力101年"
    assert line.bbox == (1.0, 2.0, 3.0, 4.0)
    assert document.pages[0].tables == [[["單位", "事項"]]]


def test_clean_is_idempotent_on_the_seed_pdfs():
    once = clean(read("corpus/pdf/000_cc469a30a0b85147.pdf"))
    twice = clean(once)
    assert [page.text for page in once.pages] == [page.text for page in twice.pages]
