"""Gazetteer names in Chinese text: the scan in ``places.find_zh`` against spaCy's PhraseMatcher
and an Aho-Corasick automaton (pyahocorasick), on the corpus and on one 100 KB text.

    python benchmarks/bench_places.py [--repeat N]

Each alternative must give exactly the matches ``find_zh`` gives (checked before timing); times
are the best of N runs in CPU seconds, so that a loaded machine disturbs them least.
"""
from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from notices.extractors import places
from notices.pipeline import load
from notices.text import normalize

ROOT = Path(__file__).resolve().parent.parent
Finder = Callable[[str], list[tuple[int, int, str]]]


def _choose(norm: str, candidates: dict[int, list[int]]) -> list[tuple[int, int, str]]:
    """find_zh's choice over candidate (start → lengths): longest-leftmost, with its suffix rule."""
    out, cursor = [], 0
    for i in sorted(candidates):
        if i < cursor:
            continue
        for k in sorted(candidates[i], reverse=True):
            if norm[i + k - 1] in "区市县" and norm[i + k:i + k + 1] in places._SUFFIX_WORD_ENDS:
                continue
            out.append((i, i + k, norm[i:i + k]))
            cursor = i + k
            break
    return out


def aho_corasick(surfaces: dict[str, tuple[str, ...]]) -> tuple[Finder, Finder]:
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for surface in surfaces:
        automaton.add_word(surface, len(surface))
    automaton.make_automaton()

    def every_match(norm: str) -> list[tuple[int, int, str]]:
        candidates: dict[int, list[int]] = {}
        for end, k in automaton.iter(norm):
            candidates.setdefault(end - k + 1, []).append(k)
        return _choose(norm, candidates)

    def longest(norm: str) -> list[tuple[int, int, str]]:
        out = []
        for end, k in automaton.iter_long(norm):
            if norm[end] in "区市县" and norm[end + 1:end + 2] in places._SUFFIX_WORD_ENDS:
                return every_match(norm)  # the suffix rule needs the shorter candidates
            out.append((end - k + 1, end + 1, norm[end - k + 1:end + 1]))
        return out

    return every_match, longest


def phrase_matcher(surfaces: dict[str, tuple[str, ...]]) -> Finder:
    from spacy.matcher import PhraseMatcher

    nlp = load("zh")
    matcher = PhraseMatcher(nlp.vocab)
    matcher.add("PLACE", [nlp.make_doc(s) for s in surfaces])

    def find(norm: str) -> list[tuple[int, int, str]]:
        candidates: dict[int, list[int]] = {}
        for _, start, end in matcher(nlp.make_doc(norm)):  # one token per character
            candidates.setdefault(start, []).append(end - start)
        return _choose(norm, candidates)

    return find


def best(fn: Finder, texts: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        for text in texts:
            fn(text)
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    docs = [normalize(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "corpus" / "zh").glob("*.txt"))]
    whole = "\n".join(docs)
    while len(whole) < 100_000:
        whole += "\n" + whole
    whole = whole[:100_000]
    surfaces = places._zh_index().surfaces

    start = time.process_time()
    every_match, longest = aho_corasick(surfaces)
    built_ac = time.process_time() - start
    start = time.process_time()
    matcher = phrase_matcher(surfaces)
    built_pm = time.process_time() - start
    print(f"{len(surfaces)} surfaces; built: automaton {built_ac * 1000:.0f} ms, "
          f"PhraseMatcher {built_pm * 1000:.0f} ms")
    finders = {"find_zh scan": places.find_zh, "Aho-Corasick": every_match,
               "Aho-Corasick iter_long": longest, "PhraseMatcher": matcher}
    for name, fn in finders.items():
        if any(fn(t) != places.find_zh(t) for t in [*docs, whole]):
            raise SystemExit(f"{name} gives other matches than find_zh")
    for label, texts in ((f"corpus ({len(docs)} notices, {sum(map(len, docs)):,} chars)", docs),
                         ("one 100 KB text", [whole])):
        print(label)
        chars = sum(map(len, texts))
        for name, fn in finders.items():
            secs = best(fn, texts, args.repeat)
            print(f"  {name:24} {secs * 1000:7.1f} ms  {chars / secs:12,.0f} chars/s")


if __name__ == "__main__":
    main()
