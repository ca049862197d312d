"""The meeting header: title, body, session, date, times, place, chair, recorder.

House styles differ (``壹、時間：``, ``時 間：``, ``開會日期：``, several fields on
one line, fields in a table), so the header is read as a run of
``name：value`` fields found anywhere in the paragraphs before the agenda.

Example::

    >>> from extract.model import Paragraph
    >>> rows = ["臺中市推動會報 112年第 3 次會議紀錄", "壹、時間：112年 11月 10日(星期五)下午 3時",
    ...         "參、主席：盧召集人秀燕     紀錄：張嘉玲", "壹拾、散會：下午 4時 05分"]
    >>> m = parse_header([Paragraph(t, 1) for t in rows])
    >>> m.body, m.session, m.date, m.start_time, m.end_time, m.chair, m.recorder
    ('臺中市推動會報', '112年第3次', '2023-11-10', '15:00', '16:05', ['盧召集人秀燕'], '張嘉玲')
"""

from __future__ import annotations

import re

from extract.layout import FULL_SHARE, canonical, is_clutter, right_edge
from extract.model import Line, Meeting, Page, Paragraph
from extract.outline import FIELDS, label, numbering
from extract.rocdate import NUMBER, parse_roc_date, to_halfwidth

HEADER_SPAN = 30  # the header lies within the first paragraphs
TITLE_END = re.compile(r"(?:會議)?(?:紀錄|記錄|議事錄|紀要)\s*(?:[(（][^()（）]{1,6}[)）])?\s*$")  # (核定本)
# A session: 112年第3次, 第11屆第3次定期大會第5次, 第20屆第7次定期會, 第11屆第1會期
# (a legislature's term and sitting, which may stand apart from the 第N次 of its
# committee).
SESSION = re.compile(
    r"(?:(?:\d{2,4}|[一二三四五六七八九十百〇零]+)\s*年\s*度?\s*)?"
    r"(?:第\s*(?:\d+|[一二三四五六七八九十百]+)\s*(?:屆|會期|次)(?:\s*(?:定期|臨時)大?會(?!議(?!事錄)))?\s*)+"
    r"(?<=[屆期次會])"
    r"|(?:\d{2,4}|[一二三四五六七八九十百〇零]+)\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月份"  # a monthly meeting: 113年10月份
)
# A title that names a meeting without 紀錄: a web page's 行政院第3875次會議 or
# 行政院第3875次會議決定.
MEETING_NAME = re.compile(r"(?:會議|會報|大會|座談會|協調會|審查會|聯席會)\s*$")
OUTCOME_SUFFIX = re.compile(r"(?:決定|決議|結論|紀要)(?:事項)?\s*$")
MEETING_OUTCOME = re.compile(rf"(?:會議|會報|大會)\s*{OUTCOME_SUFFIX.pattern}")
SENTENCE = re.compile(r"[，。；,;：:]")
# A field opens its line or follows a space or a separator — not 會議紀錄：. The
# recorder may follow the chair's name with its gap lost (主席：王局長紀錄：李四).
FIELD = re.compile(rf"(?:^|(?<=[\s，,；;)）])|(?<=[\u4e00-\u9fff])(?<!會議)(?=[紀記]\s*錄\s*[:：]))"
                   rf"(?P<name>{FIELDS})\s*[:：]\s*")
