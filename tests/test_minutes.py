"""Minutes: items from outcome blocks, speakers, cases and report text, in several house styles."""

from pathlib import Path

import pytest

from extract import extract
from extract.layout import paragraphs
from extract.minutes import asks, is_acknowledgement, parse_minutes, remark_kind, tracking_of
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
    tracking statement written without a 決定 label."""
    meeting, items = minutes(COUNTY_STYLE.splitlines())
    assert [(i.kind, i.text, i.tracking, i.tracked_refs) for i in items[:2]] == [
        ("decision", "第1案、第2案解除列管", "解除列管", [1, 2]), ("decision", "第3案繼續列管", "繼續列管", [3])]
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
