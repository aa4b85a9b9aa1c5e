"""The outputs of a batch: the SQLite store (identity by hash, versions, entity tables), the
JSON Lines, CSV and Parquet writers, and what researchers do with them (query, stats, plot,
open_store)."""
from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from notices.batch import batch, open_store, open_writer
from notices.cli import cli
from notices.record import City, Deadline, Official, Record

DATA = Path(__file__).parent / "data" / "batch"
GOOD = ["notice-utf8.txt", "notice-gb18030.txt", "notice-big5.txt", "notice-en.txt", "page-trs.html",
        "page-meta.html", "page-en.html", "notice.docx", "notice.pdf"]
MIXED = GOOD + ["corrupt.docx", "scanned.pdf"]


def dump(path: Path) -> dict[str, list[tuple]]:
    """Every table of a store, rows in order: what "the same store" means."""
    with open_store(path) as store:
        return {name: sorted(map(tuple, store[name].astype(str).to_numpy().tolist())) for name in store}


def records(path: Path) -> list[str]:
    with open_store(path) as store:
        return sorted(json.dumps(r, ensure_ascii=False, sort_keys=True) for r in store.records())


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    work = tmp_path / "in"
    work.mkdir()
    for name in MIXED:
        shutil.copy(DATA / name, work / name)
    (work / "gone.txt").symlink_to("nowhere.txt")  # an error with no bytes, so no hash
    return work


@pytest.mark.parametrize("output", ["out.db", "out.sqlite", "out.jsonl", "out.csv", "out.parquet"])
def test_every_writer_holds_the_same_records_and_resumes(tmp_path, folder, output):
    reference = batch([folder], tmp_path / "reference.db")
    first = batch([folder], tmp_path / output)
    assert (first.files, first.records, len(first.errors)) == (len(MIXED) + 1, len(GOOD), 3)
    assert records(tmp_path / output) == records(tmp_path / "reference.db")
    assert reference.to_dict()["errors"] == first.to_dict()["errors"]
    again = batch([folder], tmp_path / output)
    assert (again.new, again.unchanged, again.records) == (0, len(GOOD), len(GOOD))
    # the earlier failures are counted, not failed again: the rerun is ok
    assert (again.errors, again.earlier_errors, again.ok) == ([], len(first.errors), True)
    assert records(tmp_path / output) == records(tmp_path / "reference.db")


def test_same_archive_twice_adds_nothing(tmp_path):
    with zipfile.ZipFile(tmp_path / "a.zip", "w") as zf:
        for name in GOOD:
            zf.write(DATA / name, f"site/{name}")
    batch([tmp_path / "a.zip"], tmp_path / "out.db")
    once = dump(tmp_path / "out.db")
    summary = batch([tmp_path / "a.zip"], tmp_path / "out.db")
    assert (summary.new, summary.unchanged) == (0, len(GOOD))
    assert dump(tmp_path / "out.db") == once


@pytest.mark.parametrize(
    ("change", "status", "notices", "files", "versions"),
    [
        # the file changed: a new notice, version 2 of its source; the old one stays
        ("edit", "versions", 2, 2, [1, 2]),
        # the same bytes under another name: one notice found twice
        ("copy", "copies", 1, 2, [1]),
        # nothing changed: nothing added
        ("none", "unchanged", 1, 1, [1]),
    ],
)
def test_a_notice_is_identified_by_its_bytes(tmp_path, change, status, notices, files, versions):
    work = tmp_path / "in"
    work.mkdir()
    shutil.copy(DATA / "notice-utf8.txt", work / "a.txt")
    batch([work], tmp_path / "out.db")
    if change == "edit":
        (work / "a.txt").write_bytes((DATA / "notice-utf8.txt").read_bytes() + "（补充：已完成整改。）\n".encode())
    elif change == "copy":
        shutil.copy(work / "a.txt", work / "b.txt")
    summary = batch([work], tmp_path / "out.db")
    assert getattr(summary, status) == 1
    with open_store(tmp_path / "out.db") as store:
        assert store.count("notices") == notices
        assert store.count("files") == files
        assert sorted(store.notices["version"]) == versions
        current = store.query("SELECT source, version FROM current_notices")
        assert len(current) == 1 and current["version"][0] == max(versions)


