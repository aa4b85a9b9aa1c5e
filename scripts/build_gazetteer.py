"""Generate the gazetteer from the yearly code lists: ``notices/data/divisions.tsv`` (every
division any list holds) and ``notices/data/division_changes.tsv`` (what became of each one).

Sources, all under ``scripts/sources/`` (``SOURCES.md`` says where each came from):

- ``mca/YYYY.txt``: 民政部 中华人民共和国县级以上行政区划代码 as of 31 December YYYY, one
  ``code name`` a line. Formal divisions only: no development zones or other statistical units.
- ``changes.tsv`` (by hand): what a diff of two lists cannot tell, each row with its source: the
  successor of a division abolished into others (莱芜市 → 济南市), and the day a change took
  effect where a document gives it (the lists only give the year).
- ``ethnic_groups.txt``: the 56 ethnic groups, to shorten 延边朝鲜族自治州 to 延边.

English names are the pinyin of the short forms (pypinyin, with the readings of
``notices/data/place_pinyin.tsv``).

The change table is derived by diffing successive lists. Same code, new name: ``renamed``.
A code gone from a list is matched to a code new in it: the same name (``recoded``), the same
stem with a new suffix (县 → 区 ``to_district``, 县 → 市 ``to_city``, else ``replaced``), or the
only new code in the same prefecture; several gone into one new code are ``merged``. What none
of these pairs comes from ``changes.tsv`` (``merged`` into an existing division, ``split``,
``abolished``); a gone code that neither explains stops the build.

Usage: ``python scripts/build_gazetteer.py`` rewrites both files; ``--check`` only compares.
To add a year: put the new list in ``scripts/sources/mca/`` (see SOURCES.md), run this script,
and add rows to ``changes.tsv`` for the codes it says it cannot place.
"""
from __future__ import annotations

import csv
import io
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

if __package__ is None and __name__ == "__main__":  # run as a file from a checkout
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from notices.pinyin import place_pinyin  # noqa: E402
from notices.resources import data_path  # noqa: E402

SOURCES = Path(__file__).resolve().parent / "sources"
LISTS = SOURCES / "mca"

COLUMNS = (
    "code", "name", "level", "parent_code", "province_code", "short",
    "name_en", "name_en_full", "former", "since", "until",
)
CHANGE_COLUMNS = (
    "year", "date", "change", "code", "name", "successor_code", "successor_name", "name_en",
    "source",
)
HAND_COLUMNS = ("year", "code", "name", "change", "successors", "date", "source")
KINDS = ("renamed", "recoded", "to_district", "to_city", "replaced", "merged", "split", "abolished")
HAND_KINDS = frozenset({"", "merged", "split", "abolished"})

MUNICIPALITIES = frozenset({"110000", "120000", "310000", "500000"})
# Rows that group divisions without being one (not in the 民政部 lists, kept out if they come).
PSEUDO_NAMES = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_LINE = re.compile(r"(\d{6})\s+(\S.*)")

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
    """One row of ``division_changes.tsv``: ``code`` (``name``) changed during ``year`` (on
    ``date`` where known) into ``successor_code``; ``source`` is ``lists`` for a derived row."""

    year: str
    date: str
    change: str
    code: str
    name: str
    successor_code: str
    successor_name: str
    name_en: str
    source: str


@dataclass(frozen=True, slots=True)
class HandEntry:
    """One row of ``scripts/sources/changes.tsv``."""

    year: str
    code: str
    name: str
    change: str
    successors: tuple[str, ...]
    date: str
    source: str


# -- reading the sources -------------------------------------------------------------------


def read_list(path: Path) -> dict[str, str]:
    """Code → name of one yearly list."""
    out: dict[str, str] = {}
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        m = _LINE.fullmatch(line.strip())
        if m is None:
            raise SystemExit(f"{path}:{lineno}: expected a six-digit code and a name")
        code, name = m.group(1), m.group(2).strip()
        if name not in PSEUDO_NAMES:
            out[code] = name
    return out


