"""Responsible units: who an item asks to act, named canonically.

Unit names are found by a spaCy pipeline built once per process: a blank
Chinese model (character segmenter, so 經濟部 stays whole) with an
``entity_ruler`` fed from the gazetteer ``schema/units.json``. Collective
addressees (各地方政府, 業務單位), office-holders (王副市長), self-references
(本部, 貴府, 市府) and unknown names ending in a unit suffix (…署, …中心) are
found by pattern rules. An unknown name is kept as written, except that in a
local government's document a bare …局/…處/…室/…委員會 is that government's
(產業發展處 → 連江縣政府產業發展處), a township office takes the place, a
section (第一科) takes the bureau whose meeting it is, when the title names it,
and a division (民政課, 路政司) the township office or central body whose
meeting it is (花蓮縣吉安鄉公所民政課, 交通部路政司), as does 本院/本部 before
it (本院法規會 → 行政院法規會). A collective followed by units in brackets
(建請中央（農業部）) means those units.

Only units in an asking position count: the addressee of 請/建請/建議/責成,
the subject of 由…辦理, a sentence's subject bound to act (各區公所應…; after
a comma only by a duty: …，高速公路局並應配合…), units
after role labels (主辦：/協辦：) or in trailing parentheses （民政局）,
會同/協調 partners, units followed by their role (環境保護局協辦), and the
speaker's own commitments (本部將…). The first is the lead, the others
assist. A unit praised (肯定衛生局), thanked, mentioned as a liaison partner
(與警察局), only permitted (得…, 可…), receiving another unit's letter
(衛生局函請衛生福利部…) or a matter sent up for review (送請立法院審議) is not asked.

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
NOT_IN_NAMES = set("與及和並或之的於在對向由將把被為請有就針等其該此從自以須應必可得仍再另予給至到"
                   "依照據按經若倘如因而但惟且也即則又亦已未不無非是本貴各"
                   "，。；：、,.;:()（）「」 ")
VERBS_NOT_IN_NAMES = ("務必", "加強", "持續", "留意", "提供", "完成", "辦理", "協助", "督導", "掌握", "規劃", "研議",
                      "檢視", "確認", "注意", "落實", "進行", "配合", "參與", "儘速", "提出", "召開", "轉知",
                      "肯定", "感謝", "提交", "邀請", "發函", "致函", "通知", "利用", "使用", "多加", "加以",
                      "共同", "積極", "評估", "提升", "改善", "追蹤", "宣導", "推動", "處理", "說明", "報告",
                      "考量", "修正", "檢討", "盤點", "清查", "擬定", "訂定", "建立", "建置", "強化", "輔導",
                      "審查", "核定", "補助", "聯繫", "同仁", "大家", "各位", "會同", "協同", "督同", "彙整", "轄內",
                      "每月", "每季", "每週", "每年", "研處", "研辦", "查處", "核處", "卓處", "會知", "知會")
UNIT_SUFFIX = r"(?:委員會|中心|公所|總處|分署|單位|局|處|署|司|部|科|室|院|所|隊|館|股|組|課)"
# An unknown name with one of these endings, named bare in a local government's
# document, is one of that government's own units (產業發展處 → 連江縣政府產業發展處);
# a section (科, 股, 室...) belongs to the bureau whose meeting it is, when known.
LOCAL_UNIT = re.compile(r"(?:委員會|局|處|室)$")
SECTION = re.compile(r"(?:科|股|室|(?<!小)組|課|中心|大隊|中隊)$")  # not a task force (專案小組)
TOWNSHIP_NAME = rf"[{CJK}]{{1,3}}?[區鄉鎮市]公所"
TOWNSHIP_OFFICE = re.compile(rf"^{TOWNSHIP_NAME}$")
# The divisions of a township office (民政課, 主計室, 清潔隊) and of a central
# body (路政司, 會計處, 資訊中心, 建築研究所), named bare in its own meeting.
TOWNSHIP_DIVISION = re.compile(r"(?:課|室|隊)$")
CENTRAL_DIVISION = re.compile(r"(?:(?<!公)司|處|室|(?<!小)組|中心|研究所|分署)$")  # not a company (臺電公司)
# Names of central bodies, and words that make a name generic (相關局處, 主管機關).
CENTRAL_MARKS = ("中央", "國家", "國立", "國稅", "行政院", "總統府", "立法院", "司法院", "考試院", "監察院", "臺灣", "部")
GENERIC_PREFIXES = ("相關", "權責", "主管", "業務", "所屬", "其他", "有關", "上級", "各級", "地方", "目的事業",
                    "承辦", "執行", "主辦", "協辦", "該", "全")
ROOMS = ("會議室", "會客室", "教室", "休息室", "簡報室")  # places, not units
# 市政府/縣府 named bare: the document's own local government.
OWN_GOVERNMENT = re.compile(r"(?:市|縣)政?府")
COUNCIL = re.compile(r"(?:市|縣)議會")
ASK = re.compile(r"(?<![提申聲邀聘延報呈祈])(?:建|函|籲|敬|轉|另|並|仍|再|爰|懇|敦)?請(?![假求託益示])"
                 r"|建議|責成|督促|交由|要求|指示|交付?(?=[^，。；]{2,16}(?:審查|研處|處理|研議))")  # 交內政委員會審查
# A letter an actor sends (衛生局函請衛生福利部補助): its addressee only receives it.
DISPATCH = "函"
# A matter sent up for review (送請立法院審議) asks the reviewer to act on nothing
# but the review; 送請市政府研處 does ask.
REVIEW = re.compile(r"\s*(?:審議|審查|核定|核備|備查|鑒核|核示|查照)")
BY = re.compile(r"由")
# 俟內政部向本院提出報告後，始得動支: the ministry must report first.
UNTIL = re.compile(r"俟")
UNTIL_VERBS = ("向", "提出", "完成", "函報", "送")
BY_VERBS = ("負責", "主政", "主辦", "辦理", "統籌", "研議", "研擬", "召集", "彙整", "提供", "完成", "於",
            "擔任", "進行", "協助", "依", "就", "續", "將", "儘速", "盡速", "邀集", "督導",
            "函", "轉", "報", "陳報", "行文", "發函", "會同", "協調", "邀", "召開", "檢討", "追蹤", "規劃")
# A unit followed by its role: 民政局主政, 社會局協辦, 工務局(主辦).
ROLE_AFTER = re.compile(r"[(（]?\s*(?:(?:為|擔任)?(?:主政|主辦|負責|統籌)|(?:為)?協辦|配合辦理)")
# A subject bound to act, opening a sentence of a directive: 各區公所應…, 社會局須於…, 各鄉公所每月將….
SUBJECT_BOUND = re.compile(r"\s*(?:每[^\s，。；、,;:：]{1,3}|於[^，。；,;:：]{1,14}?"
                           # 各局處辦理大型活動，應落實…: the subject of the clause before the duty
                           r"|(?:辦理|執行|推動|舉辦|規劃)[^，。；,;:：]{1,20}[，,]\s*(?=(?:均|仍|另|並)?(?:應|須|務必)))?"
                           r"(?:均|仍|另|並)?(?:應|須|需|務必|將)")
CLAUSE_BOUND = re.compile(r"\s*(?:均|仍|另|並)?(?:應|須|務必)")
CLAUSE_START = re.compile(r"[，,]\s*")
LIST_SEPARATOR = re.compile(r"\s*(?:、|及|和|與|暨|以及|,|並會同|會同|協同|偕同)\s*")
COMMITMENT_AFTER = re.compile(r"^(?:(?!已|曾)[^\s，。；、,;]){0,2}(?:將|預計|預定|擬|刻正|正|會|賡續|持續|規劃|研議|研擬|再|亦將)")
IMPLICIT_COMMITMENT = re.compile(r"(?:^|(?<=[，。；,;:：]))\s*(?:另|並|爰)?(?:擬|將(?=於|在|會|持續|儘速|視|再))")
NON_ACTOR_BEFORE = ("肯定", "感謝", "感佩", "謝謝", "與", "向", "對", "予", "給", "透過", "經", "依", "參考",
                    "協助", "轉介", "通知", "聯繫", "至", "於", "送", "函送", "提交", "由")
NON_ACTOR_AFTER = ("之", "所", "的")
SPEAKING_AFTER = ("裁示", "指示", "提示", "表示", "說明", "致詞", "回應", "補充", "發言")  # 主席裁示：請…
# 委員質詢未及答復部分，請以書面答復: the questioners are owed the answer, not asked for it.
ASKING_AFTER = ("質詢", "詢問", "提問", "質疑", "要求", "提案", "關切")
HYPOTHETICAL_BEFORE = ("是否",)
PURPOSE_BEFORE = ("為", "為了", "以", "俾")  # 本計畫為督促地方政府…: the plan's aim, not an ask
GOVERNMENT_WORDS = ("市府", "縣府", "本府", "貴府")
NOUNS_AFTER_ADVISED = ("事項", "案", "表", "書", "清單", "名單", "值", "支用", "內容", "意見", "方案")
SELF_REFERENCE = re.compile(r"本(?:府|部|署|局|處|會|中心|院|所|司)")
ADDRESSEE_REFERENCE = re.compile(r"貴(?:府|部|署|局|處|會|中心|院|所|司)")
SUBUNIT_SUFFIX = re.compile(r"\s*(?:各單位|各局處|所屬(?:各)?(?:機關|單位)?|各機關)")
OPENING_BRACKET, CLOSING_BRACKET = re.compile(r"\s*\(\s*"), re.compile(r"\s*\)")
TRAILING_PARENS = re.compile(r"[(（]\s*(?P<body>[^()（）]{2,60})\s*[)）]\s*[。.]?\s*$")
ROLE_LABEL = re.compile(r"(?P<label>主辦|主政|協辦|會辦|配合|承辦(?=單位|機關|\s*[:：])|(?:權責|負責|執行|列管)(?=單位|機關))"
                        r"(?:單位|機關)?\s*[:：]\s*")
ASSIST_LABELS = ("協辦", "會辦", "配合")
SENTENCE_BREAK = "。；;\n"
LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # broken text spaCy cannot encode
QUOTED = re.compile(r"「[^」]*」|『[^』]*』|“[^”]*”|《[^》]*》")  # titles of plans and acts


UNKNOWN_NAME = re.compile(rf"[{CJK}]{{2,12}}?{UNIT_SUFFIX}")


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
                    filled = self.fill(template, government["name"])
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
        owner = context.speaker or context.host
        if not context.government and owner and CENTRAL_DIVISION.search(surface) and all(
                e.level == "central" and e.parent and e.parent != owner and not owner.startswith(e.parent)
                and not surface.startswith(e.parent) for e in entries):
            # 綜合規劃司 in 農業部's meeting is its own, not the gazetteer's other ministry's
            return Entry(owner + surface, "central", owner)
        if len(entries) > 1:
            around = " ".join(filter(None, (context.speaker, context.host)))
            entries = sorted(entries, key=lambda e: -fuzz.partial_ratio(e.parent or e.canonical, around))
        entry = entries[0]
        if "{" in entry.canonical:
            if not context.government or context.government not in self.governments:
                return None
            return Entry(self.fill(entry.canonical, context.government), "local")
        return entry

    def fill(self, template: str, government: str) -> str:
        """A local unit's name in ``government``: 臺中市政府衛生局, but 彰化縣衛生局
        for a first-level agency the government names after its place.

        >>> gazetteer().fill("{government}衛生局", "彰化縣政府"), gazetteer().fill("{government}社會處", "彰化縣政府")
        ('彰化縣衛生局', '彰化縣政府社會處')
        """
        record = self.governments[government]
        if template.startswith("{government}") and template.removeprefix("{government}") in record.get("agencies", ()):
            return record["place"] + template.removeprefix("{government}")
        return template.format(government=government, place=record["place"])


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer(json.loads(GAZETTEER_PATH.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def unit_pipeline():
    """spaCy's blank Chinese pipeline with a component marking every gazetteer
    name as a UNIT entity. Built once per process (a few thousand phrase patterns).

    >>> [(ent.text, ent.label_) for ent in unit_pipeline()("請衛生福利部心理健康司及衛生局辦理").ents]
    [('衛生福利部心理健康司', 'UNIT'), ('衛生局', 'UNIT')]
    """
    import spacy
    from spacy.language import Language

    if not Language.has_factory(GAZETTEER_COMPONENT):
        Language.factory(GAZETTEER_COMPONENT, func=_gazetteer_component)
    nlp = spacy.blank("zh")
    nlp.add_pipe(GAZETTEER_COMPONENT)
    return nlp


GAZETTEER_COMPONENT = "lieguan_unit_gazetteer"


def _gazetteer_component(nlp, name: str):
    return GazetteerComponent(nlp, gazetteer().surfaces)


class GazetteerComponent:
    """A spaCy pipeline component: every gazetteer name in a Doc becomes a UNIT
    entity, the longest where names overlap (衛生福利部心理健康司, not 衛生福利部).

    spaCy's entity ruler does the same with one label per pattern, each
    pattern tokenised through the pipeline (three times slower to build);
    the blank Chinese tokenizer makes one token per non-space character,
    so the patterns are built from characters directly."""

    def __init__(self, nlp, surfaces: list[str]):
        from spacy.matcher import PhraseMatcher
        from spacy.tokens import Doc

        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.matcher.add("UNIT", [
            nlp.make_doc(surface) if any(char.isspace() for char in surface)
            else Doc(nlp.vocab, words=list(surface), spaces=[False] * len(surface))
            for surface in surfaces
        ])

    def __call__(self, doc):
        from spacy.util import filter_spans

        doc.ents = filter_spans(self.matcher(doc, as_spans=True))
        return doc


# Patterns over gazetteer lists, built and compiled once, not on every call.
@lru_cache(maxsize=1)
def _place_pattern() -> re.Pattern:
    return re.compile("|".join(map(re.escape, gazetteer().places)))


@lru_cache(maxsize=1)
def _collective_pattern() -> re.Pattern:
    """各 and a kind of unit (各網絡單位, 各區公所, 各衛生所, 各縣市衛生局), or a
    collective from the gazetteer. Not 各項措施所需: 項, 種, 類… make a
    list of things, and 所 before 需/有/屬… is the particle."""
    names = "|".join(map(re.escape, gazetteer().collectives))
    qualifier = rf"(?:(?![項種類界式樣次方面期級])[{CJK}])"
    kinds = "單位|政府|機關|局處|部會|公所|學校|成員|分局|隊|所(?![需有屬在得以謂述提])|中心"
    return re.compile(rf"{names}|各(?:{qualifier}{{0,6}}?(?:{kinds})|{qualifier}{{1,6}}?(?:局|署|院)|科室|處室)")


@lru_cache(maxsize=1)
def _office_holder_pattern() -> re.Pattern:
    titles = "|".join(map(re.escape, gazetteer().titles))
    name_char = "(?:(?![" + re.escape("".join(NOT_IN_NAMES - set("本貴"))) + rf"])[{CJK}])"
    return re.compile(rf"(?P<name>{name_char}{{1,3}}?)?(?P<title>{titles})(?!會|{UNIT_SUFFIX})")


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
    local, hosted by the bureau or council its title names, if any;
    otherwise the ministry of the first central unit is the host.

    >>> context_from_text("臺中市強化社會安全網推動會報 112年第 3 次會議紀錄").government
    '臺中市政府'
    >>> context_from_text("臺南市政府衛生局113年第5次局務會議紀錄").host
    '臺南市政府衛生局'
    >>> context_from_text("嘉義市政府八樓第一會議室").government
    '嘉義市政府'
    >>> context_from_text("行政院食品安全會報第5次會議紀錄")
    UnitContext(government=None, host='行政院', speaker=None, default_addressee='行政院')
    """
    plain = normalise(text or "")
    gaz = gazetteer()
    place = _place_pattern().search(plain)
    central = [e for e in _gazetteer_mentions(plain, UnitContext()) if e.central]
    if place and not (central and central[0].start < place.start()):
        return UnitContext(government=gaz.places[place.group()], host=_local_host(plain, place))
    if central:
        entry = gaz.resolve(central[0].canonical, UnitContext())
        top = entry.canonical if entry else central[0].canonical
        if OWN_MEETING.search(plain.split("\n", 1)[0]) and central[0].start == 0:
            # 經濟部水利署…署務會議: the agency's own meeting; its 組 and 分署 are its own
            return UnitContext(host=top, default_addressee=top)
        while entry and entry.parent and entry.parent != "行政院":
            top = entry.parent
            entry = gaz.resolve(entry.parent, UnitContext())
        return UnitContext(host=top, default_addressee=top)
    return UnitContext()


