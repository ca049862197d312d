"""Quantified targets: an indicator, the value it should reach, and by when.

Plans, decks and reports state goals in a few fixed shapes::

    兒少及家庭社區支持服務資源布建涵蓋率逐年提升至 57%      (direction + 至 + value)
    至114年辦理場次達50次                                 (year + 達 + value)
    兒虐致死人數每年低於 0.01%                            (every year, a bound)
    執行率為47.86%，高於 112 年…計畫目標值 30%             (achieved vs target value)
    人員進用率 20%(未達85%視為未達標)                      (a pass threshold)

:func:`parse_targets` finds them in one item's text and returns
:class:`Target` objects; :meth:`Target.to_extra` gives the JSON stored in
``Item.extra``; :func:`target_deadline` turns the target year, or the plan
period a target runs over (逐年 within 110-114年), into a :class:`Deadline`.

Example::

    >>> [t] = parse_targets("保護性案件再通報率逐年降至低於 7%")
    >>> t.indicator, t.value, t.measure, t.direction, t.every
    ('保護性案件再通報率', 7.0, '%', '降至', '逐年')
    >>> target_deadline([t], plan_period("第二期計畫(110-114年)")).date
    '2025-12-31'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.model import Deadline
from extract.rocdate import full_year, to_halfwidth

NUMBER = r"(?:\d+(?:\.\d+)?\s*萬\s*)?\d[\d,]*(?:\.\d+)?|\d[\d,]*(?:\.\d+)?\s*萬"
# Longer units first, so 人次 is not read as 人 and 場次 not as 場.
MEASURE = (r"(?:%|個百分點|人次|戶次|場次|班次|件次|小時|萬元|億元|縣市|公頃|公里|公尺|公噸|人|次|場|處|家|案|件|校|所|個|名|戶|元|床|班"
           r"|區|天|日|座|棟|輛|艘|噸)")
QUANTITY = rf"(?P<num>{NUMBER})\s*(?P<measure>{MEASURE})"
EVERY = r"逐年|每年度?|每學年度?|每季|每月|每半年"
BOUND = r"低於|高於|不低於|不高於|不超過|未達|超過"
UP_VERBS = "提升|提高|增加|增至|成長|擴增|擴大|補足|增補"
DOWN_VERBS = "下降|降低|減少|減至|降"
CLAUSE_END = "，。；,;：:"

# Shapes of a stated goal; each captures the target quantity, some a verb, an
# every-year word, a bound (低於) or a year.
GOAL_SHAPES = (
    # 逐年提升至85%, 逐年降至低於5.5%, 逐年補足少輔會專業人力至126人
    re.compile(rf"(?P<every>{EVERY})?\s*(?P<verb>{UP_VERBS}|{DOWN_VERBS}|維持)"
               rf"(?P<object>[^{CLAUSE_END}\d]{{0,20}}?)\s*(?:至|到|在)\s*(?P<bound>{BOUND})?\s*{QUANTITY}"),
    # 至114年辦理場次達50次, 於113年底前達到90% (not 於112年辦理講座達30場: a result)
    re.compile(rf"(?:至\s*(?P<year>\d{{2,3}})\s*年(?:底|度)?前?|(?:於|在)\s*(?P<by>\d{{2,3}})\s*年(?:底|度)?前)"
               rf"(?P<object>[^{CLAUSE_END}]{{0,20}}?)達(?:到|成)?\s*{QUANTITY}"),
    # 每年低於 0.01%, 每學年達 90%
    re.compile(rf"(?P<every>{EVERY})\s*(?P<bound>{BOUND}|達到?|維持)\s*{QUANTITY}"),
    # 進用率目標值為 85%, 目標為 30場
    re.compile(rf"目標(?:值|數)?\s*(?:為|訂為|設定為|是)?\s*{QUANTITY}"),
    # 以1,000萬人次為目標, 合格率以達95%為目標, 以來澎旅客人次達150萬人次為目標
    re.compile(rf"以(?P<object>[^，。；\d]{{0,20}}?)\s*(?:達到?\s*|(?P<bound>不低於|不超過|低於)\s*)?{QUANTITY}\s*(?:以上|以下)?"
               rf"\s*為(?:目標|原則)"),
    # 目標於115年12月31日前達55%, 推廣目標為補助安裝1萬5,000戶, 據點目標新增4處
    re.compile(rf"目標(?:值|數)?\s*(?:為|是|訂為)?(?P<object>[^，。；\d]{{0,20}}?)(?:達到?|提升至|降至|新增|增加|至)?\s*{QUANTITY}"),
    # 目標於115年12月31日前達55%: a date between the goal and its verb
    re.compile(rf"目標[^，。；]{{0,24}}?(?:達到?|提升至|降至|新增|增加)\s*{QUANTITY}"),
    # 每年度人員進用率須達85%
    re.compile(rf"(?:須|需|應|必須)\s*(?:達到?|維持在?)\s*{QUANTITY}"),
    # 下降上一年度再被開案率之5%
    re.compile(rf"(?P<verb>{UP_VERBS}|{DOWN_VERBS})(?P<object>[^{CLAUSE_END}\d]{{1,20}}?)之\s*{QUANTITY}"),
    # (未達85%視為未達標)
    re.compile(rf"未達\s*{QUANTITY}\s*(?:者|時)?\s*(?:即|則)?\s*(?:視為|列為|為)?\s*(?:未達標|不合格|不及格|未達成)"),
)
# In a list of indicators (a slide or section titled 指標) a plain 達100% or
# 設置數達49處 is the goal itself.
LISTED_SHAPE = re.compile(rf"達(?:到|成)?\s*{QUANTITY}")

# 執行率為47.86%，高於 112 年…計畫目標值 30%: the achieved value first.
ACHIEVED = re.compile(
    rf"(?P<indicator>[^{CLAUSE_END}]*?)(?:為|達|計|佔總數|佔)?\s*(?P<achieved>{NUMBER})\s*(?P<achieved_measure>{MEASURE})"
    rf"\s*[，,]?\s*(?P<comparison>高於|低於|優於|超過|未達|達到?)\s*(?:(?P<year>\d{{2,3}})\s*年度?)?"
    rf"[^{CLAUSE_END}]{{0,30}}?目標值\s*(?:為)?\s*{QUANTITY}"
)
YEAR = re.compile(r"(?<!\d)(\d{2,3})\s*(?:學)?年(?:度)?(?!\s*\d{1,2}\s*月)")
PERIOD = re.compile(r"(?<!\d)(\d{2,3})\s*(?:年)?\s*[-－–~～至到]\s*(\d{2,3})\s*年")
YEARLY_COMPARISON = re.compile(r"上一?年度?|前一年度?")
LEADING_YEAR = re.compile(r"^\s*(?:\d{2,3}\s*(?:學)?年度?\s*)")


@dataclass(frozen=True)
class PlanPeriod:
    """A plan's span in ROC years, as written (``110-114年``)."""

    start: int
    end: int
    raw: str


