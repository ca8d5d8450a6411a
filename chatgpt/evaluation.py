"""Evaluating trained policies side by side: held-out prompts and a fixed prompt panel.

:func:`evaluate_policies` decodes the held-out evaluation prompts with every policy under one
:class:`~chatgpt.config.GenerationConfig` and scores the answers: RM score, win rates, text metrics,
RM-free relevance, prompt conditioning and an independent judge. :func:`evaluate_panel` gives each
policy's answer and RM score on :data:`PANEL_PROMPTS`, the same few prompts in every notebook and
report. The pipeline (:mod:`chatgpt.pipeline`), the method comparison (:mod:`chatgpt.compare`) and
the notebooks call both.
"""
from __future__ import annotations

from chatgpt.checkpoints import data_path
from chatgpt.config import PipelineConfig

PANEL_PROMPTS = [
    "불고기 만들 때 소고기는 어떤 부위를 사면 좋아요?",
    "세종대왕은 몇 년에 왕위에 올랐어?",
    "인천국제공항은 어디에 있나요?",
    "오늘 미세먼지가 심하다는데 밖에 나가도 될까?",
]


def evaluate_policies(cfg: PipelineConfig, policies: dict, reward_model, tokenizer, progress: bool = True,
                      eval_records: list[dict] | None = None, judge=None) -> dict:
    """Generate on the held-out eval prompts with every policy; metrics, RM scores, win rate.

    ``eval_records`` (``{"prompt", "reference", "category"}`` dicts) replaces the evaluation file, e.g. a
    category-balanced subset in a notebook; the topic classifier is still trained on the SFT file of ``cfg``.
    ``judge`` (a :class:`chatgpt.feedback.Judge`, default the RM-free rule judge) gives the judge win rates.
    """
    from chatgpt.data import load_eval
    from chatgpt.data.loaders import first_rows
    from chatgpt.eval import score_responses, text_metrics, win_rate
    from chatgpt.eval.generate import generate_and_score
    from chatgpt.eval.topic import PromptMatcher, relevance_baselines, relevance_metrics, topic_classifier_from_sft

    if eval_records is not None:
        ev = {k: [r[k] for r in eval_records] for k in ("prompt", "reference", "category")}
    else:
        ev = first_rows(load_eval(data_path(cfg), strict=cfg.strict_data), cfg.eval_prompts)
    prompts, refs, cats = list(ev["prompt"]), list(ev["reference"]), list(ev["category"])
    # RM-free judges of relevance: topic classifier (trained on SFT completions) and prompt retrieval
    from chatgpt.eval.conditioning import prompt_conditioning_gap

    classifier = topic_classifier_from_sft(data_path(cfg))
    matcher = PromptMatcher(prompts, extra_documents=refs)
    ref_scores = score_responses(reward_model, tokenizer, prompts, refs)
    results = {}
    for name, model in policies.items():
        # the sampled ids are scored exactly as PPO's reward (no re-tokenising, no eos added to a cut response)
        responses, scores = generate_and_score(model, reward_model, tokenizer, prompts, cfg.generation,
                                               progress=progress)
        rel = relevance_metrics(prompts, responses, cats, classifier, matcher)
        # does the policy read the question? NLL of the references under their own vs another prompt
        cond = prompt_conditioning_gap(model, tokenizer, prompts, refs) if len(prompts) > 1 else {}
        results[name] = {"responses": responses, "scores": scores, "predicted_categories": rel.pop("predicted_categories"),
                         "metrics": {**text_metrics(responses, refs), "mean_reward": sum(scores) / len(scores),
                                     # over-optimisation signal: how often the RM prefers this answer to the reference
                                     "rm_win_vs_reference": win_rate(scores, ref_scores), **rel, **cond}}
    names = list(policies)
    out = {"prompts": prompts, "references": refs, "categories": cats,
           "reference_mean_reward": sum(ref_scores) / len(ref_scores), "results": results,
           "relevance_baselines": relevance_baselines(prompts, refs, cats, classifier, matcher)}
    # an independent judge (RM-free rule judge by default): win rates with position swap, by length
    from chatgpt.eval.judged import judge_evaluation, judge_metrics

    out["judge"] = judge_evaluation(prompts, refs, {n: results[n]["responses"] for n in names}, judge)
    for n in names:
        results[n]["metrics"].update(judge_metrics(out["judge"], n))
    if len(names) == 2:
        out["win_rate"] = win_rate(results[names[1]]["scores"], results[names[0]]["scores"])
    return out


def evaluate_panel(cfg: PipelineConfig, policies: dict, reward_model, tokenizer, prompts=PANEL_PROMPTS) -> list:
    """The fixed before/after panel: each policy's answer and RM score for each prompt."""
    from chatgpt.eval.generate import generate_and_score

    rows = [{"prompt": p} for p in prompts]
    for name, model in policies.items():
        responses, scores = generate_and_score(model, reward_model, tokenizer, prompts, cfg.generation)
        for row, r, s in zip(rows, responses, scores):
            row[name], row[f"{name}_reward"] = r, s
    return rows
