"""PPO, DPO and GRPO from one SFT checkpoint, judged by one evaluation: a table with one row per method.

``python -m chatgpt pipeline --stages sft,rm,ppo,dpo,grpo`` runs :func:`compare_methods`: the SFT
model and the reward model are trained once (or reused with ``--resume``), every requested
method starts from that SFT checkpoint, and :func:`chatgpt.evaluation.evaluate_policies` decodes
the held-out prompts with every policy under the same :class:`~chatgpt.config.GenerationConfig`.
Each row has the RM's verdict (mean score, win rate against SFT and against the reference
answers), the RM-free relevance metrics, the text metrics, and the KL to the SFT model of the
policy's own answers (:mod:`chatgpt.eval.kl`): the price each method paid for its reward.

Writes ``report.json`` and ``report.md`` (and ``methods_reward_kl.png``) into the output directory.
:func:`plot_frontier` draws the reward-vs-KL sweep of ``bench/bench_frontier.py`` (``bench/frontier.json``).
"""
from __future__ import annotations

import time
from dataclasses import asdict
from pathlib import Path

import torch

from chatgpt.config import PipelineConfig, profile_config

METHODS = ("ppo", "dpo", "grpo")
ROW_METRICS = ["mean_reward", "win_vs_sft", "rm_win_vs_reference", "kl_to_sft", "on_topic_rate", "prompt_match_at_1",
               "rouge_l", "distinct_2", "repetition_rate", "mean_length_chars"]


def train_methods(cfg: PipelineConfig, methods=METHODS, progress: bool = True, resume: bool = False) -> dict:
    """SFT and RM (reused with ``resume`` when their fingerprint matches), then each method from the SFT model."""
    from chatgpt import pipeline as pl

    unknown = set(methods) - set(METHODS)
    if unknown:
        raise ValueError(f"unknown methods {sorted(unknown)}; expected some of {METHODS}")
    out = {"sft": pl.stage_sft(cfg, progress, reuse=resume), "rm": pl.stage_rm(cfg, progress, reuse=resume)}
    stages = {"ppo": pl.stage_ppo, "dpo": pl.stage_dpo, "grpo": pl.stage_grpo}
    for m in methods:
        out[m] = stages[m](cfg, progress, reuse=resume)
    return out


def evaluate_methods(cfg: PipelineConfig, policies: dict, reward_model, tokenizer, progress: bool = True,
                     eval_records: list[dict] | None = None) -> dict:
    """``evaluate_policies`` on {"sft": …, method: …} plus, per method, win rate vs SFT and KL to SFT."""
    from chatgpt.eval import win_rate
    from chatgpt.eval.kl import sequence_log_ratios
    from chatgpt.evaluation import evaluate_policies

    ev = evaluate_policies(cfg, policies, reward_model, tokenizer, progress, eval_records=eval_records)
    sft_scores, sft = ev["results"]["sft"]["scores"], policies["sft"]
    for name, model in policies.items():
        res = ev["results"][name]
        kl = ([0.0] * len(ev["prompts"]) if name == "sft" else
              sequence_log_ratios(model, sft, tokenizer, ev["prompts"], res["responses"], cfg.generation.temperature))
        res["kl_to_sft"] = kl
        res["metrics"].update(kl_to_sft=sum(kl) / len(kl), win_vs_sft=win_rate(res["scores"], sft_scores))
    return ev


def compare_methods(cfg: PipelineConfig | None = None, methods=METHODS, progress: bool = True,
                    resume: bool = False) -> dict:
    """Train (or reuse) SFT, RM and ``methods``; evaluate all of them; write ``report.{json,md}``."""
    import os

    from transformers import AutoModelForCausalLM

    from chatgpt.models import RewardModel
    from chatgpt.checkpoints import checkpoint_dir, load_tokenizer, output_dir
    from chatgpt.report import write_report

    cfg = cfg or profile_config()
    if cfg.profile == "tiny":
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
    t0 = time.perf_counter()
    trained = train_methods(cfg, methods, progress, resume)
    device = torch.device(cfg.device or ("cuda" if torch.cuda.is_available() else "cpu"))
    tok = load_tokenizer(str(checkpoint_dir(cfg, "sft")))
    sft_model = AutoModelForCausalLM.from_pretrained(checkpoint_dir(cfg, "sft")).to(device)
    rm = RewardModel.from_pretrained(checkpoint_dir(cfg, "rm")).to(device)
    policies = {"sft": sft_model, **{m: trained[m]["actor"].model.to(device) for m in methods}}
    ev = evaluate_methods(cfg, policies, rm, tok, progress)
    report = {
        "profile": cfg.profile, "device": str(device), "torch_threads": torch.get_num_threads(),
        "seconds": time.perf_counter() - t0, "eval_prompts": len(ev["prompts"]),
        "reference_mean_reward": ev["reference_mean_reward"], "relevance_baselines": ev["relevance_baselines"],
        "rm_eval_accuracy": trained["rm"].get("eval_accuracy"),
        "training": {m: {k: v for k, v in trained[m].items() if isinstance(v, (int, float, str)) and k != "stage"}
                     for m in ("sft", "rm", *methods)},
        "metrics": {name: r["metrics"] for name, r in ev["results"].items()},
        "samples": [{"prompt": p, "reference": ref, **{n: ev["results"][n]["responses"][i] for n in policies}}
                    for i, (p, ref) in enumerate(zip(ev["prompts"][:6], ev["references"][:6]))],
        "config": asdict(cfg),
    }
    out = output_dir(cfg)
    out.mkdir(parents=True, exist_ok=True)
    plot_methods(report, out / "methods_reward_kl.png")
    write_report(report, out, render_methods_markdown)
    return report


