"""Responsible units: who an item asks to act, named canonically.

Unit names are found by a spaCy pipeline built once per process: a blank
Chinese model (character segmenter, so 經濟部 stays whole) with an
``entity_ruler`` fed from the gazetteer ``schema/units.json``. Collective
addressees (各地方政府, 業務單位), office-holders (王副市長), self-references
(本部, 貴府) and unknown names ending in a unit suffix (…署, …中心) are
found by pattern rules; an unknown name is kept as written, never guessed.

Only units in an asking position count: the addressee of 請/建請/建議/責成,
the subject of 由…辦理, a unit in trailing parentheses （民政局）, 會同/協調
partners, and the speaker's own commitments (本部將…). The first is the lead,
the others assist. A unit praised (肯定衛生局), thanked, mentioned as a liaison
partner (與警察局) or only permitted (得…, 可…) is not asked.

Example::

    >>> ctx = context_from_text("臺中市強化社會安全網推動會報 112年第 3 次會議紀錄")
    >>> ctx.government
    '臺中市政府'
    >>> [(u.canonical, u.role) for u in find_units("請民政局加強督導，另請社會局加強與警察局之聯繫。", ctx)]
    [('臺中市政府民政局', 'lead'), ('臺中市政府社會局', 'assist')]
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

from extract.deadlines import purpose_clauses
from extract.model import UnitRef
from extract.rocdate import to_halfwidth

GAZETTEER_PATH = Path(__file__).resolve().parent.parent / "schema" / "units.json"

CJK = r"\u4e00-\u9fff"
# Characters and words that do not occur inside a unit's name but do around it.
NOT_IN_NAMES = set("與及和並或之的於在對向由將把被為請有就針等其該此從自以須應務必可得仍再另予給"
                   "依照據按經若倘如因而但惟且也即則又亦已未不無非是本貴各"
                   "，。；：、,.;:()（）「」 ")
VERBS_NOT_IN_NAMES = ("加強", "持續", "留意", "提供", "完成", "辦理", "協助", "督導", "掌握", "規劃", "研議",
                      "檢視", "確認", "注意", "落實", "進行", "配合", "參與", "儘速", "提出", "召開", "轉知",
                      "肯定", "感謝", "提交", "邀請", "發函", "致函", "通知", "利用", "使用", "多加", "加以",
                      "共同", "積極", "評估", "提升", "改善", "追蹤", "宣導", "推動", "處理", "說明", "報告",
                      "考量", "修正", "檢討", "盤點", "清查", "擬定", "訂定", "建立", "建置", "強化", "輔導",
                      "審查", "核定", "補助", "聯繫", "同仁", "大家", "各位")
UNIT_SUFFIX = r"(?:委員會|中心|公所|總處|分署|單位|局|處|署|司|部|科|室|院|所|隊|館)"
# 報請/送請/呈請 submit a matter upward for review (送請立法院審議): not an ask to act.
ASK = re.compile(r"(?<![提申聲邀聘延報呈祈送])(?:建|函|籲|敬|轉|另|並|仍|再|爰|懇|敦)?請(?![假求託益示])"
                 r"|建議|責成|督促|交由|要求|指示")
# A letter an actor sends (衛生局函請衛生福利部補助): its addressee only receives it.
DISPATCH = ("函", "轉")
BY = re.compile(r"由")
BY_VERBS = ("負責", "主政", "主辦", "辦理", "統籌", "研議", "研擬", "召集", "彙整", "提供", "完成", "於",
            "擔任", "進行", "協助", "依", "就", "續", "將", "儘速", "盡速", "邀集", "督導",
            "函", "轉", "報", "陳報", "行文", "發函", "會同", "協調", "邀", "召開", "檢討", "追蹤", "規劃")
LEAD_AFTER = ("主政", "主辦", "負責", "統籌", "為主辦", "為主政", "擔任主辦")
ASSIST_AFTER = ("協辦", "配合辦理", "為協辦")
LIST_SEPARATOR = re.compile(r"\s*(?:、|及|和|與|暨|以及|,|並會同|會同|協同|偕同)\s*")
COMMITMENT_AFTER = re.compile(r"^(?:(?!已|曾)[^\s，。；、,;]){0,2}(?:將|預計|預定|擬|刻正|正|會|賡續|持續|規劃|研議|研擬|再|亦將)")
IMPLICIT_COMMITMENT = re.compile(r"(?:^|(?<=[，。；,;:：]))\s*(?:另|並|爰)?(?:擬|將(?=於|在|會|持續|儘速|視|再))")
NON_ACTOR_BEFORE = ("肯定", "感謝", "感佩", "謝謝", "與", "向", "對", "予", "給", "透過", "經", "依", "參考",
                    "協助", "轉介", "通知", "聯繫", "至", "於", "送", "函送", "提交", "由")
NON_ACTOR_AFTER = ("之", "所", "的")
HYPOTHETICAL_BEFORE = ("是否",)
PURPOSE_BEFORE = ("為", "為了", "以", "俾")  # 本計畫為督促地方政府…: the plan's aim, not an ask
GOVERNMENT_WORDS = ("市府", "縣府", "本府", "貴府")
NOUNS_AFTER_ADVISED = ("事項", "案", "表", "書", "清單", "名單", "值", "支用", "內容", "意見", "方案")
SELF_REFERENCE = re.compile(r"本(?:府|部|署|局|處|會|中心|院|所|司)")
ADDRESSEE_REFERENCE = re.compile(r"貴(?:府|部|署|局|處|會|中心|院|所|司)")
SUBUNIT_SUFFIX = re.compile(r"\s*(?:各單位|各局處|所屬(?:各)?(?:機關|單位)?|各機關)")
TRAILING_PARENS = re.compile(r"[(（]\s*(?P<body>[^()（）]{2,60})\s*[)）]\s*[。.]?\s*$")
ROLE_LABEL = re.compile(r"(?P<label>主辦|主政|協辦|會辦|配合)(?:單位|機關)?\s*[:：]\s*")
SENTENCE_BREAK = "。；;\n"
LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # broken text spaCy cannot encode
QUOTED = re.compile(r"「[^」]*」|『[^』]*』|“[^”]*”|《[^》]*》")  # titles of plans and acts


@dataclass(frozen=True)
class UnitContext:
    """Where a document comes from, to make short unit names canonical.

    ``government`` is the local government whose minutes these are
    (``臺中市政府``), or None for central-government documents. ``host`` is the
    organisation issuing them (本部 in its minutes, 貴部 in a request to it).
    ``speaker`` is the unit whose words an item reports (the proposer, the
    answering ministry): 本部/本署 in its text, and 擬/將 without a subject,
    are that unit. ``default_addressee`` receives a request that names no one
    (a deck's 待中央協助事項 slide: 中央).
    """

    government: str | None = None
    host: str | None = None
    speaker: str | None = None
    default_addressee: str | None = None


@dataclass(frozen=True)
class Mention:
    """A unit named in the text: where, as written, and canonically."""

    start: int
    end: int
    raw: str
    canonical: str
    known: bool = True  # in the gazetteer (or a collective/office-holder as written)
    central: bool = False


@dataclass(frozen=True)
class Entry:
    canonical: str  # a full name, or a template with {government}/{place}
    level: str
    parent: str | None = None


class Gazetteer:
    """The unit gazetteer (schema/units.json): every surface form a unit may be
    written in, mapped to the entries it can stand for."""

    def __init__(self, data: dict):
        self.governments = {g["name"]: g for g in data["governments"]}
        self.places = {g["place"]: g["name"] for g in data["governments"]}
        self.collectives = sorted(data["collectives"], key=len, reverse=True)
        self.titles = sorted(data["office_holders"]["titles"], key=len, reverse=True)
        self.local_titles = set(data["office_holders"]["local"])
        self.surfaces: dict[str, list[Entry]] = {}
        for entry in data["central"]:
            resolved = Entry(entry["name"], "central", entry.get("parent"))
            for surface in [entry["name"], entry.get("short"), *entry["aliases"]]:
                self._add(surface, resolved)
            if entry.get("parent"):  # the parent written in full or short: 衛福部社家署, 衛生福利部社家署
                for parent_alias in [entry["parent"], *self._aliases_of(data, entry["parent"])]:
                    for child in [entry.get("short"), *entry["aliases"]]:
                        self._add((parent_alias + child) if child else None, resolved)
        for government in data["governments"]:
            self._add(government["name"], Entry(government["name"], "local"))
        for unit in data["local_units"]:
            template = unit["template"].replace("{name}", unit["name"])
            for surface in [unit["name"], *unit["aliases"]]:
                self._add(surface, Entry(template, "local"))
                for government in data["governments"]:
                    filled = template.format(government=government["name"], place=government["place"])
                    for prefix in (government["name"], government["place"]):
                        self._add(prefix + surface, Entry(filled, "local"))
        self.full_names = {e.canonical for entries in self.surfaces.values() for e in entries
                           if "{" not in e.canonical}

    @staticmethod
    def _aliases_of(data: dict, name: str) -> list[str]:
        for entry in data["central"]:
            if entry["name"] == name:
                return entry["aliases"]
        return []

    def _add(self, surface: str | None, entry: Entry) -> None:
        if not surface:
            return
        entries = self.surfaces.setdefault(surface, [])
        if entry not in entries:
            entries.append(entry)

    def resolve(self, surface: str, context: UnitContext) -> Entry | None:
        """The entry a name stands for in this context: a local template filled
        with the document's government, or the central entry whose parent best
        matches the host/speaker (rapidfuzz ranks candidates, never adds any)."""
        entries = self.surfaces.get(surface, [])
        if context.government:
            local = [e for e in entries if e.level == "local"]
            entries = local or entries
        else:
            entries = [e for e in entries if "{" not in e.canonical] or entries
        if not entries:
            return None
        if len(entries) > 1:
            around = " ".join(filter(None, (context.speaker, context.host)))
            entries = sorted(entries, key=lambda e: -fuzz.partial_ratio(e.parent or e.canonical, around))
        entry = entries[0]
        if "{" in entry.canonical:
            if not context.government or context.government not in self.governments:
                return None
            place = self.governments[context.government]["place"]
            return Entry(entry.canonical.format(government=context.government, place=place), "local")
        return entry


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer(json.loads(GAZETTEER_PATH.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def unit_pipeline():
    """spaCy's blank Chinese pipeline with an entity ruler over every gazetteer name.
    Built once per process: the ruler holds a few thousand phrase patterns."""
    import spacy

    nlp = spacy.blank("zh")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns([{"label": "UNIT", "pattern": surface, "id": surface}
                        for surface in gazetteer().surfaces])
    return nlp


def normalise(text: str) -> str:
    """Half-width ASCII and 臺 for 台, without moving any character.

    >>> normalise("台中市（民政局）")
    '臺中市(民政局)'
    """
    return LONE_SURROGATE.sub("\ufffd", to_halfwidth(text)).replace("台", "臺")


def in_gazetteer(canonical: str) -> bool:
    """Whether a canonical name is an official name from the gazetteer (a name
    kept as written, a collective or an office-holder is not).

    >>> in_gazetteer("衛生福利部心理健康司"), in_gazetteer("臺灣嘉義地方檢察署")
    (True, False)
    """
    return canonical in gazetteer().full_names


def context_from_text(text: str) -> UnitContext:
    """Guess the document's government and host from its title and header text.

    A local government named before any central unit makes the document
    local; otherwise the ministry of the first central unit is the host.

    >>> context_from_text("臺中市強化社會安全網推動會報 112年第 3 次會議紀錄").government
    '臺中市政府'
    >>> context_from_text("嘉義市政府八樓第一會議室").government
    '嘉義市政府'
    >>> context_from_text("行政院食品安全會報第5次會議紀錄")
    UnitContext(government=None, host='行政院', speaker=None, default_addressee='行政院')
    """
    plain = normalise(text or "")
    gaz = gazetteer()
    place = re.search("|".join(map(re.escape, gaz.places)), plain)
    central = [e for e in _gazetteer_mentions(plain, UnitContext()) if e.central]
    if place and not (central and central[0].start < place.start()):
        return UnitContext(government=gaz.places[place.group()])
    if central:
        entry = gaz.resolve(central[0].canonical, UnitContext())
        top = entry.canonical if entry else central[0].canonical
        while entry and entry.parent and entry.parent != "行政院":
            top = entry.parent
            entry = gaz.resolve(entry.parent, UnitContext())
        return UnitContext(host=top, default_addressee=top)
    return UnitContext()


def _gazetteer_mentions(plain: str, context: UnitContext, written: str | None = None) -> list[Mention]:
    """Gazetteer names in ``plain`` (normalised ``written``), raw as written."""
    doc = unit_pipeline()(plain)
    found = []
    for ent in doc.ents:
        entry = gazetteer().resolve(ent.ent_id_, context)
        if entry:
            raw = (written or plain)[ent.start_char:ent.end_char]
            found.append(Mention(ent.start_char, ent.end_char, raw, entry.canonical,
                                 central=entry.level == "central"))
    return found


class Reader:
    """One item's text with the unit mentions found in it."""

    def __init__(self, text: str, context: UnitContext):
        self.text = text
        self.plain = normalise(text)
        self.context = context
        self.mentions = {m.start: m for m in self._all_mentions()}

    def _all_mentions(self) -> list[Mention]:
        quoted = [(m.start(), m.end()) for m in QUOTED.finditer(self.plain)]
        return [m for m in self._named() if not _in_any(m.start, quoted)]

    def _named(self) -> list[Mention]:
        found = _gazetteer_mentions(self.plain, self.context, self.text)
        taken = {i for m in found for i in range(m.start, m.end)}
        for extra in (*self._collectives(), *self._office_holders(), *self._references()):
            if not taken.intersection(range(extra.start, extra.end)):
                found.append(extra)
                taken.update(range(extra.start, extra.end))
        return found

    def _mention(self, start: int, end: int, canonical: str, **flags) -> Mention:
        return Mention(start, end, self.text[start:end], canonical, **flags)

    def _collectives(self):
        names = "|".join(map(re.escape, gazetteer().collectives))
        for m in re.finditer(rf"{names}|各[{CJK}]{{1,6}}?(?:單位|政府|機關|局處|部會|公所|學校|成員)", self.plain):
            yield self._mention(m.start(), m.end(), m.group())

    def _references(self):
        ctx = self.context
        for m in SELF_REFERENCE.finditer(self.plain):
            own = (ctx.government or ctx.speaker) if m.group() == "本府" else (ctx.speaker or ctx.host)
            yield self._mention(m.start(), m.end(), own or m.group(), known=bool(own))
        for m in ADDRESSEE_REFERENCE.finditer(self.plain):
            addressed = ctx.government if m.group() == "貴府" else ctx.host
            yield self._mention(m.start(), m.end(), addressed or m.group(), known=bool(addressed))

    def _office_holders(self):
        titles = "|".join(map(re.escape, gazetteer().titles))
        name_char = "(?:(?![" + re.escape("".join(NOT_IN_NAMES - set("本貴"))) + rf"])[{CJK}])"
        named: dict[str, str] = {}  # title -> the last holder named with it (王副市長)
        for m in re.finditer(rf"(?P<name>{name_char}{{1,3}}?)?(?P<title>{titles})(?!會)", self.plain):
            name, title = m.group("name") or "", m.group("title")
            while name and name[-1] + title in gazetteer().titles:  # 副|市長 is 副市長
                name, title = name[:-1], name[-1] + title
            for word in (*VERBS_NOT_IN_NAMES, *GOVERNMENT_WORDS):  # 提交王副市長, 市府秘書長
                if word in name:
                    name = name[name.rindex(word) + len(word):]
            start = m.end() - len(title) - len(name)
            raw = self.text[start:m.end()]
            if self.plain[:start].endswith(GOVERNMENT_WORDS):  # 請市府秘書長: the mention starts at 市府
                start -= 2
            if name:
                named[title] = raw
            local = title in gazetteer().local_titles and self.context.government
            raw = named.get(title, raw)  # 請副市長: the one named before
            yield Mention(start, m.end(), raw, f"{self.context.government}{raw}" if local else raw)

    def unit_at(self, position: int) -> Mention | None:
        """The unit whose name starts at ``position`` (spaces skipped), if any."""
        while position < len(self.plain) and self.plain[position].isspace():
            position += 1
        mention = self.mentions.get(position)
        if mention is None:
            mention = self._unknown_unit_at(position)
        if mention and not mention.central and mention.canonical in gazetteer().governments:
            subunits = SUBUNIT_SUFFIX.match(self.plain, mention.end)  # 嘉義市政府各單位
            if subunits:
                mention = Mention(mention.start, subunits.end(), self.text[mention.start:subunits.end()],
                                  mention.canonical)
        return mention

    def _unknown_unit_at(self, position: int) -> Mention | None:
        """A name ending in a unit suffix that the gazetteer does not know, kept as written."""
        m = re.compile(rf"[{CJK}]{{2,12}}?{UNIT_SUFFIX}").match(self.plain, position)
        if not m:
            return None
        name = m.group()
        suffix_start = re.search(rf"{UNIT_SUFFIX}$", name).start()
        prefix = name[:suffix_start]
        if any(ch in NOT_IN_NAMES for ch in prefix) or any(v in prefix for v in VERBS_NOT_IN_NAMES) \
                or self.mentions.get(m.end()):
            return None
        return Mention(m.start(), m.end(), self.text[m.start():m.end()], name, known=False)

    def unit_list_at(self, position: int) -> list[Mention]:
        """Units written as a list (民政局、社會局及衛生局) starting at ``position``."""
        units = []
        unit = self.unit_at(position)
        while unit:
            units.append(unit)
            separator = LIST_SEPARATOR.match(self.plain, unit.end)
            unit = self.unit_at(separator.end()) if separator else None
        return units

    def clause_end(self, position: int) -> int:
        ends = [self.plain.find(b, position) for b in SENTENCE_BREAK]
        return min([e for e in ends if e >= 0], default=len(self.plain))

    def sentence_start(self, position: int) -> int:
        return max(self.plain.rfind(b, 0, position) for b in SENTENCE_BREAK) + 1


def _in_any(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= position < b for a, b in spans)


def _asked(reader: Reader) -> tuple[list[tuple[Mention, str]], list[re.Match]]:
    """Units in asking positions with their roles, and the asks that name no one."""
    plain, asked, unaddressed = reader.plain, [], []
    purposes = purpose_clauses(plain)

    parens = TRAILING_PARENS.search(plain)
    assigned = _parenthesised(reader, parens) if parens else []  # the formal assignment comes first

    for ask in ASK.finditer(plain):
        if _in_any(ask.start(), purposes) or plain[:ask.start()].endswith(HYPOTHETICAL_BEFORE + PURPOSE_BEFORE):
            continue
        units = [u for u in reader.unit_list_at(ask.end()) if not SELF_REFERENCE.fullmatch(u.raw)]
        if not units:  # 請本局…: reported speech, the text does not ask its own writer
            if not reader.unit_at(ask.end()) and _asks_someone(plain, ask):
                unaddressed.append(ask)
            continue
        asked += [(u, "lead") for u in units]
        asked += [(u, "assist") for u in _partners(reader, units[-1].end)]

    for by in BY.finditer(plain):
        units = reader.unit_list_at(by.end())
        if units and plain[units[-1].end:].lstrip().startswith(BY_VERBS) and not _in_any(by.start(), purposes):
            asked += [(u, "lead") for u in units]
            asked += [(u, "assist") for u in _partners(reader, units[-1].end)]

    for position, mention in sorted(reader.mentions.items()):
        after = plain[mention.end:].lstrip()
        if after.startswith(LEAD_AFTER):
            asked.append((mention, "lead"))
            asked += [(u, "assist") for u in _partners(reader, mention.end)]
        elif after.startswith(ASSIST_AFTER):
            asked.append((mention, "assist"))
        elif SELF_REFERENCE.fullmatch(mention.raw) and mention.known and COMMITMENT_AFTER.match(after):
            asked.append((mention, "lead"))

    if reader.context.speaker:
        for m in IMPLICIT_COMMITMENT.finditer(plain):
            if not _in_any(m.end(), purposes):
                asked.append((Mention(m.end(), m.end(), "", reader.context.speaker), "lead"))
    asked.sort(key=lambda pair: (pair[0].start, pair[1] != "lead"))
    return assigned + asked, unaddressed


def _asks_someone(plain: str, ask: re.Match) -> bool:
    """Whether a 請/建議 naming no one still asks someone: 建議 as a modifier
    (建議事項, 建議支用例示表) asks nothing, nor does 指示/要求 on its own."""
    if "請" in ask.group():
        return True
    return ask.group() == "建議" and not plain.startswith(NOUNS_AFTER_ADVISED, ask.end())


def _partners(reader: Reader, after: int) -> list[Mention]:
    """Units to be worked with (會同衛生局, 協調警察局) in the rest of the clause."""
    partners, end = [], reader.clause_end(after)
    for m in re.finditer(r"會同|協同|協調|偕同", reader.plain[after:end]):
        partners += reader.unit_list_at(after + m.end())
    return partners


def _parenthesised(reader: Reader, parens: re.Match) -> list[tuple[Mention, str]]:
    """（民政局） or (主辦：民政局；協辦：社會局) closing the item."""
    body_start = parens.start("body")
    labels = list(ROLE_LABEL.finditer(reader.plain, body_start, parens.end("body")))
    if labels:
        pairs = []
        for label in labels:
            role = "lead" if label.group("label") in ("主辦", "主政") else "assist"
            pairs += [(u, role) for u in reader.unit_list_at(label.end())]
        return pairs
    units = reader.unit_list_at(body_start)
    if not units or reader.plain[units[-1].end:parens.end("body")].strip():
        return []  # an aside such as (星期五), not a list of units
    return [(u, "lead") for u in units]


def _named_before(reader: Reader, ask: re.Match) -> list[Mention]:
    """For 請 with no addressee: the units the sentence is about, named before it
    (衛政…、少年輔導委員會…：請持續管控; 各部會倘有…，請將…)."""
    start = reader.sentence_start(ask.start())
    found = []
    for position, mention in sorted(reader.mentions.items()):
        if not start <= position < ask.start() or not mention.known:
            continue
        before = reader.plain[max(start, position - 4):position]
        after = reader.plain[mention.end:mention.end + 1]
        if before.endswith(NON_ACTOR_BEFORE) or after.startswith(NON_ACTOR_AFTER):
            continue
        found.append(mention)
    return found


def find_units(text: str, context: UnitContext) -> list[UnitRef]:
    """The units asked to act in ``text``, lead first, then assisting units.

    >>> ctx = UnitContext(government="臺中市政府")
    >>> [u.to_json() for u in find_units("請衛生局會同社會局辦理（主辦：民政局）", ctx)][0]
    {'raw': '民政局', 'canonical': '臺中市政府民政局', 'role': 'lead'}
    >>> [u.canonical for u in find_units("請心健司及法務部矯正署儘速完成系統介接", UnitContext())]
    ['衛生福利部心理健康司', '法務部矯正署']
    """
    if not text or not text.strip():
        return []
    reader = Reader(text, context)
    asked, unaddressed = _asked(reader)
    for ask in unaddressed:  # 請 naming no one: the units its sentence is about
        sentence = (reader.sentence_start(ask.start()), reader.clause_end(ask.start()))
        if not any(_in_any(m.start, [sentence]) for m, _ in asked):
            asked += [(m, "lead") for m in _named_before(reader, ask)]
    if not asked and unaddressed and context.default_addressee and any(
            a.group().startswith(("建", "請")) or a.group() == "建議" for a in unaddressed):
        asked = [(Mention(0, 0, "", context.default_addressee, central=True), "lead")]
    if any(m.central for m, _ in asked):  # 中央 and the ministry it means: keep the ministry
        asked = [(m, role) for m, role in asked if m.canonical != "中央"]

    refs: list[UnitRef] = []
    for mention, role in asked:
        if any(r.canonical == mention.canonical for r in refs):
            continue
        refs.append(UnitRef(raw=mention.raw or None, canonical=mention.canonical,
                            role="assist" if refs else "lead"))
    return refs


def find_unit_mentions(text: str, context: UnitContext) -> list[UnitRef]:
    """Every unit named in ``text``, asked or not, in order (for headers and reporting units).

    >>> [u.canonical for u in find_unit_mentions("報告單位：衛生福利部社會及家庭署", UnitContext())]
    ['衛生福利部社會及家庭署']
    """
    reader = Reader(text or "", context)
    return [UnitRef(raw=m.raw, canonical=m.canonical, role="lead")
            for _, m in sorted(reader.mentions.items()) if m.known]


def with_speaker(context: UnitContext, source: str | None) -> UnitContext:
    """The context for an item whose words are ``source``'s (a proposer or an
    answering ministry, as written): 本部/本署 and 擬/將 in it mean that unit.

    >>> with_speaker(UnitContext(), "衛生福利部社會及家庭署").speaker
    '衛生福利部社會及家庭署'
    >>> with_speaker(UnitContext(), "主席").speaker is None
    True
    """
    named = _gazetteer_mentions(normalise(source or ""), context)  # organisations, not 召集人
    return dataclasses.replace(context, speaker=named[0].canonical) if named else context
