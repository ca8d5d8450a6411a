"""Shared helpers of the benchmark scripts (not part of the ``chatgpt`` package).

* environment set-up (offline hub, thread count) and the ``key=value`` last line;
* the separate virtual environment with ``trl==1.12.0`` (the last trl with PPO);
* the bench's own short SFT policy and reward model, cached under ``bench/out/``
  and keyed on the tiny model's fingerprint so a rebuilt tiny model invalidates them;
* conversion of our reward model (GPT-2 body + value head + score normalisation) into
  a ``GPT2ForSequenceClassification`` that trl can load.
"""
from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
OUT = BENCH / "out"
TRL_VENV = BENCH / ".venv-trl112"
TRL_VERSION = "1.12.0"

if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def setup_env(threads: int | None = None) -> int:
    """Offline hub, no tokenizer threads, a fixed torch thread count (default: all cores)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("KOCHATGPT_PROFILE", "tiny")
    import torch

    n = threads or int(os.environ.get("BENCH_THREADS", 0)) or (os.cpu_count() or 1)
    torch.set_num_threads(n)
    return n


def fmt(v) -> str:
    if isinstance(v, float):
        return f"{v:.4g}"
    return str(v)


def kv_line(d: dict) -> str:
    """``k=v k=v …`` — every bench prints this as its LAST line."""
    return " ".join(f"{k}={fmt(v)}" for k, v in d.items())


def parse_kv(line: str) -> dict:
    """Inverse of :func:`kv_line` (numbers become float/int, the rest stays a string)."""
    out: dict = {}
    for tok in line.strip().split():
        if "=" not in tok:
            continue
        k, v = tok.split("=", 1)
        try:
            out[k] = int(v)
        except ValueError:
            try:
                out[k] = float(v)
            except ValueError:
                out[k] = v
    return out


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


# --------------------------------------------------------------------------- versions / machine
def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def pkg_version(name: str, python: str | None = None) -> str:
    if python is None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version(name)
        except PackageNotFoundError:
            return "-"
    r = subprocess.run([python, "-c", f"from importlib.metadata import version; print(version({name!r}))"],
                       capture_output=True, text=True)
    return r.stdout.strip() or "-"


# --------------------------------------------------------------------------- trl 1.12 venv
def _main_versions() -> dict:
    return {n: pkg_version(n) for n in ("torch", "transformers", "datasets", "accelerate", "tokenizers",
                                        "safetensors")}


def trl_python() -> Path:
    return TRL_VENV / "bin" / "python"


def ensure_trl_venv(quiet: bool = True) -> Path:
    """Create ``bench/.venv-trl112`` (once): trl 1.12 with the main venv's torch/transformers/datasets."""
    v = _main_versions()
    torch_v = v["torch"].split("+")[0]
    spec = [f"torch=={torch_v}", f"trl=={TRL_VERSION}", f"transformers=={v['transformers']}",
            f"datasets=={v['datasets']}", f"accelerate=={v['accelerate']}", f"tokenizers=={v['tokenizers']}",
            f"safetensors=={v['safetensors']}", "requests", "tqdm", "numpy", "loralib", "pandas"]
    marker = TRL_VENV / ".installed.json"
    if marker.exists() and json.loads(marker.read_text()).get("spec") == spec and trl_python().exists():
        return trl_python()
    log(f"creating {TRL_VENV.relative_to(REPO)} with trl=={TRL_VERSION} (one-off, ~1–3 min)…")
    t0 = time.perf_counter()
    if not trl_python().exists():
        subprocess.run([sys.executable, "-m", "venv", str(TRL_VENV)], check=True)
    pip = [str(trl_python()), "-m", "pip", "install"] + (["-q"] if quiet else [])
    subprocess.run(pip + spec, check=True)
    subprocess.run(pip + ["--no-deps", "-e", str(REPO)], check=True)
    marker.write_text(json.dumps({"spec": spec, "seconds": time.perf_counter() - t0}))
    log(f"trl venv ready in {time.perf_counter() - t0:.0f}s")
    return trl_python()


