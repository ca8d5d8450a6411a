"""The project's own tiny Korean GPT-2, built offline from bundled text.

``python -m chatgpt.tiny build`` does two things, seeded and in a few minutes on a
2-core CPU:

1. trains a byte-level BPE tokenizer (Sennrich et al., 2016; the GPT-2 variant of
   Radford et al., 2019) with ~8k tokens and *distinct* ``<pad>`` and ``</s>``
   tokens (KoGPT-2 uses ``</s>`` for bos/eos and ``<pad>`` for padding — we copy that
   so that code written against the tiny model runs unchanged on KoGPT-2);
2. pretrains a small GPT-2 (causal LM) on the corpus from
   :func:`chatgpt.data.corpus.generate_corpus` (≥ 3 MB of Korean written by this
   project), reporting the held-out loss.

The result is written with ``save_pretrained`` (safetensors) into a cache directory
(``KOCHATGPT_CACHE`` or ``~/.cache/kochatgpt``), never into the repository. A build
is reused when its ``build.json`` matches the current config and data fingerprint.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import time
from dataclasses import asdict, dataclass
from pathlib import Path

#: bumped when the build's arithmetic changes outside this module (7: GELU in its σ form, the blocked LM-head
#: cross-entropy of chatgpt.models.loss — the same functions, other float rounding)
BUILD_VERSION = 7


@dataclass
class TinyConfig:
    """Shape and training budget of the tiny model (defaults fit ≤ 5 min on 2 cores)."""

    vocab_size: int = 8000        # BPE vocabulary incl. special tokens
    n_layer: int = 3              # transformer blocks
    n_embd: int = 160             # width
    n_head: int = 4               # attention heads (head dim 40)
    n_positions: int = 256        # context length of the model
    seq_len: int = 128            # training block length (packed documents)
    batch_size: int = 32          # blocks per step
    steps: int = 320              # optimizer steps (≈ 1.3M tokens, ~2 passes over the corpus)
    lr: float = 2e-3              # AdamW peak lr (linear warmup over 10% of steps, cosine to 10%)
    weight_decay: float = 0.05
    heldout_fraction: float = 0.02  # share of documents kept out for the held-out loss
    corpus_bytes: int = 3_300_000   # size of the generated corpus
    seed: int = 0


SPECIAL_TOKENS = {"pad_token": "<pad>", "eos_token": "</s>", "bos_token": "</s>", "unk_token": "<unk>"}


def cache_root() -> Path:
    return Path(os.environ.get("KOCHATGPT_CACHE", Path.home() / ".cache" / "kochatgpt"))


def corpus_documents(config: TinyConfig) -> list[str]:
    """The pretraining documents: generated Korean text + the *training* Q/A texts.

    Eval prompts and references are passed as ``exclude`` so that none of them is in
    the pretraining text (checked again by the tests).
    """
    from chatgpt.data.corpus import generate_corpus
    from chatgpt.data.loaders import default_data_dir, SFT_FILE, PPO_FILE, EVAL_FILE
    from chatgpt.data.io import read_records
    data_dir = default_data_dir()
    sft = read_records(data_dir / SFT_FILE)
    ppo = read_records(data_dir / PPO_FILE)
    ev = read_records(data_dir / EVAL_FILE)
    extra = [r["prompt"] + "\n" + r["completion"] for r in sft] + [r["prompt"] for r in ppo]
    exclude = [r["prompt"] for r in ev] + [r["reference"] for r in ev]
    return generate_corpus(extra, target_bytes=config.corpus_bytes, seed=config.seed, exclude=exclude)


def fingerprint(config: TinyConfig) -> str:
    """Hash of the config, build version, this module's code, the corpus generator (every module and every
    lexicon file of :func:`chatgpt.data.corpus.source_files`, by path) and the data files the corpus is made
    from (SFT, PPO, eval): a cached build is reused only when all of them are unchanged."""
    from chatgpt.data.corpus import source_files
    from chatgpt.data.loaders import EVAL_FILE, PPO_FILE, SFT_FILE, default_data_dir

    h = hashlib.sha256(json.dumps([asdict(config), BUILD_VERSION], sort_keys=True).encode())
    h.update(Path(__file__).read_bytes())
    for path in source_files():     # named by folder/file, so the hash does not depend on where the repo is
        h.update(f"{path.parent.name}/{path.name}".encode() + b"\0" + path.read_bytes())
    for name in (SFT_FILE, PPO_FILE, EVAL_FILE):
        h.update(name.encode() + (default_data_dir() / name).read_bytes())
    return h.hexdigest()[:16]


def train_tokenizer(docs: list[str], config: TinyConfig):
    """Byte-level BPE with distinct pad/eos/unk, wrapped as a HF fast tokenizer."""
    from tokenizers import ByteLevelBPETokenizer
    from transformers import PreTrainedTokenizerFast

    from chatgpt.template import PROMPT_TEMPLATE

    bpe = ByteLevelBPETokenizer(add_prefix_space=False)
    specials = ["<pad>", "</s>", "<unk>"]
    # the corpus is Korean only; the template's marker lines are added so that they become a few tokens
    template = [PROMPT_TEMPLATE.format(prompt="")] * 200
    bpe.train_from_iterator(docs + template, vocab_size=config.vocab_size, min_frequency=2,
                            special_tokens=specials, show_progress=False)
    tok = PreTrainedTokenizerFast(tokenizer_object=bpe._tokenizer, **SPECIAL_TOKENS)
    tok.model_max_length = config.n_positions
    assert tok.pad_token_id != tok.eos_token_id
    return tok


def pack(docs: list[str], tokenizer, seq_len: int):
    """Concatenate documents separated by eos and cut into ``(n_blocks, seq_len + 1)`` rows."""
    import torch

    ids: list[int] = []
    eos = tokenizer.eos_token_id
    for enc in tokenizer(docs, add_special_tokens=False)["input_ids"]:
        ids.extend(enc)
        ids.append(eos)
    n = (len(ids) - 1) // seq_len
    t = torch.tensor(ids[: n * seq_len + 1])
    # rows overlap by one token so that row[:, 1:] are the targets of row[:, :-1]
    return torch.stack([t[i * seq_len: (i + 1) * seq_len + 1] for i in range(n)]), len(ids)


def pretrain(model, train_blocks, heldout_blocks, config: TinyConfig, progress: bool = True) -> dict:
    """Plain causal-LM pretraining loop; returns losses and throughput."""
    import torch
    from tqdm.auto import tqdm

    g = torch.Generator().manual_seed(config.seed)
    from chatgpt.models.loss import linear_cross_entropy
    from chatgpt.models.utils import fuse_activations
    from chatgpt.trainer.base import adam

    fuse_activations(model)             # gelu_new as one kernel: the same function (≤ 2.4e-7 apart), ~3× faster
    opt = adam(model.parameters(), config.lr, config.weight_decay, betas=(0.9, 0.95))   # fused AdamW
    warmup = max(1, config.steps // 10)

    def lr_at(step: int) -> float:
        if step < warmup:
            return config.lr * (step + 1) / warmup
        t = (step - warmup) / max(1, config.steps - warmup)
        return config.lr * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * t)))

    model.train()
    losses = []
    t0 = time.perf_counter()
    bar = tqdm(range(config.steps), desc="pretrain tiny GPT-2", disable=not progress)
    for step in bar:
        idx = torch.randint(len(train_blocks), (config.batch_size,), generator=g)
        batch = train_blocks[idx]                          # (B, T+1)
        for group in opt.param_groups:
            group["lr"] = lr_at(step)
        h = model.transformer(input_ids=batch[:, :-1]).last_hidden_state        # (B, T, H)
        # mean cross-entropy of the tied LM head, in chunks of rows: no (B·T, V) logits kept for the backward
        loss = linear_cross_entropy(h.reshape(-1, h.size(-1)), model.lm_head.weight, None, batch[:, 1:].reshape(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        losses.append(loss.item())
        if step % 50 == 0:
            bar.set_postfix(loss=f"{loss.item():.3f}")
    seconds = time.perf_counter() - t0
    heldout = evaluate_loss(model, heldout_blocks)
    return {"train_losses": losses, "heldout_loss": heldout, "train_seconds": seconds,
            "tokens_per_second": config.steps * config.batch_size * config.seq_len / seconds}


def evaluate_loss(model, blocks, batch_size: int = 32) -> float:
    import torch

    model.eval()
    total, count = 0.0, 0
    with torch.no_grad():
        for i in range(0, len(blocks), batch_size):
            b = blocks[i: i + batch_size]
            logits = model(input_ids=b[:, :-1]).logits
            loss = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.size(-1)), b[:, 1:].reshape(-1),
                                                     reduction="sum")
            total += loss.item()
            count += b[:, 1:].numel()
    model.train()
    return total / max(1, count)


def build(config: TinyConfig | None = None, out_dir: str | Path | None = None, force: bool = False,
          progress: bool = True) -> Path:
    """Build (or reuse) the tiny model; returns the directory with model + tokenizer."""
    import fcntl

    config = config or TinyConfig()
    fp = fingerprint(config)
    out = Path(out_dir) if out_dir else cache_root() / f"tiny-gpt2-{fp}"
    if not force and is_valid_build(out, fp):
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out.parent / f".{out.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)          # a concurrent build (tests, notebooks) waits, then reuses
        if not force and is_valid_build(out, fp):
            return out
        return _build(config, out, fp, progress)


def _build(config: TinyConfig, out: Path, fp: str, progress: bool) -> Path:
    import torch
    from transformers import GPT2Config, GPT2LMHeadModel

    t0 = time.perf_counter()
    random.seed(config.seed)
    torch.manual_seed(config.seed)
    docs = corpus_documents(config)
    corpus_bytes = len("\n".join(docs).encode("utf-8"))
    order = list(range(len(docs)))
    random.Random(config.seed).shuffle(order)
    n_held = max(1, int(len(docs) * config.heldout_fraction))
    held_docs = [docs[i] for i in order[:n_held]]
    train_docs = [docs[i] for i in order[n_held:]]

    tokenizer = train_tokenizer(train_docs, config)
    train_blocks, n_train_tokens = pack(train_docs, tokenizer, config.seq_len)
    held_blocks, _ = pack(held_docs, tokenizer, config.seq_len)

    gcfg = GPT2Config(vocab_size=len(tokenizer), n_positions=config.n_positions, n_embd=config.n_embd,
                      n_layer=config.n_layer, n_head=config.n_head, bos_token_id=tokenizer.bos_token_id,
                      eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.pad_token_id,
                      resid_pdrop=0.0, embd_pdrop=0.0, attn_pdrop=0.0)
    model = GPT2LMHeadModel(gcfg)
    stats = pretrain(model, train_blocks, held_blocks, config, progress=progress)

    tmp = out.with_name(out.name + ".tmp")
    tmp.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(tmp)
    tokenizer.save_pretrained(tmp)
    info = {
        "fingerprint": fp, "config": asdict(config), "corpus_bytes": corpus_bytes, "documents": len(docs),
        "train_tokens": n_train_tokens, "heldout_loss": stats["heldout_loss"],
        "initial_loss": stats["train_losses"][0], "final_train_loss": sum(stats["train_losses"][-50:]) / 50,
        "tokens_per_second": stats["tokens_per_second"], "build_seconds": time.perf_counter() - t0,
        "parameters": sum(p.numel() for p in model.parameters()),
    }
    (tmp / "build.json").write_text(json.dumps(info, indent=1))
    if out.exists():
        import shutil

        shutil.rmtree(out)
    tmp.rename(out)
    return out


def is_valid_build(path: Path, fp: str) -> bool:
    meta = path / "build.json"
    if not meta.exists() or not (path / "model.safetensors").exists() or not (path / "tokenizer.json").exists():
        return False
    try:
        return json.loads(meta.read_text()).get("fingerprint") == fp
    except json.JSONDecodeError:
        return False


def build_info(path: str | Path) -> dict:
    return json.loads((Path(path) / "build.json").read_text())


def ensure_tiny(progress: bool = True) -> Path:
    """Path of a valid tiny build, building it first when missing (notebooks call this)."""
    config = TinyConfig()
    out = cache_root() / f"tiny-gpt2-{fingerprint(config)}"
    if not is_valid_build(out, fingerprint(config)):
        print(f"tiny model not found in {out.parent}; building it now (≈ 3–5 min on 2 CPU cores)…")
    return build(config, progress=progress)


def main(argv=None) -> None:
    p = argparse.ArgumentParser(prog="python -m chatgpt.tiny", description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="build (or reuse) the tiny Korean GPT-2")
    b.add_argument("--force", action="store_true", help="rebuild even if a valid cached build exists")
    b.add_argument("--out", default=None, help="output directory (default: the cache)")
    sub.add_parser("path", help="print the cache path of the current build")
    args = p.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if args.cmd == "path":
        print(cache_root() / f"tiny-gpt2-{fingerprint(TinyConfig())}")
        return
    t0 = time.perf_counter()
    path = build(force=args.force, out_dir=args.out)
    info = build_info(path)
    print(f"tiny model: {path}")
    print(f"  parameters={info['parameters']:,} corpus_bytes={info['corpus_bytes']:,} "
          f"train_tokens={info['train_tokens']:,}")
    print(f"  heldout_loss={info['heldout_loss']:.3f} (initial {info['initial_loss']:.3f}) "
          f"build_seconds={info['build_seconds']:.0f} (this call {time.perf_counter() - t0:.0f}s)")


if __name__ == "__main__":
    main()
