"""How a letter words its facts, in its own language: comparisons, counts, deadlines, sanctions.

Each function takes plain values (so rows a clerk writes and records word the same way) and a
:class:`Notes`, which collects what the clerk must check: a placeholder left (``【请填写：…】``,
``[FILL IN: …]``) or a fact left out. Nothing from another language is pasted into a letter.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from . import lexicon
from ..deadlines import written
from .filters import cn_date, en_date, number

__all__ = ["Notes", "comparison", "count", "deadline_phrase", "sanction", "figure_text"]


@dataclass
class Notes:
    """The warnings of one letter, in the letter's language."""

    lang: str = "zh"
    warnings: list[str] = field(default_factory=list)

    def say(self, zh: str, en: str) -> None:
        message = zh if self.lang == "zh" else en
        if message not in self.warnings:
            self.warnings.append(message)

    def placeholder(self, zh: str, en: str, *, why_zh: str = "", why_en: str = "") -> str:
        """A visible gap for the clerk to fill, and a warning saying so."""
        self.say(f"待填写：{zh}" + (f"（{why_zh}）" if why_zh else ""),
                 f"to fill in: {en}" + (f" ({why_en})" if why_en else ""))
        return f"【请填写：{zh}】" if self.lang == "zh" else f"[FILL IN: {en}]"

    def left_out(self, zh: str, en: str) -> None:
        self.say(f"未写入信函：{zh}", f"left out of the letter: {en}")


def _clip(text: str, n: int = 40) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


def figure_text(value: Any, unit: str, text: str, lang: str, notes: Notes, *,
                source_lang: str | None = None, why: str = "") -> str:
    """A figure as the letter writes it: the notice's own text where the notice is in the
    letter's language (``1.2万吨``), else the number with the unit from the glossary
    (``438名人员``). ``source_lang`` is the notice's language (None: judged from ``text``)."""
    if text and source_lang == lang:
        return text
    if text and source_lang is None and lexicon.language_of(text) in (lang, None) and (
            unit != "%" or "%" in text):
        return text
    shown = number(value) if value not in (None, "") else ""
    if unit == "%":
        return f"{shown}%"
    word = lexicon.translate("unit", unit, lang) if unit else ""
    if word is None:
        said = _clip(text or why or f"{shown} {unit}")
        word = notes.placeholder(f"“{unit}”的中文", f"'{unit}' in English", why_zh=f"原文 {said}",
                                 why_en=f"the notice has {said}")
    space = " " if lang == "en" and word and word[0].isalnum() else ""
    return f"{shown}{space}{word}"


def _subject(subject: str, lang: str, notes: Notes) -> str:
    found = lexicon.translate("subject", subject, lang)
    if found is not None:
        return found
    return notes.placeholder("指标名称的中文", "the indicator in English",
                             why_zh=f"原文 {_clip(subject)}", why_en=f"the notice has {_clip(subject)}")


def comparison(item: dict[str, Any], lang: str, notes: Notes) -> str | None:
    """One indicator against its target: ``PM2.5平均浓度同比下降15.7%，未完成下降20%的目标任务``.

    ``item`` has ``subject``, ``unit`` and ``actual_text``/``target_text`` (either may be
    empty), and may have ``change`` (下降/上升, fell/rose); the subject may carry the change
    (``PM2.5平均浓度同比下降``). A figure without a subject is left out (None)."""
    raw = str(item.get("subject") or "").strip()
    actual, target = str(item.get("actual_text") or ""), str(item.get("target_text") or "")
    if not raw:
        notes.left_out(f"没有指标名称的数字 {actual or target}", f"a figure without a subject ({actual or target})")
        return None
    found = lexicon.direction_of(str(item.get("change") or "")) or lexicon.direction_of(raw)
    name = lexicon.indicator(raw)
    if not name:
        notes.left_out(f"没有指标名称的数字 {actual or target}", f"a figure without a subject ({actual or target})")
        return None
    subject = _subject(name, lang, notes)
    points = "百分点" in str(item.get("unit") or "") or "percentage point" in str(item.get("unit") or "")
    percent = points or (item.get("unit") == "%" or actual.endswith("%") or target.endswith("%")) and not (
        lexicon.is_level(name) and not found)
    aim = lexicon.reduction_target(raw) or found  # a concentration's target is a fall, whatever it did
    if lang == "zh":
        parts = []
        if actual and percent:
            change = found[0] if found else notes.placeholder("下降或上升", "", why_zh=f"{subject}的变化方向记录中没有")
            parts.append(f"{subject}同比{change}{actual}")
        elif actual:
            parts.append(f"{subject}为{actual}")
        if target:
            goal = f"{aim[0]}{target}" if aim and percent else target
            lead = "" if parts else subject
            parts.append(f"{lead}未完成{goal}的目标任务")
        return "，".join(parts)
    parts = []
    if actual and percent:
        why = f"the record does not say which way {subject} moved"
        change = found[1] if found else notes.placeholder("", "fell or rose", why_en=why)
        parts.append(f"{subject} {change} by {actual}")
    elif actual:
        parts.append(f"{subject} was {actual}")
    if target:
        goal = f"a {'fall' if aim[0] == '下降' else 'rise'} of {target}" if aim and percent else target
        parts.append(f"{'missing' if parts else subject + ' missed'} the target of {goal}")
    return ", ".join(parts)


