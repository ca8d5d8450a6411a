"""Where the tiny build's time goes: corpus generation, tokenizer training, packing, pretraining.

Runs the parts of :func:`chatgpt.tiny._build` one by one with the current :class:`chatgpt.tiny.TinyConfig`,
in a temporary ``KOCHATGPT_CACHE`` (the real cache is never touched, nothing is saved), and times each.
``--steps N`` pretrains only N steps and extrapolates to the config's steps (the loop's steps all cost
the same: fixed batch and block length). ``OMP_NUM_THREADS`` / ``--threads`` sets the torch threads.

Last line: ``tiny_corpus_s=… tiny_tokenizer_s=… tiny_pack_s=… tiny_pretrain_s=… tiny_total_s=… …``.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as C  # noqa: E402


def main(argv=None) -> dict:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--steps", type=int, default=None, help="pretraining steps timed (default: all of TinyConfig)")
    p.add_argument("--threads", type=int, default=None, help="torch threads (default: OMP_NUM_THREADS or all cores)")
    p.add_argument("--compare-fast", type=int, default=0, metavar="N",
                   help="also time N steps of the pretraining loop with this package's fast paths (fused GELU, "
                        "chunked LM-head cross-entropy, fused AdamW) against N steps of tiny.pretrain's, alternating "
                        "in blocks of N/2, from the same weights and batches (a proposal: tiny.py is not changed)")
    a = p.parse_args(argv)
    os.environ["KOCHATGPT_CACHE"] = tempfile.mkdtemp(prefix="kochatgpt-tiny-parts-")
    threads = C.setup_env(a.threads or int(os.environ.get("OMP_NUM_THREADS", 0)) or None)
    import torch
    from transformers import GPT2Config, GPT2LMHeadModel

    from chatgpt import tiny

    cfg = tiny.TinyConfig()
    out: dict = {}
    t = time.perf_counter()
    docs = tiny.corpus_documents(cfg)
    out["tiny_corpus_s"] = time.perf_counter() - t
    order = list(range(len(docs)))
    random.Random(cfg.seed).shuffle(order)
    n_held = max(1, int(len(docs) * cfg.heldout_fraction))
    held_docs, train_docs = [docs[i] for i in order[:n_held]], [docs[i] for i in order[n_held:]]
    t = time.perf_counter()
    tok = tiny.train_tokenizer(train_docs, cfg)
    out["tiny_tokenizer_s"] = time.perf_counter() - t
    t = time.perf_counter()
    train_blocks, n_tok = tiny.pack(train_docs, tok, cfg.seq_len)
    held_blocks, _ = tiny.pack(held_docs, tok, cfg.seq_len)
    out["tiny_pack_s"] = time.perf_counter() - t
    torch.manual_seed(cfg.seed)
    model = GPT2LMHeadModel(GPT2Config(vocab_size=len(tok), n_positions=cfg.n_positions, n_embd=cfg.n_embd,
                                       n_layer=cfg.n_layer, n_head=cfg.n_head, bos_token_id=tok.bos_token_id,
                                       eos_token_id=tok.eos_token_id, pad_token_id=tok.pad_token_id,
                                       resid_pdrop=0.0, embd_pdrop=0.0, attn_pdrop=0.0))       # as tiny._build
    steps = a.steps or cfg.steps
    t = time.perf_counter()
    stats = tiny.pretrain(model, train_blocks, held_blocks[:0], replace(cfg, steps=steps), progress=False)
    train_s = time.perf_counter() - t
    out["tiny_pretrain_s"] = train_s * cfg.steps / steps
    t = time.perf_counter()
    tiny.evaluate_loss(model, held_blocks)
    out["tiny_heldout_eval_s"] = time.perf_counter() - t
    out["tiny_total_s"] = sum(v for k, v in out.items() if k.endswith("_s"))
    if a.compare_fast:
        out.update(compare_fast(cfg, tok, train_blocks, a.compare_fast))
    out.update({"tiny_pretrain_ms_per_step": 1000 * train_s / steps, "tiny_steps_timed": steps,
                "tiny_steps": cfg.steps, "tiny_corpus_bytes": len("\n".join(docs).encode()), "tiny_train_tokens": n_tok,
                "tiny_tokens_per_step": cfg.batch_size * cfg.seq_len, "threads": threads,
                "loadavg": round(os.getloadavg()[0], 2)})
    del stats
    print(C.kv_line(out), flush=True)
    return out


def compare_fast(cfg, tok, train_blocks, n: int) -> dict:
    """ms per pretraining step: tiny.pretrain's loop vs the same loop with the package's fast paths."""
    import copy
    import math

    import torch
    from transformers import GPT2Config, GPT2LMHeadModel

    from chatgpt.models.loss import linear_cross_entropy
    from chatgpt.models.utils import fuse_activations
    from chatgpt.trainer.base import adam

    torch.manual_seed(cfg.seed)
    base = GPT2LMHeadModel(GPT2Config(vocab_size=len(tok), n_positions=cfg.n_positions, n_embd=cfg.n_embd,
                                      n_layer=cfg.n_layer, n_head=cfg.n_head, resid_pdrop=0.0, embd_pdrop=0.0,
                                      attn_pdrop=0.0))
    g = torch.Generator().manual_seed(cfg.seed)
    batches = [train_blocks[torch.randint(len(train_blocks), (cfg.batch_size,), generator=g)] for _ in range(n)]

    def run(fast: bool, steps) -> tuple[float, float]:
        model = copy.deepcopy(base).train()
        if fast:
            fuse_activations(model)
            opt = adam(model.parameters(), cfg.lr, cfg.weight_decay)
        else:
            opt = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay, betas=(0.9, 0.95))
        if fast:
            opt.param_groups[0]["betas"] = (0.9, 0.95)
        t0, loss = time.perf_counter(), float("nan")
        for b in steps:
            if fast:
                h = model.transformer(input_ids=b[:, :-1]).last_hidden_state               # (B, T, H)
                loss_t = linear_cross_entropy(h.reshape(-1, h.size(-1)), model.lm_head.weight, None,
                                              b[:, 1:].reshape(-1))
            else:
                logits = model(input_ids=b[:, :-1]).logits
                loss_t = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.size(-1)), b[:, 1:].reshape(-1))
            opt.zero_grad(set_to_none=True)
            loss_t.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            loss = loss_t.item()
        return (time.perf_counter() - t0) / len(steps), loss

    half = max(1, n // 2)
    res = {"plain": [], "fast": []}
    for blk in (batches[:half], batches[half:]):
        for name in ("plain", "fast") if blk is batches[:half] else ("fast", "plain"):
            res[name].append(run(name == "fast", blk)[0])
    loss_plain, loss_fast = run(False, batches)[1], run(True, batches)[1]
    plain, fast = (sum(v) / len(v) for v in (res["plain"], res["fast"]))
    return {"tiny_pretrain_ms_per_step_plain": 1000 * plain, "tiny_pretrain_ms_per_step_fast": 1000 * fast,
            "tiny_pretrain_fast_speedup": plain / fast, "tiny_loss_after_n_plain": loss_plain,
            "tiny_loss_after_n_fast": loss_fast, "tiny_compare_steps": n,
            "tiny_loss_rel_diff": abs(loss_plain - loss_fast) / max(1e-12, abs(loss_plain)) if math.isfinite(loss_plain)
            else float("nan")}


if __name__ == "__main__":
    main()
