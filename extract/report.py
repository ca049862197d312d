"""Follow-up items of reports (專案報告) and briefing decks (簡報).

Neither has a meeting, chair or 決議; their follow-ups are

* **requests**: a unit asking a higher level (建請中央…, the rows of a
  ``單位 | 事項`` table under 待中央協助事項); the addressee is the
  responsible unit;
* **targets**: quantified goals (:mod:`extract.targets`); in a list headed
  指標 a bare ``達100%`` counts too;
* **milestones**: planned completions in a year still ahead of the
  document's date (預計…於113年完工, 111年擇1縣市試辦，至113年於2縣市辦理).

The document is walked as a flat run of blocks — slide titles and bullets
(:mod:`extract.deck`) for a deck, paragraphs (:mod:`extract.layout`) for a
report, table rows for both — while numbered headings keep the section path.

Example::

    >>> from extract.model import Document, Line, Page, Paragraph
    >>> rows = ["某市長照計畫專案報告", "中華民國 113 年 4 月 16 日", "壹、計畫指標",
    ...         "一、長照服務涵蓋率逐年提升至 60%。", "二、預計北區日照中心於114年完工。"]
    >>> doc = Document("r.txt", "ab" * 32, "txt", [Page(1, [Line(t, 1) for t in rows])])
    >>> meeting, items = parse_report(doc, [Paragraph(t, 1) for t in rows], "report")
    >>> meeting, [(i.kind, i.deadline.kind) for i in items]
    (None, [('target', 'none'), ('milestone', 'period')])
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from extract.deadlines import parse_deadline
from extract.deck import bullets as join_bullets
from extract.deck import (BULLET, in_tables, read_slide, strategy_units, strip_bullet, table_texts, text_tables,
                          unit_rows)
from extract.layout import join
from extract.model import Deadline, Document, DocumentKind, Item, Line, Meeting, Paragraph, UnitRef, item_id
from extract.outline import chinese_number, numbering
from extract.rocdate import full_year, parse_roc_date, to_halfwidth
from extract.targets import PlanPeriod, parse_targets, plan_period, target_deadline, year_span
from extract.units import UnitContext, context_from_text, find_unit_mentions, find_units

COVER_LINES = 12  # title, presenter and date sit within the first lines
ASK = re.compile(r"建請|懇請|籲請|請求|敬請")
ASK_IN_TABLE = re.compile(r"建請|懇請|籲請|請求|敬請|建議|請")
# A section asking for help names the addressee: 待中央協助事項 → 中央.
HELP_SECTION = re.compile(r"待(?P<addressee>[\u4e00-\u9fff]{1,10}?)(?:協助|支援|處理|解決)")
INDICATOR_HEADING = re.compile(r"指標|目標值|KPI|績效目標", re.I)
SCHEDULE_HEADING = re.compile(r"^(?:辦理|執行|實施|計畫)?(?:期程|時程)[:：]?\s*(?P<rest>.*)$")
SUBHEADING_MAX = 30  # an unnumbered line this short, without a comma, heads what follows
SCHEDULE_MAX = 12  # 期程 or 辦理期程：111年起 as a label line, not a sentence about schedules
PLAN_WORD = re.compile(r"預計|預訂|預定|規劃|擬於|擬|將於|計畫於|訂於")
COMPLETION = re.compile(r"完工|完成|啟用|上線|開辦|試辦|成立|揭牌|開幕|營運|納入|施行|實施|上路")
FUTURE_YEAR = re.compile(r"(?<!\d)(\d{2,3})\s*年(?:度)?")
PAST = re.compile(r"已|業已|業經|均已")
CLAUSE_END = "，。；,;"
STRATEGY = re.compile(r"策略\s*([一二三四五六七八九十]{1,3}|\d{1,2})")
UNIT_NAME = re.compile(r"(?:部|署|院|會|局|處|司|府|中心|所|室|科|隊)$")  # not an office-holder (局長)


@dataclass
class Block:
    """A unit of the document's flow: a heading, a paragraph or bullet, or a
    table row (``unit`` set: the unit asking)."""

    text: str
    page: int
    slide_title: bool = False
    unit: str | None = None


@dataclass
class Context:
    """What the items of a document share."""

    kind: DocumentKind
    document_id: str
    title: str
    source: str
    date: dt.date | None
    plan: PlanPeriod | None
    units: UnitContext
    strategy_owners: dict[int, list[str]]


def cover_text(document: Document) -> list[str]:
    return [line.text.strip() for line in document.lines[:60] if line.text.strip()][:COVER_LINES]


def document_title(cover: list[str]) -> str:
    """The title: the cover's lines up to the first presenter, unit or date
    line, without a leading session line (臺中市議會第4屆第3次定期會)."""
    lines = []
    for text in cover:
        if re.search(r"報告人|報告單位|政府|局$|處$|年\s*\d+\s*月|^[A-Za-z\s.,&'-]+$", text):
            break
        lines.append(text)
    if len(lines) > 1 and re.search(r"議會|定期會|臨時會|會議$", lines[0]):
        lines = lines[1:]
    return "".join(lines) or (cover[0] if cover else "")


def document_source(cover: list[str], kind: DocumentKind, units: UnitContext) -> str:
    """Who presents: the units on the cover, with the document's genre."""
    genre = "簡報" if kind == "deck" else "專案報告"
    presenters: list[str] = []
    for text in cover:
        for unit in find_unit_mentions(text, units):
            if UNIT_NAME.search(unit.canonical) and unit.canonical not in presenters:
                presenters.append(unit.canonical)
    # 臺中市政府 above 臺中市政府社會局 is the parent, not a second presenter
    presenters = [p for p in presenters if not any(o != p and o.startswith(p) for o in presenters)]
    return f"{'、'.join(presenters)}（{genre}）" if presenters else genre