def test_entity_tables_are_keyed_to_their_notice(tmp_path):
    batch([DATA / "notice-utf8.txt"], tmp_path / "out.db")
    with open_store(tmp_path / "out.db") as store:
        record = Record.from_dict(json.loads(store.notices["record"][0]))
        nid = int(store.notices["id"][0])
        cities = store.query("SELECT name, code, province_code, role, mentions FROM cities WHERE notice_id=?", (nid,))
        assert cities.to_dict("records") == [
            {"name": c.name, "code": c.code, "province_code": c.code[:2] + "0000", "role": c.role,
             "mentions": len(c.spans)} for c in record.cities]
        for table, items in (("figures", record.figures), ("deadlines", record.deadlines),
                             ("officials", record.officials), ("companies", record.companies),
                             ("sanctions", record.sanctions)):
            assert store.count(table) == len(items), table
        assert record.date == "2019-04-12"
        assert store.notices["year"][0] == 2019 and store.notices["date"][0] == "2019-04-12"


# --- a store of hand-made records, to check what stats and plot say about it

def _interview(source: str, date: str, *cities: tuple[str, str, str], deadline: int | None = None) -> Record:
    return Record(
        source=source, sha256=f"{abs(hash(source)):064d}"[:64], lang="zh", date=date, kind="interview",
        cities=[City(name=n, code=code, province=prov, role="subject", spans=[(0, 2)]) for n, code, prov in cities],
        officials=[Official(name="王明", title="市长", org=cities[0][0], span=(5, 7))],
        deadlines=[Deadline(text=f"{deadline}个工作日内", amount=deadline, unit="working_day", span=(9, 12))]
        if deadline else [],
    )


HANDAN = ("邯郸市", "130400", "河北省")
XINGTAI = ("邢台市", "130500", "河北省")
LINFEN = ("临汾市", "141000", "山西省")


@pytest.fixture
def made_store(tmp_path: Path) -> Path:
    path = tmp_path / "made.db"
    writer = open_writer(path)
    for record in [
        _interview("a.txt", "2017-03-01", HANDAN, deadline=15),
        _interview("b.txt", "2018-05-03", HANDAN, XINGTAI, deadline=20),
        _interview("c.txt", "2018-06-01", LINFEN, deadline=30),
        Record(source="d.txt", sha256="d" * 64, lang="zh", date="2018-07-01", kind="inspection",
               cities=[City(name="邯郸市", code="130400", province="河北省", role="subject")]),
        Record.failed("e.pdf", "empty", "the PDF has no text layer"),
    ]:
        writer.write(record.to_dict())
    writer.close()
    return path


def test_stats_answer_the_researchers_questions(made_store):
    with open_store(made_store) as store:
        data = store.stats()
    assert (data["events"], data["notices"], data["errors"]) == (4, 4, 1)
    assert data["by_year_kind"] == [
        {"year": 2017, "kind": "interview", "events": 1},
        {"year": 2018, "kind": "inspection", "events": 1},
        {"year": 2018, "kind": "interview", "events": 2},
    ]
    assert data["interviewed_cities"] == [
        {"city": "邯郸市", "code": "130400", "province": "河北省", "interviews": 2},
        {"city": "邢台市", "code": "130500", "province": "河北省", "interviews": 1},
        {"city": "临汾市", "code": "141000", "province": "山西省", "interviews": 1},
    ]
    assert data["interviewed_provinces"] == [
        {"province": "河北省", "code": "130000", "interviews": 2},
        {"province": "山西省", "code": "140000", "interviews": 1},
    ]
    assert data["deadlines"] == [
        {"unit": "working_day", "deadlines": 3, "median_amount": 20, "min_amount": 15, "max_amount": 30}]
    assert data["errors_by_type"] == [{"type": "empty", "errors": 1}]


