"""GRPO vs PPO seconds per iteration, and DPO's wall time, on the tiny profile — in one process.

Both online methods start from the pipeline's SFT and RM checkpoints (``outputs/checkpoints/tiny-*``,
built when missing) with the tiny profile's configs, which roll out the same number of sequences
per iteration (PPO: 32 prompts; GRPO: 8 prompts × G = 4), at the same temperature, response length,
minibatch size (16) and number of passes (2). They run in alternating blocks (PPO, GRPO, PPO, GRPO)
so that a change in the machine's load hits both; the first iteration of each block is dropped.
Per iteration: total, rollout and update seconds, CPU seconds of this process, and response tokens (GRPO's and PPO's policies
drift to different lengths, so seconds per 1,000 rollout tokens is reported too).

DPO: the whole tiny-profile stage (reference log-probs once, one epoch over the RM's training
records, held-out evaluations), from the SFT checkpoint.

Last line: ``grpo_sec_per_iter=… ppo_sec_per_iter=… grpo_vs_ppo_time=… dpo_seconds=… …``.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as C  # noqa: E402


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--iterations", type=int, default=4, help="iterations per block (first one dropped; default 4)")
    p.add_argument("--blocks", type=int, default=2, help="PPO/GRPO block pairs (default 2)")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--skip-dpo", action="store_true")
    return p.parse_args(argv)


def main(argv=None) -> int:
    a = parse_args(argv)
    threads = C.setup_env(a.threads)
    import torch

    from chatgpt.config import profile_config
    from chatgpt.data import load_prompts
    from chatgpt.dataset import PromptDataset
    from chatgpt.models import Actor, Critic, RewardModel
    from chatgpt.pipeline import ensure_checkpoint, load_tokenizer, stage_dpo
    from chatgpt.trainer import GRPOTrainer, NaiveStrategy, PPOTrainer, set_seed

    cfg = profile_config("tiny")
    sft, rm = ensure_checkpoint(cfg, "sft"), ensure_checkpoint(cfg, "rm")
    C.log(f"CPU {C.cpu_model()}, torch threads {threads}, load average {os.getloadavg()}")
    tok = load_tokenizer(str(sft))
    prompts = PromptDataset([r["prompt"] for r in load_prompts()], tok, cfg.ppo.max_prompt_length)
    set_seed(0)
    ppo = PPOTrainer(Actor.from_pretrained(str(sft)), Critic.from_pretrained(rm), RewardModel.from_pretrained(rm),
                     Actor.from_pretrained(str(sft)), tok, cfg.ppo, strategy=NaiveStrategy("cpu", cfg.ppo.seed))
    grpo = GRPOTrainer(Actor.from_pretrained(str(sft)), RewardModel.from_pretrained(rm),
                       Actor.from_pretrained(str(sft)), tok, cfg.grpo, strategy=NaiveStrategy("cpu", cfg.grpo.seed))
    rows = {"ppo": [], "grpo": []}
    t0 = time.perf_counter()
    for b in range(a.blocks):
        for name, trainer in (("ppo", ppo), ("grpo", grpo)):
            stamps = []
            trainer.fit(prompts, iterations=a.iterations, progress=False,
                        callback=lambda s: stamps.append({**s, "cpu": time.process_time()}))
            for prev, cur in zip(stamps, stamps[1:]):               # CPU seconds of this process per iteration
                cur["cpu_seconds"] = cur["cpu"] - prev["cpu"]
            rows[name] += stamps[1:]
            st = stamps[1:]
            C.log(f"block {b} {name}: " + ", ".join(f"{s['iteration_seconds']:.2f}s/{s['rollout_tokens']}tok"
                                                    for s in st))
    out = {}
    for name, st in rows.items():
        it = [s["iteration_seconds"] for s in st]
        roll = [s["rollout_seconds"] for s in st]
        toks = [s["rollout_tokens"] for s in st]
        out[f"{name}_sec_per_iter"] = statistics.median(it)
        out[f"{name}_rollout_sec"] = statistics.median(roll)
        out[f"{name}_update_sec"] = statistics.median([i - r for i, r in zip(it, roll)])
        out[f"{name}_rollout_tokens"] = statistics.median(toks)
        out[f"{name}_sec_per_1k_tokens"] = 1000 * sum(it) / sum(toks)
        # CPU seconds (all threads) per iteration: less sensitive than wall time to other processes' load
        out[f"{name}_cpu_sec_per_iter"] = statistics.median([s["cpu_seconds"] for s in st])
    out["grpo_vs_ppo_time"] = out["grpo_sec_per_iter"] / out["ppo_sec_per_iter"]
    out["grpo_vs_ppo_time_per_token"] = out["grpo_sec_per_1k_tokens"] / out["ppo_sec_per_1k_tokens"]
    out["grpo_vs_ppo_cpu"] = out["grpo_cpu_sec_per_iter"] / out["ppo_cpu_sec_per_iter"]
    out["online_seconds"] = time.perf_counter() - t0
    if not a.skip_dpo:
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:           # train DPO afresh, never reuse a checkpoint here
            import dataclasses

            (Path(tmp) / "checkpoints").mkdir()
            os.symlink(sft, Path(tmp) / "checkpoints" / sft.name)
            dcfg = dataclasses.replace(cfg, output_dir=tmp)
            c0 = time.process_time()
            d = stage_dpo(dcfg, progress=False)
        out.update(dpo_seconds=d["seconds"], dpo_cpu_seconds=time.process_time() - c0, dpo_ref_seconds=d["ref_seconds"], dpo_train_seconds=d["train_seconds"],
                   dpo_eval_reward_accuracy=d["eval_reward_accuracy"], dpo_train_pairs=d["train_pairs"])
    out.update(threads=threads, load_end=round(os.getloadavg()[0], 2))
    print(C.kv_line(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
