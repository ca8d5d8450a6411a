"""The judge interface and the two offline judges (the project's reward model and a rule judge).

A *judge* answers pairwise questions — "for this prompt, is the answer shown first (A) or the
one shown second (B) better, or is it a tie?" — in batches::

    judge.compare(prompts, first, second, references=None) -> ["A" | "B" | "tie" | "unparsable", ...]

Pairwise comparison is how human labellers ranked InstructGPT's samples (Ouyang et al., 2022)
and how LLM judges are used (Zheng et al., 2023; Dubois et al., 2023). Swapping the two answers
and asking again exposes *position bias*; :mod:`chatgpt.feedback.pairwise` does that.

Offline judges are *score judges*: they give every answer a scalar ``s(x, y)`` and compare
``s(x, A) − s(x, B)`` with a tie margin. A score judge is symmetric by construction, so its
position-swap consistency is 1.0 — only a generative (API) judge can show position bias.

* :class:`RMJudge` — the course's reward model, ``r(x, y)`` (normalised). It is the thing PPO
  optimises, so it is *not* independent evaluation; it is here to label data (RLAIF with a
  trained RM as the "AI") and as a comparison point.
* :class:`RuleJudge` — a transparent, RM-free heuristic over Kiwi morphemes::

      s = w_rel · relevance + w_info · informativeness
          − w_rep · repetition − w_for · foreign_script − w_unf · unfinished

  ``relevance`` is the content-morpheme F1 with the reference answer when one is given, else the
  recall of the prompt's content morphemes in the answer; ``informativeness`` = min(1, distinct
  content morphemes / ``info_saturation``); ``repetition`` = 1 − distinct/total content morphemes
  (a looped list of words scores high) plus the 4-gram repetition rate of
  :func:`chatgpt.eval.metrics.repetition_rate`; ``foreign_script`` from
  :func:`chatgpt.eval.metrics.foreign_script_rate`; ``unfinished`` = 1 when the last morpheme is
  neither a sentence-final ending (Kiwi ``EF``) nor final punctuation (``SF``). It reads the
  *words*, not the meaning: it cannot tell a true answer from a fluent false one.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

VERDICTS = ("A", "B", "tie", "unparsable")


class Judge:
    """Base class: ``compare`` returns one verdict in :data:`VERDICTS` per (prompt, first, second)."""

    name = "judge"

    def compare(self, prompts: Sequence[str], first: Sequence[str], second: Sequence[str],
                references: Sequence[str] | None = None) -> list[str]:
        raise NotImplementedError


class ScoreJudge(Judge):
    """A judge from a scalar score: ``A`` if ``s(A) − s(B) > tie_margin``, ``B`` if ``< −tie_margin``, else tie."""

    def __init__(self, tie_margin: float = 0.0):
        if tie_margin < 0:
            raise ValueError(f"tie_margin must be >= 0, got {tie_margin}")
        self.tie_margin = tie_margin

    def scores(self, prompts: Sequence[str], answers: Sequence[str],
               references: Sequence[str] | None = None) -> list[float]:
        raise NotImplementedError

    def compare(self, prompts, first, second, references=None) -> list[str]:
        _check(prompts, first, second, references)
        n = len(prompts)
        # one batched scoring call for both sides: (2n,) scores
        s = self.scores(list(prompts) * 2, list(first) + list(second),
                        None if references is None else list(references) * 2)
        out = []
        for a, b in zip(s[:n], s[n:]):
            out.append("A" if a - b > self.tie_margin else "B" if b - a > self.tie_margin else "tie")
        return out


def _check(prompts, first, second, references) -> None:
    if not (len(prompts) == len(first) == len(second)) or (references is not None and len(references) != len(prompts)):
        raise ValueError(f"length mismatch: {len(prompts)} prompts, {len(first)} first, {len(second)} second"
                         + ("" if references is None else f", {len(references)} references"))


class RMJudge(ScoreJudge):
    """The trained reward model as a judge (references are ignored)."""

    name = "rm"

    def __init__(self, reward_model, tokenizer, tie_margin: float = 0.0, batch_size: int = 32):
        super().__init__(tie_margin)
        self.reward_model, self.tokenizer, self.batch_size = reward_model, tokenizer, batch_size

    @classmethod
    def from_pretrained(cls, path, **kw) -> "RMJudge":
        from chatgpt.models import RewardModel
        from chatgpt.checkpoints import load_tokenizer

        return cls(RewardModel.from_pretrained(path), load_tokenizer(str(path)), **kw)

    def scores(self, prompts, answers, references=None) -> list[float]:
        from chatgpt.eval.generate import score_responses

        # empty answers are scored as the bare template + eos (what the policy would have produced)
        return score_responses(self.reward_model, self.tokenizer, list(prompts), list(answers), self.batch_size)


@dataclass
class RuleJudgeConfig:
    """Weights of :class:`RuleJudge` (see the module docstring for the formula)."""

    w_relevance: float = 1.0        # content-morpheme F1 with the reference (or prompt recall without one)
    w_info: float = 0.5             # informativeness, saturating at info_saturation distinct content morphemes
    info_saturation: int = 25       # 15 → 25 moved agreement with the RM file's rankings 0.78 → 0.81 (300 records)
    w_repetition: float = 1.0       # looped words / repeated 4-grams
    w_foreign: float = 1.0          # stray Latin / Hanja / kana / Cyrillic characters
    w_unfinished: float = 0.3       # the answer stops mid-sentence
    tie_margin: float = 0.02        # |s(A) − s(B)| ≤ margin is a tie


def _f1(a: set, b: set) -> float:
    common = len(a & b)
    return 0.0 if not common else 2 * common / (len(a) + len(b))


class RuleJudge(ScoreJudge):
    """RM-free heuristic judge over Kiwi morphemes (formula in the module docstring)."""

    name = "rule"

    def __init__(self, config: RuleJudgeConfig | None = None):
        self.config = config or RuleJudgeConfig()
        super().__init__(self.config.tie_margin)

    def components(self, prompt: str, answer: str, reference: str | None = None) -> dict:
        """The named terms of ``s(x, y)`` for one answer (each in [0, 1]) and the total ``score``."""
        from chatgpt.eval.metrics import _kiwi, foreign_script_rate, repetition_rate
        from chatgpt.eval.topic import content_words

        c = self.config
        words = content_words(answer)
        if not words:                                              # empty or content-free: worst possible
            return {"relevance": 0.0, "informativeness": 0.0, "repetition": 1.0, "foreign": 0.0,
                    "unfinished": 1.0, "score": -(c.w_repetition + c.w_unfinished)}
        ws = set(words)
        if reference:
            relevance = _f1(ws, set(content_words(reference)))
        else:
            pw = set(content_words(prompt))
            relevance = len(pw & ws) / len(pw) if pw else 0.0
        info = min(1.0, len(ws) / c.info_saturation)
        repetition = min(1.0, (1 - len(ws) / len(words)) + repetition_rate([answer]))
        foreign = foreign_script_rate([answer])
        last = _kiwi().tokenize(answer.strip())[-1].tag
        unfinished = 0.0 if last.startswith(("EF", "SF")) else 1.0
        score = (c.w_relevance * relevance + c.w_info * info - c.w_repetition * repetition
                 - c.w_foreign * foreign - c.w_unfinished * unfinished)
        return {"relevance": relevance, "informativeness": info, "repetition": repetition, "foreign": foreign,
                "unfinished": unfinished, "score": score}

    def scores(self, prompts, answers, references=None) -> list[float]:
        refs = references if references is not None else [None] * len(prompts)
        return [self.components(p, a, r)["score"] for p, a, r in zip(prompts, answers, refs)]
