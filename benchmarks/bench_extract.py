"""Extraction speed: characters per second of full extraction against bare ``jieba.lcut``.

    python benchmarks/bench_extract.py [--repeat N] [--segmenter jieba|char]

Prints, in one run on the shipped corpus: start-up (import + first record, in a fresh process),
characters per second of ``notices.extract`` on the Chinese notices, of bare ``jieba.lcut`` on
the same texts, their ratio, and the same for English notices.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def texts(lang: str) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / lang).glob("*.txt"))]


def rate(fn, docs: list[str], repeat: int) -> float:
    chars = sum(len(d) for d in docs) * repeat
    start = time.perf_counter()
    for _ in range(repeat):
        for d in docs:
            fn(d)
    return chars / (time.perf_counter() - start)


def startup() -> float:
    code = ("import time; t=time.perf_counter(); import notices; "
            "notices.extract('生态环境部约谈晋城市政府主要负责人，要求20个工作日内整改。', date='2018-05-03'); "
            "print(time.perf_counter()-t)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return float(out.stdout.strip())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--segmenter", choices=["jieba", "char"], default="char")
    args = ap.parse_args()

    import jieba

    import notices
    from notices.pipeline import run
    from notices.text import detect_lang

    print(f"start-up (import + first record, fresh process): {startup():.2f} s")
    zh, en = texts("zh"), texts("en")
    jieba.setLogLevel(60)
    jieba.lcut("预热")  # load jieba's dictionary before timing
    notices.extract(zh[0])
    notices.extract(en[0])

    def ours(text: str) -> None:
        run(text, lang=detect_lang(text), date=None, source=None, sha256=None, title=None,
            segmenter=args.segmenter)

    full = rate(ours, zh, args.repeat)
    bare = rate(jieba.lcut, zh, args.repeat)
    print(f"zh: {len(zh)} notices, {sum(map(len, zh))} chars, x{args.repeat}, segmenter={args.segmenter}")
    print(f"  notices.extract: {full:,.0f} chars/s")
    print(f"  jieba.lcut:      {bare:,.0f} chars/s")
    print(f"  ratio:           {full / bare:.2f}")
    full_en = rate(ours, en, args.repeat)
    print(f"en: {len(en)} notices, notices.extract: {full_en:,.0f} chars/s")


if __name__ == "__main__":
    main()
