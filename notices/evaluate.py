"""Scoring the extractor against gold annotations (``corpus/*/ID.gold.json``).

Per field precision, recall and F1, and their micro average. List fields are matched item by
item, each gold item at most once: cities by division code, officials by name, figures by value
and a compatible unit, deadlines by unit, amount and due date, companies by name, sanctions by
overlapping text. ``date``, ``kind`` and ``authority`` count one item each when not null.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from .text import normalize

FIELDS = ("date", "kind", "authority", "cities", "subjects", "officials", "figures", "deadlines",
          "companies", "sanctions")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Score") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class FileResult:
    source: str
    scores: dict[str, Score]
    misses: dict[str, list[Any]] = field(default_factory=dict)
    extras: dict[str, list[Any]] = field(default_factory=dict)


@dataclass
class Report:
    fields: dict[str, Score]
    files: list[FileResult]

    @property
    def micro(self) -> Score:
        total = Score()
        for s in self.fields.values():
            total.add(s)
        return total

    def to_dict(self) -> dict[str, Any]:
        return {"files": len(self.files), "micro": self.micro.to_dict(),
                "fields": {k: v.to_dict() for k, v in self.fields.items()}}


def _norm(s: Any) -> str:
    return re.sub(r"[\s·•]", "", normalize(str(s or ""))).lower()


_UNIT_ALIASES = {"个百分点": "pp", "百分点": "pp", "percentagepoints": "pp", "percentagepoint": "pp",
                 "percent": "%", "微克/立方米": "μg/m³", "ug/m3": "μg/m³", "元": "yuan", "吨": "t",
                 "tons": "t", "tonnes": "t", "none": "", "null": ""}


def _unit(u: Any) -> str:
    n = _norm(u)
    return _UNIT_ALIASES.get(n, n)


def _units_match(a: Any, b: Any) -> bool:
    ua, ub = _unit(a), _unit(b)
    if ua == ub:
        return True
    if not ua or not ub:
        return False
    if ua.startswith(ub) or ub.startswith(ua) or ua.endswith(ub) or ub.endswith(ua):
        return True
    wa, wb = re.findall(r"[a-z]+", ua), re.findall(r"[a-z]+", ub)
    return bool(wa and wb and wa[-1].rstrip("s") == wb[-1].rstrip("s"))


def _value_match(a: Any, b: Any) -> bool:
    try:
        fa, fb = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return abs(fa - fb) <= max(1e-6, 1e-3 * max(abs(fa), abs(fb)))


def _text_overlap(a: str, b: str) -> bool:
    na, nb = _norm(a), _norm(b)
    if not na or not nb:
        return False
    if na in nb or nb in na:
        return True
    m = SequenceMatcher(None, na, nb).find_longest_match(0, len(na), 0, len(nb))
    return m.size >= 0.6 * min(len(na), len(nb))


MATCHERS: dict[str, Callable[[dict, dict], bool]] = {
    "cities": lambda g, p: str(g.get("code")) == str(p.get("code")),
    "subjects": lambda g, p: str(g.get("code")) == str(p.get("code")),
    "officials": lambda g, p: _norm(g.get("name")) == _norm(p.get("name")),
    "figures": lambda g, p: _value_match(g.get("value"), p.get("value")) and _units_match(g.get("unit"), p.get("unit")),
    "deadlines": lambda g, p: g.get("unit") == p.get("unit") and (g.get("amount") == p.get("amount") or g.get("unit") == "date")
    and (g.get("due") == p.get("due")),
    "companies": lambda g, p: _norm(g.get("name")) == _norm(p.get("name")),
    "sanctions": lambda g, p: _text_overlap(g.get("text", ""), p.get("text", "")),
}


def _match_lists(gold: list[dict], pred: list[dict], same: Callable[[dict, dict], bool]) -> tuple[Score, list, list]:
    used = [False] * len(pred)
    score = Score()
    misses = []
    for g in gold:
        for i, p in enumerate(pred):
            if not used[i] and same(g, p):
                used[i] = True
                score.tp += 1
                break
        else:
            score.fn += 1
            misses.append(g)
    extras = [p for i, p in enumerate(pred) if not used[i]]
    score.fp = len(extras)
    return score, misses, extras


def _scalar(gold: Any, pred: Any) -> Score:
    if gold is None and pred is None:
        return Score()
    if gold is not None and pred is not None and _norm(gold) == _norm(pred):
        return Score(tp=1)
    return Score(fp=int(pred is not None), fn=int(gold is not None))


def score_record(gold: dict[str, Any], pred: dict[str, Any], source: str = "") -> FileResult:
    result = FileResult(source=source, scores={})
    auth_g = gold.get("authority")
    auth_g = auth_g.get("name") if isinstance(auth_g, dict) else auth_g
    auth_p = (pred.get("authority") or {}).get("name") if pred.get("authority") else None
    result.scores["date"] = _scalar(gold.get("date"), pred.get("date"))
    result.scores["kind"] = _scalar(gold.get("kind"), pred.get("kind"))
    result.scores["authority"] = _scalar(auth_g, auth_p)
    for name in ("date", "kind", "authority"):
        if result.scores[name].fn or result.scores[name].fp:
            result.misses[name] = [{"gold": gold.get(name) if name != "authority" else auth_g,
                                    "pred": pred.get(name) if name != "authority" else auth_p}]
    lists = dict(gold)
    lists["subjects"] = [c for c in gold.get("cities", []) if c.get("role") == "subject"]
    plists = dict(pred)
    plists["subjects"] = [c for c in pred.get("cities", []) if c.get("role") == "subject"]
    for name, same in MATCHERS.items():
        score, misses, extras = _match_lists(lists.get(name) or [], plists.get(name) or [], same)
        result.scores[name] = score
        if misses:
            result.misses[name] = misses
        if extras:
            result.extras[name] = extras
    return result


def corpus_pairs(root: str | Path) -> Iterable[tuple[Path, Path]]:
    root = Path(root)
    if root.is_file():
        gold = root.with_name(root.name.rsplit(".", 1)[0] + ".gold.json")
        yield root, gold
        return
    for gold in sorted(root.rglob("*.gold.json")):
        text = gold.with_name(gold.name[: -len(".gold.json")] + ".txt")
        if text.exists():
            yield text, gold


def evaluate(root: str | Path, *, extract_fn: Callable[..., Any] | None = None) -> Report:
    """Extract every notice under ``root`` that has a gold file and score it."""
    from .errors import DataError
    from .extractors import extract_document
    from .readers import read_path

    fields = {name: Score() for name in FIELDS}
    files = []
    pairs = list(corpus_pairs(root))
    if not pairs:
        raise DataError("no gold annotations (*.gold.json beside a .txt) found", path=str(root))
    for text_path, gold_path in pairs:
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise DataError(f"bad gold file: {exc}", path=str(gold_path)) from None
        doc = read_path(text_path)
        record = (extract_fn or extract_document)(doc)
        result = score_record(gold, record.to_dict(), source=str(text_path))
        for name, s in result.scores.items():
            fields[name].add(s)
        files.append(result)
    return Report(fields=fields, files=files)
