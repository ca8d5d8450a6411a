"""Deterministic train/eval splits.

Each record goes to the eval split when a hash of ``(seed, normalised
key)`` falls below ``eval_fraction``.  The normalised key is the NFC,
whitespace-folded, case-folded value of ``record[key]`` (the prompt by
default), so

* the same prompt always lands in the same split, whatever the order of
  the records or the other records in the file (no leakage of a prompt
  from train into eval when a file is re-shuffled or extended);
* the eval split has *about* ``eval_fraction`` of the records, not exactly.
"""

from __future__ import annotations

import hashlib
import unicodedata

from .clean import fold_whitespace

__all__ = ["normalise_key", "split_fraction", "split_records"]


def normalise_key(text: str) -> str:
    """NFC + whitespace folding + casefold: what the split hash sees."""
    return fold_whitespace(unicodedata.normalize("NFC", str(text))).casefold()


def split_fraction(text: str, seed: int = 0) -> float:
    """A stable number in [0, 1) for ``text`` (independent of PYTHONHASHSEED)."""
    digest = hashlib.sha256(f"{seed}\x00{normalise_key(text)}".encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def split_records(records, eval_fraction: float, seed: int = 0, key: str = "prompt"):
    """Split ``records`` into ``(train, eval)`` lists, keeping input order.

    ``eval_fraction`` must be in [0, 1].  Deterministic for a given
    ``seed``; see the module docstring.
    """
    if not 0.0 <= eval_fraction <= 1.0:
        raise ValueError(f"eval_fraction must be in [0, 1], got {eval_fraction}")
    train, evals = [], []
    for rec in records:
        (evals if split_fraction(rec[key], seed) < eval_fraction else train).append(rec)
    return train, evals
