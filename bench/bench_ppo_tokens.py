"""PPO at equal work: our ``PPOTrainer`` vs trl 1.12's, per generated and per trained token, interleaved.

``bench_ppo.py`` compares the two trainers per *iteration*; there trl's policy collapses to short
answers and so does less work per iteration. Here both sides do **exactly the same work**:

* **fixed-length rollouts** — every response is ``max_new_tokens`` long: our ``PPOConfig.min_new_tokens
  = max_new_tokens``, trl's generation config ``min_new_tokens = max_new_tokens`` (both set the eos
  logit to −inf until then; checked: no eos in any response, ``generated = B × max_new_tokens``);
* the same policy/reference (``bench/out/sft_e1``), reward and value models (``bench/out/rm_sft_e1_s200``,
  converted exactly for trl, see ``_common.rm_to_sequence_classification``), prompt token ids, rollout
  batch, minibatch, **number of PPO epochs**, temperature, learning rate, seed;
* **interleaved blocks**: ``--rounds`` × (our block, trl block), each block a fresh trainer from the same
  weights running ``--iterations`` iterations, the first excluded as warm-up. trl runs in its own venv
  (``bench/.venv-trl112``) as one worker process that starts a block whenever asked
  (``_trl_ppo_worker.py``, ``SPEC["blocks"]``), so both sides see the same machine state; the load
  average is recorded with every block.

Each steady-state iteration is split into **generation** (sampling with the KV cache), **scoring**
(the rest of the rollout: reference log-probs, reward-model and value forwards, rewards, GAE) and
**update** (``ppo_epochs`` passes of minibatch steps), plus *other* (data loading, logging, the gap
between the end of one iteration and the next rollout). Per token: generation and scoring are divided by
the generated tokens ``B × max_new_tokens``, the update by the trained tokens
``B × max_new_tokens × ppo_epochs``, the whole iteration by the generated tokens.

``--profile``: afterwards, one more iteration of our side under ``torch.profiler`` with timers on the
phases (→ ``bench/out/profile_ppo_tokens.txt``).

Last line: ``ppo_speedup_per_token_vs_trl=… ppo_gen_speedup=… ppo_scoring_speedup=… ppo_update_speedup=… …``.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as C  # noqa: E402

PHASES = ("generation", "scoring", "update", "other")


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--iterations", type=int, default=4, help="iterations per block, the first is warm-up (default 4)")
    p.add_argument("--rounds", type=int, default=3, help="(ours, trl) block pairs, interleaved (default 3)")
    p.add_argument("--rollout-batch-size", type=int, default=None, help="default: tiny PPOConfig (32)")
    p.add_argument("--train-batch-size", type=int, default=None, help="minibatch; default: tiny PPOConfig (16)")
    p.add_argument("--ppo-epochs", type=int, default=None, help="default: tiny PPOConfig (2)")
    p.add_argument("--max-new-tokens", type=int, default=None, help="fixed response length (default: tiny, 96)")
    p.add_argument("--lr", type=float, default=None, help="policy and value lr (default: tiny PPOConfig.actor_lr)")
    p.add_argument("--threads", type=int, default=None)
    p.add_argument("--model", default=None, help="base model path (default: the tiny build)")
    p.add_argument("--skip-trl", action="store_true", help="run our side only")
    p.add_argument("--profile", action="store_true", help="then profile one iteration of ours (torch.profiler)")
    p.add_argument("--rows", type=int, default=20, help="operators in the profile table (default 20)")
    p.add_argument("--trl-timeout", type=int, default=1800, help="seconds before the trl worker is stopped")
    return p.parse_args(argv)


def hparams(a) -> dict:
    from chatgpt.config import profile_config

    p = profile_config("tiny").ppo
    lr = a.lr or p.actor_lr
    return {"iterations": a.iterations, "rollout_batch_size": a.rollout_batch_size or p.rollout_batch_size,
            "train_batch_size": a.train_batch_size or p.train_batch_size, "ppo_epochs": a.ppo_epochs or p.ppo_epochs,
            "lr": lr, "kl_coef": p.kl_coef, "clip_eps": p.clip_eps, "value_clip": p.value_clip, "vf_coef": p.vf_coef,
            "gamma": p.gamma, "lam": p.lam, "temperature": p.temperature,
            "max_new_tokens": a.max_new_tokens or p.max_new_tokens, "max_prompt_length": p.max_prompt_length,
            "seed": p.seed}


# --------------------------------------------------------------------------- phases
def split_iterations(start: float, rollout_start, generation_end, rollout_end, step_end) -> list[dict]:
    """Per iteration ``i ≥ 1`` (the first is warm-up): seconds of each phase and of the whole iteration.

    ``start`` is the time the block started; iteration ``i`` runs from ``step_end[i-1]`` to ``step_end[i]``.
    """
    out = []
    prev = [start] + list(step_end)
    for i in range(1, len(step_end)):
        gen = generation_end[i] - rollout_start[i]
        scoring = rollout_end[i] - generation_end[i]
        update = step_end[i] - rollout_end[i]
        total = step_end[i] - prev[i]
        out.append({"generation": gen, "scoring": scoring, "update": update,
                    "other": total - gen - scoring - update, "iteration": total})
    return out


def our_trainer(sft: Path, rm_path: Path, tok, h: dict, iterations: int):
    """Our PPOTrainer on the benchmark's models and hyper-parameters, fixed-length rollouts: (config, actor, trainer)."""
    import torch
    from dataclasses import replace

    from chatgpt.config import profile_config
    from chatgpt.models import Actor, Critic, RewardModel
    from chatgpt.trainer import NaiveStrategy, PPOTrainer

    cfg = replace(profile_config("tiny").ppo, iterations=iterations, rollout_batch_size=h["rollout_batch_size"],
                  train_batch_size=h["train_batch_size"], ppo_epochs=h["ppo_epochs"], actor_lr=h["lr"],
                  critic_lr=h["lr"], seed=h["seed"], length_penalty=0.0, max_new_tokens=h["max_new_tokens"],
                  min_new_tokens=h["max_new_tokens"])
    torch.manual_seed(cfg.seed)
    actor, initial = Actor.from_pretrained(str(sft)), Actor.from_pretrained(str(sft))
    critic, reward_model = Critic.from_pretrained(rm_path), RewardModel.from_pretrained(rm_path)
    return cfg, actor, PPOTrainer(actor, critic, reward_model, initial, tok, cfg,
                                  strategy=NaiveStrategy("cpu", cfg.seed))


