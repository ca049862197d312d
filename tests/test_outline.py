"""Outline: numbering levels, block labels and the tree they form."""

import pytest

from extract.model import Paragraph
from extract.outline import build, chinese_number, label, numbering, remarks_speaker, speaker_name


@pytest.mark.parametrize("text, level, value", [
    ("壹、時間：112年", 1, 1),
    ("壹拾、散會", 1, 10),
    ("拾壹、臨時動議", 1, 11),
    ("一、 照案通過。", 2, 1),
    ("十二、其他", 2, 12),
    ("(一) 洽悉。", 3, 1),
    ("（三）請社會局辦理", 3, 3),
    ("（ㄧ）學會帳務", 3, 1),
    ("1. 衛生福利部保護服務司", 4, 1),
    ("2、人力進用", 4, 2),
    ("(1) 有關家庭暴力", 5, 1),
    ("（12）其他", 5, 12),
])
def test_numbering_levels(text, level, value):
    number = numbering(text)
    assert (number.level, number.value) == (level, value)


@pytest.mark.parametrize("text", ["1.1 參與人數", "2年內修畢", "112年第3次", "一般民眾", "四(二)完成"])
def test_not_numbering(text):
    assert numbering(text) is None


@pytest.mark.parametrize("text, kind, name, rest", [
    ("主席指(裁)示：", "outcome", "主席指(裁)示", ""),
    ("主席裁示:請民政局辦理", "outcome", "主席裁示", "請民政局辦理"),
    ("市長提示：請各局處配合。", "outcome", "市長提示", "請各局處配合。"),
    ("院長提示：", "outcome", "院長提示", ""),
    ("縣長裁示: 照辦", "outcome", "縣長裁示", "照辦"),
    ("決議:照案通過", "outcome", "決議", "照案通過"),
    ("決定：", "outcome", "決定", ""),
    ("議決：通過", "outcome", "議決", "通過"),
    ("案由一：前次會議決議辦理情形報告。", "case", "案由一", "前次會議決議辦理情形報告。"),
    ("案由：有關強化執業安全", "case", "案由", "有關強化執業安全"),
    ("說明：", "explanation", "說明", ""),
    ("建議：案經本部通盤研議", "proposal", "建議", "案經本部通盤研議"),
    ("確認前次會議紀錄：確認。", "confirm", "確認前次會議紀錄", "確認。"),
    ("開會日期：112年", "field", "開會日期", "112年"),
    ("散會(下午4時)", "section", "散會", "(下午4時)"),
    ("臨時動議：無", "section", "臨時動議", "無"),
])
def test_labels(text, kind, name, rest):
    found = label(text)
    assert (found.kind, found.name, found.rest) == (kind, name, rest)


@pytest.mark.parametrize("text", ["決議事項之執行情形", "建議先予公告遴選標準。", "主席致詞：略"])
def test_not_labels(text):
    assert label(text) is None


@pytest.mark.parametrize("text, name", [
    ("提案第15號", "提案第15號"), ("議案第 3 號：", "議案第3號"), ("第十二號提案", "第十二號提案"),
    ("第一案", "第一案"), ("第7案：", "第7案"), ("案號：第21號", "案號：第21號"), ("案號 8", "案號8"),
])
def test_council_case_headings(text, name):
    """Cause: a council's motion headings (提案第15號, 案號：…) were not labels,
    so they neither opened a paragraph nor a case."""
    found = label(text)
    assert (found.kind, "".join(found.name.split()), found.rest) == ("case", name, "")


@pytest.mark.parametrize("text", ["第1案、第3案解除列管。", "第2案請工務處儘速辦理。", "提案單位：民政處"])
def test_case_numbers_in_a_sentence_are_not_case_headings(text):
    found = label(text)
    assert found is None or found.kind != "case"


def test_speakers():
    assert speaker_name("勞動部") == "勞動部"
    assert speaker_name("衛生福利部心理及口腔健康司") == "衛生福利部心理及口腔健康司"
    assert speaker_name("b. 109/04/13 國立清華大學天文研究所") is None
    assert speaker_name("本部精神照護系統已介接14項資訊系統。") is None
    assert chinese_number("二十一") == 21


def tree(rows):
    return build([Paragraph(text, 1) for text in rows])


