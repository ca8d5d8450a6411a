"""RLAIF labelling: sample k answers per prompt from a policy, rank them with a judge, write RM data.

Reinforcement learning from AI feedback (Bai et al., 2022, "Constitutional AI"; Lee et al., 2023,
"RLAIF") replaces the human who ranks a policy's samples (InstructGPT step 2, Ouyang et al.,
2022) with a judge. Here:

1. sample k answers for each prompt from a checkpoint (k decoding seeds; an empty answer — eos at
   once — is resampled up to ``resample_rounds`` times, and a prompt still without k non-empty
   answers is skipped and *counted*);
2. judge every pair of the k answers in both orders (:func:`chatgpt.feedback.pairwise.rank_answers`)
   and turn the verdicts into a ranking;
3. keep 3 answers — the best, the median and the worst of the ranking (all k when k = 3) — and
   write records in the KoChatGPT RM schema (``ranking[i]`` = rank of ``completion_i``, 0 = best),
   which ``python -m chatgpt.data validate`` accepts.

:func:`judge_rm_records` measures a judge against human-style labels: it ranks the 3 completions of
each record of an existing RM file and compares with the file's ``ranking``.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Sequence

from chatgpt.config import GenerationConfig
from chatgpt.data.pairs import COMPLETION_KEYS
from chatgpt.feedback.judges import Judge
from chatgpt.feedback.pairwise import rank_answers, ranking_agreement


@dataclass
class LabelConfig:
    """Settings of one RLAIF labelling run."""

    k: int = 3                     # answers sampled per prompt (≥ 3; 3 are kept: best, median, worst)
    resample_rounds: int = 3       # extra sampling rounds for prompts that got an empty answer
    use_references: bool = True    # pass the input's ``reference`` (eval files) to the judge
    generation: GenerationConfig = field(default_factory=lambda: GenerationConfig(temperature=1.0, max_new_tokens=96))


def sample_answers(model, tokenizer, prompts: Sequence[str], config: LabelConfig,
                   progress: bool = False) -> tuple[list[list[str]], int]:
    """k non-empty answers per prompt (``None`` for prompts that never got k) and the number of empty samples."""
    from chatgpt.eval.generate import generate_responses

    gen = config.generation
    answers = [[] for _ in prompts]
    empty = 0
    for round_ in range(config.resample_rounds + 1):
        need = [i for i, a in enumerate(answers) if len(a) < config.k]
        if not need:
            break
        # every round draws k fresh samples for the prompts still short of k (seeds never repeat)
        for j in range(config.k):
            seed = gen.seed + 7919 * (round_ * config.k + j)
            out = generate_responses(model, tokenizer, [prompts[i] for i in need], replace(gen, seed=seed),
                                     progress=progress and round_ == 0)
            for i, text in zip(need, out):
                if not text.strip():
                    empty += 1                       # eos at once: discarded, counted, resampled next round
                elif len(answers[i]) < config.k:
                    answers[i].append(text.strip())
    return [a if len(a) == config.k else None for a in answers], empty


def label_prompts(model, tokenizer, records: Sequence[dict], judge: Judge, config: LabelConfig | None = None,
                  progress: bool = False) -> tuple[list[dict], dict]:
    """RM-schema records for ``records`` (dicts with ``prompt`` and optional ``reference``/``category``) and stats."""
    config = config or LabelConfig()
    if config.k < 3:
        raise ValueError(f"k must be >= 3 (the RM schema holds 3 ranked completions), got {config.k}")
    prompts = [r["prompt"] for r in records]
    answers, empty = sample_answers(model, tokenizer, prompts, config, progress)
    keep = [i for i, a in enumerate(answers) if a is not None]
    refs = None
    if config.use_references and all("reference" in records[i] for i in keep) and keep:
        refs = [records[i]["reference"] for i in keep]
    rankings = rank_answers(judge, [prompts[i] for i in keep], [answers[i] for i in keep], refs)
    out = []
    for i, rk in zip(keep, rankings):
        order = sorted(range(config.k), key=lambda a: rk.ranking[a])            # best … worst
        chosen = [order[0], order[config.k // 2], order[-1]] if config.k > 3 else list(range(3))
        # completions keep sample order (not rank order), so a position in the file says nothing about quality
        chosen.sort()
        ranks = [rk.ranking[a] for a in chosen]
        rec = {"prompt": prompts[i], **{key: answers[i][a] for key, a in zip(COMPLETION_KEYS, chosen)},
               "ranking": [sorted(ranks).index(r) for r in ranks]}
        if records[i].get("category"):
            rec["category"] = records[i]["category"]
        out.append(rec)
    stats = {"judge": judge.name, "prompts": len(prompts), "labelled": len(out), "skipped_no_k_answers":
             len(prompts) - len(out), "empty_samples_discarded": empty, "k": config.k,
             "used_references": refs is not None, **_ranking_stats(rankings)}
    return out, stats


def _ranking_stats(rankings) -> dict:
    judged = sum(r.judged_pairs for r in rankings)
    unparsable = sum(r.unparsable_pairs for r in rankings)
    parsable = judged - unparsable
    return {"pairs_judged": judged, "pairs_unparsable": unparsable,
            "position_swap_consistency": sum(r.consistent_pairs for r in rankings) / parsable if parsable else None,
            "rankings_tie_broken": sum(r.tie_broken for r in rankings)}


def judge_rm_records(judge: Judge, records: Sequence[dict]) -> dict:
    """Rank each RM record's own 3 completions with ``judge``; agreement with the record's ``ranking``."""
    prompts = [r["prompt"] for r in records]
    rankings = rank_answers(judge, prompts, [[r[k] for k in COMPLETION_KEYS] for r in records])
    return {"judge": judge.name, **ranking_agreement([r.ranking for r in rankings], [r["ranking"] for r in records]),
            **_ranking_stats(rankings)}
