"""PPO: our ``chatgpt.trainer.PPOTrainer`` vs trl 1.12's ``trl.experimental.ppo.PPOTrainer``, side by side.

trl removed PPO after 1.12, so its side runs in a separate virtual environment
(``bench/.venv-trl112``, created on first use with the main venv's torch/transformers/datasets)
through ``bench/_trl_ppo_worker.py``; our side runs in this process. Both get:

* the same **policy** and **reference**: the tiny Korean GPT-2 after one epoch of our SFT
  (``bench/out/sft_e1``);
* the same **reward model**: ours (``bench/out/rm_sft_e1_s200``, 200 steps of RewardModelTrainer). trl needs an
  ``AutoModelForSequenceClassification``; :func:`_common.rm_to_sequence_classification` converts ours
  exactly (normalisation folded into the score weight and the final layer norm's bias) and the
  conversion is checked on held-out sequences before the run. The **value model** starts from the
  same checkpoint on both sides (our ``Critic`` = raw head; trl = the unnormalised conversion);
* the same prompt token ids (the PPO prompt file, templated, ≤ ``max_prompt_length`` tokens), rollout
  batch, minibatch size, one PPO epoch per rollout, response length, sampling temperature, KL
  coefficient (k1 per-token KL in the reward), clip ranges, γ, λ, advantage whitening, learning rate
  (one value for policy and value, as trl has one optimizer; constant schedule), seed, iterations.

Differences that remain are the libraries' own: trl reuses the generation scores for the old
log-probs (one forward less), steps one optimizer over policy+value, does not clip gradients, and
places the score one token after eos; we clip gradient norms at ``max_grad_norm``.

Measured: seconds per iteration in steady state (the first iteration excluded), rollout tokens/s
(response tokens up to and including eos ÷ rollout seconds: generation + scoring + GAE), and the
**reward gain**: mean RM score (ours, normalised) of sampled responses on 64 held-out eval prompts
(``chatgpt.data.load_eval``; 2 samples per prompt, fixed seeds, T=0.7, top-p 0.9), after minus
before, for both final policies — scored by the same reward model.

Last line: ``ppo_speedup_vs_trl=… ppo_reward_gain_ours=… ppo_reward_gain_trl=… ppo_sec_per_iter_ours=… …``.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as C  # noqa: E402


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--iterations", type=int, default=10, help="rollout→update iterations per side (default 10)")
    p.add_argument("--rollout-batch-size", type=int, default=None, help="default: tiny PPOConfig (32)")
    p.add_argument("--train-batch-size", type=int, default=None, help="minibatch; default: tiny PPOConfig (16)")
    p.add_argument("--lr", type=float, default=None, help="policy and value lr (default: tiny PPOConfig.actor_lr)")
    p.add_argument("--eval-prompts", type=int, default=64, help="held-out prompts for the reward gain (default 64)")
    p.add_argument("--eval-samples", type=int, default=2, help="sampled responses per eval prompt (default 2)")
    p.add_argument("--threads", type=int, default=None)
    p.add_argument("--model", default=None, help="base model path (default: the tiny build)")
    p.add_argument("--skip-trl", action="store_true", help="run our side only")
    p.add_argument("--trl-timeout", type=int, default=1200, help="seconds before the trl worker is stopped")
    return p.parse_args(argv)


def hparams(a) -> dict:
    from chatgpt.config import profile_config

    p = profile_config("tiny").ppo
    lr = a.lr or p.actor_lr
    return {"iterations": a.iterations, "rollout_batch_size": a.rollout_batch_size or p.rollout_batch_size,
            "train_batch_size": a.train_batch_size or p.train_batch_size, "ppo_epochs": 1, "lr": lr,
            "kl_coef": p.kl_coef, "clip_eps": p.clip_eps, "value_clip": p.value_clip, "vf_coef": p.vf_coef,
            "gamma": p.gamma, "lam": p.lam, "temperature": p.temperature, "max_new_tokens": p.max_new_tokens,
            "max_prompt_length": p.max_prompt_length, "seed": p.seed}


def eval_reward(model, rm, tok, prompts, samples: int, max_new_tokens: int) -> float:
    """Mean normalised RM score of ``samples`` sampled responses per prompt (fixed seeds)."""
    from chatgpt.config import GenerationConfig
    from chatgpt.eval import generate_responses, score_responses

    scores: list[float] = []
    for k in range(samples):
        g = GenerationConfig(max_new_tokens=max_new_tokens, do_sample=True, temperature=0.7, top_p=0.9, batch_size=32,
                             seed=1234 + 1000 * k)
        resp = generate_responses(model, tok, prompts, g)
        scores += score_responses(rm, tok, prompts, resp)
    return sum(scores) / len(scores)


def steady_iter(stamps: list[float], start: float) -> tuple[float, list[float]]:
    """(seconds per iteration excluding the first, per-iteration durations)."""
    durs = [stamps[0] - start] + [b - a for a, b in zip(stamps, stamps[1:])]
    tail = durs[1:] or durs
    return sum(tail) / len(tail), durs


def run_ours(sft: Path, rm_path: Path, tok, prompt_ds, h: dict) -> dict:
    import torch
    from dataclasses import replace

    from chatgpt.config import profile_config
    from chatgpt.models import Actor, Critic, RewardModel
    from chatgpt.trainer import NaiveStrategy, PPOTrainer

    cfg = replace(profile_config("tiny").ppo, iterations=h["iterations"], rollout_batch_size=h["rollout_batch_size"],
                  train_batch_size=h["train_batch_size"], ppo_epochs=h["ppo_epochs"], actor_lr=h["lr"],
                  critic_lr=h["lr"], seed=h["seed"], length_penalty=0.0)   # trl has no length penalty
    torch.manual_seed(cfg.seed)
    actor, initial = Actor.from_pretrained(str(sft)), Actor.from_pretrained(str(sft))
    critic, reward_model = Critic.from_pretrained(rm_path), RewardModel.from_pretrained(rm_path)
    tr = PPOTrainer(actor, critic, reward_model, initial, tok, cfg, strategy=NaiveStrategy("cpu", cfg.seed))
    stamps: list[float] = []
    t0 = time.perf_counter()
    hist = tr.fit(prompt_ds, progress=False, callback=lambda s: stamps.append(time.perf_counter()))
    wall = time.perf_counter() - t0
    sec_iter, durs = steady_iter(stamps, t0)
    roll_s, roll_tok = hist["rollout_seconds"][1:], hist["rollout_tokens"][1:]
    return {"model": actor.model, "wall": wall, "sec_per_iter": sec_iter, "durations": durs,
            "rollout_tokens_per_s": sum(roll_tok) / sum(roll_s), "rollout_share": sum(roll_s) / sum(durs[1:]),
            "train_reward": hist["reward"], "kl": hist["kl"]}


def run_trl(sft: Path, rm_path: Path, tok, prompt_ids, h: dict, threads: int, timeout: int) -> dict:
    import torch
    from transformers import AutoModelForCausalLM

    py = C.ensure_trl_venv()
    spec = {"policy": str(sft), **C.trl_ppo_models(rm_path, tok), "prompts": prompt_ids, "hparams": h,
            "threads": threads, "out_dir": str(C.OUT / "ppo_trl")}
    spec_path = C.OUT / "ppo_trl_spec.json"
    spec_path.write_text(json.dumps(spec))
    C.log(f"trl worker: {py.relative_to(C.REPO)} {Path(__file__).with_name('_trl_ppo_worker.py').name}")
    proc = subprocess.run([str(py), str(Path(__file__).with_name("_trl_ppo_worker.py")), str(spec_path)],
                          capture_output=True, text=True, timeout=timeout, cwd=C.REPO)
    (C.OUT / "ppo_trl_worker.log").write_text(proc.stdout + "\n--- stderr ---\n" + proc.stderr)
    if proc.returncode != 0:
        raise RuntimeError(f"trl worker failed (rc={proc.returncode}); see bench/out/ppo_trl_worker.log:\n"
                           + proc.stderr[-3000:])
    r = json.loads(proc.stdout.strip().splitlines()[-1])
    sec_iter, durs = steady_iter(r["step_end"], r["train_start"])
    roll_s = [e - s for s, e in zip(r["rollout_start"], r["rollout_end"])][1:]
    roll_tok = r["rollout_tokens"][1:]
    model = AutoModelForCausalLM.from_pretrained(C.OUT / "ppo_trl")
    torch.set_num_threads(threads)
    return {"model": model, "wall": r["wall"], "sec_per_iter": sec_iter, "durations": durs,
            "rollout_tokens_per_s": sum(roll_tok) / sum(roll_s), "rollout_share": sum(roll_s) / sum(durs[1:]),
            "train_reward": r["reward"], "kl": r["kl"], "trl_version": r["trl_version"]}


def main(argv=None) -> dict:
    a = parse_args(argv)
    threads = C.setup_env(a.threads)
    from transformers import AutoModelForCausalLM

    from chatgpt.data import load_eval, load_prompts
    from chatgpt.dataset import PromptDataset
    from chatgpt.models import RewardModel

    h = hparams(a)
    base = C.base_model(a.model)
    sft = C.ensure_bench_sft(base)
    rm_path = C.ensure_bench_rm(sft)
    tok = C.load_tokenizer(sft)
    prompts = [r["prompt"] for r in load_prompts()]
    prompt_ds = PromptDataset(prompts, tok, h["max_prompt_length"])      # both sides sample these token ids
    prompt_ids = prompt_ds.examples
    eval_prompts = list(load_eval()["prompt"])[: a.eval_prompts]
    rm = RewardModel.from_pretrained(rm_path).eval()
    C.log(f"PPO bench: {h['iterations']} iterations × {h['rollout_batch_size']} prompts, minibatch "
          f"{h['train_batch_size']}, {h['max_new_tokens']} new tokens, lr {h['lr']}, threads={threads}")

    before = eval_reward(AutoModelForCausalLM.from_pretrained(sft), rm, tok, eval_prompts, a.eval_samples,
                         h["max_new_tokens"])
    C.log(f"SFT policy: mean RM score on {len(eval_prompts)} held-out prompts = {before:.3f}")

    res = {}
    ours = run_ours(sft, rm_path, tok, prompt_ds, h)
    ours["after"] = eval_reward(ours["model"], rm, tok, eval_prompts, a.eval_samples, h["max_new_tokens"])
    res["ours"] = ours
    C.log(f"ours: {ours['sec_per_iter']:.2f} s/iter, rollout {ours['rollout_tokens_per_s']:.0f} tok/s, "
          f"reward {before:.3f} → {ours['after']:.3f}")
    if not a.skip_trl:
        trl = run_trl(sft, rm_path, tok, prompt_ids, h, threads, a.trl_timeout)
        trl["after"] = eval_reward(trl["model"], rm, tok, eval_prompts, a.eval_samples, h["max_new_tokens"])
        res["trl"] = trl
        C.log(f"trl : {trl['sec_per_iter']:.2f} s/iter, rollout {trl['rollout_tokens_per_s']:.0f} tok/s, "
              f"reward {before:.3f} → {trl['after']:.3f}")

    nan = float("nan")
    t = res.get("trl", {})
    out = {
        "ppo_speedup_vs_trl": t["sec_per_iter"] / ours["sec_per_iter"] if t else nan,
        "ppo_reward_gain_ours": ours["after"] - before,
        "ppo_reward_gain_trl": t["after"] - before if t else nan,
        "ppo_sec_per_iter_ours": ours["sec_per_iter"],
        "ppo_sec_per_iter_trl": t.get("sec_per_iter", nan),
        "ppo_rollout_tokens_per_s_ours": ours["rollout_tokens_per_s"],
        "ppo_rollout_tokens_per_s_trl": t.get("rollout_tokens_per_s", nan),
        "ppo_rollout_speedup_vs_trl": (ours["rollout_tokens_per_s"] / t["rollout_tokens_per_s"]) if t else nan,
        "ppo_rollout_share_ours": ours["rollout_share"],
        "ppo_rollout_share_trl": t.get("rollout_share", nan),
        "ppo_reward_before": before,
        "ppo_train_reward_last3_ours": sum(ours["train_reward"][-3:]) / len(ours["train_reward"][-3:]),
        "ppo_train_reward_last3_trl": (sum(t["train_reward"][-3:]) / len(t["train_reward"][-3:])) if t else nan,
        "ppo_iterations": h["iterations"], "ppo_rollout_batch": h["rollout_batch_size"], "ppo_lr": h["lr"],
        "ppo_max_new_tokens": h["max_new_tokens"], "ppo_eval_prompts": len(eval_prompts),
        "ppo_eval_samples": a.eval_samples, "ppo_policy": sft.name, "ppo_reward_model": rm_path.name,
        "ppo_rm_eval_acc": json.loads((rm_path / "bench_eval.json").read_text()).get("eval_accuracy", float("nan")),
        "threads": threads,
    }
    (C.OUT / "ppo_history.json").write_text(json.dumps(
        {k: {kk: vv for kk, vv in v.items() if kk != "model"} for k, v in res.items()} | {"before": before,
                                                                                         "hparams": h}))
    print(C.kv_line(out), flush=True)
    return out


if __name__ == "__main__":
    main()