def test_outcome_block_collects_its_points_until_the_next_heading():
    [root] = tree(["陸、工作報告", "一、績效考核辦理情形", "(一) 本府提會報告。", "主席指(裁)示：",
                   "(一) 洽悉。", "(二) 請衛生局加強策進。", "二、第二期計畫工作報告", "主席指(裁)示：洽悉。"])
    first, second = root.children
    assert [c.kind for c in first.children] == ["heading", "block"]
    assert [p.text for p in first.children[1].children] == ["洽悉。", "請衛生局加強策進。"]
    assert second.children[0].text == "洽悉。"


def test_cases_blocks_and_points_at_the_level_of_the_section():
    [root] = tree(["捌、臨時動議", "案由：有關執業安全措施，提請討論。", "決議：", "一、 照案通過。",
                   "二、 請社工人力進用單位留意。", "玖、散會"][:-1])
    [case] = root.children
    assert case.kind == "case" and case.text == "有關執業安全措施，提請討論。"
    [block] = case.children
    assert [p.title for p in block.children] == ["一、照案通過。", "二、請社工人力進用單位留意。"]


def test_speaker_lines_open_blocks_in_an_open_forum():
    [root] = tree(["柒、綜合座談", "一、 集篩派中心角色？", "衛生福利部保護服務司", "本部預計於111年召開共識會議。",
                   "二、 共案機制之討論：", "1. 衛生福利部保護服務司", "現行案件可轉案。",
                   "2. 衛生福利部心理及口腔健康司", "(1) 建議地方政府加強合作。", "(2) 得轉介衛生局。", "主席",
                   "1. 請中央單位研議。"])
    one, two = root.children
    assert one.children[0].speaker == "衛生福利部保護服務司"
    assert one.children[0].text.strip() == "本部預計於111年召開共識會議。"
    speakers = [c for c in two.children if c.kind == "speaker"]
    assert [s.speaker for s in speakers] == ["衛生福利部保護服務司", "衛生福利部心理及口腔健康司", "主席"]
    assert [p.text for p in speakers[1].children] == ["建議地方政府加強合作。", "得轉介衛生局。"]
    assert [p.text for p in speakers[2].children] == ["請中央單位研議。"]


def test_unnumbered_agenda_sections_act_as_top_headings():
    roots = tree(["報告事項：", "(一) 學會帳務：結餘新台幣100元。", "討論事項：", "(一) 是否同意協辦研討會。",
                  "決議：同意。"])
    assert [r.title for r in roots] == ["報告事項", "討論事項"]
    assert roots[1].children[0].children[0].text == "同意。"


def test_remarks_heading_names_its_speaker():
    [root] = tree(["玖、謝法官珮汝整體建議及回應：", "(一) 有賴網絡單位共同合作。"])
    assert remarks_speaker(root) == "謝法官珮汝"


def test_speaker_with_colon_inside_the_agenda_but_not_in_the_header():
    roots = tree(["主席：王主任委員", "壹、綜合座談", "林委員：建議衛生局加強宣導。", "衛生局回應：遵照辦理。",
                  "主席：請衛生局依委員意見辦理。"])
    assert roots[0].kind == "text"  # the header's chair field
    assert [(c.speaker, c.text) for c in roots[1].children] == [
        ("林委員", "建議衛生局加強宣導。"), ("衛生局", "遵照辦理。"), ("主席", "請衛生局依委員意見辦理。")]


def test_labels_tolerate_leading_clutter_and_a_matters_suffix():
    assert label("“主席指示事項：").kind == "outcome"
    assert numbering("• (二) 請考核項目未達標單位報告").level == 3


def test_symbol_font_bullet_before_a_label():
    """Cause: real PDF 08 writes its outcomes as ➔討論結果：…, the arrow drawn
    in Wingdings and extracted as à; the label was not seen."""
    found = label("à討論結果：中國天文學會有意願協助編輯工作。")
    assert (found.kind, found.name) == ("outcome", "討論結果")
    assert label("● 決議：照案通過。").rest == "照案通過。"


def test_outcome_labels_without_a_head_and_with_事項():
    """Some minutes write 裁示： or 決定事項： without naming who decided."""
    assert [(label(t).kind, label(t).name) for t in ["裁示：請民政處辦理。", "決定事項：洽悉。", "市長指示事項："]] == [
        ("outcome", "裁示"), ("outcome", "決定事項"), ("outcome", "市長指示事項")]
    assert label("決議事項之執行情形") is None


