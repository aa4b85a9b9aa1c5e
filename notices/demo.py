"""The demo: the main job on the shipped corpus, end to end.

Extracts every shipped notice, scores the records against the corpus's gold annotations,
converts the corpus into an embedded SQLite store, and writes the letters for every notice that
acts on cities (interview notices for interviews, rectification orders for the others).
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .record import Record
from .resources import corpus_dir


@dataclass
class DemoResult:
    out_dir: Path
    records: list[Record] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    micro_f1: float | None = None
    field_f1: dict[str, float] = field(default_factory=dict)
    store: Path | None = None
    store_notices: int = 0
    letters: list = field(default_factory=list)


def corpus_files() -> list[Path]:
    root = corpus_dir()
    return sorted(p for p in root.rglob("*.txt") if p.is_file())


def run_demo(out_dir: str | Path = "notices-demo", *, letters: bool = True, store: bool = True,
             on_record: Callable[[Record], None] | None = None) -> DemoResult:
    from .evaluate import evaluate
    from .extractors import extract_document
    from .readers import read_path

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    result = DemoResult(out_dir=out)
    files = corpus_files()
    with (out / "records.jsonl").open("w", encoding="utf-8") as fh:
        for path in files:
            try:
                record = extract_document(read_path(path))
            except Exception as exc:  # noqa: BLE001 - the demo reports and carries on
                result.errors.append(f"{path}: {exc}")
                continue
            record.source = str(path.relative_to(corpus_dir().parent))
            result.records.append(record)
            fh.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
            if on_record:
                on_record(record)
    report = evaluate(corpus_dir())
    result.micro_f1 = report.micro.f1
    result.field_f1 = {k: v.f1 for k, v in report.fields.items()}
    if store:
        from .batch import batch, open_store

        result.store = out / "notices.db"
        summary = batch([str(p) for p in files], result.store)
        result.errors.extend(f"{e.get('source')}: {e.get('message')}" for e in summary.errors)
        result.store_notices = len(open_store(result.store).query("SELECT * FROM notices"))
    if letters:
        from .letters import render_letters

        interviews = [r for r in result.records if r.kind == "interview" and r.subjects]
        orders = [r for r in result.records if r.kind in ("inspection", "rectification") and r.subjects]
        result.letters += render_letters(interviews, "interview-notice", out / "letters" / "interview")
        result.letters += render_letters(orders, "rectification-order", out / "letters" / "rectification")
    return result
