"""The outline grammar of Taiwan government minutes: numbering levels and labels.

Minutes nest numbered points ``壹、 > 一、 > (一) > 1. > (1)`` and mark blocks
with labels (``案由：``, ``說明：``, ``決議：``, ``主席裁示：``, ``院長提示：``...).
This module recognises both at the start of a paragraph (:func:`numbering`,
:func:`label`) and builds a tree of nodes from paragraphs (:func:`build`).

Example::

    >>> numbering("（二）請衛生局辦理。").level, numbering("（二）請衛生局辦理。").rest
    (3, '請衛生局辦理。')
    >>> label("縣長裁示: 請民政局辦理").kind
    'outcome'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.model import Paragraph
from extract.rocdate import cn_to_int

FORMAL_DIGITS = "壹貳參叁肆伍陸柒捌玖拾"
STEMS = "甲乙丙丁戊己庚辛壬癸"  # 甲、報告事項 乙、討論事項: the top level of some minutes
CJK_DIGITS = "一二三四五六七八九十ㄧ"  # ㄧ (bopomofo) is a common typo for 一
# Formal digits (壹貳參) and the bopomofo ㄧ typed for 一, as plain numerals for rocdate.cn_to_int.
PLAIN_DIGITS = str.maketrans("零壹貳參叁肆伍陸柒捌玖拾ㄧ甲乙丙丁戊己庚辛壬癸", "〇一二三三四五六七八九十一一二三四五六七八九十")

SEP = r"\s*[、，,.．]\s*"
LEADING_JUNK = " \t\u3000“”\"'‘’`•·→➔►▶●■◆◇○◎□àØü"  # OCR, web and symbol-font (Wingdings à = ➔) bullets
OPEN, CLOSE = r"[（(]\s*", r"\s*[)）]\s*"

# (level, pattern); the captured group is the number as written.
LEVELS: tuple[tuple[int, re.Pattern], ...] = (
    (1, re.compile(rf"^([{FORMAL_DIGITS}]{{1,3}}){SEP}")),
    (1, re.compile(rf"^([{STEMS}])、\s*")),
    (2, re.compile(rf"^([{CJK_DIGITS}]{{1,3}}){SEP}")),
    (3, re.compile(rf"^{OPEN}([{CJK_DIGITS}]{{1,3}}){CLOSE}")),
    # not 7、8月 (a list of months), not 2.5億 (a decimal); but 2.114年度… is point 2
    (4, re.compile(r"^(\d{1,2})(?:\s*[、．]\s*(?!\d{1,2}\s*月)|\.(?!\d)\s*|\.(?=\d{2,4}\s*年))")),
    (5, re.compile(rf"^{OPEN}(\d{{1,2}}){CLOSE}")),
    (5, re.compile(r"^(\d{1,2})[)）]\s*(?=\S)")),  # 1) on web pages and in plain-text exports
)


def chinese_number(text: str) -> int:
    """The value of an outline number, formal (壹拾貳) or plain (十二), 0 if it is none.

    >>> chinese_number("十二"), chinese_number("壹拾"), chinese_number("二十一"), chinese_number("7")
    (12, 10, 21, 7)
    """
    try:
        return cn_to_int(text.translate(PLAIN_DIGITS))
    except ValueError:
        return 0


@dataclass(frozen=True)
class Numbering:
    level: int  # 1 = 壹、 ... 5 = (1)
    value: int
    marker: str  # the number as written, with its punctuation
    rest: str  # the text after the number


def numbering(text: str) -> Numbering | None:
    """The outline number that starts ``text``, if any.

    >>> n = numbering("壹拾、散會：下午 4時 05分")
    >>> n.level, n.value, n.rest
    (1, 10, '散會：下午 4時 05分')
    >>> numbering("1.1 參與人數") is None, numbering("2年內修畢") is None
    (True, True)
    """
    stripped = text.lstrip(LEADING_JUNK)
    for level, pattern in LEVELS:
        match = pattern.match(stripped)
        if match:
            rest = stripped[match.end():]
            return Numbering(level, chinese_number(match.group(1)), match.group(0).strip(), rest)
    return None


# Outcome labels: who decided, and how.  A head (主席, 市長, 院長, 縣長, 召集人...)
# followed by a verb (指示, 裁示, 提示, 結論...), or a collective outcome word.
HEADS = (r"(?:主席|主持人|召集人|首長|副?(?:院|市|縣|部|署|局|處|鎮|鄉|區)長|總統|副總統|委員長"
         r"|主任委員|主委|召集委員|執行長|(?:副|執行)?秘書長|執行秘書|理事長|董事長)")
# 主席（副市長）裁示, 林副市長裁示, 主席黃副市長裁示: the head with its holder's
# surname, or the chair's office in brackets.
HEAD = (rf"(?:(?:主席|主持人|{HEADS})\s*[(（][^()（）]{{1,8}}[)）]"  # 主席（副市長）, 院長（召集人）
        rf"|(?:主席|主持人)?\s*(?:[\u4e00-\u9fff]{{1,2}}(?={HEADS}))?{HEADS})")
VERBS = r"(?:指[(（]裁[)）]示|裁[(（]指[)）]示|指裁示|裁指示|裁示|指示|提示|裁決|結論|講評|總結|宣告|宣布)"
OUTCOMES = (r"(?:會議|委員會|院會|大會|附帶|主)?(?:決議|決定|議決|結論)(?:事項|如下)?|綜合結論"
            r"|(?:討論|審查|審議)結果")


def spaced(word: str) -> str:
    """A pattern for ``word`` allowing spaces between its characters (時 間)."""
    return r"\s*".join(word)


# Header fields: the meeting's time, place, chair, recorder and attendees.
FIELDS = "|".join(
    [rf"(?:(?:開會|會議)\s*)?(?:{spaced('日期')}|{spaced('時間')})(?:\s*及\s*(?:{spaced('時間')}|{spaced('地點')}))?",
     rf"(?:(?:開會|會議)\s*)?{spaced('地點')}(?:\s*及\s*{spaced('時間')})?", spaced("主席"), spaced("主持人"), r"召集人",
     r"[紀記]\s*錄(?:人)?", r"出\s*[(（]\s*列\s*[)）]\s*席(?:人員|單位|者)?",
     r"(?:出席|列席|與會|請假)(?:人員|單位|者)?(?:姓名)?"]
)
# A motion's heading in a council or board: 案由二, 提案一, 第一案, 提案第15號,
# 第3號提案, 議案第2號, 案號：15.
CASE_NO = r"[一二三四五六七八九十百\d]+"
CASE_HEADING = (rf"案\s*由\s*(?:{CASE_NO})?|提\s*案\s*{CASE_NO}|第\s*{CASE_NO}\s*案"
                rf"|(?:提案|議案)\s*第\s*{CASE_NO}\s*號(?:\s*[、及與]\s*第\s*{CASE_NO}\s*號)*"  # 提案第14號、第15號
                rf"|第\s*{CASE_NO}\s*號\s*(?:提案|議案)"
                rf"|案\s*號\s*[:：]?\s*(?:第\s*)?{CASE_NO}\s*號?")
LABEL_KINDS: tuple[tuple[str, str], ...] = (
    ("field", rf"(?:{FIELDS})(?=\s*[:：])"),
    # 裁示： alone names no head; 部長綜合指示; 副縣長補充 (補充 alone is 補充說明's)
    ("outcome", rf"(?:{HEAD}\s*)?(?:綜合)?{VERBS}(?:事項)?|{HEAD}\s*補充(?:指示|說明)?|{OUTCOMES}"),
    ("case", CASE_HEADING),
    # background, proposed handling, and a motion's co-signers (連署人：…)
    ("explanation", r"說\s*明|背景說明|補充說明|辦\s*法|擬\s*辦|(?:連署|附議)(?:人|議員)"),
    ("proposal", r"建\s*議"),  # what the proposer asks for
    ("proposer", r"(?:提案|報告|承辦|主辦)(?:單位|機關|人)"),
    ("confirm", r"確認前次會議紀錄|確認上次會議紀錄|前次會議紀錄確認"),
    ("section", rf"(?:報告|討論|選舉)(?:事項|案)(?:\s*{CASE_NO})?|臨時(?:動議|提案)|綜合(?:座談|討論)|散\s*會"),  # 報告案二
)
LABEL = re.compile(
    "^(?:" + "|".join(f"(?P<{kind}>{pattern})" for kind, pattern in LABEL_KINDS)
    + r")\s*(?:[:：]\s*|$|(?=[(（。])|\s+(?=(?:提案|報告|承辦|主辦)(?:單位|機關|人)\s*[:：]))"  # 第一案 提案單位：…
)


@dataclass(frozen=True)
class Label:
    kind: str  # field, outcome, case, explanation, proposal, proposer, confirm, section
    name: str  # the label as written, without its colon (決議, 主席指(裁)示, 案由二)
    rest: str  # the text after the label


def label(text: str) -> Label | None:
    """The block label that starts ``text`` (with a colon, or alone), if any.

    >>> l = label("院長提示：請各部會落實。")
    >>> l.kind, l.name, l.rest
    ('outcome', '院長提示', '請各部會落實。')
    >>> label("決議:照案通過").rest, label("案由二：為落實…").kind
    ('照案通過', 'case')
    >>> label("決議事項之執行") is None, label("散會(下午4時)").kind, label("臨時動議：無").kind
    (True, 'section', 'section')
    """
    text = text.strip().lstrip(LEADING_JUNK)
    match = LABEL.match(text)
    if not match:
        return None
    kind = match.lastgroup
    return Label(kind, match.group(kind), text[match.end():])


SENTENCE_MARKS = re.compile(r"[，。；：:,;？?！!「」、]")
ORG_SUFFIX = re.compile(
    r"(?:部|署|司|局|處|會|院|府|中心|所|館|隊|組|科|室|廳|團|辦公室|主席|主持人|召集人|委員|代表|議員|首長)$"
)
REMARKS_HEADING = re.compile(r"^(?P<who>.+?)(?:整體|綜合)?(?:建議|意見|發言|回應)(?:[及與暨](?:建議|意見|回應))?$")
PERSON = re.compile(r"委員|代表|法官|檢察官|教授|議員|老師|先生|女士|律師|醫師|專家|學者")


def speaker_name(text: str) -> str | None:
    """The speaker a short unpunctuated line names (``勞動部``, ``主席``,
    ``1. 衛生福利部保護服務司``), or None.

    >>> speaker_name("衛生福利部心理及口腔健康司"), speaker_name("主席"), speaker_name("請衛生局辦理。")
    ('衛生福利部心理及口腔健康司', '主席', None)
    """
    text = text.strip()
    if not 2 <= len(text) <= 30 or SENTENCE_MARKS.search(text) or re.search(r"[0-9/]", text):
        return None
    return text if ORG_SUFFIX.search(re.sub(r"\s+", "", text)) else None


@dataclass
class Node:
    """One element of the outline.

    ``kind`` is ``heading`` (a numbered title), ``case`` (案由), ``block``
    (a labelled block: 說明, 建議, 決議, 主席裁示...), ``speaker`` (remarks of
    one speaker), ``point`` (a numbered point inside a block) or ``text``.
    """

    kind: str
    text: str  # without number and label
    paragraphs: list[Paragraph] = field(default_factory=list)
    number: Numbering | None = None
    label: Label | None = None
    children: list["Node"] = field(default_factory=list)
    speaker: str | None = None  # who speaks (speaker nodes) or proposes (cases: 提案單位)

    @property
    def level(self) -> int | None:
        return self.number.level if self.number else None

    @property
    def title(self) -> str:
        """The heading as it appears in a section path: number and text, no colon."""
        marker = self.number.marker if self.number else ""
        name = self.label.name if self.kind in ("case", "block") and self.label else self.speaker
        return re.sub(r"\s+", "", f"{marker}{name or self.text}").rstrip(":：")

    def add_paragraph(self, paragraph: Paragraph, text: str) -> None:
        self.paragraphs.append(paragraph)
        self.text = text if not self.text else f"{self.text}\n{text}"


def remarks_speaker(node: Node) -> str | None:
    """The speaker of a heading that introduces one person's remarks
    (``玖、謝委員整體建議及回應：``).

    >>> remarks_speaker(Node("heading", "王委員意見：")), remarks_speaker(Node("heading", "綜合建議"))
    ('王委員', None)
    """
    match = REMARKS_HEADING.match(node.text.strip().rstrip(":："))
    if not match or node.kind != "heading":
        return None
    who = match.group("who")
    return who if PERSON.search(who) or speaker_name(who) else None


SPEECH_WORD = re.compile(r"(?:回應|答覆|說明|補充說明|補充|意見|發言)$")
SPEAKER_COLON = re.compile(r"^(?P<who>[^，。；：:,;]{2,30}?)\s*[:：]\s*(?P<said>.+)$")


DECIMAL_LIKE_POINT = re.compile(r"^(\d{1,2})\.(?=\d)")
# A row of a table typed as text (cells between ｜ or |), or the title of a table.
TABLE_LINE = re.compile(r"^[^｜|]*[｜|][^｜|]*[｜|]|^[^，。；]{2,20}表\s*[:：]?$")
# A line wholly in brackets that says something (a clause, a sentence), unlike a
# note of units (（工務處、社會處）), which belongs to the point before it.
PROCEDURAL_NOTE = re.compile(r"^[（(][^（）()]*[，。,；][^（）()]*[）)]$")
TITLED = re.compile(r"^[^，。；：:,;「」]{2,24}[:：]")
# A motion's title ends with 案 or a formula putting it to the meeting (請公決,
# 提請討論, 提請審議, 請核議).
PUT_TO_MEETING = re.compile(r"(?:提|敬)?請\s*(?:大會|本會|院會|會議)?\s*(?:公決|討論|審議|核議|核示|鑒核|審查|議決)"
                            r"(?:\s*案)?\s*[。.]?$")
MOTION = re.compile(rf"案\s*[。.]?$|{PUT_TO_MEETING.pattern}")


def agenda_title(text: str) -> bool:
    """A heading naming an agenda item: written ``title：rest`` (民政局報告：…)
    or a motion (審查「…」草案案。); not a sentence that asks (請…：) or a
    report point.

    >>> agenda_title("工務局報告：汛期道路維護情形。"), agenda_title("審查「職業安全衛生法」修正草案案。")
    (True, True)
    >>> agenda_title("請各局處辦理下列事項："), agenda_title("衛生福利部函公布計畫，提會報告。")
    (False, False)
    """
    text = text.strip()
    return (bool(TITLED.match(text)) or bool(MOTION.search(text))) and not text.startswith("請")


class OutlineBuilder:
    """Reads paragraphs one by one, keeping a stack of open nodes: headings
    by level, then at most one case, one block or speaker, and its point."""

    def __init__(self) -> None:
        self.roots: list[Node] = []
        self.stack: list[Node] = []

    def attach(self, node: Node) -> None:
        (self.stack[-1].children if self.stack else self.roots).append(node)
        self.stack.append(node)

    def close_blocks(self, keep_case: bool) -> None:
        while self.stack and self.stack[-1].kind != "heading":
            if keep_case and self.stack[-1].kind == "case":
                return
            self.stack.pop()

    def closes_section(self, number: Numbering | None) -> bool:
        """Whether ``number`` opens a section at the level of an open heading
        (七、市長提示 after 六、討論事項's cases), closing that heading's cases."""
        return number is not None and any(n.kind == "heading" and n.number is not None
                                          and (numbering(n.number.marker) or n.number).level >= number.level
                                          for n in self.stack)  # as written: 六、討論事項 is a top section

    def in_agenda(self) -> bool:
        """Past the header: an open heading that is not a header field."""
        return any(n.kind == "heading" and not (n.label and n.label.kind == "field") for n in self.stack)

    def container(self) -> Node | None:
        return next((n for n in reversed(self.stack) if n.kind in ("block", "speaker")), None)

    def add_point(self, number: Numbering, rest: str, paragraph: Paragraph) -> bool:
        """Add a numbered paragraph to the open block or speaker if it is one
        of its points (or a sub-point of its last point); False otherwise."""
        container = self.container()
        if container is None or speaker_name(rest) is not None or number.level < (container.level or 0):
            return False
        points = [c for c in container.children if c.kind == "point"]
        if number.level == (container.level or 0) and not restarts_list(number, points, rest):
            return False
        if points and number.level > points[0].level:
            self.stack[-1].add_paragraph(paragraph, paragraph.text.strip())  # a sub-point
            return True
        heading = next((n for n in reversed(self.stack) if n.kind == "heading"), None)
        if points:
            is_point = number.level == points[0].level and number.value == points[-1].number.value + 1
            # the next agenda heading after a one-point block numbered like it
            # (一、民政局報告 / 市長裁示： / 一、… / 二、工務局報告：…)
            is_point = is_point and not (heading and heading.level == number.level and agenda_title(rest)
                                         and number.value == heading.number.value + 1)
        else:
            heading_level = max((n.level or 0 for n in self.stack if n.kind in ("heading", "speaker")), default=0)
            takes_points = not container.text.strip() or container.text.rstrip().endswith((":", "：", "如下"))
            is_point = takes_points and (number.level > heading_level or number.value == 1)
        if not is_point:
            return False
        while self.stack[-1] is not container:
            self.stack.pop()
        if not points and not (heading and agenda_title(heading.text)):
            self.lift(container, number.level)
        self.attach(Node("point", rest, [paragraph], number))
        return True

    def next_point(self, text: str) -> Numbering | None:
        """5.119受理派遣系統… after point 4.: the next point, though 5.119 alone
        reads as a decimal."""
        found = DECIMAL_LIKE_POINT.match(text.lstrip(LEADING_JUNK))
        container = self.container()
        points = [c for c in container.children if c.kind == "point"] if container else []
        if not found or not points or points[-1].level != 4 or int(found.group(1)) != points[-1].number.value + 1:
            return None
        return Numbering(4, int(found.group(1)), found.group(1) + ".", text.lstrip(LEADING_JUNK)[found.end():])

    def lift(self, container: Node, point_level: int) -> None:
        """Move a block up from headings no higher than its points: after
        report points (一)(二), a block numbered (一) belongs to their parent."""
        stack = self.stack
        while len(stack) >= 3 and stack[-2].kind == "heading" and (stack[-2].level or 0) >= point_level:
            stack[-2].children.remove(container)
            del stack[-2]
            stack[-2].children.append(container)

    def open_speaker(self, name: str, said: str, paragraph: Paragraph, number: Numbering | None) -> None:
        self.close_blocks(keep_case=True)
        if number:  # a numbered speaker line closes siblings at its level
            while self.stack and self.stack[-1].level is not None and self.stack[-1].level >= number.level:
                self.stack.pop()
        self.attach(Node("speaker", said, [paragraph], number, speaker=name))

    def promote_silent_speaker(self) -> None:
        """A numbered unit line followed by a label (一、捷運工程局 / 市長指示：…)
        titled that unit's agenda item; it said nothing, so it is a heading."""
        top = self.stack[-1] if self.stack else None
        if top and top.kind == "speaker" and top.number and not top.text.strip() and not top.children:
            top.kind, top.text, top.speaker = "heading", top.speaker or "", None

    def open_heading(self, number: Numbering, rest: str, paragraph: Paragraph, found: Label | None) -> None:
        self.close_blocks(keep_case=False)
        while self.stack and (self.stack[-1].level is None or self.stack[-1].level >= number.level):
            self.stack.pop()
        self.attach(Node("heading", rest, [paragraph], number, found))

    def add(self, paragraph: Paragraph) -> None:
        number = numbering(paragraph.text) or self.next_point(paragraph.text)
        rest = number.rest if number else paragraph.text.strip()
        found = label(rest)
        if number and (found is None or found.kind != "case") and self.add_point(number, rest, paragraph):
            return
        if found and found.kind == "section":
            # an agenda section is a top heading, however it is numbered (1、 報告事項)
            number = Numbering(1, number.value if number else 0, number.marker if number else "", rest)
            found = None
        if found and found.kind == "confirm" and number:
            found = None  # 貳、確認前次會議紀錄：確認。 is an agenda heading
        said = SPEAKER_COLON.match(rest) if number is None and self.in_agenda() else None
        who = SPEECH_WORD.sub("", said.group("who")) if said else None  # 衛生局回應： → 衛生局
        case = next((n for n in reversed(self.stack) if n.kind == "case"), None)
        if found and found.kind == "proposer" and case is not None:
            case.speaker = found.rest.strip("()（） ")
            case.paragraphs.append(paragraph)
        elif found and found.kind == "proposer" and self.stack and self.stack[-1].kind == "point":
            # 主辦機關：數位發展部；協辦機關：內政部 under a point assigns it; the block goes on
            self.stack[-1].add_paragraph(paragraph, paragraph.text.strip())
        elif found and found.kind == "case" and case is not None and not case.text and not case.children:
            case.text = found.rest  # 第一案 / 案由：… written on two lines
            case.paragraphs.append(paragraph)
        elif found and found.kind != "field":
            self.promote_silent_speaker()
            self.close_blocks(keep_case=found.kind != "case" and not self.closes_section(number))
            while number and self.stack and (self.stack[-1].level or 0) >= number.level:
                self.stack.pop()  # 二、第2案：… is the sibling of 一、…, not inside it
            first_point = numbering(found.rest) if found.kind != "case" else None
            proposer = label(found.rest) if found.kind == "case" else None
            if proposer and proposer.kind == "proposer":  # 第一案 提案單位：主計處, its 案由 on the next line
                self.attach(Node("case", "", [paragraph], number, found, speaker=proposer.rest.strip("()（） ")))
                return
            self.attach(Node("case" if found.kind == "case" else "block", "" if first_point else found.rest,
                             [paragraph], number, found))
            if first_point:  # 決議: (1) …: the block's first point on the label's own line
                self.attach(Node("point", first_point.rest, [paragraph], first_point))
        elif speaker_name(rest):
            self.open_speaker(rest, "", paragraph, number)
        elif said and speaker_name(who):  # 王委員：… or 主席：… in the agenda
            self.open_speaker(who, said.group("said"), paragraph, None)
        elif number:
            self.open_heading(number, rest, paragraph, found)
        elif self.stack and self.stack[-1].kind in ("point", "block") and TABLE_LINE.search(rest):
            # a table typed after the points (裁示事項權責分工表： / 項次｜裁示事項｜權責單位｜…)
            # is text of the section, not of the last point
            self.close_blocks(keep_case=True)
            (self.stack[-1].children if self.stack else self.roots).append(Node("text", rest, [paragraph]))
        elif self.stack and self.stack[-1].kind == "point" and PROCEDURAL_NOTE.match(rest):
            # （縣長另有行程先行離席，以下由副縣長代理主持） after a point is not part of it
            self.stack[-1].children.append(Node("text", rest, [paragraph]))
        elif self.stack and self.stack[-1].kind != "heading":
            self.stack[-1].add_paragraph(paragraph, rest)
        else:
            (self.stack[-1].children if self.stack else self.roots).append(Node("text", rest, [paragraph]))


def restarts_list(number: Numbering, points: list[Node], rest: str) -> bool:
    """Whether a number styled like its block's own (七、部長指示： / 一、…) is one
    of the block's points: the list starts at 1 or goes on from its last
    point, and the paragraph is a sentence, not a heading of the outer list
    (八、散會, 三、臨時動議：無).

    >>> restarts_list(Numbering(2, 1, "一、", "請國庫署辦理。"), [], "請國庫署辦理。")
    True
    >>> restarts_list(Numbering(2, 8, "八、", "散會：上午11時"), [], "散會：上午11時")
    False
    """
    if label(rest) is not None or agenda_title(rest):
        return False
    if not points:
        return number.value == 1
    return points[-1].level == number.level and number.value == points[-1].number.value + 1


def build(paragraphs: list[Paragraph]) -> list[Node]:
    """The outline tree of ``paragraphs``: numbered headings nest by level;
    a label opens a block that collects the numbered points after it until
    a higher heading, the next label or a speaker line closes it.

    >>> tree = build([Paragraph(t, 1) for t in ["壹、報告事項", "一、工作報告", "決定：", "(一)洽悉。", "(二)請社會局辦理。", "二、下次會議"]])
    >>> [(n.title, [c.title for c in n.children]) for n in tree]
    [('壹、報告事項', ['一、工作報告', '二、下次會議'])]
    >>> [p.text for p in tree[0].children[0].children[0].children]
    ['洽悉。', '請社會局辦理。']
    """
    builder = OutlineBuilder()
    for paragraph in paragraphs:
        builder.add(paragraph)
    return builder.roots
