"""Chinese segmentation for the spaCy pipeline: jieba with the domain user dictionary.

The tokenizer owns its own ``jieba.Tokenizer`` (never the global one a user may have tuned),
loaded with ``data/userdict.txt`` — every division name, title and domain term — so that entity
boundaries fall on token boundaries (九江市/长江, not 九江/市长/江). ``char`` segmentation (one
token per character) is kept for comparison in ``benchmarks/bench_extract.py``.
"""
from __future__ import annotations

import logging
from functools import cache

from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from .resources import data_path

log = logging.getLogger(__name__)


@cache
def jieba_tokenizer():  # noqa: ANN201 - jieba.Tokenizer
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    tok.load_userdict(str(data_path("userdict.txt")))
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
            words = cut(text)
        words = [w for w in words if w]
        spaces = [False] * len(words)
        # spaCy keeps whitespace-only tokens; fine for offsets, which stay exact.
        return Doc(self.vocab, words=words, spaces=spaces)


@registry.tokenizers("notices.zh_tokenizer.v1")
def create_zh_tokenizer(segmenter: str = "jieba"):  # noqa: ANN201
    def make(nlp):  # noqa: ANN001, ANN202
        return ChineseTokenizer(nlp.vocab, segmenter)

    return make