# A body's own internal meeting, named by its kind: 署務會議, 局務會報, 部務會報.
OWN_MEETING = re.compile(r"[署局處司部院所]務會(?:議|報)")


def _local_host(plain: str, place: re.Match) -> str | None:
    """The bureau or council issuing a local document, when its title names
    one right after the place (臺南市政府衛生局…局務會議, 臺北市議會…).

    >>> _local_host("臺南市政府衛生局113年第5次局務會議紀錄", re.search("臺南市", "臺南市政府衛生局"))
    '臺南市政府衛生局'
    """
    title = plain[place.start():].split("\n", 1)[0]
    council = COUNCIL.match(title, len(place.group()) - 1)
    if council:
        return place.group() + "議會"
    government = gazetteer().places[place.group()]
    context = UnitContext(government=government)
    for mention in _gazetteer_mentions(title, context):
        if mention.start == 0 and mention.canonical != government and not mention.central:
            return mention.canonical
    township = re.match(TOWNSHIP_NAME, title[len(place.group()):])
    if township:  # 花蓮縣吉安鄉公所…主管會報
        return place.group() + township.group()
    if title.startswith(government):
        bureau = UNKNOWN_NAME.match(title, len(government))
        if bureau and re.search("(?:委員會|局|處)$", bureau.group()):
            return government + bureau.group()
    return None


