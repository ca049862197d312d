"""Minutes: items from outcome blocks, speakers, cases and report text, in several house styles."""

from pathlib import Path

import docx
from hypothesis import given
from hypothesis import strategies as st
import pytest

from extract import extract
from extract.layout import paragraphs
from extract.minutes import asks, is_acknowledgement, is_request_case, parse_minutes, remark_kind, tracking_of
from extract.model import Document, Line, Page

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def minutes(rows: list[str]):
    doc = Document("snippet.txt", "ab" * 32, "txt", [Page(1, [Line(text, 1) for text in rows])])
    return parse_minutes(doc, paragraphs(doc))


def summary(items):
    return [(i.kind, i.speaker_or_source, i.text) for i in items]


def test_mayor_remarks_with_trailing_units():
    _, items = minutes([
        "臺北市政府113年第1次市政會議紀錄", "時間：113年1月5日上午9時", "主席：蔣市長萬安",
        "壹、報告事項", "一、交通局報告：捷運路網建設進度", "市長提示：",
        "(一)洽悉。", "(二)請加速推動捷運萬大線第二期工程，並定期回報進度。（捷運局）",
        "(三)請研議公車路線調整方案，於二週內提出。（交通局、民政局）",
    ])
    assert summary(items) == [
        ("noted", "市長", "洽悉。"),
        ("directive", "市長", "請加速推動捷運萬大線第二期工程，並定期回報進度。（捷運局）"),
        ("directive", "市長", "請研議公車路線調整方案，於二週內提出。（交通局、民政局）"),
    ]
    assert items[1].section == "壹、報告事項 > 一、交通局報告"
    assert items[1].agenda_item == "交通局報告"
    assert items[2].source_text == "(三)請研議公車路線調整方案，於二週內提出。（交通局、民政局）"


def test_premier_and_county_magistrate_with_ascii_colons():
    _, items = minutes([
        "行政院第3880次會議議事錄", "開會日期:112.11.10", "主席:陳院長建仁",
        "討論事項", "一、內政部擬具「地方制度法」部分條文修正草案案。", "決議:照案通過，送請立法院審議。",
        "院長提示:", "1.請各部會落實執行，並於一個月內提出檢討報告。", "2.本案辛苦了，特予肯定。",
        "縣長裁示: 請民政處會同財政處儘速辦理。",
    ])
    assert summary(items) == [
        ("resolution", "決議", "照案通過，送請立法院審議。"),
        ("directive", "院長", "請各部會落實執行，並於一個月內提出檢討報告。"),
        ("noted", "院長", "本案辛苦了，特予肯定。"),
        ("directive", "縣長", "請民政處會同財政處儘速辦理。"),
    ]


def test_decisions_with_tracking_and_a_request_case():
    meeting, items = minutes([
        "強化社會安全網政策溝通平臺第14次專案會議紀錄", "時間：112年1月7日（星期六）上午9時30分",
        "壹、 報告案", "案由一：前次會議決議辦理情形報告。（報告單位：衛生福利部社會及家庭署）", "決定：",
        "一、 洽悉。", "二、 第1案、第2案、第3案解除列管；請各地方政府指派人員參訓。",
        "三、 第4案繼續列管，請心健司儘速提供聯繫窗口。",
        "貳、 討論案", "案由一：建請貴部儘速介接精神照護資訊管理系統。（提案單位：法務部矯正署）",
        "決議：請心健司及法務部矯正署儘速完成系統介接。",
    ])
    assert [(i.kind, i.tracking, i.tracked_refs) for i in items[:3]] == [
        ("noted", None, []), ("decision", "解除列管", [1, 2, 3]), ("decision", "繼續列管", [4])]
    request, resolution = items[3:]
    assert (request.kind, request.speaker_or_source, request.text) == ("request", "法務部矯正署", "建請貴部儘速介接精神照護資訊管理系統。")
    assert resolution.agenda_item == request.text and resolution.kind == "resolution"
    assert meeting.date == "2023-01-07"


def test_open_forum_answers_are_classified_by_what_they_say():
    _, items = minutes([
        "某某行政輔導團會議紀錄", "時間：110年12月13日下午2時至4時",
        "柒、 綜合座談：", "一、 建請協助整合資訊系統。", "衛生福利部心理及口腔健康司",
        "本部刻正優化資訊系統，期未來能呈現完整家戶資訊。",
        "二、 人力招募之困境：", "衛生福利部社會及家庭署",
        "1. 訂定各地方政府每年度人員進用率須達85%之標準。",
        "2. 倘仍有疑義，得於本部召開之討論會議提出。",
        "3. 本部預計於111年1至2月召開共識會議。",
        "4. 請嘉義市政府依核定本員額編列。",
    ])
    assert [(i.kind, i.speaker_or_source) for i in items] == [
        ("request", None), ("milestone", "衛生福利部心理及口腔健康司"),
        ("target", "衛生福利部社會及家庭署"), ("noted", "衛生福利部社會及家庭署"),
        ("milestone", "衛生福利部社會及家庭署"), ("directive", "衛生福利部社會及家庭署"),
    ]
    assert items[1].agenda_item == "建請協助整合資訊系統。"


def test_report_text_gives_targets_and_milestones_only_and_the_next_meeting_date():
    meeting, items = minutes([
        "臺中市推動會報112年第3次會議紀錄", "時間：112年11月10日下午3時",
        "陸、工作報告：", "一、績效考核辦理情形",
        "(一) 衛生福利部函公布年度中央政府對直轄市與縣(市)政府執行強化社會安全",
        "網績效考核實施計畫，本府自評檢核表各項指標執行進度提會報告。",
        "(二) 請考核項目未達標單位報告策進作為及具體改善情形，並由業務單位",
        "彙整各單位書面資料，於會後一併送秘書單位備查。",
        "二、臺中市推動會報113年第1次會議",
        "預訂於 113 年 3 月 8 日(星期五)下午 3 時，於本府市政大樓惠中樓 901 會議",
        "室辦理。", "主席指(裁)示：洽悉。", "三、年度目標",
        "本市112年社工人力進用率目標值為 85%，然達 100%始得滿分，請各網絡單位",
        "共同努力達標。",
    ])
    assert [(i.kind, i.speaker_or_source) for i in items] == [
        ("milestone", "工作報告"), ("noted", "主席"), ("target", "工作報告")]
    assert meeting.next_meeting_date == "2024-03-08"


def test_proposal_block_gives_requests_and_plans_but_not_explanations():
    _, items = minutes([
        "某平臺會議紀錄", "伍、 臨時動議",
        "案由二：有關分級訓練之課程採認一案，提請討論。（提案單位：臺北市政府社會局）",
        "說明：", "一、依據衛生福利部函訂定實施計畫，本部規劃於112年起辦理。",
        "建議：", "一、請衛福部同意社工跨轄參訓。", "二、另查考核對象不合理，建請以111年12月底在職人員為考核對象。",
        "決議：", "一、 請各地方政府積極進用各類專業人力。",
    ])
    assert summary(items) == [
        ("request", "臺北市政府社會局", "請衛福部同意社工跨轄參訓。"),
        ("request", "臺北市政府社會局", "另查考核對象不合理，建請以111年12月底在職人員為考核對象。"),
        ("resolution", "決議", "請各地方政府積極進用各類專業人力。"),
    ]


