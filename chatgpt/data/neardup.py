"""Near-duplicate detection: character n-gram Jaccard similarity, MinHash and LSH.

Two texts are near-duplicates when their sets of character n-grams
("shingles") overlap a lot.  With ``A`` and ``B`` the shingle sets,

    J(A, B) = |A ∩ B| / |A ∪ B|                      (Jaccard similarity, 0..1)

Shingles are taken after NFC, lower-casing and removing everything that is
not a letter or digit, so ``"김치찌개 끓이는 법!!"`` and ``"김치찌개 끓이는법?"``
have the same shingles.  For Korean, n = 3 syllables works well on short
prompts (n = 2 is too permissive: many prompts share "는 방" or "해요").

Comparing all pairs costs N(N-1)/2 Jaccard computations (72 million for the
12,000 original prompts).  MinHash (Broder, 1997, "On the resemblance and
containment of documents") estimates J cheaply: for a random hash function h,

    P[ min h(A) = min h(B) ] = J(A, B)

so the share of equal minima over k hash functions (a "signature" of k
numbers per text) estimates J.  Locality-sensitive hashing (LSH; Leskovec,
Rajaraman & Ullman, *Mining of Massive Datasets*, ch. 3) cuts the signature
into b bands of r rows (k = b·r) and only compares texts that agree on all r
rows of at least one band; a pair with similarity J becomes a candidate with
probability 1 - (1 - J^r)^b, an S-curve that rises around (1/b)^(1/r).
Candidates are then verified with the exact Jaccard, so MinHash can miss a
pair (rarely, near the threshold) but never reports a false one.

Everything is deterministic (``zlib.crc32`` shingle hashes, seeded hash
parameters), so a cleaning run is reproducible.
"""

from __future__ import annotations

import unicodedata
import zlib
from collections import defaultdict

import numpy as np

__all__ = ["shingles", "jaccard", "minhash_signatures", "lsh_bands", "near_duplicate_pairs",
           "near_duplicate_groups"]

_PRIME = 4_294_967_311          # smallest prime above 2**32: hashes are (a·x + b) mod p
_MAX32 = 2 ** 32 - 1


def _letters(text: str) -> str:
    text = unicodedata.normalize("NFC", text).lower()
    return "".join(ch for ch in text if ch.isalnum())


def shingles(text: str, n: int = 3) -> frozenset[str]:
    """Character ``n``-grams of ``text`` (NFC, lower case, letters and digits only).

    A text shorter than ``n`` characters is one shingle (itself); an empty one has none.
    """
    s = _letters(text)
    if len(s) <= n:
        return frozenset([s]) if s else frozenset()
    return frozenset(s[i:i + n] for i in range(len(s) - n + 1))


def jaccard(a: frozenset, b: frozenset) -> float:
    """|a ∩ b| / |a ∪ b|; two empty sets count as identical (1.0)."""
    if not a and not b:
        return 1.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def minhash_signatures(sets: list[frozenset], num_perm: int = 128, seed: int = 0) -> np.ndarray:
    """MinHash signatures, shape ``[len(sets), num_perm]`` (uint64).

    Shingle ``s`` is hashed to ``x = crc32(s)`` (32 bits); hash function ``j`` is
    ``h_j(x) = (a_j · x + b_j) mod p`` with ``p`` a prime above 2**32 and ``a_j, b_j < 2**32``
    (so ``a_j · x + b_j < 2**64`` never overflows uint64).  Entry ``[i, j] = min over s in sets[i] of h_j``;
    an empty set gets the maximum value ``p`` everywhere.
    """
    rng = np.random.default_rng(seed)
    a = rng.integers(1, _MAX32, size=num_perm, dtype=np.uint64)            # [k]
    b = rng.integers(0, _MAX32, size=num_perm, dtype=np.uint64)            # [k]
    sig = np.full((len(sets), num_perm), _PRIME, dtype=np.uint64)           # [N, k]
    for i, sh in enumerate(sets):
        if not sh:
            continue
        x = np.fromiter((zlib.crc32(s.encode("utf-8")) for s in sh), dtype=np.uint64, count=len(sh))  # [m]
        sig[i] = ((x[:, None] * a[None, :] + b[None, :]) % _PRIME).min(axis=0)  # [m, k] -> [k]
    return sig


def lsh_bands(num_perm: int, threshold: float) -> tuple[int, int]:
    """``(bands, rows)`` with ``bands · rows = num_perm`` whose S-curve midpoint
    ``(1/bands)^(1/rows)`` is the largest one not above ``threshold - 0.05``
    (recall first: verification removes the false candidates)."""
    options = [(num_perm // r, r) for r in range(1, num_perm + 1) if num_perm % r == 0]
    target = threshold - 0.05
    below = [(b, r) for b, r in options if (1 / b) ** (1 / r) <= target]
    if not below:
        return num_perm, 1                  # the most permissive banding
    return max(below, key=lambda br: (1 / br[0]) ** (1 / br[1]))


def _candidate_pairs(sig: np.ndarray, bands: int, rows: int) -> set[tuple[int, int]]:
    pairs: set[tuple[int, int]] = set()
    for band in range(bands):
        buckets: dict[bytes, list[int]] = defaultdict(list)
        block = np.ascontiguousarray(sig[:, band * rows:(band + 1) * rows])  # [N, r]
        for i in range(block.shape[0]):
            buckets[block[i].tobytes()].append(i)
        for members in buckets.values():
            if 1 < len(members) <= 1000:
                pairs.update((members[x], members[y]) for x in range(len(members))
                             for y in range(x + 1, len(members)))
            elif len(members) > 1000:       # one text repeated many times: pair each with the first only
                first = members[0]
                pairs.update((first, m) for m in members[1:])
    return pairs


def near_duplicate_pairs(texts: list[str], threshold: float = 0.8, *, n: int = 3, method: str = "minhash",
                         num_perm: int = 128, seed: int = 0) -> list[tuple[int, int, float]]:
    """Pairs ``(i, j, J)`` with ``i < j`` and Jaccard ``J >= threshold``, sorted.

    ``method="exact"`` compares all pairs (O(N²), fine for a few thousand short texts);
    ``"minhash"`` compares only LSH candidates and verifies them exactly.
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    sets = [shingles(t, n) for t in texts]
    if method == "exact":
        cand = ((i, j) for i in range(len(sets)) for j in range(i + 1, len(sets)))
    elif method == "minhash":
        bands, rows = lsh_bands(num_perm, threshold)
        cand = _candidate_pairs(minhash_signatures(sets, num_perm, seed), bands, rows)
    else:
        raise ValueError(f"method must be 'exact' or 'minhash', got {method!r}")
    out = []
    for i, j in cand:
        a, b = sets[i], sets[j]
        if min(len(a), len(b)) < threshold * max(len(a), len(b)):   # J <= min/max: cannot reach threshold
            continue
        sim = jaccard(a, b)
        if sim >= threshold:
            out.append((i, j, sim))
    return sorted(out)


def near_duplicate_groups(n_items: int, pairs) -> list[list[int]]:
    """Connected groups (union-find) of the pairs, each sorted, groups of 2+ only, sorted by first index."""
    parent = list(range(n_items))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j, *_ in pairs:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n_items):
        groups[find(i)].append(i)
    return sorted((g for g in groups.values() if len(g) > 1), key=lambda g: g[0])