def _gazetteer_mentions(plain: str, context: UnitContext, written: str | None = None) -> list[Mention]:
    """Gazetteer names in ``plain`` (normalised ``written``), raw as written."""
    doc = unit_pipeline()(plain)
    found = []
    for ent in doc.ents:
        entry = gazetteer().resolve(ent.text, context)
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
        self.mentions_by_end = {m.end: m for m in self.mentions.values()}

    def _all_mentions(self) -> list[Mention]:
        quoted = [(m.start(), m.end()) for m in QUOTED.finditer(self.plain)]
        return [m for m in self._named() if not _in_any(m.start, quoted)]

    def _named(self) -> list[Mention]:
        collectives = list(self._collectives())
        # 各衛生所 is a collective even where the gazetteer knows 衛生所.
        found = [m for m in _gazetteer_mentions(self.plain, self.context, self.text)
                 if not any(c.start < m.start and m.end <= c.end for c in collectives)]
        taken = {i for m in found for i in range(m.start, m.end)}
        for extra in (*collectives, *self._office_holders(), *self._references()):
            if not taken.intersection(range(extra.start, extra.end)):
                found.append(extra)
                taken.update(range(extra.start, extra.end))
        return found

    def _host_as(self, reference: str) -> str | None:
        """The host named by 本局/本部/本會…: only a host of that kind (本局 in a
        bureau's meeting, 本會 in a council's, 本部 in a ministry's)."""
        host = self.context.host
        return host if host and host.endswith(reference[1:]) else None

    def _mention(self, start: int, end: int, canonical: str, **flags) -> Mention:
        return Mention(start, end, self.text[start:end], canonical, **flags)

    def _collectives(self):
        for m in _collective_pattern().finditer(self.plain):  # kept as written: 各鄉（鎮、市）公所
            yield self._mention(m.start(), m.end(), self.text[m.start():m.end()].replace("台", "臺"))

    def _references(self):
        ctx = self.context
        for m in SELF_REFERENCE.finditer(self.plain):
            own = (ctx.government or ctx.speaker) if m.group() == "本府" else (ctx.speaker or self._host_as(m.group()))
            yield self._mention(m.start(), m.end(), own or m.group(), known=bool(own))
        if ctx.government:
            for m in OWN_GOVERNMENT.finditer(self.plain):
                if not self.plain[:m.start()].endswith(("本", "貴")):
                    yield self._mention(m.start(), m.end(), ctx.government)
        for m in ADDRESSEE_REFERENCE.finditer(self.plain):
            addressed = ctx.government if m.group() == "貴府" else self._host_as(m.group())
            yield self._mention(m.start(), m.end(), addressed or m.group(), known=bool(addressed))

    def _office_holders(self):
        named: dict[str, str] = {}  # title -> the last holder named with it (王副市長)
        for m in _office_holder_pattern().finditer(self.plain):
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

    def unit_at(self, position: int, assigned: bool = False) -> Mention | None:
        """The unit whose name starts at ``position`` (spaces skipped), if any;
        ``assigned``: the position follows a role label or opens a closing
        note of units, where a name (經建課) needs no other sign that it is one."""
        while position < len(self.plain) and self.plain[position].isspace():
            position += 1
        mention = self.mentions.get(position)
        if mention is None:
            mention = self._unknown_unit_at(position, assigned)
        if mention and self._is_host_reference(mention):  # 本院法規會, 本部路政司
            mention = _own_unit_after(self, mention, CENTRAL_DIVISION) or mention
        elif mention and not mention.central and mention.canonical in gazetteer().governments:
            subunits = SUBUNIT_SUFFIX.match(self.plain, mention.end)  # 嘉義市政府各單位
            own = None if subunits else _own_unit_after(self, mention)  # 臺北市政府產業發展局
            if subunits:
                mention = Mention(mention.start, subunits.end(), self.text[mention.start:subunits.end()],
                                  mention.canonical)
            elif own:
                mention = own
        return mention

    def _is_host_reference(self, mention: Mention) -> bool:
        """本院/本部/貴部… standing for the host (or speaker), not the local government."""
        return bool(SELF_REFERENCE.fullmatch(mention.raw) or ADDRESSEE_REFERENCE.fullmatch(mention.raw)) \
            and mention.known and mention.canonical not in gazetteer().governments

    def _unknown_unit_at(self, position: int, assigned: bool = False) -> Mention | None:
        """A name ending in a unit suffix that the gazetteer does not know: one of
        the document's own local units (see :meth:`_own_unit`), else kept as
        written. Characters that mark running text (經, 由, 並…) rule a name out,
        except where a role label says a name follows (主辦：經建課)."""
        m = UNKNOWN_NAME.match(self.plain, position)
        if not m:
            return None
        name = m.group()
        suffix_start = re.search(rf"{UNIT_SUFFIX}$", name).start()
        prefix = name[:suffix_start]
        running_text = any(ch in NOT_IN_NAMES for ch in prefix) or any(v in name for v in VERBS_NOT_IN_NAMES)
        if (running_text and not assigned) \
                or prefix.startswith(GENERIC_PREFIXES) or name.endswith(ROOMS) or self.mentions.get(m.end()) \
                or re.match(UNIT_SUFFIX, self.plain[m.end():m.end() + 3]):  # 相關局處: not one name
            return None
        return Mention(m.start(), m.end(), self.text[m.start():m.end()], self._own_unit(name), known=False)

    def _own_unit(self, name: str) -> str:
        """The canonical name of a unit the gazetteer does not know. In a local
        government's document a bare …局/…處/…室/…委員會 is that government's
        (產業發展處 → 連江縣政府產業發展處), a township office takes the place
        (南竿鄉公所 → 連江縣南竿鄉公所), and a section (第一科, 秘書室) the bureau
        holding the meeting, when the document names it. A township office's
        own meeting takes its divisions (民政課 → 花蓮縣吉安鄉公所民政課), and a
        central body's its departments (路政司 → 交通部路政司: the speaking
        body's, or else the host's). Anything else, or a name that already
        starts with a government, place or central body, is kept as written."""
        government, host = self.context.government, self.context.host
        gaz = gazetteer()
        if name.startswith("各"):  # 各課室 after a role label: a collective, as written
            return name
        if name.startswith(tuple(gaz.places)) or any(mark in name for mark in CENTRAL_MARKS):
            return name
        if not government and CENTRAL_DIVISION.search(name):
            speaker = self.context.speaker
            owner = speaker if speaker in gaz.full_names and not CENTRAL_DIVISION.search(speaker) else host
            return owner + name if owner in gaz.full_names else name
        if not government or government not in gaz.governments:
            return name
        if host and host.endswith("公所") and TOWNSHIP_DIVISION.search(name):
            return host + name
        place = gaz.governments[government]["place"]
        if host and host.startswith((government, place)) and host != government and (
                SECTION.search(name) or name.endswith("處") and host.endswith("局")):
            # 臺南市政府衛生局疾病管制科, 彰化縣衛生局醫政科; a bureau's own 疾病管制處 (the
            # government's 處 that the gazetteer knows, 主計處 or 人事處, never come here)
            return host + name
        if LOCAL_UNIT.search(name):
            return government + name
        if TOWNSHIP_OFFICE.match(name):
            return gaz.governments[government]["place"] + name
        return name

    def unit_ending_at(self, end: int) -> Mention | None:
        """The unit whose name ends at ``end`` (spaces skipped), if any: the
        writer of 衛生局函請…, the subject of 資訊局協辦."""
        while end > 0 and self.plain[end - 1].isspace():
            end -= 1
        if end in self.mentions_by_end:
            return self.mentions_by_end[end]
        for start in range(max(0, end - 14), end - 2):  # an unknown name starts after a word break
            if start and self.plain[start - 1] not in NOT_IN_NAMES and "\u4e00" <= self.plain[start - 1] <= "\u9fff":
                continue
            mention = self._unknown_unit_at(start)
            if mention and mention.end == end:
                return mention
        return None

    def unit_list_ending_at(self, end: int) -> list[Mention]:
        """Units written as a list (交通局、經濟發展局) ending at ``end``, in order."""
        units: list[Mention] = []
        unit = self.unit_ending_at(end)
        while unit:
            units.insert(0, unit)
            separator = re.search(r"(?:、|及|和|與|暨|,)\s*$", self.plain[max(0, unit.start - 3):unit.start])
            unit = self.unit_ending_at(unit.start - len(separator.group())) if separator else None
        return units

    def unit_list_at(self, position: int, assigned: bool = False) -> list[Mention]:
        """Units written as a list (民政局、社會局及衛生局) starting at ``position``
        (``assigned``: see :meth:`unit_at`)."""
        units = []
        unit = self.unit_at(position, assigned)
        while unit:
            meant = self._meant_by(unit)
            units += meant or [unit]
            end = meant[-1].end if meant else unit.end
            separator = LIST_SEPARATOR.match(self.plain, end)
            unit = self.unit_at(separator.end(), assigned) if separator else None
        return units

    def _meant_by(self, collective: Mention) -> list[Mention]:
        """The units a collective or a government means, written after it in
        brackets: 建請中央（農業部）… asks 農業部, 送請縣政府（交通旅遊處）辦理
        asks 交通旅遊處. Their end is the closing bracket."""
        named_government = collective.canonical in gazetteer().governments or OWN_GOVERNMENT.fullmatch(collective.raw)
        if not (_collective_pattern().fullmatch(self.plain, collective.start, collective.end) or named_government):
            return []
        bracket = OPENING_BRACKET.match(self.plain, collective.end)
        units = self.unit_list_at(bracket.end()) if bracket else []
        close = CLOSING_BRACKET.match(self.plain, units[-1].end) if units else None
        if not close:
            return []
        last = units[-1]
        return units[:-1] + [dataclasses.replace(last, end=close.end())]

    def clause_end(self, position: int) -> int:
        ends = [self.plain.find(b, position) for b in SENTENCE_BREAK]
        return min([e for e in ends if e >= 0], default=len(self.plain))

    def sentence_start(self, position: int) -> int:
        return max(self.plain.rfind(b, 0, position) for b in SENTENCE_BREAK) + 1


