"""Chinese full-text search over follow-up items.

SQLite's FTS5 tokenizers do not segment Chinese: ``unicode61`` keeps a whole
run of characters as one token and ``trigram`` cannot find two-character
words. So each item's text is rendered as character n-grams, and a query is
compiled into n-gram terms:

* ``chars`` column: one token per character (for one-character queries);
* ``grams`` column: one token per pair of adjacent characters, in text order,
  so a longer word is the *phrase* of its overlapping bigrams and matches
  exactly where the word occurs.

Both sides are folded the same way, character by character: NFKC (full-width
ASCII → ASCII), case-folding and Traditional → Simplified (t2s, many-to-one, so
``卫生局`` finds ``衛生局`` and ``台`` finds ``臺``). Whitespace is dropped: in
Chinese text it is layout (``1 0 1 年``), not meaning. Tokens are written in
hexadecimal so that punctuation can never be split off by the FTS tokenizer or
read as FTS query syntax.

Example::

    >>> fold("臺中市 衛生局")
    '台中市卫生局'
    >>> compile_query("社工")
    'grams : "793ex5de5"'
    >>> highlight("請社工員訪視", "社工")
    '請<mark>社工</mark>員訪視'
"""

from __future__ import annotations

import html
import unicodedata
from functools import lru_cache

import opencc

FTS_TABLE = "items_fts"

