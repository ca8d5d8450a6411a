"""AI feedback: judges (API and offline), pairwise judging with position swap, and RLAIF labelling.

* :mod:`.judges` — the :class:`Judge` interface, :class:`RMJudge` and :class:`RuleJudge` (offline);
* :mod:`.api` — an OpenAI-compatible chat-completions judge with retries, timeouts and a JSONL cache;
* :mod:`.pairwise` — both-order judging, win rates, consistency, rankings from pairwise verdicts;
* :mod:`.label` — RLAIF (Bai et al., 2022; Lee et al., 2023): sample k answers, rank them with a
  judge, write an RM-schema file (``python -m chatgpt.feedback label``).
"""
from chatgpt.feedback.judges import VERDICTS, Judge, RMJudge, RuleJudge, RuleJudgeConfig, ScoreJudge
from chatgpt.feedback.pairwise import PairwiseResult, judge_pairs, rank_answers, ranking_agreement

__all__ = ["VERDICTS", "Judge", "ScoreJudge", "RMJudge", "RuleJudge", "RuleJudgeConfig", "PairwiseResult",
           "judge_pairs", "rank_answers", "ranking_agreement", "make_judge"]


def make_judge(kind: str, rm_path=None, **kw) -> Judge:
    """``"rule"`` | ``"rm"`` (needs ``rm_path``) | ``"api"`` (from ``KOCHATGPT_JUDGE_*``)."""
    if kind == "rule":
        return RuleJudge(**kw)
    if kind == "rm":
        if rm_path is None:
            raise ValueError("the 'rm' judge needs the path of a reward-model checkpoint")
        return RMJudge.from_pretrained(rm_path, **kw)
    if kind == "api":
        from chatgpt.feedback.api import APIJudge

        return APIJudge.from_env(**kw)
    raise ValueError(f"unknown judge {kind!r}; expected 'rule', 'rm' or 'api'")
