"""``report.json`` and a readable ``report.md`` for one pipeline run."""
from __future__ import annotations

import json
from pathlib import Path

METRICS = ["mean_reward", "rm_win_vs_reference", "on_topic_rate", "prompt_match_at_1", "prompt_match_at_5",
           "rouge_l", "bleu", "distinct_2", "repetition_rate", "foreign_script_rate", "mean_length_chars"]


def _fmt(v) -> str:
    return f"{v:.3f}" if isinstance(v, float) else str(v)


def render_markdown(r: dict) -> str:
    m = r["metrics"]
    lines = [
        f"# KoChatGPT pipeline report — profile `{r['profile']}`", "",
        f"- base model: `{Path(str(r['base_model'])).name}`; device `{r['device']}`, torch threads {r['torch_threads']}",
        f"- tiny build: {r['tiny_build_seconds']:.0f} s{' (reused from cache)' if r.get('tiny_build_reused') else ''}"
        + (f", held-out LM loss {r['tiny_heldout_loss']:.3f}" if r.get("tiny_heldout_loss") else ""),
        f"- pipeline (SFT → RM → PPO → eval): **{r['pipeline_seconds']:.0f} s** "
        f"(SFT {r['sft_seconds']:.0f} s, RM {r['rm_seconds']:.0f} s, PPO {r['ppo_seconds']:.0f} s)",
        f"- SFT eval loss: {r['sft_eval_loss']:.3f}",
        f"- RM held-out pairwise accuracy: **{r['rm_eval_accuracy']:.3f}** (margin {r['rm_eval_margin']:.2f})",
        f"- PPO reward: {r['ppo_reward_first']:.2f} → {r['ppo_reward_last5']:.2f} (last 5 iterations); "
        f"KL per sequence mean {r['ppo_kl_mean']:.2f}, last 5 {r['ppo_kl_last5']:.2f}",
        f"- **PPO vs SFT RM win rate on {r['eval_prompts']} held-out prompts: {r['ppo_vs_sft_rm_win_rate']:.3f}**",
        f"- reference answers' mean RM score: {r['reference_mean_reward']:.2f}", "",
        "| metric (held-out eval prompts) | SFT | PPO |", "|---|---|---|",
    ]
    for k in METRICS:
        if k in m["sft"]:
            lines.append(f"| {k} | {_fmt(m['sft'][k])} | {_fmt(m['ppo'][k])} |")
    b = r.get("relevance_baselines")
    if b:
        lines += ["", "RM-free relevance (`chatgpt.eval.topic`): `on_topic_rate` = a Naive Bayes topic classifier "
                  "trained on the SFT completions predicts the prompt's category from the answer alone; "
                  "`prompt_match_at_k` = the answer's own prompt is among its k most TF-IDF-similar eval prompts. "
                  f"Ceiling (reference answers): on-topic {b['classifier_accuracy_on_references']:.3f}, "
                  f"match@1 {b['prompt_match_at_1_references']:.3f}, match@5 {b['prompt_match_at_5_references']:.3f}; "
                  f"chance: on-topic {b['on_topic_chance']:.3f}, match@1 {b['prompt_match_at_1_chance']:.3f}, "
                  f"match@5 {b['prompt_match_at_5_chance']:.3f}. "
                  "`rm_win_vs_reference` > 0.5 means the RM prefers the policy to the human-style reference "
                  "answers: a sign of reward over-optimisation when the RM-free scores do not rise with it."]
    lines += ["", "## Fixed prompt panel", "", "| prompt | SFT | PPO |", "|---|---|---|"]
    for row in r["panel"]:
        cell = lambda name: f"{row[name]} *(r={row[name + '_reward']:.2f})*".replace("|", "/").replace("\n", " ")
        lines.append(f"| {row['prompt']} | {cell('sft')} | {cell('ppo')} |")
    lines += ["", "## Held-out samples", ""]
    for s in r["samples"][:4]:
        lines += [f"- **{s['prompt']}**", f"  - reference: {s['reference']}", f"  - SFT: {s['sft']}",
                  f"  - PPO: {s['ppo']}"]
    lines += ["", "Plots: `sft_loss.png`, `rm_accuracy.png`, `ppo_reward_kl.png`, `eval_rewards.png`."]
    return "\n".join(lines) + "\n"


def write_report(report: dict, out_dir: Path) -> None:
    out_dir = Path(out_dir)
    (out_dir / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1, default=str))
    (out_dir / "report.md").write_text(render_markdown(report), encoding="utf-8")
