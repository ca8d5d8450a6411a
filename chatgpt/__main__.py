"""Command line: ``python -m chatgpt pipeline --profile tiny``."""
from __future__ import annotations

import argparse
import dataclasses
import os
import sys


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m chatgpt", description="KoChatGPT RLHF pipeline")
    sub = p.add_subparsers(dest="cmd", required=True)
    run = sub.add_parser("pipeline", help="SFT → RM → PPO → eval, writing outputs/report.{json,md} and plots")
    run.add_argument("--profile", choices=["tiny", "kogpt2"], default=None,
                     help="default: $KOCHATGPT_PROFILE, else kogpt2 with CUDA, else tiny")
    run.add_argument("--output-dir", default="", help="default: <repo>/outputs")
    run.add_argument("--data-dir", default="", help="default: bundled data_kochatgpt/ (or $KOCHATGPT_DATA_DIR)")
    run.add_argument("--model", default="", help="base model name or path (overrides the profile's)")
    run.add_argument("--sft-epochs", type=float)
    run.add_argument("--rm-epochs", type=float)
    run.add_argument("--ppo-iterations", type=int)
    run.add_argument("--max-records", type=int, help="use at most N records per stage (smoke runs)")
    run.add_argument("--eval-prompts", type=int, help="evaluate on the first N held-out prompts")
    run.add_argument("--quiet", action="store_true", help="no progress bars")
    run.add_argument("--resume", action="store_true", help="reuse SFT/RM checkpoints already finished in --output-dir")
    run.add_argument("--stages", default="", help="e.g. sft,rm,ppo,dpo,grpo: every listed method (ppo, dpo, grpo) "
                     "from the same SFT checkpoint, one report row each (chatgpt.compare); default: sft,rm,ppo")
    run.add_argument("--dpo-beta", type=float, help="β of DPO")
    run.add_argument("--grpo-iterations", type=int)
    run.add_argument("--grpo-kl-coef", type=float, help="β of GRPO's k3 KL penalty")
    args = p.parse_args(argv)

    if args.profile == "tiny" or (args.profile is None and os.environ.get("KOCHATGPT_PROFILE") == "tiny"):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from chatgpt.config import profile_config
    from chatgpt.pipeline import run_pipeline

    cfg = profile_config(args.profile)
    over = {}
    for name in ("output_dir", "data_dir"):
        if getattr(args, name):
            over[name] = getattr(args, name)
    if args.model:
        over["model_name"] = args.model
    if args.eval_prompts:
        over["eval_prompts"] = args.eval_prompts
    if args.sft_epochs is not None:
        over["sft"] = dataclasses.replace(cfg.sft, epochs=args.sft_epochs)
    if args.rm_epochs is not None:
        over["rm"] = dataclasses.replace(over.get("rm", cfg.rm), epochs=args.rm_epochs)
    if args.ppo_iterations is not None:
        over["ppo"] = dataclasses.replace(cfg.ppo, iterations=args.ppo_iterations)
    if args.max_records:
        n = args.max_records
        over["sft"] = dataclasses.replace(over.get("sft", cfg.sft), max_records=n)
        over["rm"] = dataclasses.replace(over.get("rm", cfg.rm), max_records=n)
        over["ppo"] = dataclasses.replace(over.get("ppo", cfg.ppo), max_prompts=n)
    if args.dpo_beta is not None:
        over["dpo"] = dataclasses.replace(cfg.dpo, beta=args.dpo_beta)
    if args.grpo_iterations is not None or args.grpo_kl_coef is not None or args.max_records:
        g = cfg.grpo
        over["grpo"] = dataclasses.replace(g, iterations=g.iterations if args.grpo_iterations is None
                                           else args.grpo_iterations,
                                           kl_coef=g.kl_coef if args.grpo_kl_coef is None else args.grpo_kl_coef,
                                           max_prompts=args.max_records or g.max_prompts)
    cfg = dataclasses.replace(cfg, **over)
    stages = [s.strip() for s in args.stages.split(",") if s.strip()]
    if stages and stages != ["sft", "rm", "ppo"]:
        from chatgpt.compare import METHODS, compare_methods

        bad = [s for s in stages if s not in ("sft", "rm", *METHODS)]
        if bad:
            p.error(f"--stages: unknown {bad}; choose from sft, rm, {', '.join(METHODS)}")
        compare_methods(cfg, [s for s in METHODS if s in stages], progress=not args.quiet, resume=args.resume)
        from chatgpt.pipeline import output_dir

        print((output_dir(cfg) / "report.md").read_text(encoding="utf-8"))
        return 0
    report = run_pipeline(cfg, progress=not args.quiet, resume=args.resume)
    from chatgpt.pipeline import output_dir

    print((output_dir(cfg) / "report.md").read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