def test_confirmation_and_remarks_heading_are_noted():
    _, items = minutes([
        "某會議紀錄", "貳、 確認前次會議紀錄：確認。",
        "玖、王委員整體建議及回應：", "(一) 各項制度架構好，將可事半功倍。",
    ])
    assert summary(items) == [("noted", "確認", "確認。"), ("noted", "王委員", "各項制度架構好，將可事半功倍。")]


def test_item_ids_are_stable_and_distinct():
    rows = ["某會議紀錄", "壹、討論事項", "決議：", "一、照案通過。", "二、請秘書處辦理。"]
    first, second = minutes(rows)[1], minutes(rows)[1]
    assert [i.id for i in first] == [i.id for i in second]
    assert len({i.id for i in first}) == 2


def test_classifier_helpers():
    assert is_acknowledgement("見會議手冊，洽悉。") and not is_acknowledgement("洽悉，請辦理。")
    assert not asks("有關建請本部同意自設就業服務站1節，縣市政府可依規定自行評估設置。")
    assert asks("另有關資訊完整度1節，建請建立專責窗口。")
    assert remark_kind("地方政府業務費若有不足，得以公益彩券盈餘支應。") == "noted"
    assert tracking_of("第2案持續列管") == ("繼續列管", [2])


def test_forum_remarks_written_speaker_colon_text():
    _, items = minutes([
        "某某委員會會議紀錄", "時間：113年5月2日", "參、綜合座談", "林委員：本案成效良好，特予肯定。",
        "主席：請衛生局依委員意見於下次會議提出檢討報告。",
    ])
    assert summary(items) == [
        ("noted", "林委員", "本案成效良好，特予肯定。"),
        ("directive", "主席", "請衛生局依委員意見於下次會議提出檢討報告。"),
    ]


def test_board_minutes_from_a_real_pdf_give_one_resolution_per_motion():
    """A learned society's board minutes (pdfplumber, letterhead on every page):
    each 討論事項 motion is followed by 決議：…; the last motion sets the next meeting."""
    record = extract(CORPUS / "real-pdf" / "01_asroc-council-mtg-26-3_20171202.pdf")
    resolutions = [i for i in record.items if i.kind == "resolution"]
    assert len(resolutions) == 10
    assert all(i.section.startswith("貳、討論事項 > （") for i in resolutions)
    assert resolutions[0].text == "同意依往例協助辦理。"
    assert resolutions[0].agenda_item.startswith("是否同意協辦")
    assert not any("散會" in i.text for i in record.items)
    assert record.meeting.session == "第26屆第3次" and record.meeting.date == "2017-12-02"


def test_inline_outcomes_without_a_resolution_label():
    """Cause: 07's board minutes write outcomes in prose under each motion
    (無異議通過, 先擱置) with no 決議 label; they are resolutions."""
    _, items = minutes([
        "某學會理監事會議紀錄", "時間：2023年10月6日",
        "2、 討論事項：", "1. 是否建立官方電子公文系統", "電子公文系統需要每年約數萬元使用費，並不划算。先擱置。",
        "2. 是否增加管理費", "目前天文學會管理費為8%，物理學會是10%。", "無異議通過漲為10%。",
    ])
    assert summary(items) == [
        ("resolution", "決議", "電子公文系統需要每年約數萬元使用費，並不划算。先擱置。"),
        ("resolution", "決議", "無異議通過漲為10%。"),
    ]


def test_next_meeting_date_announced_in_a_resolution():
    meeting, _ = minutes(["某學會理監事會議紀錄", "時間：106年7月7日下午3時", "參、臨時動議：",
                          "(一) 下次理監事會議日期。", "決議：暫定106年9月15日（星期五）19:00。"])
    assert meeting.next_meeting_date == "2017-09-15"


COUNTY_STYLE = """花蓮縣政府113年第5次縣務會議紀錄
開會時間:113年5月6日(星期一)上午9時
主持人:徐縣長榛蔚             紀錄:王小明
壹、主持人致詞:(略)
貳、上次會議決議事項執行情形:
第1案、第2案解除列管,第3案繼續列管。
參、業務報告:
一、建設處:
(一)花東快速公路規劃進度。
縣長裁示:
1.請建設處會同交通處持續與中央溝通,於6月底前提出評估報告。
2.洽悉。
肆、提案討論:
第一案
提案單位:民政處
案由:為辦理本縣113年度區域聯防演練,提請討論。
說明:依據災害防救法辦理。
辦法:擬請各鄉鎮市公所配合辦理。
決議:照案通過,請各鄉鎮市公所配合辦理。
伍、臨時動議:無
陸、散會:上午11時30分"""


def test_county_style_with_case_number_proposer_and_tracking_on_separate_lines():
    """ASCII commas and colons, 第一案 / 提案單位 / 案由 on separate lines, and a
    tracking statement written without a 決定 label: one noted item per status
    it states (as three annotators of a fresh set split such sentences)."""
    meeting, items = minutes(COUNTY_STYLE.splitlines())
    assert [(i.kind, i.text, i.tracking, i.tracked_refs) for i in items[:2]] == [
        ("noted", "第1案、第2案解除列管,", "解除列管", [1, 2]), ("noted", "第3案繼續列管。", "繼續列管", [3])]
    assert summary(items[2:]) == [
        ("directive", "縣長", "請建設處會同交通處持續與中央溝通,於6月底前提出評估報告。"),
        ("noted", "縣長", "洽悉。"),
        ("resolution", "決議", "照案通過,請各鄉鎮市公所配合辦理。"),  # 辦法 is the proposal, not a request
    ]
    assert items[-1].section == "肆、提案討論 > 第一案"
    assert items[-1].agenda_item == "為辦理本縣113年度區域聯防演練,提請討論。"
    assert (meeting.chair, meeting.recorder, meeting.end_time) == (["徐縣長榛蔚"], "王小明", "11:30")


def test_next_meeting_deadline_takes_the_announced_date():
    _, items = minutes([
        "臺中市推動會報112年第3次會議紀錄", "時間：112年11月10日下午3時", "陸、工作報告：",
        "一、毒品防制工作報告", "主席指(裁)示：請警察局於下次會議提出專案報告。",
        "二、臺中市推動會報113年第1次會議", "預訂於 113 年 3 月 8 日(星期五)下午 3 時辦理。",
    ])
    directive = items[0]
    assert (directive.deadline.kind, directive.deadline.date) == ("next_meeting", "2024-03-08")


@pytest.mark.parametrize("pdf", sorted((CORPUS / "real-pdf").glob("*.pdf")), ids=lambda p: p.name[:2])
def test_real_minutes_pdfs_give_a_dated_meeting_and_well_formed_items(pdf):
    """Nine real minutes from seven PDF producers (one with doubled glyphs)."""
    record = extract(pdf)
    assert record.meeting.date is not None
    assert len({i.id for i in record.items}) == len(record.items)
    for item in record.items:
        assert item.text.strip() and item.source_text
        assert item.kind != "noted" or not item.responsible_units