def test_stats_plot_draws_interviews_per_province_per_year(made_store, tmp_path):
    import matplotlib.image

    result = CliRunner().invoke(cli, ["stats", str(made_store), "--plot", str(tmp_path / "p.png"), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["plot"] == str(tmp_path / "p.png")
    with open_store(made_store) as store:
        table = store.plot(tmp_path / "q.png")
    assert table.to_dict() == {2017: {"河北省": 1, "山西省": 0}, 2018: {"河北省": 1, "山西省": 1}}
    image = matplotlib.image.imread(tmp_path / "p.png")
    assert image.shape[0] >= 300 and image.shape[1] >= 600
    assert (tmp_path / "p.png").read_bytes() == (tmp_path / "q.png").read_bytes()


def test_stats_table_output(made_store):
    result = CliRunner().invoke(cli, ["stats", str(made_store)])
    assert result.exit_code == 0, result.output
    for line in ("events   4  (notices 4, versions 4, files 4, errors 1)", "most interviewed cities", "邯郸市  130400  河北省    2",
                 "working_day"):
        assert line in result.output


def test_open_store_gives_dataframes(made_store):
    import pandas as pd

    store = open_store(made_store)
    assert set(store) >= {"notices", "cities", "officials", "figures", "deadlines", "companies", "sanctions",
                          "errors", "sources"}
    assert all(isinstance(frame, pd.DataFrame) for frame in dict(store).values())
    assert list(store.cities.groupby("name")["notice_id"].count().sort_index().items()) == [
        ("临汾市", 1), ("邢台市", 1), ("邯郸市", 3)]
    assert store.officials["name"].tolist() == ["王明"] * 3
    store.close()


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("table", "kind        n\n----------  -\ninspection  1\ninterview   3\n"),
        ("csv", "kind,n\ninspection,1\ninterview,3\n"),
        ("json", '{"kind": "inspection", "n": 1}\n{"kind": "interview", "n": 3}\n'),
    ],
)
def test_query_formats(made_store, fmt, expected):
    result = CliRunner().invoke(cli, ["query", str(made_store), "SELECT kind, count(*) AS n FROM notices GROUP BY kind",
                                      "--format", fmt])
    assert result.exit_code == 0, result.output
    assert result.output == expected


@pytest.mark.parametrize(
    ("sql", "message"),
    [("SELECT nonsense FROM notices", "SQL error: no such column: nonsense"),
     ("DELETE FROM notices", "SQL error: attempt to write a readonly database")],
)
def test_query_errors_are_messages_not_tracebacks(made_store, sql, message):
    result = CliRunner().invoke(cli, ["query", str(made_store), sql])
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output
    with open_store(made_store) as store:
        assert store.count("notices") == 4


@pytest.mark.parametrize("output", ["out.jsonl", "out.csv", "out.parquet"])
def test_query_and_stats_work_on_flat_outputs(tmp_path, output):
    batch([DATA / "notice-utf8.txt", DATA / "scanned.pdf"], tmp_path / output)
    result = CliRunner().invoke(cli, ["query", str(tmp_path / output), "SELECT count(*) AS n FROM notices",
                                      "--format", "csv"])
    assert result.output == "n\n1\n"
    result = CliRunner().invoke(cli, ["stats", str(tmp_path / output), "--format", "json"])
    assert json.loads(result.output)["errors"] == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [("missing.db", None, "no such store"),
     ("junk.db", b"this is not a database" * 100, "not a notices store"),
     ("junk.jsonl", b"not json\n", "line 1 is not a notice record")],
)
def test_opening_what_is_not_a_store(tmp_path, name, content, message):
    if content is not None:
        (tmp_path / name).write_bytes(content)
    result = CliRunner().invoke(cli, ["stats", str(tmp_path / name)])
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output