# --------------------------------------------------------------------------- models
def base_model(override: str | None = None) -> Path:
    """The tiny Korean GPT-2 (``chatgpt.tiny.ensure_tiny``) unless ``--model``/``BENCH_MODEL`` says otherwise."""
    override = override or os.environ.get("BENCH_MODEL")
    if override:
        return Path(override)
    from chatgpt.tiny import ensure_tiny

    return Path(ensure_tiny(progress=False))


def _sha(path: Path) -> str:
    import hashlib

    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()[:16]


def model_fingerprint(path: Path) -> str:
    """Hash of the base model's weights and tokenizer — bench checkpoints are rebuilt when it changes
    (a rebuild of the tiny model that gives the same weights keeps them)."""
    path = Path(path)
    files = [path / "model.safetensors", path / "tokenizer.json"]
    if all(f.exists() for f in files):
        return "-".join(_sha(f) for f in files)
    return str(path.resolve())


def data_fingerprint(kind: str) -> str:
    """Hash of the data file of ``kind`` (``sft``/``rm``/``ppo``/``eval``) the bench reads."""
    from chatgpt.data.loaders import DEFAULT_FILES, resolve_data_file

    return _sha(resolve_data_file(None, DEFAULT_FILES[kind]))


def load_tokenizer(path):
    from chatgpt.pipeline import load_tokenizer as _lt

    return _lt(str(path))


def _stamp_ok(path: Path, stamp: dict) -> bool:
    f = path / "bench_stamp.json"
    return f.exists() and json.loads(f.read_text()) == stamp


def ensure_bench_sft(base: Path, epochs: float | None = None) -> Path:
    """``bench/out/sft_e1``: the tiny model after a short SFT with **our** SFTTrainer (the PPO policy).

    ``epochs`` defaults to 1 (``BENCH_SFT_EPOCHS`` overrides it, for quick trials).
    """
    from chatgpt.config import profile_config

    epochs = float(epochs if epochs is not None else os.environ.get("BENCH_SFT_EPOCHS", 1.0))
    cfg = profile_config("tiny")
    out = OUT / f"sft_e{epochs:g}"
    stamp = {"base": model_fingerprint(base), "data": data_fingerprint("sft"), "epochs": epochs,
             "sft": cfg.sft.__dict__ | {"epochs": epochs}}
    if _stamp_ok(out, stamp):
        return out
    import torch
    from dataclasses import replace
    from transformers import AutoModelForCausalLM

    from chatgpt.data import load_sft, split_records
    from chatgpt.dataset import SupervisedDataset
    from chatgpt.trainer import NaiveStrategy, SFTTrainer

    log(f"bench SFT policy: {epochs} epoch(s) of our SFTTrainer on {base}")
    tok = load_tokenizer(base)
    train, held = split_records(list(load_sft()), cfg.sft.eval_fraction, seed=cfg.sft.seed)
    scfg = replace(cfg.sft, epochs=epochs)
    torch.manual_seed(scfg.seed)
    model = AutoModelForCausalLM.from_pretrained(base)
    model.resize_token_embeddings(len(tok))
    tr = SFTTrainer(model, tok, SupervisedDataset(train, tok, scfg.max_length),
                    SupervisedDataset(held, tok, scfg.max_length), scfg, strategy=NaiveStrategy("cpu", scfg.seed),
                    eval_every=10**9)
    h = tr.fit(progress=False)
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out)
    tok.save_pretrained(out)
    (out / "bench_stamp.json").write_text(json.dumps(stamp))
    log(f"bench SFT policy done: eval_loss={h['eval_loss'][-1]:.3f} in {h['seconds']:.0f}s")
    return out


