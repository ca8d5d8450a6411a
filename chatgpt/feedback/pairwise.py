"""Pairwise judging with position swap, win rates, and rankings built from pairwise verdicts.

LLM judges prefer the answer shown first (or second) more often than chance: *position bias*
(Zheng et al., 2023, §3.3; Wang et al., 2023, "Large Language Models are not Fair Evaluators").
MT-Bench's remedy, used here: ask twice, once as (X, Y) and once as (Y, X); a verdict counts
only when both orders agree, and an inconsistent pair counts as a tie. The share of items
whose two orders agree is the **position-swap consistency** (1.0 for a symmetric score judge).

Win rate of X over Y (ties count ½; AlpacaEval's convention)::

    win(X, Y) = (#X wins + ½ · #ties) / #judged      (unparsable items are excluded and counted)

A ranking of k answers is the Copeland/Borda count of the swapped pairwise verdicts:
points_i = Σ_j [i beats j] + ½ [tie]; ties in points are broken by the answer's index, and the
number of rankings that needed a tie-break is reported.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations
from typing import Sequence

from chatgpt.feedback.judges import Judge


@dataclass
class PairwiseResult:
    """Per-item verdicts for X vs Y and their summary (verdicts are in X/Y terms: "X", "Y", "tie", "unparsable")."""

    forward: list[str]                     # X shown first: judge's "A" → "X"
    backward: list[str]                    # Y shown first: judge's "A" → "Y"
    final: list[str] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.final)

    @property
    def n_unparsable(self) -> int:
        return sum(v == "unparsable" for v in self.final)

    @property
    def consistency(self) -> float:
        """Share of parsable items whose two orders gave the same verdict."""
        ok = [(f, b) for f, b in zip(self.forward, self.backward) if "unparsable" not in (f, b)]
        return sum(f == b for f, b in ok) / len(ok) if ok else float("nan")

    def win_rate(self, mask: Sequence[bool] | None = None) -> float:
        """``(wins of X + ½ ties) / judged`` over the items selected by ``mask`` (NaN when none)."""
        items = [v for i, v in enumerate(self.final) if v != "unparsable" and (mask is None or mask[i])]
        if not items:
            return float("nan")
        return sum(1.0 if v == "X" else 0.5 if v == "tie" else 0.0 for v in items) / len(items)

    def summary(self) -> dict:
        return {"n": self.n, "win_rate": self.win_rate(), "consistency": self.consistency,
                "wins": sum(v == "X" for v in self.final), "losses": sum(v == "Y" for v in self.final),
                "ties": sum(v == "tie" for v in self.final), "unparsable": self.n_unparsable}


_FWD = {"A": "X", "B": "Y", "tie": "tie", "unparsable": "unparsable"}
_BWD = {"A": "Y", "B": "X", "tie": "tie", "unparsable": "unparsable"}


def combine(forward: str, backward: str) -> str:
    """Final verdict of one item from its two orders (MT-Bench: disagreement → tie)."""
    if "unparsable" in (forward, backward):
        return "unparsable"
    return forward if forward == backward else "tie"


def judge_pairs(judge: Judge, prompts: Sequence[str], answers_x: Sequence[str], answers_y: Sequence[str],
                references: Sequence[str] | None = None, swap: bool = True) -> PairwiseResult:
    """Judge X vs Y on every prompt, in both orders when ``swap`` (the default)."""
    fwd = [_FWD[v] for v in judge.compare(prompts, answers_x, answers_y, references)]
    bwd = [_BWD[v] for v in judge.compare(prompts, answers_y, answers_x, references)] if swap else list(fwd)
    return PairwiseResult(fwd, bwd, [combine(f, b) for f, b in zip(fwd, bwd)])


@dataclass
class Ranking:
    """A ranking of k answers in the RM schema's sense: ``ranking[i]`` is the rank of answer i (0 = best)."""

    ranking: list[int]
    points: list[float]
    tie_broken: bool
    consistent_pairs: int
    judged_pairs: int
    unparsable_pairs: int


def rank_answers(judge: Judge, prompts: Sequence[str], answers: Sequence[Sequence[str]],
                 references: Sequence[str] | None = None) -> list[Ranking]:
    """Rank the k answers of every prompt from all k(k−1)/2 pairs, each judged in both orders.

    ``answers[p]`` holds the k answers of prompt p (k may differ between prompts). One batched
    :func:`judge_pairs` call covers all pairs of all prompts.
    """
    if len(answers) != len(prompts):
        raise ValueError(f"length mismatch: {len(prompts)} prompts vs {len(answers)} answer lists")
    index = [(p, i, j) for p, a in enumerate(answers) for i, j in combinations(range(len(a)), 2)]
    res = judge_pairs(judge, [prompts[p] for p, _, _ in index], [answers[p][i] for p, i, _ in index],
                      [answers[p][j] for p, _, j in index],
                      None if references is None else [references[p] for p, _, _ in index])
    points = [[0.0] * len(a) for a in answers]
    stats = [[0, 0, 0] for _ in answers]                          # consistent, judged, unparsable
    for (p, i, j), f, b, v in zip(index, res.forward, res.backward, res.final):
        stats[p][1] += 1
        if v == "unparsable":
            stats[p][2] += 1
            continue
        stats[p][0] += f == b
        if v == "X":
            points[p][i] += 1
        elif v == "Y":
            points[p][j] += 1
        else:
            points[p][i] += 0.5
            points[p][j] += 0.5
    out = []
    for p, pts in enumerate(points):
        order = sorted(range(len(pts)), key=lambda i: (-pts[i], i))   # best first; ties → lower index
        ranking = [0] * len(pts)
        for rank, i in enumerate(order):
            ranking[i] = rank
        out.append(Ranking(ranking, pts, len(set(pts)) < len(pts), *stats[p]))
    return out


def ranking_agreement(predicted: Sequence[Sequence[int]], gold: Sequence[Sequence[int]]) -> dict:
    """How well judge rankings match gold (human-style) rankings of the same answers.

    * ``pairwise_agreement``: share of the k(k−1)/2 answer pairs ordered the same way (chance ½);
    * ``exact_match``: share of identical rankings (chance 1/k!);
    * ``best_match``: share where both pick the same best answer (chance 1/k).
    """
    if len(predicted) != len(gold):
        raise ValueError(f"length mismatch: {len(predicted)} predicted vs {len(gold)} gold rankings")
    agree = total = exact = best = 0
    import math

    for r, g in zip(predicted, gold):
        if len(r) != len(g):
            raise ValueError(f"rankings of different sizes: {r} vs {g}")
        for i, j in combinations(range(len(r)), 2):
            total += 1
            agree += (r[i] < r[j]) == (g[i] < g[j])
        exact += list(r) == list(g)
        best += list(r).index(0) == list(g).index(0)
    n = max(1, len(gold))
    k = len(gold[0]) if gold else 3
    return {"n": len(gold), "pairwise_agreement": agree / max(1, total), "exact_match": exact / n,
            "best_match": best / n, "chance_pairwise": 0.5, "chance_exact": 1 / math.factorial(k),
            "chance_best": 1 / k}
