"""Extraction speed: characters per second of full extraction against bare ``jieba.lcut``.

    python benchmarks/bench_extract.py [--repeat N] [--segmenter jieba|char]

Prints, in one run on the shipped corpus, each rate as wall and CPU characters per second (the
best of ``--repeat`` runs: the machine may be shared): start-up (import + first record, median
of fresh processes, wall and CPU seconds, beside bare ``import spacy`` in the same run);
``notices.extract`` on the Chinese notices, bare ``jieba.lcut`` on the same texts (runs
interleaved, so both meet the same load) and their ratio, and extraction on the English notices; then whether cost grows linearly with length:
1 KB pieces against one 100 KB notice made of the same text (the ratio should stay near 1), with
``jieba.lcut`` on the same two inputs and extraction's ratio to it; and the time of the
pathological repeats (brackets, numerals, 公司, …).
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def texts(lang: str) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / lang).glob("*.txt"))]


def rate(fn, docs: list[str], repeat: int) -> tuple[float, float]:
    """(wall, CPU) characters per second of ``fn`` over ``docs``, ``repeat`` times: the best of the
    repeats, the one least slowed by other processes on a shared machine."""
    chars = sum(len(d) for d in docs)
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        for d in docs:
            fn(d)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return chars / min(walls), chars / max(min(cpus), 1e-9)


def paired(fn, bare, docs: list[str], repeat: int) -> tuple[tuple[float, float], tuple[float, float]]:
    """:func:`rate` of ``fn`` and of ``bare``, their runs interleaved so that both meet the same
    load of the machine (timed apart, their ratio moved by 0.2 between runs on a shared box)."""
    a, b = [], []
    for _ in range(repeat):
        a.append(rate(fn, docs, 1))
        b.append(rate(bare, docs, 1))
    return (max(x[0] for x in a), max(x[1] for x in a)), (max(x[0] for x in b), max(x[1] for x in b))


def _rates(label: str, r: tuple[float, float]) -> str:
    return f"  {label:24} {r[0]:>9,.0f} chars/s wall  {r[1]:>9,.0f} chars/s CPU"


def _ratio(label: str, a: tuple[float, float], b: tuple[float, float]) -> str:
    return f"  {label:24} {a[0] / b[0]:>9.2f} wall          {a[1] / b[1]:>9.2f} CPU"


_TIMED = ("import time; w, c = time.perf_counter(), time.process_time(); {}; "
          "print(time.perf_counter() - w, time.process_time() - c)")
_FIRST_RECORD = ("import notices; notices.extract('生态环境部约谈晋城市政府主要负责人，要求20个工作日内整改。', "
                 "date='2018-05-03')")


def _fresh(code: str, runs: int) -> tuple[float, float]:
    """Median wall and CPU seconds of ``code`` in fresh processes (the machine may be loaded)."""
    walls, cpus = [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", _TIMED.format(code)], capture_output=True,
                             text=True, check=True, cwd=ROOT)
        wall, cpu = map(float, out.stdout.split())
        walls.append(wall)
        cpus.append(cpu)
    return statistics.median(walls), statistics.median(cpus)


def startup(runs: int = 7) -> None:
    """Import + first record in fresh processes, beside bare ``import spacy`` in the same run."""
    ours = _fresh(_FIRST_RECORD, runs)
    bare = _fresh("import spacy", runs)
    print(f"start-up (import + first record, fresh process, median of {runs}): "
          f"{ours[0]:.2f} s wall, {ours[1]:.2f} s CPU")
    print(f"  bare `import spacy` in the same run:  {bare[0]:.2f} s wall, {bare[1]:.2f} s CPU")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--segmenter", choices=["jieba", "char"], default="char")
    ap.add_argument("--startup-runs", type=int, default=7, help="fresh processes for start-up (median)")
    ap.add_argument("--startup-only", action="store_true", help="measure start-up only")
    args = ap.parse_args()

    import jieba

    import notices
    from notices.pipeline import run
    from notices.text import detect_lang

    startup(args.startup_runs)
    if args.startup_only:
        return
    zh, en = texts("zh"), texts("en")
    jieba.setLogLevel(60)
    jieba.lcut("预热")  # load jieba's dictionary before timing
    notices.extract(zh[0])
    notices.extract(en[0])

    def ours(text: str) -> None:
        run(text, lang=detect_lang(text), date=None, source=None, sha256=None, title=None,
            segmenter=args.segmenter)

    full, bare = paired(ours, jieba.lcut, zh, args.repeat)
    print(f"zh corpus: {len(zh)} notices, {sum(map(len, zh))} chars, best of {args.repeat}, "
          f"segmenter={args.segmenter}")
    print(_rates("notices.extract", full))
    print(_rates("jieba.lcut", bare))
    print(_ratio("extract / jieba.lcut", full, bare))
    print(f"en corpus: {len(en)} notices")
    print(_rates("notices.extract", rate(ours, en, args.repeat)))
    linearity(ours, jieba.lcut, zh, "zh", args.repeat)
    linearity(ours, None, en, "en", args.repeat)
    from bench_pathological import pathological  # the cases of tests/test_pathological.py

    pathological(ours)


def linearity(fn, bare, docs: list[str], lang: str, repeat: int) -> None:
    """chars/s on 1 KB pieces and on one 100 KB text made of the same pieces (their ratio should
    stay near 1), and, for Chinese, bare ``jieba.lcut`` on the same two inputs."""
    whole = "\n".join(docs)
    while len(whole) < 100_000:
        whole += "\n" + whole
    whole = whole[:100_000]
    pieces = [whole[i:i + 1000] for i in range(0, len(whole), 1000)]
    if bare is None:
        small, large = rate(fn, pieces, repeat), rate(fn, [whole], repeat)
    else:
        small, bare_small = paired(fn, bare, pieces, repeat)
        large, bare_large = paired(fn, bare, [whole], repeat)
    print(f"{lang} linearity: {len(pieces)} pieces of 1 KB, one text of 100 KB (the same characters), "
          f"best of {repeat}")
    print(_rates("extract, 1 KB pieces", small))
    print(_rates("extract, 100 KB text", large))
    print(_ratio("100 KB / 1 KB", large, small))
    if bare is None:
        return
    print(_rates("jieba.lcut, 1 KB pieces", bare_small))
    print(_rates("jieba.lcut, 100 KB text", bare_large))
    print(_ratio("extract / jieba, 1 KB", small, bare_small))
    print(_ratio("extract / jieba, 100 KB", large, bare_large))



if __name__ == "__main__":
    main()
