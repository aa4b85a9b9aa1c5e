"""Scoring the extractor against gold annotations (``ID.gold.json`` beside ``ID.txt``).

Two gold formats are read: the corpus's own (``corpus/GUIDELINES.md``, cities with codes,
sanctions) and ``gold/2`` (annotations of real notices: cities by name and province, companies as
strings, ``published``). Both are scored by one set of rules:

- F1 fields, matched item by item, each gold item at most once: ``places`` (every division, any
  role) and ``subjects`` (role ``subject``) by name with its suffix dropped (or English name, or
  code where both sides have one); ``officials`` by name; ``figures`` by value (with or without
  the unit's multiplier, 30万吨 = 300000 t) and percent-ness, the record's figures counted once per
  distinct text; ``deadlines`` by unit and amount, fixed dates by due date or text; ``companies``
  by name with leading division names (…市…县…乡) stripped on both sides.
- Accuracy fields, one per notice: ``date`` and ``published`` where the gold gives one, ``kind``
  and ``authority`` (a leading 原 dropped) where the gold has the key.
- ``overall`` is the micro-F1 over the F1 fields. ``sanctions`` (corpus gold only) is scored by
  overlapping text and reported beside, outside ``overall``.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

F1_FIELDS = ("places", "subjects", "officials", "figures", "deadlines", "companies")
ACC_FIELDS = ("date", "published", "kind", "authority")
EXTRA_FIELDS = ("sanctions",)


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
    def gold(self) -> int:
        return self.tp + self.fn

    @property
    def pred(self) -> int:
        return self.tp + self.fp

    @property
    def precision(self) -> float:
        if self.pred:
            return self.tp / self.pred
        return 1.0 if self.gold == 0 else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "gold": self.gold, "pred": self.pred,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4)}


@dataclass
class Accuracy:
    ok: int = 0
    n: int = 0

    @property
    def accuracy(self) -> float:
        return self.ok / self.n if self.n else 1.0

    def to_dict(self) -> dict[str, float | int]:
        return {"ok": self.ok, "n": self.n, "accuracy": round(self.accuracy, 4)}


@dataclass
class FileResult:
    source: str
    scores: dict[str, Score]
    accuracy: dict[str, Accuracy] = field(default_factory=dict)
    misses: dict[str, list[Any]] = field(default_factory=dict)
    extras: dict[str, list[Any]] = field(default_factory=dict)


@dataclass
class Report:
    fields: dict[str, Score]
    accuracy: dict[str, Accuracy]
    files: list[FileResult]
    extra: dict[str, Score] = field(default_factory=dict)

    @property
    def micro(self) -> Score:
        """The overall micro average over the F1 fields."""
        total = Score()
        for s in self.fields.values():
            total.add(s)
        return total

    def to_dict(self) -> dict[str, Any]:
        return {"files": len(self.files), "overall": self.micro.to_dict(),
                "fields": {k: v.to_dict() for k, v in self.fields.items()},
                "accuracy": {k: v.to_dict() for k, v in self.accuracy.items() if v.n},
                "extra": {k: v.to_dict() for k, v in self.extra.items() if v.gold or v.pred}}


# -- keys: two items match when their key sets intersect ---------------------------------------

_PLACE_SUFFIXES_ZH = ("特别行政区", "自治州", "自治县", "地区", "新区", "市", "县", "区", "盟", "旗")
_PLACE_SUFFIXES_EN = (" city", " county", " district", " prefecture", " municipality")
_DIVISION_PREFIX = re.compile(
    r"^[\u4e00-\u9fff]{1,7}?(?:特别行政区|自治区|自治州|自治县|地区|新区|开发区|街道|省|市|州|盟|县|區|縣|区|旗|乡|鄉|镇|鎮|村)")
_MULTIPLIERS = (("亿", 1e8), ("万", 1e4), ("千", 1e3), ("百", 1e2),
                ("billion", 1e9), ("million", 1e6), ("thousand", 1e3))
_PERCENT_UNITS = frozenset(("%", "％", "percent", "per cent", "percentage point", "percentage points",
                            "个百分点", "百分点"))
_UNIT_ALIASES = {"calendar_day": "day", "days": "day", "working_days": "working_day"}


def _nfkc(s: Any) -> str:
    return unicodedata.normalize("NFKC", str(s or ""))


def norm_place(name: Any) -> str:
    s = _nfkc(name).strip().lower()
    for suf in _PLACE_SUFFIXES_EN:
        if s.endswith(suf):
            s = s[: -len(suf)]
    for suf in _PLACE_SUFFIXES_ZH:
        if s.endswith(suf) and len(s) > len(suf) + 1:
            s = s[: -len(suf)]
            break
    return re.sub(r"[\s'\-]", "", s)


def norm_name(name: Any) -> str:
    return re.sub(r"[\s'\-·.‧•]", "", _nfkc(name).lower())


def norm_company(name: Any) -> str:
    s = re.sub(r"[\s,.'()（）\"“”]", "", _nfkc(name).lower())
    while True:
        m = _DIVISION_PREFIX.match(s)
        if not m or len(s) - m.end() < 4:
            return s
        s = s[m.end():]


def place_keys(city: dict) -> set:
    keys: set = {norm_place(city.get("name")), norm_place(city.get("name_en"))}
    if city.get("code"):
        keys.add(("code", str(city["code"])))
    return {k for k in keys if k}


def person_keys(person: dict) -> set:
    return {k for k in (norm_name(person.get("name")), norm_name(person.get("name_en"))) if k}


def figure_keys(fig: dict) -> set:
    try:
        value = float(fig.get("value"))
    except (TypeError, ValueError):
        return set()
    unit = (fig.get("unit") or "").strip().lower()
    pct = unit in _PERCENT_UNITS
    keys = {(round(value, 4), pct)}
    for word, mult in _MULTIPLIERS:
        if unit.startswith(word):
            keys.add((round(value * mult, 4), pct))
    return keys


def deadline_keys(item: dict) -> set:
    unit = _UNIT_ALIASES.get(item.get("unit"), item.get("unit"))
    if unit == "date":
        keys: set = {("date-text", norm_name(item.get("text")))}
        if item.get("due"):
            keys.add(("date", item["due"]))
        return keys
    try:
        amount = float(item.get("amount", item.get("days")))
    except (TypeError, ValueError):
        amount = None
    return {(unit, amount)}


def company_keys(item: Any) -> set:
    name = item if isinstance(item, str) else (item or {}).get("name")
    key = norm_company(name)
    return {key} if key else set()


def match(gold: list, pred: list, keys: Callable[[Any], set]) -> tuple[Score, list, list]:
    """Greedy one-to-one matching in gold order; the first unused prediction sharing a key wins."""
    used: set[int] = set()
    pred_keys = [keys(p) for p in pred]
    score, misses = Score(), []
    for g in gold:
        gk = keys(g)
        for i, pk in enumerate(pred_keys):
            if i not in used and gk & pk:
                used.add(i)
                score.tp += 1
                break
        else:
            score.fn += 1
            misses.append(g)
    extras = [p for i, p in enumerate(pred) if i not in used]
    score.fp = len(extras)
    return score, misses, extras


def once_per_text(items: list[dict]) -> list[dict]:
    """A string repeated in the text counts once."""
    seen: set = set()
    out = []
    for i, it in enumerate(items):
        key = norm_name(it.get("text")) or ("item", i)
        if key not in seen:
            seen.add(key)
            out.append(it)
    return out


def _sanction_overlap(a: str, b: str) -> bool:
    na, nb = norm_name(a), norm_name(b)
    if not na or not nb:
        return False
    if na in nb or nb in na:
        return True
    m = SequenceMatcher(None, na, nb).find_longest_match(0, len(na), 0, len(nb))
    return m.size >= 0.6 * min(len(na), len(nb))


def _match_sanctions(gold: list[dict], pred: list[dict]) -> tuple[Score, list, list]:
    used = [False] * len(pred)
    score, misses = Score(), []
    for g in gold:
        for i, p in enumerate(pred):
            if not used[i] and _sanction_overlap(g.get("text", ""), p.get("text", "")):
                used[i] = True
                score.tp += 1
                break
        else:
            score.fn += 1
            misses.append(g)
    extras = [p for i, p in enumerate(pred) if not used[i]]
    score.fp = len(extras)
    return score, misses, extras


def _field_items(name: str, gold: dict, pred: dict) -> tuple[list, list, Callable[[Any], set]] | None:
    gc = gold.get("cities") or []
    roles = gold.get("format") == "gold/2" or (bool(gc) and all("role" in c for c in gc))
    pc = pred.get("cities") or []
    if name == "places":
        return (gc, pc, place_keys) if roles else None
    if name == "subjects":
        g = [c for c in gc if not roles or c.get("role") == "subject"]
        return g, [c for c in pc if c.get("role") == "subject"], place_keys
    if name == "officials":
        return gold.get("officials") or [], pred.get("officials") or [], person_keys
    if name == "figures":
        return gold.get("figures") or [], once_per_text(pred.get("figures") or []), figure_keys
    if name == "deadlines":
        return gold.get("deadlines") or [], once_per_text(pred.get("deadlines") or []), deadline_keys
    if name == "companies":
        return gold.get("companies") or [], pred.get("companies") or [], company_keys
    raise KeyError(name)


def authority_name(authority: Any) -> str | None:
    if isinstance(authority, dict):
        authority = authority.get("name")
    return re.sub(r"^原", "", _nfkc(authority).strip()) or None


def _accuracy_value(name: str, doc: dict) -> Any:
    return authority_name(doc.get("authority")) if name == "authority" else doc.get(name)


def score_record(gold: dict[str, Any], pred: dict[str, Any], source: str = "") -> FileResult:
    """Score one record (a ``Record.to_dict()``) against its gold annotation."""
    result = FileResult(source=source, scores={})
    for name in F1_FIELDS:
        items = _field_items(name, gold, pred)
        if items is None:
            continue
        score, misses, extras = match(*items)
        result.scores[name] = score
        if misses:
            result.misses[name] = misses
        if extras:
            result.extras[name] = extras
    if "sanctions" in gold:
        score, misses, extras = _match_sanctions(gold.get("sanctions") or [], pred.get("sanctions") or [])
        result.scores["sanctions"] = score
        if misses:
            result.misses["sanctions"] = misses
        if extras:
            result.extras["sanctions"] = extras
    for name in ACC_FIELDS:
        if name not in gold or (name in ("date", "published") and not gold.get(name)):
            continue
        want, got = _accuracy_value(name, gold), _accuracy_value(name, pred)
        result.accuracy[name] = Accuracy(ok=int(want == got), n=1)
        if want != got:
            result.misses[name] = [{"gold": want, "pred": got}]
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

    fields = {name: Score() for name in F1_FIELDS}
    accuracy = {name: Accuracy() for name in ACC_FIELDS}
    extra = {name: Score() for name in EXTRA_FIELDS}
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
            (fields if name in fields else extra)[name].add(s)
        for name, a in result.accuracy.items():
            accuracy[name].ok += a.ok
            accuracy[name].n += a.n
        files.append(result)
    return Report(fields=fields, accuracy=accuracy, files=files, extra=extra)
