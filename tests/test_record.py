"""The record contract: notices.record/2 (and reading /1)."""
from __future__ import annotations

import json

from notices.record import SCHEMA, Record

FIELDS = ["schema", "source", "sha256", "lang", "title", "date", "published", "authority", "kind", "cities",
          "officials", "figures", "deadlines", "companies", "sanctions", "warnings"]


def test_record_has_every_contract_field(extract):
    rec = extract("2018年5月3日，生态环境部约谈晋城市市长刘峰，要求20个工作日内整改。", source="a.txt").to_dict()
    assert list(rec)[: len(FIELDS)] == FIELDS
    assert rec["schema"] == SCHEMA
    assert rec["cities"][0].keys() >= {"name", "name_en", "province", "code", "level", "role", "spans"}
    assert rec["cities"][0]["current"] is None
    assert rec["officials"][0].keys() >= {"name", "name_en", "title", "org", "span", "city_code"}
    assert rec["officials"][0]["city_code"] == rec["cities"][0]["code"] == "140500"
    assert rec["deadlines"][0].keys() >= {"text", "amount", "unit", "due", "span"}
    json.dumps(rec)  # serialisable as is


def test_round_trip_through_json(extract):
    rec = extract("晋城市PM2.5平均浓度下降3.7%。约谈要求20个工作日内整改。", date="2018-05-03")
    again = Record.from_dict(json.loads(json.dumps(rec.to_dict(), ensure_ascii=False)))
    assert again.to_dict() == rec.to_dict()


def test_whole_numbers_are_ints(extract):
    rec = extract("发现问题1,819个，下降3.7%。").to_dict()
    values = [f["value"] for f in rec["figures"]]
    assert values == [1819, 3.7] and isinstance(values[0], int)


def test_error_record_shape():
    rec = Record.failed("bad.txt", "decode_error", "binary data").to_dict()
    assert rec == {"schema": SCHEMA, "source": "bad.txt", "error": {"type": "decode_error", "message": "binary data"}}


def test_a_version_1_record_is_still_read():
    old = {"schema": "notices.record/1", "source": "a.txt", "lang": "zh", "date": "2018-05-04",
           "kind": "interview", "cities": [{"name": "晋城市", "code": "140500", "role": "subject"}],
           "officials": [{"name": "刘峰", "title": "市长", "org": "晋城市"}]}
    rec = Record.from_dict(old)
    assert rec.date == "2018-05-04" and rec.published is None
    assert rec.cities[0].current is None and rec.officials[0].city_code is None
    assert rec.to_dict()["schema"] == SCHEMA


def test_an_unknown_schema_is_refused():
    import pytest

    with pytest.raises(ValueError, match="notices.record/9"):
        Record.from_dict({"schema": "notices.record/9"})
