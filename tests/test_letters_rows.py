"""Rows a clerk can write: the variables shown with types and examples, an example file that
renders, flat CSV columns, and errors that name the row and column."""
from __future__ import annotations

import csv
import io
import json

import docx
import pytest
import yaml
from click.testing import CliRunner

from notices.cli import cli
from notices.letters import render
from notices.letters.variables import RowError, prepare_row

SHIPPED = ["interview-notice", "interview-notice-en", "rectification-order", "rectification-order-en"]


def run(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


def _texts(path) -> str:
    return "\n".join(p.text for p in docx.Document(path).paragraphs)


def test_templates_show_lists_each_variable_with_type_and_example():
    result = run("templates", "show", "interview-notice", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = {r["name"]: r for r in map(json.loads, result.output.splitlines())}
    assert rows["date"]["type"] == "date" and rows["date"]["example"] == "2018-05-03"
    assert rows["comparisons"]["type"] == "table"
    assert rows["comparisons.N.subject"]["example"] == "PM2.5平均浓度"
    assert rows["deadline.due"]["type"] == "date"
    assert rows["you"]["derived"] is True


@pytest.mark.parametrize("template", SHIPPED)
@pytest.mark.parametrize("fmt", ["csv", "yaml"])
def test_the_example_file_renders(tmp_path, template, fmt):
    data = tmp_path / f"rows.{fmt}"
    result = run("templates", "show", template, "--example", fmt, "-o", data)
    assert result.exit_code == 0, result.output
    rendered = run("render", template, "--data", data, "-o", tmp_path / "out", "--strict")
    assert rendered.exit_code == 0, rendered.output
    (letter,) = (tmp_path / "out").glob("*.docx")
    text = _texts(letter)
    assert "2018" in text and "{{" not in text


def test_the_csv_example_is_flat_with_numbered_columns(tmp_path):
    text = run("templates", "show", "interview-notice", "--example", "csv").output
    header = next(csv.reader(io.StringIO(text)))
    assert "comparisons.1.subject" in header and "deadline.due" in header and "sanctions" in header


def test_csv_rows_with_numbered_and_separated_lists(tmp_path):
    data = tmp_path / "rows.csv"
    data.write_text(
        "authority,city,cc,date,doc_number,comparisons.1.subject,comparisons.1.change,"
        "comparisons.1.actual_text,comparisons.1.target_text,comparisons.2.subject,"
        "comparisons.2.actual_text,deadline.amount,deadline.unit,deadline.due,sanctions\n"
        "生态环境部,兴隆县,承德市人民政府,2020-08-25,环函〔2020〕3号,PM2.5平均浓度,上升,4.1%,20%,"
        "PM10平均浓度,98微克/立方米,15,working_day,2020-09-15,暂停新增项目环评审批;约谈相关负责人\n",
        encoding="utf-8")
    result = run("render", "interview-notice", "--data", data, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    text = _texts(next((tmp_path / "out").glob("*.docx")))
    assert ("经评估考核，你县PM2.5平均浓度同比上升4.1%，未完成下降20%的目标任务；"
            "PM10平均浓度为98微克/立方米。") in text
    assert "请你县在15个工作日内（2020年9月15日前）制定整改方案报送我部，并抄送承德市人民政府。" in text
    assert "我部将暂停新增项目环评审批；约谈相关负责人。" in text


@pytest.mark.parametrize(("column", "value", "message"), [
    ("date", "5月3日", "row 2, column date: not a date: '5月3日'"),
    ("comparisons", "PM2.5", "row 2, column comparisons: expected a table: in CSV, columns comparisons.1.subject"),
    ("deadline.amount", "二十", "row 2, column deadline.amount: not a number: '二十'"),
    ("comparisons.0.subject", "PM2.5", "row 2, column comparisons.0.subject: numbered columns start at 1"),
])
def test_a_bad_cell_names_its_row_and_column_and_the_rest_are_written(tmp_path, column, value, message):
    example = run("templates", "show", "interview-notice", "--example", "csv").output
    (good,) = csv.DictReader(io.StringIO(example))
    bad = dict(good, **{column: value})
    if column.startswith("comparisons"):
        bad = {k: v for k, v in bad.items() if not k.startswith("comparisons.") or k == column}
    columns = list(dict.fromkeys([*good, *bad]))
    data = tmp_path / "rows.csv"
    with data.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns)
        writer.writeheader()
        writer.writerows([good, bad])
    result = run("render", "interview-notice", "--data", data, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert f"{data}: {message}" in result.output
    assert "Traceback" not in result.output and "'str object'" not in result.output
    assert len(list((tmp_path / "out").glob("*.docx"))) == 1


def test_a_yaml_row_of_the_wrong_shape_is_named_too():
    with pytest.raises(RowError, match=r"row 3, column counts.1: expected counts.1.… columns"):
        prepare_row(yaml.safe_load("counts: [12个问题]"), index=3)


def test_a_user_template_gets_its_values_as_written(tmp_path):
    template = tmp_path / "t.docx"
    document = docx.Document()
    document.add_paragraph("{{ deadline }}|{{ sanctions }}")
    document.save(template)
    result = render(template, [{"deadline": "5月31日", "sanctions": "a;b"}], tmp_path / "o.docx")[0]
    assert result.ok and _texts(result.path) == "5月31日|a;b"


def test_the_example_file_passes_the_template_check(tmp_path):
    data = tmp_path / "rows.yaml"
    run("templates", "show", "interview-notice", "--example", "yaml", "-o", data)
    result = run("templates", "check", "interview-notice", "--data", data)
    assert result.exit_code == 0 and "missing: none" in result.output and "unused:  none" in result.output