@dataclass(frozen=True)
class Target:
    indicator: str
    value: float
    value_text: str  # as written: 4萬7,000人
    measure: str  # %, 人, 次, 場次, 處…
    direction: str  # 提升, 降至, 達 or 維持
    bound: str | None = None  # 低於, 不低於…: the value is a ceiling or a floor
    every: str | None = None  # 逐年, 每年, 每學年…
    year: int | None = None  # ROC year the value is due (至114年, 112年目標值)
    year_text: str | None = None
    achieved: float | None = None  # for reports: the value reached
    achieved_text: str | None = None
    comparison: str | None = None  # 高於 / 低於: achieved against the target

    def to_extra(self, plan: PlanPeriod | None = None) -> dict:
        """The JSON fields stored in ``Item.extra["targets"]``.

        >>> parse_targets("協助精神障礙者就業人數逐年增加至4,180人")[0].to_extra()["value"]
        4180.0
        """
        data = {
            "indicator": self.indicator,
            "value": self.value,
            "value_text": self.value_text,
            "measure": self.measure,
            "direction": self.direction,
            "bound": self.bound,
            "every": self.every,
            "year": full_year(self.year) if self.year else None,
            "achieved": self.achieved,
            "achieved_text": self.achieved_text,
            "comparison": self.comparison,
        }
        if plan and not self.year:
            data["plan_period"] = [full_year(plan.start), full_year(plan.end)]
        return data


