"""Minutes: paragraphs → the meeting header and its follow-up items.

The outline (:mod:`extract.outline`) gives headings, 案由 cases, labelled
blocks and speakers; this module turns them into items:

- an outcome block (決議/決定/主席裁示/市長提示...) gives one item per numbered
  point (also when run together on one line), per paragraph when each is a
  sentence, or one for the whole block;
- a speaker's remarks (a ministry answering in 綜合座談, ``主席``) give one item
  per point, classified by what the point says;
- a case (案由) or a proposal (建議：) asking a higher authority (建請…) is a
  request of its proposer, unless it is a motion's title (建請中央補助…案);
- report text outside any block is itemised only when it states a target or a
  planned, dated event (milestone);
- ``第1案、第2案解除列管`` sets the item's tracking status; a statement of
  status alone, or a row of a 前次會議列管事項 table, is a noted item.

Example::

    >>> from extract.model import Document, Line, Page
    >>> rows = ["臺北市政府 113年第1次市政會議紀錄", "時間：113年1月5日上午9時", "主席：蔣市長萬安",
    ...         "壹、報告事項", "一、交通局報告", "市長提示：", "(一)洽悉。", "(二)請交通局於二週內提出改善方案。"]
    >>> doc = Document("x.txt", "0" * 64, "txt", [Page(1, [Line(t, 1) for t in rows])])
    >>> from extract.layout import paragraphs
    >>> meeting, items = parse_minutes(doc, paragraphs(doc))
    >>> meeting.date, [(i.kind, i.speaker_or_source, i.text) for i in items]
    ('2024-01-05', [('noted', '市長', '洽悉。'), ('directive', '市長', '請交通局於二週內提出改善方案。')])
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from extract.deadlines import parse_deadline
from extract.header import SESSION, parse_header
from extract.layout import CLOSING_NOTE
from extract.layout import paragraphs as join_paragraphs
from extract.model import Deadline, Document, Item, ItemKind, Meeting, Paragraph, item_id
from extract.outline import (HEAD, LEADING_JUNK, LEVELS, MOTION, PERSON, PUT_TO_MEETING, SENTENCE_MARKS, Node, build,
                             chinese_number, label, numbering, remarks_speaker, speaker_name)
from extract.rocdate import parse_roc_date
from extract.targets import parse_targets, target_deadline
from extract.units import UnitContext, context_from_text, find_units, listed_units

ACKNOWLEDGEMENT = re.compile(
    r"^(?:(?:見|詳)[^，。]{0,12}[，,]\s*|本(?:案|項|報告)\s*|無異議\s*)?"
    r"(?:洽悉|悉|確認|確定|准予備查|同意備查|准予核備|備查|知悉|紀錄確定|准予確認|照案確認|無意見"
    r"|(?:報告|質詢|詢答|答詢)(?:及(?:報告|質詢|詢答|答詢))?(?:完畢|結束))[。.]?$"
)
# Asking someone to act: 請 (not 邀請/申請/聲請/提請), 務必, 應 (not in the
# compounds 因應/支應/回應...), and 建議 opening a clause (not 建議支用表, a noun).
ASK = re.compile(
    r"(?<![邀申聲提懇])請|務必|責成|(?<![因支對相適反回供響呼])應(?![用變屆])|(?:^|[，。；：,;:]|爰|並|另|亦|故|惟)\s*建議"
)
# A case or question asking a higher authority for something.
REQUEST = re.compile(r"建請|建議|請求|懇請|籲請|惠請")
# An outcome point that asks a higher authority: 建請, 籲請, 函請, 函報… the
# central government, a 院, a ministry or an agency (not 建請理事長, the body's
# own; not 函請立法院審議, a bill sent on by the procedure).
HIGHER_REQUEST = re.compile(
    r"(?:建請|籲請|懇請|陳請|報請|函請(?!立法院審議)|函報)(?:中央|總統府|上級|貴(?:部|署|院|會)"
    r"|[\u4e00-\u9fff]{0,8}?(?:院|部(?![門分份])|署|委員會))")
# Planning words: 預計/預訂 … and a time (預計於111年1至2月, 擬於當年10月).
PLAN = r"預計|預訂|預定|擬|規劃|訂於|(?<![規決制約])定於|將於|俟"  # 另定於11月6日繼續審查; not 依規定於
SCHEDULED = re.compile(rf"(?:{PLAN})\s*於?\s*(?:\d|[一二三四五六七八九十]|明年|今年|當年|次年|年底|年中)[^，。；]{{0,12}}?(?:年|月|日|底|前|後)")
IN_PROGRESS = re.compile(rf"刻正|賡續|{PLAN}")
TOPIC = re.compile(r"^另?有關[^，。；]{1,60}?(?:1|一)\s*(?:節|案)[，,]")
# 列管 statements: 第1案、第3案解除列管, 第一至三案繼續列管, 第2、4項持續列管, 均解除列管.
CASE_NUMBER = r"(?:\d+|[一二三四五六七八九十]+)"
CASE_RANGE = r"(?:至|到|[-~～－])"
CASE_LIST = rf"第\s*{CASE_NUMBER}(?:\s*(?:[、，,及與和]|{CASE_RANGE})\s*(?:第\s*)?{CASE_NUMBER})*\s*[案項]"
# The status may close the sentence that names the case, after how it went
# (列管事項第1案，經社會救助科辦理完竣，解除列管。): a gap naming no other case.
STATUS_GAP = rf"(?:(?!第\s*{CASE_NUMBER}\s*[案項])[^。；;!！?？]){{0,40}}?"
TRACKING = re.compile(
    rf"(?:列管(?:事項|案件)?\s*)?(?P<cases>(?:{CASE_LIST}\s*[、，,及與和]?\s*)+(?P<gap>{STATUS_GAP})"
    rf"|[均皆]|全數|全部|所有|悉數|其餘)\s*(?:予以|同意|准予|建議|建請)?\s*(?P<status>解除列管|繼續列管|持續列管)"
)
# The earlier meeting a status statement refers to: 上次會議, 前次會報決定事項.
PREVIOUS_MEETING = re.compile(r"(?:上|前)一?次(?:會議|會報)?(?:決議|決定|裁示|指示|列管)?(?:事項)?")
# A status cell of a 前次會議列管事項 table row: 解除列管, 建議繼續列管, 結案...
STATUS_CELL = re.compile(r"^(?:建議)?(?:(?P<released>解除列管|解除|結案|銷案|除管)|(?P<continued>繼續列管|持續列管|繼續|持續|續管))"
                         r"(?:[(（][^()（）]*[)）]|[，,；;].*)?$")  # 解除列管（已完成）, 繼續列管，下次會報報告
# A line assigning a point after its sentence: 主辦機關：數位發展部；協辦機關：內政部.
ASSIGNMENT_LINE = re.compile(r"(?<=[。.！!？?）)])\s*(?:主辦|承辦|主政|權責)(?:單位|機關)?\s*[:：].*$")
# The column a tracking table names its cases in (案由, 列管事項…).
SUBJECT_HEADER = re.compile(r"^(?:案由|案名|列管事項|列管案件|列管內容|事項|決議事項|決定事項|裁示事項|指示事項|提案|主旨|工作項目)$")
ROW_NUMBER = re.compile(r"^(?:第\s*)?(\d{1,3})\s*(?:案)?$")
CELL_SEPARATOR = re.compile(r"\s*(?:[|｜\t]|\s{2,}|\u3000{2,})\s*")
# A unit told to act without 請 (各鄉公所每月將…函報本府, 建管科會同…提出…):
# a unit name opening the sentence, an action verb soon after.
UNIT_SUBJECT = re.compile(
    r"^(?:由|另由|並由)?(?!本)[^，。；,;]{1,14}?(?:部|署|司|局|處|會|府|中心|公所|所|館|隊|組|科|室|單位|機關|學校)"
    r"(?:[^，。；,;]{0,16}?)(?:函報|提報|陳報|報府|回報|辦理|提出|完成|加強|落實|研議|研擬|檢討|督導|協助|配合|推動|執行|"
    r"追蹤|彙整|規劃|訂定|修正|召開|清查|盤點|宣導|積極|儘速|儘快|持續|賡續)"
    r"(?!情形|成效|績效|成果|進度|狀況|良好|得宜|有成|之)"  # 社會局辦理情形良好 reports, not instructs
)
# An assignment anywhere in the sentence: 同意修正流程，由社會局主政，教育局協辦…
ASSIGNED = re.compile(r"(?:^|[，,；;])(?:並|另)?由[^，。；,;]{1,20}?(?:部|署|司|局|處|會|府|中心|公所|所|科|室|單位)"
                      r"(?:主政|主辦|負責|統籌)")
# A motion heading that opens with its proposer: 民政局提：…, 王委員等提案：…
PROPOSED_BY = re.compile(r"(.{2,20}?)(?:等\d*人)?(?:提案|提)")
PROPOSER = re.compile(r"[（(]\s*(?:提案|報告|承辦|主辦)(?:單位|機關|人)\s*[:：]\s*([^()（）]+?)\s*[)）]\s*$"
                      r"|(?<=[。.])\s*(?:提案|報告|承辦|主辦)(?:單位|機關|人)\s*[:：]\s*([^，。()（）]+?)\s*$")
NEXT_MEETING = re.compile(r"下次(?:會議|會報|[^，。]{0,8}(?:會議|會報))")
HEAD_OF = re.compile(rf"^{HEAD}")
SENTENCE_END = ("。", ".", "！", "!", "？", "?")
YEAR = re.compile(r"\d{2,4}\s*年")
DISCUSSION = re.compile(r"討論|提案|動議")
OUTCOME_VERB = re.compile(r"通過|同意|擱置|暫緩|緩議|再議|否決|不予|照辦")

OUTCOME_KIND: dict[str, ItemKind] = {"決議": "resolution", "議決": "resolution", "決定": "decision",
                                      "討論結果": "resolution", "審查結果": "resolution"}


# A heading naming the unit that reports under it: 經濟部部長報告…, 內政部報告「…」,
# 建設處「…」 (a report case's unit), 民政課：…
REPORTER = re.compile(r"^(?:報告案[一二三四五六七八九十\d]*[：:]\s*)?(?P<unit>[\u4e00-\u9fff]{2,14}?(?:部|署|局|處|司|課|科|室|隊|所|中心|委員會))"
                      r"(?:部長|署長|局長|處長|司長|主任|首長)?(?:報告|[：:「]|$)")
OPENING_OR_CLOSING = re.compile(r"(?:宣告|宣布)(?:開會|散會)")  # the chair opening or closing the sitting
# Clauses that report progress, not name what is planned (目前工程進度68%, 業於3月決標).
STATUS_CLAUSE = re.compile(r"進度|目前|業於|業已|截至|已於|已完成|完成率|%")


def plan_clause(text: str) -> str:
    """The part of a report paragraph that states its dated plan: the
    sentence holding it, from the clause where the plan's subject is named
    (…已完成全數檢修；萬年溪護岸工程預計於113年6月底前完工。).

    >>> plan_clause("高架段約74%，綠線北段預計於116年完工通車。")
    '綠線北段預計於116年完工通車。'
    >>> plan_clause("本府與衛生局合作，預計於113年完成。另已完成招標。")
    '本府與衛生局合作，預計於113年完成。'
    >>> plan_clause("堤防改善工程，目前工程進度68%，預計於114年10月完工。")
    '堤防改善工程，目前工程進度68%，預計於114年10月完工。'
    """
    plan = SCHEDULED.search(text)
    end = re.search(r"[。；;]", text[plan.end():])
    stop = plan.end() + end.end() if end else len(text)
    start = max((m.end() for m in re.finditer(r"[。；;：:]", text[:plan.start()])), default=0)
    clauses = [m.end() for m in re.finditer(r"[，,]", text[start:plan.start()])]
    # the last comma after which a clause names the plan's subject (綠線北段預計…); a
    # clause reporting progress (目前工程進度68%，預計…) names none
    subject_start = next((start + comma for comma in reversed(clauses)
                          if len(clause := text[start + comma:plan.start()].strip()) >= 2
                          and not STATUS_CLAUSE.search(clause)), start)
    return text[subject_start:stop].strip()


def is_sentence(text: str) -> bool:
    """Whether ``text`` ends a sentence, a trailing note of units aside
    (…請於下次會報報告開工期程。（工務處）).

    >>> is_sentence("請於下次會報報告。（工務處）"), is_sentence("上次會報指示事項辦理情形")
    (True, False)
    """
    return text.rstrip().endswith(SENTENCE_END) or bool(CLOSING_NOTE.search(text))


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def is_acknowledgement(text: str) -> bool:
    """洽悉, 確認, 准予備查… with nothing to do, perhaps after clauses saying
    how it came about (宣讀上次會議紀錄，無異議，紀錄確定。) that neither ask
    anyone nor decide anything else.

    >>> is_acknowledgement("見會議手冊，洽悉。"), is_acknowledgement("洽悉，請社會局辦理。")
    (True, False)
    >>> is_acknowledgement("宣讀前次會議紀錄，無異議，紀錄確定。"), is_acknowledgement("照案通過，准予備查。")
    (True, False)
    """
    text = squash(text)
    if ACKNOWLEDGEMENT.match(text):
        return True
    before, _, last = text.rstrip("。.").rpartition("，" if "，" in text else ",")
    return bool(before) and bool(ACKNOWLEDGEMENT.match(last)) and not (
        asks(before) or tells_unit(before) or OUTCOME_VERB.search(before))


def asks(text: str) -> bool:
    """Whether ``text`` asks someone to act, ignoring a leading topic phrase
    that quotes a request (有關建請本部同意…1節，).

    >>> asks("請衛生局加強策進。"), asks("本部已納入盈餘建議支用例示表，不足得以盈餘支應。")
    (True, False)
    """
    return bool(ASK.search(TOPIC.sub("", squash(text))))


THIS_OR_NEXT_YEAR = re.compile(r"(?:本|今|明|下)年度?")  # 本年度推廣目標為…, 明年度以…為目標


def is_target(text: str) -> bool:
    """A quantified goal with a year or a recurrence (112年…目標值為 85%, 每年度…須達85%).

    >>> is_target("112年指標調整，進用率目標值為 85%。"), is_target("進用率目標值為 85%。")
    (True, False)
    >>> is_target("本年度住宅用火災警報器推廣目標為補助安裝1萬5,000戶。")
    True
    """
    return any(t.year or t.every or YEAR.search(text) or THIS_OR_NEXT_YEAR.search(text) for t in parse_targets(text))


def remark_kind(text: str) -> ItemKind:
    """The kind of a speaker's point: target, a dated plan (milestone), an
    instruction (directive), work in progress (milestone), or noted.

    >>> remark_kind("本部預計於111年1至2月召開共識會議。"), remark_kind("請嘉義市政府配合辦理。")
    ('milestone', 'directive')
    >>> remark_kind("倘有疑義，得於討論會議提出。")
    'noted'
    """
    if is_acknowledgement(text):
        return "noted"
    if is_target(text):
        return "target"
    if SCHEDULED.search(text):
        return "milestone"
    if asks(text):
        return "directive"
    if IN_PROGRESS.search(text):
        return "milestone"
    return "noted"


def outcome_kind(name: str, text: str, discussion: bool = False) -> ItemKind:
    """The kind of a point in an outcome block named ``name`` (決議, 主席裁示...);
    a bare 結論 is a resolution under a proposal (``discussion``), else a
    decision on a report.

    >>> outcome_kind("決議", "照案通過。"), outcome_kind("縣長裁示", "請民政局辦理。"), outcome_kind("決定", "洽悉。")
    ('resolution', 'directive', 'noted')
    >>> outcome_kind("決定事項", "第1案解除列管，其餘繼續列管。"), outcome_kind("決定事項", "請民政局辦理。")
    ('noted', 'decision')
    >>> outcome_kind("結論", "請長照司研議。"), outcome_kind("會議結論", "請長照司研議。", discussion=True)
    ('decision', 'resolution')
    """
    if is_acknowledgement(text) or only_tracking(text):
        return "noted"
    if asks_higher_level(text):
        return "request"
    stated = stated_first(text)
    if stated:
        return stated
    kind = OUTCOME_KIND.get(outcome_word(name).removesuffix("事項"))
    if kind:
        return kind
    if outcome_word(name) == "結論":
        return "resolution" if discussion else "decision"
    return "directive" if asks(text) or tells_unit(text) else "noted"


def asks_higher_level(text: str) -> bool:
    """Whether a point asks a higher authority (建請中央…, 函請農業部…,
    函報行政院…) rather than instructing the meeting's own units.

    >>> asks_higher_level("建請中央修正補助辦法。"), asks_higher_level("照案通過，函請農業部儘速修正救助辦法。")
    (True, True)
    >>> asks_higher_level("函請各區公所配合辦理。"), asks_higher_level("建請理事長儘速發出邀請函。")
    (False, False)
    >>> asks_higher_level("照案通過，由旅遊處函請交通部補助。"), asks_higher_level("請業務單位評估是否建請中央調整。")
    (False, False)
    """
    text = squash(text)
    found = HIGHER_REQUEST.search(text)
    if not found:
        return False
    before = text[:found.start()]
    # 由旅遊處函請交通部補助: the body's own unit is told to write; 爰請業務單位評估
    # 是否建請中央…: a unit is asked first. Either unit is the one followed up.
    return not re.search(r"由[\u4e00-\u9fff]{1,8}$", before) and not ASK.search(before)


def stated_first(text: str) -> ItemKind | None:
    """``target`` when a point states a goal with a year (114年…以1,000萬人次為
    目標，請觀光署…; 請衛福部至115年將涵蓋率提升達85%), ``milestone`` when it
    opens with a dated plan (…工程預計於114年6月底完工，請公路局掌握進度)
    before it asks anyone anything: the goal or the plan is what is followed up.

    >>> stated_first("114年來臺旅客以1,000萬人次為目標，請觀光署加強開拓客源。")
    'target'
    >>> stated_first("改善工程預計於114年6月底完工，請公路局掌握施工進度。"), stated_first("請公路局於6月底前完工。")
    ('milestone', None)
    """
    if is_target(text):  # every annotated item holding a goal with a year is a target, asked for or not
        return "target"
    ask = ASK.search(text)
    opening = text[:ask.start()] if ask else text
    if SCHEDULED.search(opening):
        return "milestone"
    return None


def tells_unit(text: str) -> bool:
    """A chair's sentence whose subject is a unit and whose verb is an action
    (各鄉公所每月將農漁損情形函報本府), which instructs as 請 would; not the
    speaker's own unit (本府, 本局).

    >>> tells_unit("各鄉公所每月將農漁損情形函報本府。"), tells_unit("建管科會同使用管理科於4月底前提出計畫。")
    (True, True)
    >>> tells_unit("本府已完成改善。"), tells_unit("包租代管成效良好，感謝社會局同仁努力。"), tells_unit("社會局辦理成效良好。")
    (False, False, False)
    >>> tells_unit("同意修正流程，由社會局主政，教育局協辦，於4月底前完成。")
    True
    """
    text = squash(text)
    return bool(ASSIGNED.search(text)) or any(UNIT_SUBJECT.match(clause) for clause in re.split(r"[；;]", text))


def outcome_source(name: str) -> str:
    """Who an outcome block speaks for: 主席 for 主席指(裁)示, 市長 for 市長提示,
    決議 for 決議.

    >>> outcome_source("主席指(裁)示"), outcome_source("院長提示"), outcome_source("會議決議"), outcome_source("決定事項")
    ('主席', '院長', '決議', '決定')
    """
    name = squash(name)
    head = HEAD_OF.match(name)
    return head.group(0) if head else outcome_word(name).removesuffix("事項").removesuffix("如下")


def outcome_word(name: str) -> str:
    """An outcome label without the body or the kind of resolution it names
    (會議決議, 附帶決議, 主決議 → 決議).

    >>> outcome_word("附帶決議"), outcome_word("會議結論"), outcome_word("主席裁示")
    ('決議', '結論', '主席裁示')
    """
    return re.sub(r"^(?:會議|附帶(?=決議)|主(?=決議))", "", squash(name))


def tracking_statements(text: str) -> list[dict]:
    """Every 列管 status stated in ``text``, with the earlier items it names.

    >>> tracking_statements("第1案、第3案解除列管，第2案持續列管。")
    [{'status': '解除列管', 'refs': [1, 3]}, {'status': '繼續列管', 'refs': [2]}]
    >>> tracking_statements("列管事項第2案，經工務處於3月辦理完竣，解除列管。")
    [{'status': '解除列管', 'refs': [2]}]
    """
    return [{"status": "繼續列管" if match["status"] == "持續列管" else match["status"],
             "refs": case_refs(match["cases"].removesuffix(match["gap"] or ""))}
            for match in TRACKING.finditer(text)]


def case_refs(text: str) -> list[int]:
    """The case numbers a tracking statement names, ranges spelled out.

    >>> case_refs("第1案、第3案"), case_refs("第一至三案"), case_refs("第2、4項"), case_refs("均")
    ([1, 3], [1, 2, 3], [2, 4], [])
    """
    refs: list[int] = []
    in_range = False
    for number, dash in re.findall(rf"({CASE_NUMBER})|({CASE_RANGE})", text):
        if dash:
            in_range = bool(refs)
            continue
        value = chinese_number(number)
        refs.extend(range(refs[-1] + 1, value + 1) if in_range else [value])
        in_range = False
    return refs


def only_tracking(text: str) -> bool:
    """A statement of 列管 status and nothing else to do (第1案解除列管，其餘繼續列管。),
    perhaps saying how the case went, but asking nothing.

    >>> only_tracking("第1案、第2案解除列管，第3案繼續列管。"), only_tracking("第4案繼續列管，請心健司儘速提供窗口。")
    (True, False)
    >>> only_tracking("第2案，持續辦理中，繼續列管。"), only_tracking("第2案請工務處儘速辦理，繼續列管。")
    (True, False)
    >>> only_tracking("上次會議列管第3案（路線調整）已完成，建請解除列管。"), only_tracking("洽悉，上次會報決定事項均解除列管。")
    (True, True)
    """
    matches = list(TRACKING.finditer(text))
    rest = re.sub(r"[，,。.；;、\s]", "", TRACKING.sub("", text))
    rest = PREVIOUS_MEETING.sub("", rest)  # 上次會報決定事項均解除列管: what the status is about
    return bool(matches) and (not rest or is_acknowledgement(rest)) and not any(asks(m["gap"] or "") for m in matches)


def names_tracked_case(text: str, rest: str) -> bool:
    """Whether a heading ``title：rest`` is titled with the earlier case whose
    status its rest states (列管事項第2案：已辦理完竣，解除列管。).

    >>> names_tracked_case("列管事項第2案：已完竣，解除列管。", "已完竣，解除列管。")
    True
    >>> names_tracked_case("上次會議裁示事項：第1案解除列管。", "第1案解除列管。")
    False
    """
    return bool(TRACKING.search(text)) and not TRACKING.search(rest)


def tracking_clauses(text: str) -> list[str] | None:
    """A sentence stating several 列管 statuses, split into one clause per
    status (at ；, else at ，) when every clause states one; None otherwise.

    >>> tracking_clauses("第1、2項解除列管；第3項繼續列管。")
    ['第1、2項解除列管；', '第3項繼續列管。']
    >>> tracking_clauses("第1案解除列管，其餘繼續列管。"), tracking_clauses("第4案繼續列管，請心健司儘速提供窗口。")
    (['第1案解除列管，', '其餘繼續列管。'], None)
    """
    if len({s["status"] for s in tracking_statements(text)}) < 2:
        return None
    for mark in "；;，,":
        clauses = [c for c in re.split(rf"(?<={mark})", text) if c.strip()]
        if len(clauses) > 1 and all(TRACKING.search(c) for c in clauses):
            return clauses
    return None


def tracking_of(text: str) -> tuple[str | None, list[int]]:
    """The first 列管 status stated in ``text`` and the earlier items it names.

    >>> tracking_of("第1案、第2案、第3案解除列管；請各地方政府…")
    ('解除列管', [1, 2, 3])
    """
    statements = tracking_statements(text)
    return (statements[0]["status"], statements[0]["refs"]) if statements else (None, [])


def tracking_row(cells: list[str], subject: int | None = None) -> tuple[int, str, str] | None:
    """(case number, subject, status) of a 前次會議列管事項 table row: a
    number cell, a status cell (解除列管, 建議繼續列管...) and as the subject
    the cell in column ``subject`` (the header's 案由, see
    :func:`subject_column`), else the longest other cell; None for other rows.

    >>> tracking_row(["1", "請養工科完成側溝清淤", "養工科", "已完成", "解除列管"])
    (1, '請養工科完成側溝清淤', '解除列管')
    >>> tracking_row(["1", "路面修復案", "建設課", "已於5月20日修復完竣。", "解除列管"], subject=1)
    (1, '路面修復案', '解除列管')
    >>> tracking_row(["編號", "列管事項", "列管建議"]) is None
    True
    """
    named = squash(cells[subject]) if subject is not None and subject < len(cells) and cells[subject] else ""
    cells = [squash(c) for c in cells if c and c.strip()]
    number = next((ROW_NUMBER.match(c) for c in cells if ROW_NUMBER.match(c)), None)
    status = next((STATUS_CELL.match(c) for c in cells if STATUS_CELL.match(c)), None)
    others = [c for c in cells if not ROW_NUMBER.match(c) and not STATUS_CELL.match(c)]
    if not (number and status and others):
        return None
    text = named if named in others else max(others, key=len)
    return int(number.group(1)), text, "解除列管" if status.group("released") else "繼續列管"


def duty_columns(cells: list[str]) -> tuple[int, int | None, int | None] | None:
    """(number, units, deadline) columns of a table's header row that assigns
    points to units (項次｜裁示事項｜權責單位｜完成期限), or None.

    >>> duty_columns(["項次", "裁示事項", "權責單位", "完成期限"]), duty_columns(["編號", "案由", "擬辦"])
    ((0, 2, 3), None)
    """
    columns = [squash(cell) for cell in cells]
    number = next((i for i, c in enumerate(columns) if c in ("項次", "編號", "序號", "項目")), None)
    units = next((i for i, c in enumerate(columns) if DUTY_UNIT_HEADER.fullmatch(c)), None)
    deadline = next((i for i, c in enumerate(columns) if DUTY_DEADLINE_HEADER.fullmatch(c)), None)
    return (number, units, deadline) if number is not None and (units is not None or deadline is not None) else None


DUTY_UNIT_HEADER = re.compile(r"(?:權責|主辦|承辦|負責|執行|辦理)(?:單位|機關)")
DUTY_DEADLINE_HEADER = re.compile(r"(?:完成|辦理|預定完成|執行)?(?:期限|時程|期程)")


def subject_column(cells: list[str]) -> int | None:
    """The column of a tracking table's header row that names the cases.

    >>> subject_column(["編號", "案由", "主辦單位", "執行情形", "擬辦"]), subject_column(["1", "請辦理", "解除列管"])
    (1, None)
    """
    return next((i for i, cell in enumerate(cells) if cell and SUBJECT_HEADER.match(squash(cell))), None)


def row_cells(text: str) -> list[str]:
    """A table row written as text (``| 1 | … | 解除列管 |``, tab- or
    space-separated cells) split into cells.

    >>> row_cells("| 1 | 請養工科辦理 | 解除列管 |"), row_cells("2\t請建管科研擬\t繼續列管")
    (['1', '請養工科辦理', '解除列管'], ['2', '請建管科研擬', '繼續列管'])
    """
    return [cell for cell in CELL_SEPARATOR.split(text.strip()) if cell]


def is_request_case(subject: str, proposer: str | None) -> bool:
    """Whether a case (案由) is a request of its proposer to a higher authority
    (建請貴部…), not a motion's title: a title ends in 案 (建請中央補助…經費案),
    or puts the motion to the meeting (…，請公決。) when a member (林議員)
    or no one is named as proposer; a unit putting its request to the
    meeting (…建議建置機制，提請討論。（提案單位：某市政府社會局）) still asks.

    >>> is_request_case("建請貴部評估增補人力。", "新北市政府衛生局"), is_request_case("建請中央補助經費案。", "衛生局")
    (True, False)
    >>> is_request_case("建請縣府增設托育中心，請公決。", "林議員于玲"), is_request_case("建議建置機制，提請討論。", "某市政府社會局")
    (False, True)
    """
    if not REQUEST.search(subject) or MOTION.search(subject) and not PUT_TO_MEETING.search(subject):
        return False
    by_unit = bool(proposer) and speaker_name(proposer) is not None and not PERSON.search(proposer)
    return by_unit or not PUT_TO_MEETING.search(subject)


def split_title(text: str) -> tuple[str, str | None]:
    """A heading ``title：rest`` split at its first colon; the title without
    spaces (as in section paths), rest None when there is no colon.

    >>> split_title("二、 策略二工作報告：見會議手冊，洽悉。"[3:]), split_title("中央提醒事項")
    (('策略二工作報告', '見會議手冊，洽悉。'), ('中央提醒事項', None))
    """
    match = re.match(r"(.*?)\s*[:：]\s*(.*)", text, re.S)
    return (squash(match.group(1)), match.group(2).strip()) if match else (squash(text), None)


def case_parts(text: str) -> tuple[str, str | None]:
    """A case's subject and its proposing unit (（提案單位：X）).

    >>> case_parts("建請貴部評估人力。（提案單位：新北市政府衛生局）"), case_parts("請衛生福利部提出方案。提案人：王委員")
    (('建請貴部評估人力。', '新北市政府衛生局'), ('請衛生福利部提出方案。', '王委員'))
    """
    flat = text.replace("\n", "").strip()
    match = PROPOSER.search(flat)
    return (flat[:match.start()].rstrip(), match.group(1) or match.group(2)) if match else (flat, None)


def inline_points(text: str) -> list[tuple[str, str]] | None:
    """Numbered points run together on one line (a web page's
    ``決定：(一)洽悉。(二)請內政部辦理。``) as (marker, text) pairs, when the
    text opens with point 1 and its numbers follow on after sentence ends;
    None otherwise.

    >>> inline_points("(一)洽悉。(二)請內政部辦理。")
    [('(一)', '洽悉。'), ('(二)', '請內政部辦理。')]
    >>> inline_points("1.洽悉。2.請社會局於1.5個月內辦理。"), inline_points("請內政部辦理。")
    ([('1.', '洽悉。'), ('2.', '請社會局於1.5個月內辦理。')], None)
    >>> inline_points("1. 115年度預算請於月底前提出。2. 請清潔隊辦理。")[1]
    ('2.', '請清潔隊辦理。')
    """
    first = numbering(text)
    if first is None or first.value != 1:
        return None
    opening = text.lstrip(LEADING_JUNK)
    pattern = next((p for level, p in LEVELS if level == first.level and p.match(opening)), None)
    if pattern is None:
        return None
    points, start, marker, expected = [], len(text) - len(first.rest), first.marker, 2
    for end in (m.end() for m in re.finditer(r"[。；;!！?？]", text)):
        following = pattern.match(text[end:])  # ^ anchors at the slice, not at a pos argument
        if following and chinese_number(following.group(1)) == expected:
            points.append((marker, text[start:end].strip()))
            start, marker, expected = end + following.end(), following.group(0).strip(), expected + 1
    points.append((marker, text[start:].strip()))
    return points if len(points) > 1 else None


def announced_next_meeting(paragraphs: list[Paragraph], meeting_date: dt.date | None) -> str | None:
    """The date of the next meeting where a sentence announces it (下次部務會報
    訂於114年3月24日召開, 伍、下次會報：訂於113年10月28日…), if it is later
    than this meeting.

    >>> announced_next_meeting([Paragraph("（八）下次部務會報訂於114年3月24日上午9時召開。", 1)], dt.date(2025, 3, 10))
    '2025-03-24'
    >>> announced_next_meeting([Paragraph("請於下次會議報告，並於6月30日前完成。", 1)], dt.date(2024, 5, 2)) is None
    True
    """
    for paragraph in paragraphs:
        for mention in NEXT_MEETING.finditer(paragraph.text):
            sentence = re.split(r"[。；;]", paragraph.text[mention.end():], maxsplit=1)[0]
            if not CONVENED.search(sentence):  # 於下次會議報告，並於6月30日前完成: a deadline, not the date
                continue
            due = parse_deadline(sentence, meeting_date)
            if due.kind == "date" and (meeting_date is None or due.date > meeting_date.isoformat()):
                return due.date
    return None


CONVENED = re.compile(r"訂於|定於|預定|預訂|預計|召開|舉行|舉辦")


def lead_in_points(marker: str, text: str) -> list[tuple[str, str]] | None:
    """The numbered sub-points under a point that only introduces them
    (通過主決議3項：1.…2.…), as (marker, text) pairs; None for any other point.

    >>> lead_in_points("(四)", "通過主決議2項：1.請經濟部提出報告。2.請台電公司每季檢討。")
    [('(四)1.', '請經濟部提出報告。'), ('(四)2.', '請台電公司每季檢討。')]
    >>> lead_in_points("(一)", "修正通過。") is None
    True
    """
    lead, colon, rest = text.partition("：") if "：" in text else text.partition(":")
    if not colon or len(lead) > LEAD_IN or SENTENCE_MARKS.search(lead) or label(text):
        return None  # a label (院長提示：1.…) heads a block of its own
    points = inline_points(rest.strip())
    return [(marker + inner, point) for inner, point in points] if points else None


LEAD_IN = 20  # characters: a lead-in is a short phrase (通過主決議3項, 院長提示)


@dataclass
class TrackingTable:
    """A 前次會議列管事項 table read as a table: its tracking rows (with
    their cells), the text of its cells, and the line that introduces it."""

    page: int
    rows: list[tuple[tuple[int, str, str], list[str]]]
    cell_lines: set[str]
    seen: bool = False  # its lines were found in the text
    anchor: str = ""

    def holds(self, line: str) -> bool:
        """Whether a text line repeats cells of this table: one cell (Word)
        or several side by side (a PDF row: ``養工科 已完成``)."""
        return all(squash(word) in self.cell_lines for word in line.split())


def tracking_tables(document: Document) -> list[TrackingTable]:
    """The tables of ``document`` holding 列管 status rows.

    >>> from extract.model import Page
    >>> page = Page(1, [], tables=[[["編號", "列管事項", "列管建議"], ["1", "請養工科辦理", "解除列管"]]])
    >>> [t.rows[0][0] for t in tracking_tables(Document("x.docx", "0" * 64, "docx", [page]))]
    [(1, '請養工科辦理', '解除列管')]
    """
    found = []
    for page in document.pages:
        for table in page.tables:
            cells = [[c.strip() for c in row if c and c.strip()] for row in table]
            subject = next((column for texts in cells if (column := subject_column(texts)) is not None), None)
            rows = [(row, texts) for texts in cells if (row := tracking_row(texts, subject))]
            if rows:
                lines = {squash(line) for texts in cells for cell in texts for line in cell.splitlines() if line.strip()}
                found.append(TrackingTable(page.number, rows, lines))
    return found


def without_tables(document: Document, tables: list[TrackingTable]) -> Document:
    """``document`` without the run of lines that repeats the cells of each
    table in ``tables`` (a unit named again after the table stays), noting
    each table's anchor: the last line before its first cell.

    >>> from extract.model import Line, Page
    >>> rows = [["1", "請社工科訪視", "社工科", "解除列管"]]
    >>> texts = ["一、前次會議列管事項", "1", "請社工科訪視", "社工科 解除列管", "二、業務報告", "社工科"]
    >>> doc = Document("x.docx", "0" * 64, "docx", [Page(1, [Line(t, 1) for t in texts], tables=[rows])])
    >>> tables = tracking_tables(doc)
    >>> [line.text for line in without_tables(doc, tables).lines], tables[0].anchor
    (['一、前次會議列管事項', '二、業務報告', '社工科'], '一、前次會議列管事項')
    """
    pages = []
    for page in document.pages:
        kept, current = [], None  # current: the table whose lines are being read
        for line in page.lines:
            if current is not None and current.holds(line.text):
                continue
            current = next((t for t in tables if t.page == page.number and not t.seen and t.holds(line.text)), None)
            if current is None:
                kept.append(line)
            else:
                current.seen, current.anchor = True, squash(kept[-1].text) if kept else ""
        pages.append(replace(page, lines=kept))
    return replace(document, pages=pages)


@dataclass
class Context:
    """Where in the outline an item sits."""

    section: list[str]
    agenda_item: str | None
    proposer: str | None = None
    discussion: bool = False  # under 討論事項 / 提案 / 臨時動議
    decided: bool = False  # the heading has an outcome block (決議：...)
    reporter: str | None = None  # the unit reporting under this heading (一、內政部報告「…」, （一）民政課：)


class MinutesParser:
    """Walks the outline and collects items; one instance per document."""

    def __init__(self, document_id: str, meeting: Meeting, units: UnitContext):
        self.document_id = document_id
        self.meeting_date = dt.date.fromisoformat(meeting.date) if meeting.date else None
        self.units = units
        self.items: list[Item] = []
        self.positions: set[str] = set()
        self.next_meeting_date: str | None = None
        self.subject_column: int | None = None  # of the tracking table typed as text, from its header
        self.duty_columns: tuple[int, int | None, int | None] | None = None  # of a 權責分工表: (項次, 單位, 期限)
        self.block_points: dict[int, Item] = {}  # the items of the last outcome block, by their point's number
        # (paragraph text, its context, its position, items before it), in reading order
        self.places: list[tuple[str, Context, str, int]] = []

    def add(self, kind: ItemKind, text: str, source: str | None, where: Context,
            paragraphs: list[Paragraph], position: str, addressee: str | None = None) -> None:
        """One item.  ``source``, when it names a unit (the answering ministry,
        the proposer), is who 本部/本署 in the text means; ``addressee``
        receives a request that names no one."""
        assigned = text.strip()
        text = ASSIGNMENT_LINE.sub("", assigned)  # the units it names are kept for find_units
        if not text:
            return
        clauses = tracking_clauses(text)
        if clauses:  # 第1、2項解除列管；第3項繼續列管。: one item per status stated
            for index, clause in enumerate(clauses):
                self.add("noted" if only_tracking(clause) else kind, clause, source, where, paragraphs,
                         f"{position}~{index}", addressee)
            return
        statements = tracking_statements(text)
        tracking, refs = tracking_of(text)
        actionable = kind != "noted"
        while position in self.positions:  # two items at one outline position stay distinct
            position += "+"
        self.positions.add(position)
        speaking_unit = source if source and speaker_name(source) and not HEAD_OF.match(source) else None
        units = replace(self.units, speaker=speaking_unit or self.units.speaker,
                        default_addressee=addressee or self.units.default_addressee)
        self.items.append(Item(
            id=item_id(self.document_id, position),
            section=" > ".join(where.section),
            agenda_item=where.agenda_item,
            kind=kind,
            speaker_or_source=source,
            text=text,
            responsible_units=self.units_of(kind, assigned, units, where) if actionable else [],
            deadline=self.deadline(kind, text) if actionable else Deadline.none(),
            tracking=tracking,
            page=paragraphs[0].page if paragraphs else None,
            source_text="\n".join(p.text for p in paragraphs),
            tracked_refs=refs,
            extra={"tracking": statements} if len(statements) > 1 else {},
        ))

    @staticmethod
    def units_of(kind: ItemKind, text: str, units: UnitContext, where: Context) -> list:
        """The units asked in ``text``; a directive or decision asking no one by
        name under a unit's report (二、經濟部部長報告…, （一）民政課：) asks that unit."""
        found = find_units(text, units)
        if not found and kind in ("directive", "decision") and where.reporter and ASK.search(text):
            found = listed_units(where.reporter, units)
        return found

    def deadline(self, kind: ItemKind, text: str) -> Deadline:
        """A target is due by its goal's year (115年…提升至60%), whatever
        cadence of reporting the text adds (逐年檢討, 每月統計)."""
        if kind == "target":
            due = target_deadline(parse_targets(text), None)
            if due.kind not in ("none", "recurring"):
                return due
        return parse_deadline(text, self.meeting_date, kind=kind)

    def points(self, node: Node) -> list[tuple[str, list[Paragraph], str]]:
        """(text, paragraphs, position) of each point of a block, or of the
        block's own text when it has no numbered points."""
        points = [c for c in node.children if c.kind == "point"]
        if points:
            # 決定：(一)洽悉。(二)請…: points run together on the label's line;
            # (四)通過主決議3項：1.…2.…: a lead-in over sub-points, which are the points
            return [(text, p.paragraphs, marker) for p in points
                    for marker, text in inline_points(p.number.marker + p.text.replace("\n", ""))
                    or lead_in_points(p.number.marker, p.text.replace("\n", ""))
                    or [(p.number.marker, p.text.replace("\n", ""))]]
        inline = inline_points(node.text.replace("\n", ""))
        if inline:
            return [(text, node.paragraphs, marker) for marker, text in inline]
        parts = [part for part in node.text.split("\n") if part.strip()]
        sentences = node.paragraphs[-len(parts):] if parts else []
        if len(parts) > 1 and all(is_sentence(part) for part in parts):
            # unnumbered paragraphs, each a whole sentence (a web page's 院長提示): one point each
            return [(part, [paragraph], f"¶{index}") for index, (part, paragraph) in enumerate(zip(parts, sentences), 1)]
        return [(node.text.replace("\n", ""), node.paragraphs, "")] if node.text.strip() else []

    def walk(self, nodes: list[Node], where: Context, position: str = "") -> None:
        for index, node in enumerate(nodes):
            here = f"{position}/{node.title or index}"
            self.places.extend((squash(p.text), where, here, len(self.items)) for p in node.paragraphs)
            if node.kind == "heading":
                self.heading(node, where, here)
            elif node.kind == "case":
                self.case(node, where, here)
            elif node.kind == "block":
                self.block(node, where, here)
            elif node.kind == "speaker":
                self.remarks(node, node.speaker, Context(where.section + [node.title], where.agenda_item), here)
            elif node.kind == "text":
                self.report_text(node.text, node.paragraphs, where, here)

    def heading(self, node: Node, where: Context, position: str) -> None:
        text, proposer = case_parts(node.text)  # a motion heading may end with 提案人：王委員
        title, rest = split_title(text)
        proposed = PROPOSED_BY.fullmatch(title)
        if proposed and rest:  # 一、民政局提：「…」草案，提請審議。 — the motion, by 民政局
            title, proposer = squash(rest), proposer or proposed.group(1)
        found = label(node.text)
        if found and found.kind == "field" or title.startswith("散會"):
            return
        inner = self.inner_context(node, title, rest, where)
        inner.proposer = proposer or inner.proposer
        self.places.extend((squash(p.text), inner, position, len(self.items)) for p in node.paragraphs)
        speaker = remarks_speaker(node)
        answering = next((c.speaker for c in node.children if c.kind == "speaker"), None)
        if found and found.kind == "confirm":
            inner.agenda_item = found.name
            self.add(outcome_kind("確認", found.rest), found.rest, "確認", inner, node.paragraphs, position)
        elif rest and is_acknowledgement(rest):
            self.add("noted", rest, None, inner, node.paragraphs, position)
        elif speaker is None and where.section and rest is None and REQUEST.search(squash(node.text)) and (
                answering or node.text.rstrip().endswith(("。", "？", "?"))) and not TRACKING.search(node.text):
            # a request raised as a numbered point (in an open forum: by the local
            # government, of the unit that answers it); 建議繼續列管 only reports a status
            self.add("request", node.text.replace("\n", ""), self.units.government, inner, node.paragraphs, position,
                     addressee=answering)
        elif is_sentence(node.text):  # a numbered report point written as a sentence
            # under a titled heading (上次會議裁示事項辦理情形：第1案解除列管。, 討論事項：…，照案通過。)
            # the title is not the item's text, unless it names the case (列管事項第2案：…解除列管。)
            text = node.text if not rest or names_tracked_case(node.text, rest) else rest
            self.report_text(text, node.paragraphs, inner, position)
        self.announce_next_meeting(node)
        if speaker:
            self.remarks(node, speaker, inner, position)
        else:
            self.walk(node.children, inner, position)

    @staticmethod
    def inner_context(node: Node, title: str, rest: str | None, where: Context) -> Context:
        """The context of a heading's children.  A numbered sentence (no
        ``title：``, or titled with the case it reports on: 列管事項第1案：…)
        with only text under it is a report point, not a title: it adds no
        section."""
        sentence = rest is None or names_tracked_case(node.text, rest)
        if sentence and is_sentence(node.text) and all(c.kind == "text" for c in node.children):
            return replace(where)
        marker = node.number.marker if node.number else ""
        # a top heading is a section (壹、報告事項) unless it states an agenda item
        # itself: a motion, a sentence, a named report or bill (一、內政部報告「…」)
        agenda = where.section or MOTION.search(title) or title.endswith("。") or "「" in title
        reporting = REPORTER.match(title)
        return Context(where.section + [squash(f"{marker}{title}")], title if agenda else None,
                       discussion=where.discussion or not where.section and bool(DISCUSSION.search(title)),
                       decided=any(c.kind == "block" and c.label.kind == "outcome" for c in node.children),
                       reporter=reporting.group("unit") if reporting else where.reporter)

    def announce_next_meeting(self, node: Node) -> None:
        """A report point naming a later session of this meeting, or 下次會議,
        whose text states a date: the next meeting's date."""
        if self.next_meeting_date or not (SESSION.search(node.text) or NEXT_MEETING.search(node.text)):
            return
        for child in node.children:
            found = parse_roc_date(child.text)
            if found and (self.meeting_date is None or found > self.meeting_date):
                self.next_meeting_date = found.isoformat()
                return

    def case(self, node: Node, where: Context, position: str) -> None:
        subject, proposer = case_parts(node.text)
        proposer = node.speaker or proposer
        numbered = re.search(r"[一二三四五六七八九十\d]", node.label.name)  # 案由二, not a lone 案由
        inner = Context(where.section + [node.title] if numbered else where.section, subject, proposer,
                        where.discussion)
        stated = "".join((number.rest if (number := numbering(p.text)) else p.text).strip() for p in node.paragraphs)
        lines = [line.strip() for line in node.text.split("\n") if line.strip()]
        status = STATUS_CELL.match(squash(lines[-1])) if len(lines) > 1 else None
        case_number = re.search(r"\d+|[一二三四五六七八九十]+", node.label.name)
        if status and case_number and not node.children:
            # 第1案：…（工務處） / 辦理情形：… / 解除列管, the status on a line of its own
            self.add_tracking_row((chinese_number(case_number.group()), squash(lines[0]),
                                   "解除列管" if status.group("released") else "繼續列管"), where, node.paragraphs, position)
        elif TRACKING.search(stated) and not node.children:  # 第2案：刻正辦理中，繼續列管。 is a status, not a motion
            self.report_text(stated, node.paragraphs, where, position)
        elif is_request_case(subject, proposer):
            self.add("request", subject, proposer, inner, node.paragraphs, position)
        self.walk(node.children, inner, position)

    def block(self, node: Node, where: Context, position: str) -> None:
        kind = node.label.kind
        if kind == "outcome":
            source = outcome_source(node.label.name)
            self.block_points = {}
            for text, paragraphs, marker in self.points(node):
                if squash(text).startswith("散會") or OPENING_OR_CLOSING.search(text):  # 主席宣布：散會。
                    continue
                nested = label(text)
                if nested and nested.kind == "outcome" and nested.rest.strip():
                    # 決定：(二)院長提示：1.…2.…: the head's points, under its own label
                    self.block(Node("block", nested.rest, paragraphs, label=nested), where, f"{position}/{marker}")
                    continue
                before = len(self.items)
                self.add(outcome_kind(node.label.name, text, where.discussion), text, source, where, paragraphs,
                         f"{position}/{marker}")
                point = numbering(marker)
                if point and len(self.items) == before + 1:
                    self.block_points[point.value] = self.items[-1]
        elif kind == "proposal":
            for text, paragraphs, marker in self.points(node):
                proposed = "request" if asks(text) else "milestone" if IN_PROGRESS.search(text) else None
                if proposed:
                    self.add(proposed, text, where.proposer, where, paragraphs, f"{position}/{marker}")
        elif kind == "confirm":
            self.add(outcome_kind("確認", node.text), node.text, "確認", where, node.paragraphs, position)
        # 說明 (explanation) and 提案單位 blocks hold background, not items.

    def remarks(self, node: Node, speaker: str | None, where: Context, position: str) -> None:
        """A speaker's points; under a remarks heading (王委員意見：) its numbered
        sub-headings are the points."""
        if node.kind == "heading":
            points = [(c.text.replace("\n", ""), c.paragraphs, c.title) for c in node.children if c.kind == "heading"]
            others = [c for c in node.children if c.kind != "heading"]
        else:
            points, others = self.points(node), [c for c in node.children if c.kind != "point"]
        reporting = self.is_unit_report(speaker, where)
        for text, paragraphs, marker in points:
            if reporting:
                self.report_text(text, paragraphs, where, f"{position}/{marker}", source=speaker)
            else:
                self.add(remark_kind(text), text, speaker, where, paragraphs, f"{position}/{marker}")
                item = self.items[-1] if self.items else None
                if item and item.kind == "directive" and not item.responsible_units and speaker and not PERSON.search(speaker):
                    # (一)運輸規劃科 / 1.請於二週內…: points grouped under a unit, asking no one else
                    item.responsible_units = listed_units(speaker, self.units)
        self.walk(others, where, position)

    @staticmethod
    def is_unit_report(speaker: str | None, where: Context) -> bool:
        """A unit's points under a work-report section (業務報告 > (一)社會處):
        its report, itemised as report text, not remarks answering someone."""
        top = numbering(where.section[0]) if where.section else None
        section = top.rest if top else where.section[0] if where.section else ""
        return bool(speaker) and "報告" in section and not HEAD_OF.match(speaker) and not PERSON.search(speaker)

    def report_text(self, text: str, paragraphs: list[Paragraph], where: Context, position: str,
                    source: str | None = None) -> None:
        """Text outside any block: an item only for a tracking statement (or a
        row of a tracking table), a target, a dated plan, or, under a
        discussion item with no 決議 label, the outcome written inline
        (無異議通過, 先擱置).  ``source`` is who reports; by default the top
        section (工作報告)."""
        text = text.replace("\n", "")
        section = numbering(where.section[0]) if where.section else None
        source = source or (section.rest if section else where.section[0] if where.section else None)  # 工作報告
        cells = row_cells(text)
        if len(cells) > 2 and subject_column(cells) is not None:  # a tracking table's header, typed as text
            self.subject_column = subject_column(cells)
        if len(cells) > 2 and duty_columns(cells):  # 項次｜裁示事項｜權責單位｜完成期限, or a tracking table's
            self.duty_columns = duty_columns(cells)
            return
        row = tracking_row(cells, self.subject_column)
        if row:  # a row of a 前次會議列管事項 table
            unit_column = self.duty_columns[1] if self.duty_columns else None
            named = cells[unit_column] if unit_column is not None and unit_column < len(cells) else ""
            self.add_tracking_row(row, where, paragraphs, position, named)
        elif self.duty_columns and self.assign_duty(cells):
            return
        elif TRACKING.search(text):  # 第1案解除列管，第2案繼續列管 written without a 決定 label
            self.add("noted" if only_tracking(text) or not asks(text) else "directive", text, source, where, paragraphs,
                     position)
        elif where.discussion and not where.decided and OUTCOME_VERB.search(text):
            self.add("resolution", text, "決議", where, paragraphs, position)
        elif is_target(text):
            self.add("target", text, source, where, paragraphs, position)
        elif SCHEDULED.search(text):
            self.add("milestone", plan_clause(text), source, where, paragraphs, position)

    def assign_duty(self, cells: list[str]) -> bool:
        """A row of a 權責分工表 after an outcome block: the units and the
        deadline it gives the block's point of that number; whether it did."""
        number_column, unit_column, deadline_column = self.duty_columns
        if number_column >= len(cells) or not (found := numbering(cells[number_column] + "、")):
            return False
        item = self.block_points.get(found.value)
        if item is None or item.kind == "noted":
            return True
        cell = cells[unit_column] if unit_column is not None and unit_column < len(cells) else ""
        units = find_units(cell, self.units) or listed_units(cell, self.units)
        if units:
            item.responsible_units = units
        if deadline_column is not None and deadline_column < len(cells):
            due = parse_deadline(cells[deadline_column], self.meeting_date)
            if due.kind != "none":
                item.deadline = due
        return True

    def add_table(self, table: TrackingTable) -> None:
        """The rows of a tracking table read as a table (PDF, Word), placed
        after the text line that introduces it."""
        where, position, before = next(
            ((w, p, n) for text, w, p, n in reversed(self.places) if table.anchor and table.anchor in text),
            (Context([], None), f"/table{table.page}", len(self.items)))
        items, self.items = self.items, self.items[:before]
        for row, cells in table.rows:
            self.add_tracking_row(row, where, [Paragraph(" | ".join(cells), table.page)], position)
        self.items += items[before:]

    def add_tracking_row(self, row: tuple[int, str, str], where: Context, paragraphs: list[Paragraph],
                         position: str, unit_cell: str = "") -> None:
        """A tracking-table row: a noted item stating the earlier case's status,
        with the units that case asked (or the row's 主辦單位 cell names) while
        it stays open."""
        number, subject, status = row
        if any(number in i.tracked_refs and i.tracking == status for i in self.items):
            return  # already stated (a 第1案解除列管 statement, or the row read twice)
        self.add("noted", subject, None, where, paragraphs, f"{position}/{number}")
        self.items[-1].tracking, self.items[-1].tracked_refs = status, [number]
        if status == "繼續列管":  # still open: the units the earlier case asked stay on it
            self.items[-1].responsible_units = find_units(subject, self.units) or listed_units(unit_cell, self.units)


def parse_minutes(document: Document, paragraphs: list[Paragraph]) -> tuple[Meeting, list[Item]]:
    """The meeting header and the follow-up items of a minutes document (see
    the module example)."""
    tables = tracking_tables(document)
    if tables:  # their cells, read as lines too, are not outline text
        paragraphs = join_paragraphs(without_tables(document, tables))
    meeting = parse_header(paragraphs, document.pages)
    header_text = "\n".join(p.text for p in paragraphs[:10])
    parser = MinutesParser(document.sha256, meeting, context_from_text(header_text))
    parser.walk(build(paragraphs), Context([], None))
    for table in tables:
        parser.add_table(table)
    meeting.next_meeting_date = (meeting.next_meeting_date or parser.next_meeting_date
                                 or announced_next_meeting(paragraphs, parser.meeting_date))
    for item in parser.items:  # 於下次會議提出: due on the announced date, if there is one
        if item.deadline.kind == "next_meeting" and not item.deadline.date:
            item.deadline.date = meeting.next_meeting_date
    return meeting, parser.items