def run_ours_block(sft: Path, rm_path: Path, tok, prompt_ds, h: dict) -> dict:
    cfg, actor, tr = our_trainer(sft, rm_path, tok, h, h["iterations"])
    rec = {k: [] for k in ("rollout_start", "generation_end", "rollout_end", "step_end", "generated_tokens",
                           "rollout_tokens", "rollout_start_cpu", "generation_end_cpu", "rollout_end_cpu",
                           "step_end_cpu", "prompt_width")}
    sample, make = actor.sample, tr.maker.make_experience

    def stamp(key):
        rec[key].append(time.perf_counter())
        rec[key + "_cpu"].append(time.process_time())

    def timed_sample(*args, **kw):
        stamp("rollout_start")                               # the sampler is the first thing a rollout does
        seq, logp = sample(*args, **kw)
        stamp("generation_end")
        rec["generated_tokens"].append(int(logp.numel()))
        return seq, logp

    def timed_make(*args, **kw):
        exp = make(*args, **kw)
        stamp("rollout_end")
        rec["prompt_width"].append(exp.sequences.size(1) - exp.action_mask.size(1))
        return exp

    actor.sample, tr.maker.make_experience = timed_sample, timed_make
    t0, c0 = time.perf_counter(), time.process_time()
    hist = tr.fit(prompt_ds, progress=False, callback=lambda s: stamp("step_end"))
    rec["rollout_tokens"] = hist["rollout_tokens"]
    return {**rec, "train_start": t0, "train_start_cpu": c0, "wall": time.perf_counter() - t0,
            "reward": hist["reward"], "loadavg": list(os.getloadavg())}


