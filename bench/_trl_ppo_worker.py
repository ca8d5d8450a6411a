"""trl 1.12 side of ``bench_ppo.py`` — runs inside ``bench/.venv-trl112`` (trl's experimental PPOTrainer).

Usage: ``bench/.venv-trl112/bin/python bench/_trl_ppo_worker.py SPEC.json``. SPEC holds the model
paths (policy = the bench SFT model, reward and value models = our reward model converted to
``GPT2ForSequenceClassification``), the prompt token ids (the same ones our side samples from)
and the hyperparameters. The worker trains, saves the final policy to ``SPEC["out_dir"]`` and
prints one JSON object as its last line.

Timing uses no changes to trl: a ``TrainerCallback`` stamps the end of every update
(``on_step_end``) and two module-level functions of ``trl.experimental.ppo.ppo_trainer`` are
wrapped to stamp the rollout: ``batch_generation`` (start of the rollout; also counts the
response tokens up to and including the first eos) and ``masked_whiten`` (its last call in an
iteration whitens the advantages, the end of the rollout). ``batch_generation``'s return is stamped
too (end of generation), so a rollout splits into generation and scoring (reference, value and
reward forwards, rewards, GAE).

``SPEC["fixed_length"]``: every response is exactly ``response_length`` tokens — the generation
config trl builds gets ``min_new_tokens = max_new_tokens`` (transformers'
``MinNewTokensLengthLogitsProcessor`` sets the eos logit to −inf), for equal-work comparisons.

``SPEC["blocks"]`` = n: run n fresh trainers (same initial models, ``iterations`` each), one per line
read from stdin, and print one JSON object per block (prefixed ``@@RESULT ``) — so that a caller can interleave its own
blocks with trl's (``bench/bench_ppo_tokens.py``) while paying the imports once.
"""
from __future__ import annotations

import json
import os
import sys
import time


RESULT = "@@RESULT "          # prefix of a block's JSON line (trl prints its log dicts to stdout too)
READY = "@@READY"             # printed once the imports and set-up are done (block mode)


