"""SFT throughput: our ``chatgpt.trainer.SFTTrainer`` vs trl's ``SFTTrainer`` (main venv), side by side.

Both trainers get the *same token ids* in the *same order*: the SFT training records
of the tiny profile, encoded once with :class:`chatgpt.dataset.SupervisedDataset`
(prompt template + completion + eos, prompt labels masked). trl receives them as a
pre-tokenised prompt-completion dataset (``input_ids`` + ``completion_mask``, with
``completion_only_loss=True``), so its loss is completion-only like ours. Both run
fp32, no gradient checkpointing (trl's defaults are bf16 + checkpointing: turned off so
the two do the same arithmetic), batch size and max length of the tiny profile's
``SFTConfig``, the same number of optimizer steps, the same batches read in order (no
shuffling, so the padding per batch is identical): by default the length-grouped batches our
``SFTTrainer`` draws (``--order grouped``, ``SFTConfig.group_by_length``; 16 % of the tokens were
padding with shuffled records, ``--order shuffled``).

Throughput is measured in steady state: step timestamps are taken after every
optimizer step (our side through a :class:`NaiveStrategy` subclass, trl's through a
``TrainerCallback``); the first ``--warmup`` steps are excluded. Each side runs
``--rounds`` times, alternating, and the best round counts (the machine is shared).

Achieved FLOP/s uses ``6·N + 12·L·d·T`` FLOPs per (non-pad) token, see
:func:`_common.gpt2_flops_per_token`, against this machine's fp32 matmul peak measured
here (``torch.matmul`` of 2048×2048 on the same thread count) — kept for continuity; a 160-wide
model's GEMMs cannot reach that peak. Hence the **shape-matched roofline**: for every steady-state
step, ``torch.matmul`` is timed at exactly the model's own GEMM shapes for that step's tokens —
QKV, attention output, MLP in/out of every layer on the step's real (non-pad) tokens, the LM head
on its labelled positions; forward and both backward GEMMs (:func:`_common.time_gemms`) — and the
sum over the steps is the time a step could take if it did nothing but its dense GEMMs at this
machine's speed for those shapes. ``sft_share_of_shape_roofline`` = that time ÷ the measured time
of the same steps (= measured tokens/s ÷ roofline tokens/s). Also reported: the same on the padded
shapes the batch actually has (body on B × T_max), and with the attention matmuls (QKᵀ, softmax·V on
the padded length) added.

Last line: ``sft_speedup_vs_trl=… sft_share_of_peak=… sft_share_of_shape_roofline=… sft_tokens_per_s_ours=… …``.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as C  # noqa: E402


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--steps", type=int, default=40, help="optimizer steps per run (default 40)")
    p.add_argument("--warmup", type=int, default=5, help="steps excluded from the timing (default 5)")
    p.add_argument("--rounds", type=int, default=2, help="runs per side, alternating; the best counts (default 2)")
    p.add_argument("--batch-size", type=int, default=None, help="default: the tiny profile's SFTConfig.batch_size")
    p.add_argument("--max-length", type=int, default=None, help="default: the tiny profile's SFTConfig.max_length")
    p.add_argument("--threads", type=int, default=None, help="torch threads (default: all cores)")
    p.add_argument("--model", default=None, help="base model path (default: the tiny build, chatgpt.tiny.ensure_tiny)")
    p.add_argument("--skip-trl", action="store_true", help="run our side only")
    p.add_argument("--order", choices=("grouped", "shuffled"), default="grouped",
                   help="batches of similar length as our SFTTrainer draws them (default), or shuffled records")
    return p.parse_args(argv)


def build_examples(tok, n: int, max_length: int, seed: int, bs: int = 16, order: str = "grouped") -> list[dict]:
    """``n`` encoded SFT training examples in a fixed order (repeated if the file is short).

    ``order="shuffled"``: a seeded shuffle of the training records. ``"grouped"``: the batches our
    ``SFTTrainer`` draws by default (``SFTConfig.group_by_length``), i.e. one pass of
    :class:`chatgpt.dataset.LengthGroupedBatchSampler` over the records, flattened, so that reading
    them in order with batch size ``bs`` gives those batches — to both trainers.
    """
    import torch

    from chatgpt.config import profile_config
    from chatgpt.data import load_sft, split_records
    from chatgpt.dataset import LengthGroupedBatchSampler, SupervisedDataset, example_length

    cfg = profile_config("tiny")
    train, _ = split_records(list(load_sft()), cfg.sft.eval_fraction, seed=cfg.sft.seed)
    random.Random(seed).shuffle(train)
    ds = SupervisedDataset(train, tok, max_length)
    ex = list(ds.examples)
    if order == "grouped":
        sampler = LengthGroupedBatchSampler([example_length(e) for e in ex], bs, torch.Generator().manual_seed(seed),
                                            drop_last=True)
        ex = [ex[i] for batch in sampler for i in batch]
    elif order != "shuffled":
        raise ValueError(f"order must be 'grouped' or 'shuffled', got {order!r}")
    ex = ex[:n]
    while len(ex) < n:
        ex += ex[: n - len(ex)]
    return ex


def batch_token_counts(examples, bs: int, steps: int) -> tuple[list[int], list[int]]:
    """Per step: real tokens and padded tokens (B × longest)."""
    real, padded = [], []
    for s in range(steps):
        b = examples[s * bs:(s + 1) * bs]
        real.append(sum(len(e["input_ids"]) for e in b))
        padded.append(len(b) * max(len(e["input_ids"]) for e in b))
    return real, padded


def steady(stamps: list[float], tokens: list[int], warmup: int) -> tuple[float, float]:
    """(tokens/s, seconds/step) over steps ``warmup+1 … N`` (stamps[i] = end of step i)."""
    n = len(stamps)
    w = min(warmup, n - 2)
    dt = stamps[-1] - stamps[w]
    return sum(tokens[w + 1: n]) / dt, dt / (n - 1 - w)


def run_ours(base, tok, examples, steps, bs, max_length, seed):
    import torch
    from dataclasses import replace
    from transformers import AutoModelForCausalLM

    from chatgpt.config import profile_config
    from chatgpt.trainer import SFTTrainer

    cfg = replace(profile_config("tiny").sft, batch_size=bs, max_length=max_length, seed=seed, epochs=1.0)
    torch.manual_seed(seed)
    model = AutoModelForCausalLM.from_pretrained(base)
    strategy = C.timed_strategy(seed)
    tr = SFTTrainer(model, tok, examples, None, cfg, strategy=strategy)
    assert tr.total_steps == steps, (tr.total_steps, steps)
    t0 = time.perf_counter()
    h = tr.fit(progress=False)
    return {"stamps": strategy.stamps, "wall": time.perf_counter() - t0, "final_loss": h["loss"][-1]}


def run_trl(base, tok, examples, steps, bs, max_length, seed, out_dir):
    import datasets
    import torch
    from transformers import AutoModelForCausalLM
    from trl import SFTConfig, SFTTrainer

    from chatgpt.config import profile_config

    scfg = profile_config("tiny").sft
    ds = datasets.Dataset.from_dict({
        "input_ids": [e["input_ids"] for e in examples],
        "completion_mask": [[int(x != -100) for x in e["labels"]] for e in examples],
    })
    stamps: list[float] = []

    args = SFTConfig(
        output_dir=str(out_dir), max_steps=steps, per_device_train_batch_size=bs, gradient_accumulation_steps=1,
        learning_rate=scfg.lr, weight_decay=scfg.weight_decay, warmup_steps=max(1, int(steps * scfg.warmup_ratio)),
        lr_scheduler_type="cosine", max_grad_norm=scfg.max_grad_norm, max_length=max_length,
        completion_only_loss=True, packing=False, padding_free=False, bf16=False, fp16=False,
        gradient_checkpointing=False, use_cpu=True, seed=seed, data_seed=seed,
        train_sampling_strategy="sequential", dataloader_num_workers=0, report_to="none",
        save_strategy="no", logging_steps=10, disable_tqdm=True,
    )
    torch.manual_seed(seed)
    model = AutoModelForCausalLM.from_pretrained(base)
    tr = SFTTrainer(model=model, args=args, train_dataset=ds, processing_class=tok, callbacks=[C.stamp_callback(stamps)])
    t0 = time.perf_counter()
    out = tr.train()
    return {"stamps": stamps, "wall": time.perf_counter() - t0, "final_loss": out.training_loss}


def shape_roofline(mcfg, examples, bs: int, steps: int, warmup: int) -> dict:
    """Seconds of the model's own GEMMs over the steady steps ``warmup+1 … steps-1`` (see the module doc)."""
    real_t = padded_t = attn_t = 0.0
    real_f = 0.0
    w = min(warmup, steps - 2)
    for s in range(w + 1, steps):
        b = examples[s * bs:(s + 1) * bs]
        n_real = sum(len(e["input_ids"]) for e in b)
        T = max(len(e["input_ids"]) for e in b)
        n_head = sum(sum(1 for x in e["labels"][1:] if x != -100) for e in b)
        t, f = C.time_gemms(C.gpt2_gemm_shapes(mcfg, n_real, n_head))
        real_t, real_f = real_t + t, real_f + f
        padded_t += C.time_gemms(C.gpt2_gemm_shapes(mcfg, len(b) * T, n_head))[0]
        attn_t += C.time_gemms([], C.gpt2_attention_shapes(mcfg, len(b), T))[0]
    return {"real": real_t, "real_flops": real_f, "padded": padded_t, "padded_attn": padded_t + attn_t}


