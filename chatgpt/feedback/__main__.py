"""Command line: ``python -m chatgpt.feedback label|agree``.

* ``label --in PROMPTS --out RM_FILE [--checkpoint PATH] [--k 3] [--judge rule|rm|api]``: sample k
  answers per prompt from the checkpoint (default: the profile's SFT checkpoint, built when
  missing), rank them with the judge, write an RM-schema file, validate it, print judge statistics.
  ``PROMPTS`` is any KoChatGPT file with a ``prompt`` key (PPO, eval, SFT or RM). With an RM file,
  the judge also ranks the file's *own* 3 completions and its agreement with the file's
  human-style ranking is printed. With an eval file, its references are shown to the judge.
* ``agree --in RM_FILE [--judge ...]``: only that agreement measurement (no sampling).

The ``api`` judge reads ``KOCHATGPT_JUDGE_API_KEY`` / ``_BASE_URL`` / ``_MODEL`` (see :mod:`.api`).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import replace
from pathlib import Path


def _judge(args):
    from chatgpt.feedback import make_judge

    rm_path = args.rm_checkpoint
    if args.judge == "rm" and not rm_path:
        from chatgpt.config import profile_config
        from chatgpt.checkpoints import ensure_checkpoint

        rm_path = ensure_checkpoint(profile_config(args.profile), "rm", progress=not args.quiet)
    return make_judge(args.judge, rm_path=rm_path)


def _read(path, max_records):
    from chatgpt.data.io import read_records
    from chatgpt.data.schema import detect_file_kind, validate_records

    records = read_records(path)
    kind = detect_file_kind(records, path)
    validate_records(records, kind, path, allow_duplicates=True, strict=True)   # names file and record on error
    return records[:max_records] if max_records else records, kind


def _print_stats(title: str, stats: dict) -> None:
    print(title)
    for k, v in stats.items():
        print(f"  {k:<28}{v:.3f}" if isinstance(v, float) else f"  {k:<28}{v}")


def cmd_label(args) -> int:
    from chatgpt.data.io import write_records
    from chatgpt.data.schema import validate_file
    from chatgpt.feedback.label import LabelConfig, judge_rm_records, label_prompts
    from chatgpt.checkpoints import load_tokenizer

    records, kind = _read(args.inp, args.max_prompts)
    checkpoint = args.checkpoint
    if not checkpoint:
        from chatgpt.config import profile_config
        from chatgpt.checkpoints import ensure_checkpoint

        checkpoint = ensure_checkpoint(profile_config(args.profile), "sft", progress=not args.quiet)
    from transformers import AutoModelForCausalLM

    model = AutoModelForCausalLM.from_pretrained(checkpoint)
    tok = load_tokenizer(str(checkpoint))
    cfg = LabelConfig(k=args.k, use_references=not args.no_references)
    cfg = replace(cfg, generation=replace(cfg.generation, temperature=args.temperature,
                                          max_new_tokens=args.max_new_tokens, seed=args.seed))
    judge = _judge(args)
    out, stats = label_prompts(model, tok, records, judge, cfg, progress=not args.quiet)
    if not out:
        print(f"FAIL {args.inp}: no prompt got {args.k} non-empty answers; nothing written", file=sys.stderr)
        return 1
    write_records(args.out, out)
    report = validate_file(args.out, "rm")
    print(f"{'OK' if report.ok else 'FAIL'} rm {report.n_records} records {args.out}")
    stats["checkpoint"] = str(checkpoint)
    _print_stats(f"judge statistics ({stats['judge']}):", stats)
    if kind == "rm":
        agree = judge_rm_records(judge, records)
        stats["agreement_with_input_rankings"] = agree
        _print_stats(f"agreement with {args.inp}'s own rankings (its 3 completions, judged by {judge.name}):", agree)
    if args.stats_out:
        Path(args.stats_out).write_text(json.dumps(stats, ensure_ascii=False, indent=1))
    return 0 if report.ok else 1


def cmd_agree(args) -> int:
    from chatgpt.feedback.label import judge_rm_records

    records, kind = _read(args.inp, args.max_prompts)
    if kind != "rm":
        print(f"FAIL {args.inp}: an RM file (prompt, completion_0..2, ranking) is needed, got a {kind} file",
              file=sys.stderr)
        return 1
    judge = _judge(args)
    stats = judge_rm_records(judge, records)
    _print_stats(f"agreement with {args.inp}'s rankings ({len(records)} records, judge {judge.name}):", stats)
    if args.stats_out:
        Path(args.stats_out).write_text(json.dumps(stats, ensure_ascii=False, indent=1))
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m chatgpt.feedback", description="AI feedback (RLAIF) tools")
    sub = p.add_subparsers(dest="command", required=True)
    lab = sub.add_parser("label", help="sample k answers per prompt, rank them with a judge, write RM data")
    lab.add_argument("--out", required=True, help="RM file to write (JSON array, KoChatGPT RM schema)")
    lab.add_argument("--checkpoint", help="causal-LM checkpoint to sample from (default: the profile's SFT)")
    lab.add_argument("--k", type=int, default=3, help="answers per prompt (>= 3; best/median/worst are kept)")
    lab.add_argument("--temperature", type=float, default=1.0, help="sampling temperature (default 1.0)")
    lab.add_argument("--max-new-tokens", type=int, default=96)
    lab.add_argument("--seed", type=int, default=1234)
    lab.add_argument("--no-references", action="store_true", help="do not show eval references to the judge")
    agr = sub.add_parser("agree", help="judge an RM file's own completions; agreement with its rankings")
    for sp in (lab, agr):
        sp.add_argument("--in", dest="inp", required=True, metavar="PATH", help="input KoChatGPT file")
        sp.add_argument("--judge", choices=["rule", "rm", "api"], default="rule")
        sp.add_argument("--rm-checkpoint", help="reward model for --judge rm (default: the profile's RM)")
        sp.add_argument("--profile", choices=["tiny", "kogpt2"], default=None)
        sp.add_argument("--max-prompts", type=int, help="use only the first N records")
        sp.add_argument("--stats-out", help="also write the statistics as JSON here")
        sp.add_argument("--quiet", action="store_true", help="no progress bars")
    return p


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    if args.profile == "tiny" or (args.profile is None and os.environ.get("KOCHATGPT_PROFILE") == "tiny"):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        return {"label": cmd_label, "agree": cmd_agree}[args.command](args)
    except Exception as e:                              # clear one-line errors for config / data problems
        from chatgpt.data.errors import DataFormatError
        from chatgpt.feedback.api import JudgeAPIError, JudgeConfigError

        if isinstance(e, (DataFormatError, JudgeConfigError, JudgeAPIError, FileNotFoundError, ValueError)):
            print(f"FAIL {e}", file=sys.stderr)
            return 2
        raise


if __name__ == "__main__":
    sys.exit(main())
