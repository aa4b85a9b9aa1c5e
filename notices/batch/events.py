"""Which stored notices report the same event, and why.

Three ways two files become one event, each recorded with its reason:

* **identical text**: after :func:`identity_text` (the matching normalisation of
  :func:`notices.text.normalize`: simplified characters, ASCII punctuation; whitespace dropped;
  lines of site chrome left out) the texts are equal — one notice, several sources;
* **near-duplicate**: a reprint with other header lines, a byline, reflowed or cut short. The
  texts' character shingles (:data:`SHINGLE` characters) are sketched with MinHash
  (``datasketch``) on the worker; the store finds candidates by LSH banding and confirms
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
from dataclasses import dataclass
from functools import cache
from hashlib import blake2b, sha256

from ..resources import data_path
from ..text import normalize

SHINGLE = 5
NUM_PERM = 128
SCHEME = "affine32"  # datasketch's hashing scheme; stored signatures are only comparable within one
#: names how signatures are made (shingle hashes and scheme); a store records it
SIGNATURE = f"poly-fmix32-{SHINGLE}/{SCHEME}/{NUM_PERM}"
#: LSH finds candidates above this estimated Jaccard; they are then checked exactly
LSH_THRESHOLD = 0.2
JACCARD = 0.5
CONTAINMENT = 0.7
#: a text this short (in identity characters) is never a near-duplicate of another
MIN_CHARS = 40
#: a near-duplicate this alike adds nothing to the LSH index: its event's notices stand for it
#: (without this, the hundredth copy of a text meets ninety-nine candidates)
INDEX_BELOW = 0.8

_SPACE = re.compile(r"\s+")


@cache
def _chrome() -> re.Pattern[str]:
    lines = data_path("site_chrome.txt").read_text(encoding="utf-8").splitlines()
    patterns = [p for p in lines if p.strip() and not p.startswith("#")]
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def identity_text(text: str) -> str:
    """The text two copies of one notice share: normalised, chrome lines out, no whitespace."""
    return _identity(normalize(text))


def _identity(normalized: str) -> str:
    """:func:`identity_text` of a text already through :func:`notices.text.normalize`."""
    chrome = _chrome()
    kept = [line for line in normalized.splitlines() if not chrome.fullmatch(line.strip())]
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


def shingle_hashes(ident: str, k: int = SHINGLE):  # noqa: ANN201 - a numpy array
    """The distinct 32-bit hashes of a text's k-character shingles, computed for all positions at
    once (a polynomial over the code points, then murmur3's finaliser to spread the bits): the
    same set as hashing :func:`shingles` one by one, at a hundredth of the cost (measured: 3.4 ms
    a notice with datasketch's per-shingle SHA-1, which was a quarter of a worker's time)."""
    import numpy as np

    codes = np.frombuffer(ident.encode("utf-32-le"), dtype="<u4").astype(np.uint64)
    if len(codes) < k:
        codes = np.concatenate([codes, np.zeros(k - len(codes), dtype=np.uint64)])
    n = len(codes) - k + 1
    h = np.zeros(n, dtype=np.uint64)
    for j in range(k):
        h = (h * np.uint64(0x01000193) + codes[j:j + n]) & np.uint64(0xFFFFFFFF)
    h ^= h >> np.uint64(16)
    h = (h * np.uint64(0x85EBCA6B)) & np.uint64(0xFFFFFFFF)
    h ^= h >> np.uint64(13)
    h = (h * np.uint64(0xC2B2AE35)) & np.uint64(0xFFFFFFFF)
    h ^= h >> np.uint64(16)
    return np.unique(h)


def minhash(ident: str):  # noqa: ANN201 - a datasketch.MinHash
    from datasketch import MinHash

    m = MinHash(num_perm=NUM_PERM, permutations=_permutations(), scheme=SCHEME, hashfunc=int)
    m.update_batch(shingle_hashes(ident).tolist())
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
    """Jaccard and containment of two identity texts' shingle sets (exact but for collisions of
    32-bit shingle hashes; on sorted hash arrays, a fiftieth of the time of Python sets)."""
    if not a or not b:
        return Likeness(0.0, 0.0)
    return hashes_likeness(shingle_hashes(a), shingle_hashes(b))


def hashes_likeness(ha, hb) -> Likeness:  # noqa: ANN001 - sorted unique numpy arrays
    import numpy as np

    if not len(ha) or not len(hb):
        return Likeness(0.0, 0.0)
    common = len(np.intersect1d(ha, hb, assume_unique=True))
    return Likeness(common / (len(ha) + len(hb) - common), common / min(len(ha), len(hb)))


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What a worker computes for the store: the identity key, the MinHash signature, and (so
    that the single process writing the store need not redo them) the text normalised for the
    full-text index and the sorted shingle hashes the exact near-duplicate check compares."""

    key: str
    signature: bytes | None
    normalized: str = ""
    hashes: bytes | None = None