class TrlWorker:
    """trl's side: one worker process in ``bench/.venv-trl112`` that runs a block per request."""

    def __init__(self, sft: Path, rm_path: Path, tok, prompt_ids, h: dict, threads: int, blocks: int):
        py = C.ensure_trl_venv()
        spec = {"policy": str(sft), **C.trl_ppo_models(rm_path, tok), "prompts": prompt_ids, "hparams": h,
                "threads": threads, "out_dir": str(C.OUT / "ppo_tokens_trl"), "fixed_length": True, "blocks": blocks}
        spec_path = C.OUT / "ppo_tokens_trl_spec.json"
        spec_path.write_text(json.dumps(spec))
        self.log = open(C.OUT / "ppo_tokens_trl_worker.log", "w")
        self.proc = subprocess.Popen([str(py), str(Path(__file__).with_name("_trl_ppo_worker.py")), str(spec_path)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log, text=True,
                                     cwd=C.REPO)

    def wait_ready(self, timeout: float) -> None:
        """Block until the worker has imported trl and set up (its start must not overlap our first block)."""
        self._read_until("@@READY", timeout)

    def block(self, timeout: float) -> dict:
        self.proc.stdin.write("go\n")
        self.proc.stdin.flush()
        return json.loads(self._read_until("@@RESULT ", timeout)[len("@@RESULT "):])

    def _read_until(self, prefix: str, timeout: float) -> str:
        import select

        deadline = time.time() + timeout
        while True:
            ready, _, _ = select.select([self.proc.stdout], [], [], max(0.0, deadline - time.time()))
            if not ready:
                self.close()
                raise RuntimeError(f"trl worker: no result within {timeout:.0f}s (log: bench/out/ppo_tokens_trl_worker.log)")
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError(f"trl worker exited (rc={self.proc.wait()}); see bench/out/ppo_tokens_trl_worker.log")
            if line.startswith(prefix):
                return line.rstrip("\n")
            self.log.write(line)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.log.close()


def gemm_roofline(mcfg, h: dict, P: int, side: str) -> dict:
    """Seconds of one iteration's dense GEMMs (linear layers + LM head, no attention) at their exact shapes.

    ``P`` is the prompt width of the rollout (left-padded), ``T = P + A``. Generation: the prefill (body
    on B × P tokens, head on the last position) and A − 1 decode steps (body and head on B rows); both
    sides run the same. Scoring, forward only: reference (body on B × T, head on B × A for ours — on all
    B × T positions for trl, which computes the reference's full logits), reward model and value model
    (body on B × T). Update, forward + both backward GEMMs, ``ppo_epochs × B / minibatch`` steps: policy
    body on mb × T and head on mb × A (ours) or mb × T (trl: full logits), value body on mb × T.
    """
    B, mb, A, ep = h["rollout_batch_size"], h["train_batch_size"], h["max_new_tokens"], h["ppo_epochs"]
    T = P + A
    body = lambda n: C.gpt2_gemm_shapes(mcfg, n, 0)[:-1]                        # noqa: E731
    head = lambda n: [C.gpt2_gemm_shapes(mcfg, 0, n)[-1]]                       # noqa: E731
    gen = body(B * P) + head(B) + (body(B) + head(B)) * (A - 1)
    ref_head = B * A if side == "ours" else B * T
    scoring = body(B * T) + head(ref_head) + body(B * T) + body(B * T)
    upd_head = mb * A if side == "ours" else mb * T
    update = (body(mb * T) + head(upd_head) + body(mb * T)) * (ep * B // mb)
    return {"generation": C.time_gemms(gen, backward=False)[0], "scoring": C.time_gemms(scoring, backward=False)[0],
            "update": C.time_gemms(update)[0]}


def summarise(blocks: list[dict], h: dict, key: str = "iterations") -> dict:
    """Mean seconds per phase over the steady iterations of all blocks, and per token (``key``: wall or CPU)."""
    its = [it for b in blocks for it in b[key]]
    n_gen = h["rollout_batch_size"] * h["max_new_tokens"]
    mean = {k: statistics.fmean(it[k] for it in its) for k in PHASES + ("iteration",)}
    per_tok = {"generation": mean["generation"] / n_gen, "scoring": mean["scoring"] / n_gen,
               "update": mean["update"] / (n_gen * h["ppo_epochs"]), "other": mean["other"] / n_gen,
               "iteration": mean["iteration"] / n_gen}
    return {"mean": mean, "per_token": per_tok, "n": len(its),
            "round_iteration": [statistics.fmean(it["iteration"] for it in b[key]) for b in blocks]}


def profile_ours(sft: Path, rm_path: Path, tok, prompt_ds, h: dict, rows: int) -> str:
    """Phase timers + torch.profiler's top operators for one steady-state iteration of our side."""
    import io

    from torch.profiler import ProfilerActivity, profile, record_function

    cfg, actor, tr = our_trainer(sft, rm_path, tok, h, 1)
    acc: dict[str, float] = {}
    where = {"phase": "update"}

    def timed(name, fn, phase_switch=None):
        def wrapper(*args, **kw):
            label = name if "{phase}" not in name else name.format(phase=where["phase"])
            t0 = time.perf_counter()
            with record_function(label):
                r = fn(*args, **kw)
            acc[label] = acc.get(label, 0.0) + time.perf_counter() - t0
            return r
        return wrapper

    make = tr.maker.make_experience

    def make_experience(*args, **kw):
        where["phase"] = "rollout"
        try:
            return make(*args, **kw)
        finally:
            where["phase"] = "update"

    actor.sample = timed("rollout: generation (KV-cache sampling)", actor.sample)
    initial, rm, critic = tr.initial_model, tr.reward_model, tr.critic       # the objects the experience maker calls
    initial.action_log_probs = timed("rollout: reference log-probs", initial.action_log_probs)
    rm.score = timed("rollout: reward-model score", rm.score)
    critic.forward = timed("{phase}: critic forward", critic.forward)
    actor.forward = timed("{phase}: actor forward", actor.forward)
    s = tr.strategy
    s.backward = timed("update: backward (actor + critic)", s.backward)
    s.optimizer_step = timed("update: clip + optimizer step (actor + critic)", s.optimizer_step)
    tr.maker.make_experience = timed("rollout: whole", make_experience)
    tr._update = timed("update: whole", tr._update)
    tr.fit(prompt_ds, iterations=1, progress=False)                 # warm-up
    acc.clear()
    t0 = time.perf_counter()
    with profile(activities=[ProfilerActivity.CPU]) as prof:
        tr.fit(prompt_ds, iterations=1, progress=False)
    wall = time.perf_counter() - t0
    out = io.StringIO()
    n_gen = h["rollout_batch_size"] * h["max_new_tokens"]
    print(f"One iteration of our PPOTrainer under torch.profiler: {wall:.2f} s, {n_gen} generated tokens "
          f"(B={h['rollout_batch_size']} × {h['max_new_tokens']}), {h['ppo_epochs']} PPO epochs of minibatch "
          f"{h['train_batch_size']}; profiler overhead included.", file=out)
    print("\n| phase (timers) | s | share |\n|---|---|---|", file=out)
    for k, v in sorted(acc.items(), key=lambda kv: -kv[1]):
        print(f"| {k} | {v:.3f} | {100 * v / wall:.1f} % |", file=out)
    print("\nTop operators by self CPU time:\n", file=out)
    print(prof.key_averages().table(sort_by="self_cpu_time_total", row_limit=rows), file=out)
    return out.getvalue()


def main(argv=None) -> dict:
    a = parse_args(argv)
    threads = C.setup_env(a.threads)
    from chatgpt.data import load_prompts
    from chatgpt.dataset import PromptDataset

    h = hparams(a)
    base = C.base_model(a.model)
    sft = C.ensure_bench_sft(base)
    rm_path = C.ensure_bench_rm(sft)
    tok = C.load_tokenizer(sft)
    prompt_ds = PromptDataset([r["prompt"] for r in load_prompts()], tok, h["max_prompt_length"])
    C.log(f"PPO equal-work bench: {a.rounds} rounds × (ours, trl) blocks of {h['iterations']} iterations, "
          f"{h['rollout_batch_size']} prompts × exactly {h['max_new_tokens']} new tokens, {h['ppo_epochs']} PPO "
          f"epochs of minibatch {h['train_batch_size']}, threads={threads}, loadavg {os.getloadavg()}")
    trl = None if a.skip_trl else TrlWorker(sft, rm_path, tok, prompt_ds.examples, h, threads, a.rounds)
    if trl is not None:
        trl.wait_ready(a.trl_timeout)
    blocks: dict[str, list] = {"ours": [], "trl": []}
    n_gen = h["rollout_batch_size"] * h["max_new_tokens"]
    try:
        for r in range(a.rounds):
            sides = ["ours", "trl"] if trl is not None else ["ours"]
            if r % 2 == 1:
                sides = sides[::-1]                   # ours, trl, trl, ours, ours, trl … (no side always first)
            for side in sides:
                load_before = list(os.getloadavg())
                res = run_ours_block(sft, rm_path, tok, prompt_ds, h) if side == "ours" else trl.block(a.trl_timeout)
                its = split_iterations(res["train_start"], res["rollout_start"], res["generation_end"],
                                       res["rollout_end"], res["step_end"])
                cpu = split_iterations(res["train_start_cpu"], res["rollout_start_cpu"], res["generation_end_cpu"],
                                       res["rollout_end_cpu"], res["step_end_cpu"])
                gen_ok = all(g == n_gen for g in res["generated_tokens"])
                eos_free = all(t == n_gen for t in res["rollout_tokens"])
                if not (gen_ok and eos_free):
                    raise RuntimeError(f"{side}: responses are not all {h['max_new_tokens']} tokens: generated "
                                       f"{res['generated_tokens']}, up to eos {res['rollout_tokens']}")
                blocks[side].append({"iterations": its, "cpu_iterations": cpu, "loadavg_before": load_before,
                                     "loadavg_after": res["loadavg"], "prompt_width": res.get("prompt_width", [])})
                m = statistics.fmean(it["iteration"] for it in its)
                C.log(f"round {r + 1} {side:4s}: {m:.2f} s/iter ({1e3 * m / n_gen:.3f} ms per generated token; "
                      + ", ".join(f"{k} {statistics.fmean(it[k] for it in its):.2f}s" for k in PHASES)
                      + f"; CPU {statistics.fmean(it['iteration'] for it in cpu):.2f} s/iter) "
                      f"loadavg {load_before[0]:.2f} → {res['loadavg'][0]:.2f}")
    finally:
        if trl is not None:
            trl.close()

    s = {side: summarise(b, h) for side, b in blocks.items() if b}
    s_cpu = {side: summarise(b, h, "cpu_iterations") for side, b in blocks.items() if b}
    nan = float("nan")
    o, t = s["ours"], s.get("trl")

    def ratio(k):
        return t["per_token"][k] / o["per_token"][k] if t else nan

    rounds_ratio = ([tr_ / ou for ou, tr_ in zip(o["round_iteration"], t["round_iteration"])] if t else [])
    loads = [x for b in blocks.values() for blk in b for x in (blk["loadavg_before"][0], blk["loadavg_after"][0])]
    out = {
        "ppo_speedup_per_token_vs_trl": ratio("iteration"),
        "ppo_speedup_per_token_median_round": statistics.median(rounds_ratio) if rounds_ratio else nan,
        "ppo_gen_speedup": ratio("generation"), "ppo_scoring_speedup": ratio("scoring"),
        "ppo_update_speedup": ratio("update"),
        # process CPU seconds instead of wall seconds: with one torch thread, robust to other jobs on the machine
        "ppo_speedup_per_token_vs_trl_cpu": (s_cpu["trl"]["per_token"]["iteration"] / s_cpu["ours"]["per_token"]
                                             ["iteration"]) if t else nan,
    }
    for side, v in s.items():
        out[f"ppo_ms_per_token_{side}"] = 1e3 * v["per_token"]["iteration"]
        for k in PHASES:
            out[f"ppo_{k}_ms_per_token_{side}"] = 1e3 * v["per_token"][k]
        out[f"ppo_sec_per_iter_{side}"] = v["mean"]["iteration"]
        out[f"ppo_cpu_sec_per_iter_{side}"] = s_cpu[side]["mean"]["iteration"]
        for k in ("generation", "scoring", "update"):
            out[f"ppo_{k}_cpu_ms_per_token_{side}"] = 1e3 * s_cpu[side]["per_token"][k]
    out.update({"ppo_rounds": a.rounds, "ppo_iterations_per_block": h["iterations"],
                "ppo_steady_iterations": o["n"], "ppo_rollout_batch": h["rollout_batch_size"],
                "ppo_minibatch": h["train_batch_size"], "ppo_epochs": h["ppo_epochs"],
                "ppo_new_tokens": h["max_new_tokens"], "ppo_loadavg_max": max(loads), "ppo_loadavg_min": min(loads),
                "threads": threads})
    # the GEMM roofline of an iteration on each side (same shapes as measured: the rollouts' mean prompt width)
    from transformers import AutoConfig

    mcfg = AutoConfig.from_pretrained(sft)
    widths = [w for b in blocks["ours"] for w in b.get("prompt_width", [])] or [h["max_prompt_length"]]
    P = round(statistics.fmean(widths))
    for side, v in s.items():
        roof = gemm_roofline(mcfg, h, P, side)
        tot = sum(roof.values())
        out[f"ppo_gemm_roofline_s_{side}"] = tot
        out[f"ppo_share_of_gemm_roofline_{side}"] = tot / v["mean"]["iteration"]
        for k, x in roof.items():
            out[f"ppo_{k}_share_of_gemm_roofline_{side}"] = x / v["mean"][k]
    if t:
        out["ppo_roofline_speedup_bound"] = t["mean"]["iteration"] / out["ppo_gemm_roofline_s_ours"]
    out["ppo_prompt_width"] = P
    C.OUT.mkdir(parents=True, exist_ok=True)
    (C.OUT / "ppo_tokens.json").write_text(json.dumps({"hparams": h, "blocks": blocks, "summary": s, "cpu": s_cpu,
                                                       "rounds_ratio": rounds_ratio, "result": out}, indent=1))
    if a.profile:
        text = profile_ours(sft, rm_path, tok, prompt_ds, h, a.rows)
        (C.OUT / "profile_ppo_tokens.txt").write_text(text)
        print(text, flush=True)
    print(C.kv_line(out), flush=True)
    return out


if __name__ == "__main__":
    main()
