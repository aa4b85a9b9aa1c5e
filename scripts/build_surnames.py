"""Generate notices/data/surnames.tsv: every Chinese surname, its reading, traditional forms and
how common it is.

Sources (see scripts/sources/SOURCES.md, "surnames"):

- ``sources/surnames/family_names.tsv``: the 1,074 surnames of the Chinese-Names-Corpus
  (中文姓氏, extracted from a corpus of 120 million names), with their frequency in that corpus;
- ``sources/surnames/readings.tsv``: the curated table this one replaces: surname readings that
  differ from the everyday one (单 Shan, 曾 Zeng, 尉迟 Yuchi), traditional forms, and the compound
  surnames of 百家姓 the corpus lacks;
- ``sources/surnames/not_surnames.txt``: corpus entries that are no surname of their own.

A surname without a curated reading takes pypinyin's reading; its traditional forms are the
characters ``t2s.tsv`` turns into it (and OpenCC reads back as it).

    python scripts/build_surnames.py           # rewrite the data file
    python scripts/build_surnames.py --check   # exit 1 when the committed file is stale
"""
from __future__ import annotations

import csv
import itertools
from pathlib import Path

ROOT = Path(__file__).resolve().parent
OUT = ROOT.parent / "notices" / "data" / "surnames.tsv"
SOURCES = ROOT / "sources" / "surnames"
T2S = ROOT.parent / "notices" / "data" / "t2s.tsv"
HEADER = ("surname", "pinyin", "traditional", "frequency")


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def _excluded() -> set[str]:
    lines = (SOURCES / "not_surnames.txt").read_text(encoding="utf-8").splitlines()
    return {line.split("#", 1)[0].strip() for line in lines if line.split("#", 1)[0].strip()}


def _traditional_forms() -> dict[str, list[str]]:
    forms: dict[str, list[str]] = {}
    for row in _rows(T2S):
        forms.setdefault(row["simplified"], []).append(row["traditional"])
    return forms


def _reading(surname: str) -> str:
    from pypinyin import Style, lazy_pinyin

    return "".join(lazy_pinyin(surname, style=Style.NORMAL, v_to_u=True)).capitalize()


def build() -> str:
    excluded = _excluded()
    curated = {row["surname"]: row for row in _rows(SOURCES / "readings.tsv")}
    frequency: dict[str, str] = {}
    for row in _rows(SOURCES / "family_names.tsv"):
        if row["surname"] not in excluded:
            frequency.setdefault(row["surname"], row["frequency"])
    trad = _traditional_forms()
    from opencc import OpenCC

    to_simplified = OpenCC("t2s")  # a form only where OpenCC reads it back as the surname
    order = list(frequency) + [s for s in curated if s not in frequency]
    lines = ["\t".join(HEADER)]
    for surname in sorted(order, key=lambda s: -float(frequency.get(s, 0))):
        if surname in curated:
            reading, forms = curated[surname]["pinyin"], curated[surname]["traditional"]
        else:
            reading = _reading(surname)
            options = [[ch, *trad.get(ch, [])] for ch in surname]
            forms = " ".join(f for f in ("".join(p) for p in itertools.product(*options))
                             if f != surname and to_simplified.convert(f) == surname)
        lines.append("\t".join((surname, reading, forms, frequency.get(surname, ""))))
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    from _generate import write_or_check

    text = build()
    raise SystemExit(write_or_check(OUT, text, f"{text.count(chr(10)) - 1} surnames"))
