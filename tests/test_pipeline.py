"""The spaCy pipelines: labelled spans from each component, one record from the last."""
from __future__ import annotations

from importlib.metadata import entry_points

import pytest
import spacy

import notices
from notices.pipeline import COMPONENTS, load

TEXT = "2018年5月3日，生态环境部约谈晋城市市长刘峰，要求20个工作日内整改。晋城市PM2.5平均浓度下降3.7%。"


def test_load_builds_each_pipeline_once_with_every_component():
    nlp = notices.load("zh")
    assert notices.load("zh") is nlp is load("zh")
    assert tuple(nlp.pipe_names) == COMPONENTS
    assert tuple(load("en").pipe_names) == COMPONENTS
    assert nlp.pipe_names[-1] == "notices_assemble"


def test_components_are_published_as_spacy_factories():
    names = {ep.name for ep in entry_points(group="spacy_factories")}
    assert set(COMPONENTS) <= names


def test_a_document_carries_labelled_spans_with_what_they_resolved_to():
    doc = notices.load("zh")(TEXT)
    found = {(s.text, s.label_) for s in doc.spans["notices"]}
    assert {("晋城市", "PLACE"), ("刘峰", "OFFICIAL"), ("20个工作日内", "DEADLINE"), ("3.7%", "FIGURE"),
            ("2018年5月3日", "DATE")} <= found
    by_text = {s.text: s for s in doc.spans["notices"]}
    assert by_text["晋城市"]._.code == "140500"
    assert (by_text["3.7%"]._.value, by_text["3.7%"]._.unit) == (3.7, "%")
    assert by_text["20个工作日内"]._.amount == 20
    assert doc._.record.officials[0].city_code == "140500"


def test_entities_do_not_overlap_so_displacy_can_show_them():
    from spacy import displacy

    doc = notices.load("zh")(TEXT)
    ents = list(doc.ents)
    assert {e.label_ for e in ents} >= {"PLACE", "OFFICIAL", "FIGURE", "DEADLINE"}
    assert all(a.end <= b.start for a, b in zip(ents, ents[1:]))
    assert "晋城市" in displacy.render(doc, style="ent")


def test_the_text_is_kept_as_given_and_offsets_point_into_it():
    text = "環境保護部約談臨汾市政府主要負責人，要求20個工作日內整改。"
    doc = notices.load("zh")(text)
    assert doc.text == text
    place = next(s for s in doc.spans["notices"] if s.label_ == "PLACE")
    assert place.text == "臨汾市" and place._.code == "141000"
    record = doc._.record
    start, end = record.cities[0].spans[0]
    assert text[start:end] == "臨汾市"


def test_a_component_without_what_it_reads_refuses_with_a_clear_error():
    nlp = spacy.blank("zh")
    nlp.add_pipe("notices_officials")
    with pytest.raises(ValueError, match="notices_officials needs notices_dates, notices_places"):
        nlp("九江市长江沿线")


def test_a_spacy_user_can_add_components_to_their_own_pipeline():
    nlp = spacy.blank("en")
    nlp.add_pipe("notices_dates")
    nlp.add_pipe("notices_places")
    nlp.add_pipe("notices_deadlines")
    doc = nlp("On May 3, 2018, inspectors found problems in Handan City, to be fixed within 20 working days.")
    spans = {s.label_: s for s in doc.spans["notices"]}
    assert spans["PLACE"]._.code == "130400"
    assert spans["DEADLINE"]._.deadline.due == "2018-05-31"


def test_analyze_pipes_sees_what_each_component_assigns_and_needs():
    report = notices.load("zh").analyze_pipes()
    assert report["problems"] == {name: [] for name in COMPONENTS}
    assert "span._.place" in report["summary"]["notices_places"]["assigns"]
    nlp = spacy.blank("zh")
    nlp.add_pipe("notices_figures")
    problems = nlp.analyze_pipes()["problems"]["notices_figures"]
    assert "span._.official" in problems


def test_jieba_segmenter_keeps_places_whole():
    doc = load("zh", "jieba").make_doc("九江市长江沿线")
    assert [t.text for t in doc][:2] == ["九江市", "长江"]


def test_both_segmenters_give_the_same_record():
    from notices.pipeline import run

    text = "5月3日，生态环境部约谈晋城市政府负责人，晋城市长刘峰表示在20个工作日内整改。"
    a = run(text, lang="zh", date="2018-05-03", source=None, sha256=None, title=None, segmenter="char")
    b = run(text, lang="zh", date="2018-05-03", source=None, sha256=None, title=None, segmenter="jieba")
    assert a.to_dict() == b.to_dict()
    assert a.officials[0].name == "刘峰" and a.deadlines[0].due == "2018-05-31"


def test_the_english_tokenizer_keeps_every_character():
    text = "BEIJING, May 3 (Xinhua) --  Handan's mayor\n\n  was fined 1.2 million yuan."
    doc = load("en").make_doc(text)
    assert doc.text == text
