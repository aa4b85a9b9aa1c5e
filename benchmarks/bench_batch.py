"""Batch throughput, CPU, memory and clean exits, in one run: files/s of --jobs 1, --jobs 2 and
the Dask engine with two local workers, the speedups, how much of the CPU the parent (the
process writing the store) spends, peak memory of the whole process tree at two sizes, and
whether any worker outlives its command; on archives of real-length notices made from the corpus.

    python benchmarks/bench_batch.py                 # the issue's figures: 5,000 files; memory at 1,000 and 10,000
    python benchmarks/bench_batch.py --quick         # minutes: 600 files; memory at 300 and 1,000
    python benchmarks/bench_batch.py --files 2000 --runs jobs1 jobs2 --memory-sizes 1000 5000

The archive is a zip of txt (UTF-8 and GB18030), html (UTF-8 and GB18030 pages), docx and pdf
files, each notice of the corpus with a numbered line added so that every file is distinct.
Each run is ``notices batch ARCHIVE -o OUT.db`` in a fresh process, timed from start to exit
(pipeline loading included). CPU is the run's own (``RUSAGE_SELF``: reading the inputs, the
writer, the engine's bookkeeping) and its descendants' (``RUSAGE_CHILDREN``: workers, fork
server, Dask), taken as the command exits. On a machine shared with other work the wall-clock
speedups are noisy; the CPU figures are not, and bound them: with two cores, --jobs 2 cannot
beat ``2 x CPU(jobs 1) / CPU(jobs 2)``, nor (Amdahl, the parent's work taken as serial)
``1 / (s + (1 - s) / 2)`` with ``s`` the parent's share of the --jobs 1 CPU. Peak memory is the
highest sum over the run's process and its descendants, sampled every 250 ms, of resident memory
(RSS, which counts pages shared between processes once per process) and of proportional memory
(PSS, which splits them). Exit code 1 is expected when some corpus notices fail to extract; it is
printed, not hidden.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from notices.batch import samples  # noqa: E402
from notices.resources import corpus_dir  # noqa: E402

FORMATS = ("txt", "txt-gb18030", "html", "html-gb18030", "docx", "pdf")


def corpus_texts() -> list[tuple[str, str]]:
    """(language, text) of every notice of the corpus."""
    texts = []
    for path in sorted(corpus_dir().glob("*/*.txt")):
        texts.append((path.parent.name, path.read_text(encoding="utf-8")))
    if not texts:
        raise SystemExit(f"no notices under {corpus_dir()}")
    return texts


def build_archive(path: Path, n: int) -> dict[str, int]:
    """A zip of n distinct notice files in varied formats; how many of each format."""
    texts = corpus_texts()
    counts = dict.fromkeys(FORMATS, 0)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for i in range(n):
            lang, text = texts[i % len(texts)]
            text = text.rstrip() + (f"\n（本通知编号第{i}号。）\n" if lang == "zh" else f"\n(Notice number {i}.)\n")
            fmt = FORMATS[i % len(FORMATS)]
            if lang == "en" and fmt.endswith("gb18030"):
                fmt = fmt.split("-")[0]
            counts[fmt] += 1
            year = 2014 + i % 12
            name = f"{year}/{lang}/{i:05d}"
            if fmt == "txt":
                zf.writestr(f"{name}.txt", samples.to_txt(text))
            elif fmt == "txt-gb18030":
                zf.writestr(f"{name}.txt", samples.to_txt(text, "gb18030"))
            elif fmt.startswith("html"):
                encoding = "gb18030" if fmt.endswith("gb18030") else "utf-8"
                zf.writestr(f"{name}.html", samples.to_html(text, date=f"{year}-05-03", encoding=encoding))
            elif fmt == "docx":
                zf.writestr(f"{name}.docx", samples.to_docx(text))
            else:
                zf.writestr(f"{name}.pdf", samples.to_pdf(text))
    return counts


def first_members(source: Path, target: Path, n: int) -> None:
    """The first n members of an archive, copied without recompressing."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist()[:n]:
            dst.writestr(info, src.read(info))


