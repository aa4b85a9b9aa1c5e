"""The page's languages: Chinese first, English by a switch or by the browser's
``Accept-Language``. Every label, option and message is a key of the message catalogues
(``messages/zh.yaml``, ``messages/en.yaml``); code that reports a problem returns a
:class:`Msg` (a key and its values), which the page renders in the clerk's language.

    t = translator("zh")
    t("nav.archive")                               # 档案
    t(Msg("form.not_number", {"value": "abc"}))    # 数值“abc”不是数字
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

LANGS = ("zh", "en")
DEFAULT = "zh"
COOKIE = "notices_lang"
CATALOGUES = Path(__file__).parent / "messages"


@dataclass(frozen=True, slots=True)
class Msg:
    """A message of the catalogue: its key and the values it is filled with (which may be
    messages themselves)."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:  # logs and tests that do not care for the language
        return render(self, "en")


@dataclass(frozen=True, slots=True)
class Day:
    """A date as a value of a message: shown 2019年7月16日 or 16 July 2019."""

    iso: str


def msg(key: str, **params: Any) -> Msg:
    return Msg(key, params)


def _value(value: Any, lang: str) -> Any:
    if isinstance(value, Msg):
        return render(value, lang)
    if isinstance(value, Day):
        return day(value.iso, lang)
    if isinstance(value, (list, tuple)):
        return ("、" if lang == "zh" else ", ").join(str(_value(v, lang)) for v in value)
    return value


@cache
def catalogue(lang: str) -> dict[str, str]:
    """The messages of ``lang`` as flat dotted keys (``home.title``)."""
    import yaml

    raw = yaml.safe_load((CATALOGUES / f"{lang}.yaml").read_text(encoding="utf-8")) or {}
    flat: dict[str, str] = {}

    def walk(prefix: str, node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(f"{prefix}{key}.", value)
        else:
            flat[prefix[:-1]] = str(node)

    walk("", raw)
    return flat


def render(message: Msg | str, lang: str, **params: Any) -> str:
    """``message`` in ``lang``: a :class:`Msg`, a catalogue key (filled with ``params``), or
    any other text, given back as it is (a library's own error message)."""
    if isinstance(message, Msg):
        key, params = message.key, {**message.params, **params}
    else:
        key = message
    text = catalogue(lang).get(key)
    if text is None:
        text = catalogue("en").get(key)
    if text is None:
        return key
    values = {k: _value(v, lang) for k, v in params.items()}
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):
        return text


def translator(lang: str) -> Callable[..., str]:
    """``t(key_or_msg, **params)`` in ``lang``."""
    def t(message: Msg | str, **params: Any) -> str:
        return render(message, lang, **params)

    return t


def choose(query: str | None, cookie: str | None, accept: str | None) -> str:
    """The page's language: asked for by the switch (``?lang=``), kept in a cookie, else the
    browser's first preference of ours, else Chinese."""
    for asked in (query, cookie):
        if asked in LANGS:
            return asked
    best, best_q = DEFAULT, -1.0
    for order, part in enumerate((accept or "").split(",")[:20]):
        tag, _, rest = part.strip().partition(";")
        q = 1.0
        if rest.strip().startswith("q="):
            try:
                q = float(rest.strip()[2:])
            except ValueError:
                q = 0.0
        lang = tag.strip().lower().split("-")[0]
        if lang in LANGS and q > best_q and q > 0:
            best, best_q = lang, q - order * 1e-6
    return best


def day(value: Any, lang: str) -> str:
    """An ISO date as a clerk reads it: 2019年7月16日, or 16 July 2019; as given when it is none."""
    from ..letters.filters import cn_date, en_date

    try:
        return (en_date if lang == "en" else cn_date)(value)
    except (ValueError, TypeError):
        return "" if value is None else str(value)
