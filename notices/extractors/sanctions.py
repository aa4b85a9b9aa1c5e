"""Sanctions: penalties and restrictions imposed — suspended approvals (暂停…环评审批), fines
(罚款20万元, "fined 1.2 million yuan"), production halts, referrals to the police, accountability.

Each is the clause from its trigger to the clause's end, as written; a fine keeps its amount.
Threats (将…, "will be") and negations (未移送) are not sanctions.
"""
from __future__ import annotations

import re
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from ..numerals import parse_number
from ..record import Sanction
from .lexicon import alternation, lexicon
from .mentions import SANCTION, NoticeView, SanctionInfo, mark_done, view




@cache
def _zh_triggers() -> re.Pattern[str]:
    return alternation(lexicon("zh")["sanction_triggers"])


def _money(text: str) -> float | int | None:
    m = lexicon("zh").regex("sanction_money").search(text)
    if not m:
        return None
    value = parse_number(m.group(1))
    if value is None:
        return None
    mult = {"万": 10_000, "亿": 100_000_000}.get(m.group(2) or "", 1)
    total = value * mult
    return int(total) if float(total).is_integer() else total


def find_zh(draft: NoticeView) -> list[SanctionInfo]:
    text = draft.norm
    lex = lexicon("zh")
    hedged, lead_verbs, count_after = lex.regex("sanction_hedged"), lex.regex("sanction_lead_verbs"), \
        lex.regex("sanction_count_after")
    clause_end, not_clause = lex.regex("sanction_clause_end"), lex.regex("sanction_not_clause")
    ordered = tuple(lex["sanction_ordered"])
    out: list[SanctionInfo] = []
    covered = -1
    for m in _zh_triggers().finditer(text):
        s = m.start()
        if s < covered:
            continue
        before = text[max(0, s - 6):s]
        if lex.regex("sanction_negated").search(before) or hedged.search(before):
            continue
        # "处以罚款" / "对该公司处罚款": start at the verb group right before the trigger
        lead = lead_verbs.search(before)
        if lead and m.group(0) in ("罚款",):
            s = s - len(lead.group(0)) if lead.group(0) not in ("被", "共") else s
        after = text[m.end():m.end() + 4]
        if after.startswith(tuple(lex["sanction_not_after"])) or count_after.match(after):
            continue
        end_m = clause_end.search(text, m.end(), s + 64)  # the clause is cut at 60: look no further
        e = end_m.start() if end_m else len(text)
        if e - s > 60:
            e = s + 60
        clause = draft.text[s:e].strip()
        if len(clause) < 2 or not_clause.search(clause):
            continue
        amount = _money(text[s:e]) if "罚" in m.group(0) else None
        if "罚款" in m.group(0) and amount is None and not re.search(r"罚款\s*$", text[s:e]):
            # "罚款" as a statistic noun ("罚款总额") is not a sanction on someone
            if lex.regex("sanction_statistic_noun").match(text[m.start():m.start() + 6]):
                continue
        clause_start = draft.sentence_at(s)[0] - 1
        lead_in = text[max(clause_start + 1, s - 80):s]  # the sentence so far, bounded
        if lex.regex("sanction_aggregate").search(lead_in) or lex.regex("sanction_threat").search(lead_in[-12:]):
            continue
        if "罚" in m.group(0) and amount is None and not re.search(r"罚款\s*(?:人民币)?\s*\d", text[s:e]):
            if re.match(r"处?罚款\s*$|处罚款[，。,;；]", text[s:e + 1]):
                continue
        # "责令该公司停止建设": the order starts at 责令
        order = lex.regex("sanction_order_before").search(text[max(0, s - 8):s])
        if order and m.group(0) in ordered:
            s -= len(order.group(0))
        out.append(SanctionInfo(s, s + len(clause), clause, amount))
        covered = e
    return out


@cache
def _en_patterns() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in lexicon("en")["sanction_patterns"]), re.I)




def find_en(draft: NoticeView) -> list[SanctionInfo]:
    text = draft.norm
    lex = lexicon("en")
    hedged, aggregate, not_clause = lex.regex("sanction_hedged"), lex.regex("sanction_aggregate"), \
        lex.regex("sanction_not_clause")
    out: list[SanctionInfo] = []
    covered = -1
    for m in _en_patterns().finditer(text):
        s, e = m.span()
        if s < covered:
            continue
        before = text[max(0, s - 30):s].lower()
        if hedged.search(before):
            continue
        sent_start = max(0, draft.sentence_at(s)[0] - 1, s - 200)  # the sentence so far, bounded
        if aggregate.search(text, sent_start, e) \
                and re.search(r"fine|penalt", m.group(0), re.I):
            continue
        if not_clause.search(m.group(0)):
            continue
        glued = re.search(r"(?<=[a-z])(?=[A-Z][a-z])|\s\(", text[s:e])  # "citiesFor": a lost full stop
        if glued:
            e = s + glued.start()
        words = list(re.finditer(r"\S+", text[s:e]))
        if len(words) > 25:
            e = s + words[24].end()
        clause = draft.text[s:e].strip().rstrip(",")
        amount = None
        mm = lex.regex("sanction_money").search(clause)
        if mm and re.search(r"fine", clause, re.I):
            value = float(mm.group(1).replace(",", ""))
            value *= {"million": 1e6, "billion": 1e9, "thousand": 1e3}.get((mm.group(2) or "").lower(), 1)
            amount = int(value) if value.is_integer() else value
        out.append(SanctionInfo(s, s + len(clause), clause, amount))
        covered = e
    return out


def dedupe(items: list[Sanction]) -> list[Sanction]:
    """A sanction restated (the headline and the body) is kept once, in its longer form."""
    from ..text import normalize

    out: list[Sanction] = []
    for item in sorted(items, key=lambda x: -len(x.text)):
        key = normalize(item.text)
        if any(key in normalize(o.text) for o in out):
            continue
        out.append(item)
    return sorted(out, key=lambda x: x.span[0] if x.span else 0)


@Language.factory("notices_sanctions", assigns=["doc.spans", "span._.sanction"])
def make_sanctions(nlp: Language, name: str):  # noqa: ANN201
    def component(doc: Doc) -> Doc:
        v = view(doc)
        for info in (find_zh(v) if v.lang == "zh" else find_en(v)):
            v.add(SANCTION, info)
        mark_done(doc, "notices_sanctions")
        return doc

    return component