def _own_unit_after(reader: Reader, owner: Mention, divisions: re.Pattern = LOCAL_UNIT) -> Mention | None:
    """An organisation named with one of its units, as one unit: a government
    named in full with a unit the gazetteer does not know (臺北市政府產業發展局),
    whatever the document's; 縣政府/市府 followed by a known bureau (縣政府工務處,
    in a council's minutes); 本院/本部 with one of its units (本院法規會 →
    行政院法規會, 本部路政司 → 交通部路政司, with ``divisions`` CENTRAL_DIVISION)."""
    known = reader.mentions.get(owner.end)
    if known and known.known and known.canonical.startswith(owner.canonical) and known.canonical != owner.canonical:
        return Mention(owner.start, known.end, reader.text[owner.start:known.end], known.canonical)
    unit = UNKNOWN_NAME.match(reader.plain, owner.end)
    if not unit or not divisions.search(unit.group()) or reader.mentions.get(unit.end()):
        return None
    prefix = unit.group()[:-1]
    if any(ch in NOT_IN_NAMES for ch in prefix) or any(v in prefix for v in VERBS_NOT_IN_NAMES):
        return None
    return Mention(owner.start, unit.end(), reader.text[owner.start:unit.end()],
                   owner.canonical + unit.group(), known=False)


