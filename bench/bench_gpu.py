"""GPU SFT throughput and MFU of our ``SFTTrainer`` on a KoGPT-2-shaped model (bf16).

The model is a *randomly initialised* GPT-2 with KoGPT-2's shape (12 layers × 768, 12 heads,
vocabulary 51,200, 1,024 positions; ≈125M parameters) — no hub download. Data are random token
sequences of ``--seq-len`` tokens (loss on every token), fed through
:class:`chatgpt.dataset.SupervisedCollator` and our :class:`chatgpt.trainer.SFTTrainer` under
``torch.autocast(bfloat16)`` (fp32 master weights, AdamW). Steady-state tokens/s excludes the
first ``--warmup`` steps (timestamps after every optimizer step, with a device synchronise).

MFU = tokens/s × (6·N + 12·L·d·T) / peak, with two peaks: the nominal dense bf16 peak of the GPU
(``--peak-tflops``, default 989 for an H100 SXM) and the bf16 matmul peak measured here
(8192² ``torch.matmul``).

``--dry-run`` runs a tiny shape (2 × 64, vocab 512, 32 tokens, 4 steps) on whatever device there
is (CPU here) so the script is exercised without a GPU; its numbers mean nothing.

Last line: ``gpu_sft_tokens_per_s=… gpu_mfu_nominal=… gpu_mfu_measured=… gpu_matmul_peak_tflops=… …``.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as C  # noqa: E402


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--dry-run", action="store_true", help="tiny shape on any device (tests the script)")
    p.add_argument("--steps", type=int, default=30)
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--batch-size", type=int, default=16)
    p.add_argument("--seq-len", type=int, default=512)
    p.add_argument("--peak-tflops", type=float, default=989.0, help="nominal dense bf16 peak (H100 SXM: 989)")
    p.add_argument("--device", default=None, help="default: cuda if available else cpu")
    p.add_argument("--dtype", default="bf16", choices=["bf16", "fp32"], help="autocast dtype (default bf16)")
    return p.parse_args(argv)


class _Tok:
    """The two ids the collator needs (no tokenizer download for a random model)."""

    pad_token_id = 0
    eos_token_id = 1


def main(argv=None) -> dict:
    a = parse_args(argv)
    C.setup_env()
    import torch
    from dataclasses import replace
    from transformers import GPT2Config, GPT2LMHeadModel

    from chatgpt.config import SFTConfig
    from chatgpt.trainer import SFTTrainer

    device = a.device or ("cuda" if torch.cuda.is_available() else "cpu")
    if a.dry_run:
        a.steps, a.warmup, a.batch_size, a.seq_len = 4, 1, 4, 32
        shape = dict(n_layer=2, n_embd=64, n_head=2, vocab_size=512, n_positions=64)
    else:
        shape = dict(n_layer=12, n_embd=768, n_head=12, vocab_size=51200, n_positions=1024)
    cfg = GPT2Config(**shape, resid_pdrop=0.0, embd_pdrop=0.0, attn_pdrop=0.0, pad_token_id=0, eos_token_id=1,
                     bos_token_id=1)
    torch.manual_seed(0)
    model = GPT2LMHeadModel(cfg)
    n_params = sum(p.numel() for p in model.parameters())
    g = torch.Generator().manual_seed(0)
    ids = torch.randint(2, cfg.vocab_size, (a.steps * a.batch_size, a.seq_len), generator=g).tolist()
    examples = [{"input_ids": r, "labels": r} for r in ids]

    strategy = C.timed_strategy(0, device, torch.cuda.synchronize if device.startswith("cuda") else None)
    scfg = replace(SFTConfig(), epochs=1.0, batch_size=a.batch_size, max_length=a.seq_len, lr=1e-4)
    tr = SFTTrainer(model, _Tok(), examples, None, scfg, strategy=strategy)
    dtype = torch.bfloat16 if a.dtype == "bf16" else torch.float32
    dev_type = "cuda" if device.startswith("cuda") else "cpu"
    with torch.autocast(dev_type, dtype=dtype, enabled=a.dtype == "bf16"):
        tr.fit(progress=False)
    st = strategy.stamps
    w = min(a.warmup, len(st) - 2)
    tps = a.batch_size * a.seq_len * (len(st) - 1 - w) / (st[-1] - st[w])
    flops_tok = C.gpt2_flops_per_token(cfg, a.seq_len)
    achieved = tps * flops_tok / 1e12
    if dev_type == "cuda":
        peak = C.measure_matmul_peak(torch.get_num_threads(), n=8192, repeats=5, dtype=dtype, device=device) / 1e3
        name = torch.cuda.get_device_name(0)
    else:
        peak = C.measure_matmul_peak(torch.get_num_threads(), n=512 if a.dry_run else 2048, repeats=2) / 1e3
        name = "cpu"
    out = {
        "gpu_sft_tokens_per_s": tps,
        "gpu_achieved_tflops": achieved,
        "gpu_mfu_nominal": achieved / a.peak_tflops,
        "gpu_mfu_measured": achieved / peak,
        "gpu_matmul_peak_tflops": peak,
        "gpu_params_m": n_params / 1e6,
        "gpu_seq_len": a.seq_len, "gpu_batch_size": a.batch_size, "gpu_dtype": a.dtype,
        "gpu_dry_run": int(a.dry_run), "gpu_device": name.replace(" ", "_"),
    }
    print(C.kv_line(out), flush=True)
    return out


if __name__ == "__main__":
    main()
