"""Roles: which cities the notice acts on (``subject``) and which it only names (``mentioned``).

Real notices name places to act on them: interviewed, inspected, the counties of a bulletin or a
complaint list where violations were found, the places of a typical case or a penalised firm.
So a city is a subject unless every mention of it names it aside: a body's or a newspaper's
name (市生态环境局, 日报), the city of such a body (北京市朝阳区环保局), an address, a dateline or
byline (新华社北京5月3日电, "By X in Nanning"), the venue of the act (在郑州约谈), a past case, a
comparison, a good example, a river's upstream or downstream, an inspection group named after
its home city (渭南1组), an English firm's name ("Harbin Linen Textile Co."). The words are the
lexicon's (``role_not_after``, ``role_aside_before``, ``role_aside_after``,
``role_aside_sentence``, ``role_venue``, ``role_venue_after``).
"""
from __future__ import annotations

import re

from .lexicon import lexicon
from .mentions import COMPANY, NoticeView, PlaceInfo

ZH_CLAUSE = re.compile(r"[,，。；;：:\n]")
# the rest of the line after a place: matched in place (never a search for the line's end, which
# on a text of one long line would scan to its end at every mention)
ZH_ADDRESSEE = re.compile(r"(?:人民政府|市政府|县政府|区政府|政府)?[^\S\n]*[：:][^\S\n]*(?:\n|\Z)")


def subjects(v: NoticeView, places: list[PlaceInfo], kind: str) -> set[str]:
    """The codes of the cities among ``places`` that the notice acts on: every city with a
    mention that is not named aside (see :func:`_aside`)."""
    aside_sentences: dict[tuple[int, int], bool] = {}
    out: set[str] = set()
    for m in places:
        if m.code not in out and not _aside(v, m, aside_sentences):
            out.add(m.code)
    return out


_LOOK = 40
_LABEL_BEFORE = re.compile(r"(?:来源|信息来源|住所|地址|通讯地址|注册地址|经营场所|生产经营场所|所在地)\s*[:：][^，,。；;\n]{0,16}$")


def _in_list(v: NoticeView, m: PlaceInfo) -> bool:
    """A place named in a list of places ("Beijing, Tianjin and Shijiazhuang")."""
    text = v.norm
    before = v.place_ending_at(m.start - 2) or v.place_ending_at(m.start - 4) or v.place_ending_at(m.start - 5)
    nxt = next((p for p in v.places_in(m.end, min(len(text), m.end + 40)) if m.end < p.start <= m.end + 6), None)
    return bool(before and re.fullmatch(r",?\s*(?:and\s+)?", text[before.end:m.start])) or \
        bool(nxt and re.fullmatch(r",?\s*(?:and\s+)?", text[m.end:nxt.start]))  # characters looked at on each side of a mention (bounded: linear in the text)


def _aside(v: NoticeView, m: PlaceInfo, aside_sentences: dict[tuple[int, int], bool]) -> bool:
    """A mention that names a place without acting on it: a body's or newspaper's name
    (生态环境局, 日报), a company's name or address, a dateline or source line, a past case or a
    comparison, an inspection group named after its home city (渭南1组)."""
    lex = lexicon(v.lang)
    text = v.norm
    if ZH_ADDRESSEE.match(text, m.end) and \
            (m.start == 0 or text[m.start - 1] == "\n"):
        return False  # the addressee of a letter: 福州市人民政府：
    if lex.regex("role_not_after").match(text[m.end:m.end + 30]):
        return True
    nxt = v.place_starting_at(m.end)
    if nxt is not None and lex.regex("role_not_after").match(text[nxt.end:nxt.end + 30]):
        return True  # 北京市朝阳区环保局: the bureau's city
    if v.lang == "en" and v.overlaps(m.start, m.end, (COMPANY,)):
        return True  # "Harbin Linen Textile Co." (a Chinese chain 唐山市路北区某公司 places the violation)
    s, e = v.sentence_at(m.start)
    start = max(s, m.start - _LOOK)
    if v.lang == "zh":
        marks = [c.end() for c in ZH_CLAUSE.finditer(text, start, m.start)]
        start = marks[-1] if marks else start
    before = text[start:m.start]
    after = text[m.end:m.end + _LOOK]
    if lex.regex("role_aside_before").search(before) or _LABEL_BEFORE.search(text, max(0, m.start - 24), m.start):
        return True
    if v.lang == "en" and m.level == "municipality" and not _in_list(v, m) and \
            not re.search(r"(?i)\b(?:municipality|municipal|city)\b", text[m.start:m.end + 14]):
        return True  # "a Beijing meeting", "in Beijing and surrounding cities": the capital, named aside
    if lex.regex("role_venue").search(before) and lex.regex("role_venue_after").match(after):
        return True  # 在郑州约谈了…: where the act took place
    if lex.regex("role_aside_after").match(after):
        return True
    if (s, e) not in aside_sentences:
        aside_sentences[(s, e)] = bool(lex.regex("role_aside_sentence").search(text, s, e))
    return aside_sentences[(s, e)]