def _in_any(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= position < b for a, b in spans)


def _asked(reader: Reader) -> tuple[list[tuple[Mention, str]], list[re.Match]]:
    """Units in asking positions with their roles, and the asks that name no one."""
    plain, asked, unaddressed = reader.plain, [], []
    purposes = purpose_clauses(plain)

    assigned = _labelled(reader)  # the formal assignment comes first
    if not assigned:
        parens = TRAILING_PARENS.search(plain)
        assigned = _parenthesised(reader, parens) if parens else []

    for ask in ASK.finditer(plain):
        if _in_any(ask.start(), purposes) or plain[:ask.start()].endswith(HYPOTHETICAL_BEFORE + PURPOSE_BEFORE):
            continue
        if ask.group().startswith(DISPATCH) and reader.unit_ending_at(ask.start()):
            continue  # 由衛生局函請衛生福利部補助: the ministry only receives the bureau's letter
        units = [u for u in reader.unit_list_at(ask.end()) if not SELF_REFERENCE.fullmatch(u.raw)]
        sends_up = plain[:ask.start()].endswith("送") or ask.group().startswith(DISPATCH)
        if units and sends_up and REVIEW.match(plain, units[-1].end):
            continue  # 送請/函請立法院審議: the reviewer is asked for nothing but the review
        if not units:  # 請本局…: reported speech, the text does not ask its own writer
            if not reader.unit_at(ask.end()) and _asks_someone(plain, ask):
                unaddressed.append(ask)
            continue
        asked += [(u, "lead") for u in units]
        asked += [(u, "assist") for u in _partners(reader, units[-1].end)]

    for by in (*BY.finditer(plain), *UNTIL.finditer(plain)):
        units = reader.unit_list_at(by.end())
        verbs = BY_VERBS if by.group() == "由" else UNTIL_VERBS
        if units and plain[units[-1].end:].lstrip().startswith(verbs) and not _in_any(by.start(), purposes):
            asked += [(u, "lead") for u in units]
            asked += [(u, "assist") for u in _partners(reader, units[-1].end)]

    for word in ROLE_AFTER.finditer(plain):  # 民政局主政, 交通局、資訊局協辦
        units = reader.unit_list_ending_at(word.start())
        if units and word.group().endswith(("主政", "主辦", "負責", "統籌")):
            asked += [(u, "lead") for u in units]
            asked += [(u, "assist") for u in _partners(reader, units[-1].end)]
        else:
            asked += [(u, "assist") for u in units]

    for position, mention in sorted(reader.mentions.items()):
        after = plain[mention.end:].lstrip()
        if SELF_REFERENCE.fullmatch(mention.raw) and mention.known and COMMITMENT_AFTER.match(after) \
                and reader.unit_at(position).end == mention.end:  # not 本院法規會
            asked.append((mention, "lead"))

    # 各鄉公所每月將…函報本府: the subject is bound; after a comma only by a
    # duty (…，高速公路局並應配合研議; …，經濟部應責成臺電公司…).
    starts = [(start, SUBJECT_BOUND) for start in _sentence_starts(plain)]
    starts += [(m.end(), CLAUSE_BOUND) for m in CLAUSE_START.finditer(plain)]
    for start, bound in starts:
        units = reader.unit_list_at(start)
        if units and bound.match(plain, units[-1].end) and not _in_any(start, purposes):
            asked += [(u, "lead") for u in units if not SELF_REFERENCE.fullmatch(u.raw)]

    if reader.context.speaker:
        for m in IMPLICIT_COMMITMENT.finditer(plain):
            if not _in_any(m.end(), purposes):
                asked.append((Mention(m.end(), m.end(), "", reader.context.speaker), "lead"))
    asked.sort(key=lambda pair: (pair[0].start, pair[1] != "lead"))
    if any(role == "lead" for _, role in assigned):
        return assigned + asked, unaddressed
    return asked + assigned, unaddressed  # （協辦：教育處）: helpers of whoever is asked