def number_value(text: str) -> float:
    """A number as written, with thousands commas or 萬.

    >>> number_value("4萬7,000"), number_value("0.01"), number_value("3萬"), number_value("1,000萬")
    (47000.0, 0.01, 30000.0, 10000000.0)
    """
    text = re.sub(r"[\s,]", "", text)
    if "萬" in text:
        tens_of_thousands, _, rest = text.partition("萬")
        return float(tens_of_thousands) * 10000 + (float(rest) if rest else 0.0)
    return float(text)


def direction_of(verb: str | None, bound: str | None) -> str:
    """The goal's direction, from its verb or bound.

    >>> direction_of("補足", None), direction_of("降", "低於"), direction_of(None, "低於"), direction_of(None, None)
    ('提升', '降至', '維持', '達')
    """
    if verb and re.fullmatch(UP_VERBS, verb):
        return "提升"
    if verb and re.fullmatch(DOWN_VERBS, verb):
        return "降至"
    if verb == "維持" or (bound and bound != "未達" and not bound.startswith("達")):
        return "維持"
    return "達"


def sentence_around(text: str, start: int) -> tuple[int, int]:
    """The bounds of the sentence (up to 。 or ；) holding position ``start``."""
    left = max(text.rfind(stop, 0, start) for stop in "。；;") + 1
    ends = [i for i in (text.find(stop, start) for stop in "。；;") if i >= 0]
    return left, min(ends) if ends else len(text)


def clean_indicator(text: str) -> str:
    """An indicator without the year, conjunction, verb or weight around it
    (112 年保護性案件再通報率為 → 保護性案件再通報率).

    >>> clean_indicator("雖進用率"), clean_indicator("人員進用率 20%("), clean_indicator("資源布建率達")
    ('進用率', '人員進用率', '資源布建率')
    """
    text = LEADING_YEAR.sub("", text.strip(" 　，,")).strip()
    text = re.sub(rf"^(?:雖然?|然|另|並|且|其中|及|而)|(?:為|達|計|約)$|(?:\s*(?:{NUMBER})\s*(?:{MEASURE})?)?[(（\s]*$",
                  "", text)
    return re.sub(rf"^(?:{EVERY})|(?:{EVERY})$", "", text).strip(" 　，,")


def indicator_before(text: str, start: int, named_inside: str = "") -> str:
    """The indicator named before a goal: the clause in front of it; when the
    goal opens its clause, the name inside it (至114年辦理場次達50次), else the
    clause before."""
    clauses = re.split(f"[{CLAUSE_END}]", text[sentence_around(text, start)[0]:start])
    candidates = [clauses[-1], named_inside] + clauses[-2::-1]
    return next((clean_indicator(c) for c in candidates if clean_indicator(c)), "")


def nearest_year_before(text: str, start: int) -> tuple[int, str] | None:
    """The last year written before ``start`` in the same sentence (up to 。:
    a year may head a list of clauses separated by ；)."""
    left = text.rfind("。", 0, start) + 1
    years = list(YEAR.finditer(text, left, start))
    return (int(years[-1].group(1)), years[-1].group(0)) if years else None


def groups(match: re.Match) -> dict:
    return {k: v for k, v in match.groupdict().items() if v is not None}


