"""Which stored notices report the same event, and why.

Three ways two files become one event, each recorded with its reason:

* **identical text**: after :func:`identity_text` (the matching normalisation of
  :func:`notices.text.normalize`: simplified characters, ASCII punctuation; whitespace dropped;
  lines of site chrome left out) the texts are equal — one notice, several sources;
* **near-duplicate**: a reprint with other header lines, a byline, reflowed or cut short. The
  texts' character shingles (:data:`SHINGLE` characters) are sketched with MinHash
  (``datasketch``) on the worker; the store finds candidates with MinHash LSH and confirms
  each on the exact shingle sets: Jaccard >= :data:`JACCARD` or containment >= :data:`CONTAINMENT`
  (the shorter text's shingles found in the longer);
* **cross-language**: a Chinese and an English report of one act: the same act date, the same
  kind, and a subject city code in common.

The thresholds were measured with ``benchmarks/bench_events.py`` on reprints made from the
corpus (other headers, a byline, reflowed lines, the last third cut off) and on all 1,137 pairs
of distinct corpus notices of one language. Reprints: Jaccard from 0.27 (a third cut off) to
1.00, containment from 0.73 (all changes at once, Jaccard 0.56 there) to 1.00; distinct pairs:
Jaccard at most 0.21, containment at most 0.37. Every reprint joins and no distinct pair does.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from hashlib import sha256

from ..resources import data_path
from ..text import normalize

SHINGLE = 5
NUM_PERM = 128
SCHEME = "affine32"  # datasketch's hashing scheme; stored signatures are only comparable within one
#: LSH finds candidates above this estimated Jaccard; they are then checked exactly
LSH_THRESHOLD = 0.2
JACCARD = 0.5
CONTAINMENT = 0.7
#: a text this short (in identity characters) is never a near-duplicate of another
MIN_CHARS = 40

_SPACE = re.compile(r"\s+")


@cache
def _chrome() -> re.Pattern[str]:
    lines = data_path("site_chrome.txt").read_text(encoding="utf-8").splitlines()
    patterns = [p for p in lines if p.strip() and not p.startswith("#")]
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def identity_text(text: str) -> str:
    """The text two copies of one notice share: normalised, chrome lines out, no whitespace."""
    chrome = _chrome()
    kept = [line for line in normalize(text).splitlines() if not chrome.fullmatch(line.strip())]
    return _SPACE.sub("", "\n".join(kept)).lower()


def text_key(text: str) -> str:
    """The SHA-256 of :func:`identity_text`: equal keys, identical texts."""
    return sha256(identity_text(text).encode("utf-8")).hexdigest()


def shingles(ident: str, k: int = SHINGLE) -> set[str]:
    return {ident[i:i + k] for i in range(max(1, len(ident) - k + 1))} if ident else set()


@cache
def _permutations():  # noqa: ANN202 - numpy arrays, made once per process
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, scheme=SCHEME).permutations


def minhash(ident: str):  # noqa: ANN201 - a datasketch.MinHash
    from datasketch import MinHash

    m = MinHash(num_perm=NUM_PERM, permutations=_permutations(), scheme=SCHEME)
    m.update_batch(s.encode("utf-8") for s in shingles(ident))
    return m


def signature(ident: str) -> bytes | None:
    """The MinHash of a text's shingles as bytes (what the store keeps), or None when too short."""
    if len(ident) < MIN_CHARS:
        return None
    return minhash(ident).hashvalues.astype("<u8").tobytes()


def from_signature(blob: bytes):  # noqa: ANN201
    import numpy as np
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, hashvalues=np.frombuffer(blob, dtype="<u8").astype(np.uint64),
                   permutations=_permutations(), scheme=SCHEME)


@dataclass(frozen=True, slots=True)
class Likeness:
    jaccard: float
    containment: float

    @property
    def same(self) -> bool:
        return self.jaccard >= JACCARD or self.containment >= CONTAINMENT


def likeness(a: str, b: str) -> Likeness:
    """Exact Jaccard and containment of two identity texts' shingle sets."""
    sa, sb = shingles(a), shingles(b)
    if not sa or not sb:
        return Likeness(0.0, 0.0)
    common = len(sa & sb)
    return Likeness(common / len(sa | sb), common / min(len(sa), len(sb)))


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What a worker computes for the store: the identity key and the MinHash signature."""

    key: str
    signature: bytes | None


def fingerprint(text: str) -> Fingerprint:
    ident = identity_text(text)
    return Fingerprint(sha256(ident.encode("utf-8")).hexdigest(), signature(ident))


class NearIndex:
    """The MinHash LSH of the notices a store holds (rebuilt from their signatures on opening)."""

    def __init__(self, signatures: Iterable[tuple[int, bytes]] = ()) -> None:
        from datasketch import MinHashLSH

        self.lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        for notice_id, blob in signatures:
            self.add(notice_id, blob)

    def add(self, notice_id: int, blob: bytes) -> None:
        self.lsh.insert(notice_id, from_signature(blob), check_duplication=False)

    def candidates(self, blob: bytes) -> list[int]:
        return sorted(self.lsh.query(from_signature(blob)))


def reason_text(reason: str, score: float | None) -> str:
    """Why a notice joined its event, for people: ``near-duplicate (Jaccard 0.82)``."""
    if reason == "near-duplicate" and score is not None:
        return f"near-duplicate (Jaccard {score:.2f})"
    if reason == "cross-language":
        return "cross-language: same act date, kind and subject city"
    return reason