def main(spec_path: str) -> None:
    spec = json.loads(open(spec_path).read())
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    import torch

    torch.set_num_threads(spec["threads"])
    import datasets
    import transformers
    import trl
    from transformers import (AutoModelForCausalLM, AutoModelForSequenceClassification, AutoTokenizer,
                              DataCollatorWithPadding, TrainerCallback)
    from trl.experimental.ppo import PPOConfig, PPOTrainer
    from trl.experimental.ppo import ppo_trainer as mod

    h = spec["hparams"]
    tok = AutoTokenizer.from_pretrained(spec["policy"])
    tok.padding_side = "left"
    eos = tok.eos_token_id

    rec: dict[str, list] = {}

    def reset():
        rec.clear()
        rec.update(rollout_start=[], generation_end=[], rollout_end=[], rollout_tokens=[], generated_tokens=[],
                   step_end=[], log_rows=[], rollout_start_cpu=[], generation_end_cpu=[], rollout_end_cpu=[],
                   step_end_cpu=[])

    orig_generation, orig_whiten = mod.batch_generation, mod.masked_whiten

    def timed_generation(model, queries, *args, **kw):
        rec["rollout_start"].append(time.perf_counter())
        rec["rollout_start_cpu"].append(time.process_time())
        qr, logits = orig_generation(model, queries, *args, **kw)
        rec["generation_end"].append(time.perf_counter())
        rec["generation_end_cpu"].append(time.process_time())
        resp = qr[:, queries.shape[1]:]
        is_eos = (resp == eos)
        has = is_eos.any(-1)
        first = torch.where(has, is_eos.int().argmax(-1) + 1, torch.full_like(has, resp.shape[1], dtype=torch.long))
        rec["rollout_tokens"].append(int(first.sum()))
        rec["generated_tokens"].append(int(resp.numel()))
        return qr, logits

    def timed_whiten(*args, **kw):
        out = orig_whiten(*args, **kw)
        if len(rec["rollout_end"]) < len(rec["rollout_start"]):
            rec["rollout_end"].append(time.perf_counter())
            rec["rollout_end_cpu"].append(time.process_time())
        else:
            rec["rollout_end"][-1] = time.perf_counter()
            rec["rollout_end_cpu"][-1] = time.process_time()
        return out

    mod.batch_generation, mod.masked_whiten = timed_generation, timed_whiten
    if spec.get("fixed_length"):
        # trl builds GenerationConfig(max_new_tokens=response_length, temperature, top_k=0, top_p=1, do_sample)
        # inside train(); every response gets exactly max_new_tokens tokens (eos logit −inf until then)
        def fixed_length_config(**kw):
            return transformers.GenerationConfig(**kw, min_new_tokens=kw["max_new_tokens"])

        mod.GenerationConfig = fixed_length_config

    class Stamp(TrainerCallback):
        def on_step_end(self, args, state, control, **kw):
            rec["step_end"].append(time.perf_counter())
            rec["step_end_cpu"].append(time.process_time())

        def on_log(self, args, state, control, logs=None, **kw):
            if logs and "objective/scores" in logs:
                rec["log_rows"].append(dict(logs))

    n_it, B = h["iterations"], h["rollout_batch_size"]
    args = PPOConfig(
        output_dir=spec["out_dir"] + "_trainer", per_device_train_batch_size=B, gradient_accumulation_steps=1,
        num_mini_batches=B // h["train_batch_size"], num_ppo_epochs=h["ppo_epochs"], total_episodes=n_it * B,
        local_rollout_forward_batch_size=B, learning_rate=h["lr"], lr_scheduler_type="constant", weight_decay=0.0,
        kl_coef=h["kl_coef"], kl_estimator="k1", cliprange=h["clip_eps"], cliprange_value=h["value_clip"],
        vf_coef=h["vf_coef"], gamma=h["gamma"], lam=h["lam"], whiten_rewards=False, temperature=h["temperature"],
        response_length=h["max_new_tokens"], stop_token="eos", missing_eos_penalty=None, num_sample_generations=0,
        bf16=False, fp16=False, gradient_checkpointing=False, use_cpu=True, report_to="none", save_strategy="no",
        logging_steps=1, disable_tqdm=True, seed=h["seed"], dataloader_num_workers=0,
    )
    ds = datasets.Dataset.from_dict({"input_ids": spec["prompts"]})
    eval_ds = ds.select(range(min(len(ds), B)))

    def run_once(save: bool) -> dict:
        reset()
        torch.manual_seed(h["seed"])
        policy = AutoModelForCausalLM.from_pretrained(spec["policy"])
        ref = AutoModelForCausalLM.from_pretrained(spec["policy"])
        reward = AutoModelForSequenceClassification.from_pretrained(spec["reward"], num_labels=1)
        value = AutoModelForSequenceClassification.from_pretrained(spec["value"], num_labels=1)
        trainer = PPOTrainer(args=args, processing_class=tok, model=policy, ref_model=ref, reward_model=reward,
                             value_model=value, train_dataset=ds, eval_dataset=eval_ds,
                             data_collator=DataCollatorWithPadding(tok), callbacks=[Stamp()])
        t0, c0 = time.perf_counter(), time.process_time()
        trainer.train()
        wall = time.perf_counter() - t0
        if save:
            trainer.model.policy.save_pretrained(spec["out_dir"])
            tok.save_pretrained(spec["out_dir"])
        rows = rec.pop("log_rows")
        return {
            "trl_version": trl.__version__, "torch_version": torch.__version__, "threads": torch.get_num_threads(),
            "train_start": t0, "train_start_cpu": c0, "wall": wall, **rec,
            "reward": [r["objective/scores"] for r in rows], "kl": [r.get("objective/kl") for r in rows],
            "loadavg": list(os.getloadavg()),
        }

    blocks = int(spec.get("blocks") or 0)
    if not blocks:
        print(json.dumps(run_once(save=True)), flush=True)
        return
    # imports and set-up are done: the caller starts its own blocks only now, so that they do not share the CPU
    # with this process's start
    print(READY, flush=True)
    for _ in range(blocks):                 # one block per line on stdin (the caller interleaves its own)
        if not sys.stdin.readline():
            break
        print(RESULT + json.dumps(run_once(save=False)), flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
