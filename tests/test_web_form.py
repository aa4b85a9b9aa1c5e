"""The web app's pure parts: the record as a form and back, and the text cut for highlighting."""
from __future__ import annotations

import pytest

from notices.record import City, Company, Deadline, Figure, Official, Record, Sanction
from notices.web.form import from_form, to_form
from notices.web.highlight import highlight, mentions, segments
from notices.web.intake import with_newlines
from notices.web.safety import is_loopback

TEXT = "生态环境部约谈晋城市政府主要负责人。晋城市PM2.5平均浓度为78微克/立方米，要在20个工作日内整改。晋城市市长刘峰参加约谈。"


def _record() -> Record:
    at = TEXT.index
    return Record(
        source="notice.txt", sha256="a" * 64, lang="zh", title="约谈晋城", date="2018-05-03",
        kind="interview",
        cities=[City("晋城市", "140500", "Jincheng", "山西省", "prefecture", "subject",
                     [(at("晋城市"), at("晋城市") + 3), (at("晋城市PM"), at("晋城市PM") + 3)])],
        officials=[Official("刘峰", "市长", "晋城市", "Liu Feng", (at("刘峰"), at("刘峰") + 2), "140500")],
        figures=[Figure(78, "μg/m³", "78微克/立方米", "PM2.5平均浓度", "晋城市", "actual",
                        (at("78"), at("78") + len("78微克/立方米")), "140500")],
        deadlines=[Deadline("20个工作日内", 20, "working_day", "2018-05-31", (at("20个"), at("20个") + 7))],
        companies=[], sanctions=[],
    )


def _form(record: Record, **changes: str) -> dict[str, str]:
    header, rows = to_form(record)
    form = dict(header)
    for kind, items in rows.items():
        for i, row in enumerate(items):
            form.update({f"{kind}-{i}-{name}": value for name, value in row.items()})
    form.update(changes)
    return form


def test_an_unedited_form_gives_the_record_back():
    record = _record()
    parsed = from_form(_form(record))
    assert parsed.errors == []
    assert parsed.record.to_dict() == record.to_dict()


@pytest.mark.parametrize(("changes", "field", "expected"), [
    # A new value rewrites the wording the letters print, unless the wording was edited too.
    ({"figures-0-value": "95"}, lambda r: r.figures[0].text, "95微克/立方米"),
    ({"figures-0-value": "95", "figures-0-text": "九十五微克"}, lambda r: r.figures[0].text, "九十五微克"),
    ({"figures-0-value": "1,819"}, lambda r: r.figures[0].value, 1819),
    ({"figures-0-value": "３.５"}, lambda r: r.figures[0].value, 3.5),
    ({"figures-0-city": "晋城"}, lambda r: r.figures[0].city, "晋城市"),
    # A new amount rewrites the deadline's wording and counts its due date in working days.
    ({"deadlines-0-amount": "30"}, lambda r: (r.deadlines[0].text, r.deadlines[0].due), ("30个工作日内", "2018-06-14")),
    ({"deadlines-0-unit": "month"}, lambda r: (r.deadlines[0].text, r.deadlines[0].due), ("20个月内", "2020-01-03")),
    ({"deadlines-0-due": "2018-07-01"}, lambda r: r.deadlines[0].due, "2018-07-01"),
    ({"date": "2018-06-01"}, lambda r: r.deadlines[0].due, "2018-07-02"),  # 端午 on 18 June
    # A city's name (full, short or English) or code is looked up.
    ({"cities-0-name": "邯郸"}, lambda r: (r.cities[0].name, r.cities[0].code, r.cities[0].province), ("邯郸市", "130400", "河北省")),
    ({"cities-0-name": "Yangquan"}, lambda r: (r.cities[0].name, r.cities[0].name_en), ("阳泉市", "Yangquan")),
    ({"cities-0-code": "130900"}, lambda r: r.cities[0].name, "沧州市"),
    ({"cities-0-role": "mentioned"}, lambda r: r.subjects, []),
    ({"officials-0-name": "王伟"}, lambda r: r.officials[0].name_en, "Wang Wei"),
    ({"officials-0-org": "晋城"}, lambda r: r.officials[0].org, "晋城市"),
    # Rows are added in the blank row, removed with their box; blank rows are nothing.
    ({"figures-0-remove": "1"}, lambda r: r.figures, []),
    ({"companies-0-name": "晋城市鸿达化工有限公司"}, lambda r: [c.name for c in r.companies], ["晋城市鸿达化工有限公司"]),
    ({"sanctions-0-text": "暂停环评审批", "sanctions-1-text": " "}, lambda r: [s.text for s in r.sanctions], ["暂停环评审批"]),
    ({"figures-1-value": "3", "figures-1-unit": "个问题", "figures-1-role": "count"},
     lambda r: (r.figures[1].text, r.figures[1].span), ("3个问题", None)),
])
def test_edits(changes, field, expected):
    parsed = from_form(_form(_record(), **changes))
    assert parsed.errors == []
    assert field(parsed.record) == expected


