"""Minutes: paragraphs → the meeting header and its follow-up items.

The outline (:mod:`extract.outline`) gives headings, 案由 cases, labelled
blocks and speakers; this module turns them into items:

- an outcome block (決議/決定/主席裁示/市長提示...) gives one item per numbered
  point, or one for the whole block when it is not numbered;
- a speaker's remarks (a ministry answering in 綜合座談, ``主席``) give one item
  per point, classified by what the point says;
- a case (案由) or a proposal (建議：) asking a higher authority (建請…) is a
  request of its proposer;
- report text outside any block is itemised only when it states a target or a
  planned, dated event (milestone);
- ``第1案、第2案解除列管`` sets the item's tracking status.

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
from extract.model import Deadline, Document, Item, ItemKind, Meeting, Paragraph, item_id
from extract.outline import HEADS, Node, build, label, numbering, remarks_speaker, speaker_name
from extract.rocdate import parse_roc_date
from extract.targets import parse_targets
from extract.units import UnitContext, context_from_text, find_units

ACKNOWLEDGEMENT = re.compile(
    r"^(?:(?:見|詳)[^，。]{0,12}[，,]\s*)?(?:洽悉|悉|確認|准予備查|同意備查|准予核備|備查|知悉|紀錄確定|准予確認|照案確認|無意見)[。.]?$"
)
# Asking someone to act: 請 (not 邀請/申請/聲請/提請), 務必, 應 (not in the
# compounds 因應/支應/回應...), and 建議 opening a clause (not 建議支用表, a noun).
ASK = re.compile(
    r"(?<![邀申聲提懇])請|務必|(?<![因支對相適反回供響呼])應(?![用變屆])|(?:^|[，。；：,;:]|爰|並|另|亦|故|惟)\s*建議"
)
# A case or question asking a higher authority for something.
REQUEST = re.compile(r"建請|建議|請求|懇請|籲請|惠請")
# Planning words: 預計/預訂 … and a time (預計於111年1至2月, 擬於當年10月).
PLAN = r"預計|預訂|預定|擬|規劃|訂於|將於|俟"
SCHEDULED = re.compile(rf"(?:{PLAN})\s*於?\s*(?:\d|[一二三四五六七八九十]|明年|今年|當年|次年|年底|年中)[^，。；]{{0,12}}?(?:年|月|日|底|前|後)")
IN_PROGRESS = re.compile(rf"刻正|賡續|{PLAN}")
TOPIC = re.compile(r"^另?有關[^，。；]{1,60}?(?:1|一)\s*(?:節|案)[，,]")
TRACKING = re.compile(r"((?:第\s*\d+\s*案\s*[、，,及與和]?\s*)+)(解除列管|繼續列管|持續列管)")
PROPOSER = re.compile(r"[（(]\s*(?:提案|報告|承辦|主辦)(?:單位|機關|人)\s*[:：]\s*([^()（）]+?)\s*[)）]\s*$")
NEXT_MEETING = re.compile(r"下次(?:會議|會報|[^，。]{0,8}會議)")
HEAD_OF = re.compile(rf"^{HEADS}")
YEAR = re.compile(r"\d{2,4}\s*年")
DISCUSSION = re.compile(r"討論|提案|動議")
OUTCOME_VERB = re.compile(r"通過|同意|擱置|暫緩|緩議|再議|否決|不予|照辦")

OUTCOME_KIND: dict[str, ItemKind] = {"決議": "resolution", "議決": "resolution", "決定": "decision",
                                      "討論結果": "resolution", "審查結果": "resolution"}


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def is_acknowledgement(text: str) -> bool:
    """洽悉, 確認, 准予備查… with nothing to do.

    >>> is_acknowledgement("見會議手冊，洽悉。"), is_acknowledgement("洽悉，請社會局辦理。")
    (True, False)
    """
    return bool(ACKNOWLEDGEMENT.match(squash(text)))


def asks(text: str) -> bool:
    """Whether ``text`` asks someone to act, ignoring a leading topic phrase
    that quotes a request (有關建請本部同意…1節，).

    >>> asks("請衛生局加強策進。"), asks("本部已納入盈餘建議支用例示表，不足得以盈餘支應。")
    (True, False)
    """
    return bool(ASK.search(TOPIC.sub("", squash(text))))


def is_target(text: str) -> bool:
    """A quantified goal with a year or a recurrence (112年…目標值為 85%, 每年度…須達85%).

    >>> is_target("112年指標調整，進用率目標值為 85%。"), is_target("進用率目標值為 85%。")
    (True, False)
    """
    return any(t.year or t.every or YEAR.search(text) for t in parse_targets(text))


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


def outcome_kind(name: str, text: str) -> ItemKind:
    """The kind of a point in an outcome block named ``name`` (決議, 主席裁示...).

    >>> outcome_kind("決議", "照案通過。"), outcome_kind("縣長裁示", "請民政局辦理。"), outcome_kind("決定", "洽悉。")
    ('resolution', 'directive', 'noted')
    """
    if is_acknowledgement(text):
        return "noted"
    kind = OUTCOME_KIND.get(squash(name).removeprefix("會議"))
    if kind:
        return kind
    return "directive" if asks(text) else "noted"


def outcome_source(name: str) -> str:
    """Who an outcome block speaks for: 主席 for 主席指(裁)示, 市長 for 市長提示,
    決議 for 決議.

    >>> outcome_source("主席指(裁)示"), outcome_source("院長提示"), outcome_source("會議決議")
    ('主席', '院長', '決議')
    """
    name = squash(name)
    head = HEAD_OF.match(name)
    return head.group(0) if head else name.removeprefix("會議")


def tracking_of(text: str) -> tuple[str | None, list[int]]:
    """The 列管 status stated in ``text`` and the earlier items it names.

    >>> tracking_of("第1案、第2案、第3案解除列管；請各地方政府…")
    ('解除列管', [1, 2, 3])
    """
    match = TRACKING.search(text)
    if not match:
        return None, []
    status = "繼續列管" if match.group(2) == "持續列管" else match.group(2)
    return status, [int(n) for n in re.findall(r"\d+", match.group(1))]


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

    >>> case_parts("建請貴部評估人力。（提案單位：新北市政府衛生局）")
    ('建請貴部評估人力。', '新北市政府衛生局')
    """
    flat = text.replace("\n", "").strip()
    match = PROPOSER.search(flat)
    return (flat[:match.start()].rstrip(), match.group(1)) if match else (flat, None)


