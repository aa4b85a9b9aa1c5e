"""How alike reprints and distinct notices are: the figures behind the near-duplicate thresholds
of :mod:`notices.batch.events`.

    python benchmarks/bench_events.py

For every notice of the corpus, reprints are made as sites make them (:func:`reprints`): other
header lines and a byline, the text reflowed into short lines, the last third cut off, all of
these together. Each reprint's exact shingle Jaccard and containment against its original are
printed as a distribution, beside the same for every pair of distinct corpus notices of one
language, and the rule (Jaccard >= JACCARD or containment >= CONTAINMENT) is scored on both.
"""
from __future__ import annotations

import itertools
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from notices.batch import events  # noqa: E402
from notices.resources import corpus_dir  # noqa: E402


def reprints(text: str, lang: str) -> dict[str, str]:
    """A notice as other sites carry it."""
    lines = [line for line in text.strip().splitlines() if line.strip()]
    title, body = lines[0], lines[1:]
    if lang == "zh":
        header = ["转载自本网", title, "2099-01-01 08:00  来源：某某新闻网  作者：本网记者"]
        footer = ["（本网记者 某某 报道）", "责任编辑：某某"]
    else:
        header = ["Reprinted", title, "Posted 2099-01-01 | Source: Some News Agency"]
        footer = ["(Reporting by Some Reporter; editing by Some Editor)"]
    flat = "".join(body) if lang == "zh" else " ".join(body)
    reflowed = [flat[i:i + 30] for i in range(0, len(flat), 30)]
    cut = body[: max(1, (2 * len(body)) // 3)]
    return {
        "other headers and byline": "\n".join(header + body + footer),
        "reflowed": "\n".join([title, *reflowed]),
        "last third cut": "\n".join([title, *cut]),
        "all of these": "\n".join(header + reflowed[: max(1, 2 * len(reflowed) // 3)] + footer),
    }


def describe(values: list[float]) -> str:
    q = statistics.quantiles(values, n=20) if len(values) > 1 else values * 19
    return f"min {min(values):.2f}  p5 {q[0]:.2f}  median {statistics.median(values):.2f}  p95 {q[-1]:.2f}  max {max(values):.2f}"


def main() -> None:
    texts = [(p.parent.name, p.read_text(encoding="utf-8")) for p in sorted(corpus_dir().glob("*/*.txt"))]
    kinds: dict[str, list[events.Likeness]] = {}
    for lang, text in texts:
        original = events.identity_text(text)
        for name, reprint in reprints(text, lang).items():
            kinds.setdefault(name, []).append(events.likeness(original, events.identity_text(reprint)))
    distinct = [events.likeness(events.identity_text(a), events.identity_text(b))
                for (la, a), (lb, b) in itertools.combinations(texts, 2) if la == lb]
    print(f"{len(texts)} corpus notices; shingles of {events.SHINGLE} characters; rule: Jaccard >= "
          f"{events.JACCARD} or containment >= {events.CONTAINMENT}\n")
    for name, values in [*kinds.items(), ("distinct notices (pairs)", distinct)]:
        joined = sum(v.same for v in values)
        print(f"{name}  ({len(values)}; joined by the rule: {joined})")
        print(f"  Jaccard      {describe([v.jaccard for v in values])}")
        print(f"  containment  {describe([v.containment for v in values])}")
    worst = max(distinct, key=lambda v: (v.same, v.jaccard))
    print(f"\nmost alike distinct pair: Jaccard {worst.jaccard:.2f}, containment {worst.containment:.2f}")


if __name__ == "__main__":
    main()