def page_blocks(document: Document, paragraphs: list[Paragraph], kind: DocumentKind) -> list[Block]:
    """The document as blocks in reading order (see the module docstring)."""
    blocks: list[Block] = []
    for page in document.pages:
        lines = [line for line in page.lines if line.text.strip()]
        if page.tables:
            tables = [(next((i for i, line in enumerate(lines) if in_tables(line, texts)), len(lines)), table)
                      for table in page.tables for texts in [table_texts([table])]]
        else:
            tables = text_tables(lines)
        rows = [(index, Block(point, page.number, unit=row.unit))
                for index, table in tables for row in unit_rows(table, page.number) for point in row.points]
        if kind == "deck" and page.width and page.height:
            slide = read_slide(page)  # a slide's tables follow its bullets
            head = [Block(slide.title, page.number, slide_title=True)] if slide.title else []
            blocks += head + [Block(b.text, page.number) for b in slide.bullets] + [row for _, row in rows]
            continue
        texts = table_texts(page.tables)
        in_table = {id(line) for line in lines  # a text table is its tab-separated lines, nothing more
                    if "\t" in line.text or in_tables(line, texts)}
        position = {id(line): index for index, line in enumerate(lines)}
        if kind == "deck":
            kept = [line for line in lines if id(line) not in in_table]
            flow = [(position[id(b.lines[0])], Block(b.text, page.number)) for b in join_bullets(kept)]
        else:
            flow = [(position.get(id(group[0]), 0), Block(strip_bullet(joined(group)), page.number))
                    for p in paragraphs if p.page == page.number
                    for group in bullet_groups([line for line in p.lines or (Line(p.text, p.page),)
                                                if id(line) not in in_table])]
        blocks += [block for _, block in sorted(flow + rows, key=lambda pair: pair[0])]
    return blocks


def bullet_groups(lines: list[Line]) -> list[list[Line]]:
    """A paragraph's lines split where a line opens a bullet (``- (3)…``) or a
    number after a full stop, which the paragraph joiner may have run together."""
    groups: list[list[Line]] = []
    for line in lines:
        if not line.text.strip():
            continue
        after_stop = groups and groups[-1][-1].text.rstrip().endswith(("。", "；", ";"))
        if not groups or BULLET.match(line.text) or (after_stop and numbering(line.text)):
            groups.append([line])
        else:
            groups[-1].append(line)
    return groups


def joined(lines: list[Line]) -> str:
    text = ""
    for line in lines:
        text = join(text, line.text.strip()) if text else line.text.strip()
    return text


