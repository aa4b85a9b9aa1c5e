"""The word lists of each language (``data/lexicon/{zh,en}.yaml``), loaded once, with the
regular expressions built from them."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from collections.abc import Iterable
from typing import Any

import yaml

from ..resources import data_path


def alternation(words: Iterable[str], *, flags: int = 0) -> re.Pattern[str]:
    """A regex matching any of ``words``, longest first (built once per word list: components
    ask for it per match, and escaping and sorting a word list costs more than the match)."""
    return _alternation(tuple(words), flags)


@cache
def _alternation(words: tuple[str, ...], flags: int) -> re.Pattern[str]:
    ordered = sorted(set(words), key=len, reverse=True)
    return re.compile("(?:" + "|".join(re.escape(w) for w in ordered) + ")", flags)


@dataclass(frozen=True, eq=False)
class Lexicon:
    lang: str
    raw: dict[str, Any]
    act_triggers: re.Pattern[str]

    def __getitem__(self, key: str) -> Any:
        return self.raw[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.raw.get(key, default)

    @cache  # noqa: B019 - lexicons are few and live for the process
    def pattern(self, key: str, *, flags: int = 0) -> re.Pattern[str]:
        return alternation(list(self.raw[key]), flags=flags)

    @cache  # noqa: B019
    def regex(self, key: str, *, case: bool = False) -> re.Pattern[str]:
        """A lexicon entry that is a regular expression (case-insensitive in English unless
        ``case``)."""
        return re.compile(self.raw[key], re.I if self.lang == "en" and not case else 0)

    @cache  # noqa: B019
    def members(self, key: str) -> frozenset[str]:
        """A word list, or a string of characters, as a set (for ``in``)."""
        return frozenset(self.raw[key])

    @cache  # noqa: B019
    def words(self, key: str) -> tuple[str, ...]:
        """A word list as a tuple, longest first (for ``str.startswith`` and ``endswith``)."""
        return tuple(sorted(self.raw[key], key=len, reverse=True))


@cache
def lexicon(lang: str) -> Lexicon:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser: 10x faster
    with data_path(f"lexicon/{lang}.yaml").open(encoding="utf-8") as fh:
        raw = yaml.load(fh, Loader=loader)  # noqa: S506 - a safe loader
    flags = re.I if lang == "en" else 0
    triggers = alternation(raw["act_triggers"], flags=flags)
    if lang == "en":
        triggers = re.compile(r"\b" + triggers.pattern + r"\b", re.I)
    return Lexicon(lang=lang, raw=raw, act_triggers=triggers)