BARE_FIELD = re.compile(rf"^(?P<name>{FIELDS})\s+(?=\S)")  # the legislature's 時　　間　中華民國…, no colon
CLOCK = re.compile(
    r"(?P<half>上午|下午|中午|晚上|早上)?\s*(?P<hour>\d{1,2})\s*(?:時|點|:)\s*(?:(?P<minute>\d{1,2})\s*分?|(?P<half_hour>半))?"
)
RANGE = re.compile(r"\s*(?:至|到|~|～|-|－|—)\s*")
ADJOURN = re.compile(r"^散\s*會")
# The end of an organisation's name: a title's 會議 after it is generic.
ORGANISATION_END = re.compile(r"(?:團|會|組|平臺|平台|部|署|局|處|府|院|中心|司|所|室|科|隊|館|聯盟)$")
GENERIC_KIND = re.compile(r"(?:專案|定期|臨時|工作)?(?:會議|大?會)?")
TRAILING_ROLE = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")
# A chair's bracket naming who took over (（10時30分後由李副縣長文彬代理）).
ACTING_CHAIR = re.compile(r"由\s*(?P<name>[^\s()（）、，,；;由]{2,12}?)\s*(?:代理主持|接續主持|代理|主持)")
# A recorder written after their title or unit (簡任秘書　陳怡君, 議事組 林佩君).
UNIT_CHARS = "組科室課處局會股隊所署部院"
UNIT_END = re.compile(rf"[{UNIT_CHARS}]$")
TITLE_OR_UNIT_END = re.compile(rf"(?:秘書|編審|書記|助理|幹事|技正|技士|主任|[長員{UNIT_CHARS}])$")
PERSONAL_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")
# A date written in a title (屏東縣政府113年5月20日縣務會議, １１３年５月, 1 1 3 年):
# it dates the sitting and is no part of the body's name.
TITLE_DATE = re.compile(rf"(?:中華)?(?:民國)?\s*{NUMBER}\s*年\s*{NUMBER}\s*月\s*(?:{NUMBER}\s*[日號]\s*)?份?")


def join_spaced_digits(text: str) -> str:
    """Digits spread out by justified layout or web pages joined again.

    >>> join_spaced_digits("1 0 1 年 3 月 5 日"), join_spaced_digits("第 1 4 次"), join_spaced_digits("8 月 4 日")
    ('101 年 3 月 5 日', '第 14 次', '8 月 4 日')
    """
    return re.sub(r"(?<!\d)\d(?: \d)+(?!\d)", lambda m: m.group(0).replace(" ", ""), text)


def clock(match: re.Match, half: str | None = None) -> str:
    """``HH:MM`` from a :data:`CLOCK` match; ``half`` carries 下午 over to an
    end time written without it (下午2時至4時).

    >>> clock(CLOCK.search("下午 4時 05分")), clock(CLOCK.search("上午9時30分")), clock(CLOCK.search("14：00".replace("：", ":")))
    ('16:05', '09:30', '14:00')
    """
    hour = int(match.group("hour"))
    minute = 30 if match.group("half_hour") else int(match.group("minute") or 0)
    half = match.group("half") or half
    if half in ("下午", "晚上") and hour < 12:
        hour += 12
    return f"{hour:02d}:{minute:02d}"


def times(text: str) -> tuple[str | None, str | None]:
    """Start and end time in a time field (after its date).

    >>> times("110年12月13日(星期一)下午2時至4時"), times("2017 年 12 月 02 日 (星期六) 14：00")
    (('14:00', '16:00'), ('14:00', None))
    """
    text = to_halfwidth(text)
    text = re.sub(r"\d{2,4}\s*[年/.\-]\s*\d{1,2}\s*[月/.\-]\s*\d{1,2}\s*日?", " ", text)  # drop the date
    start = CLOCK.search(text)
    if not start:
        return None, None
    end = RANGE.match(text, start.end())
    end_match = CLOCK.match(text, end.end()) if end else None
    return clock(start), clock(end_match, start.group("half")) if end_match else None


def fields(texts: list[str]) -> dict[str, str]:
    """``name：value`` pairs found in ``texts``; the first value of each name wins.
    Names are normalised without spaces (``時 間`` → ``時間``); a line may
    also open with a name and spaces instead of a colon.

    >>> fields(["參、主席：X    紀錄：Y", "時 間：112年", "確認前次會議紀錄：確認。"])
    {'主席': 'X', '紀錄': 'Y', '時間': '112年'}
    >>> fields(["時\u3000\u3000間\u3000中華民國113年3月13日", "主\u3000\u3000席\u3000林委員月琴", "主席致詞"])
    {'時間': '中華民國113年3月13日', '主席': '林委員月琴'}
    """
    found: dict[str, str] = {}
    for text in texts:
        number = numbering(text)
        text = number.rest if number else text.strip()
        matches = list(FIELD.finditer(text)) or list(filter(None, [BARE_FIELD.match(text)]))
        for match, following in zip(matches, matches[1:] + [None]):
            value = text[match.end():following.start() if following else len(text)].strip()
            name = re.sub(r"\s+", "", match.group("name"))
            found.setdefault(name, value)
    return found


