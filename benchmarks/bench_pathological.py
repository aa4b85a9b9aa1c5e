"""Linear time on any text (issue 14): CPU seconds and chars/s of ``notices.extract`` on each
pathological repeat of ``tests/test_pathological.py``, then real-text scaling — chars/s on 1 KB,
100 KB and 1 MB made of the corpus notices repeated (the ratios should stay near 1).

    python benchmarks/bench_pathological.py [--no-scaling]

CPU time (``time.process_time``): the machine is shared, wall-clock time is noisy.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def cpu(fn, *args) -> float:
    start = time.process_time()
    fn(*args)
    return time.process_time() - start


def pathological(extract) -> None:
    from tests.test_pathological import PATHOLOGICAL

    print("pathological repeats (CPU seconds, chars/s):")
    for name, text, _lang in PATHOLOGICAL:
        try:
            took, outcome = cpu(extract, text), ""
        except Exception as exc:  # noqa: BLE001 - a benchmark reports what an older build does
            took, outcome = 0.0, f"  raised {type(exc).__name__}"
        print(f"  {name:32} {len(text):>7} chars  {took:6.3f} s  {len(text) / max(took, 1e-9):>10,.0f} chars/s"
              f"{outcome}")


def scaling(extract, lang: str) -> None:
    docs = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / lang).glob("*.txt"))]
    whole = "\n".join(docs)
    while len(whole) < 1_000_000:
        whole += "\n" + whole
    rates = {}
    for size, label in ((1_000, "1 KB"), (100_000, "100 KB"), (1_000_000, "1 MB")):
        pieces = [whole[i:i + size] for i in range(0, min(len(whole), max(size, 200_000)), size)]
        took = sum(cpu(extract, p) for p in pieces)
        rates[label] = sum(map(len, pieces)) / took
    base = rates["1 KB"]
    print(f"{lang} scaling on the corpus repeated: " + ", ".join(
        f"{k} {v:,.0f} chars/s ({v / base:.2f})" for k, v in rates.items()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-scaling", action="store_true", help="the pathological table only")
    args = ap.parse_args()
    import notices

    notices.extract("生态环境部约谈晋城市政府。", lang="zh")
    notices.extract("The ministry met officials of Jincheng.", lang="en")
    pathological(notices.extract)
    if not args.no_scaling:
        scaling(lambda t: notices.extract(t, lang="zh"), "zh")
        scaling(lambda t: notices.extract(t, lang="en"), "en")


if __name__ == "__main__":
    main()