def read_lists(folder: Path = LISTS) -> dict[int, dict[str, str]]:
    """Year → list, for every ``YYYY.txt`` in ``folder``; the years must follow each other."""
    lists = {int(p.stem): read_list(p) for p in sorted(folder.glob("[0-9][0-9][0-9][0-9].txt"))}
    if not lists:
        raise SystemExit(f"{folder}: no yearly lists (YYYY.txt)")
    years = sorted(lists)
    missing = sorted(set(range(years[0], years[-1] + 1)) - set(years))
    if missing:
        raise SystemExit(f"{folder}: no list for {', '.join(map(str, missing))}")
    return lists


def read_hand(path: Path = SOURCES / "changes.tsv") -> list[HandEntry]:
    out = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        if tuple(next(reader, ())) != HAND_COLUMNS:
            raise SystemExit(f"{path}:1: expected the header {' '.join(HAND_COLUMNS)}")
        for lineno, row in enumerate(reader, start=2):
            if not row or row[0].startswith("#"):
                continue
            if len(row) != len(HAND_COLUMNS):
                raise SystemExit(f"{path}:{lineno}: expected {len(HAND_COLUMNS)} columns")
            entry = HandEntry(row[0], row[1], row[2], row[3],
                              tuple(s for s in row[4].split(";") if s), row[5], row[6])
            problem = hand_problem(entry)
            if problem:
                raise SystemExit(f"{path}:{lineno}: {problem}")
            out.append(entry)
    return out


def hand_problem(entry: HandEntry) -> str | None:
    if not (len(entry.year) == 4 and entry.year.isdigit()):
        return f"year is not a year: {entry.year!r}"
    if not (len(entry.code) == 6 and entry.code.isdigit() and entry.name):
        return "a six-digit code and its name are required"
    if entry.change not in HAND_KINDS:
        return f"unknown change {entry.change!r}: expected merged, split, abolished or none"
    if any(not (len(s) == 6 and s.isdigit()) for s in entry.successors):
        return "successors are six-digit codes separated by ;"
    if entry.change == "abolished" and entry.successors:
        return "an abolished division has no successor"
    if entry.change in ("merged", "split") and not entry.successors:
        return f"a {entry.change} division needs its successors"
    if entry.date and not _DATE.fullmatch(entry.date):
        return f"date is not an ISO date: {entry.date!r}"
    if not entry.source:
        return "every hand entry needs its source"
    return None


def ethnic_names(path: Path = SOURCES / "ethnic_groups.txt") -> tuple[str, ...]:
    """Ethnic-group names as they appear inside autonomous division names, longest first."""
    groups = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    forms = set(groups) | {g.removesuffix("族") for g in groups if len(g) > 2} | {"各族"}
    return tuple(sorted(forms, key=lambda f: (-len(f), f)))


# -- names -----------------------------------------------------------------------------------


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


def _stem(name: str, code: str) -> str:
    return split_suffix(name, level_of(code))[0]


def _suffix(name: str, code: str) -> str:
    return split_suffix(name, level_of(code))[1]


# -- the diff --------------------------------------------------------------------------------


def kind_of(old_code: str, old_name: str, new_code: str, new_name: str) -> str:
    """What a one-to-one change from the old division to a new code is."""
    if old_name == new_name:
        return "recoded"
    old, new = _suffix(old_name, old_code), _suffix(new_name, new_code)
    if new == "区" and old != "区":
        return "to_district"
    if new == "市" and old != "市":
        return "to_city"
    return "replaced"


def _group(code: str, pref_map: Mapping[str, str]) -> str:
    """The prefecture a county belongs to, as the new list codes it."""
    if level_of(code) != "county" or code[:2] + "0000" in MUNICIPALITIES:
        return code[:2]
    pref = code[:4] + "00"
    return pref_map.get(pref, pref)


