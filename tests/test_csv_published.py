"""A CSV output holds the publication date beside the act's, and an older CSV still resumes."""
from notices.batch.writers import COLUMNS, CsvWriter, read_records

RECORD = {"schema": "notices.record/2", "source": "a.txt", "sha256": "ab", "lang": "zh", "title": "t",
          "date": "2020-01-02", "published": "2020-01-03", "kind": "other", "authority": None,
          "cities": [], "officials": [], "figures": [], "deadlines": [], "companies": [], "sanctions": [],
          "warnings": []}


def _write(path, records):
    writer = CsvWriter(path)
    for r in records:
        writer.write(r)
    writer.commit()
    writer.close()


def test_a_csv_keeps_the_publication_date(tmp_path):
    _write(tmp_path / "o.csv", [RECORD])
    (back,) = read_records(tmp_path / "o.csv")
    assert (back["date"], back["published"]) == ("2020-01-02", "2020-01-03")


def test_a_csv_written_before_publication_dates_still_resumes(tmp_path):
    old = [c for c in COLUMNS if c != "published"]
    path = tmp_path / "old.csv"
    path.write_text(",".join(old) + "\n", encoding="utf-8")
    _write(path, [RECORD, dict(RECORD, source="b.txt")])
    _write(path, [RECORD])  # known: not written twice
    rows = list(read_records(path))
    assert [r["source"] for r in rows] == ["a.txt", "b.txt"]
    assert rows[0]["date"] == "2020-01-02" and rows[0]["published"] is None