def test_numbered_unit_line_followed_by_a_chair_block_is_a_heading():
    """Cause: under 參、業務報告, 一、捷運工程局 reads as a speaker; the 市長指示
    block after it closed it, so the block lost its agenda item. A unit line
    that says nothing before a label titles that unit's report."""
    tree = build([Paragraph(t, 1) for t in ["參、業務報告", "一、捷運工程局", "市長指示：", "1、請捷運工程局檢討路網。",
                                            "二、社會局", "市長指示：洽悉。"]])
    units = tree[0].children
    assert [(n.kind, n.title, [c.kind for c in n.children]) for n in units] == [
        ("heading", "一、捷運工程局", ["block"]), ("heading", "二、社會局", ["block"])]


def test_council_case_heading_collects_its_subject_proposer_and_resolution():
    """Cause: with 提案第15號 not a case label, the next heading stayed inside
    the previous motion; each numbered motion is one case holding its 案由,
    提案人 and 議決."""
    [root] = tree(["貳、討論事項", "提案第15號", "案由：建請縣府增設公共托育中心，請公決。", "提案人：林議員○○",
                   "議決：照案通過。", "提案第16號", "案由：建請縣府改善縣道坑洞，請公決。", "議決：照案通過。"])
    assert [(c.kind, c.title, c.text, c.speaker) for c in root.children] == [
        ("case", "提案第15號", "建請縣府增設公共托育中心，請公決。", "林議員○○"),
        ("case", "提案第16號", "建請縣府改善縣道坑洞，請公決。", None)]
    assert [b.text for case in root.children for b in case.children] == ["照案通過。", "照案通過。"]


def test_digit_and_closing_parenthesis_numbers_points():
    """Cause: 1) 2) 3) (plain-text exports, web pages) were not numbering, so the
    items kept their numbers in their text."""
    from extract.outline import numbering

    number = numbering("1)有關空氣品質不良日數,請空氣品質管制科研擬改善對策。")
    assert (number.value, number.rest) == (1, "有關空氣品質不良日數,請空氣品質管制科研擬改善對策。")
    assert numbering("2）請各科室隨時更新。").value == 2


def test_mayor_rulings_written_with_the_bracket_the_other_way_are_a_label():
    """Cause: 市長裁(指)示 (the bracket around 指, not 裁) was no label, so every
    point under it was lost."""
    from extract.outline import label

    found = label("市長裁(指)示：請環境保護局每週召開防疫會議。")
    assert (found.kind, found.rest) == ("outcome", "請環境保護局每週召開防疫會議。")


def test_outcome_labels_of_other_heads_and_named_holders():
    """Cause: 主任委員裁示, 執行長裁示, 林副市長裁示, 主席（副市長）裁示, 綜合結論,
    委員會決議 and 決議如下 were no labels, so the points under them were lost."""
    from extract.outline import label

    for text in ["主任委員裁示：", "主委裁示：", "執行長裁示：", "秘書長裁示：", "林副市長裁示：", "主席（副市長）裁示：",
                 "主席黃副市長裁示：", "綜合結論：", "委員會決議：", "決議如下：", "審議結果："]:
        assert label(text).kind == "outcome", text
    assert label("請林副市長裁示後辦理。") is None


def test_unnumbered_report_and_discussion_case_sections_are_headings():
    """Cause: 報告案 / 討論案 on a line of their own were not sections, so
    討論案 was glued to the end of the last point before it."""
    from extract.outline import label

    assert label("討論案").kind == "section" and label("報告案").kind == "section"
    assert label("報告案由一：…") is None or label("報告案由一：…").kind != "section"


def test_a_procedural_note_after_a_point_is_not_part_of_it():
    """（縣長另有行程先行離席，以下由李副縣長代理主持） on its own line after a
    point was joined to the point's text; a note of units stays with it."""
    tree = build([Paragraph(t, 1) for t in [
        "縣長指示：", "（一）請衛生局辦理。", "（縣長另有行程先行離席，以下由副縣長代理主持）",
        "（二）請社會處辦理。", "（工務處、社會處）"]])
    assert [p.text for p in tree[0].children if p.kind == "point"] == ["請衛生局辦理。", "請社會處辦理。\n（工務處、社會處）"]