_to_simplified = opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def fold_char(char: str) -> str:
    """The search form of one character (may be empty for whitespace or longer for ㈠).

    >>> fold_char("臺"), fold_char("Ａ"), fold_char(" ")
    ('台', 'a', '')
    """
    if char.isspace():
        return ""
    normal = unicodedata.normalize("NFKC", char).casefold()
    return "".join(_to_simplified.convert(c) for c in normal if not c.isspace())


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` and return, for each folded character, the index of the
    original character it came from.

    >>> fold_with_offsets("台 中")
    ('台中', [0, 2])
    """
    folded: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        for piece in fold_char(char):
            folded.append(piece)
            offsets.append(index)
    return "".join(folded), offsets


def fold(text: str) -> str:
    """The folded form of ``text``: what the index and queries compare.

    >>> fold("卫生局") == fold("衛生局")
    True
    """
    return fold_with_offsets(text)[0]


def _hex(char: str) -> str:
    return format(ord(char), "x")


def render(text: str | None) -> tuple[str, str]:
    """The (grams, chars) columns indexed for ``text``.

    >>> render("社工員")
    ('793ex5de5 5de5x5458', 'u793e u5de5 u5458')
    """
    folded = fold(text or "")
    grams = " ".join(f"{_hex(a)}x{_hex(b)}" for a, b in zip(folded, folded[1:]))
    chars = " ".join(f"u{_hex(c)}" for c in folded)
    return grams, chars


def query_terms(query: str | None) -> list[str]:
    """The folded, non-empty terms of a query; whitespace separates terms.

    >>> query_terms("  社工  衛生局 ")
    ['社工', '卫生局']
    """
    return [term for term in (fold(word) for word in (query or "").split()) if term]


def compile_query(query: str | None) -> str | None:
    """An FTS5 MATCH expression for ``query`` over ``items_fts``, or None if it
    has no terms. Terms are ANDed.

    >>> compile_query("台")
    'chars : u53f0'
    >>> compile_query("社工 訪視")
    'grams : "793ex5de5" AND grams : "8bbfx89c6"'
    """
    clauses = []
    for term in query_terms(query):
        if len(term) == 1:
            clauses.append(f"chars : u{_hex(term)}")
        else:
            grams = " ".join(f"{_hex(a)}x{_hex(b)}" for a, b in zip(term, term[1:]))
            clauses.append(f'grams : "{grams}"')
    return " AND ".join(clauses) or None


def match_spans(text: str | None, query: str | None) -> list[tuple[int, int]]:
    """Merged (start, end) spans of ``text`` where any query term occurs.

    >>> match_spans("臺中 市政府", "台中市")
    [(0, 4)]
    """
    if not text:
        return []
    folded, offsets = fold_with_offsets(text)
    spans = []
    for term in query_terms(query):
        start = folded.find(term)
        while start != -1:
            spans.append((offsets[start], offsets[start + len(term) - 1] + 1))
            start = folded.find(term, start + 1)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str | None, query: str | None, start: int = 0, end: int | None = None) -> str:
    """HTML-escaped ``text[start:end]`` with the query's matches in ``<mark>``.

    >>> highlight("<b>社工</b>", "社工")
    '&lt;b&gt;<mark>社工</mark>&lt;/b&gt;'
    """
    text = text or ""
    end = len(text) if end is None else end
    pieces, cursor = [], start
    for span_start, span_end in match_spans(text, query):
        span_start, span_end = max(span_start, start), min(span_end, end)
        if span_start >= span_end:
            continue
        pieces.append(html.escape(text[cursor:span_start]))
        pieces.append(f"<mark>{html.escape(text[span_start:span_end])}</mark>")
        cursor = span_end
    pieces.append(html.escape(text[cursor:end]))
    return "".join(pieces)


def snippet(text: str | None, query: str | None, width: int = 40) -> str:
    """A highlighted window of about ``width`` characters around the first match.

    >>> snippet("甲" * 50 + "社工" + "乙" * 50, "社工", width=10)
    '…甲甲甲甲<mark>社工</mark>乙乙乙乙…'
    """
    text = text or ""
    spans = match_spans(text, query)
    if not spans or len(text) <= width:
        return highlight(text[:width], query) + ("…" if len(text) > width else "")
    first_start, first_end = spans[0]
    start = max(0, first_start - (width - (first_end - first_start)) // 2)
    end = min(len(text), start + width)
    start = max(0, end - width)
    return ("…" if start else "") + highlight(text, query, start, end) + ("…" if end < len(text) else "")


def register_functions(conn) -> None:
    """Make ``lieguan_match(query)`` callable from SQL on ``conn``, for queries such as
    ``select * from items_fts where items_fts match lieguan_match(:q)``.
    """
    conn.create_function("lieguan_match", 1, compile_query, deterministic=True)


SEARCH_SQL = f"""
select items.rowid as rowid, items.id as id, bm25({FTS_TABLE}) as rank
from {FTS_TABLE} join items on items.rowid = {FTS_TABLE}.rowid
where {FTS_TABLE} match :match
order by rank
"""


def index(db) -> int:
    """(Re)build the search index of ``db`` (a ``sqlite_utils.Database``) over
    ``items.text``; returns the number of items indexed. Safe to call after
    every build: the index is dropped and rebuilt, so it never goes stale.

    Example::

        >>> import sqlite_utils
        >>> db = sqlite_utils.Database(memory=True)
        >>> _ = db["items"].insert({"id": "a", "text": "請衛生局辦理"})
        >>> index(db)
        1
        >>> [row["id"] for row in search(db.conn, "卫生局")]
        ['a']
    """
    conn = db.conn
    conn.execute(f"drop table if exists {FTS_TABLE}")
    conn.execute(
        f"create virtual table {FTS_TABLE} using fts5(grams, chars, content='', tokenize='ascii')"
    )
    rows = conn.execute("select rowid, text from items").fetchall()
    conn.executemany(
        f"insert into {FTS_TABLE}(rowid, grams, chars) values (?, ?, ?)",
        ((rowid, *render(text)) for rowid, text in rows),
    )
    conn.commit()
    return len(rows)


def search(conn, query: str, limit: int | None = None) -> list[dict]:
    """Items matching ``query``, best first (bm25): ``[{"rowid", "id", "rank"}]``.
    An empty query gives no rows.
    """
    match = compile_query(query)
    if match is None:
        return []
    sql = SEARCH_SQL + (f" limit {int(limit)}" if limit else "")
    cursor = conn.execute(sql, {"match": match})
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]
