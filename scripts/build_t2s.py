"""Generate notices/data/t2s.tsv: one traditional character → its simplified character.

Source: OpenCC's TSCharacters dictionary (public data), shipped by the
``opencc-python-reimplemented`` package. Only one-to-one character mappings are kept, so that a
simplified copy of a text has the same length and every offset maps back to the original.
TWVariantsRev and HKVariantsRev fold regional variant forms first (e.g. 綫 → 線 → 线).

    python scripts/build_t2s.py          # rewrite the data file
"""
from __future__ import annotations

import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "notices" / "data" / "t2s.tsv"


def _read(name: str) -> dict[str, list[str]]:
    import opencc

    path = Path(opencc.__file__).parent / "dictionary" / name
    table: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or "\t" not in line:
            continue
        src, dst = line.split("\t", 1)
        table[src] = dst.split()
    return table


def build() -> str:
    ts = _read("TSCharacters.txt")
    variants: dict[str, str] = {}
    for name in ("TWVariantsRev.txt", "HKVariantsRev.txt"):
        for src, dst in _read(name).items():
            if len(src) == 1 and len(dst[0]) == 1:
                variants.setdefault(src, dst[0])
    mapping: dict[str, str] = {}
    for src, dst in ts.items():
        if len(src) == 1 and len(dst[0]) == 1 and src != dst[0]:
            mapping[src] = dst[0]
    for src, mid in variants.items():
        target = mapping.get(mid, mid)
        if src != target and len(target) == 1:
            mapping.setdefault(src, target)
    lines = ["traditional\tsimplified"]
    lines += [f"{k}\t{v}" for k, v in sorted(mapping.items())]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    from _generate import write_or_check

    text = build()
    raise SystemExit(write_or_check(OUT, text, f"{text.count(chr(10))} lines", None))