def diff_lists(
    year: int, old: Mapping[str, str], new: Mapping[str, str], hand: Mapping[str, HandEntry]
) -> list[tuple[str, str, str]]:
    """(change, old code, new code) for one year; new code is "" for an abolished one.

    Raises SystemExit naming every code gone from the list that nothing explains.
    """
    out: list[tuple[str, str, str]] = []
    for code in sorted(set(old) & set(new)):
        if old[code] != new[code]:
            out.append(("renamed", code, code))
    gone = sorted(set(old) - set(new))
    added = sorted(set(new) - set(old))
    succ: dict[str, list[str]] = {}
    for code in gone:
        entry = hand.get(code)
        if entry is not None and (entry.successors or entry.change == "abolished"):
            for s in entry.successors:
                if s not in new:
                    raise SystemExit(f"changes.tsv: successor {s} of {code} is not in the {year} list")
            succ[code] = list(entry.successors)

    def pair(code: str, candidates: list[str]) -> bool:
        if len(candidates) != 1:
            return False
        succ[code] = candidates
        return True

    # prefectures first, so that their counties can be placed under the new prefecture code
    order = sorted((c for c in gone if c not in succ), key=lambda c: (level_of(c) == "county", c))
    pref_map: dict[str, str] = {}
    for rule in ("name", "stem", "prefix", "name at another level"):
        for code in order:
            if code in succ:
                continue
            name, group = old[code], _group(code, pref_map)
            same_prov = [a for a in added if a[:2] == code[:2]]
            if rule.startswith("name"):
                used = {s for ss in succ.values() for s in ss}
                cands = [a for a in same_prov if new[a] == name
                         and (level_of(a) == level_of(code)) == (rule == "name")
                         and (rule == "name" or a not in used)]
                near = [a for a in cands if _group(a, {}) == group]
                done = pair(code, near) or pair(code, cands)
            elif rule == "stem":
                stem = _stem(name, code)
                cands = [a for a in same_prov if _stem(new[a], a) == stem
                         and level_of(a) == level_of(code)]
                done = pair(code, [a for a in cands if _group(a, {}) == group]) or pair(code, cands)
            else:  # 郫县 → 郫都区, 沙县 → 沙县区: the old name or stem begins the new one
                stem = _stem(name, code)
                cands = [a for a in same_prov if _group(a, {}) == group and level_of(a) == level_of(code)
                         and (new[a].startswith(name) or _stem(new[a], a).startswith(stem))]
                done = pair(code, cands)
            if done and level_of(code) == "prefecture":
                pref_map[code] = succ[code][0]
    # what is left: the only new code of its prefecture takes every gone one of that prefecture
    left_by_group: dict[str, list[str]] = defaultdict(list)
    for code in gone:
        if code not in succ and level_of(code) == "county":
            left_by_group[_group(code, pref_map)].append(code)
    for group, codes in left_by_group.items():
        cands = [a for a in added if level_of(a) == "county" and _group(a, {}) == group]
        used = {s for ss in succ.values() for s in ss}
        if len([a for a in cands if a not in used]) == 1:
            cands = [a for a in cands if a not in used]
        if len(cands) == 1:
            for code in codes:
                succ[code] = cands
    unplaced = [code for code in gone if code not in succ]
    if unplaced:
        listed = ", ".join(f"{c} {old[c]}" for c in unplaced)
        raise SystemExit(
            f"{year}: nothing says what became of {listed}: add rows to scripts/sources/changes.tsv"
        )
    into: dict[str, int] = defaultdict(int)
    for ss in succ.values():
        for s in ss:
            into[s] += 1
    for code in gone:
        ss = succ[code]
        entry = hand.get(code)
        if not ss:
            out.append(("abolished", code, ""))
            continue
        for s in ss:
            if entry is not None and entry.change:
                kind = entry.change
            elif len(ss) > 1:
                kind = "split"
            elif s in old or into[s] > 1:
                kind = "merged"
            else:
                kind = kind_of(code, old[code], s, new[s])
            out.append((kind, code, s))
    return out


