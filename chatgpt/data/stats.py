"""Descriptive statistics of a data file and two trivial RM baselines.

:func:`file_stats` returns the record count, character-length statistics
(min/mean/median/max) of the prompt and completion/reference fields,
category counts if the file has categories, and for RM files the pairwise
accuracy of two trivial "reward models" over all pairs of
:func:`~chatgpt.data.pairs.ranking_to_pairs`:

* ``longer``: prefer the longer completion (in characters);
* ``polite``: prefer the completion that ends in a polite form
  (:func:`is_polite_ending`).

A pair scores 1 if the baseline prefers ``chosen``, 0 if it prefers
``rejected`` and **0.5 for a tie** (equal length; both or neither polite),
so a baseline that cannot tell anything apart scores exactly 0.5.  A real
reward model should beat both.
"""

from __future__ import annotations

import statistics
import unicodedata
from collections import Counter

from .io import read_records_info
from .pairs import records_to_pairs
from .schema import TEXT_KEYS, detect_file_kind, validate_records

__all__ = ["POLITE_ENDINGS", "is_polite_ending", "length_stats", "pairwise_accuracy", "rm_baselines",
           "file_stats"]

#: Endings of polite (존댓말) sentences: 해요체, 하십시오체 and friends.
POLITE_ENDINGS = ("요", "니다", "니까", "세요", "시오", "습니다", "죠")

_INVISIBLE = {"\u200d", "\ufe0f", "\ufe0e", "\u200b"}  # ZWJ, variation selectors, ZWSP


def _is_trailing_junk(ch: str) -> bool:
    """Whitespace, punctuation (incl. quotes, brackets), symbols (incl.
    emoji and ~), emoji modifiers and joiners."""
    if ch.isspace() or ch in _INVISIBLE:
        return True
    cat = unicodedata.category(ch)
    return cat[0] in "PS" or cat in ("Mn", "Me", "Cf")


def is_polite_ending(text: str) -> bool:
    """True if the last sentence of ``text`` ends in a polite form.

    Trailing whitespace, punctuation, quotes, brackets and emoji are removed
    first; then the text must end with one of :data:`POLITE_ENDINGS`.

    >>> is_polite_ending("네, 알겠습니다!! 😊"), is_polite_ending("응, 알았어.")
    (True, False)
    """
    text = unicodedata.normalize("NFC", text)
    end = len(text)
    while end and _is_trailing_junk(text[end - 1]):
        end -= 1
    return text[:end].endswith(POLITE_ENDINGS)


def length_stats(texts) -> dict:
    """``{"min", "mean", "median", "max"}`` of the character lengths."""
    lengths = [len(t) for t in texts]
    if not lengths:
        return {"min": 0, "mean": 0.0, "median": 0.0, "max": 0}
    return {"min": min(lengths), "mean": statistics.fmean(lengths),
            "median": float(statistics.median(lengths)), "max": max(lengths)}


def pairwise_accuracy(pairs, score) -> float:
    """Mean over pairs of 1 / 0.5 / 0 as ``score(chosen)`` is >, ==, <
    ``score(rejected)``.  ``nan`` for no pairs."""
    if not pairs:
        return float("nan")
    total = 0.0
    for p in pairs:
        a, b = score(p["chosen"]), score(p["rejected"])
        total += 1.0 if a > b else 0.5 if a == b else 0.0
    return total / len(pairs)


def rm_baselines(records) -> dict:
    """``{"n_pairs", "longer", "polite"}`` accuracies for RM ``records``."""
    pairs = records_to_pairs(records)
    return {"n_pairs": len(pairs),
            "longer": pairwise_accuracy(pairs, len),
            "polite": pairwise_accuracy(pairs, lambda t: int(is_polite_ending(t)))}


def token_length_stats(texts, tokenizer) -> dict:
    """Like :func:`length_stats`, in tokens of a HF tokenizer (e.g. the tiny model's)."""
    ids = tokenizer(list(texts), add_special_tokens=False)["input_ids"]
    return length_stats([[0] * len(x) for x in ids])


def file_stats(path, kind: str | None = None, tokenizer=None) -> dict:
    """Statistics of one file (validated strictly; duplicates allowed).

    Returns ``{"path", "kind", "n_records", "lengths": {field: stats},
    "categories": {category: count} or None, "baselines": {...} or None}``.
    """
    records, _ = read_records_info(path)
    kind = kind or detect_file_kind(records, path)
    validate_records(records, kind, path, allow_duplicates=True, strict=True)
    cats = [r["category"] for r in records if "category" in r]
    return {
        "path": str(path),
        "kind": kind,
        "n_records": len(records),
        "lengths": {k: length_stats(r[k] for r in records) for k in TEXT_KEYS[kind]},
        "token_lengths": ({k: token_length_stats([r[k] for r in records], tokenizer) for k in TEXT_KEYS[kind]}
                          if tokenizer is not None else None),
        "categories": dict(Counter(cats).most_common()) if cats else None,
        "baselines": rm_baselines(records) if kind == "rm" else None,
    }