def table_fields(pages: list[Page]) -> list[str]:
    """Header tables (時間 | 112年…) as ``name：value`` texts.

    >>> table_fields([Page(1, [], tables=[[["時間", "112年1月7日"], ["地點", None]]])])
    ['時間：112年1月7日']
    """
    texts = []
    for page in pages[:1]:
        for table in page.tables:
            for row in table:
                cells = [c.strip() for c in row if c and c.strip()]
                for name, value in zip(cells, cells[1:]):
                    if FIELD.fullmatch(name + "："):
                        texts.append(f"{name}：{value}")
    return texts


def field_value(found: dict[str, str], *keywords: str) -> str | None:
    """The first field whose name contains one of ``keywords``.

    >>> field_value({"開會地點": "本府301室", "主持人": "王主委"}, "主席", "主持人")
    '王主委'
    """
    for keyword in keywords:
        for name, value in found.items():
            if keyword in name and value:
                return value
    return None


def title_rank(text: str) -> int | None:
    """How surely a line is the meeting's title: 0 for …會議紀錄, 1 for a bare
    meeting name (…第3875次會議), 2 for …會議決定; None for other lines.

    >>> title_rank("行政院第3875次會議決定"), title_rank("行政院第3875次會議"), title_rank("臺北市政府第2201次市政會議紀錄")
    (2, 1, 0)
    >>> title_rank("地點：第一會議室"), title_rank("二、討論事項"), title_rank("請於下次會議提出報告。")
    (None, None, None)
    """
    if label(text) or numbering(text) or is_clutter(text):
        return None
    if TITLE_END.search(text):
        return 0
    if len(text) > 60 or SENTENCE.search(text):
        return None
    return 1 if MEETING_NAME.search(text) else 2 if MEETING_OUTCOME.search(text) else None


def title_of(paragraphs: list[Paragraph]) -> str | None:
    """The heading line naming the meeting, looked for line by line (a
    letterhead may share its paragraph): the first ending in 會議紀錄/紀錄, else
    the first bare meeting name, else a 會議決定 page title; joined with the
    line before it when the title is split (臺中市政府 / 112年第1次會議紀錄).
    Spaced digits (1 1 2年) are closed up.

    >>> title_of([Paragraph("中華民國天文學會", 1), Paragraph("第26屆第3次理監事會議 會議紀錄", 1)])
    '中華民國天文學會 第26屆第3次理監事會議 會議紀錄'
    >>> title_of([Paragraph("首頁 > 院會議案", 1), Paragraph("行政院第3875次會議決定", 1), Paragraph("行政院第3875次會議", 1)])
    '行政院第3875次會議'
    """
    lines = [line for p in paragraphs[:HEADER_SPAN] for line in (p.lines or [Line(p.text, p.page)])]
    widest = max((right_edge(line) for line in lines), default=0)
    # (text, whether a PDF line runs to the right margin, so that the next continues it)
    entries = rejoin_split_title([(canonical(line.text.strip()),
                                   line.bbox is not None and right_edge(line) >= FULL_SHARE * widest)
                                  for line in lines])
    ranked = [(rank, index) for index, (text, _) in enumerate(entries) if (rank := title_rank(text)) is not None]
    if not ranked:
        return None
    _, index = min(ranked)
    text = entries[index][0]
    before, wrapped = entries[index - 1] if index else ("", False)
    wrapped = wrapped and title_rank(before) is None
    if before and (SESSION.match(text) or len(text) <= 6 or wrapped) and not re.search(r"[，。：:A-Za-z]", before) \
            and not is_clutter(before):
        text = f"{before} {text}" if SESSION.match(text) else before + text
    return join_spaced_digits(text)