def count(item: dict[str, Any], lang: str, notes: Notes, *, source_lang: str | None = None) -> str | None:
    """A counted finding: ``各类环境问题1819个``, ``1819个问题``, ``438名人员``; None when it
    counts places (the cities list holds those) or says nothing of what it counts."""
    unit, subject = str(item.get("unit") or ""), str(item.get("subject") or "").strip()
    text = str(item.get("text") or "")
    if lexicon.is_place_noun(unit):
        return None
    if subject and lexicon.language_of(subject) == lang:
        shown = figure_text(item.get("value"), unit, text, lang, notes, source_lang=source_lang)
        return f"{subject}{shown}" if lang == "zh" else f"{shown} {subject}"
    bare = len(unit.strip()) <= 1 and lexicon.language_of(unit) == "zh"
    if not unit or bare:
        notes.left_out(f"没有计数对象的数字 {text or item.get('value')}",
                       f"a count without what it counts ({text or item.get('value')})")
        return None
    value = item.get("value")
    if value in (None, ""):
        return None
    if text and source_lang == lang and text.endswith(unit):
        return text
    return figure_text(value, unit, "", lang, notes, why=text)




def deadline_phrase(item: dict[str, Any] | None, lang: str, notes: Notes) -> str:
    """The time limit worded once: ``在20个工作日内（2018年5月31日前）``, ``在2018年6月30日前``;
    ``within 20 working days (by 31 May 2018)``, ``by 30 June 2018``."""
    if not item:
        return ""
    amount, unit, due = item.get("amount"), item.get("unit"), item.get("due")
    try:
        day = dt.date.fromisoformat(str(due)[:10]) if due else None
    except ValueError:
        day = None
    if unit == "date" and day:
        return f"在{cn_date(day)}前" if lang == "zh" else f"by {en_date(day)}"
    try:
        sane = amount not in (None, "") and 0 < float(amount) < 100_000
        limit = written(amount, unit, lang) if sane else None
    except (OverflowError, ValueError, TypeError):  # an amount no deadline has (10**400 days)
        limit = None
    if limit:
        if lang == "zh":
            return f"在{limit}" + (f"（{cn_date(day)}前）" if day else "")
        return limit + (f" (by {en_date(day)})" if day else "")
    text = str(item.get("text") or "").strip()
    if text and lexicon.language_of(text) == lang:
        return text if lang == "en" or text.startswith("在") else f"在{text}"
    if day:
        return f"在{cn_date(day)}前" if lang == "zh" else f"by {en_date(day)}"
    filled = notes.placeholder("整改期限", "the time limit", why_zh=f"原文 {_clip(text)}",
                               why_en=f"the notice has {_clip(text)}")
    return filled


def sanction(text: str, lang: str, notes: Notes) -> str:
    """A measure the issuer will take, in the letter's language (else a placeholder)."""
    text = " ".join(text.split())
    if lexicon.language_of(text) == lang:
        return text.removeprefix("将") if lang == "zh" else text
    return notes.placeholder("处理措施的中文表述", "the measure in English",
                             why_zh=f"原文 {_clip(text)}", why_en=f"the notice has {_clip(text)}")
