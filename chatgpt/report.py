"""The report of one pipeline run: its contents, its plots, ``report.json`` and a readable ``report.md``.

:func:`pipeline_report` assembles the report from the stages' summaries and the evaluation,
:func:`write_plots` draws the stages' PNG plots, :func:`write_report` writes ``report.json`` and
the Markdown of :func:`render_markdown` (or another renderer: :mod:`chatgpt.compare` passes its own).
"""
from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

METRICS = ["mean_reward", "rm_win_vs_reference", "on_topic_rate", "prompt_match_at_1", "prompt_match_at_5",
           "conditioning_gap", "own_prompt_preferred", "nll_own_prompt",
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
                  "answers: a sign of reward over-optimisation when the RM-free scores do not rise with it. "
                  "`conditioning_gap` (`chatgpt.eval.conditioning`) = NLL of the reference answers under another "
                  "prompt minus under their own (nats/token): 0 means the policy does not read the question; "
                  "`own_prompt_preferred` = share of references made more likely by their own prompt (0.5 = chance)."]
    lines += judge_lines(r.get("judge"))
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


def _cell(v, n=None) -> str:
    if v is None or v != v:                      # None or NaN: nothing judged
        return "–" if n is None else f"– ({n})"
    return f"{v:.3f}" if n is None else f"{v:.2f} ({n})"


def judge_lines(j: dict | None) -> list[str]:
    """The report's section on the independent judge (:func:`chatgpt.eval.judged.judge_evaluation`)."""
    if not j:
        return []
    lines = ["", f"## Independent judge (`{j['judge']}`, every pair judged in both orders)", "",
             "| policy | vs | win rate | length-controlled | wins / losses / ties | swap consistency "
             "| shorter (n) | similar (n) | longer (n) |", "|---|---|---|---|---|---|---|---|---|"]
    for name, e in j["policies"].items():
        for key, opp in (("vs_reference", "reference"), ("vs_first", j["first_policy"])):
            if key not in e:
                continue
            s, b = e[key], e[key]["by_length"]
            lines.append(f"| {name} | {opp} | {_cell(s['win_rate'])} | {_cell(s['length_controlled_win_rate'])} | "
                         f"{s['wins']} / {s['losses']} / {s['ties']}"
                         + (f" ({s['unparsable']} unparsable)" if s["unparsable"] else "")
                         + f" | {_cell(s['consistency'])} | "
                         + " | ".join(_cell(b[k]["win_rate"], b[k]["n"]) for k in ("shorter", "similar", "longer"))
                         + " |")
    c = j.get("position_swap_consistency")
    lines += ["", f"Position-swap consistency of the judge: **{_cell(c)}** (share of pairs whose verdict did not "
              "change when the two answers swapped places; an inconsistent pair counts as a tie). A score judge "
              "(`rule`, `rm`) is symmetric, so its consistency is 1.0 by construction; an LLM judge "
              "(`chatgpt.feedback.api`) can show position bias. The `rule` judge never looks at the RM: it scores "
              "content-morpheme overlap (with the prompt against the reference, with the reference between "
              "policies), informativeness, and penalises loops, foreign script and unfinished sentences. "
              "Length bins: the policy's answer is shorter (ρ < 0.8), similar or longer (ρ > 1.25) than the "
              "opponent's, in characters; length-controlled = σ(θ₀) of a logistic fit of the verdict on "
              "tanh(Δlength / s) (AlpacaEval 2.0's idea): the win rate at equal length."]
    return lines


def pipeline_report(cfg, *, base: str, build_seconds: float, tiny_info: dict, pipeline_seconds: float, sft: dict,
                    rm: dict, ppo: dict, ev: dict, panel: list, device) -> dict:
    """The report of ``run_pipeline``: the stages' summaries (``stage_*`` results or ``load_stage`` for a
    reused stage), the evaluation ``ev`` of SFT vs PPO, the fixed-prompt ``panel`` and the run's settings.

    ``tiny_info`` is the tiny build's ``build.json`` (empty for another base model); ``build_seconds`` is the
    time :func:`chatgpt.pipeline.base_model_path` took in this run.
    """
    import torch

    return {
        "profile": cfg.profile,
        "base_model": base,
        # the one-time build's own duration (from its build.json), and whether this run reused a cached build
        "tiny_build_seconds": tiny_info.get("build_seconds", 0.0),
        "tiny_build_reused": bool(tiny_info) and build_seconds < 0.5 * tiny_info.get("build_seconds", 0.0),
        "tiny_heldout_loss": tiny_info.get("heldout_loss"),
        "pipeline_seconds": pipeline_seconds,
        "sft_eval_loss": sft["final_eval_loss"],
        "sft_seconds": sft["seconds"],
        "stages_reused": [s for s, d in (("sft", sft), ("rm", rm)) if "model" not in d],
        "rm_eval_accuracy": rm["eval_accuracy"],
        "rm_eval_margin": rm["eval_margin"],
        "rm_seconds": rm["seconds"],
        "ppo_seconds": ppo["seconds"],
        "ppo_reward_first": ppo["reward_first"],
        "ppo_reward_last5": ppo["reward_last5"],
        "ppo_kl_mean": ppo["kl_mean"],
        "ppo_kl_last5": ppo["kl_last5"],
        "ppo_vs_sft_rm_win_rate": ev["win_rate"],
        "eval_prompts": len(ev["prompts"]),
        "reference_mean_reward": ev["reference_mean_reward"],
        "relevance_baselines": ev["relevance_baselines"],
        "judge": ev.get("judge"),
        "metrics": {k: v["metrics"] for k, v in ev["results"].items()},
        "samples": [{"prompt": p, "reference": r, "sft": s, "ppo": q}
                    for p, r, s, q in list(zip(ev["prompts"], ev["references"], ev["results"]["sft"]["responses"],
                                               ev["results"]["ppo"]["responses"]))[:8]],
        "panel": panel,
        "config": asdict(cfg),
        "device": str(device),
        "torch_threads": torch.get_num_threads(),
    }


def write_plots(sft: dict, rm: dict, ppo: dict, ev: dict, out_dir: Path) -> None:
    """The report's PNG plots (named at the end of :func:`render_markdown`) into ``out_dir``."""
    from chatgpt import plots

    out_dir = Path(out_dir)
    plots.plot_sft(sft["history"], out_dir / "sft_loss.png")
    plots.plot_rm(rm["history"], out_dir / "rm_accuracy.png")
    plots.plot_ppo(ppo["history"], out_dir / "ppo_reward_kl.png")
    plots.plot_score_hist({"SFT": ev["results"]["sft"]["scores"], "PPO": ev["results"]["ppo"]["scores"]},
                          out_dir / "eval_rewards.png", title="RM score on held-out prompts")


def write_report(report: dict, out_dir: Path, render=render_markdown) -> None:
    """``report.json`` and ``report.md`` (the Markdown of ``render(report)``) into ``out_dir``."""
    out_dir = Path(out_dir)
    (out_dir / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1, default=str))
    (out_dir / "report.md").write_text(render(report), encoding="utf-8")
