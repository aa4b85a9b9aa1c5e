"""`notices extract` and `notices eval` as a user runs them."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from notices.cli import COMMANDS, cli


@pytest.fixture()
def run():
    def invoke(*args: str, input: bytes | None = None):
        return CliRunner().invoke(cli, list(args), input=input)

    return invoke


def test_extract_json_lines_one_per_file(run, tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("2018年5月3日，生态环境部约谈晋城市政府主要负责人。", encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_bytes("生态环境部约谈邯郸市政府主要负责人。".encode("gb18030"))
    result = run("extract", "--format", "json", str(a), str(b))
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.output.splitlines()]
    assert [r["cities"][0]["code"] for r in lines] == ["140500", "130400"]
    assert lines[0]["source"] == str(a) and len(lines[0]["sha256"]) == 64


def test_bad_file_is_named_and_others_still_processed(run, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("生态环境部约谈晋城市。", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "data.txt"
    binary.write_bytes(bytes(range(256)))
    result = run("extract", "--format", "json", str(empty), str(binary), str(good), str(tmp_path / "missing.txt"))
    assert result.exit_code == 1
    assert f"Error: {empty}: the file is empty" in result.output
    assert f"Error: {binary}: binary data" in result.output
    assert "no such file" in result.output
    assert "Traceback" not in result.output
    assert '"140500"' in result.output


def test_stdin_and_date_option(run):
    result = run("extract", "--format", "json", "--date", "2018-06-01", "-",
                 input="5月3日，生态环境部约谈晋城市。".encode())
    assert result.exit_code == 0
    assert json.loads(result.output)["date"] == "2018-05-03"


def test_bad_date_option_is_a_usage_error(run, tmp_path):
    result = run("extract", "--date", "May 3", "x.txt")
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def test_table_output_is_readable(run, tmp_path):
    f = tmp_path / "n.txt"
    f.write_text("生态环境部约谈晋城市，市长刘峰表示接受约谈。", encoding="utf-8")
    result = run("extract", str(f))
    assert result.exit_code == 0
    assert "晋城市 140500 *" in result.output and "刘峰 (晋城市 市长)" in result.output


def test_eval_scores_a_gold_folder(run, tmp_path):
    (tmp_path / "n1.txt").write_text("2018年5月3日，生态环境部约谈晋城市政府负责人。", encoding="utf-8")
    (tmp_path / "n1.gold.json").write_text(json.dumps({
        "lang": "zh", "date": "2018-05-03", "kind": "interview", "authority": "生态环境部",
        "cities": [{"name": "晋城市", "code": "140500", "role": "subject"},
                   {"name": "邯郸市", "code": "130400", "role": "mentioned"}],
        "officials": [], "figures": [], "deadlines": [], "companies": [], "sanctions": []}), encoding="utf-8")
    result = run("eval", "--format", "json", str(tmp_path))
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["fields"]["places"] == {"tp": 1, "fp": 0, "fn": 1, "gold": 2, "pred": 1,
                                          "precision": 1.0, "recall": 0.5, "f1": 0.6667}
    assert report["accuracy"]["date"]["accuracy"] == 1.0


def test_eval_without_gold_is_an_error(run, tmp_path):
    result = run("eval", str(tmp_path))
    assert result.exit_code == 1 and "no gold annotations" in result.output


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help(run, name):
    result = run(name, "--help")
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output and len(result.output.splitlines()) > 3
