"""HTML reading quality: notices' reader against trafilatura on trafilatura's evaluation set.

    python benchmarks/bench_read.py PATH/TO/trafilatura/tests [--limit N] [--show-raising]

Fetches nothing. Give it the ``tests/`` folder of a checkout of trafilatura (``evaldata.json``
plus the ``cache/`` and ``eval/`` page folders). Each page has snippets that must appear in the
main text ("with") and snippets that must not ("without"); a snippet counts when it is a
substring of the whitespace-normalised text, as trafilatura's own ``tests/eval_common.py``
counts. A page whose reader raises counts as a full miss. Prints, in one run, precision, recall,
F1 and pages raising for ``notices.read`` and for trafilatura's ``extract()`` with its defaults.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class Score:
    name: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    raising: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def add(self, item: dict, text: str | None) -> None:
        found = norm(text) if text else ""
        tp = sum(norm(w) in found for w in item["with"]) if found else 0
        fp = sum(norm(w) in found for w in item["without"]) if found else 0
        self.tp += tp
        self.fp += fp
        self.fn += len(item["with"]) - tp
        self.tn += len(item["without"]) - fp

    def row(self) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0
        return f"| {self.name} | {p:.3f} | {r:.3f} | {f1:.3f} | {len(self.raising)} | {self.seconds:.1f} |"


_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")


def pages(tests: Path, limit: int | None) -> list[tuple[str, dict, bytes]]:
    data = json.loads((tests / "evaldata.json").read_text(encoding="utf-8"))
    out = []
    for url in sorted(data)[:limit]:
        item = data[url]
        for sub in ("cache", "eval"):
            path = tests / sub / item["file"]
            if path.is_file():
                out.append((url, item, path.read_bytes()))
                break
        else:
            sys.exit(f"Error: {tests}: page file {item['file']!r} not found in cache/ or eval/")
    return out


def runners() -> dict[str, Callable[[bytes], str | None]]:
    import notices

    def ours(raw: bytes) -> str:
        return notices.read(raw, source="page.html").text

    found: dict[str, Callable[[bytes], str | None]] = {"notices read": ours}
    try:
        from trafilatura import extract
    except ImportError:
        print("(trafilatura is not installed: its row is left out)", file=sys.stderr)
    else:
        found["trafilatura extract() defaults"] = extract
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("tests", type=Path, help="trafilatura's tests/ folder (with evaldata.json)")
    ap.add_argument("--limit", type=int, help="only the first N pages (by URL)")
    ap.add_argument("--show-raising", action="store_true", help="list the pages each reader raised on")
    args = ap.parse_args()
    if not (args.tests / "evaldata.json").is_file():
        sys.exit(f"Error: {args.tests}: no evaldata.json here (give trafilatura's tests/ folder)")

    import logging
    import warnings

    logging.disable(logging.WARNING)  # trafilatura and htmldate log per page
    warnings.simplefilter("ignore")
    corpus = pages(args.tests, args.limit)
    scores, cjk = [], []
    for name, fn in runners().items():
        score, cjk_score = Score(name), Score(name)
        start = time.perf_counter()
        for url, item, raw in corpus:
            try:
                text = fn(raw)
            except Exception as exc:  # noqa: BLE001 - a page that raises is a full miss, and counted
                score.raising.append(f"{url}: {type(exc).__name__}: {exc}"[:300])
                text = None
            score.add(item, text)
            if _CJK.search(" ".join(item["with"])):
                cjk_score.add(item, text)
        score.seconds = time.perf_counter() - start
        scores.append(score)
        cjk.append(cjk_score)
    print(f"{len(corpus)} pages, {sum(len(i['with']) for _, i, _ in corpus)} 'with' and "
          f"{sum(len(i['without']) for _, i, _ in corpus)} 'without' snippets")
    print("| reader | precision | recall | F1 | pages raising | seconds |")
    print("|---|---|---|---|---|---|")
    for score in scores:
        print(score.row())
    print(f"\nthe pages in Chinese, Japanese or Korean ({sum(bool(_CJK.search(' '.join(i['with']))) for _, i, _ in corpus)}):")
    for score in cjk:
        print(score.row().rsplit("|", 3)[0] + "|")
    if args.show_raising:
        for score in scores:
            for line in score.raising:
                print(f"{score.name}: {line}")


if __name__ == "__main__":
    main()