def _fmt(v) -> str:
    return f"{v:.3f}" if isinstance(v, float) else ("–" if v is None else str(v))


def render_methods_markdown(r: dict) -> str:
    """One row per method (SFT first), then each method's training summary and a few samples."""
    names = list(r["metrics"])
    t = r["training"]
    lines = [f"# KoChatGPT methods report — profile `{r['profile']}`", "",
             f"- device `{r['device']}`, torch threads {r['torch_threads']}; total {r['seconds']:.0f} s",
             f"- RM held-out pairwise accuracy {_fmt(r['rm_eval_accuracy'])}; reference answers' mean RM score "
             f"{r['reference_mean_reward']:.2f}; {r['eval_prompts']} held-out prompts", "",
             "| method | train s | " + " | ".join(ROW_METRICS) + " |", "|---" * (len(ROW_METRICS) + 2) + "|"]
    for n in names:
        secs = t.get(n, {}).get("seconds")
        lines.append(f"| {n} | {_fmt(secs) if secs is None else f'{secs:.0f}'} | "
                     + " | ".join(_fmt(r["metrics"][n].get(k)) for k in ROW_METRICS) + " |")
    lines += ["", "`win_vs_sft`: share of prompts where the RM scores the method's answer above SFT's (ties ½); "
              "`kl_to_sft`: mean over prompts of log π(y|x) − log π_sft(y|x) of the method's own answer at the "
              "evaluation temperature (k1 estimate, `chatgpt.eval.kl`); `on_topic_rate` and `prompt_match_at_1` are "
              "RM-free (`chatgpt.eval.topic`). Reward rising while the RM-free columns stay flat is the RM's taste "
              "being learned, not the task.", "", "## Training", ""]
    for n in names:
        if n in t and n != "sft":
            lines.append(f"- **{n}**: " + ", ".join(f"{k} {_fmt(v)}" for k, v in t[n].items()
                                                     if k not in ("path", "fingerprint", "base")))
    lines += ["", "## Held-out samples", ""]
    for s in r["samples"][:3]:
        lines.append(f"- **{s['prompt']}**")
        lines += [f"  - {k}: {s[k]}" for k in ("reference", *names)]
    lines += ["", "Plot: `methods_reward_kl.png` (mean RM score vs KL to SFT, one point per method)."]
    return "\n".join(lines) + "\n"


def plot_methods(report: dict, path: Path | None = None, ax=None):
    """Mean RM score against KL to SFT, one labelled point per method (SFT at KL 0)."""
    from chatgpt.plots import _finish, _plt

    plt = _plt()
    fig = None
    if ax is None:
        fig, ax = plt.subplots(figsize=(5, 3.5))
    for name, m in report["metrics"].items():
        ax.scatter(m["kl_to_sft"], m["mean_reward"], s=40)
        ax.annotate(name.upper(), (m["kl_to_sft"], m["mean_reward"]), textcoords="offset points", xytext=(5, 3))
    ax.axhline(report["reference_mean_reward"], ls=":", c="gray", label="reference answers")
    ax.set_xlabel("KL to SFT (nats per answer)")
    ax.set_ylabel("mean RM score (held-out)")
    ax.legend(loc="lower right")
    return _finish(fig, path) if fig is not None else ax


def plot_frontier(data: dict, path=None, ax=None):
    """Mean RM score vs KL to SFT, one line per method through its strengths (labelled β)."""
    from chatgpt.plots import _finish, _plt

    plt = _plt()
    fig = None
    if ax is None:
        fig, ax = plt.subplots(figsize=(6, 4))
    sft = data["metrics"]["sft"]
    ax.scatter([0], [sft["mean_reward"]], c="k", zorder=3)
    ax.annotate("SFT", (0, sft["mean_reward"]), textcoords="offset points", xytext=(5, -10))
    for method, marker in (("ppo", "o"), ("dpo", "s"), ("grpo", "^")):
        runs = sorted((r for r in data["runs"] if r["method"] == method), key=lambda r: r["kl_to_sft"])
        if not runs:
            continue
        line, = ax.plot([r["kl_to_sft"] for r in runs], [r["mean_reward"] for r in runs], marker=marker,
                        label=method.upper())
        for r in runs:
            ax.annotate(f"β={r['strength']:g}", (r["kl_to_sft"], r["mean_reward"]), textcoords="offset points",
                        xytext=(4, 4), fontsize=8, color=line.get_color())
    ax.axhline(data["reference_mean_reward"], ls=":", c="gray", label="reference answers")
    ax.set_xlabel("KL to SFT of the policy's answers (nats per answer)")
    ax.set_ylabel("mean RM score, held-out prompts")
    ax.set_title("reward vs KL")
    ax.legend(fontsize=8)
    return _finish(fig, path) if fig is not None else ax
