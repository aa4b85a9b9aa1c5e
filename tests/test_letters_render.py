"""Rendering letters: from records and from rows, one file or combined, safely."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from notices.errors import DataError, TemplateError
from notices.letters import check_template, load_template, render, render_letters
from notices.letters.rows import read_records, read_rows

DATA = Path(__file__).parent / "data" / "letters"


@pytest.fixture(scope="module")
def records():
    return read_records(DATA / "jincheng-zh.jsonl")


def _texts(path: Path) -> list[str]:
    return [p.text for p in docx.Document(path).paragraphs]


def _user_template(path: Path, paragraphs: list[list[str]], header: list[str] | None = None) -> Path:
    """A .docx as a clerk makes it in Word: each paragraph a list of runs (tags may be split)."""
    document = docx.Document()
    for runs in paragraphs:
        para = document.add_paragraph()
        for text in runs:
            para.add_run(text)
    if header is not None:
        head = document.sections[0].header.paragraphs[0]
        for text in header:
            head.add_run(text)
    document.save(path)
    return path


# ------------------------------------------------------------------ from records

def test_one_letter_per_subject_city(tmp_path, records):
    results = render_letters(records, "interview-notice", tmp_path)
    assert [r.city for r in results] == ["晋城市", "邯郸市", "阳泉市"]
    assert [r.path.name for r in results] == [
        "001-晋城-interview-notice.docx", "002-邯郸-interview-notice.docx",
        "003-阳泉-interview-notice.docx",
    ]
    assert all(r.ok and not r.warnings and r.path.parent == tmp_path.resolve() for r in results)


@pytest.mark.parametrize(("index", "expected"), [
    (0, "晋城市人民政府："),
    (0, "〔2018〕1号"),
    (0, "关于约谈晋城市人民政府主要负责人的通知"),
    (0, "经评估考核，你市PM2.5平均浓度同比下降3.7%，未完成下降10%的目标任务。"
        "督查中发现你市各类环境问题1819个。为督促你市落实生态环境保护责任，我部决定约谈你市人民政府主要负责人。"),
    (0, "请你市在20个工作日内（2018年5月31日前）制定整改方案报送我部，并抄送山西省人民政府。"
        "整改期间，我部将暂停三市新增大气污染物排放建设项目环评审批。"),
    (1, "邯郸市人民政府："),
    (1, "经评估考核，你市PM2.5平均浓度同比下降15.7%，未完成下降20%的目标任务。"
        "为督促你市落实生态环境保护责任，我部决定约谈你市人民政府主要负责人。"),
    (1, "请你市在20个工作日内（2018年5月31日前）制定整改方案报送我部，并抄送河北省人民政府。"
        "整改期间，我部将暂停三市新增大气污染物排放建设项目环评审批。"),
    (2, "经评估考核，你市PM2.5平均浓度未完成下降15%的目标任务。"
        "为督促你市落实生态环境保护责任，我部决定约谈你市人民政府主要负责人。"),
    (2, "\t2018年5月3日"),
])
def test_each_field_of_the_record_is_in_its_letter(tmp_path, records, index, expected):
    results = render_letters(records, "interview-notice", tmp_path)
    assert expected in _texts(results[index].path)


@pytest.mark.parametrize(("template", "record", "expected"), [
    ("interview-notice-en", "jincheng-en",
     "Your city shall submit a rectification plan to us within 20 working days (by 31 May 2018), "
     "with a copy to the People's Government of Shanxi Province. Until it is complete, we will "
     "suspend the environmental impact assessment approval of new air pollutant emission "
     "construction projects in the three cities."),
    ("rectification-order-en", "jincheng-en", "People's Government of Jincheng:"),
    ("rectification-order", "jincheng-zh",
     "一、在20个工作日内（2018年5月31日前）制定整改方案报送我部，并抄送山西省人民政府。"),
], ids=["interview-en", "rectification-en", "rectification-zh"])
def test_other_templates_read_the_same_record(tmp_path, template, record, expected):
    results = render_letters(read_records(DATA / f"{record}.jsonl"), template, tmp_path)
    assert expected in _texts(results[0].path)


def test_no_tag_survives_rendering(tmp_path, records):
    for name in ("interview-notice", "rectification-order", "interview-notice-en", "rectification-order-en"):
        for result in render_letters(records, name, tmp_path / name):
            with zipfile.ZipFile(result.path) as archive:
                xml = archive.read("word/document.xml").decode()
            assert "{{" not in xml and "{%" not in xml, name


def test_combined_file_has_one_section_per_letter_with_numbering_restarted(tmp_path, records):
    results = render_letters(records, "interview-notice", tmp_path, combine=True)
    assert len({r.path for r in results}) == 1
    assert [r.section for r in results] == [1, 2, 3]
    document = docx.Document(results[0].path)
    assert len(document.sections) == 3
    for section in document.sections:
        assert section._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
        assert section.start_type == docx.enum.section.WD_SECTION_START.NEW_PAGE
    texts = [p.text for p in document.paragraphs]
    assert texts.count("生态环境部") == 3  # the letterhead repeats
    from test_letters_templates import schema_order_violations

    with zipfile.ZipFile(results[0].path) as archive:
        assert schema_order_violations(archive.read("word/document.xml")) == []
    assert [t for t in texts if t.endswith("人民政府：")] == ["晋城市人民政府：", "邯郸市人民政府：", "阳泉市人民政府："]


def test_combined_file_can_be_named(tmp_path, records):
    results = render_letters(records, "interview-notice", tmp_path / "all.docx", combine=True)
    assert {r.path.name for r in results} == {"all.docx"}


def test_headers_with_tags_get_a_copy_per_section(tmp_path):
    tpl = _user_template(tmp_path / "t.docx", [["致{{ city }}"]], header=["{{ city }}", "专用"])
    rows = [{"city": "晋城市"}, {"city": "邯郸市"}]
    results = render(tpl, rows, tmp_path / "out.docx", combine=True)
    document = docx.Document(results[0].path)
    assert [s.header.paragraphs[0].text for s in document.sections] == ["晋城市专用", "邯郸市专用"]


def test_an_error_record_fails_a_record_without_subjects_is_skipped_the_rest_written(tmp_path, records):
    broken = {"schema": "notices.record/1", "source": "bad.pdf",
              "error": {"type": "read_error", "message": "broken"}}
    empty = {"schema": "notices.record/1", "source": "none.txt", "cities": []}
    results = render_letters([broken, records[0], empty], "interview-notice", tmp_path)
    assert [r.ok for r in results] == [False, True, True, True, True]
    assert "bad.pdf" in results[0].error
    assert "no subject city" in results[-1].skipped and results[-1].path is None
    assert len(list(tmp_path.glob("*.docx"))) == 3


# ------------------------------------------------------------------ safety

HOSTILE = {
    "ampersand": ("A&B市", "A&B市"),
    "angle brackets": ("<3日>", "<3日>"),
    "quotes": ("\"甲\" 'b'", "\"甲\" 'b'"),
    "xml": ("</w:t></w:r><w:r><w:t>x", "</w:t></w:r><w:r><w:t>x"),
    "jinja": ("{{ 7*7 }}{% if 1 %}", "{{ 7*7 }}{% if 1 %}"),
    "entity": ("&amp;&#x41;", "&amp;&#x41;"),
    "control characters": ("晋\x07城\x0b市\x00", "晋城市"),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_values_render_literally_and_never_corrupt_the_file(tmp_path, records, case):
    value, shown = HOSTILE[case]
    results = render_letters(records[:1], "interview-notice", tmp_path, extra={"addressee": value})
    result = results[0]
    assert result.ok
    with zipfile.ZipFile(result.path) as archive:
        etree.fromstring(archive.read("word/document.xml"))  # well-formed
    assert shown + "：" in _texts(result.path)
    assert bool(result.warnings) == (case == "control characters")


def test_dropped_control_characters_are_named_in_a_warning(tmp_path, records):
    result = render_letters(records[:1], "interview-notice", tmp_path, extra={"addressee": "晋\x07城"})[0]
    assert any("U+0007" in w for w in result.warnings)


def test_newlines_and_tabs_in_values_become_breaks_and_tabs(tmp_path):
    tpl = _user_template(tmp_path / "t.docx", [["{{ text }}"]])
    result = render(tpl, [{"text": "一\n二\t三\r\n四"}], tmp_path / "o.docx")[0]
    assert _texts(result.path)[0] == "一\n二\t三\n四"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.text(max_size=60))
def test_any_text_gives_a_well_formed_letter(tmp_path_factory, value):
    out = tmp_path_factory.mktemp("prop")
    result = render("interview-notice", [_row(addressee=value)], out / "x.docx")[0]
    assert result.ok
    with zipfile.ZipFile(result.path) as archive:
        etree.fromstring(archive.read("word/document.xml"))
    docx.Document(result.path)


def _row(**changes) -> dict:
    row = {
        "authority": "生态环境部", "doc_number": "〔2018〕1号", "addressee": "晋城市人民政府",
        "comparisons": [], "counts": [], "deadline": None, "sanctions": [], "cc": "",
        "issuer": "生态环境部办公厅", "date": "2018-05-03",
    }
    row.update(changes)
    return row


@pytest.mark.parametrize(("field", "value", "expected_file"), [
    ("name", "../../escape", "escape.docx"),
    ("name", "/etc/passwd", "etc_passwd.docx"),
    ("name", "..", "interview-notice-0001.docx"),
    ("name", "晋城市/约谈", "晋城市_约谈.docx"),
])
def test_output_names_never_leave_the_output_folder(tmp_path, field, value, expected_file):
    out = tmp_path / "out"
    result = render("interview-notice", [_row(name=value)], out, name_field=field)[0]
    assert result.path == out.resolve() / expected_file
    assert [p.name for p in tmp_path.rglob("*.docx")] == [expected_file]


def test_templates_cannot_reach_python_internals(tmp_path):
    tpl = _user_template(tmp_path / "t.docx", [["{{ city.__class__.__mro__ }}"]])
    result = render(tpl, [{"city": "x"}], tmp_path / "o")[0]
    assert not result.ok
    assert "unsafe" in result.error or "undefined" in result.error


# ------------------------------------------------------------------ templates made in Word

@pytest.mark.parametrize("runs", [
    ["{{ city }}市"],
    ["{{ ci", "ty }}市"],
    ["{", "{ city }", "}市"],
    ["{{", " city ", "}}", "市"],
])
def test_tags_that_word_split_across_runs_are_repaired(tmp_path, runs):
    tpl = _user_template(tmp_path / "t.docx", [runs])
    result = render(tpl, [{"city": "晋城"}], tmp_path / "o.docx")[0]
    assert _texts(result.path) == ["晋城市"]


def test_word_smart_quotes_inside_tags_still_work(tmp_path):
    tpl = _user_template(tmp_path / "t.docx", [["{{ city|default(“无”) }}"]])
    assert _texts(render(tpl, [{}], tmp_path / "o.docx")[0].path) == ["无"]


def test_paragraph_tags_loop_over_paragraphs(tmp_path):
    tpl = _user_template(tmp_path / "t.docx", [
        ["{%p for s in sanctions %}"], ["{{ loop.index|cn_number }}、{{ s }}"], ["{%p endfor %}"],
    ])
    result = render(tpl, [{"sanctions": ["暂停审批", "通报批评"]}], tmp_path / "o.docx")[0]
    assert _texts(result.path) == ["一、暂停审批", "二、通报批评"]


def test_an_undefined_variable_names_the_variable_and_the_row(tmp_path):
    tpl = _user_template(tmp_path / "t.docx", [["{{ city }}：{{ deadline }}"]])
    rows = [{"city": "晋城市", "deadline": "5月31日"}, {"city": "邯郸市"}, {"city": "阳泉市", "deadline": "x"}]
    results = render(tpl, rows, tmp_path / "out")
    assert [r.ok for r in results] == [True, False, True]
    assert "'deadline' is undefined" in results[1].error
    assert "row 2 (邯郸市)" in results[1].error
    assert len(list((tmp_path / "out").glob("*.docx"))) == 2
    with pytest.raises(TemplateError, match=r"row 2 \(邯郸市\).*'deadline' is undefined"):
        render(tpl, rows, tmp_path / "again", raise_errors=True)


def test_a_default_in_the_template_makes_a_variable_optional(tmp_path):
    tpl = _user_template(tmp_path / "t.docx", [["{{ city }}{{ note|default('') }}"]])
    assert render(tpl, [{"city": "晋城市"}], tmp_path / "o.docx")[0].ok
    assert check_template(tpl, {"city": "晋城市"}) == ([], [])


def test_a_syntax_error_names_the_template_and_shows_the_text_around_it(tmp_path):
    tpl = _user_template(tmp_path / "bad.docx", [
        ["生态环境部"], ["关于约谈{{ city 的通知"], ["特此通知。"],
    ])
    with pytest.raises(TemplateError) as caught:
        load_template(tpl)
    message = str(caught.value)
    assert "bad.docx" in message and "syntax error" in message
    assert "关于约谈{{ city 的通知" in message


@pytest.mark.parametrize(("template", "error"), [
    ("no-such-template", "unknown template"),
    ("missing.docx", "no such template file"),
])
def test_unknown_templates_are_clear_errors(template, error):
    with pytest.raises(TemplateError, match=error):
        load_template(template)


def test_a_file_that_is_not_a_docx_is_a_clear_error(tmp_path):
    bad = tmp_path / "letter.docx"
    bad.write_text("not a zip")
    with pytest.raises(TemplateError, match="not a Word .docx file"):
        load_template(bad)


@pytest.mark.parametrize(("data", "missing", "unused"), [
    ({"city": "晋城市", "deadline": "x"}, [], []),
    ({"city": "晋城市"}, ["deadline"], []),
    ({"city": "晋城市", "deadline": "x", "extra": 1}, [], ["extra"]),
    ([{"city": "晋城市", "deadline": "x"}, {"deadline": "y"}], ["city"], []),
])
def test_check_reports_missing_and_unused_variables(tmp_path, data, missing, unused):
    tpl = _user_template(tmp_path / "t.docx", [["{{ city }}：{{ deadline }}"]])
    assert check_template(tpl, data) == (missing, unused)


def test_check_of_a_shipped_template_against_a_record_context(records):
    from notices.letters import letter_contexts

    context = letter_contexts(records[0])[0]
    missing, unused = check_template("interview-notice", context)
    assert missing == [] and "city_en" in unused


# ------------------------------------------------------------------ rows from files

@pytest.mark.parametrize(("name", "content"), [
    ("rows.json", json.dumps([{"city": "晋城市"}, {"city": "邯郸市"}], ensure_ascii=False)),
    ("rows.jsonl", '{"city": "晋城市"}\n{"city": "邯郸市"}\n'),
    ("rows.yaml", "- city: 晋城市\n- city: 邯郸市\n"),
    ("rows.csv", "city\n晋城市\n邯郸市\n"),
])
def test_rows_come_from_json_yaml_or_csv(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert read_rows(path) == [{"city": "晋城市"}, {"city": "邯郸市"}]


@pytest.mark.parametrize(("name", "content", "error"), [
    ("rows.json", "[{bad", "line 1: bad JSON"),
    ("rows.yaml", "a: [1, 2", "bad YAML"),
    ("rows.json", "[1, 2]", "row 1: expected an object"),
    ("rows.csv", "", "no rows"),
    ("rows.txt", "city", "unknown data format"),
])
def test_bad_data_files_are_clear_errors(tmp_path, name, content, error):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError, match=error):
        read_rows(path)


def test_one_row_to_one_named_file(tmp_path):
    result = render("interview-notice", [_row()], tmp_path / "晋城.docx")[0]
    assert result.path == (tmp_path / "晋城.docx").resolve()


def test_many_rows_to_one_file_without_combine_is_refused_before_writing(tmp_path):
    with pytest.raises(DataError, match="more than one letter"):
        render("interview-notice", [_row(), _row()], tmp_path / "x.docx")
    assert not list(tmp_path.iterdir())


def test_rendering_matches_plain_docxtpl(tmp_path, records):
    """Same template, same context: our renderer and docxtpl give the same text."""
    from docxtpl import DocxTemplate
    from jinja2 import Environment

    from notices.letters import letter_contexts, template_path
    from notices.letters.filters import FILTERS

    context = letter_contexts(records[0])[0]
    ours = render_letters(records[:1], "interview-notice", tmp_path)[0].path
    env = Environment(autoescape=True)
    env.filters.update(FILTERS)
    theirs = DocxTemplate(template_path("interview-notice"))
    theirs.render(context, jinja_env=env, autoescape=True)
    theirs.save(tmp_path / "docxtpl.docx")
    assert _texts(ours) == _texts(tmp_path / "docxtpl.docx")


@pytest.mark.parametrize(("template", "figure", "expected"), [
    ("interview-notice", {"value": 108, "unit": "μg/m³", "text": "108微克/立方米"},
     "经评估考核，你市PM2.5平均浓度为108微克/立方米。"),
    ("interview-notice", {"value": 3.7, "unit": "%", "text": "3.7%"},
     "经评估考核，你市PM2.5平均浓度同比【请填写：下降或上升】3.7%。"),
    ("interview-notice-en", {"value": 108, "unit": "μg/m³", "text": "108 μg/m³"},
     "Our assessment found that in your city PM2.5 was 108 μg/m³."),
], ids=["concentration-zh", "percent-zh", "concentration-en"])
def test_figures_are_phrased_by_their_unit(tmp_path, template, figure, expected):
    record = {
        "schema": "notices.record/1", "date": "2018-05-03",
        "cities": [{"name": "晋城市", "code": "140500", "name_en": "Jincheng", "role": "subject"}],
        "figures": [{**figure, "subject": "PM2.5" if template.endswith("en") else "PM2.5平均浓度",
                     "city": "晋城市", "role": "actual"}],
    }
    text = "\n".join(_texts(render_letters([record], template, tmp_path)[0].path))
    assert expected in text


def test_english_deadline_is_worded_in_chinese_for_a_chinese_letter(tmp_path):
    import docx

    from notices import extract
    from notices.letters import render_letters

    record = extract("BEIJING, May 3 (Xinhua) -- In 2018 the ministry interviewed officials of "
                     "Jincheng, which must submit a plan within 20 working days.")
    (result,) = render_letters([record], "interview-notice", tmp_path)
    text = "\n".join(p.text for p in docx.Document(result.path).paragraphs)
    assert "20个工作日内（2018年5月31日前）" in text and "working days" not in text
