"""Letters per second: our compiled renderer against plain docxtpl, in the same run.

    python benchmarks/bench_letters.py                 # 1,000 letters each
    python benchmarks/bench_letters.py -n 200 --docxtpl-n 50

Both write separate one-page interview notices (the shipped template) for the same contexts,
on one core, to a temporary folder. Peak memory is traced (tracemalloc) for our renderer at
a tenth of the letters and at all of them: flat means it does not grow with the batch.
"""
from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from notices.letters import letter_contexts, load_template, render, template_path  # noqa: E402

RECORD = {
    "schema": "notices.record/1", "source": "bench", "lang": "zh", "date": "2018-05-03",
    "title": "生态环境部约谈晋城、邯郸、阳泉三市政府主要负责人",
    "authority": {"name": "生态环境部", "name_en": "Ministry of Ecology and Environment"},
    "kind": "interview",
    "cities": [
        {"name": "晋城市", "name_en": "Jincheng", "province": "山西省", "code": "140500", "role": "subject"},
        {"name": "邯郸市", "name_en": "Handan", "province": "河北省", "code": "130400", "role": "subject"},
        {"name": "阳泉市", "name_en": "Yangquan", "province": "山西省", "code": "140300", "role": "subject"},
    ],
    "figures": [
        {"value": 3.7, "unit": "%", "text": "3.7%", "subject": "PM2.5平均浓度", "city": "晋城市", "role": "actual"},
        {"value": 10, "unit": "%", "text": "10%", "subject": "PM2.5平均浓度", "city": "晋城市", "role": "target"},
        {"value": 15.7, "unit": "%", "text": "15.7%", "subject": "PM2.5平均浓度", "city": "邯郸市", "role": "actual"},
        {"value": 20, "unit": "%", "text": "20%", "subject": "PM2.5平均浓度", "city": "邯郸市", "role": "target"},
        {"value": 15, "unit": "%", "text": "15%", "subject": "PM2.5平均浓度", "city": "阳泉市", "role": "target"},
        {"value": 1819, "unit": "个问题", "text": "1819个", "subject": "各类环境问题", "city": "晋城市", "role": "count"},
    ],
    "deadlines": [{"text": "20个工作日内", "amount": 20, "unit": "working_day", "due": "2018-05-31"}],
    "sanctions": [{"text": "暂停三市新增大气污染物排放建设项目环评审批"}],
}


def contexts(n: int) -> list[dict]:
    base = letter_contexts(RECORD)
    out = []
    for i in range(n):
        ctx = dict(base[i % len(base)])
        ctx["doc_number"] = f"环函〔2018〕{i + 1}号"
        out.append(ctx)
    return out


def ours(template: str, rows: list[dict], folder: Path) -> float:
    start = time.perf_counter()
    results = render(template, rows, folder)
    elapsed = time.perf_counter() - start
    assert all(r.ok for r in results), [r.error for r in results if not r.ok][:3]
    return elapsed


def plain_docxtpl(template: str, rows: list[dict], folder: Path) -> float:
    from docxtpl import DocxTemplate
    from jinja2 import Environment

    from notices.letters.filters import FILTERS

    env = Environment(autoescape=True)
    env.filters.update(FILTERS)
    path = template_path(template)
    start = time.perf_counter()
    tpl = DocxTemplate(path)
    for i, ctx in enumerate(rows):
        tpl.render(ctx, jinja_env=env, autoescape=True)
        tpl.save(folder / f"docxtpl-{i:05d}.docx")
    return time.perf_counter() - start


def traced_peak(template: str, rows: list[dict], folder: Path) -> int:
    tracemalloc.start()
    try:
        render(template, rows, folder)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=1000, help="letters for our renderer")
    parser.add_argument("--docxtpl-n", type=int, default=None, help="letters for docxtpl (default -n)")
    parser.add_argument("--template", default="interview-notice")
    args = parser.parse_args()
    n_theirs = args.docxtpl_n or args.n
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core

    start = time.perf_counter()
    load_template(args.template)
    compile_ms = (time.perf_counter() - start) * 1000
    with tempfile.TemporaryDirectory(prefix="bench-letters-") as tmp:
        tmp = Path(tmp)
        (tmp / "ours").mkdir()
        (tmp / "docxtpl").mkdir()
        t_ours = ours(args.template, contexts(args.n), tmp / "ours")
        t_theirs = plain_docxtpl(args.template, contexts(n_theirs), tmp / "docxtpl")
        size = sum(f.stat().st_size for f in (tmp / "ours").iterdir()) / args.n
        small = max(args.n // 10, 1)
        (tmp / "m1").mkdir()
        (tmp / "m2").mkdir()
        peak_small = traced_peak(args.template, contexts(small), tmp / "m1")
        peak_all = traced_peak(args.template, contexts(args.n), tmp / "m2")
    records = max(args.n // 3, 1)
    start = time.perf_counter()
    for _ in range(records):
        letter_contexts(RECORD)  # each city's facts, worded, with the review's notes
    t_plan = time.perf_counter() - start
    rate_ours, rate_theirs = args.n / t_ours, n_theirs / t_theirs
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"template {args.template}; Python {platform.python_version()}, one core; "
          f"compile {compile_ms:.0f} ms; {size / 1024:.1f} KiB a letter")
    print(f"ours     {args.n:6d} letters in {t_ours:7.2f} s = {rate_ours:8.1f} letters/s")
    print(f"docxtpl  {n_theirs:6d} letters in {t_theirs:7.2f} s = {rate_theirs:8.1f} letters/s")
    print(f"ratio    {rate_ours / rate_theirs:.1f}x")
    print(f"contexts {records * 3:6d} letters from {records} records in {t_plan:5.2f} s = "
          f"{records * 3 / t_plan:8.1f} letters/s (facts chosen and worded, not written)")
    print(f"peak traced memory (ours): {small} letters {peak_small / 2**20:.2f} MiB, "
          f"{args.n} letters {peak_all / 2**20:.2f} MiB")
    print(f"max RSS of the process: {rss:.0f} MiB")


if __name__ == "__main__":
    main()