def is_subheading(text: str) -> bool:
    """A short unnumbered line without a sentence in it: a slide's sub-heading."""
    return len(text) <= SUBHEADING_MAX and not re.search(r"[，。；,;]", text) and not re.search(r"\d+\s*%", text)


def is_numbered_heading(text: str, kind: DocumentKind) -> bool:
    """A numbered line that heads what follows rather than saying something:
    a label ending in a colon, or in a report a short line with no full stop."""
    number = numbering(text)
    rest = number.rest.strip()
    if rest.endswith(("：", ":")):
        return True
    short = len(rest) <= 45 and not rest.endswith(("。", "；", ";"))
    return short and (kind == "report" or number.level <= 2)


def states_item(text: str, context: Context) -> bool:
    """Whether a short line is itself a request, target or milestone."""
    return bool(ASK.search(text) or parse_targets(text) or milestone_deadline(text, context.date))


def ask_clauses(text: str) -> list[str]:
    """The clauses that ask (建請中央放寬…), each from its ask word on."""
    return [re.split("[。；;]", text[m.start():])[0] for m in ASK.finditer(text)]


def addressees(text: str, section: str, context: Context) -> list[UnitRef]:
    """Who is asked: the units the request addresses; without one, the
    addressee of its 待…協助事項 section, canonical where known."""
    found = find_units(text, context.units)
    if found:
        return found
    match = HELP_SECTION.search(section)
    if not match:
        return []
    named = match.group("addressee")
    known = find_unit_mentions(named, context.units)[:1]
    return [UnitRef(raw=named, canonical=known[0].canonical if known else named, role="lead")]


def speaker_of(unit_cell: str, context: Context) -> str:
    """A table row's asking unit, canonical where known, its division kept:
    衛生局(心理健康科) → 臺中市政府衛生局（心理健康科）."""
    main, _, division = re.sub(r"\s+", "", unit_cell).partition("(")
    division = division.rstrip(")")
    units = find_unit_mentions(main, context.units)
    name = units[0].canonical if units else main
    return f"{name}（{division}）" if division else name


def milestone_deadline(text: str, document_date: dt.date | None) -> Deadline | None:
    """The deadline of a planned completion in ``text``, or None when the text
    plans nothing: a year not before the document's, with a plan word before
    it (預計, 規劃) or a completion verb after it (完工, 試辦, 納入). The
    deadline itself is read by :func:`extract.deadlines.parse_deadline` from
    the span of the plan's years (111年擇1縣市試辦，至113年於2縣市辦理)."""
    text = to_halfwidth(text)
    current = document_date.year if document_date else None
    future: list[re.Match] = []
    for match in FUTURE_YEAR.finditer(text):
        if current is not None and full_year(int(match.group(1))) < current:
            continue
        left = max(text.rfind(stop, 0, match.start()) for stop in CLAUSE_END) + 1
        before = text[left:match.start()]
        if PAST.search(before):
            continue
        after = re.split(f"[{CLAUSE_END}]", text[match.end():match.end() + 25])[0]
        if future or PLAN_WORD.search(before) or COMPLETION.search(after):
            future.append(match)  # a later year of the same plan (至113年於2縣市辦理) follows the first
    if not future:
        return None
    first, last = future[0], future[-1]
    ends = [i for i in (text.find(stop, last.end()) for stop in "。；;)）") if i >= 0]
    span = text[first.start():min(ends) if ends else len(text)]
    deadline = parse_deadline(span, document_date)
    if deadline.kind == "none":
        return year_span(int(first.group(1)), int(last.group(1)), span)
    return deadline


def strategy_owners(document: Document) -> dict[int, list[str]]:
    """Strategy number → the units a strategy-by-bureau table puts in charge."""
    owners: dict[int, list[str]] = {}
    for page in document.pages:
        tables = page.tables or [table for _, table in text_tables(page.lines)]
        for table in tables:
            for strategy, units in strategy_units(table).items():
                owners[chinese_number(STRATEGY.search(strategy).group(1))] = units
    return owners


