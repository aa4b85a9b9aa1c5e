"""The review list: what the clerk must check in each letter, from Python, on stderr and in JSON."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from notices.cli import cli
from notices.letters import render_letters
from notices.letters.review import LetterReview, review_letters

DATA = Path(__file__).parent / "data" / "letters"
RECORDS = DATA / "jincheng-zh.jsonl"


def _record(**changes) -> dict:
    record = json.loads(RECORDS.read_text(encoding="utf-8").splitlines()[0])
    record.update(changes)
    return record


def run(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_a_clean_record_gives_one_review_per_letter_and_nothing_to_check():
    reviews = review_letters([_record()], "interview-notice")
    assert reviews == [LetterReview(1, "晋城市", "140500", []), LetterReview(2, "邯郸市", "130400", []),
                       LetterReview(3, "阳泉市", "140300", [])]


def test_an_interview_letter_from_a_sanction_record_is_flagged():
    reviews = review_letters([_record(kind="sanction")], "interview-notice")
    assert all(any("处罚" in w and "约谈通知书" in w for w in r.warnings) for r in reviews)
    assert review_letters([_record(kind="inspection")], "rectification-order")[0].warnings == []


def test_an_undated_record_is_flagged_unless_a_date_is_given():
    assert any("没有日期" in w for w in review_letters([_record(date=None)], "interview-notice")[0].warnings)
    assert review_letters([_record(date=None)], "interview-notice", date="2018-05-03")[0].warnings == []


def test_english_letters_are_reviewed_in_english():
    warnings = review_letters([_record(kind="sanction", date=None)], "interview-notice-en")[0].warnings
    assert any("sanction notice" in w for w in warnings) and any("no date" in w for w in warnings)


def test_reviews_are_numbered_as_the_letters_are():
    no_subject = _record(cities=[])
    numbers = [r.number for r in review_letters([no_subject, _record()], "interview-notice")]
    assert numbers == [2, 3, 4]


def test_letters_prints_each_warning_with_file_letter_and_city(tmp_path):
    records = tmp_path / "r.jsonl"
    records.write_text(json.dumps(_record(kind="sanction"), ensure_ascii=False) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["letters", str(records), "-o", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("Warning:")]
    assert len(lines) == 3
    assert lines[0].startswith(f"Warning: {records}: letter 1 (晋城市): 记录类型为“处罚”")


def test_json_output_carries_the_warnings_of_every_letter(tmp_path):
    records = tmp_path / "r.jsonl"
    records.write_text(json.dumps(_record(date=None), ensure_ascii=False) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["letters", str(records), "-o", str(tmp_path / "o"), "--format", "json"])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["city_code"] for r in rows] == ["140500", "130400", "140300"]
    assert all(any("没有日期" in w for w in r["warnings"]) for r in rows)


def test_strict_makes_a_warning_an_error_and_writes_nothing(tmp_path):
    records = tmp_path / "r.jsonl"
    records.write_text(json.dumps(_record(date=None), ensure_ascii=False) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["letters", str(records), "-o", str(tmp_path / "o"), "--strict"])
    assert result.exit_code == 1
    assert "--strict" in result.stderr and "Warning:" in result.stderr
    assert not (tmp_path / "o").exists()
    clean = CliRunner().invoke(cli, ["letters", str(RECORDS), "-o", str(tmp_path / "c"), "--strict"])
    assert clean.exit_code == 0, clean.output


def test_a_lone_surrogate_in_a_record_is_replaced_with_a_warning(tmp_path):
    records = tmp_path / "r.jsonl"
    line = json.dumps(_record(), ensure_ascii=True).replace("\\u664b\\u57ce\\u5e02", "\\u664b\\ud800\\u5e02", 1)
    records.write_text(line + "\n" + RECORDS.read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["letters", str(records), "-o", str(tmp_path / "o"), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 6  # no line lost
    assert rows[0]["city"] == "晋\ufffd市"
    assert any("孤立代理项" in w for w in rows[0]["warnings"])
    table = CliRunner().invoke(cli, ["letters", str(records), "-o", str(tmp_path / "t")])
    assert table.exit_code == 0 and "Traceback" not in table.output


@pytest.mark.parametrize("template", ["interview-notice", "rectification-order"])
def test_the_review_names_placeholders_left_in_the_letter(template):
    english = _record(lang="en", sanctions=[{"text": "suspend approvals in the three cities"}])
    warnings = review_letters([english], template)[0].warnings
    assert any(w.startswith("待填写：处理措施") for w in warnings)


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=()), max_size=40)  # surrogates too
_NUMBER = st.one_of(st.integers(min_value=-10**30, max_value=10**400), st.floats(allow_nan=True))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=_ANY_TEXT, subject=_ANY_TEXT, unit=_ANY_TEXT, sanction=_ANY_TEXT, value=_NUMBER,
       lang=st.sampled_from(["zh", "en", None]))
def test_any_record_values_give_letters_and_a_review_never_a_crash(tmp_path_factory, name, subject, unit,
                                                                    sanction, value, lang):
    record = _record(lang=lang, sanctions=[{"text": sanction}],
                     figures=[{"value": value, "unit": unit, "text": subject, "subject": subject,
                               "city_code": "140500", "role": role} for role in ("actual", "count")],
                     officials=[{"name": name, "title": name, "org": name, "city_code": "140500"}],
                     deadlines=[{"text": unit, "amount": value, "unit": "day", "due": None}])
    reviews = review_letters([record], "interview-notice")
    assert [r.number for r in reviews] == [1, 2, 3]
    results = render_letters([record], "interview-notice-en", tmp_path_factory.mktemp("fuzz"))
    assert all(r.ok for r in results), [r.error for r in results]
    for r in results:
        json.dumps(r.to_dict(), ensure_ascii=False).encode("utf-8")  # printable: no lone surrogates


def test_a_missing_config_file_is_an_error_line(tmp_path):
    result = run("letters", RECORDS, "-o", tmp_path / "o", "--config", tmp_path / "none.toml")
    assert result.exit_code == 1 and "none.toml: no such config file" in result.output
    assert not (tmp_path / "o").exists()


def test_a_lone_surrogate_in_a_row_is_replaced_with_a_warning(tmp_path):
    data = tmp_path / "rows.json"
    data.write_text('[{"city": "\\u664b\\ud800\\u5e02", "date": "2018-05-03", "authority": "生态环境部",'
                    ' "doc_number": "〔2018〕1号"}]', encoding="utf-8")
    result = run("render", "interview-notice", "--data", data, "-o", tmp_path / "o", "--format", "json")
    assert result.exit_code == 0, result.output
    (row,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert any("U+D800" in w for w in row["warnings"])


def test_placeholders_a_row_brings_are_named_too(tmp_path):
    data = tmp_path / "rows.json"
    data.write_text(json.dumps([{"city": "晋城市", "date": "2018-05-03", "authority": "生态环境部",
                                 "doc_number": "〔2018〕1号", "sanctions": ["【请填写：处理措施】"]}],
                               ensure_ascii=False), encoding="utf-8")
    result = run("render", "interview-notice", "--data", data, "-o", tmp_path / "o", "--strict")
    assert result.exit_code == 1 and "信函中还有1处" in result.stderr