def fingerprint(text: str) -> Fingerprint:
    normalized = normalize(text)
    ident = _identity(normalized)
    hashes = shingle_hashes(ident).astype("<u4").tobytes() if ident and len(ident) >= MIN_CHARS else None
    return Fingerprint(sha256(ident.encode("utf-8")).hexdigest(), signature(ident), normalized, hashes)


def hashes_from_bytes(blob: bytes):  # noqa: ANN201 - a numpy array
    """The shingle hashes of :attr:`Fingerprint.hashes`, as :func:`shingle_hashes` gives them."""
    import numpy as np

    return np.frombuffer(blob, dtype="<u4").astype(np.uint64)


class HashCache:
    """The shingle hashes of the last ``size`` stored notices compared against, by notice id:
    the notice most like a new one is usually the one the last reprints were compared with
    (measured on the benchmark archive: recomputing them from the stored text was a third of
    the writer's time). Bounded, so memory does not grow with the store."""

    def __init__(self, size: int = 512) -> None:
        from collections import OrderedDict

        self.size = size
        self.items: OrderedDict[int, object] = OrderedDict()

    def get(self, key: int):  # noqa: ANN201 - a numpy array or None
        found = self.items.get(key)
        if found is not None:
            self.items.move_to_end(key)
        return found

    def put(self, key: int, hashes):  # noqa: ANN001, ANN201
        self.items[key] = hashes
        if len(self.items) > self.size:
            self.items.popitem(last=False)
        return hashes


#: datasketch's choice for (threshold, permutations), known so that the process writing the
#: store need not import datasketch's LSH (which imports scipy: 0.7 s of CPU a run);
#: tests/test_batch_events.py checks it against datasketch
KNOWN_BANDING = {(0.2, 128): (28, 2)}


@cache
def banding() -> tuple[int, int]:
    """(bands, rows per band) of the LSH for :data:`LSH_THRESHOLD`, as datasketch chooses them."""
    known = KNOWN_BANDING.get((LSH_THRESHOLD, NUM_PERM))
    if known is not None:
        return known
    return datasketch_banding()


def datasketch_banding(threshold: float = LSH_THRESHOLD, num_perm: int = NUM_PERM) -> tuple[int, int]:
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


def band_keys(blob: bytes) -> list[int]:
    """The LSH band keys of a signature: two notices sharing any key are candidates. The store
    keeps them in an indexed table (``bands``), so finding candidates costs no memory per notice
    (datasketch's in-memory index took 8 KB a notice, 84 MB at 10,000)."""
    bands, rows = banding()
    keys = []
    for band in range(bands):
        part = blob[band * rows * 8:(band + 1) * rows * 8]
        digest = blake2b(part, digest_size=8, person=band.to_bytes(2, "little")).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def reason_text(reason: str, score: float | None) -> str:
    """Why a notice joined its event, for people: ``near-duplicate (Jaccard 0.82)``."""
    if reason == "near-duplicate" and score is not None:
        return f"near-duplicate (Jaccard {score:.2f})"
    if reason == "cross-language":
        return "cross-language: same act date, kind and subject city"
    return reason
