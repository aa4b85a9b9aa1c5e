"""What must never crash: extraction on any text, decoding of any bytes."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import notices
from notices.errors import NoticesError
from notices.text import decode

NOTICE_ALPHABET = st.sampled_from(list("生态环境部约谈晋城市长刘峰下降个工作日内罚款万元有限公司，。、：%0123456789年月日 \nMayorJincheng,.-"))
texts = st.one_of(st.text(max_size=300), st.text(alphabet=NOTICE_ALPHABET, max_size=300))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.sampled_from([None, "zh", "en"]), st.sampled_from([None, "2018-05-03", "2031-01-01"]))
def test_extract_never_raises_and_spans_are_in_bounds(text, lang, date):
    record = notices.extract(text, lang=lang, date=date)
    d = record.to_dict()
    for city in d["cities"]:
        for s, e in city["spans"]:
            assert 0 <= s < e <= len(text)
    for name in ("officials", "figures", "deadlines", "companies", "sanctions"):
        for item in d[name]:
            s, e = item["span"]
            assert 0 <= s < e <= len(text)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_decode_returns_text_or_a_clear_error(raw):
    try:
        assert isinstance(decode(raw, path="f.txt"), str)
    except NoticesError as exc:
        assert "f.txt" in str(exc)
