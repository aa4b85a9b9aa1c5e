"""Batch throughput and memory: files/s with --jobs 1 and --jobs 2, and peak memory, on archives
of 10,000 and 5,000 notices made from the corpus in varied formats.

    python benchmarks/bench_batch.py                    # 10,000 and 5,000 notices, jobs 1 and 2
    python benchmarks/bench_batch.py --sizes 2000 --jobs 1 2 4

The archive is a zip of txt (UTF-8 and GB18030), html (UTF-8 and GB18030 pages), docx and pdf
files, each notice of the corpus with a numbered line added so that every file is distinct.
Each run is ``notices batch ARCHIVE -o OUT.db --jobs N`` in a fresh process, timed from start to
exit (pipeline loading included); peak memory is the highest sum over the run's process and its
workers, sampled every 250 ms, of resident memory (RSS, which counts pages shared between
processes once per process) and of proportional memory (PSS, which splits them). Exit code 1 is
expected when some corpus notices fail to extract; it is printed, not hidden.
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


def run(archive: Path, out: Path, jobs: int) -> tuple[float, int, int, int]:
    """Seconds, peak memory of the process tree in bytes (summed RSS and summed PSS), and the
    exit code of one batch run."""
    import psutil

    out.unlink(missing_ok=True)
    command = [sys.executable, "-c", "from notices.cli import main; main()", "batch", str(archive),
               "-o", str(out), "--jobs", str(jobs), "--format", "json"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parent = psutil.Process(proc.pid)
    peak_rss = peak_pss = 0
    while proc.poll() is None:
        try:
            sizes = [_memory(p) for p in [parent, *parent.children(recursive=True)]]
            peak_rss = max(peak_rss, sum(r for r, _ in sizes))
            peak_pss = max(peak_pss, sum(p for _, p in sizes))
        except psutil.Error:
            pass
        time.sleep(0.25)
    return time.perf_counter() - started, peak_rss, peak_pss, proc.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 5_000])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--workdir", type=Path,
                        help="Where archives and stores go (default: a temporary folder); an archive "
                             "already there is reused.")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        work = args.workdir or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        largest = max(args.sizes)
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
        print(f"{'files':>7} {'jobs':>4} {'seconds':>8} {'files/s':>8} {'speed-up':>8} {'RSS MB':>7} {'PSS MB':>7} "
              f"{'exit':>4}")
        for size in args.sizes:
            archive = big if size == largest else work / f"notices-{size}.zip"
            if size != largest:
                first_members(big, archive, size)
            base = None
            for jobs in args.jobs:
                seconds, rss, pss, code = run(archive, work / f"out-{size}-{jobs}.db", jobs)
                rate = size / seconds
                base = base or rate
                print(f"{size:>7} {jobs:>4} {seconds:>8.1f} {rate:>8.1f} {rate / base:>7.2f}x "
                      f"{rss / 1e6:>7.0f} {pss / 1e6:>7.0f} {code:>4}", flush=True)
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
