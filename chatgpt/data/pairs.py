"""Turning ranked RM records into (chosen, rejected) preference pairs.

An RM record holds one prompt, three completions and a ranking::

    {"prompt": "...", "completion_0": "...", "completion_1": "...",
     "completion_2": "...", "ranking": [2, 0, 1]}

The meaning of ``ranking`` is fixed once, here, in :data:`RANKING_SENSE`:
**``ranking[i]`` is the rank of ``completion_i``, and rank 0 is the best.**
So ``[2, 0, 1]`` says: completion_1 is best, then completion_2, then
completion_0.  (This matches the original KoChatGPT code, which takes the
completion with the *smaller* ranking value as ``chosen``.)

A ranking must be a permutation of ``0..2``; anything else (``[0, 0, 1]``,
``[1, 2, 3]``, booleans, ...) is rejected.
"""

from __future__ import annotations

from typing import Iterable

__all__ = [
    "RANKING_SENSE",
    "N_COMPLETIONS",
    "COMPLETION_KEYS",
    "ranking_problem",
    "ranking_order",
    "ranking_to_pairs",
    "records_to_pairs",
]

#: The one definition of what an RM ``ranking`` means (see module docstring).
RANKING_SENSE = "ranking[i] is the rank of completion_i; 0 = best"

N_COMPLETIONS = 3
COMPLETION_KEYS = tuple(f"completion_{i}" for i in range(N_COMPLETIONS))


def ranking_problem(ranking) -> str | None:
    """Return ``None`` if ``ranking`` is a valid ranking, else a message
    such as ``"ranking [0, 0, 1] is not a permutation of 0..2"``."""
    if not isinstance(ranking, list):
        return f"ranking should be a list of 3 ints, got {type(ranking).__name__} ({ranking!r})"
    if any(isinstance(r, bool) or not isinstance(r, int) for r in ranking):
        kinds = ", ".join(type(r).__name__ for r in ranking)
        return f"ranking {ranking!r} should contain ints only, got [{kinds}]"
    if sorted(ranking) != list(range(N_COMPLETIONS)):
        return f"ranking {ranking!r} is not a permutation of 0..{N_COMPLETIONS - 1}"
    return None


def ranking_order(ranking) -> list[int]:
    """Completion indices from best to worst.

    >>> ranking_order([2, 0, 1])   # completion_1 best, completion_0 worst
    [1, 2, 0]
    """
    problem = ranking_problem(ranking)
    if problem:
        raise ValueError(problem)
    return sorted(range(N_COMPLETIONS), key=lambda i: ranking[i])


def ranking_to_pairs(record: dict) -> list[dict]:
    """All 3 preference pairs of one RM record, ordered
    (best, mid), (best, worst), (mid, worst).

    Each pair is ``{"prompt": ..., "chosen": ..., "rejected": ...}``.
    Raises ``ValueError`` for an invalid ranking.
    """
    best, mid, worst = ranking_order(record["ranking"])
    texts = [record[k] for k in COMPLETION_KEYS]
    prompt = record["prompt"]
    return [
        {"prompt": prompt, "chosen": texts[a], "rejected": texts[b]}
        for a, b in ((best, mid), (best, worst), (mid, worst))
    ]


def records_to_pairs(records: Iterable[dict]) -> list[dict]:
    """Concatenate :func:`ranking_to_pairs` over ``records`` (3 pairs each)."""
    pairs: list[dict] = []
    for rec in records:
        pairs.extend(ranking_to_pairs(rec))
    return pairs
