"""Layout: lines broken by page layout are re-joined into paragraphs."""

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.clean import clean
from extract.layout import display_width, join, paragraphs
from extract.model import Document, Line, Page
from extract.read import read

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def document(rows: list[str], per_page: int | None = None) -> Document:
    """A text document from rows; ``per_page`` splits the rows into pages."""
    per_page = per_page or len(rows)
    pages = []
    for start in range(0, len(rows), per_page):
        number = start // per_page + 1
        pages.append(Page(number, [Line(text, number) for text in rows[start:start + per_page]]))
    return Document("snippet.txt", "0" * 64, "txt", pages)


WRAPPED = [
    "決議：",
    "一、請民政局加強督導同仁應出席本府相關跨網絡聯繫會議，另請社會局",
    "加強與警察局等相關單位之橫向聯繫，以積極達標。",
    "二、本市社會工作人員人身安全保障自治條例業於 103 年頒布，請社",
    "工人力進用單位留意社工同仁之人身安全，並轉知人身安全通報流程、",
    "支持及救濟措施、訓練課程等資訊，以保障社工同仁權益。",
    "三、洽悉。",
]


def test_wrapped_lines_join_without_spaces_between_cjk():
    texts = [p.text for p in paragraphs(document(WRAPPED))]
    assert texts == [
        "決議：",
        "一、請民政局加強督導同仁應出席本府相關跨網絡聯繫會議，另請社會局加強與警察局等相關單位之橫向聯繫，以積極達標。",
        "二、本市社會工作人員人身安全保障自治條例業於 103 年頒布，請社工人力進用單位留意社工同仁之人身安全，"
        "並轉知人身安全通報流程、支持及救濟措施、訓練課程等資訊，以保障社工同仁權益。",
        "三、洽悉。",
    ]


def test_paragraph_keeps_page_of_first_line_and_its_lines():
    result = paragraphs(document(WRAPPED, per_page=4))
    second_point = result[2]
    assert second_point.page == 1
    assert [line.page for line in second_point.lines] == [1, 2, 2]


def test_every_numbering_style_and_label_opens_a_paragraph():
    rows = ["壹、報告事項", "一、工作報告", "（一）財務報告", "(二)人事報告", "1.經費", "2、人力", "(1)補助",
            "（2）自籌", "縣長裁示：", "主席指(裁)示：洽悉。", "院長提示:", "決議:照案通過", "案由一：預算案"]
    assert [p.text for p in paragraphs(document(rows))] == rows


def test_short_speaker_line_after_a_sentence_that_filled_its_line():
    """Cause: in 003 the question 五 ends exactly at the margin, and the answering
    ministry (勞動部) on its own line was glued to the question."""
    rows = [
        "五、策略四本市無自辦就業服務站，如有涉及就業媒合業務，必須轉介至嘉義",
        "就業中心，對民眾僅能提供宣導、諮詢服務或職業訓練，如有轉介對象給就",
        "業中心，難以追蹤後續辦理情形，建請能同意本市自辦就業服務站，俾利推展。",
        "勞動部",
        "1. 本署於嘉義市設有嘉義就業中心，並於嘉義縣各鄉鎮設置13個就業服務台。",
    ]
    texts = [p.text for p in paragraphs(document(rows))]
    assert texts[1] == "勞動部"
    assert len(texts) == 3


def test_numbering_wrapped_mid_sentence_is_not_a_new_point():
    """Cause: an indicator reference such as (三) can fall at the start of a
    wrapped line; it continues the sentence unless it follows the numbering."""
    rows = [
        "(一) 考核指標四完成層級性專業訓練共通性課程訓練比率、考核指標四之",
        "(三)完成層級性專業訓練所屬策略課程訓練比率，請業務單位預為準備並",
        "於下次會議提出檢討報告。",
        "(二) 請民政局加強督導同仁出席相關會議，並請社會局加強與警察局等",
        "相關單位之橫向聯繫，以積極達標。",
        "(三) 請教育局提醒受邀學校務必出席參與相關會議。",
    ]
    texts = [p.text for p in paragraphs(document(rows))]
    assert len(texts) == 3
    assert texts[0].endswith("於下次會議提出檢討報告。")


def test_council_case_heading_after_a_full_line_opens_a_paragraph():
    """Cause: in hard-wrapped council minutes the heading 提案第8號 followed a
    議決 line that ran to the margin without a full stop and was glued to its
    end (…送交議事組彙整轉送提案第8號)."""
    rows = [
        "議決：照案通過，函請縣政府農業處會同水利處研議辦理，並於下次定期會",
        "提出書面報告；議會同仁如有意見，請於會後以書面送交議事組彙整轉送",
        "提案第8號",
        "案由：建請縣府編列預算補助各鄉鎮市辦理農路及排水溝渠改善工程，請公決。",
        "提案人：陳議員○○",
    ]
    texts = [p.text for p in paragraphs(document(rows))]
    assert texts[1:] == rows[2:]


def test_one_paragraph_per_line_text_is_not_joined():
    rows = ["會議紀錄", "主席：王主任委員", "請各局處配合辦理相關事項，並於下次會議提出報告，以利追蹤管考。",
            "洽悉。", "請秘書處彙整各單位意見後簽陳核定。", "本案照案通過，由研考會列管。",
            "各區公所應於年度結束前完成轄內老舊建物之清查作業，並將結果函送都發局彙整。", "散會。"]
    assert [p.text for p in paragraphs(document(rows))] == rows


