"""Where our time goes: ``torch.profiler`` tables for an SFT step and a PPO iteration (tiny model, CPU).

``python bench/profile_ours.py sft`` — profiles ``--steps`` steady-state SFT steps of
:class:`chatgpt.trainer.SFTTrainer` (same data and batch as ``bench_sft.py``) and prints the
top operators by self CPU time plus a coarse split (forward / loss / backward / optimizer).

``python bench/profile_ours.py ppo`` — times the phases of our PPO iterations with wall clocks
(generation; the four scoring forwards of the rollout: actor log-probs, reference log-probs,
critic values, reward; the update) and profiles one iteration with ``torch.profiler``.

Everything goes to stdout and ``bench/out/profile_<what>.txt``. Run on a quiet machine.
"""
from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as C  # noqa: E402


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("what", choices=["sft", "ppo"])
    p.add_argument("--steps", type=int, default=6, help="SFT steps profiled (after 3 warm-up steps)")
    p.add_argument("--iterations", type=int, default=3, help="PPO iterations timed (the first is warm-up)")
    p.add_argument("--rows", type=int, default=25)
    p.add_argument("--threads", type=int, default=None)
    p.add_argument("--model", default=None)
    return p.parse_args(argv)


def profile_sft(a, out):
    import torch
    from dataclasses import replace
    from torch.profiler import ProfilerActivity, profile, record_function
    from transformers import AutoModelForCausalLM

    from bench_sft import build_examples
    from chatgpt.config import profile_config
    from chatgpt.dataset import SupervisedCollator
    from chatgpt.models.loss import labelled_lm_loss
    from chatgpt.models.utils import fuse_activations

    scfg = profile_config("tiny").sft
    base = C.base_model(a.model)
    tok = C.load_tokenizer(base)
    n = a.steps + 3
    ex = build_examples(tok, n * scfg.batch_size, scfg.max_length, scfg.seed)
    coll = SupervisedCollator(tok)
    batches = [ex[i * scfg.batch_size:(i + 1) * scfg.batch_size] for i in range(n)]      # collated in the step
    model = AutoModelForCausalLM.from_pretrained(base).train()
    fuse_activations(model)                                  # as SFTTrainer does
    opt = torch.optim.AdamW(model.parameters(), lr=scfg.lr, weight_decay=scfg.weight_decay)
    phases = {"collate": 0.0, "forward + loss (labelled_lm_loss)": 0.0, "backward": 0.0, "clip+optimizer": 0.0}

    def step(b, timed):
        t0 = time.perf_counter()
        with record_function("sft/collate"):
            b = coll(b)
        t1 = time.perf_counter()
        with record_function("sft/forward+loss"):
            loss = labelled_lm_loss(model, b["input_ids"], b["attention_mask"], b["labels"])
        t2 = time.perf_counter()
        with record_function("sft/backward"):
            loss.backward()
        t3 = time.perf_counter()
        with record_function("sft/optimizer"):
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            opt.zero_grad(set_to_none=True)
        t4 = time.perf_counter()
        if timed:
            for k, v in zip(phases, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
                phases[k] += v

    for b in batches[:3]:
        step(b, False)
    with profile(activities=[ProfilerActivity.CPU], record_shapes=False) as prof:
        for b in batches[3:]:
            step(b, True)
    total = sum(phases.values())
    print(f"SFT, {a.steps} steps × {scfg.batch_size} sequences: {1000 * total / a.steps:.1f} ms/step", file=out)
    for k, v in phases.items():
        print(f"  {k:16s} {1000 * v / a.steps:7.1f} ms/step  {100 * v / total:5.1f} %", file=out)
    roof = {"real": 0.0, "padded": 0.0, "attn": 0.0}
    flops = 0.0
    for b in batches[3:]:
        n_real = sum(len(e["input_ids"]) for e in b)
        T = max(len(e["input_ids"]) for e in b)
        n_head = sum(sum(1 for x in e["labels"][1:] if x != -100) for e in b)
        t, f = C.time_gemms(C.gpt2_gemm_shapes(model.config, n_real, n_head))
        roof["real"] += t
        flops += f
        roof["padded"] += C.time_gemms(C.gpt2_gemm_shapes(model.config, len(b) * T, n_head))[0]
        roof["attn"] += C.time_gemms([], C.gpt2_attention_shapes(model.config, len(b), T))[0]
    peak = C.measure_matmul_peak(torch.get_num_threads())
    print(f"\nShape-matched GEMM roofline (bench/_common.time_gemms): the step's dense GEMMs at its own shapes "
          f"(forward + both backward GEMMs of QKV, attention out, MLP in/out; LM head on the labelled positions) take "
          f"{1000 * roof['real'] / a.steps:.1f} ms on the real tokens ({flops / roof['real'] / 1e9:.1f} GFLOP/s, "
          f"{flops / roof['real'] / 1e9 / peak:.0%} of the 2048² peak {peak:.1f} GFLOP/s), "
          f"{1000 * roof['padded'] / a.steps:.1f} ms on the padded shapes, + {1000 * roof['attn'] / a.steps:.1f} ms of "
          f"attention matmuls; the whole step takes {1000 * total / a.steps:.1f} ms → share of the roofline "
          f"{roof['real'] / total:.1%} (padded: {roof['padded'] / total:.1%}, padded + attention: "
          f"{(roof['padded'] + roof['attn']) / total:.1%}).", file=out)
    print(prof.key_averages().table(sort_by="self_cpu_time_total", row_limit=a.rows), file=out)


def profile_ppo(a, out):
    import torch
    from dataclasses import replace
    from torch.profiler import ProfilerActivity, profile

    from bench_ppo import hparams
    from chatgpt.config import profile_config
    from chatgpt.data import load_prompts
    from chatgpt.dataset import PromptCollator, PromptDataset
    from chatgpt.models import Actor, Critic, RewardModel
    from chatgpt.trainer import NaiveStrategy, PPOTrainer

    class NS:
        iterations, rollout_batch_size, train_batch_size, lr = a.iterations, None, None, None

    h = hparams(NS)
    base = C.base_model(a.model)
    sft = C.ensure_bench_sft(base)
    rm_path = C.ensure_bench_rm(sft)
    tok = C.load_tokenizer(sft)
    cfg = replace(profile_config("tiny").ppo, iterations=h["iterations"], ppo_epochs=1, actor_lr=h["lr"],
                  critic_lr=h["lr"])
    torch.manual_seed(cfg.seed)
    actor, initial = Actor.from_pretrained(str(sft)), Actor.from_pretrained(str(sft))
    critic, rm = Critic.from_pretrained(rm_path), RewardModel.from_pretrained(rm_path)
    tr = PPOTrainer(actor, critic, rm, initial, tok, cfg, strategy=NaiveStrategy("cpu", cfg.seed))
    ds = PromptDataset([r["prompt"] for r in load_prompts()], tok, cfg.max_prompt_length)
    coll = PromptCollator(tok)

    # phase timers: wrap the model methods the experience maker calls (instances only, no package change)
    acc: dict[str, float] = {}

    def timed(name, fn):
        def wrapper(*args, **kw):
            t0 = time.perf_counter()
            r = fn(*args, **kw)
            acc[name] = acc.get(name, 0.0) + time.perf_counter() - t0
            return r
        return wrapper

    actor.generate = timed("rollout: generate", actor.generate)
    actor.action_log_probs = timed("rollout: actor log-probs", actor.action_log_probs)
    initial.action_log_probs = timed("rollout: reference log-probs", initial.action_log_probs)
    critic.forward = timed("rollout+update: critic forward", critic.forward)
    rm.score = timed("rollout: reward score", rm.score)
    tr._update = timed("update (actor+critic minibatch steps)", tr._update)

    tr.fit(ds, iterations=1, progress=False)                       # warm-up
    acc.clear()
    t0 = time.perf_counter()
    hist = tr.fit(ds, iterations=a.iterations - 1, progress=False)
    wall = time.perf_counter() - t0
    n = a.iterations - 1
    toks = sum(hist["rollout_tokens"][-n:])
    print(f"PPO, {n} iterations × {cfg.rollout_batch_size} prompts, {cfg.max_new_tokens} new tokens max: "
          f"{wall / n:.2f} s/iteration, {toks / n:.0f} response tokens/iteration", file=out)
    for k, v in sorted(acc.items(), key=lambda kv: -kv[1]):
        print(f"  {k:40s} {v / n:6.2f} s/iter  {100 * v / wall:5.1f} %", file=out)
    print("  (critic forward is counted inside 'update' too when called from it)", file=out)
    batch = coll([ds[i] for i in range(cfg.rollout_batch_size)])
    with profile(activities=[ProfilerActivity.CPU]) as prof:
        tr.maker.make_experience(batch["input_ids"], batch["attention_mask"])
    print("\nOne rollout (make_experience), top operators by self CPU time:", file=out)
    print(prof.key_averages().table(sort_by="self_cpu_time_total", row_limit=a.rows), file=out)


def main(argv=None):
    a = parse_args(argv)
    C.setup_env(a.threads)
    buf = io.StringIO()

    class Tee(io.TextIOBase):
        def write(self, s):
            sys.stdout.write(s)
            buf.write(s)
            return len(s)

    out = Tee()
    {"sft": profile_sft, "ppo": profile_ppo}[a.what](a, out)
    C.OUT.mkdir(parents=True, exist_ok=True)
    (C.OUT / f"profile_{a.what}.txt").write_text(buf.getvalue())


if __name__ == "__main__":
    main()