def rejoin_split_title(entries: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """(line, runs to the margin) entries with a title wrapped inside its last
    word (…全體委員會議紀 / 錄) as one.

    >>> rejoin_split_title([("立法院社會福利及衛生環境委員會第12次全體委員會議紀", True), ("錄", False), ("時間：…", False)])
    [('立法院社會福利及衛生環境委員會第12次全體委員會議紀錄', False), ('時間：…', False)]
    """
    joined: list[tuple[str, bool]] = []
    for text, full in entries:
        if joined and len(text) <= 4 and title_rank(joined[-1][0]) is None \
                and title_rank(joined[-1][0] + text) is not None:
            joined[-1] = (joined[-1][0] + text, full)
        else:
            joined.append((text, full))
    return joined


def body_of(title: str) -> str:
    """The committee or platform: the title without its session and 會議紀錄,
    keeping a meeting type written after the session (縣務會議, 理監事會議)
    but not a generic one (專案會議).

    >>> body_of("強化社會安全網政策溝通平臺第14次專案會議紀錄"), body_of("嘉義市行政輔導團會議紀錄")
    ('強化社會安全網政策溝通平臺', '嘉義市行政輔導團')
    >>> body_of("屏東縣政府113年第2次縣務會議紀錄"), body_of("中華民國天文學會第28屆第1次理監事會議會議紀錄")
    ('屏東縣政府縣務會議', '中華民國天文學會理監事會議')
    >>> body_of("嘉義市議會第11屆第3次定期大會第5次會議紀錄"), body_of("行政院第3875次會議決定")
    ('嘉義市議會', '行政院')
    >>> body_of("嘉義縣議會第20屆第7次定期會第12次會議紀錄"), session_of("嘉義縣議會第20屆第7次定期會第12次會議紀錄")
    ('嘉義縣議會', '第20屆第7次定期會第12次')
    >>> body_of("立法院第11屆第1會期社會福利及衛生環境委員會第5次全體委員會議紀錄")
    '立法院社會福利及衛生環境委員會全體委員會議'
    >>> body_of("臺南市政府衛生局局務會議紀錄"), body_of("臺南市政府衛生局第5次局務會議紀錄")
    ('臺南市政府衛生局局務會議', '臺南市政府衛生局局務會議')
    >>> body_of("屏東縣政府１１３年５月２０日縣務會議紀錄"), body_of("屏東縣政府1 1 3 年 5 月 2 0 日縣務會議紀錄")
    ('屏東縣政府縣務會議', '屏東縣政府縣務會議')
    """
    title = TITLE_DATE.sub("", title)
    sessions = list(SESSION.finditer(title))
    if not sessions or sessions[0].start() == 0:
        body = TITLE_END.sub("", title).strip()
        # TITLE_END took 會議 along with 紀錄; it is part of the name unless what is
        # left is an organisation (…輔導團會議 → …輔導團; …局務會議, …諮詢會議 keep it)
        end = TITLE_END.search(title)
        took_meeting = end is not None and end.group().lstrip().startswith("會議")
        return body + "會議" if took_meeting and not ORGANISATION_END.search(body) else body
    prefix = title[:sessions[0].start()].strip()
    between = "".join(title[a.end():b.start()].strip() for a, b in zip(sessions, sessions[1:]))
    kind = re.sub(r"\s+", "", OUTCOME_SUFFIX.sub("", TITLE_END.sub("", title[sessions[-1].end():])))
    if GENERIC_KIND.fullmatch(kind):
        return prefix + between
    return prefix + between + (kind if kind.endswith(("會議", "會報", "大會")) else f"{kind}會議")


def session_of(title: str) -> str | None:
    """The session the title names, its parts joined without spaces and in
    ASCII digits (第５２０次 → 第520次).

    >>> session_of("臺中市推動會報 112年第 3 次會議紀錄"), session_of("立法院第11屆第1會期社福委員會第5次全體委員會議")
    ('112年第3次', '第11屆第1會期第5次')
    >>> session_of("高雄市政府第５２０次市政會議紀錄")
    '第520次'
    """
    parts = [re.sub(r"\s+", "", to_halfwidth(match.group(0))) for match in SESSION.finditer(title)]
    return "".join(parts) or None


def people(value: str | None) -> list[str]:
    """Names in a chair field, without a trailing role in brackets; a bracket
    naming who took over the chair (由李副縣長文彬代理) adds that person.

    >>> people("嘉義市政府黃市長敏惠、行政院林政務委員萬億"), people("朱有花 (理事長)")
    (['嘉義市政府黃市長敏惠', '行政院林政務委員萬億'], ['朱有花'])
    >>> people("潘縣長明德（10時30分後由李副縣長文彬代理）")
    ['潘縣長明德', '李副縣長文彬']
    """
    if not value:
        return []
    names = []
    for name in re.split(r"[、，,；;](?![^()（）]*[)）])", value):  # not inside a bracket
        role = TRAILING_ROLE.search(name)
        acting = ACTING_CHAIR.search(role.group()) if role else None
        names += [TRAILING_ROLE.sub("", name).strip()] + ([acting.group("name")] if acting else [])
    return [name for name in names if name]


def recorder_of(value: str | None) -> str | None:
    """The recorder's name, without a trailing role in brackets or a title or
    unit written before it and apart from it; a bare name or a unit alone stays.

    >>> recorder_of("簡任秘書\u3000陳怡君"), recorder_of("議事組 林佩君"), recorder_of("王小明（研考會）")
    ('陳怡君', '林佩君', '王小明')
    >>> recorder_of("議事組"), recorder_of("陳科員怡君"), recorder_of("陳怡君 林書豪"), recorder_of("秘書處 文書科")
    ('議事組', '陳科員怡君', '陳怡君 林書豪', '秘書處 文書科')
    """
    value = TRAILING_ROLE.sub("", value or "").strip()
    if not value:
        return None
    *before, last = value.split()
    if before and TITLE_OR_UNIT_END.search(before[-1]) and PERSONAL_NAME.fullmatch(last) \
            and not UNIT_END.search(last):  # 秘書處 文書科: a unit, not a person
        return last
    return value


def adjourn_time(paragraphs: list[Paragraph]) -> str | None:
    """The end time stated with 散會 (散會：下午4時05分, 散會(下午4時), 散會：17:00).

    >>> adjourn_time([Paragraph("陸、 散會。（上午11時30分）", 7)])
    '11:30'
    """
    for paragraph in paragraphs:
        number = numbering(paragraph.text)
        text = number.rest if number else paragraph.text.strip()
        if ADJOURN.match(text):
            start, _ = times(text)
            if start:
                return start
    return None


def parse_header(paragraphs: list[Paragraph], pages: list[Page] | None = None) -> Meeting:
    """The :class:`Meeting` described by the header paragraphs (and, for
    header tables, the first page's tables); see the module example."""
    head = [p.text for p in paragraphs[:HEADER_SPAN]] + table_fields(pages or [])
    found = fields(head)
    title = title_of(paragraphs)
    when = [join_spaced_digits(value) for name, value in found.items() if "時間" in name or "日期" in name]
    date = next(filter(None, (parse_roc_date(value) for value in when)), None)
    start, end = next((t for t in map(times, when) if t[0]), (None, None))
    return Meeting(
        title=title,
        body=body_of(title) if title else None,
        session=session_of(title) if title else None,
        date=date.isoformat() if date else None,
        start_time=start,
        end_time=adjourn_time(paragraphs) or end,
        location=field_value(found, "地點"),
        chair=people(field_value(found, "主席", "主持人", "召集人")),
        recorder=recorder_of(field_value(found, "紀錄", "記錄")),
    )
