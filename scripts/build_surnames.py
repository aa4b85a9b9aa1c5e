"""Generate notices/data/surnames.tsv: every Chinese surname, its reading, its traditional forms.

Sources (``scripts/sources/``, described in ``scripts/sources/SOURCES.md``):

- ``chinese_family_names.txt``: 1074 single and compound surnames extracted from a corpus of
  about a hundred million names (wainshine/Chinese-Names-Corpus, Apache-2.0);
- ``surname_readings.tsv``: the surnames whose reading and traditional forms were checked by hand
  (单 Shan, 曾 Zeng, 尉迟 Yuchi), in order of frequency; they come first and their rows win.

Every other surname is read with pypinyin (the everyday reading, "ü" kept) and takes as
traditional forms the characters ``notices/data/t2s.tsv`` and OpenCC both simplify to it.

    python scripts/build_surnames.py          # rewrite the data file
    python scripts/build_surnames.py --check  # exit 1 when the committed files are stale

It also writes ``notices/data/surnames_rare.txt``, the listed surnames that are not hand-checked
common ones: the officials extractor takes a name with one only as a whole three-character name.
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _generate import write_or_check  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "scripts" / "sources"
OUT = ROOT / "notices" / "data" / "surnames.tsv"
RARE = ROOT / "notices" / "data" / "surnames_rare.txt"
HEADER = ("surname", "pinyin", "traditional")


def _curated() -> list[tuple[str, str, str]]:
    with (SOURCES / "surname_readings.tsv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert tuple(rows[0]) == HEADER, rows[0]
    return [(r[0], r[1], r[2]) for r in rows[1:]]


def _listed() -> list[str]:
    lines = (SOURCES / "chinese_family_names.txt").read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")]


def _traditional_forms() -> dict[str, list[str]]:
    """Simplified character -> the traditional ones that t2s.tsv and OpenCC both simplify to it."""
    from opencc import OpenCC

    to_simplified = OpenCC("t2s")
    forms: dict[str, list[str]] = {}
    lines = (ROOT / "notices" / "data" / "t2s.tsv").read_text(encoding="utf-8").splitlines()[1:]
    for line in lines:
        trad, simp = line.split("\t")
        if to_simplified.convert(trad) == simp:
            forms.setdefault(simp, []).append(trad)
    return forms


def _reading(surname: str) -> str:
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(surname, style=Style.NORMAL, v_to_u=True)
    return "".join(syllables).capitalize()


def build_rare() -> str:
    """The surnames beyond the hand-checked common ones: many are everyday words too (介, 政, 考)."""
    common = {r[0] for r in _curated()}
    rare = [s for s in dict.fromkeys(_listed()) if s not in common]
    head = "# rare surnames (scripts/build_surnames.py): a name with one stands as a whole three-character name\n"
    return head + "\n".join(rare) + "\n"


def build() -> str:
    rows = _curated()
    known = {r[0] for r in rows}
    trad = _traditional_forms()
    for surname in _listed():
        if surname in known:
            continue
        known.add(surname)
        forms = ["".join(trad.get(ch, [ch])[0] for ch in surname)] if len(surname) > 1 else trad.get(surname, [])
        forms = [f for f in forms if f != surname]
        rows.append((surname, _reading(surname), " ".join(forms)))
    return "\n".join("\t".join(r) for r in [HEADER, *rows]) + "\n"


def main() -> int:
    return write_or_check(OUT, build(), "surnames") | write_or_check(RARE, build_rare(), "rare surnames")


if __name__ == "__main__":
    sys.exit(main())