@pytest.mark.parametrize(("changes", "message"), [
    ({"figures-0-value": "abc"}, "Figure 1: the value 'abc' is not a number"),
    ({"figures-0-value": "nan"}, "Figure 1: the value 'nan' is not a number"),
    ({"figures-0-value": ""}, "Figure 1: a value is needed"),
    ({"figures-0-role": "<script>"}, "Figure 1: the role must be one of"),
    ({"deadlines-0-due": "2018-13-45"}, "Deadline 1: the due date '2018-13-45' is not a date"),
    ({"deadlines-0-unit": "date", "deadlines-0-due": ""}, "Deadline 1: a deadline of unit 'date' needs its due date"),
    ({"cities-0-name": "Atlantis"}, "City 1: 'Atlantis' is not a known city or county"),
    ({"cities-0-code": "999999"}, "City 1: no city or county has the code '999999'"),
    ({"cities-0-code": "140000"}, "City 1: no city or county has the code '140000'"),  # a province
    ({"deadlines-0-amount": "99999999"}, "Deadline 1: the amount '99999999' is not between 0 and 3660"),
    ({"deadlines-0-amount": "-5"}, "Deadline 1: the amount '-5' is not between 0 and 3660"),
    ({"officials-0-name": ""}, "Official 1: a name is needed"),
    ({"date": "May the 4th"}, "The notice date 'May the 4th' is not a date"),
])
def test_bad_values_are_listed_and_rows_stay_aligned(changes, message):
    parsed = from_form(_form(_record(), **changes))
    assert any(str(e).startswith(message) for e in parsed.errors), parsed.errors  # str: English
    for kind in ("cities", "officials", "figures", "deadlines"):
        assert len(getattr(parsed.record, kind)) == len(parsed.rows[kind])


def test_hostile_fields_never_raise():
    form = {"figures-999999-value": "1", "figures-x-value": "2", "cities-0-spans": "9-1 a-b 3-5 -1-4",
            "figures-0-span": "1-2-3", "warnings": "{not json", "sha256": "<b>", "lang": "fr",
            "kind": "'; DROP TABLE", "title": "a\x00b\u202ec", "cities-0-name": "晋城",
            "officials-0-name": "x" * 10_000}
    parsed = from_form(form)
    record = parsed.record
    assert record.kind == "other" and record.lang is None and record.sha256 is None
    assert record.warnings == [] and record.figures == []
    assert record.cities[0].spans == [(3, 5)]
    assert record.title == "a b c"
    assert len(record.officials[0].name) == 2000


@pytest.mark.parametrize(("spans", "expected"), [
    # (kind, start, end) per mention → the segments as (text, kinds innermost first)
    ([], [("abcdef", ())]),
    ([("city", 1, 3)], [("a", ()), ("bc", ("city",)), ("def", ())]),
    ([("company", 0, 6), ("city", 0, 2)], [("ab", ("city", "company")), ("cdef", ("company",))]),
    ([("figure", 1, 4), ("deadline", 3, 6)],
     [("a", ()), ("bc", ("figure",)), ("d", ("figure", "deadline")), ("ef", ("deadline",))]),
    ([("city", 4, 99), ("city", 3, 3), ("city", -1, 2)], [("abcdef", ())]),  # outside the text: dropped
])
def test_segments(spans, expected):
    from notices.web.highlight import Mention

    found = [Mention(s, e, kind, f"{kind}-0", kind) for kind, s, e in spans if 0 <= s < e <= 6]
    got = [(seg.text, tuple(m.kind for m in seg.mentions)) for seg in segments("abcdef", found)]
    assert got == expected


def test_highlight_covers_every_mention_exactly():
    record = _record()
    segs, counts = highlight(record, TEXT)
    assert "".join(s.text for s in segs) == TEXT
    assert counts == {"city": 2, "official": 1, "figure": 1, "deadline": 1, "company": 0, "sanction": 0}
    marked = {(s.main.kind, s.text) for s in segs if s.main}
    assert marked == {("city", "晋城市"), ("official", "刘峰"), ("figure", "78微克/立方米"), ("deadline", "20个工作日内")}
    assert all(m.subject for m in mentions(record, len(TEXT)) if m.kind == "city")


def test_windows_line_breaks_move_the_spans():
    text = "约谈\r\n晋城市\r\n政府"
    record = Record(cities=[City("晋城市", "140500", spans=[(4, 7)])],
                    companies=[Company("x", (9, 11))], sanctions=[Sanction("y", None)])
    record, text = with_newlines(record, text)
    assert text == "约谈\n晋城市\n政府"
    assert text[slice(*record.cities[0].spans[0])] == "晋城市"
    assert text[slice(*record.companies[0].span)] == "政府"


@pytest.mark.parametrize(("host", "local"), [
    ("127.0.0.1", True), ("127.0.0.2", True), ("::1", True), ("[::1]", True), ("localhost", True),
    ("0.0.0.0", False), ("::", False), ("192.168.1.20", False), ("10.0.0.1", False),
])
def test_loopback(host, local):
    assert is_loopback(host) is local
