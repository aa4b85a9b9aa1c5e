"""Generate ``notices/data/divisions.tsv``: every province-, prefecture- and county-level division.

Sources:
- ``resources/adcodes.csv`` and ``resources/56_nations.csv`` shipped in the ``cpca`` package
  (12-digit administrative division codes and names; the 56 ethnic groups);
- ``notices/data/former_divisions.tsv`` (hand-written): renamings, mergers and new codes after
  the cpca snapshot, which mark divisions as former and add their successors;
- ``notices/data/place_pinyin.tsv`` (hand-written) through :func:`notices.pinyin.place_pinyin`.

Usage: ``python scripts/build_gazetteer.py`` rewrites the file; ``--check`` only compares.
``tests/test_gazetteer.py`` checks that the committed file is what this script produces.
"""
from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import io
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

if __package__ is None and __name__ == "__main__":  # run as a file from a checkout
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from notices.pinyin import place_pinyin  # noqa: E402
from notices.resources import data_path  # noqa: E402

COLUMNS = (
    "code", "name", "level", "parent_code", "province_code", "short",
    "name_en", "name_en_full", "former", "since", "until",
)
CHANGE_COLUMNS = (
    "name", "code", "successor_code", "successor_name", "until", "change", "name_en", "note",
)
# renamed: same division and code, new name; recoded: same division under a new code;
# replaced: abolished, the successor newly set up in its place; merged: abolished into an
# existing successor; created: a successor with no predecessor division.
CHANGES = frozenset({"renamed", "recoded", "replaced", "merged", "created"})
NEW_SUCCESSOR = frozenset({"recoded", "replaced", "created"})

MUNICIPALITIES = frozenset({"110000", "120000", "310000", "500000"})
# Rows of the code table that group divisions without being one.
PSEUDO_NAMES = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})

SUFFIXES = {
    "province": (("特别行政区", "Special Administrative Region"), ("自治区", "Autonomous Region"),
                 ("省", "Province")),
    "municipality": (("市", "Municipality"),),
    "prefecture": (("自治州", "Prefecture"), ("地区", "Prefecture"), ("盟", "League"),
                   ("市", "City")),
    "county": (("自治县", "County"), ("自治旗", "Banner"), ("新区", "New Area"),
               ("林区", "Forestry District"), ("特区", "Special District"), ("群岛", "Islands"),
               ("县", "County"), ("区", "District"), ("市", "City"), ("旗", "Banner")),
}


@dataclass(frozen=True, slots=True)
class Change:
    """One row of ``former_divisions.tsv``."""

    name: str
    code: str
    successor_code: str
    successor_name: str
    until: str
    change: str
    name_en: str
    note: str


def _cpca_file(name: str) -> Path:
    spec = importlib.util.find_spec("cpca")  # locates the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("the cpca package is not installed (pip install cpca==0.5.5)")
    return Path(next(iter(spec.submodule_search_locations))) / "resources" / name