def _memory(proc) -> tuple[int, int]:  # noqa: ANN001
    """Resident and proportional (shared pages split between their processes) memory, from
    /proc/PID/smaps_rollup, which the kernel sums cheaply (psutil's full scan would take a CPU
    from the run being measured)."""
    try:
        with open(f"/proc/{proc.pid}/smaps_rollup") as fh:
            fields = dict(line.split(":", 1) for line in fh if ":" in line)
        return int(fields["Rss"].split()[0]) * 1024, int(fields["Pss"].split()[0]) * 1024
    except (OSError, KeyError, ValueError):
        rss = proc.memory_info().rss
        return rss, rss


RUNS = {
    "jobs1": ["--jobs", "1"],
    "jobs2": ["--jobs", "2"],
    "dask2": ["--engine", "dask", "--jobs", "2"],
}

# The command, with its CPU written where NOTICES_BENCH_CPU says as it exits.
_COMMAND = """
import atexit, json, os, resource
def _cpu():
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(os.environ["NOTICES_BENCH_CPU"], "w") as fh:
        json.dump({"self": me.ru_utime + me.ru_stime, "children": kids.ru_utime + kids.ru_stime}, fh)
atexit.register(_cpu)
from notices.cli import main
main()
"""


def _alive(pid: int) -> bool:
    import psutil

    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def run(archive: Path, out: Path, args: list[str]) -> dict[str, float | int]:
    """One batch run in a fresh process: seconds, CPU of the process and of its descendants,
    peak memory of the process tree in bytes (summed RSS and summed PSS), its exit code, and how
    many of its descendants were still alive just after it exited (workers outliving the command)."""
    import json

    import psutil

    out.unlink(missing_ok=True)
    cpu_file = out.with_suffix(".cpu.json")
    cpu_file.unlink(missing_ok=True)
    command = [sys.executable, "-c", _COMMAND, "batch", str(archive), "-o", str(out), *args, "--format", "json"]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NOTICES_BENCH_CPU": str(cpu_file)}
    started = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parent = psutil.Process(proc.pid)
    peak_rss = peak_pss = 0
    seen: set[int] = set()
    while proc.poll() is None:
        try:
            tree = [parent, *parent.children(recursive=True)]
            seen.update(p.pid for p in tree[1:])
            sizes = [_memory(p) for p in tree]
            peak_rss = max(peak_rss, sum(r for r, _ in sizes))
            peak_pss = max(peak_pss, sum(p for _, p in sizes))
        except psutil.Error:
            pass
        time.sleep(0.25)
    seconds = time.perf_counter() - started
    outlived = sum(_alive(pid) for pid in seen)
    for pid in seen:  # leave nothing running for the next run
        if _alive(pid):
            time.sleep(2)
            try:
                psutil.Process(pid).kill()
            except psutil.Error:
                pass
    try:
        cpu = json.loads(cpu_file.read_text())
    except (OSError, ValueError):
        cpu = {"self": float("nan"), "children": float("nan")}
    return {"seconds": seconds, "rss": peak_rss, "pss": peak_pss, "exit": proc.returncode, "outlived": outlived,
            "workers": len(seen), "cpu_self": cpu["self"], "cpu_children": cpu["children"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=None,
                        help="Files in the archive the speed runs convert (default 5000; --quick: 600).")
    parser.add_argument("--quick", action="store_true",
                        help="A run of minutes: 600 files, memory at 300 and 1,000 (unless given).")
    parser.add_argument("--runs", nargs="+", choices=list(RUNS), default=list(RUNS),
                        help="Which configurations the speed runs time.")
    parser.add_argument("--memory-sizes", type=int, nargs="*", default=None,
                        help="Sizes at which --jobs 2 is run for its peak memory (default 1000 10000; "
                             "--quick: 300 1000; none: skip).")
    parser.add_argument("--workdir", type=Path,
                        help="Where archives and stores go (default: a temporary folder); an archive "
                             "already there is reused.")
    args = parser.parse_args()
    files = args.files or (600 if args.quick else 5000)
    memory_sizes = args.memory_sizes if args.memory_sizes is not None else ([300, 1000] if args.quick
                                                                           else [1000, 10000])

    with tempfile.TemporaryDirectory() as tmp:
        work = args.workdir or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        plan = [(files, name) for name in args.runs]
        plan += [(size, "jobs2") for size in memory_sizes if (size, "jobs2") not in plan]
        largest = max(size for size, _ in plan)
        big = work / f"notices-{largest}.zip"
        if big.exists() and args.workdir:
            print(f"reusing {big} ({big.stat().st_size / 1e6:.1f} MB)")
        else:
            started = time.perf_counter()
            counts = build_archive(big, largest)
            print(f"built {big.name}: {largest} files ({', '.join(f'{k} {v}' for k, v in counts.items())}), "
                  f"{big.stat().st_size / 1e6:.1f} MB, in {time.perf_counter() - started:.0f} s; "
                  f"{len(corpus_texts())} corpus notices, {os.cpu_count()} CPUs")
        print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print(f"{'files':>7} {'run':>6} {'seconds':>8} {'files/s':>8} {'CPU s':>7} {'parent':>7} {'share':>6} "
              f"{'RSS MB':>7} {'PSS MB':>7} {'exit':>4} {'workers':>7} {'outlived':>8}")
        results: dict[tuple[int, str], dict[str, float | int]] = {}
        for size, name in plan:
            archive = big if size == largest else work / f"notices-{size}.zip"
            if size != largest and not archive.exists():
                first_members(big, archive, size)
            r = run(archive, work / f"out-{size}-{name}.db", RUNS[name])
            results[size, name] = r
            total = r["cpu_self"] + r["cpu_children"]
            print(f"{size:>7} {name:>6} {r['seconds']:>8.1f} {size / r['seconds']:>8.1f} {total:>7.1f} "
                  f"{r['cpu_self']:>7.1f} {r['cpu_self'] / total:>6.1%} {r['rss'] / 1e6:>7.0f} {r['pss'] / 1e6:>7.0f} "
                  f"{r['exit']:>4} {r['workers']:>7} {r['outlived']:>8}", flush=True)
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print()
        got = {name: r for (size, name), r in results.items() if size == files}
        cpu = {name: r["cpu_self"] + r["cpu_children"] for name, r in got.items()}
        for name, r in got.items():
            print(f"{files} files, {name}: {files / r['seconds']:.1f} files/s; parent CPU "
                  f"{r['cpu_self'] * 1000 / files:.2f} s per 1,000 files ({r['cpu_self'] / cpu[name]:.1%} of the CPU)")
        if "jobs1" in got and "jobs2" in got:
            speedup = got["jobs1"]["seconds"] / got["jobs2"]["seconds"]
            share = got["jobs2"]["cpu_self"] / cpu["jobs1"]
            print(f"--jobs 2 is {speedup:.2f}x --jobs 1 (target >= 1.85x on an idle two-core machine); bounds "
                  f"from CPU: two cores {2 * cpu['jobs1'] / cpu['jobs2']:.2f}x, Amdahl with the parent serial "
                  f"(s = {share:.3f}) {1 / (share + (1 - share) / 2):.2f}x")
        if "dask2" in got and "jobs2" in got:
            print(f"Dask, 2 local workers, takes {got['dask2']['seconds'] / got['jobs2']['seconds']:.2f}x the time "
                  f"of --jobs 2 (target <= 1.2x); CPU {cpu['dask2'] / cpu['jobs2']:.2f}x")
        outlived = sum(r["outlived"] for r in results.values())
        print(f"worker processes outliving their command: {outlived} (target 0)")
        sizes = sorted(s for s, n in results if n == "jobs2")
        if len(sizes) >= 2:
            low, high = results[sizes[0], "jobs2"], results[sizes[-1], "jobs2"]
            print(f"peak memory of the process tree, --jobs 2: {sizes[0]} files {low['rss'] / 1e6:.0f} MB RSS "
                  f"({low['pss'] / 1e6:.0f} MB PSS), {sizes[-1]} files {high['rss'] / 1e6:.0f} MB RSS "
                  f"({high['pss'] / 1e6:.0f} MB PSS): {high['pss'] / low['pss']:.2f}x PSS (target flat)")


if __name__ == "__main__":
    main()
