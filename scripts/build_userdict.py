"""Generate notices/data/userdict.txt, the jieba user dictionary.

Every division name and short form from the gazetteer, every title from the Chinese lexicon and
every domain term from data/terms.txt, with a frequency high enough that jieba keeps them whole
(九江市/长江, 约谈/晋城市).

    python scripts/build_userdict.py
"""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "notices" / "data" / "userdict.txt"


def build() -> str:
    import sys

    sys.path.insert(0, str(ROOT))
    from notices.extractors.lexicon import lexicon
    from notices.gazetteer import load_gazetteer

    words: dict[str, tuple[int, str]] = {}
    for surface in load_gazetteer().surfaces("zh"):
        if len(surface) >= 2:
            words[surface] = (200000, "ns")
    lex = lexicon("zh")
    for title in lex["titles"]:
        words.setdefault(title, (100000, "n"))
    terms = (ROOT / "notices" / "data" / "terms.txt").read_text(encoding="utf-8").splitlines()
    for term in terms:
        term = term.strip()
        if term and not term.startswith("#"):
            words.setdefault(term, (100000, "n"))
    return "".join(f"{w} {f} {t}\n" for w, (f, t) in sorted(words.items()))


if __name__ == "__main__":
    from _generate import write_or_check

    text = build()
    raise SystemExit(write_or_check(OUT, text, f"{text.count(chr(10))} lines", None))