def test_case_number_and_proposer_on_one_line_open_the_case():
    """第二案 提案單位:產業發展處 (a web page's ASCII colon, the 案由 on the next
    line) was no label: it was glued to the 決議 of the case before."""
    tree = build([Paragraph(t, 1) for t in [
        "六、討論事項", "第一案 提案單位:主計處", "案由:總預算追加減預算案,提請討論。", "決議:照案通過。(主計處)",
        "第二案 提案單位:產業發展處", "案由:自治條例修正草案,提請討論。", "決議:修正後通過。"]])
    cases = tree[0].children
    assert [(c.kind, c.speaker, c.text) for c in cases] == [
        ("case", "主計處", "總預算追加減預算案,提請討論。"), ("case", "產業發展處", "自治條例修正草案,提請討論。")]
    assert cases[0].children[0].text == "照案通過。(主計處)"


def test_a_numbered_outcome_heading_after_cases_is_not_inside_the_last_case():
    """七、市長提示 after 六、討論事項's cases was attached to the last case: a
    section heading numbered like 六、 closes its cases."""
    tree = build([Paragraph(t, 1) for t in [
        "六、討論事項", "案由:修正草案,提請討論。", "決議:修正後通過。", "七、市長提示", "請衛生局辦理。"]])
    assert [(n.kind, n.title) for n in tree[0].children] == [("case", "案由"), ("block", "七、市長提示")]


def test_a_list_of_months_is_no_outline_number():
    """7、8月高溫期間… read as point 7."""
    assert numbering("7、8月高溫期間，請衛生局加強宣導。") is None
    assert numbering("7、請衛生局加強宣導。").value == 7


def test_a_point_whose_text_opens_with_a_year_is_still_a_point():
    """2.114年度各機關資本門預算執行率… (no space after 2.) was no number, so
    point 2 was glued to point 1; 2.5億元 stays a decimal."""
    assert numbering("2.114年度各機關資本門預算執行率，請主計處提出報告。").value == 2
    assert numbering("2.5億元請主計處支應。") is None


def test_a_heads_additions_are_an_outcome_block():
    """副縣長補充： after the 縣長裁示 points was no label: its points were lost."""
    assert label("副縣長補充：").kind == "outcome"
    assert label("補充說明：").kind == "explanation"


def test_heavenly_stems_number_the_top_level():
    """考試院: 甲、報告事項 乙、討論事項 丙、院長提示 were no numbers: 乙、討論事項
    was glued to the decision before it."""
    assert [(n.level, n.value) for n in map(numbering, ["甲、報告事項", "乙、討論事項", "丙、院長提示"])] == [
        (1, 1), (1, 2), (1, 3)]
    assert numbering("甲方應於三日內改善") is None


def test_a_point_whose_text_opens_with_digits_follows_its_predecessor():
    """5.119受理派遣系統… after 4.: 5.119 alone reads as a decimal, so point 5
    was glued to point 4."""
    tree = build([Paragraph(t, 1) for t in ["局長指示：", "4.請第六大隊辦理。", "5.119受理派遣系統汰換案，請資訊室儘速驗收。"]])
    assert [(p.number.value, p.text) for p in tree[0].children] == [
        (4, "請第六大隊辦理。"), (5, "119受理派遣系統汰換案，請資訊室儘速驗收。")]


def test_a_head_with_a_bracketed_role_is_an_outcome_label():
    """伍、院長（召集人）指示 was no label: only 主席 could take a bracket."""
    assert label("院長（召集人）指示").kind == "outcome"


def test_numbered_report_cases_and_listed_proposals_are_headings():
    """報告案二：建設處「…」 and 提案第14號、第15號 were no labels: each was glued
    to the last point before it."""
    assert label("報告案二：建設處「自行車道改善辦理情形」").kind == "section"
    assert label("提案第14號、第15號").kind == "case"


def test_a_blocks_points_may_restart_the_numbering_of_its_own_heading():
    """七、部長指示： then 一、二、…七、 and 八、散會: the points, numbered like the
    block itself, were read as top headings and gave no items."""
    tree = build([Paragraph(t, 1) for t in ["七、部長指示：", "一、各單位業務報告，洽悉。", "二、請國庫署於2週內提出建議。",
                                           "八、散會：上午11時20分"]])
    assert [p.text for p in tree[0].children] == ["各單位業務報告，洽悉。", "請國庫署於2週內提出建議。"]
    assert tree[1].title.startswith("八、散會")
