"""Reward-model training: our ``RewardModelTrainer`` vs trl's ``RewardTrainer`` (main venv), side by side.

Same model init: our :class:`chatgpt.models.RewardModel` is built from the bench SFT policy
(``bench/out/sft_e1``) with a seeded value head; trl gets the *same function* converted to a
``GPT2ForSequenceClassification`` (:func:`_common.rm_to_sequence_classification`; checked).

Same pairs, same steps: the tiny profile's RM training records (``rm_record_split``, split by
prompt), shuffled once, taken in sequential order. Each optimizer step sees the same
``3 × batch_size`` pairs on every side — all ``K choose 2`` pairs of ``batch_size`` records
(K = 3):

* **ours** (the package's default path): :class:`~chatgpt.dataset.RankedRewardDataset` — one forward
  over the ``3 × batch_size`` completions, all pairs formed from their scores (InstructGPT §3.5);
* **ours, pair batches**: :class:`~chatgpt.dataset.RewardDataset` — chosen + rejected of every pair
  in one ``2 × pairs`` forward, the same arithmetic as trl (like-for-like engine comparison);
* **trl**: ``RewardTrainer`` on the same pairs pre-tokenised (``chosen_ids``/``rejected_ids``).

Same lr, warmup, cosine schedule, gradient clipping, fp32, no gradient checkpointing. Reported:
steady-state pairs/s (timestamps after every optimizer step; the first ``--warmup`` steps
excluded) and the held-out pairwise accuracy / mean margin of each trained model on the same
held-out pairs, computed by one function for all.

Last line: ``rm_speedup_vs_trl=… rm_acc_ours=… rm_acc_trl=… rm_pairs_per_s_ours=… …``.
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
    p.add_argument("--steps", type=int, default=40, help="optimizer steps per side (default 40)")
    p.add_argument("--warmup", type=int, default=4, help="steps excluded from the timing (default 4)")
    p.add_argument("--batch-size", type=int, default=None,
                   help="records per step (default: tiny RMConfig.batch_size); pairs per step = 3 × this")
    p.add_argument("--eval-pairs", type=int, default=768, help="held-out pairs for the accuracy (default 768)")
    p.add_argument("--no-pair-mode", action="store_true", help="skip our pair-batch run")
    p.add_argument("--threads", type=int, default=None)
    p.add_argument("--model", default=None, help="base model path (default: the tiny build)")
    p.add_argument("--skip-trl", action="store_true")
    return p.parse_args(argv)


def steady(stamps, per_step: int, warmup: int) -> float:
    w = min(warmup, len(stamps) - 2)
    return per_step * (len(stamps) - 1 - w) / (stamps[-1] - stamps[w])


def pair_accuracy(score_fn, examples, pad_id: int, bs: int = 32) -> tuple[float, float]:
    """Accuracy (r_c > r_r) and mean margin of ``score_fn(ids, mask) → (N,)`` over encoded pairs."""
    import torch

    from chatgpt.dataset import right_pad

    correct, margin, n = 0, 0.0, 0
    with torch.no_grad():
        for i in range(0, len(examples), bs):
            b = examples[i:i + bs]
            ids, mask = right_pad([e["chosen"] for e in b] + [e["rejected"] for e in b], pad_id)
            r = score_fn(ids, mask).float()
            c, rj = r[:len(b)], r[len(b):]
            correct += int((c > rj).sum())
            margin += float((c - rj).sum())
            n += len(b)
    return correct / n, margin / n


def run_ours(sft, tok, dataset, steps, bs, seed):
    import torch
    from dataclasses import replace

    from chatgpt.config import profile_config
    from chatgpt.models import RewardModel
    from chatgpt.trainer import RewardModelTrainer

    cfg = replace(profile_config("tiny").rm, batch_size=bs, epochs=1.0, seed=seed)
    torch.manual_seed(seed)
    model = RewardModel.from_pretrained(sft)
    strategy = C.timed_strategy(seed)
    tr = RewardModelTrainer(model, tok, dataset, None, cfg, strategy=strategy)
    assert tr.total_steps == steps, (tr.total_steps, steps)
    tr.fit(progress=False)
    model.eval()
    return model, list(strategy.stamps[:steps])           # calibrate() after fit takes no optimizer step


def run_trl(sft, tok, pair_ex, steps, bs_pairs, seed, out_dir):
    import datasets
    import torch
    from trl import RewardConfig, RewardTrainer

    from chatgpt.config import profile_config
    from chatgpt.models import RewardModel

    rcfg = profile_config("tiny").rm
    torch.manual_seed(seed)
    ours_init = RewardModel.from_pretrained(sft)          # the same seeded init as our side
    model = C.rm_to_sequence_classification(ours_init)
    err = C.check_rm_conversion(ours_init, model, tok)
    C.log(f"trl init = our init converted: max |Δscore| = {err:.1e}")
    model.config.pad_token_id = tok.pad_token_id
    model.train()
    ds = datasets.Dataset.from_dict({"chosen_ids": [e["chosen"] for e in pair_ex],
                                     "rejected_ids": [e["rejected"] for e in pair_ex]})
    stamps: list[float] = []

    args = RewardConfig(
        output_dir=str(out_dir), max_steps=steps, per_device_train_batch_size=bs_pairs, gradient_accumulation_steps=1,
        learning_rate=rcfg.lr, weight_decay=rcfg.weight_decay, warmup_steps=max(1, int(steps * rcfg.warmup_ratio)),
        lr_scheduler_type="cosine", max_grad_norm=rcfg.max_grad_norm, max_length=None, bf16=False, fp16=False,
        gradient_checkpointing=False, use_cpu=True, seed=seed, data_seed=seed, train_sampling_strategy="sequential",
        dataloader_num_workers=0, report_to="none", save_strategy="no", logging_steps=10, disable_tqdm=True,
    )
    tr = RewardTrainer(model=model, args=args, train_dataset=ds, processing_class=tok, callbacks=[C.stamp_callback(stamps)])
    tr.train()
    model.eval()
    return model, stamps


def main(argv=None) -> dict:
    a = parse_args(argv)
    threads = C.setup_env(a.threads)
    from chatgpt.config import profile_config
    from chatgpt.data import records_to_pairs
    from chatgpt.dataset import RankedRewardDataset, RewardDataset
    from chatgpt.pipeline import rm_record_split

    cfg = profile_config("tiny")
    bs = a.batch_size or cfg.rm.batch_size
    base = C.base_model(a.model)
    sft = C.ensure_bench_sft(base)
    tok = C.load_tokenizer(sft)
    train, held = rm_record_split(cfg)
    random.Random(cfg.rm.seed).shuffle(train)
    recs = train[: a.steps * bs]
    ranked = RankedRewardDataset(recs, tok, cfg.rm.max_length)
    K = len(ranked[0]["ranked"])
    pairs_per_record = K * (K - 1) // 2
    pair_ds = RewardDataset(records_to_pairs(recs), tok, cfg.rm.max_length)   # record order kept, 3 per record
    assert len(pair_ds) == pairs_per_record * len(recs)
    eval_ex = RewardDataset(records_to_pairs(held)[: a.eval_pairs], tok, cfg.rm.max_length).examples
    pps = pairs_per_record * bs
    C.log(f"RM bench: {a.steps} steps × {bs} records ({pps} pairs), {len(eval_ex)} held-out pairs, threads={threads}")

    def report(name, model, stamps, score_fn, t0):
        v = steady(stamps, pps, a.warmup)
        acc, mar = pair_accuracy(score_fn, eval_ex, tok.pad_token_id)
        C.log(f"{name:18s}: {v:7.1f} pairs/s, held-out acc {acc:.3f} (margin {mar:+.3f}) "
              f"[{time.perf_counter() - t0:.0f}s]")
        return v, acc, mar

    nan = float("nan")
    out: dict = {}
    v_o = acc_o = mar_o = v_t = acc_t = mar_t = v_p = acc_p = mar_p = nan

    def line():
        out.update(rm_speedup_vs_trl=v_o / v_t, rm_acc_ours=acc_o, rm_acc_trl=acc_t,
                   rm_pairs_per_s_ours=v_o, rm_pairs_per_s_trl=v_t, rm_pairs_per_s_ours_pairmode=v_p,
                   rm_pairmode_speedup_vs_trl=v_p / v_t, rm_acc_ours_pairmode=acc_p,
                   rm_margin_ours=mar_o, rm_margin_trl=mar_t, rm_steps=a.steps, rm_batch_records=bs,
                   rm_pairs_per_step=pps, rm_eval_pairs=len(eval_ex), threads=threads)
        print(C.kv_line(out), flush=True)      # printed after every side: a killed run keeps its last line

    t0 = time.perf_counter()
    m, st = run_ours(sft, tok, ranked, a.steps, bs, cfg.rm.seed)
    v_o, acc_o, mar_o = report("ours (ranked)", m, st, lambda i, k: m(i, k), t0)
    line()
    if not a.skip_trl:
        t0 = time.perf_counter()
        mt, st = run_trl(sft, tok, pair_ds.examples, a.steps, pps, cfg.rm.seed, C.OUT / "rm_trl_tmp")
        v_t, acc_t, mar_t = report("trl", mt, st, lambda i, k: mt(input_ids=i, attention_mask=k).logits.squeeze(-1),
                                   t0)
        line()
    if not a.no_pair_mode:
        t0 = time.perf_counter()
        mp, st = run_ours(sft, tok, pair_ds, a.steps, pps, cfg.rm.seed)
        v_p, acc_p, mar_p = report("ours (pair batches)", mp, st, lambda i, k: mp(i, k), t0)
        line()
    return out

if __name__ == "__main__":
    main()
