"""The word lists of data/lexicon are what the extractors match on: every entry is read by the
code (a list nobody reads is an edit that changes nothing), and the entries that are regular
expressions compile."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

import notices
from notices.extractors.lexicon import lexicon

PACKAGE = Path(notices.__file__).parent
SOURCE = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py"))


def _keys(lang: str) -> list[str]:
    return list(yaml.safe_load((PACKAGE / "data" / "lexicon" / f"{lang}.yaml").read_text(encoding="utf-8")))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_lexicon_entry_is_read_by_the_code(lang):
    unread = [k for k in _keys(lang) if f'"{k}"' not in SOURCE and f"'{k}'" not in SOURCE]
    assert unread == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_lexicon_entries_read_as_regular_expressions_compile(lang):
    asked = set(re.findall(r'\.regex\("([a-z_]+)"', SOURCE))
    lex = lexicon(lang)
    for key in sorted(asked & set(_keys(lang))):
        if isinstance(lex[key], str):  # a key may be a list in one language, a pattern in the other
            assert isinstance(lex.regex(key), re.Pattern), key


@pytest.mark.parametrize(("text", "official"), [
    ("九江市长江沿线整治情况", None),                      # a city and a river, no mayor
    ("晋城市长刘峰参加约谈", "刘峰"),                      # the post shares 市 with the city
    ("副市长王立彤、郑某某等陪同", "王立彤"),              # a list after one post
])
def test_titles_and_name_marks_from_the_lexicon_find_officials(text, official):
    names = [o.name for o in notices.extract(text, lang="zh").officials]
    assert (names[0] if names else None) == official
