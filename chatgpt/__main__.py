"""Command line: ``python -m chatgpt pipeline --profile tiny``."""
from __future__ import annotations

import argparse
import dataclasses
import os
import sys


def main(argv=None) -> int:
    from chatgpt.foundation import BASE_PRESETS

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
    run.add_argument("--strict-data", action="store_true",
                     help="stop on a data file with faults (default: clean it and print the fault report)")
    # the base model as a choice (chatgpt/foundation.py)
    run.add_argument("--base", choices=sorted(BASE_PRESETS), help="a preset base model (sets --model, dtype, LoRA)")
    run.add_argument("--dtype", choices=["float32", "bfloat16", "float16"], help="weights' dtype (default float32)")
    run.add_argument("--lora-r", type=int, help="LoRA rank for SFT (0 = full fine-tuning)")
    run.add_argument("--adapter", choices=["auto", "loralib", "peft"], help="LoRA library (auto: loralib for GPT-2)")
    run.add_argument("--qlora", action="store_true", help="4-bit base + LoRA (bitsandbytes, CUDA only)")
    run.add_argument("--prompt-format", choices=["auto", "alpaca", "chat"],
                     help="auto: the tokenizer's chat template if it has one, else Alpaca")
    run.add_argument("--rm-data", default="", help="RM file to train the reward model on (e.g. AI labels from "
                     "python -m chatgpt.feedback label); default: the data directory's")
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
    for name in ("output_dir", "data_dir", "rm_data"):
        if getattr(args, name):
            over[name] = getattr(args, name)
    if args.model:
        over["model_name"] = args.model
    if args.eval_prompts:
        over["eval_prompts"] = args.eval_prompts
    if args.strict_data:
        over["strict_data"] = True
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
    cfg = _base_model_overrides(cfg, args)
    stages = [s.strip() for s in args.stages.split(",") if s.strip()]
    if stages and stages != ["sft", "rm", "ppo"]:
        from chatgpt.compare import METHODS, compare_methods

        bad = [s for s in stages if s not in ("sft", "rm", *METHODS)]
        if bad:
            p.error(f"--stages: unknown {bad}; choose from sft, rm, {', '.join(METHODS)}")
        compare_methods(cfg, [s for s in METHODS if s in stages], progress=not args.quiet, resume=args.resume)
        from chatgpt.checkpoints import output_dir

        print((output_dir(cfg) / "report.md").read_text(encoding="utf-8"))
        return 0
    report = run_pipeline(cfg, progress=not args.quiet, resume=args.resume)
    from chatgpt.checkpoints import output_dir

    if not report:                          # a rank > 0 of a multi-process run: rank 0 prints the report
        return 0
    print((output_dir(cfg) / "report.md").read_text(encoding="utf-8"))
    return 0


def _base_model_overrides(cfg, args):
    """``--base`` preset first, then the explicit ``--model/--dtype/--lora-r/--adapter/--qlora/--prompt-format``."""
    from chatgpt.foundation import BASE_PRESETS

    base, lora = cfg.base, cfg.lora
    if args.base:
        preset = BASE_PRESETS[args.base]
        if not args.model:
            cfg = dataclasses.replace(cfg, model_name=preset["model_name"])
        base = dataclasses.replace(base, dtype=preset["dtype"])
        lora = dataclasses.replace(lora, r=preset["lora_r"])
    if args.dtype:
        base = dataclasses.replace(base, dtype="" if args.dtype == "float32" else args.dtype)
    if args.adapter:
        base = dataclasses.replace(base, adapter=args.adapter)
    if args.qlora:
        base = dataclasses.replace(base, qlora=True)
    if args.prompt_format:
        base = dataclasses.replace(base, prompt_format=args.prompt_format)
    if args.lora_r is not None:
        lora = dataclasses.replace(lora, r=args.lora_r)
    return dataclasses.replace(cfg, base=base, lora=lora)


if __name__ == "__main__":
    sys.exit(main())
