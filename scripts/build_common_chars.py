"""Generate notices/data/common_chars.txt: the 1,500 most frequent simplified characters.

Counted from the word frequencies of jieba's shipped dictionary (public data). Used to tell a
GB18030 file from a Big5 one: the right reading is made of common characters.

    python scripts/build_common_chars.py
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "notices" / "data" / "common_chars.txt"
SIZE = 1500


def build() -> str:
    import jieba

    counts: Counter[str] = Counter()
    dict_path = Path(jieba.__file__).parent / "dict.txt"
    for line in dict_path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) < 2:
            continue
        word, freq = parts[0], int(parts[1])
        for ch in word:
            if "\u4e00" <= ch <= "\u9fff":
                counts[ch] += freq
    top = [ch for ch, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:SIZE]]
    return "".join(top) + "\n"


if __name__ == "__main__":
    from _generate import write_or_check

    text = build()
    raise SystemExit(write_or_check(OUT, text, f"{text.count(chr(10))} lines", None))