def main(argv=None) -> dict:
    a = parse_args(argv)
    threads = C.setup_env(a.threads)
    from transformers import AutoConfig

    from chatgpt.config import profile_config

    scfg = profile_config("tiny").sft
    bs, max_length = a.batch_size or scfg.batch_size, a.max_length or scfg.max_length
    base = C.base_model(a.model)
    tok = C.load_tokenizer(base)
    mcfg = AutoConfig.from_pretrained(base)
    C.log(f"model {base} ({mcfg.n_layer}×{mcfg.n_embd}, vocab {mcfg.vocab_size}); threads={threads}")

    peak = C.measure_matmul_peak(threads)
    C.log(f"fp32 matmul peak (2048², {threads} threads): {peak:.1f} GFLOP/s")

    examples = build_examples(tok, a.steps * bs, max_length, scfg.seed, bs, a.order)
    real, padded = batch_token_counts(examples, bs, a.steps)
    other = "shuffled" if a.order == "grouped" else "grouped"
    o_real, o_padded = batch_token_counts(build_examples(tok, a.steps * bs, max_length, scfg.seed, bs, other),
                                          bs, a.steps)
    C.log(f"batches: {a.order}, padding {1 - sum(real) / sum(padded):.1%} of the tokens "
          f"({other}: {1 - sum(o_real) / sum(o_padded):.1%})")
    mean_len = sum(real) / (a.steps * bs)

    res: dict[str, list] = {"ours": [], "trl": []}
    sides = ["ours"] + ([] if a.skip_trl else ["trl"])
    for r in range(a.rounds):
        for side in sides:
            if side == "ours":
                out = run_ours(base, tok, examples, a.steps, bs, max_length, scfg.seed)
            else:
                out = run_trl(base, tok, examples, a.steps, bs, max_length, scfg.seed, C.OUT / "sft_trl_tmp")
            if len(out["stamps"]) != a.steps:
                raise RuntimeError(f"{side}: {len(out['stamps'])} step stamps, expected {a.steps}")
            tps, sps = steady(out["stamps"], real, a.warmup)
            res[side].append({"tps": tps, "sps": sps, "loss": out["final_loss"]})
            C.log(f"round {r + 1} {side:4s}: {tps:8.0f} tokens/s  {sps * 1000:6.1f} ms/step  "
                  f"final loss {out['final_loss']:.3f}")

    best = {s: max(v, key=lambda x: x["tps"]) for s, v in res.items() if v}
    roof = shape_roofline(mcfg, examples, bs, a.steps, a.warmup)
    t_ours = sum(real[min(a.warmup, a.steps - 2) + 1:]) / best["ours"]["tps"]     # seconds of the steady steps
    t_trl = sum(real[min(a.warmup, a.steps - 2) + 1:]) / best["trl"]["tps"] if "trl" in best else float("nan")
    C.log(f"shape roofline of the steady steps: {roof['real']:.2f} s (real tokens), {roof['padded']:.2f} s (padded), "
          f"{roof['padded_attn']:.2f} s (padded + attention); ours took {t_ours:.2f} s, trl {t_trl:.2f} s")
    # FLOPs: per step, real tokens × (6N + 12·L·d·T_mean_real)
    flops_step = [t * C.gpt2_flops_per_token(mcfg, t / bs) for t in real]
    w = min(a.warmup, a.steps - 2)
    flops_per_token = sum(flops_step[w + 1:]) / sum(real[w + 1:])
    ours_gflops = best["ours"]["tps"] * flops_per_token / 1e9
    out = {
        "sft_speedup_vs_trl": best["ours"]["tps"] / best["trl"]["tps"] if "trl" in best else float("nan"),
        "sft_share_of_peak": ours_gflops / peak,
        "sft_tokens_per_s_ours": best["ours"]["tps"],
        "sft_tokens_per_s_trl": best["trl"]["tps"] if "trl" in best else float("nan"),
        "sft_ms_per_step_ours": best["ours"]["sps"] * 1000,
        "sft_ms_per_step_trl": best["trl"]["sps"] * 1000 if "trl" in best else float("nan"),
        "sft_gflops_ours": ours_gflops,
        "sft_share_of_peak_trl": (best["trl"]["tps"] * flops_per_token / 1e9 / peak) if "trl" in best else float("nan"),
        "sft_share_of_shape_roofline": roof["real"] / t_ours,
        "sft_share_of_shape_roofline_padded": roof["padded"] / t_ours,
        "sft_share_of_shape_roofline_padded_attn": roof["padded_attn"] / t_ours,
        "sft_share_of_shape_roofline_trl": roof["real"] / t_trl,
        "sft_roofline_gflops": roof["real_flops"] / roof["real"] / 1e9,
        "sft_roofline_tokens_per_s": sum(real[min(a.warmup, a.steps - 2) + 1:]) / roof["real"],
        "sft_padding_share": 1 - sum(real) / sum(padded),
        f"sft_padding_share_{other}": 1 - sum(o_real) / sum(o_padded),
        "sft_order": a.order,
        "sft_flops_per_token_m": flops_per_token / 1e6,
        "sft_mean_seq_len": mean_len,
        "sft_steps": a.steps, "sft_batch_size": bs,
        "matmul_peak_gflops": peak, "threads": threads,
    }
    print(C.kv_line(out), flush=True)
    return out


if __name__ == "__main__":
    main()