# House styles other than the seeds': short documents in tests/fixtures/house_styles,
# read through the whole pipeline (reader, cleaner, layout, parser).
STYLES = Path(__file__).resolve().parent / "fixtures" / "house_styles"


def kinds(items):
    return [(i.kind, i.speaker_or_source, i.text) for i in items]


def test_executive_yuan_decision_page_with_site_clutter():
    record = extract(STYLES / "executive_yuan_decision_page_with_clutter.txt")
    meeting = record.meeting
    assert (meeting.title, meeting.body, meeting.session, meeting.date) == (
        "行政院第3902次會議", "行政院", "第3902次", "2024-05-23")
    assert (meeting.chair, meeting.end_time) == (["卓院長榮泰"], "11:20")
    assert kinds(record.items) == [
        ("noted", "決定", "洽悉。"),
        ("decision", "決定", "請經濟部會同國家科學及技術委員會於本年6月底前完成用電尖峰應變演練。"),
        ("directive", "院長", "穩定供電攸關民生與產業發展，請經濟部持續掌握機組檢修進度。"),
        ("directive", "院長", "國家發展委員會協調各部會於一個月內提出節能宣導方案。"),
        ("noted", "決定", "准予備查。"),
        ("resolution", "決議", "通過，函請立法院審議。"),
    ]
    assert not any(word in item.text for item in record.items for word in ("首頁", "列印", "相關附件", "瀏覽"))


def test_taipei_city_meeting_with_mayor_remarks_ascii_colons_and_trailing_units():
    record = extract(STYLES / "taipei_city_meeting_mayor_remarks_ascii_colons.txt")
    assert (record.meeting.body, record.meeting.session, record.meeting.start_time) == (
        "臺北市政府市政會議", "第2265次", "09:30")
    assert [(i.kind, i.speaker_or_source) for i in record.items] == [
        ("noted", "確認"), ("noted", "市長"), ("directive", "市長"), ("directive", "市長"), ("directive", "市長"),
        ("resolution", "決議")]
    resolution = record.items[-1]
    assert resolution.agenda_item == "「臺北市公園管理自治條例」修正草案,提請討論。"
    assert resolution.section == "參、討論事項 > 案由一"


def test_county_affairs_meeting_with_magistrate_rulings_and_spaced_digits():
    record = extract(STYLES / "county_affairs_meeting_magistrate_rulings.txt")
    meeting = record.meeting
    assert (meeting.title, meeting.body, meeting.session, meeting.date) == (
        "澎湖縣政府113年第12次縣務會議紀錄", "澎湖縣政府縣務會議", "113年第12次", "2024-06-17")
    assert kinds(record.items) == [
        ("noted", "前次會議縣長裁示事項執行情形", "第2案、第4案解除列管，"),
        ("noted", "前次會議縣長裁示事項執行情形", "第1案、第3案繼續列管。"),
        ("directive", "縣長", "請農漁局協調建設處，於7月31日前完成漁港清淤。"),
        ("directive", "縣長", "各鄉市公所每週將颱風整備情形陳報本府。"),
        ("noted", "縣長", "本案洽悉。"),
        ("directive", "縣長", "請社會處於年底前完成長者共餐據點評鑑，並由民政處協助。"),
        ("resolution", "決議", "照案通過，由旅遊處函請交通部補助。"),
    ]
    assert record.items[-1].agenda_item == "建請中央增撥離島交通補助經費案。"


def test_bureau_meeting_with_chair_rulings_and_a_tracking_table_written_as_text():
    record = extract(STYLES / "bureau_meeting_tracking_table.txt")
    assert record.meeting.body == "高雄市政府環境保護局局務會議"
    rows, rulings = record.items[:2], record.items[2:]
    assert [(i.kind, i.text, i.tracking, i.tracked_refs) for i in rows] == [
        ("noted", "請空噪科於8月底前完成工地揚塵稽查專案", "解除列管", [1]),
        ("noted", "請廢管科研擬夜市廢棄物減量措施", "繼續列管", [2]),
    ]
    assert rows[0].section == "五、前次會議列管事項辦理情形"
    assert [i.kind for i in rulings] == ["directive", "directive", "noted"]


def test_tracking_table_read_as_a_table_from_a_pdf():
    """The same bureau minutes printed to PDF by Chromium (``chromium --headless
    --print-to-pdf`` of bureau_meeting_tracking_table.html): the table's rows
    come from pdfplumber's ruled table, and its cells, also read as text
    lines (養工科 已完成), give no items of their own."""
    record = extract(STYLES / "bureau_meeting_tracking_table.pdf")
    assert [(i.kind, i.text, i.tracking, i.tracked_refs) for i in record.items[:2]] == [
        ("noted", "請空噪科於8月底前完成工地揚塵稽查專案", "解除列管", [1]),
        ("noted", "請廢管科研擬夜市廢棄物減量措施", "繼續列管", [2]),
    ]
    assert record.items[0].section == "五、前次會議列管事項辦理情形" and record.items[0].page == 1
    assert [i.kind for i in record.items[2:]] == ["directive", "directive", "noted"]


