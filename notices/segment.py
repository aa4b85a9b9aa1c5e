"""Chinese segmentation for the spaCy pipeline: jieba with the domain user dictionary.

The tokenizer owns its own ``jieba.Tokenizer`` (never the global one a user may have tuned),
loaded with ``data/userdict.txt`` — every division name, title and domain term — so that entity
boundaries fall on token boundaries (九江市/长江, not 九江/市长/江). ``char`` segmentation (one
token per character) is kept for comparison in ``benchmarks/bench_extract.py``.
"""
from __future__ import annotations

import hashlib
import io
import logging
import marshal
import os
import re
from functools import cache
from pathlib import Path

from .resources import data_path
from .spacy_import import import_spacy

import_spacy()  # before any other spaCy import: without its command-line package

from spacy.tokens import Doc  # noqa: E402
from spacy.util import registry  # noqa: E402
from spacy.vocab import Vocab  # noqa: E402

log = logging.getLogger(__name__)

TEXT_KEY = "notices.text"


def _cache_file(userdict: bytes) -> Path:
    import jieba

    key = hashlib.sha256(userdict + jieba.__version__.encode()).hexdigest()[:16]
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "notices"
    return base / f"jieba-{key}.marshal"


@cache
def jieba_tokenizer():  # noqa: ANN201 - jieba.Tokenizer
    """A jieba tokenizer with our user dictionary, its prefix dictionary cached on disk.

    jieba rebuilds its prefix dictionary and then adds the user words at every start (1.5 s
    here); the finished dictionary is cached once per user dictionary and jieba version, and
    loaded with one ``marshal.load`` (0.4 s). A cache that cannot be read or written is skipped.
    """
    import jieba

    jieba.setLogLevel(logging.WARNING)
    userdict = data_path("userdict.txt").read_bytes()
    tok = jieba.Tokenizer()
    path = _cache_file(userdict)
    try:
        with path.open("rb") as fh:
            tok.FREQ, tok.total = marshal.load(fh)
        tok.initialized = True
        return tok
    except (OSError, EOFError, ValueError, TypeError):
        pass
    tok.initialize()
    tok.load_userdict(io.StringIO(userdict.decode("utf-8")))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            marshal.dump((tok.FREQ, tok.total), fh)
        os.replace(tmp, path)
    except OSError as exc:
        log.debug("cannot cache jieba dictionary at %s: %s", path, exc)
    return tok


def cut(text: str, hmm: bool = True) -> list[str]:
    return list(jieba_tokenizer().cut(text, HMM=hmm))


class ChineseTokenizer:
    def __init__(self, vocab: Vocab, segmenter: str = "jieba") -> None:
        if segmenter not in ("jieba", "char"):
            raise ValueError(f"unknown segmenter {segmenter!r}: use 'jieba' or 'char'")
        self.vocab = vocab
        self.segmenter = segmenter

    def __call__(self, text: str) -> Doc:
        if self.segmenter == "char":
            words = list(text)
        else:
            # segment the simplified copy (same length), keep the text as given
            from .text import normalize

            words, pos = [], 0
            for w in cut(normalize(text), hmm=False):
                if w:
                    words.append(text[pos:pos + len(w)])
                    pos += len(w)
        spaces = [False] * len(words)
        # spaCy keeps whitespace-only tokens; fine for offsets, which stay exact.
        return _with_text(Doc(self.vocab, words=words, spaces=spaces), text)


@registry.tokenizers("notices.zh_tokenizer.v1")
def create_zh_tokenizer(segmenter: str = "jieba"):  # noqa: ANN201
    def make(nlp):  # noqa: ANN001, ANN202
        return ChineseTokenizer(nlp.vocab, segmenter)

    return make


_EN_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|\s+|.", re.S)


class EnglishTokenizer:
    """Words, single punctuation marks and whitespace runs: one regex pass, linear in the text
    (spaCy's rule-based English tokenizer slows down on long runs of punctuation)."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        for m in _EN_TOKEN.finditer(text):
            tok = m.group(0)
            if tok.isspace():
                if words and not spaces[-1] and not words[-1].isspace() and tok.startswith(" "):
                    spaces[-1] = True
                    tok = tok[1:]
                if not tok:
                    continue
            words.append(tok)
            spaces.append(False)
        return _with_text(Doc(self.vocab, words=words, spaces=spaces), text)


def _with_text(doc: Doc, text: str) -> Doc:
    """Keep the text as given beside the doc: ``doc.text`` rebuilds it token by token."""
    doc.user_data[TEXT_KEY] = text
    return doc


@registry.tokenizers("notices.en_tokenizer.v1")
def create_en_tokenizer():  # noqa: ANN201
    def make(nlp):  # noqa: ANN001, ANN202
        return EnglishTokenizer(nlp.vocab)

    return make