def build(
    lists: Mapping[int, Mapping[str, str]], hand: Iterable[HandEntry], ethnic: tuple[str, ...]
) -> tuple[list[dict[str, str]], list[Change]]:
    """The division rows and the change rows the lists and hand entries give."""
    years = sorted(lists)
    by_year_code: dict[tuple[int, str], HandEntry] = {}
    for entry in hand:
        if int(entry.year) not in lists or int(entry.year) == years[0]:
            raise SystemExit(f"changes.tsv: {entry.year} is not a year the lists can show a change in")
        prev = lists[int(entry.year) - 1]
        if prev.get(entry.code) != entry.name:
            raise SystemExit(f"changes.tsv: the {int(entry.year) - 1} list has {entry.code} "
                             f"{prev.get(entry.code)}, not {entry.name}")
        by_year_code[(int(entry.year), entry.code)] = entry
    latest: dict[str, str] = {}
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    for year in years:
        for code, name in lists[year].items():
            latest[code] = name
            first.setdefault(code, year)
            last[code] = year
    for code in latest:
        present = [y for y in years if code in lists[y]]
        if present != list(range(first[code], last[code] + 1)):
            raise SystemExit(f"{code} leaves the lists and comes back: one row cannot hold it")
    changes: list[Change] = []
    since: dict[str, str] = {}
    until: dict[str, str] = {}
    for year in years[1:]:
        hand_year = {code: e for (y, code), e in by_year_code.items() if y == year}
        old, new = lists[year - 1], lists[year]
        for kind, code, succ in diff_lists(year, old, new, hand_year):
            entry = hand_year.get(code)
            date = entry.date if entry else ""
            source = entry.source if entry else "lists"
            name = old[code]
            changes.append(Change(
                str(year), date, kind, code, name, succ, new.get(succ, ""),
                place_pinyin(split_suffix(name, level_of(code))[0] or name), source,
            ))
            if kind == "renamed":
                continue
            until[code] = min(until.get(code, "9999"), date or f"{year + 1}-01-01")
            if succ and succ not in old:
                since[succ] = min(since.get(succ, "9999"), date or f"{year}-01-01")
    for code in latest:  # new codes with no predecessor (a county set up from parts of others)
        if first[code] > years[0] and code not in since:
            since[code] = f"{first[code]}-01-01"
    rows = []
    for code in sorted(latest):
        name = latest[code]
        row = {"code": code, "name": name, **describe(code, name, ethnic)}
        row["parent_code"] = parent_of(code, latest) or ""
        row["province_code"] = code[:2] + "0000"
        row["former"] = "1" if last[code] < years[-1] else "0"
        row["since"] = since.get(code, "")
        row["until"] = until.get(code, "") if row["former"] == "1" else ""
        rows.append(row)
    return rows, changes


def render(rows: Iterable[Mapping[str, str]], columns: tuple[str, ...]) -> str:
    buf = io.StringIO()
    buf.write("\t".join(columns) + "\n")
    for row in rows:
        buf.write("\t".join(row[c] for c in columns) + "\n")
    return buf.getvalue()


def build_texts() -> tuple[str, str]:
    """The text of ``divisions.tsv`` and ``division_changes.tsv`` as the sources give them."""
    rows, changes = build(read_lists(), read_hand(), ethnic_names())
    change_rows = [{c: getattr(ch, c) for c in CHANGE_COLUMNS} for ch in changes]
    return render(rows, COLUMNS), render(change_rows, CHANGE_COLUMNS)


def divisions_tsv() -> str:
    return build_texts()[0]


def newest_year(folder: Path = LISTS) -> int:
    """The year of the newest list in ``scripts/sources/mca/``."""
    return max(read_lists(folder))


def main(argv: list[str] | None = None) -> int:
    from _generate import write_or_check

    divisions, changes = build_texts()
    status = write_or_check(data_path("divisions.tsv"), divisions,
                            f"{divisions.count(chr(10)) - 1} divisions", argv)
    return write_or_check(data_path("division_changes.tsv"), changes,
                          f"{changes.count(chr(10)) - 1} changes", argv) or status


if __name__ == "__main__":
    raise SystemExit(main())
