"""``notices render``, ``notices letters``, ``notices templates``: exit codes and messages."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from notices.cli import cli

DATA = Path(__file__).parent / "data" / "letters"
RECORDS = DATA / "jincheng-zh.jsonl"


def run(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_letters_writes_one_file_per_subject_city(tmp_path):
    result = run("letters", RECORDS, "--template", "interview-notice", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "001-晋城-interview-notice.docx", "002-邯郸-interview-notice.docx", "003-阳泉-interview-notice.docx",
    ]
    assert "晋城市" in result.output and "ok" in result.output


def test_letters_combine_writes_one_file_of_three_sections(tmp_path):
    result = run("letters", RECORDS, "-o", tmp_path, "--combine", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["section"] for r in rows] == [1, 2, 3]
    assert len(docx.Document(rows[0]["path"]).sections) == 3


def test_letters_sets_date_and_numbers(tmp_path):
    result = run("letters", RECORDS, "-o", tmp_path, "--date", "2018-06-01", "--first-number", "7",
                 "--prefix", "环函")
    assert result.exit_code == 0, result.output
    texts = [p.text for p in docx.Document(tmp_path / "002-邯郸-interview-notice.docx").paragraphs]
    assert "环函〔2018〕8号" in texts and "\t2018年6月1日" in texts


def _bad_json_line(tmp_path: Path) -> Path:
    path = tmp_path / "bad.jsonl"
    path.write_text(RECORDS.read_text(encoding="utf-8") + "{not json\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("make_args", "message"), [
    (lambda tmp: ["letters", tmp / "missing.jsonl", "-o", tmp / "o"], "missing.jsonl: no such file"),
    (lambda tmp: ["letters", _bad_json_line(tmp), "-o", tmp / "o"], "bad.jsonl: line 2: bad JSON"),
    (lambda tmp: ["letters", RECORDS, "-t", "no-such", "-o", tmp / "o"], "no-such: unknown template"),
    (lambda tmp: ["render", "interview-notice", "--data", tmp / "none.json", "-o", tmp / "o"],
     "none.json: no such file"),
    (lambda tmp: ["templates", "check", "missing.docx", "--data", RECORDS], "missing.docx: no such template file"),
], ids=["missing records", "bad JSON line", "unknown template", "missing data", "missing template"])
def test_bad_input_is_an_error_line_and_exit_1_without_traceback(tmp_path, make_args, message):
    result = run(*make_args(tmp_path))
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and message in result.output
    assert "Traceback" not in result.output


def test_a_bad_date_is_a_usage_error(tmp_path):
    result = run("letters", RECORDS, "--date", "tomorrow", "-o", tmp_path / "o")
    assert result.exit_code == 2 and "not a date" in result.output


def test_a_failed_letter_is_reported_and_the_rest_written(tmp_path):
    data = tmp_path / "rows.json"
    rows = [{"city": "晋城市", "deadline": "5月31日"}, {"city": "邯郸市"}, {"city": "阳泉市", "deadline": "6月1日"}]
    data.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    template = tmp_path / "t.docx"
    document = docx.Document()
    document.add_paragraph("{{ city }}：{{ deadline }}")
    document.save(template)
    result = run("render", template, "--data", data, "-o", tmp_path / "out", "--name", "city")
    assert result.exit_code == 1
    assert "'deadline' is undefined" in result.output and "1 of 3 letters failed" in result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["晋城市.docx", "阳泉市.docx"]


@pytest.mark.parametrize(("name", "content"), [
    ("rows.csv", "city,deadline\n晋城市,5月31日\n邯郸市,6月1日\n"),
    ("rows.yaml", "- {city: 晋城市, deadline: 5月31日}\n- {city: 邯郸市, deadline: 6月1日}\n"),
])
def test_render_takes_csv_and_yaml(tmp_path, name, content):
    data = tmp_path / name
    data.write_text(content, encoding="utf-8")
    template = tmp_path / "t.docx"
    document = docx.Document()
    document.add_paragraph("{{ city }}：{{ deadline }}")
    document.save(template)
    result = run("render", template, "--data", data, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    first = docx.Document(tmp_path / "out" / "t-0001.docx").paragraphs[0].text
    assert first == "晋城市：5月31日"


def test_templates_lists_every_shipped_template_with_its_variables():
    result = run("templates")
    assert result.exit_code == 0
    for name in ("interview-notice", "interview-notice-en", "rectification-order", "rectification-order-en"):
        assert name in result.output
    assert "doc_number" in result.output


def test_templates_json_lists_required_variables():
    result = run("templates", "--format", "json")
    rows = {json.loads(line)["name"]: json.loads(line) for line in result.output.splitlines()}
    assert "addressee" in rows["interview-notice"]["required"]


def test_templates_check_reports_missing_and_unused(tmp_path):
    data = tmp_path / "d.json"
    data.write_text(json.dumps({"addressee": "晋城市人民政府", "colour": "red"}, ensure_ascii=False))
    result = run("templates", "check", "interview-notice", "--data", data)
    assert result.exit_code == 1
    assert "missing: authority, date, doc_number" in result.output and "unused:  colour" in result.output


def test_templates_check_passes_complete_data(tmp_path):
    from notices.letters import letter_contexts
    from notices.letters.rows import read_records

    data = tmp_path / "d.json"
    data.write_text(json.dumps(letter_contexts(read_records(RECORDS)[0]), ensure_ascii=False))
    result = run("templates", "check", "interview-notice", "--data", data)
    assert result.exit_code == 0 and "missing: none" in result.output


def test_pdf_without_libreoffice_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    result = run("letters", RECORDS, "-o", tmp_path / "o", "--pdf")
    assert result.exit_code == 1
    assert "apt-get install libreoffice-writer fonts-noto-cjk" in result.output
    assert not (tmp_path / "o").exists() or not list((tmp_path / "o").iterdir())


@pytest.mark.parametrize("command", ["render", "letters", "templates"])
def test_every_command_has_help(command):
    result = run(command, "--help")
    assert result.exit_code == 0 and len(result.output) > 100


def test_records_without_subject_cities_are_skipped_not_failed(tmp_path):
    records = tmp_path / "r.jsonl"
    empty = {"schema": "notices.record/1", "source": "inspection.txt", "cities": []}
    records.write_text(RECORDS.read_text(encoding="utf-8") + json.dumps(empty) + "\n", encoding="utf-8")
    result = run("letters", records, "-o", tmp_path / "o")
    assert result.exit_code == 0, result.output
    assert "skipped: record inspection.txt: no subject city" in result.output
    assert len(list((tmp_path / "o").iterdir())) == 3


def test_records_can_come_from_standard_input(tmp_path):
    result = CliRunner().invoke(cli, ["letters", "-", "-o", str(tmp_path)],
                                input=RECORDS.read_text(encoding="utf-8"), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert len(list(tmp_path.iterdir())) == 3