def test_latin_words_keep_a_space_digits_do_not():
    assert join("SDM", "training") == "SDM training"
    assert join("第1110010592", "1號令") == "第11100105921號令"
    assert display_width("決議: OK") == 8


def test_real_pdf_point_joined_across_a_page_break():
    """The fifth chair directive of seed 000 runs from page 1 onto page 2 of the PDF
    (read and cleaned as the pipeline does, so the page footer is gone)."""
    result = paragraphs(clean(read(CORPUS / "pdf" / "000_cc469a30a0b85147.pdf")))
    [point] = [p for p in result if p.text.startswith("(五) 考核指標四")]
    assert point.page == 1
    assert {line.page for line in point.lines} == {1, 2}
    assert "請業務單位預為準備。" in point.text


CJK = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), min_size=40, max_size=200)


@settings(max_examples=50, deadline=None)
@given(sentences=st.lists(CJK, min_size=2, max_size=5), width=st.integers(min_value=15, max_value=30))
def test_hard_wrapped_numbered_points_rejoin_to_their_text(sentences, width):
    """Wrapping numbered points at any width and re-joining gives the points back."""
    points = [f"{n}. {s}。" for n, s in enumerate(sentences, start=1)]
    rows = []
    for point in points:
        rows += [point[i:i + width] for i in range(0, len(point), width)]
    texts = [p.text for p in paragraphs(document(rows))]
    assert texts == points


def test_web_page_clutter_around_minutes_is_dropped():
    """Minutes copied from a government site carry breadcrumbs, page controls,
    publication metadata and footer links; none of them is part of the text."""
    rows = [":::", "首頁 > 本院會議 > 院會議案 > 會議決定", "現在位置：首頁 > 市政資訊 > 市政會議紀錄", "分享 列印 回上一頁", "字級 小 中 大", "行政院第3875次會議",
            "發布日期：112-11-16", "決定：洽悉。", "請各部會列印名冊備查。", "相關附件", "回到頁首 網站導覽 隱私權政策"]
    assert [p.text for p in paragraphs(document(rows))] == ["行政院第3875次會議", "決定：洽悉。", "請各部會列印名冊備查。"]


def test_compatibility_ideographs_read_as_the_ordinary_ones():
    """Cause: PDFs 03–06 draw 參 and 錄 with compatibility code points (U+F96B,
    U+F93F), so 參、 opened no heading and 紀錄 matched no label."""
    texts = [p.text for p in paragraphs(document(["\uf96b、討論事項", "會議紀\uf93f："]))]
    assert texts == ["參、討論事項", "會議紀錄："]


def test_header_field_without_colon_after_a_full_title_line_starts_a_paragraph():
    """A legislature's header (時　　間　中華民國…, no colon) under a long title: the
    title filled its line, so the field was taken as its continuation and the
    meeting lost its date, time and place."""
    from extract.model import Document, Line, Page

    rows = ["立法院第11屆第1會期社會福利及衛生環境委員會第12次全體委員會議紀錄",
            "時\u3000\u3000間\u3000中華民國113年4月10日（星期三）上午9時",
            "地\u3000\u3000點\u3000本院紅樓202會議室"]
    doc = Document("x.txt", "0" * 64, "txt", [Page(1, [Line(t, 1) for t in rows])])
    assert [p.text for p in paragraphs(doc)] == rows


def test_rows_of_a_table_typed_as_text_stay_apart_and_wrapped_rows_join():
    """項次｜裁示事項｜權責單位｜完成期限 reached the margin, so the row 一｜… under
    it was joined to it; a row opens with its number or a header word, while
    the second line of a wrapped row (管 |) continues it."""
    rows = [("一、前次會議列管事項辦理情形如下表，請各單位參閱並依限辦理完畢後回報。", 545),
            ("項次｜裁示事項｜權責單位｜完成期限｜備註｜辦理情形｜列管建議｜其他", 545), ("一｜整備工作肯定｜—｜—", 200),
            ("| 1 | 請空噪科於8月底前完成工地揚塵稽查專案 | 空噪科 | 已完成 | 解除列", 545), ("管 |", 80)]
    lines = [Line(text, 1, bbox=(50.0, 100.0 + 20 * i, right, 112.0 + 20 * i)) for i, (text, right) in enumerate(rows)]
    page = Page(1, lines, width=595.0, height=842.0)
    texts = [p.text for p in paragraphs(Document("t.pdf", "0" * 64, "pdf", [page]))]
    assert texts[1:] == ["項次｜裁示事項｜權責單位｜完成期限｜備註｜辦理情形｜列管建議｜其他", "一｜整備工作肯定｜—｜—",
                         "| 1 | 請空噪科於8月底前完成工地揚塵稽查專案 | 空噪科 | 已完成 | 解除列管 |"]


def test_in_a_text_file_a_line_ending_a_sentence_ends_its_paragraph():
    """院長提示： then one paragraph per line (a web page copied as text): lines
    of similar length reached the usual edge and were joined into one point; a
    line cut mid-sentence still joins the next."""
    rows = ["院長提示：",
            "今年7月颱風及豪雨造成中南部多處嚴重災情，感謝各地方政府同仁第一時間投入搶救。",
            "災後復建工作刻不容緩，請內政部會同經濟部於1個月內完成復建經費之審核並督促地方政府。",
            "受災農民紓困方面，請農業部及經濟部持續追蹤紓困貸款撥付情形，每月以書面向本院報告進度",
            "並副知本院主計總處。"]
    assert [p.text for p in paragraphs(document(rows))][1:] == [
        rows[1], rows[2], rows[3] + rows[4]]
