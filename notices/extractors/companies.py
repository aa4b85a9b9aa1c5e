"""Companies: registered names ending in 有限公司, 集团, 厂, "Co., Ltd.", "Group", "Steel Works".

The name runs left from its suffix over the characters a name is made of, then sheds the words
that stand in front of names without belonging to them (位于, 其中, 该市, 发现, "Many enterprises
such as"). A place prefix that is part of the name (邯郸市方圆桶业有限公司) stays.
"""
from __future__ import annotations

import re
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from ..gazetteer import load_gazetteer
from .lexicon import alternation, lexicon
from .mentions import COMPANY, CompanyInfo, NoticeView, mark_done, require, view


_NAME_CHARS = r"[\u4e00-\u9fffA-Za-z·]"


@cache
def _zh_pattern() -> re.Pattern[str]:
    suffixes = alternation(lexicon("zh")["company_suffixes"]).pattern
    return re.compile(rf"{_NAME_CHARS}{{2,30}}?(?:{suffixes})")


@cache
def _zh_suffixes() -> tuple[str, ...]:
    return tuple(sorted(lexicon("zh")["company_suffixes"], key=len, reverse=True))


@cache
def _zh_stop_prefixes() -> re.Pattern[str]:
    return alternation(lexicon("zh")["company_stop_prefixes"])


def _trim_zh(draft: NoticeView, start: int, end: int) -> int:
    """Move ``start`` right past framing words and the address in front of the name.

    The address is a run of full place names (江苏省徐州市鼓楼区) followed by another place
    name; a place name that the name itself starts with (徐州恒达…, 邯郸市方圆…) stays.
    """
    text = draft.norm
    de = text.rfind("的", start, end)
    if de >= 0:
        start = de + 1
    for word in lexicon("zh")["company_cut_after"]:
        k = text.rfind(word, start, end)
        if k >= 0:
            start = k + len(word)
    stops = _zh_stop_prefixes()
    places = [p for p in draft.places_in(start, end) if p.start < end - 2]
    if places:
        cut = text[start:places[0].start]
        if cut:
            start = places[0].start
    while start < end:
        hit = stops.match(text, start)
        if hit is None or end - hit.end() < 3:
            break
        start = hit.end()
    # strip the address (江苏省徐州市鼓楼区) when the name itself starts with a short place name
    chain = []
    pos = start
    while True:
        nxt = next((p for p in places if p.start == pos), None)
        if nxt is None:
            break
        chain.append(nxt)
        pos = nxt.end
    gaz = load_gazetteer()
    short = next((p for p in chain if text[p.start:p.end] != getattr(gaz.by_code(p.code), "name", None)), None)
    if short is not None:
        start = short.start
    elif chain and chain[0].level == "province" and len(chain) > 1:
        start = chain[1].start
    m = None
    for m in lexicon("zh").pattern("company_verbs_before").finditer(text, start, max(start, end - 4)):
        pass
    if m is not None and m.end() < end - 3:
        start = m.end()
    return start


@cache
def _legal_ends() -> tuple[str, ...]:
    return tuple(lexicon("zh")["company_legal_ends"])


def _branch_end(text: str, end: int) -> int:
    """The end of a branch written right after a company's name (…有限公司|贵州销售分公司)."""
    lex = lexicon("zh")
    window = text[end:end + 14]
    hit = lex.pattern("company_branch_suffixes").search(window)
    if hit is None or hit.start() == 0:
        return end
    middle = window[:hit.start()]
    if not re.fullmatch(r"[\u4e00-\u9fff]{1,12}", middle) or lex.regex("company_not_in_name").search(middle):
        return end
    if any(w in middle for w in lex["company_clause_words"]):
        return end
    return end + hit.end()


def _legal_end(text: str, end: int) -> int:
    """The end of a legal name that a shop-like name runs into (酒店|管理有限公司)."""
    lex = lexicon("zh")
    hit = lex.regex("company_legal_after").match(text, end)
    if hit is None or lex.regex("company_not_in_name").search(text, end, hit.end()):
        return end
    if any(w in text[end:hit.end()] for w in lex["company_clause_words"]):
        return end
    return hit.end()


