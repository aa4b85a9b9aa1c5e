"""What the clerk must check in each letter before signing it: the review list.

    from notices.letters.review import review_letters

    for review in review_letters(records, "interview-notice", date="2018-05-03"):
        print(review.number, review.city, review.warnings)

Each :class:`LetterReview` names one letter (numbered as ``notices letters`` numbers them)
and lists, in the letter's language: a template kind that does not fit the record's kind (an
interview notice from a sanction record), a date taken from elsewhere than the record or
``--date`` (publication date, today), placeholders left to fill in, facts left out (another
city's, a company's fine, a figure without a subject), characters replaced. Nothing is written.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..record import Record
from .compiler import CompiledTemplate
from .config import LetterConfig

__all__ = ["LetterReview", "review_letters", "template_kind", "template_warnings"]

# The record kinds each kind of template is written for.
_FITS = {
    "interview": ("interview",),
    "rectification": ("rectification", "interview", "inspection"),
}
_KIND_ZH = {"interview": "约谈", "inspection": "督察", "rectification": "整改", "sanction": "处罚",
            "other": "其他"}
_TEMPLATE_ZH = {"interview": "约谈通知书", "rectification": "整改通知书"}


@dataclass(slots=True)
class LetterReview:
    """One letter's review: its number, addressee (name and division code) and warnings."""

    number: int
    city: str
    city_code: str
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "city": self.city, "city_code": self.city_code,
                "warnings": list(self.warnings)}


def template_kind(template: CompiledTemplate) -> str | None:
    """``interview`` or ``rectification`` from the template's name, else None (unknown)."""
    stem = Path(template.name).stem.lower()
    for kind in _FITS:
        if kind in stem:
            return kind
    return None


def template_warnings(template: CompiledTemplate, record: Record) -> list[str]:
    """A warning when the template's kind does not fit the record's kind."""
    kind = template_kind(template)
    if kind is None or record.kind in _FITS[kind]:
        return []
    if (template.lang or "zh") == "zh":
        return [f"记录类型为“{_KIND_ZH.get(record.kind, record.kind)}”（{record.kind}），"
                f"与“{_TEMPLATE_ZH[kind]}”模板不符：请核对是否应发此类文书"]
    return [f"the record is a {record.kind} notice, not one a {kind} letter is written for: "
            "check that this is the letter to send"]


def review_letters(records: Iterable[Record | Mapping[str, Any]], template: str | Path | CompiledTemplate,
                   *, date: str | dt.date | None = None, config: LetterConfig | None = None,
                   ) -> list[LetterReview]:
    """One review per letter :func:`~notices.letters.render_letters` would write for ``records``
    with ``template`` (numbered alike: a record that gives no letter still takes a number)."""
    from . import load_template
    from .context import plan_letters

    tpl = load_template(template)
    lang = tpl.lang or "zh"
    out: list[LetterReview] = []
    number = 0
    for item in records:
        try:
            record = item if isinstance(item, Record) else Record.from_dict(dict(item))
            plans = plan_letters(record, date=date, lang=lang, config=config)
        except (ValueError, TypeError, AttributeError):
            number += 1
            continue
        if not plans:
            number += 1
            continue
        kind_notes = template_warnings(tpl, record)
        for plan in plans:
            number += 1
            out.append(LetterReview(number, plan.city, plan.city_code, kind_notes + plan.warnings))
    return out