def test_tracking_table_read_as_a_table_from_a_word_file(tmp_path):
    """A Word table gives a line per cell as well as a table; the cells (主辦單位,
    科 names) must not become speakers or report points."""
    document = docx.Document()
    for text in ["某市政府社會局113年第3次局務會議紀錄", "時間：113年3月4日上午9時", "主席：王局長", "一、前次會議列管事項"]:
        document.add_paragraph(text)
    table = document.add_table(rows=3, cols=4)
    for r, row in enumerate([["編號", "列管事項", "主辦單位", "列管建議"],
                             ["1", "請社工科完成個案訪視", "社工科", "解除列管"],
                             ["2", "請老人福利科研擬共餐計畫", "老人福利科", "建議繼續列管"]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("二、主席裁示：請社工科加強督導。")
    document.save(tmp_path / "bureau.docx")

    record = extract(tmp_path / "bureau.docx")

    assert [(i.kind, i.text, i.tracking, i.tracked_refs) for i in record.items] == [
        ("noted", "請社工科完成個案訪視", "解除列管", [1]),
        ("noted", "請老人福利科研擬共餐計畫", "繼續列管", [2]),
        ("directive", "請社工科加強督導。", None, []),
    ]


def test_city_council_motions_are_titles_and_their_resolutions_the_items():
    record = extract(STYLES / "city_council_resolved_motions.txt")
    assert (record.meeting.body, record.meeting.session) == ("新竹市議會", "第11屆第4次定期大會第6次")
    assert kinds(record.items) == [
        ("resolution", "議決", "照案通過，送請市政府研處。"),
        ("resolution", "議決", "修正通過。"),
    ]
    assert record.items[0].agenda_item == "為改善本市北區停車供給不足，建請市府增設立體停車場案。"


def test_legislative_committee_resolutions_and_interim_motion():
    record = extract(STYLES / "legislative_committee_resolutions.txt")
    meeting = record.meeting
    assert (meeting.body, meeting.session, meeting.chair) == (
        "立法院社會福利及衛生環境委員會全體委員會議", "第11屆第1會期第5次", ["林委員○○"])
    assert kinds(record.items) == [
        ("noted", "決議", "報告及質詢完畢。"),
        ("resolution", "決議", "委員質詢未及答復部分，請勞動部於二週內以書面答復。"),
        ("resolution", "決議", "審查完竣，須交由黨團協商。"),
        ("resolution", "決議", "照案通過。"),
    ]
    assert record.items[0].agenda_item == "邀請勞動部部長列席報告業務概況，並備質詢。"
    motion = record.items[-1]
    assert motion.agenda_item == "請勞動部於3個月內提出外送員職業安全保障方案。"  # without 提案人：…
    assert motion.section == "臨時提案 > （一）請勞動部於3個月內提出外送員職業安全保障方案。"


# Regressions found by the held-out check of other house styles.


def test_tracking_statement_under_a_section_heading_is_a_noted_item_per_status():
    """Cause: under 一、上次會議縣長裁示事項辦理情形： the statement
    第1案、第3案解除列管，第2案繼續列管。 was split into one decision per
    status; it acknowledges earlier items (noted). Kept whole at first, it is
    now one noted item per status clause, as three annotators of a fresh set
    wrote such sentences."""
    _, items = minutes(["某縣政府縣務會議紀錄", "時間：112年8月21日", "一、上次會議縣長裁示事項辦理情形：",
                        "第1案、第3案解除列管，第2案繼續列管。"])
    assert [(i.kind, i.text, i.tracking, i.tracked_refs) for i in items] == [
        ("noted", "第1案、第3案解除列管，", "解除列管", [1, 3]), ("noted", "第2案繼續列管。", "繼續列管", [2])]


def test_tracking_statement_written_on_the_heading_line_leaves_the_title_out():
    """Cause: a heading 一、上次會議裁示事項：第1案解除列管。 gave its title as
    part of the item's text."""
    _, items = minutes(["某局局務會議紀錄", "一、上次會議裁示事項：第1案解除列管。", "二、業務報告"])
    assert [(i.kind, i.text, i.tracked_refs) for i in items] == [("noted", "第1案解除列管。", [1])]


def test_unit_subject_with_an_action_verb_under_a_chair_block_is_a_directive():
    """Cause: under 縣長裁示, 各鄉公所每月將農漁損情形函報本府。 has no 請
    and was classified noted; a unit told to act is an instruction. A unit's
    work praised (社會局辦理情形良好) stays noted."""
    _, items = minutes(["某縣政府縣務會議紀錄", "一、業務報告", "縣長裁示：", "1.各鄉公所每月將農漁損情形函報本府。",
                        "2.社會局辦理情形良好，予以肯定。", "3.本府已完成改善。"])
    assert [i.kind for i in items] == ["directive", "noted", "noted"]


def test_a_motion_title_is_the_agenda_item_not_a_request():
    """Cause: 臨時動議 案由：建請中央補助離島醫療後送經費案。 became a request
    of its proposer; a 案由 ending in 案 names the motion, and its 決議 is the
    follow-up. A 案由 written as the request itself (建請貴部…。) still is one."""
    _, items = minutes(["某縣政府縣務會議紀錄", "一、臨時動議", "案由：建請中央補助離島醫療後送經費案。（提案單位：衛生福利局）",
                        "決議：照案通過。", "二、討論事項", "案由：建請貴部評估增補人力。（提案單位：新北市政府衛生局）",
                        "決議：請社家署研議。"])
    assert [(i.kind, i.agenda_item) for i in items] == [
        ("resolution", "建請中央補助離島醫療後送經費案。"), ("request", "建請貴部評估增補人力。"),
        ("resolution", "建請貴部評估增補人力。")]


TAINAN_STYLE = [
    "臺南市政府第805次市政會議紀錄", "時間：113年5月14日（星期二）上午9時", "主席：黃市長偉哲",
    "貳、報告事項", "一、民政局報告：全民防衛動員演習辦理情形。", "市長裁示：", "一、請民政局會同警察局於演習前完成交通管制規劃。",
    "二、工務局報告：汛期道路維護情形。", "市長裁示：洽悉，請工務局持續辦理。",
    "參、討論事項", "一、民政局提：「臺南市區里調整自治條例」草案，提請審議。", "決議：照案通過，送請市議會審議。",
]


def test_chair_points_numbered_like_the_agenda_headings():
    """Cause: a 市長裁示 block numbered 一、 under the heading 一、民政局報告：…
    was lifted out of it (as after report points), and with one point the next
    heading 二、工務局報告：… would have been taken for its second point."""
    _, items = minutes(TAINAN_STYLE)
    assert [(i.section, i.text) for i in items[:2]] == [
        ("貳、報告事項 > 一、民政局報告", "請民政局會同警察局於演習前完成交通管制規劃。"),
        ("貳、報告事項 > 二、工務局報告", "洽悉，請工務局持續辦理。"),
    ]


def test_motion_heading_opening_with_its_proposer():
    """Cause: 一、民政局提：「…」草案，提請審議。 gave 民政局提 as the agenda item;
    the proposer is 民政局 and the agenda item the motion."""
    _, items = minutes(TAINAN_STYLE)
    resolution = items[-1]
    assert resolution.agenda_item == "「臺南市區里調整自治條例」草案，提請審議。"
    assert resolution.section == "參、討論事項 > 一、「臺南市區里調整自治條例」草案，提請審議。"


CHINESE_DIGITS = "一二三四五六七八九"


@given(first=st.integers(min_value=1, max_value=8), span=st.integers(min_value=1, max_value=8),
       status=st.sampled_from(["解除列管", "繼續列管"]), arabic=st.booleans())
def test_case_ranges_in_tracking_statements(first, span, status, arabic):
    """第1至3案 / 第一至三案 name every case of the range."""
    last = min(first + span, 9)
    spell = str if arabic else lambda n: CHINESE_DIGITS[n - 1]
    assert tracking_of(f"第{spell(first)}至{spell(last)}案{status}。") == (status, list(range(first, last + 1)))


def test_a_units_points_under_a_work_report_are_report_text_not_remarks():
    """Cause: under 二、業務報告, (一)社會處 reads as a speaker, and each of its
    report points (本市托育補助已於9月撥付完竣。) became a noted remark; a
    unit's report gives items only for plans, targets and tracking."""
    _, items = minutes(["嘉義市政府113年第10次市務會議紀錄", "時間:113年10月7日上午9時", "二、業務報告", "(一)社會處",
                        "1.本市托育補助已於9月撥付完竣。", "2.預計於11月15日辦理銀髮博覽會。"])
    assert [(i.kind, i.speaker_or_source, i.text) for i in items] == [("milestone", "社會處", "預計於11月15日辦理銀髮博覽會。")]


def test_unnumbered_sentences_of_a_chair_block_on_a_web_page():
    """Cause: a web page's 院長提示: is followed by unnumbered paragraphs, one
    instruction each, which were joined into one item (and one deadline)."""
    _, items = minutes(["行政院第3910次會議", "日期:113年7月18日", "一、國家發展委員會報告「淨零轉型推動情形」", "院長提示:",
                        "淨零轉型是國家重要政策,請國家發展委員會持續督導各部會推動,並定期檢討執行成效.",
                        "另請經濟部於8月底前提出方案.", "散會:中午12時"])
    assert [(i.kind, i.text) for i in items] == [
        ("directive", "淨零轉型是國家重要政策,請國家發展委員會持續督導各部會推動,並定期檢討執行成效."),
        ("directive", "另請經濟部於8月底前提出方案.")]
    assert items[0].agenda_item == "國家發展委員會報告「淨零轉型推動情形」"


def test_resolution_points_numbered_like_the_motion_heading():
    """Cause: under 一、審查…草案案。 the 決議 points 一、二、 were lifted out of
    the motion (as a block after report points is), losing its agenda item."""
    _, items = minutes(["立法院某委員會第5次全體委員會議紀錄", "討論事項", "一、審查「職業安全衛生法部分條文修正草案」案。", "決議：",
                        "一、審查完竣，擬具審查報告，提報院會討論。", "二、院會討論前，須交由黨團協商。",
                        "二、審查「勞動基準法部分條文修正草案」案。", "決議：另定期繼續審查。"])
    assert [(i.agenda_item, i.text) for i in items] == [
        ("審查「職業安全衛生法部分條文修正草案」案。", "審查完竣，擬具審查報告，提報院會討論。"),
        ("審查「職業安全衛生法部分條文修正草案」案。", "院會討論前，須交由黨團協商。"),
        ("審查「勞動基準法部分條文修正草案」案。", "另定期繼續審查。"),
    ]


def test_numbered_points_run_together_on_one_web_page_line():
    """Cause: web pages may write 決定：(一)洽悉。(二)請內政部… on one line; the
    points were one item (noted and actionable text together)."""
    _, items = minutes(["行政院第3910次會議", "日期:113年7月18日", "一、內政部報告「社會住宅興辦進度」",
                        "決定：(一)洽悉。(二)請內政部於1.5個月內提出加速方案。"])
    assert [(i.kind, i.text) for i in items] == [("noted", "洽悉。"), ("decision", "請內政部於1.5個月內提出加速方案。")]


# Regressions found by the second held-out check (bureau, council and premier styles).


def test_numbered_tracking_points_under_a_previous_rulings_heading():
    """Cause: under 壹、前次會議…裁示事項辦理情形, numbered points stating how an
    earlier case went before its status (列管事項第3案，…辦理完竣，解除列管。)
    gave no items: the status did not follow the case number directly. Each is
    a noted item with its tracking and the case it names; a point that also
    asks stays actionable."""
    _, items = minutes(["某市政府工務局113年第6次局務會議紀錄", "時間：113年6月3日上午9時", "主席：陳局長",
                        "壹、上次會議局長裁示事項執行情形", "一、列管事項第3案，業經養護工程科於5月20日完成改善，解除列管。",
                        "二、列管事項第4案，刻正辦理招標作業，建議繼續列管。",
                        "三、第5案請新建工程科於6月底前完成驗收，持續列管。", "貳、業務報告"])
    assert [(i.kind, i.tracking, i.tracked_refs) for i in items] == [
        ("noted", "解除列管", [3]), ("noted", "繼續列管", [4]), ("directive", "繼續列管", [5])]
    assert items[0].text == "列管事項第3案，業經養護工程科於5月20日完成改善，解除列管。"
    assert items[0].section == "壹、上次會議局長裁示事項執行情形"


def test_tracking_points_titled_with_their_case_number():
    """The same statements written ``第N案：how it went，status。`` (the second
    one also reads as a 第N案 case heading): one noted item each, in the
    section of the previous rulings, not nested under the first point."""
    _, items = minutes(["某市政府社會局113年第4次局務會議紀錄", "時間：113年4月8日", "壹、前次會議列管事項辦理情形",
                        "一、列管事項第1案：社會救助科已辦理完竣，解除列管。", "二、第2案：刻正辦理中，繼續列管。",
                        "貳、宣讀上次會議紀錄：無異議確認。"])
    assert [(i.kind, i.tracking, i.tracked_refs, i.section) for i in items] == [
        ("noted", "解除列管", [1], "壹、前次會議列管事項辦理情形"), ("noted", "繼續列管", [2], "壹、前次會議列管事項辦理情形"),
        ("noted", None, [], "貳、宣讀上次會議紀錄")]


def test_a_status_after_another_cases_progress_names_only_its_own_case():
    """The gap between a case and its status may not run over another case:
    第1案已完成，第2案解除列管 releases case 2 only."""
    assert tracking_of("第1案刻正辦理中，第2案已完成，解除列管。") == ("解除列管", [2])


def test_section_heading_with_an_outcome_written_inline():
    """Cause: 壹、報告事項：宣讀…會議紀錄，無異議，紀錄確定。 gave nothing — the
    outcome closes a sentence, so it was not read as an acknowledgement; an
    inline 照案通過 under 討論事項： is a resolution. The section title is
    not part of either item."""
    _, items = minutes(["某縣政府113年第5次縣務會議紀錄", "時間：113年5月6日上午9時", "主席：王縣長",
                        "壹、報告事項：宣讀第4次會議紀錄，與會人員無異議，紀錄確定。",
                        "貳、討論事項：「某縣公園管理自治條例」草案，照案通過。", "參、臨時動議：無。"])
    assert [(i.kind, i.text) for i in items] == [
        ("noted", "宣讀第4次會議紀錄，與會人員無異議，紀錄確定。"), ("resolution", "「某縣公園管理自治條例」草案，照案通過。")]
    assert is_acknowledgement("經與會人員確認，准予備查。") and not is_acknowledgement("照案通過，准予備查。")


COUNCIL = STYLES / "county_council_numbered_motions.txt"


def test_council_case_headings_close_the_previous_motion():
    """Cause: 提案第16號 was no case heading, so it was glued to the end of the
    previous 議決 (…研議辦理。提案第16號) and its motion merged into the
    previous one; each numbered motion is its own section."""
    record = extract(COUNCIL)
    resolutions = [i for i in record.items if i.kind == "resolution"]
    assert [(i.text, i.section) for i in resolutions] == [
        ("照案通過，函請縣政府社會處研議辦理。", "貳、討論事項 > 提案第15號"),
        ("照案通過，送請縣政府工務處於一個月內改善。", "貳、討論事項 > 提案第16號")]


def test_a_motion_put_to_the_vote_is_the_title_of_its_resolution():
    """Cause: a councillor's 案由：建請縣府…，請公決。 became a request; a 案由
    ending in a formula putting it to the meeting (請公決, 提請審議...) is the
    agenda item's title and its 議決 the item. A unit's case put to an
    advisory meeting (…建議…，提請討論。（提案單位：某市政府社會局）) still asks."""
    record = extract(COUNCIL)
    assert [i.kind for i in record.items] == ["noted", "resolution", "resolution"]
    assert record.items[1].agenda_item == "建請縣府於沿海各鄉鎮增設公共托育中心，以減輕年輕家庭育兒負擔，請公決。"
    _, items = minutes(["某某政策溝通平臺第3次會議紀錄", "時間：113年3月8日", "一、討論案",
                        "案由：建議建立跨縣市個案轉銜機制，提請討論。（提案單位：某市政府社會局）", "決議：請社家署研議。"])
    assert [(i.kind, i.speaker_or_source) for i in items] == [("request", "某市政府社會局"), ("resolution", "決議")]


@pytest.mark.parametrize("subject", ["建請縣府增設路燈，提請大會公決。", "建請市府檢討公車路網，請審議。",
                                     "建議縣府補助農機具購置，敬請 核議案。", "懇請市府增設公共托育中心，請公決"])
def test_motion_formulas_put_by_a_member_or_no_one_are_titles(subject):
    assert not is_request_case(subject, "王議員○○") and not is_request_case(subject, None)
    assert is_request_case(subject, "某縣政府農業處")


def test_council_meeting_header_units_and_deadline():
    """The council fixture end to end: the session keeps 定期會, the body is
    the council, and 縣政府工務處 is the county's bureau."""
    record = extract(COUNCIL)
    assert (record.kind, record.meeting.body, record.meeting.session) == ("minutes", "嘉義縣議會", "第20屆第7次定期會第12次")
    last = record.items[-1]
    assert [u.canonical for u in last.responsible_units] == ["嘉義縣政府工務處"]
    assert (last.deadline.kind, last.deadline.date) == ("relative", "2024-12-05")


def test_a_chair_point_with_a_topic_and_a_supervising_bureau_stays_a_directive():
    """Seen in the held-out check and right: under 市長提示： a numbered point
    opening with its topic (道路挖掘管理請…) and naming who supervises (由工務局
    負責督導) is one directive to both."""
    _, items = minutes(["高雄市政府第350次市政會議紀錄", "時間：113年6月4日上午9時", "主席：陳市長其邁", "壹、報告事項",
                        "一、工務局報告：道路品質提升計畫", "市長提示：",
                        "一、道路挖掘管理請各管線單位確實遵守規定，由工務局負責督導。", "二、請水利局於汛期前完成側溝清疏。"])
    assert [(i.kind, i.speaker_or_source) for i in items] == [("directive", "市長"), ("directive", "市長")]
    assert [(u.canonical, u.role) for u in items[0].responsible_units] == [
        ("各管線單位", "lead"), ("高雄市政府工務局", "assist")]


def test_first_point_on_the_label_line_keeps_the_following_points():
    """Cause: 決議: (1) …, with (2) on the next line (board minutes): the block's
    text was the numbered first point, so (1) stayed in the item's text and (2)
    was not taken as a point of the block and was lost."""
    _, items = minutes(["某學會第1次理監事會議紀錄", "時間：102年1月19日下午2時", "貳、討論事項", "(一)年會規劃事宜。",
                        "決議: (1) 大會海報請陳理事負責，於1月31日前完成。", "(2) 請李理事於2月20日前發出通告。"])
    assert [i.text for i in items] == ["大會海報請陳理事負責，於1月31日前完成。", "請李理事於2月20日前發出通告。"]


def test_an_approval_that_assigns_a_lead_unit_is_actionable():
    """Cause: 主席結論：同意修正轉介流程，由社會局主政，教育局、衛生局協辦，於…前完成…
    was read as an acknowledgement-like outcome (no 請, no unit opening the
    sentence), so the item lost its units and deadline; 由X主政 assigns X."""
    _, items = minutes(["桃園市政府專案會議紀錄", "開會時間：113年3月12日下午2時", "陸、討論事項：", "案由一：轉介流程精進案。",
                        "主席結論：", "1、同意修正轉介流程，由社會局主政，教育局、衛生局協辦，於113.4.30前完成流程圖修訂。"])
    assert items[0].kind != "noted"
    assert [u.canonical for u in items[0].responsible_units] == ["桃園市政府社會局", "桃園市政府教育局", "桃園市政府衛生局"]
    assert items[0].deadline.date == "2024-04-30"


def test_a_report_proposing_to_release_a_case_is_a_tracking_statement():
    """Cause: 上次會議列管第3案（…）已完成，建請解除列管。 — 建請 before the status and
    the 上次會議 prefix kept it from being read as a status statement; it became a
    directive with no unit instead of releasing case 3."""
    _, items = minutes(["新竹縣政府113年第10次縣務會議紀錄", "時間：113年3月18日上午9時", "壹、上次會議裁示事項執行情形報告",
                        "一、交通旅遊處報告：上次會議列管第3案（公車路線調整）已完成，建請解除列管。"])
    assert [(i.kind, i.tracking, i.tracked_refs) for i in items] == [("noted", "解除列管", [3])]


def test_bare_conclusion_is_a_decision_on_a_report_and_a_resolution_on_a_proposal():
    """Cause: a block labelled 結論 (no 主席) was read as a chair's directive;
    it is the meeting's outcome, like 決定 on a report and 決議 on a proposal."""
    _, items = minutes(["衛生福利部諮詢會議紀錄", "時間：113年7月2日下午2時", "二、報告案：長照服務據點布建情形", "結論：",
                        "（一）請長期照顧司於會後二週內提供資料。", "三、討論案：長照人力培訓計畫修正案", "結論：",
                        "（一）請長期照顧司研議調整方案。"])
    assert [i.kind for i in items] == ["decision", "resolution"]


def test_head_remarks_nested_in_a_decision_point_are_the_heads_directives():
    """行政院's 決定：(一)准予備查。(二)院長提示：1.…2.…: the premier's points
    came out as one decision item opening with 院長提示; each is a directive."""
    _, items = minutes([
        "行政院第3900次會議紀錄", "時間：113年10月17日上午9時", "主席：陳院長",
        "報告事項", "一、內政部報告「汛期整備」", "決定：", "（一）准予備查。", "（二）院長提示：",
        "1.請內政部會同經濟部於3個月內完成檢討。", "2.請主計總處儘速核撥復建經費。",
    ])
    assert summary(items) == [
        ("noted", "決定", "准予備查。"),
        ("directive", "院長", "請內政部會同經濟部於3個月內完成檢討。"),
        ("directive", "院長", "請主計總處儘速核撥復建經費。"),
    ]


def test_a_point_that_only_introduces_sub_points_gives_the_sub_points():
    """立法院: 決議：(四)通過主決議2項：1.…2.… — the lead-in is no item, its
    sub-points are the resolutions."""
    _, items = minutes([
        "立法院經濟委員會會議紀錄", "時間：113年10月30日上午9時", "主席：張召集委員",
        "討論事項", "一、審查總預算案。", "決議：", "（一）照列。", "（二）通過主決議2項：",
        "1.請經濟部於一個月內提出書面報告。", "2.請經濟部水利署於114年6月30日前完成檢討。",
    ])
    assert [(i.kind, i.text) for i in items][1:] == [
        ("resolution", "請經濟部於一個月內提出書面報告。"),
        ("resolution", "請經濟部水利署於114年6月30日前完成檢討。"),
    ]


def test_a_point_stating_a_goal_or_a_plan_before_its_ask_is_a_target_or_milestone():
    """Three annotators of a fresh set marked 114年…以1,000萬人次為目標，請觀光署…
    a target (due with its year) and …工程預計於114年6月底完工，請公路局… a
    milestone: what is followed up is the goal or the plan, not the ask."""
    _, items = minutes([
        "交通部部務會報紀錄", "時間：114年3月10日上午9時", "主席：部長",
        "部長指示：", "（一）114年來臺旅客以1,000萬人次為目標，請觀光署每月檢討。",
        "（二）西濱快速公路改善工程預計於114年6月底完工，請公路局掌握施工進度。",
        "（三）請公路局於6月底前完成改善。",
    ])
    assert [(i.kind, i.deadline.kind, i.deadline.date) for i in items] == [
        ("target", "period", "2025-12-31"), ("milestone", "date", "2025-06-30"), ("directive", "date", "2025-06-30")]


def test_a_point_asking_a_higher_authority_is_a_request():
    """建請中央…, 函請農業部… in a 決議 or a chair's block ask the central
    government: requests. A unit told to write (由旅遊處函請交通部補助), a unit
    asked first (請業務單位評估是否建請中央…) and the body's own head are not."""
    _, items = minutes([
        "彰化縣議會定期會議事錄", "時間：113年12月2日上午9時", "主席：議長",
        "討論事項", "一、水稻救助案。", "決議：", "（一）照案通過，函請農業部儘速修正救助辦法。",
        "（二）照案通過，由農業處函請農業部補助。", "（三）請業務單位評估是否建請中央調整人力。",
        "（四）建請理事長儘速發出邀請函。",
    ])
    assert [i.kind for i in items] == ["request", "resolution", "resolution", "resolution"]


def test_next_meeting_announced_in_a_closing_heading_dates_next_meeting_deadlines():
    """伍、下次會報：訂於113年10月28日… (or a point 下次部務會報訂於…召開) was
    not read: only a report heading with the date in its children was."""
    meeting, items = minutes([
        "新竹市政府局處首長會報紀錄", "時間：113年10月14日上午9時", "主席：市長",
        "壹、市長指示事項：", "1、請主計處於下次會報提出審議進度。",
        "貳、下次會報：訂於113年10月28日（星期一）上午9時召開。",
    ])
    assert meeting.next_meeting_date == "2024-10-28"
    assert (items[0].deadline.kind, items[0].deadline.date) == ("next_meeting", "2024-10-28")


def test_a_dated_plan_in_a_report_paragraph_is_the_sentence_that_states_it():
    """A work report listing facts and then a plan (…已完成全數檢修；萬年溪護岸
    工程預計於113年6月底前完工。) gave the whole paragraph as the milestone; the
    item is the plan's clause, as annotators of a fresh set wrote it."""
    _, items = minutes([
        "屏東縣政府縣務會議紀錄", "時間：113年5月20日上午9時", "主席：縣長",
        "壹、業務報告", "一、水利處報告：本縣移動式抽水機已完成全數檢修；萬年溪排水護岸改善工程預計於113年6月底前完工。",
    ])
    assert [(i.kind, i.text) for i in items] == [("milestone", "萬年溪排水護岸改善工程預計於113年6月底前完工。")]


def test_a_numbered_report_point_ending_in_a_unit_note_is_a_sentence():
    """2、…繼續列管，請於下次會報報告開工期程。（工務處）was skipped: the point
    did not end in 。 because of the trailing note of units."""
    _, items = minutes([
        "新竹市政府局處首長會報紀錄", "時間：113年10月14日上午9時", "主席：市長",
        "貳、上次會報市長指示事項辦理情形：", "1、第39次會報市長指示事項第1項已辦理完竣，同意解除列管。",
        "2、第39次會報市長指示事項第2項工程尚在發包，繼續列管，請於下次會報報告開工期程。（工務處）",
    ])
    assert [i.tracking for i in items] == ["解除列管", "繼續列管"]


def test_tracking_table_typed_as_text_takes_its_cases_from_the_subject_column():
    """編號｜案由｜主辦單位｜執行情形｜擬辦: the longest cell was taken as the case,
    which here is the 執行情形 (已於5月20日修復完竣。), not the case itself."""
    _, items = minutes([
        "南投縣埔里鎮公所113年第5次主管會報紀錄", "一、時間：113年6月3日上午9時", "三、主席：鎮長",
        "六、上次會議決議事項執行情形：", "編號｜案由｜主辦單位｜執行情形｜擬辦",
        "1｜中正路人行道破損修復案｜建設課｜已於5月20日修復完竣，經會勘通過。｜解除列管",
        "2｜公有零售市場攤位租金催繳案｜財政課｜已寄發催繳通知，尚有3攤未繳。｜繼續列管，下次會報報告辦理情形",
    ])
    assert [(i.text, i.tracking, i.tracked_refs) for i in items] == [
        ("中正路人行道破損修復案", "解除列管", [1]), ("公有零售市場攤位租金催繳案", "繼續列管", [2])]
    # the open case keeps the unit its row names (主辦單位)
    assert [u.canonical for u in items[1].responsible_units] == ["南投縣埔里鎮公所財政課"]


def test_an_assignment_line_under_a_point_gives_its_units_not_its_text():
    """主辦機關：數位發展部；協辦機關：內政部 on the line after a 會議結論 point
    was read as a proposer label: it closed the block, and every later point
    became a heading with no item."""
    _, items = minutes([
        "國家發展委員會跨部會專案會議紀錄", "一、時間：114年1月22日上午10時", "三、主席：副主任委員",
        "七、會議結論：", "1. 「數位憑證皮夾」預計114年6月上線，請數位發展部依期程完成建置。",
        "主辦機關：數位發展部；協辦機關：內政部", "2. 請衛生福利部於114年3月31日前完成欄位標準化。",
    ])
    assert [i.text for i in items] == ["「數位憑證皮夾」預計114年6月上線，請數位發展部依期程完成建置。",
                                       "請衛生福利部於114年3月31日前完成欄位標準化。"]
    assert [(u.canonical, u.role) for u in items[0].responsible_units] == [("數位發展部", "lead"), ("內政部", "assist")]


def test_chair_announcement_is_an_outcome_block():
    """主席宣告：…請市政府於二週內以書面答復 (a council's close of questioning)
    was glued to the question before it; 主席宣布：散會。 is no item."""
    _, items = minutes([
        "臺中市議會定期會議事錄", "時間：113年11月26日上午9時", "主席：議長",
        "參、市政總質詢", "一、林議員質詢：空污監測站設置進度。（環境保護局局長答復）",
        "主席宣告：本日總質詢時間已屆，未及答復部分，請市政府於二週內以書面答復各質詢議員。",
        "主席宣布：散會。",
    ])
    assert summary(items) == [("directive", "主席", "本日總質詢時間已屆，未及答復部分，請市政府於二週內以書面答復各質詢議員。")]


def test_a_duty_table_after_the_points_assigns_their_units_and_deadlines():
    """宜蘭縣: 縣長裁示 points, then 裁示事項權責分工表： 項次｜裁示事項｜權責單位｜完成期限
    rows. The table was glued to the last point's text; its rows give each
    point its units and deadline."""
    _, items = minutes([
        "宜蘭縣災害防救會報113年第2次會議紀錄", "一、時間：113年9月20日上午9時30分", "三、主席：縣長",
        "六、報告事項", "（一）颱風整備工作報告", "縣長裁示：",
        "一、整備工作辛苦，予以肯定。", "二、避難收容處所耐震評估，請於10月底前完成。",
        "三、排水瓶頸段改善工程，請加速辦理。",
        "裁示事項權責分工表：", "項次｜裁示事項｜權責單位｜完成期限", "一｜整備工作肯定｜—｜—",
        "二｜耐震評估｜社會處（主辦）、建設處（協辦）｜113年10月31日", "三｜排水瓶頸段改善｜水利資源處｜下次會報",
    ])
    assert [(i.text, [(u.canonical, u.role) for u in i.responsible_units], i.deadline.kind, i.deadline.date)
            for i in items if i.kind != "noted"] == [
        ("避難收容處所耐震評估，請於10月底前完成。", [("宜蘭縣政府社會處", "lead"), ("宜蘭縣政府建設處", "assist")],
         "date", "2024-10-31"),
        ("排水瓶頸段改善工程，請加速辦理。", [("宜蘭縣政府水利資源處", "lead")], "next_meeting", None),
    ]


def test_inline_points_opening_with_a_number_after_the_marker_do_not_crash():
    """Cause: 1. 115年度… lost its space once split from its marker; re-joined
    (1.115年度…) it no longer matched a numbering pattern and inline_points
    raised StopIteration, failing the whole file."""
    _, items = minutes([
        "花蓮縣吉安鄉公所鄉務會議紀錄", "一、時間：115年2月24日上午8時30分", "三、主席：鄉長",
        "八、鄉長指示事項：", "（一）民政課：1. 115年度全民防衛動員演練請於月底前完成規劃。2. 請民政課加強里鄰訪視。",
    ])
    assert len(items) == 2


def test_unnumbered_paragraphs_ending_in_a_unit_note_are_one_point_each():
    """A web page's 市長裁示: with paragraphs ending 。(工務處) was one item:
    the paragraphs did not end in 。 because of the note of units."""
    _, items = minutes([
        "基隆市政府113年第26次市政會議紀錄", "一、時間:113年7月1日(星期一)上午9時30分", "三、主席:市長",
        "五、報告事項", "(二)專案報告:防汛整備執行情形(工務處)", "市長裁示:",
        "請工務處於7月12日前完成側溝清淤。(工務處)", "請工務處一個月內評估增購抽水機。(工務處、主計處)",
    ])
    assert [i.text for i in items] == ["請工務處於7月12日前完成側溝清淤。(工務處)", "請工務處一個月內評估增購抽水機。(工務處、主計處)"]


def test_rider_resolutions_and_a_heads_summing_up_open_outcome_blocks():
    """附帶決議： after 決議：照案通過。 was glued to it (its points lost their
    label), and 陸、部長綜合指示： was a heading whose points gave no items."""
    _, items = minutes([
        "桃園市都市計畫委員會第52次會議紀錄", "一、時間：113年9月27日下午2時", "三、主席：主任委員",
        "參、審議案", "第一案：「變更中壢都市計畫案」", "決議：照案通過。", "附帶決議：",
        "（一）請桃園市政府都市發展局會同交通局於二個月內補充交通影響評估資料。",
        "陸、部長綜合指示：", "(1) 請秘書處每月統計陳情案件辦理情形。",
    ])
    assert summary(items) == [
        ("resolution", "決議", "照案通過。"),
        ("resolution", "決議", "請桃園市政府都市發展局會同交通局於二個月內補充交通影響評估資料。"),
        ("directive", "部長", "請秘書處每月統計陳情案件辦理情形。"),
    ]


def test_a_case_with_its_status_on_a_line_of_its_own_is_a_tracking_item():
    """第1案：…（工務處） / 辦理情形：… / 解除列管 gave no item: the status
    stood alone on its line, with no case number before it."""
    _, items = minutes([
        "新竹縣政府縣務會議紀錄", "時間：115年11月10日上午9時", "主席：縣長",
        "貳、上次會議縣長指示事項辦理情形：", "第1案：竹北市人行道改善工程，請工務處於10月底前完成驗收。（工務處）",
        "辦理情形：已於115年10月27日完成驗收。", "解除列管",
        "第2案：低窪地區排水改善，請工務處提報中央補助計畫。（工務處）", "辦理情形：審查中。", "繼續列管",
    ])
    assert [(i.text, i.tracking, i.tracked_refs) for i in items] == [
        ("竹北市人行道改善工程，請工務處於10月底前完成驗收。（工務處）", "解除列管", [1]),
        ("低窪地區排水改善，請工務處提報中央補助計畫。（工務處）", "繼續列管", [2])]


def test_directives_grouped_under_a_unit_are_that_units_when_they_name_no_one():
    """八、局長指示事項： / （一）運輸規劃科 / 1.請於二週內彙整…: the points ask no
    one by name; the unit they are grouped under is the one asked."""
    _, items = minutes([
        "桃園市政府交通局114年第36次局務會議紀錄", "一、時間：114年9月8日上午9時30分", "三、主席：局長",
        "八、局長指示事項：", "（一）運輸規劃科", "1. 委託案期中報告，請於二週內彙整各區公所意見後提送審查委員會。",
        "2. 請會同桃園市政府捷運工程局研擬接駁路網調整方案。",
    ])
    assert [[(u.canonical, u.role) for u in i.responsible_units] for i in items] == [
        [("桃園市政府交通局運輸規劃科", "lead")], [("桃園市政府交通局運輸規劃科", "lead")]]


def test_the_chair_opening_the_sitting_is_no_item():
    """主席宣告：出席議員已達法定人數，宣告開會。 opens the sitting; it came out as a noted item."""
    _, items = minutes(["屏東縣議會定期會議事錄", "時間：114年5月20日上午9時", "主席：議長",
                        "主席宣告：出席議員已達法定人數，宣告開會。"])
    assert items == []


def test_an_ask_naming_no_one_under_a_units_report_asks_that_unit():
    """二、經濟部部長報告…，並備質詢 / 決定：(二)委員質詢未及答復部分，請以書面答復:
    no unit is named, but the ministry reporting is the one asked."""
    _, items = minutes([
        "立法院經濟委員會全體委員會議紀錄", "時間：113年10月30日上午9時", "主席：張召集委員",
        "報告事項", "二、經濟部部長報告114年度總預算案編列情形，並備質詢。", "決定：", "（一）報告及質詢完畢。",
        "（二）委員質詢未及答復部分，請以書面答復。",
    ])
    assert [u.canonical for u in items[-1].responsible_units] == ["經濟部"]
