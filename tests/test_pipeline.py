"""The spaCy pipelines: registered components, reusable by spaCy users."""
from __future__ import annotations

from importlib.metadata import entry_points

import spacy

from notices.pipeline import COMPONENTS, get_nlp


def test_pipelines_are_built_once_with_every_component():
    nlp = get_nlp("zh")
    assert get_nlp("zh") is nlp
    assert tuple(nlp.pipe_names) == COMPONENTS
    assert tuple(get_nlp("en").pipe_names) == COMPONENTS


def test_components_are_published_as_spacy_factories():
    names = {ep.name for ep in entry_points(group="spacy_factories")}
    assert set(COMPONENTS) <= names


def test_a_spacy_user_can_add_a_component_to_their_own_pipeline():
    nlp = spacy.blank("en")
    nlp.add_pipe("notices_places")
    doc = nlp("Inspectors found problems in Handan City.")
    assert [c.code for c in doc._.notice.cities] == ["130400"]


def test_jieba_segmenter_keeps_places_whole():
    doc = get_nlp("zh", "jieba").make_doc("九江市长江沿线")
    assert [t.text for t in doc][:2] == ["九江市", "长江"]


def test_both_segmenters_give_the_same_record():
    from notices.pipeline import run

    text = "5月3日，生态环境部约谈晋城市政府负责人，晋城市长刘峰表示在20个工作日内整改。"
    a = run(text, lang="zh", date="2018-05-03", source=None, sha256=None, title=None, segmenter="char")
    b = run(text, lang="zh", date="2018-05-03", source=None, sha256=None, title=None, segmenter="jieba")
    assert a.to_dict() == b.to_dict()
    assert a.officials[0].name == "刘峰" and a.deadlines[0].due == "2018-05-31"