def make_item(context: Context, position: int, section: list[str], kind: str, text: str, page: int,
              source_text: str, speaker: str, units: list[UnitRef], deadline: Deadline, extra: dict) -> Item:
    path = " > ".join(s for s in section if s)
    strategies = STRATEGY.findall(path)
    owners = context.strategy_owners.get(chinese_number(strategies[-1])) if strategies else None
    if owners and kind != "request":
        extra = {**extra, "strategy_units": owners}  # a hint of the owner, not an assignment
    return Item(
        id=item_id(context.document_id, f"{path}/{position}"), section=path, agenda_item=context.title,
        kind=kind, speaker_or_source=speaker, text=text, responsible_units=units, deadline=deadline,
        page=page, source_text=source_text, extra=extra,
    )


def classify(block: Block, section_names: list[str], listed: bool, schedule: str, context: Context,
             position: int) -> Item | None:
    """The block as a request, target or milestone, or None (see the module docstring)."""
    text = block.text.strip()
    number = numbering(text)
    body = number.rest.strip() if number else text
    plan = plan_period(" ".join(section_names)) or context.plan
    speaker = speaker_of(block.unit, context) if block.unit else context.source

    def item(kind: str, units: list[UnitRef], deadline: Deadline, extra: dict) -> Item:
        return make_item(context, position, section_names, kind, body, block.page, text, speaker, units,
                         deadline, extra)

    if (block.unit and ASK_IN_TABLE.search(body)) or ASK.search(body):
        asked = (parse_deadline(clause, context.date) for clause in ask_clauses(body))
        deadline = next((d for d in asked if d.kind != "none"), Deadline.none())
        section = " > ".join(s for s in section_names if s)
        return item("request", addressees(body, section, context), deadline, {})
    targets = parse_targets(body, listed=listed)
    if targets:
        deadline = target_deadline(targets, plan)
        if schedule and not (targets[0].year or targets[0].every):
            deadline = parse_deadline(schedule, context.date)
        return item("target", [], deadline, {"targets": [t.to_extra(plan) for t in targets]})
    deadline = milestone_deadline(body, context.date)
    return item("milestone", [], deadline, {}) if deadline else None


def parse_report(document: Document, paragraphs: list[Paragraph], kind: DocumentKind) -> tuple[Meeting | None, list[Item]]:
    """Requests, targets and milestones of a report or deck; no meeting."""
    cover = cover_text(document)
    units = context_from_text("\n".join(cover))
    date = parse_roc_date("\n".join(cover))
    title = document_title(cover)
    context = Context(kind, document.sha256, title, document_source(cover, kind, units), date,
                      plan_period("\n".join(cover)), units, strategy_owners(document))
    items: list[Item] = []
    headings: list[tuple[int, str]] = []  # (numbering level, heading) of the current path
    slide = ""
    subheading = ""
    schedule = ""  # a slide's 期程 (自111年起 每年年底考核): when its targets are due
    awaiting_schedule = False
    row_heading: tuple[str, str] | None = None
    for block in page_blocks(document, paragraphs, kind):
        text = block.text.strip()
        number = numbering(text)
        if block.slide_title:
            slide, subheading, schedule = text, "", ""
            headings = [(number.level, text)] if number else []
            continue
        if block.unit and text.endswith(("：", ":")):
            row_heading = (block.unit, text)  # 1. 有關人力及權益建議： heads the row's next points
            continue
        if block.unit is None:
            if awaiting_schedule and re.search(r"\d\s*年|每年", text):
                schedule += text
                continue
            awaiting_schedule = False
            scheduled = SCHEDULE_HEADING.match(text)
            if scheduled and len(text) <= SCHEDULE_MAX:
                schedule, awaiting_schedule = scheduled.group("rest"), True
                continue
            if not number and is_subheading(text) and not states_item(text, context):
                if kind == "deck":  # in a report a short unnumbered line is a caption
                    subheading = text
                continue
            if number and is_numbered_heading(text, kind):
                headings = [h for h in headings if h[0] < number.level] + [(number.level, text)]
                if number.level <= 2:
                    subheading = ""
                continue
        section_names = [slide] + [h for _, h in headings if h != slide] + [subheading]
        if block.unit:
            section_names += [block.unit] + ([row_heading[1]] if row_heading and row_heading[0] == block.unit else [])
        listed = bool(INDICATOR_HEADING.search(subheading)) and block.unit is None
        item = classify(block, section_names, listed, schedule, context, len(items))
        if item:
            items.append(item)
    return None, items
