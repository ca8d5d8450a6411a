"""Korean-correct automatic metrics for generated answers.

* **BLEU** (Papineni et al., 2002) through ``sacrebleu`` on *morpheme-tokenized*
  text: sacrebleu's default ``13a`` tokenizer splits on spaces only, and Korean
  eojeol (어절) glue particles to words, so "서울은" and "서울이" would never match.
  We tokenize with Kiwi (``kiwipiepy``) and call sacrebleu with ``tokenize="none"``.
* **ROUGE-L** (Lin, 2004) through ``rouge-score`` with a Kiwi tokenizer — its default
  tokenizer keeps only ``[a-z0-9]`` and silently turns Hangul into nothing (score 0).
* **distinct-n** (Li et al., 2016): unique n-grams / all n-grams over a set of outputs.
* **repetition rate**: per output, the share of its 4-grams that repeat an earlier
  4-gram of the same output (0 = no loops), averaged over outputs.
* **foreign-script rate**: the share of non-space characters that are Latin letters or
  Han ideographs (Hanja) — the "stray Hanja/English" of the old course's outputs.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

_FOREIGN = re.compile(r"[A-Za-z\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\u3040-\u30ff\u0400-\u04ff]")


@lru_cache(maxsize=1)
def _kiwi():
    from kiwipiepy import Kiwi

    return Kiwi()


@lru_cache(maxsize=65536)
def _tokens_cached(text: str) -> tuple[str, ...]:
    return tuple(t.form for t in _kiwi().tokenize(text))


def korean_tokens(text: str) -> list[str]:
    """Kiwi morphemes of ``text`` (surface forms), e.g. "서울은" → ["서울", "은"]."""
    text = text.strip()
    return list(_tokens_cached(text)) if text else []


class KiwiTokenizer:
    """Adapter with the ``tokenize(text) -> list[str]`` method that ``rouge_score`` expects."""

    def tokenize(self, text: str) -> list[str]:
        return korean_tokens(text)


def bleu(hypotheses: Sequence[str], references: Sequence[str]) -> float:
    """Corpus BLEU (0–100) on Kiwi morphemes."""
    import sacrebleu

    _check_lengths(hypotheses, references)
    hyp = [" ".join(korean_tokens(h)) for h in hypotheses]
    ref = [" ".join(korean_tokens(r)) for r in references]
    return float(sacrebleu.corpus_bleu(hyp, [ref], tokenize="none").score)


def rouge_l(hypotheses: Sequence[str], references: Sequence[str]) -> float:
    """Mean ROUGE-L F1 (0–1) with Kiwi tokenization."""
    from rouge_score import rouge_scorer

    _check_lengths(hypotheses, references)
    scorer = rouge_scorer.RougeScorer(["rougeL"], tokenizer=KiwiTokenizer())
    if not hypotheses:
        return 0.0
    return sum(scorer.score(r, h)["rougeL"].fmeasure for h, r in zip(hypotheses, references)) / len(hypotheses)


def _ngrams(tokens: Sequence[str], n: int) -> list[tuple[str, ...]]:
    return [tuple(tokens[i: i + n]) for i in range(len(tokens) - n + 1)]


def distinct_n(texts: Sequence[str], n: int = 2) -> float:
    """``|unique n-grams| / |n-grams|`` over all texts (0 if there are none)."""
    grams = [g for t in texts for g in _ngrams(korean_tokens(t), n)]
    return len(set(grams)) / len(grams) if grams else 0.0


def repetition_rate(texts: Sequence[str], n: int = 4) -> float:
    """Mean over texts of the share of n-grams already seen earlier in the same text."""
    rates = []
    for t in texts:
        grams = _ngrams(korean_tokens(t), n)
        rates.append(1 - len(set(grams)) / len(grams) if grams else 0.0)
    return sum(rates) / len(rates) if rates else 0.0


def foreign_script_rate(texts: Sequence[str]) -> float:
    """Latin/Hanja/kana/Cyrillic characters ÷ non-space characters, over all texts."""
    total = sum(len(re.sub(r"\s", "", t)) for t in texts)
    foreign = sum(len(_FOREIGN.findall(t)) for t in texts)
    return foreign / total if total else 0.0


def win_rate(scores_a: Sequence[float], scores_b: Sequence[float]) -> float:
    """Share of prompts where A's reward beats B's (ties count ½)."""
    _check_lengths(scores_a, scores_b)
    if not scores_a:
        return 0.0
    return sum(1.0 if a > b else 0.5 if a == b else 0.0 for a, b in zip(scores_a, scores_b)) / len(scores_a)


def text_metrics(hypotheses: Sequence[str], references: Sequence[str] | None = None) -> dict:
    """All reference-free metrics, plus BLEU/ROUGE-L when references are given."""
    out = {"distinct_2": distinct_n(hypotheses, 2), "repetition_rate": repetition_rate(hypotheses),
           "foreign_script_rate": foreign_script_rate(hypotheses),
           "mean_length_chars": sum(len(h) for h in hypotheses) / max(1, len(hypotheses))}
    if references is not None:
        out.update(rouge_l=rouge_l(hypotheses, references), bleu=bleu(hypotheses, references))
    return out


def _check_lengths(a: Sequence, b: Sequence) -> None:
    if len(a) != len(b):
        raise ValueError(f"length mismatch: {len(a)} hypotheses vs {len(b)} references")
