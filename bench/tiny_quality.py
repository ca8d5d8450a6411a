"""Tiny-model quality sweep: size × build time × held-out loss × SFT on-topic rate (issue #17).

Each run builds (or reuses from the cache) a tiny GPT-2 with the given shape and budget, fine-tunes it on the SFT
file, decodes the 216 held-out evaluation prompts with the evaluation's :class:`GenerationConfig`, and scores the
answers with the RM-free relevance metrics of :mod:`chatgpt.eval.topic`. One JSON line per run is appended to
``bench/tiny_quality.jsonl``; ``--table`` prints them as the Markdown table in BENCHMARKS.md.

    python bench/tiny_quality.py --vocab 8000 --layers 3 --embd 160 --steps 320 --sft-epochs 2
    python bench/tiny_quality.py --table
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from dataclasses import asdict, replace
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
RESULTS = Path(__file__).with_name("tiny_quality.jsonl")


def _upweight_qa(tiny, copies: int) -> None:
    """Pretrain on the hand-written training Q/A ``copies`` times (SFT records + the RM file's best answers under
    its other phrasing, as plain "prompt\\ncompletion" documents) instead of once; the build gets its own cache key."""
    from chatgpt.data.corpus import generate_corpus
    from chatgpt.data.io import read_records
    from chatgpt.data.loaders import EVAL_FILE, PPO_FILE, RM_FILE, SFT_FILE, default_data_dir

    def corpus_documents(config):
        d = default_data_dir()
        sft, ppo, ev, rm = (read_records(d / f) for f in (SFT_FILE, PPO_FILE, EVAL_FILE, RM_FILE))
        qa = [r["prompt"] + "\n" + r["completion"] for r in sft]
        qa += [r["prompt"] + "\n" + r[f"completion_{list(r['ranking']).index(0)}"] for r in rm]
        exclude = [r["prompt"] for r in ev] + [r["reference"] for r in ev]
        return generate_corpus(qa * copies + [r["prompt"] for r in ppo], target_bytes=config.corpus_bytes,
                               seed=config.seed, exclude=exclude)

    fingerprint = tiny.fingerprint
    tiny.corpus_documents = corpus_documents
    tiny.fingerprint = lambda config: fingerprint(config)[:10] + f"-qa{copies}"


def run(args) -> dict:
    import torch

    from chatgpt import pipeline, tiny
    from chatgpt.config import profile_config
    from chatgpt.data import load_eval
    from chatgpt.eval import generate_responses, text_metrics
    from chatgpt.eval.conditioning import prompt_conditioning_gap
    from chatgpt.eval.topic import PromptMatcher, relevance_baselines, relevance_metrics, topic_classifier_from_sft

    tcfg = tiny.TinyConfig()
    over = {k: v for k, v in dict(vocab_size=args.vocab, n_layer=args.layers, n_embd=args.embd, n_head=args.heads,
                                  steps=args.steps, lr=args.lr, batch_size=args.batch, seq_len=args.seq_len,
                                  corpus_bytes=args.corpus_bytes).items() if v is not None}
    tcfg = replace(tcfg, **over)
    if args.qa_copies:
        _upweight_qa(tiny, args.qa_copies)
    t0 = time.perf_counter()
    path = tiny.build(tcfg, progress=not args.quiet)
    info = tiny.build_info(path)
    cfg = profile_config("tiny")
    sft = replace(cfg.sft, **{k: v for k, v in dict(epochs=args.sft_epochs, lr=args.sft_lr).items() if v is not None})
    with tempfile.TemporaryDirectory() as out:
        cfg = replace(cfg, model_name=str(path), output_dir=out, sft=sft)
        res = pipeline.stage_sft(cfg, progress=not args.quiet)
        ev = load_eval()
        prompts, refs, cats = list(ev["prompt"]), list(ev["reference"]), list(ev["category"])
        answers = generate_responses(res["model"], res["tokenizer"], prompts, cfg.generation)
        gap = prompt_conditioning_gap(res["model"], res["tokenizer"], prompts, refs)["conditioning_gap"]
    clf = topic_classifier_from_sft()
    matcher = PromptMatcher(prompts, extra_documents=refs)
    rel = relevance_metrics(prompts, answers, cats, clf, matcher)
    rel.pop("predicted_categories")
    base = relevance_baselines(prompts, refs, cats, clf, matcher)
    tm = text_metrics(answers, refs)
    row = {"tiny": asdict(tcfg), "sft": {"epochs": sft.epochs, "lr": sft.lr},
           "parameters": info["parameters"], "corpus_bytes": info["corpus_bytes"],
           "train_tokens": info["train_tokens"], "build_seconds": round(info["build_seconds"], 1),
           "heldout_loss": round(info["heldout_loss"], 3), "sft_eval_loss": round(res["final_eval_loss"], 3),
           "sft_seconds": round(res["seconds"], 1),
           **{k: round(v, 3) for k, v in rel.items()},
           "conditioning_gap": round(gap, 3), "qa_copies": args.qa_copies or 1,
           "repetition_rate": round(tm["repetition_rate"], 3), "rouge_l": round(tm["rouge_l"], 3),
           "mean_length_chars": round(tm["mean_length_chars"], 1),
           "ceiling_on_topic": round(base["classifier_accuracy_on_references"], 3),
           "samples": [{"prompt": p, "answer": a} for p, a in list(zip(prompts, answers))[::36]],
           "seconds_total": round(time.perf_counter() - t0, 1),
           "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
                      f"torch threads {torch.get_num_threads()}", "date": time.strftime("%Y-%m-%d")}
    if args.note:
        row["note"] = args.note
    with RESULTS.open("a", encoding="utf-8") as f:
        f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return row


def table() -> str:
    rows = [json.loads(line) for line in RESULTS.read_text(encoding="utf-8").splitlines() if line.strip()]
    out = ["| vocab | layers×width | params | corpus MB | steps | build s | held-out loss | SFT epochs/lr | "
           "SFT eval loss | on-topic | match@1 | repetition | note |", "|" + "---|" * 13]
    for r in rows:
        t = r["tiny"]
        out.append(f"| {t['vocab_size']} | {t['n_layer']}×{t['n_embd']} | {r['parameters'] / 1e6:.2f}M | "
                   f"{r['corpus_bytes'] / 1e6:.1f} | {t['steps']} | {r['build_seconds']:.0f} | {r['heldout_loss']:.3f} | "
                   f"{r['sft']['epochs']:g}/{r['sft']['lr']:g} | {r['sft_eval_loss']:.3f} | {r['on_topic_rate']:.3f} | "
                   f"{r['prompt_match_at_1']:.3f} | {r['repetition_rate']:.3f} | {r.get('note', '')} |")
    return "\n".join(out)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    for name, typ in [("vocab", int), ("layers", int), ("embd", int), ("heads", int), ("steps", int), ("lr", float),
                      ("batch", int), ("seq-len", int), ("corpus-bytes", int), ("sft-epochs", float),
                      ("sft-lr", float)]:
        p.add_argument(f"--{name}", type=typ, default=None)
    p.add_argument("--qa-copies", type=int, default=None,
                   help="pretrain on the training Q/A (SFT + RM best answers) this many times")
    p.add_argument("--note", default="")
    p.add_argument("--quiet", action="store_true")
    p.add_argument("--table", action="store_true", help="print the results so far as a Markdown table")
    args = p.parse_args()
    if args.table:
        print(table())
        return
    row = run(args)
    print(json.dumps({k: v for k, v in row.items() if k not in ("samples", "tiny")}, ensure_ascii=False))
    for s in row["samples"][:3]:
        print(" Q:", s["prompt"], "\n A:", s["answer"][:200])


if __name__ == "__main__":
    main()