def source_divisions() -> dict[str, str]:
    """Six-digit code → name for every real division in cpca's code table."""
    out: dict[str, str] = {}
    with _cpca_file("adcodes.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            code, name = row["adcode"][:6], row["name"].strip()
            if name in PSEUDO_NAMES:
                continue
            out[code] = name
    return out


def ethnic_names() -> tuple[str, ...]:
    """Ethnic-group names as they appear inside autonomous division names, longest first."""
    with _cpca_file("56_nations.csv").open(encoding="utf-8") as fh:
        groups = [line.strip() for line in fh if line.strip()]
    forms = {g for g in groups} | {g.removesuffix("族") for g in groups if len(g) > 2} | {"各族"}
    return tuple(sorted(forms, key=lambda f: (-len(f), f)))


def read_changes(path: Path) -> list[Change]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        if tuple(next(reader)) != CHANGE_COLUMNS:
            raise SystemExit(f"{path}:1: expected the header {' '.join(CHANGE_COLUMNS)}")
        changes = []
        for lineno, row in enumerate(reader, start=2):
            if len(row) != len(CHANGE_COLUMNS):
                raise SystemExit(f"{path}:{lineno}: expected {len(CHANGE_COLUMNS)} columns")
            change = Change(*row)
            problem = _change_problem(change)
            if problem:
                raise SystemExit(f"{path}:{lineno}: {problem}")
            changes.append(change)
    return changes


def _change_problem(ch: Change) -> str | None:
    if ch.change not in CHANGES:
        return f"unknown change {ch.change!r}"
    try:
        dt.date.fromisoformat(ch.until)
    except ValueError:
        return f"until is not an ISO date: {ch.until!r}"
    if ch.change == "created" and (ch.name or ch.code):
        return "a created division has no former name or code"
    if ch.change != "created" and not (ch.name and len(ch.code) == 6 and ch.code.isdigit()):
        return "a former name and its six-digit code are required"
    if not (len(ch.successor_code) == 6 and ch.successor_code.isdigit() and ch.successor_name):
        return "a six-digit successor code and name are required"
    if ch.change == "renamed" and ch.code != ch.successor_code:
        return "a renamed division keeps its code (use recoded or replaced)"
    if ch.change == "renamed" and not ch.name_en:
        return "a renamed division needs name_en (it has no row of its own)"
    return None


def level_of(code: str) -> str:
    if code[2:] == "0000":
        return "municipality" if code in MUNICIPALITIES else "province"
    if code[4:] == "00":
        return "prefecture"
    return "county"


def parent_of(code: str, known: Mapping[str, str]) -> str | None:
    level = level_of(code)
    if level in ("province", "municipality"):
        return None
    province = code[:2] + "0000"
    if level == "prefecture":
        return province
    prefecture = code[:4] + "00"
    return prefecture if prefecture in known else province


def split_suffix(name: str, level: str) -> tuple[str, str, str]:
    """(stem, Chinese suffix, English suffix); the stem keeps the whole name when none matches."""
    for zh, en in SUFFIXES[level]:
        if name.endswith(zh) and len(name) > len(zh):
            return name[: -len(zh)], zh, en
    return name, "", ""


def strip_ethnic(stem: str, ethnic: Iterable[str]) -> str:
    """延边朝鲜族 → 延边, 恩施土家族苗族 → 恩施; a stem that is only an ethnic name is kept."""
    forms = tuple(ethnic)
    while True:
        for form in forms:
            if stem.endswith(form) and len(stem) - len(form) >= 2:
                stem = stem[: -len(form)]
                break
        else:
            break
    if stem.endswith("族") and stem in forms and len(stem) >= 3:
        stem = stem[:-1]  # 鄂温克族(自治旗) → 鄂温克
    return stem


def describe(code: str, name: str, ethnic: tuple[str, ...]) -> dict[str, str]:
    """The derived columns of one division: level, short form and English names."""
    level = level_of(code)
    stem, suffix, suffix_en = split_suffix(name, level)
    if "自治" in suffix or suffix in ("区", "县") or level == "province":
        stem = strip_ethnic(stem, ethnic)
    short = stem if suffix and len(stem) >= 2 else ""
    name_en = place_pinyin(short or name)
    full = f"{place_pinyin(stem)} {suffix_en}" if suffix_en else name_en
    return {"level": level, "short": short, "name_en": name_en, "name_en_full": full}


def build_rows(
    source: Mapping[str, str], changes: Iterable[Change], ethnic: tuple[str, ...]
) -> list[dict[str, str]]:
    current = dict(source)
    former: dict[str, tuple[str, str]] = {}
    since: dict[str, str] = {}
    for ch in changes:
        if ch.change != "created" and ch.change != "renamed":
            known_name = current.pop(ch.code, None) or former.get(ch.code, (ch.name, ""))[0]
            if known_name != ch.name:
                raise SystemExit(
                    f"{ch.code}: the code table says {known_name}, the change says {ch.name}"
                )
            until = min(ch.until, former.get(ch.code, ("", ch.until))[1])
            former[ch.code] = (ch.name, until)
        existing = current.get(ch.successor_code)
        if existing is None:
            if ch.successor_code in former:
                raise SystemExit(f"{ch.successor_code} is both a successor and a former division")
            current[ch.successor_code] = ch.successor_name
        elif existing != ch.successor_name:
            raise SystemExit(f"{ch.successor_code}: the code table says {existing}, "
                             f"the change says {ch.successor_name}")
        if ch.change in NEW_SUCCESSOR:
            since[ch.successor_code] = min(ch.until, since.get(ch.successor_code, ch.until))

    known = {**current, **{code: name for code, (name, _) in former.items()}}
    rows = []
    for code in sorted(known):
        row = {"code": code, "name": known[code], **describe(code, known[code], ethnic)}
        row["parent_code"] = parent_of(code, known) or ""
        row["province_code"] = code[:2] + "0000"
        row["former"] = "1" if code in former else "0"
        row["since"] = since.get(code, "")
        row["until"] = former[code][1] if code in former else ""
        rows.append(row)
    return rows


def render(rows: Iterable[Mapping[str, str]]) -> str:
    buf = io.StringIO()
    buf.write("\t".join(COLUMNS) + "\n")
    for row in rows:
        buf.write("\t".join(row[c] for c in COLUMNS) + "\n")
    return buf.getvalue()


def divisions_tsv() -> str:
    """The text of ``notices/data/divisions.tsv`` as the current sources give it."""
    changes = read_changes(data_path("former_divisions.tsv"))
    return render(build_rows(source_divisions(), changes, ethnic_names()))


def main(argv: list[str] | None = None) -> int:
    from _generate import write_or_check

    text = divisions_tsv()
    return write_or_check(data_path("divisions.tsv"), text, f"{text.count(chr(10)) - 1} divisions", argv)


if __name__ == "__main__":
    raise SystemExit(main())