def parse_targets(text: str, listed: bool = False) -> list[Target]:
    """Every quantified goal in ``text``, in order of appearance.

    ``listed`` says ``text`` is an entry in a list of indicators, where a bare
    ``達100%`` is a goal; elsewhere it would be an achievement.

    >>> [(t.indicator, t.achieved, t.value, t.year) for t in parse_targets(
    ...     "112 年保護性案件再通報率為 5.51%，低於 112 年強化社會安全網計畫目標值 7.5%。")]
    [('保護性案件再通報率', 5.51, 7.5, 112)]
    >>> [(t.value, t.year) for t in parse_targets("邀集網絡團隊辦理轉銜會議，至114年辦理場次達50次")]
    [(50.0, 114)]
    >>> parse_targets("脆弱家庭服務涵蓋率達 110%"), len(parse_targets("脆弱家庭服務涵蓋率達 110%", listed=True))
    ([], 1)
    """
    text = to_halfwidth(text)
    found: list[tuple[int, int, Target]] = []

    def overlaps(start: int, end: int) -> bool:
        return any(start < e and s < end for s, e, _ in found)

    # ACHIEVED opens with a lazy run that is retried at every position: look only where it can match.
    for match in ACHIEVED.finditer(text) if "目標值" in text else ():
        g = groups(match)
        quantity_start = match.start("num")
        if overlaps(quantity_start, match.end()):
            continue
        year = int(g["year"]) if "year" in g else None
        indicator = clean_indicator(g.get("indicator", "")) or indicator_before(text, match.start("achieved"))
        found.append((match.start("achieved"), match.end(), Target(
            indicator=indicator, value=number_value(g["num"]), value_text=g["num"] + g["measure"],
            measure=g["measure"], direction="降至" if g["comparison"] == "低於" else "達",
            year=year, year_text=f"{g['year']} 年" if year else None,
            achieved=number_value(g["achieved"]), achieved_text=g["achieved"] + g["achieved_measure"],
            comparison=g["comparison"],
        )))
    shapes = GOAL_SHAPES + ((LISTED_SHAPE,) if listed else ())
    for shape in shapes:
        for match in shape.finditer(text):
            if overlaps(match.start(), match.end()):
                continue
            g = groups(match)
            every = g.get("every")
            if not every:
                left, _ = sentence_around(text, match.start())
                before = re.findall(EVERY, text[left:match.start()])
                every = before[-1] if before else None
            indicator = indicator_before(text, match.start(), g.get("object", ""))
            stated = g.get("year") or g.get("by")
            year, year_text = (int(stated), stated + "年") if stated else (None, None)
            if year is None and not every:
                previous = nearest_year_before(text, match.start())
                if previous:
                    year, year_text = previous
            if not every and YEARLY_COMPARISON.search(text[match.start():match.end()]):
                every = "每年"  # 較上一年度下降: a yearly goal
            found.append((match.start(), match.end(), Target(
                indicator=indicator or text[:match.start()].strip(),
                value=number_value(g["num"]), value_text=g["num"] + g["measure"], measure=g["measure"],
                direction=direction_of(g.get("verb"), g.get("bound")), bound=g.get("bound"),
                every=every, year=year, year_text=year_text,
            )))
    return [target for _, _, target in sorted(found, key=lambda f: f[0])]


def plan_period(text: str) -> PlanPeriod | None:
    """The first plan period written in ``text`` (110-114年, 110至114年).

    >>> plan_period("強化社會安全網第二期計畫草案 (110-114 年)")
    PlanPeriod(start=110, end=114, raw='110-114 年')
    """
    for match in PERIOD.finditer(to_halfwidth(text)):
        start, end = int(match.group(1)), int(match.group(2))
        if start < end <= start + 20:
            return PlanPeriod(start, end, match.group(0))
    return None


def year_span(start_year: int, end_year: int, raw: str | None) -> Deadline:
    """A period from 1 January of one ROC year to 31 December of another.

    >>> year_span(110, 114, "逐年").to_json()
    {'raw': '逐年', 'kind': 'period', 'date': '2025-12-31', 'start': '2021-01-01'}
    """
    return Deadline(raw=raw, kind="period", date=f"{full_year(end_year)}-12-31",
                    start=f"{full_year(start_year)}-01-01")


def target_deadline(targets: list[Target], plan: PlanPeriod | None) -> Deadline:
    """When an item's targets are due: their stated year; for a goal 逐年
    within a plan, the plan's end; for a yearly bound (每年低於), recurring.

    >>> target_deadline(parse_targets("兒虐致死人數每年低於 0.01%"), PlanPeriod(110, 114, "110-114年")).kind
    'recurring'
    >>> target_deadline(parse_targets("服務涵蓋率逐年提升至100%"), None).kind
    'none'
    """
    if not targets:
        return Deadline.none()
    first = targets[0]
    if first.year:
        return year_span(first.year, first.year, first.year_text)
    if first.every and first.every != "逐年":
        start = f"{full_year(plan.start)}-01-01" if plan else None
        return Deadline(raw=first.every, kind="recurring", start=start)
    if plan:
        return year_span(plan.start, plan.end, first.every or plan.raw)
    return Deadline.none()