def _sentence_starts(plain: str) -> list[int]:
    """Where sentences (and labelled parts, 裁示：…) start."""
    return [0] + [m.end() for m in re.finditer(r"[。；;:：\n]\s*(?:\(?\d{1,2}[).、]|[一二三四五六七八九十]、)?", plain)]


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


def _labelled(reader: Reader) -> list[tuple[Mention, str]]:
    """Units after role labels, in parentheses or not: 主辦：民政局；協辦：社會局."""
    pairs = []
    for label in ROLE_LABEL.finditer(reader.plain):
        role = "assist" if label.group("label") in ASSIST_LABELS else "lead"
        pairs += [(u, role) for u in reader.unit_list_at(label.end(), assigned=True)]
    return pairs


def _parenthesised(reader: Reader, parens: re.Match) -> list[tuple[Mention, str]]:
    """（民政局） closing the item: the units assigned to it."""
    body_start = parens.start("body")
    units = reader.unit_list_at(body_start, assigned=True)
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
        after = reader.plain[mention.end:mention.end + 2]
        if before.endswith(NON_ACTOR_BEFORE) or after.startswith(NON_ACTOR_AFTER + SPEAKING_AFTER + ASKING_AFTER):
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
            a.group().startswith("建") for a in unaddressed):
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


def listed_units(text: str, context: UnitContext) -> list[UnitRef]:
    """The units a table cell lists (水利資源處; 社會處、建設處), the first
    leading: a cell of a 權責單位 column names them without asking them.

    >>> [(u.canonical, u.role) for u in listed_units("社會處、建設處", UnitContext(government="宜蘭縣政府"))]
    [('宜蘭縣政府社會處', 'lead'), ('宜蘭縣政府建設處', 'assist')]
    """
    reader = Reader(text or "", context)
    return [UnitRef(raw=m.raw, canonical=m.canonical, role="assist" if index else "lead")
            for index, m in enumerate(reader.unit_list_at(0, assigned=True))]


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