def _has_trade_name(core: str, suffix: str) -> bool:
    """Whether the name has a trade name of its own (宏达 in 宏达铸造厂), not only trade words."""
    rest = core[:len(core) - len(suffix)] if suffix else core
    trades = sorted(lexicon("zh")["company_trade_words"], key=len, reverse=True)
    changed = True
    while rest and changed:
        changed = False
        for w in trades:
            if rest.endswith(w):
                rest, changed = rest[:-len(w)], True
                break
    return len(rest) >= 2


# suffixes added after the match stop here: "有限公司" repeated thousands of times is no name, and
# the extension must not run to the end of the text at every match (quadratic)
_MAX_NAME = 60


def find_zh(draft: NoticeView) -> list[CompanyInfo]:
    lex = lexicon("zh")
    not_names = set(lex["company_not"])
    text = draft.norm
    out: list[CompanyInfo] = []
    taken_until = -1
    more = tuple(sorted(lex["company_suffix_more"], key=len, reverse=True))
    facilities = tuple(lex["company_facility_ends"])
    small = set(lex["company_small_suffixes"])
    small_max = lex["company_small_core_max"]
    name_words = set(lex["company_name_words"])
    prev_end = 0
    for m in _zh_pattern().finditer(text):
        start, end = m.span()
        floor, prev_end = prev_end, m.end()
        if start < floor:
            continue  # inside the name before, as it was extended (酒店|管理有限公司)
        while end - start < _MAX_NAME and \
                (nxt := next((w for w in more if text.startswith(w, end)), None)) is not None:
            end += len(nxt)  # 国家能源投资集团 + 有限责任公司, …有限公司 + …分公司
        if not text.endswith(_legal_ends(), 0, end):
            end = _legal_end(text, end)  # 海韵酒店 + 管理有限公司: one name
            prev_end = max(prev_end, end)
        name_end = end  # the parent's end: a place in its branch (贵州销售分公司) is no address
        if text.endswith(_legal_ends(), 0, end):
            end = _branch_end(text, end)
        # extend left over name characters the lazy match did not take
        while start > floor and re.match(_NAME_CHARS, text[start - 1]) and end - start < 40:
            start -= 1  # never back into the name matched before (…有限公司与大唐电厂)
        start = _trim_zh(draft, start, name_end)
        name = draft.text[start:end]
        if name in not_names or len(name) < 4:
            continue
        if lex.regex("company_anonymous").match(text[start:end]) or "某" in text[start:end]:
            continue  # anonymous: 海南某有限公司
        if text[start:end].endswith(facilities) and "公司" not in text[start:end]:
            continue  # a sewage plant, a landfill, a hospital: no business
        suffix_start = end - len(next(x for x in _zh_suffixes() if text[start:end].endswith(x)))
        if lex.regex("company_pronoun_before_suffix").search(text[start:suffix_start]):
            continue
        core_start = start
        while (p := draft.place_starting_at(core_start)) is not None and p.end < suffix_start:
            core_start = p.end
        core = text[core_start:end]
        if (lex.regex("company_generic_core").match(core) and "公司" not in core) or suffix_start - core_start < 2:
            continue
        suffix = text[suffix_start:end]
        if not _has_trade_name(core, suffix):
            continue  # 一首饰厂, 餐饮店: a trade, no name
        if suffix in small and (end - core_start - len(suffix) > small_max or not _has_trade_name(core, suffix)):
            continue
        clause = [w for w in lex["company_clause_words"] if w in text[start:end]]
        if clause and text[start:end].endswith(_legal_ends()) and all(w in name_words for w in clause):
            clause = []  # 某某建设集团有限公司: a legal name may hold the word
        if clause:
            continue
        if start < taken_until:
            continue
        out.append(CompanyInfo(start, end, name))
        taken_until = end
    return out


@cache
def _en_pattern() -> re.Pattern[str]:
    suffixes = alternation(lexicon("en")["company_suffixes"]).pattern
    word = r"(?:[A-Z][A-Za-z0-9&'’.-]*|\([A-Z][a-z]+\)|" + alternation(lexicon("en")["company_joining_words"]).pattern + ")"
    return re.compile(rf"\b(?P<name>{word}(?:[ ]+{word}){{0,9}}?[ ]+(?:{suffixes}))(?![A-Za-z])")