@dataclass
class Context:
    """Where in the outline an item sits."""

    section: list[str]
    agenda_item: str | None
    proposer: str | None = None
    discussion: bool = False  # under 討論事項 / 提案 / 臨時動議
    decided: bool = False  # the heading has an outcome block (決議：...)


class MinutesParser:
    """Walks the outline and collects items; one instance per document."""

    def __init__(self, document_id: str, meeting: Meeting, units: UnitContext):
        self.document_id = document_id
        self.meeting_date = dt.date.fromisoformat(meeting.date) if meeting.date else None
        self.units = units
        self.items: list[Item] = []
        self.positions: set[str] = set()
        self.next_meeting_date: str | None = None

    def add(self, kind: ItemKind, text: str, source: str | None, where: Context,
            paragraphs: list[Paragraph], position: str, addressee: str | None = None) -> None:
        """One item.  ``source``, when it names a unit (the answering ministry,
        the proposer), is who 本部/本署 in the text means; ``addressee``
        receives a request that names no one."""
        text = text.strip()
        if not text:
            return
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
            responsible_units=find_units(text, units) if actionable else [],
            deadline=parse_deadline(text, self.meeting_date) if actionable else Deadline.none(),
            tracking=tracking,
            page=paragraphs[0].page if paragraphs else None,
            source_text="\n".join(p.text for p in paragraphs),
            tracked_refs=refs,
        ))

    def points(self, node: Node) -> list[tuple[str, list[Paragraph], str]]:
        """(text, paragraphs, position) of each point of a block, or of the
        block's own text when it has no numbered points."""
        points = [c for c in node.children if c.kind == "point"]
        if points:
            return [(p.text.replace("\n", ""), p.paragraphs, p.number.marker) for p in points]
        return [(node.text.replace("\n", ""), node.paragraphs, "")] if node.text.strip() else []

    def walk(self, nodes: list[Node], where: Context, position: str = "") -> None:
        for index, node in enumerate(nodes):
            here = f"{position}/{node.title or index}"
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
        title, rest = split_title(node.text)
        found = label(node.text)
        if found and found.kind == "field" or title.startswith("散會"):
            return
        inner = self.inner_context(node, title, rest, where)
        speaker = remarks_speaker(node)
        answering = next((c.speaker for c in node.children if c.kind == "speaker"), None)
        if found and found.kind == "confirm":
            inner.agenda_item = found.name
            self.add(outcome_kind("確認", found.rest), found.rest, "確認", inner, node.paragraphs, position)
        elif rest and is_acknowledgement(rest):
            self.add("noted", rest, None, inner, node.paragraphs, position)
        elif speaker is None and where.section and rest is None and REQUEST.search(squash(node.text)) and (
                answering or node.text.rstrip().endswith(("。", "？", "?"))):
            # a request raised as a numbered point (in an open forum: by the local
            # government, of the unit that answers it)
            self.add("request", node.text.replace("\n", ""), self.units.government, inner, node.paragraphs, position,
                     addressee=answering)
        elif node.text.rstrip().endswith("。"):  # a numbered report point written as a sentence
            self.report_text(node.text, node.paragraphs, inner, position)
        self.announce_next_meeting(node)
        if speaker:
            self.remarks(node, speaker, inner, position)
        else:
            self.walk(node.children, inner, position)

    @staticmethod
    def inner_context(node: Node, title: str, rest: str | None, where: Context) -> Context:
        """The context of a heading's children.  A numbered sentence (no
        ``title：``) with only text under it is a report point, not a title:
        it adds no section."""
        if rest is None and node.text.rstrip().endswith("。") and all(c.kind == "text" for c in node.children):
            return replace(where)
        marker = node.number.marker if node.number else ""
        return Context(where.section + [squash(f"{marker}{title}")], title if where.section else None,
                       discussion=where.discussion or not where.section and bool(DISCUSSION.search(title)),
                       decided=any(c.kind == "block" and c.label.kind == "outcome" for c in node.children))

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
        if REQUEST.search(subject):
            self.add("request", subject, proposer, inner, node.paragraphs, position)
        self.walk(node.children, inner, position)

    def block(self, node: Node, where: Context, position: str) -> None:
        kind = node.label.kind
        if kind == "outcome":
            source = outcome_source(node.label.name)
            for text, paragraphs, marker in self.points(node):
                self.add(outcome_kind(node.label.name, text), text, source, where, paragraphs, f"{position}/{marker}")
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
        for text, paragraphs, marker in points:
            self.add(remark_kind(text), text, speaker, where, paragraphs, f"{position}/{marker}")
        self.walk(others, where, position)

    def report_text(self, text: str, paragraphs: list[Paragraph], where: Context, position: str) -> None:
        """Text outside any block: an item only for a tracking statement, a
        target, a dated plan, or, under a discussion item with no 決議 label,
        the outcome written inline (無異議通過, 先擱置)."""
        text = text.replace("\n", "")
        section = numbering(where.section[0]) if where.section else None
        source = section.rest if section else where.section[0] if where.section else None  # 工作報告
        statements = list(TRACKING.finditer(text))
        if len(statements) > 1:  # 第1案解除列管，第3案繼續列管: one item per status
            for index, statement in enumerate(statements):
                self.add("decision", statement.group(0), source, where, paragraphs, f"{position}/{index}")
        elif statements:  # 第1案解除列管 written without a 決定 label
            self.add("decision", text, source, where, paragraphs, position)
        elif where.discussion and not where.decided and OUTCOME_VERB.search(text):
            self.add("resolution", text, "決議", where, paragraphs, position)
        elif is_target(text):
            self.add("target", text, source, where, paragraphs, position)
        elif SCHEDULED.search(text):
            self.add("milestone", text, source, where, paragraphs, position)


def parse_minutes(document: Document, paragraphs: list[Paragraph]) -> tuple[Meeting, list[Item]]:
    """The meeting header and the follow-up items of a minutes document (see
    the module example)."""
    meeting = parse_header(paragraphs, document.pages)
    header_text = "\n".join(p.text for p in paragraphs[:10])
    parser = MinutesParser(document.sha256, meeting, context_from_text(header_text))
    parser.walk(build(paragraphs), Context([], None))
    meeting.next_meeting_date = meeting.next_meeting_date or parser.next_meeting_date
    for item in parser.items:  # 於下次會議提出: due on the announced date, if there is one
        if item.deadline.kind == "next_meeting" and not item.deadline.date:
            item.deadline.date = meeting.next_meeting_date
    return meeting, parser.items
