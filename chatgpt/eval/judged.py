"""Judge win rates of policies — with position swap, stratified by length and length-controlled.

The reward model's win rate is what PPO maximises, so it cannot tell real progress from reward
hacking. This module asks an *independent* judge (by default the offline, RM-free
:class:`~chatgpt.feedback.RuleJudge`; an :class:`~chatgpt.feedback.api.APIJudge` when a key is set)
the AlpacaEval question (Dubois et al., 2023) — "which answer is better?" — in both orders
(MT-Bench's position swap, Zheng et al., 2023):

* **vs reference**: each policy against the evaluation file's reference answers. The reference is
  the opponent, so it is *not* shown to the judge as a reference (a reference-overlap judge would
  otherwise crown it trivially).
* **vs first policy**: each later policy against the first one (SFT), with the reference shown.

Judges prefer longer answers (Dubois et al., 2024, "Length-Controlled AlpacaEval"), and RL makes
answers longer, so a win rate is also reported

* **stratified by length**: items binned by the length ratio ρ = len(X) / len(Y) in characters —
  ``shorter`` (ρ < 0.8), ``similar`` (0.8 ≤ ρ ≤ 1.25), ``longer`` (ρ > 1.25) — with n per bin;
* **length-controlled** (AlpacaEval 2.0's idea, one regressor): fit
  P(X wins) = σ(θ₀ + θ₁ · tanh(Δ / s)), Δ = len(X) − len(Y), s = std(Δ), by ridge-regularised
  logistic regression on the final verdicts (tie = ½), and report σ(θ₀): the win rate the judge
  would give *at equal length*.
"""
from __future__ import annotations

import math
from typing import Sequence

from chatgpt.feedback.judges import Judge
from chatgpt.feedback.pairwise import PairwiseResult, judge_pairs

LENGTH_BINS = (("shorter", 0.8), ("similar", 1.25), ("longer", math.inf))   # (name, upper bound of ρ)


def length_bin(ratio: float) -> str:
    """The bin of a length ratio ρ: shorter (ρ < 0.8), similar (0.8 ≤ ρ ≤ 1.25), longer (ρ > 1.25)."""
    return "shorter" if ratio < 0.8 else "similar" if ratio <= 1.25 else "longer"


def length_strata(result: PairwiseResult, answers_x: Sequence[str], answers_y: Sequence[str]) -> dict:
    """``{bin: {"n", "win_rate"}}`` over the length-ratio bins of :data:`LENGTH_BINS`."""
    ratio = [len(x) / max(1, len(y)) for x, y in zip(answers_x, answers_y)]
    out = {}
    for name, _ in LENGTH_BINS:
        mask = [length_bin(r) == name for r in ratio]
        n = sum(m and v != "unparsable" for m, v in zip(mask, result.final))
        out[name] = {"n": n, "win_rate": result.win_rate(mask) if n else None}
    return out


def length_controlled_win_rate(result: PairwiseResult, answers_x: Sequence[str], answers_y: Sequence[str],
                               ridge: float = 1e-2, iterations: int = 50) -> float | None:
    """σ(θ₀) of P(X wins) = σ(θ₀ + θ₁ · tanh(Δ / s)) fitted by Newton's method (None with < 2 judged items)."""
    import numpy as np

    keep = [i for i, v in enumerate(result.final) if v != "unparsable"]
    if len(keep) < 2:
        return None
    y = np.array([{"X": 1.0, "Y": 0.0, "tie": 0.5}[result.final[i]] for i in keep])
    delta = np.array([len(answers_x[i]) - len(answers_y[i]) for i in keep], dtype=float)
    s = delta.std() or 1.0
    X = np.stack([np.ones_like(delta), np.tanh(delta / s)], axis=1)                 # (n, 2)
    theta = np.zeros(2)
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-X @ theta))                                              # (n,)
        grad = X.T @ (p - y) / len(y) + ridge * theta                                 # ∇ of mean log-loss + ridge
        hess = (X * (p * (1 - p))[:, None]).T @ X / len(y) + ridge * np.eye(2)
        step = np.linalg.solve(hess, grad)
        theta -= step
        if np.abs(step).max() < 1e-10:
            break
    return float(1 / (1 + math.exp(-theta[0])))


def _summary(result: PairwiseResult, x: Sequence[str], y: Sequence[str]) -> dict:
    return {**result.summary(), "length_controlled_win_rate": length_controlled_win_rate(result, x, y),
            "by_length": length_strata(result, x, y)}


def judge_evaluation(prompts: Sequence[str], references: Sequence[str], responses: dict[str, Sequence[str]],
                     judge: Judge | None = None) -> dict:
    """Judge win rates of every policy vs the references and vs the first policy (see the module docstring)."""
    if judge is None:
        from chatgpt.feedback import RuleJudge

        judge = RuleJudge()
    names = list(responses)
    policies = {}
    for name in names:
        ans = list(responses[name])
        entry = {"vs_reference": _summary(judge_pairs(judge, prompts, ans, references), ans, references)}
        if name != names[0]:
            first = list(responses[names[0]])
            entry["vs_first"] = _summary(judge_pairs(judge, prompts, ans, first, references), ans, first)
        policies[name] = entry
    consistencies = [c for e in policies.values() for v in e.values() if (c := v["consistency"]) == c]   # not NaN
    return {"judge": judge.name, "first_policy": names[0] if names else None, "policies": policies,
            "position_swap_consistency": sum(consistencies) / len(consistencies) if consistencies else None}


def judge_metrics(evaluation: dict, name: str) -> dict:
    """The flat numbers of one policy for the metrics table (``judge_win_vs_reference`` etc.)."""
    e = evaluation["policies"][name]
    out = {"judge_win_vs_reference": e["vs_reference"]["win_rate"],
           "judge_lc_win_vs_reference": e["vs_reference"]["length_controlled_win_rate"]}
    if "vs_first" in e:
        out.update(judge_win_vs_first=e["vs_first"]["win_rate"],
                   judge_lc_win_vs_first=e["vs_first"]["length_controlled_win_rate"])
    return out