def ensure_bench_rm(sft: Path, steps: int | None = None) -> Path:
    """``bench/out/rm_sft_e1_s200``: our RewardModel trained from the bench SFT policy (the PPO judge).

    ``steps`` defaults to 200 (``BENCH_RM_STEPS`` overrides it, for quick trials).
    """
    from chatgpt.config import profile_config

    steps = int(steps if steps is not None else os.environ.get("BENCH_RM_STEPS", 200))
    cfg = profile_config("tiny")
    out = OUT / f"rm_{sft.name}_s{steps}"
    stamp = {"sft": json.loads((sft / "bench_stamp.json").read_text()), "data": data_fingerprint("rm"),
             "steps": steps, "rm": cfg.rm.__dict__, "batches": "ranked"}
    if _stamp_ok(out, stamp):
        return out
    import torch
    from dataclasses import replace

    from chatgpt.dataset import RankedRewardDataset
    from chatgpt.models import RewardModel
    from chatgpt.pipeline import rm_record_split
    from chatgpt.trainer import NaiveStrategy, RewardModelTrainer

    log(f"bench reward model: {steps} steps of our RewardModelTrainer (ranked batches) from {sft.name}")
    tok = load_tokenizer(sft)
    train, held = rm_record_split(cfg)
    torch.manual_seed(cfg.rm.seed)
    model = RewardModel.from_pretrained(sft)
    ds = RankedRewardDataset(train, tok, cfg.rm.max_length)
    rcfg = replace(cfg.rm, epochs=steps / max(1, -(-len(ds) // cfg.rm.batch_size)))
    tr = RewardModelTrainer(model, tok, ds, RankedRewardDataset(held[:170], tok, cfg.rm.max_length), rcfg,
                            strategy=NaiveStrategy("cpu", rcfg.seed), eval_every=10**9)
    h = tr.fit(progress=False)
    final = {k: v[-1] for k, v in h.items() if k.startswith("eval_") and isinstance(v, list)}
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out, tokenizer=tok)
    (out / "bench_stamp.json").write_text(json.dumps(stamp))
    (out / "bench_eval.json").write_text(json.dumps(final))
    log(f"bench reward model done: eval_accuracy={final['eval_accuracy']:.3f} on 510 held-out pairs "
        f"in {h['seconds']:.0f}s")
    return out


def rm_to_sequence_classification(rm, out_dir: Path | None = None, normalised: bool = True):
    """Our :class:`~chatgpt.models.RewardModel` → an equivalent ``GPT2ForSequenceClassification`` (num_labels=1).

    Our score is ``s(x) = (w·h_T + b − shift) / scale`` with ``h_T`` the final-layer-norm output at the
    last real token. ``GPT2ForSequenceClassification.score`` is a bias-free ``Linear(d, 1)``, so:

    * the scale is folded into the weight:  ``w' = w / scale``;
    * the constant ``c = (b − shift) / scale`` is folded into the **bias of the final layer norm**
      ``ln_f``: ``β' = β + c · w' / |w'|²`` gives ``w'·(γ⊙n + β') = w'·(γ⊙n + β) + c``. ``ln_f``
      feeds only the score head in a sequence-classification model, so nothing else changes.

    The converted model therefore returns exactly ``RewardModel.score`` (up to float rounding),
    read at the last non-pad token as ``GPT2ForSequenceClassification`` does. With
    ``normalised=False`` it returns the raw head ``w·h + b`` instead (what our ``Critic``, loaded
    from the same checkpoint, computes at every position) — used as trl's value-model init.
    """
    import torch
    from transformers import GPT2Config, GPT2ForSequenceClassification

    body = rm.backbone
    cfg = GPT2Config.from_dict(body.config.to_dict())
    cfg.num_labels = 1
    cfg.architectures = ["GPT2ForSequenceClassification"]
    cls = GPT2ForSequenceClassification(cfg)
    missing, unexpected = cls.transformer.load_state_dict(body.state_dict(), strict=False)
    assert not [k for k in missing if not k.endswith("attn.bias") and not k.endswith("masked_bias")], missing
    with torch.no_grad():
        scale, shift = (float(rm.score_scale), float(rm.score_shift)) if normalised else (1.0, 0.0)
        w = rm.value_head.weight.detach().double() / scale                 # (1, d)
        c = (float(rm.value_head.bias) - shift) / scale
        cls.score.weight.copy_(w.float())
        beta = cls.transformer.ln_f.bias.detach().double() + c * w[0] / (w[0] @ w[0])
        cls.transformer.ln_f.bias.copy_(beta.float())
    cls.eval()
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
        cls.save_pretrained(out_dir)
    return cls


def check_rm_conversion(rm, cls, tokenizer, n: int = 8) -> float:
    """Max |our score − converted score| on ``n`` held-out RM sequences (right-padded)."""
    import torch

    from chatgpt.config import profile_config
    from chatgpt.dataset import encode_response, right_pad
    from chatgpt.pipeline import rm_pair_split

    _, pairs, _ = rm_pair_split(profile_config("tiny"))
    seqs = [encode_response(p["prompt"], p[k], tokenizer, 192) for p in pairs[:n // 2] for k in ("chosen", "rejected")]
    ids, mask = right_pad(seqs, tokenizer.pad_token_id)
    rm.eval()
    with torch.no_grad():
        ours = rm.score(ids, mask)
        theirs = cls(input_ids=ids, attention_mask=mask).logits.squeeze(-1)
    return float((ours - theirs).abs().max())


# --------------------------------------------------------------------------- FLOPs
def measure_matmul_peak(threads: int, n: int = 2048, repeats: int = 5, dtype=None, device: str = "cpu") -> float:
    """Best-of-``repeats`` GFLOP/s of an ``n×n @ n×n`` fp32 ``torch.matmul`` on ``threads`` threads."""
    import torch

    torch.set_num_threads(threads)
    dtype = dtype or torch.float32
    g = torch.Generator(device="cpu").manual_seed(0)
    a = torch.randn(n, n, generator=g, dtype=torch.float32).to(device=device, dtype=dtype)
    b = torch.randn(n, n, generator=g, dtype=torch.float32).to(device=device, dtype=dtype)
    sync = torch.cuda.synchronize if device.startswith("cuda") else (lambda: None)
    for _ in range(2):
        torch.matmul(a, b)
    sync()
    best = 0.0
    inner = 4 if device == "cpu" else 50
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(inner):
            torch.matmul(a, b)
        sync()
        dt = (time.perf_counter() - t0) / inner
        best = max(best, 2 * n ** 3 / dt / 1e9)
    return best


def gpt2_gemm_shapes(config, tokens: int, head_tokens: int) -> list[tuple[int, int, int]]:
    """The dense GEMMs of one GPT-2 training step as ``(M, K, N)``: ``x (M×K) @ W (K×N)``.

    Per layer: QKV ``d→3d``, attention output ``d→d``, MLP ``d→4d`` and ``4d→d``, on ``tokens`` rows;
    the (tied) LM head ``d→V`` on ``head_tokens`` rows (the positions whose logits the loss needs).
    """
    d, V, L = config.n_embd, config.vocab_size, config.n_layer
    return [(tokens, d, 3 * d), (tokens, d, d), (tokens, d, 4 * d), (tokens, 4 * d, d)] * L + [(head_tokens, d, V)]


def gpt2_attention_shapes(config, batch: int, seq_len: int) -> list[tuple[int, int, int, int]]:
    """The attention matmuls of one step as batched ``(batch·heads, M, K, N)``: ``QKᵀ`` and ``softmax·V``."""
    h = config.n_head
    dh = config.n_embd // h
    return [(batch * h, seq_len, dh, seq_len), (batch * h, seq_len, seq_len, dh)] * config.n_layer


def time_gemms(shapes, attn_shapes=(), repeats: int = 3, backward: bool = True) -> tuple[float, float]:
    """Best-of-``repeats`` seconds (and FLOPs) of ``torch.matmul`` at exactly these shapes.

    Every ``(M, K, N)`` GEMM runs forward ``x @ W`` and, with ``backward``, the two backward GEMMs
    of a linear layer: ``dX = dY @ Wᵀ`` (M×N @ N×K) and ``dW = Xᵀ @ dY`` (K×M @ M×N), transposes
    as views as autograd passes them. Batched ``(b, M, K, N)`` shapes (b > 1) run as ``torch.matmul`` of
    3-d tensors likewise. The tensors are allocated before timing, once per distinct shape (a shape
    that repeats — layers, decode steps — reuses them, as the model reuses its weights).
    """
    import torch

    g = torch.Generator().manual_seed(0)
    ops, flops, made = [], 0.0, {}
    for shape in [(1, *s) for s in shapes] + list(attn_shapes):      # (batch, M, K, N); batch 1 = a plain GEMM
        b, M, K, N = shape
        if shape not in made:                 # a repeated shape (decode steps, layers) reuses its tensors
            lead = () if b == 1 else (b,)
            made[shape] = (torch.randn(*lead, M, K, generator=g), torch.randn(*lead, K, N, generator=g),
                           torch.randn(*lead, M, N, generator=g))
        ops.append(made[shape])
        flops += 2.0 * b * M * K * N * (3 if backward else 1)

    def run():
        for x, w, gy in ops:
            torch.matmul(x, w)
            if backward:
                torch.matmul(gy, w.transpose(-1, -2))
                torch.matmul(x.transpose(-1, -2), gy)

    run()
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - t0)
    return best, flops


def gpt2_flops_per_token(config, seq_len: float) -> float:
    """Training FLOPs per token, ``6·N + 12·L·d·T`` (Kaplan et al., 2020; PaLM appendix B).

    ``N`` = parameters that take part in matmuls: every parameter except the position
    embeddings; the (tied) token embedding is counted once, as the LM head's ``d×V`` matmul.
    ``12·L·d·T`` is the attention score/value matmuls (forward + backward) for context
    length ``T`` without discounting the causal mask.
    """
    d, L, V = config.n_embd, config.n_layer, config.vocab_size
    per_layer = 12 * d * d + 13 * d          # qkv (3d²+3d), proj (d²+d), mlp (8d²+5d), 2 layer norms (4d)
    n = L * per_layer + V * d + 2 * d         # + tied wte/lm head + ln_f
    return 6 * n + 12 * L * d * seq_len


def timed_strategy(seed: int, device: str = "cpu", sync=None):
    """Our ``NaiveStrategy`` with sequential batches (the order trl uses) and a timestamp in
    ``.stamps`` after every optimizer step (``sync``, e.g. ``torch.cuda.synchronize``, runs first)."""
    from chatgpt.trainer import NaiveStrategy

    class Timed(NaiveStrategy):
        def setup_dataloader(self, dataset, batch_size, shuffle, collate_fn, seed=None, drop_last=False,
                             group_by_length=False):
            return super().setup_dataloader(dataset, batch_size, False, collate_fn, seed, drop_last)

        def optimizer_step(self, optimizer, model, max_grad_norm=None):
            norm = super().optimizer_step(optimizer, model, max_grad_norm)
            if sync is not None:
                sync()
            self.stamps.append(time.perf_counter())
            return norm

    s = Timed(device, seed)
    s.stamps = []
    return s


def stamp_callback(stamps: list):
    """A ``transformers.TrainerCallback`` appending a timestamp to ``stamps`` after every optimizer step."""
    from transformers import TrainerCallback

    class Stamp(TrainerCallback):
        def on_step_end(self, args, state, control, **kw):
            stamps.append(time.perf_counter())

    return Stamp()


def trl_ppo_models(rm_path, tok) -> dict:
    """trl's reward and value models from our RM (checked conversion): the spec entries ``reward`` and ``value``."""
    from chatgpt.models import RewardModel

    rm = RewardModel.from_pretrained(rm_path)
    cls_r = rm_to_sequence_classification(rm, OUT / "rm_cls", normalised=True)
    rm_to_sequence_classification(rm, OUT / "value_cls", normalised=False)
    for d in ("rm_cls", "value_cls"):
        tok.save_pretrained(OUT / d)
    err = check_rm_conversion(rm, cls_r, tok)
    log(f"RM → GPT2ForSequenceClassification: max |Δscore| = {err:.2e} on 8 held-out sequences")
    if err > 1e-3:
        raise RuntimeError(f"reward-model conversion is off by {err}")
    return {"reward": str(OUT / "rm_cls"), "value": str(OUT / "value_cls")}