def find_en(draft: NoticeView) -> list[CompanyInfo]:
    lex = lexicon("en")
    stops = set(lex["company_stop_words"])
    listing = set(lex["company_list_words"])
    text = draft.norm
    out: list[CompanyInfo] = []
    for m in _en_pattern().finditer(text):
        start, end = m.span("name")
        words = list(re.finditer(r"\S+", text[start:end]))
        i = 0
        while i < len(words) - 1 and (words[i].group(0) in stops or not words[i].group(0)[0].isupper()):
            i += 1
        start += words[i].start()
        name = text[start:end].rstrip(",")
        breaks = list(_EN_SENTENCE_BREAK.finditer(name))
        if breaks:  # "… on Monday. National Energy …": the name starts after the full stop
            start += breaks[-1].end()
            name = text[start:end].rstrip(",")
        if len(name.split()) < 2:
            continue
        inner = [w for w in re.finditer(r"\S+", name) if w.group(0) in listing and w.start() > 0]
        if inner and len(name[inner[-1].end():].split()) >= 2:
            start += inner[-1].end() + 1  # "… Enterprises Including China Huadian Corporation"
            name = text[start:end].rstrip(",")
        first = name.split()[0]
        if first.lower() in lex["company_not_first"]:
            continue
        if name.endswith(tuple(lex["company_facility_ends"])):
            continue  # a public sewage plant, a landfill: no business
        pieces = [(start, start + len(name))]
        cut = _en_and_cut(name)
        if cut is not None:  # "… Group Corp. and China Minmetals Corp": two names
            pieces = [(start, start + cut[0]), (start + cut[1], start + len(name))]
        for s, e in pieces:
            if out and text[out[-1].end:s] == " " and out[-1].name.endswith(tuple(lex["company_joined_ends"])):
                s = out.pop().start  # "Anshan Steel Group Co. Chemical General Factory": one name
            out.append(CompanyInfo(s, e, draft.text[s:e]))
    return _without_short_forms(out)


_EN_SENTENCE_BREAK = re.compile(r"(?<![A-Z])(?<!Co)(?<!Corp)(?<!Ltd)(?<!Inc)(?<!No)(?<!St)\.\s+(?=[A-Z])")


def _en_and_cut(name: str) -> tuple[int, int] | None:
    """Where "X Corp. and Y Corp" splits into two names: the end of X and the start of Y."""
    suffixes = tuple(lexicon("en")["company_suffixes"])
    for m in re.finditer(r" (?:and|&) ", name):
        left, right = name[:m.start()], name[m.end():]
        if left.endswith(suffixes) and len(right.split()) >= 2 and right[:1].isupper():
            return m.start(), m.end()
    return None


def _without_short_forms(found: list[CompanyInfo], limit: int = 40) -> list[CompanyInfo]:
    """Drop a headline's short form of a name written in full elsewhere: "National Energy Group"
    beside "National Energy Investment Group Co., Ltd." (the same words, in order)."""
    words = [re.findall(r"[A-Za-z]+", c.name) for c in found[:limit]]

    def inside(short: list[str], long: list[str]) -> bool:
        it = iter(long)
        return all(w in it for w in short)

    keep = []
    for i, c in enumerate(found):
        short = words[i] if i < limit else []
        if len(short) >= 2 and any(j != i and len(words[j]) > len(short) and words[j][0] == short[0]
                                   and inside(short, words[j]) for j in range(len(words))):
            continue
        keep.append(c)
    return keep


@Language.factory("notices_companies", assigns=["doc.spans", "span._.company"],
                  requires=["span._.place"])
def make_companies(nlp: Language, name: str):  # noqa: ANN201
    def component(doc: Doc) -> Doc:
        require(doc, "notices_companies", ("notices_places",))
        v = view(doc)
        for info in (find_zh(v) if v.lang == "zh" else find_en(v)):
            v.add(COMPANY, info)
        mark_done(doc, "notices_companies")
        return doc

    return component
