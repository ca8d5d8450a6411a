"""Reward vs KL frontier: PPO, DPO and GRPO at several strengths, from one SFT checkpoint and one RM.

Each method's strength is its β (PPO ``kl_coef`` of the per-token KL in the reward, DPO ``beta``,
GRPO ``kl_coef`` of the k3 penalty in the loss). Every run starts from the pipeline's SFT checkpoint
(``outputs/checkpoints/tiny-sft``; the RM ``tiny-rm`` for PPO/GRPO), gets its own output directory
``outputs/frontier/<method>_<strength>`` (the SFT/RM checkpoints are symlinked there; a finished run
is reused when its fingerprint matches, so an interrupted sweep resumes), and all policies are then
evaluated together by :func:`chatgpt.compare.evaluate_methods` on the same held-out prompts with the
same decoding: mean RM score, KL to SFT of the policy's own answers (:mod:`chatgpt.eval.kl`), win
rate vs SFT and the RM-free relevance metrics.

Writes ``bench/frontier.json`` and ``bench/frontier.png`` (committed: notebook 06 plots them).
Last line: ``frontier_runs=… frontier_seconds=…`` and, per run, ``<method>_<β>_reward=… _kl=…``.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as C  # noqa: E402

STRENGTHS = {"ppo": (0.02, 0.05, 0.2), "dpo": (0.03, 0.1, 0.3), "grpo": (0.01, 0.04, 0.2)}
FIELD = {"ppo": "kl_coef", "dpo": "beta", "grpo": "kl_coef"}


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--eval-prompts", type=int, default=96, help="held-out prompts (default 96)")
    p.add_argument("--iterations", type=int, default=None, help="PPO/GRPO iterations (default: the profile's)")
    p.add_argument("--methods", nargs="+", default=list(STRENGTHS))
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--quick", action="store_true", help="smoke run: 2 iterations, DPO 0.05 epoch, 16 prompts, "
                   "into outputs/frontier_quick and bench/out/frontier_quick.{json,png}")
    a = p.parse_args(argv)
    if a.quick:
        a.iterations, a.eval_prompts = 2, 16
    return a


def run_config(cfg, method: str, strength: float, iterations: int | None, root: Path):
    sub = getattr(cfg, method)
    kw = {FIELD[method]: strength}
    if iterations is not None and method != "dpo":
        kw["iterations"] = iterations
    out = root / f"{method}_{strength:g}"
    (out / "checkpoints").mkdir(parents=True, exist_ok=True)
    from chatgpt.pipeline import checkpoint_dir

    for stage in ("sft", "rm"):
        link = out / "checkpoints" / checkpoint_dir(cfg, stage).name
        if not link.exists():
            os.symlink(checkpoint_dir(cfg, stage), link)
    return dataclasses.replace(cfg, output_dir=str(out), **{method: dataclasses.replace(sub, **kw)})


def main(argv=None) -> int:
    a = parse_args(argv)
    threads = C.setup_env(a.threads)
    import torch
    from transformers import AutoModelForCausalLM

    from chatgpt.compare import evaluate_methods, plot_frontier
    from chatgpt.config import profile_config
    from chatgpt.models import RewardModel
    from chatgpt.pipeline import checkpoint_dir, ensure_checkpoint, load_tokenizer, output_dir, stage_dpo, stage_grpo
    from chatgpt.pipeline import stage_ppo

    cfg = profile_config("tiny", eval_prompts=a.eval_prompts)
    if a.quick:
        cfg = dataclasses.replace(cfg, dpo=dataclasses.replace(cfg.dpo, epochs=0.05))
    ensure_checkpoint(cfg, "sft"), ensure_checkpoint(cfg, "rm")
    root = output_dir(cfg) / ("frontier_quick" if a.quick else "frontier")
    dest = C.BENCH / "out" / "frontier_quick" if a.quick else C.BENCH / "frontier"
    dest.parent.mkdir(parents=True, exist_ok=True)
    stage = {"ppo": stage_ppo, "dpo": stage_dpo, "grpo": stage_grpo}
    t0 = time.perf_counter()
    policies, runs = {}, []
    for method in a.methods:
        for strength in STRENGTHS[method]:
            rcfg = run_config(cfg, method, strength, a.iterations, root)
            C.log(f"{method} {FIELD[method]}={strength:g} → {output_dir(rcfg)}")
            res = stage[method](rcfg, progress=False, reuse=True)
            name = f"{method}_{strength:g}"
            policies[name] = res["actor"].model
            runs.append({"name": name, "method": method, "strength": strength, "train_seconds": res["seconds"]})
    tok = load_tokenizer(str(checkpoint_dir(cfg, "sft")))
    sft = AutoModelForCausalLM.from_pretrained(checkpoint_dir(cfg, "sft"))
    rm = RewardModel.from_pretrained(checkpoint_dir(cfg, "rm"))
    C.log(f"evaluating {len(policies) + 1} policies on {a.eval_prompts} prompts")
    ev = evaluate_methods(cfg, {"sft": sft, **policies}, rm, tok, progress=False)
    for r in runs:
        r.update(ev["results"][r["name"]]["metrics"])
    data = {"date": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "cpu": C.cpu_model(), "threads": threads,
            "eval_prompts": len(ev["prompts"]), "reference_mean_reward": ev["reference_mean_reward"],
            "metrics": {"sft": ev["results"]["sft"]["metrics"]}, "runs": runs,
            "relevance_baselines": ev["relevance_baselines"], "seconds": time.perf_counter() - t0,
            "torch": torch.__version__}
    data["iterations"] = a.iterations
    dest.with_suffix(".json").write_text(json.dumps(data, ensure_ascii=False, indent=1))
    plot_frontier(data, dest.with_suffix(".png"))
    line = {"frontier_runs": len(runs), "frontier_seconds": data["seconds"]}
    for r in runs:
        line[f"{r['name']}_reward"], line[f"{r['name']}_kl"] = r["mean_reward"], r["kl_to_sft"]
    print(C.kv_line(line))
    return 0


if __name__ == "__main__":
    sys.exit(main())
