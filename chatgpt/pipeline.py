"""The end-to-end RLHF pipeline, stage by stage: base model → SFT → reward model → PPO (or DPO, GRPO) → evaluation.

Each stage is a function that notebooks call on their own (``stage_sft``, ``stage_rm``,
``stage_ppo``, ``stage_dpo``, ``stage_grpo``); it trains, saves its checkpoint and returns its
summary and models. :func:`run_pipeline` chains SFT → RM → PPO, evaluates SFT against PPO and
writes ``report.json``, ``report.md`` and PNG plots into the output directory.

The other parts live in their own modules and are re-exported here, so ``chatgpt.pipeline.X``
keeps working for notebooks and scripts:

* :mod:`chatgpt.checkpoints` — output and checkpoint directories, stage fingerprints, ``stage.json``,
  reuse (:func:`ensure_checkpoint` builds a missing checkpoint, and the stages before it);
* :mod:`chatgpt.evaluation` — :func:`evaluate_policies`, :func:`evaluate_panel`, ``PANEL_PROMPTS``;
* :mod:`chatgpt.report` — the report's contents, plots and files.
"""
from __future__ import annotations

import json
import os
import time

import torch

from chatgpt.checkpoints import (PO_STAGES, STAGES, checkpoint_dir, data_path, device_of, dtype_of, ensure_checkpoint,
                                 is_done, load_stage, load_tokenizer, mark_done, output_dir, reuse_stage,
                                 stage_fingerprint)
from chatgpt.config import PipelineConfig, profile_config
from chatgpt.data.loaders import first_rows
from chatgpt.evaluation import PANEL_PROMPTS, evaluate_panel, evaluate_policies

__all__ = [
    # the stages and the run (this module)
    "stage_sft", "stage_rm", "stage_ppo", "stage_dpo", "stage_grpo", "run_pipeline", "base_model_path",
    "rm_record_split", "rm_pair_split",
    # re-exported from chatgpt.checkpoints
    "STAGES", "PO_STAGES", "output_dir", "checkpoint_dir", "load_tokenizer", "stage_fingerprint", "is_done",
    "load_stage", "ensure_checkpoint",
    # re-exported from chatgpt.evaluation
    "PANEL_PROMPTS", "evaluate_policies", "evaluate_panel",
]


def base_model_path(cfg: PipelineConfig, progress: bool = True) -> tuple[str, float]:
    """The base model (tiny build or HF name) and the seconds spent building it here."""
    if cfg.model_name:
        return cfg.model_name, 0.0
    from chatgpt import tiny

    t0 = time.perf_counter()
    path = tiny.ensure_tiny(progress=progress)
    return str(path), time.perf_counter() - t0


def _strategy(cfg: PipelineConfig, seed: int):
    """DDP when launched with several processes (``accelerate launch`` / ``torchrun`` set ``WORLD_SIZE``), else one device.

    ``accelerate launch --multi_gpu --num_processes 2 -m chatgpt pipeline …`` starts the processes through
    torchrun; :class:`~chatgpt.trainer.DDPStrategy` then uses nccl on GPUs and gloo on CPUs.
    """
    from chatgpt.trainer import DDPStrategy, NaiveStrategy

    if int(os.environ.get("WORLD_SIZE", "1")) > 1:
        return DDPStrategy(seed=seed)
    return NaiveStrategy(device_of(cfg), seed)


def _rank0() -> bool:
    """Only rank 0 writes checkpoints, stage.json and the report (all ranks hold the same weights)."""
    return int(os.environ.get("RANK", "0")) == 0


def _barrier() -> None:
    """Under several processes, wait until rank 0 has written what the next stage reads."""
    import torch.distributed as dist

    if dist.is_available() and dist.is_initialized():
        dist.barrier()


def _describe(model, tok) -> dict:
    from chatgpt.foundation import describe

    return describe(model, tok)


def stage_sft(cfg: PipelineConfig, progress: bool = True, reuse: bool = False) -> dict:
    """Fine-tune the base model on the SFT file; saves ``checkpoints/<profile>-sft``.

    With ``reuse``, a checkpoint already trained with the same config is loaded instead.
    """
    if reuse and (done := reuse_stage(cfg, "sft")):
        return done
    from chatgpt.trainer import set_seed

    set_seed(cfg.sft.seed)                  # before any weight is created (LoRA init, resized embeddings)
    from chatgpt.data import load_sft, split_records
    from chatgpt.dataset import SupervisedDataset
    from chatgpt.trainer import NaiveStrategy, SFTTrainer

    base, _ = base_model_path(cfg, progress)
    tok = load_tokenizer(base, cfg.base.prompt_format)
    records = list(first_rows(load_sft(data_path(cfg), strict=cfg.strict_data), cfg.sft.max_records))
    train, held = split_records(records, cfg.sft.eval_fraction, seed=cfg.sft.seed)
    from chatgpt.foundation import describe, finish_sft_model, sft_model

    model = sft_model(base, tok, cfg)        # dtype, vocabulary, LoRA (loralib for GPT-2, peft otherwise) / QLoRA
    trainer = SFTTrainer(model, tok, SupervisedDataset(train, tok, cfg.sft.max_length),
                         SupervisedDataset(held, tok, cfg.sft.max_length), cfg.sft,
                         strategy=_strategy(cfg, cfg.sft.seed))
    history = trainer.fit(progress=progress)
    model = finish_sft_model(model, base, cfg)
    path = checkpoint_dir(cfg, "sft")
    if _rank0():
        path.mkdir(parents=True, exist_ok=True)
        model.save_pretrained(path)
        tok.save_pretrained(path)
    info = {"stage": "sft", "base": base, "train_records": len(train), "eval_records": len(held),
            "final_eval_loss": history["eval_loss"][-1] if history.get("eval_loss") else None,
            "seconds": history["seconds"], "tokens_per_second": history["tokens_per_second"],
            **describe(model, tok)}
    if _rank0():
        mark_done(cfg, "sft", path, info)
        (path / "history.json").write_text(json.dumps(history))
    _barrier()
    return {"path": path, "history": history, "model": model, "tokenizer": tok, **info}


def rm_record_split(cfg: PipelineConfig) -> tuple[list[dict], list[dict]]:
    """RM records split *by prompt* (a record's 3 pairs stay on one side), deterministic."""
    from chatgpt.data import RM_FILE, split_records
    from chatgpt.data.loaders import load_records, resolve_data_file

    rm_file = resolve_data_file(cfg.rm_data or data_path(cfg), RM_FILE)   # --rm-data overrides
    records = load_records(rm_file, "rm", strict=cfg.strict_data)[: cfg.rm.max_records]
    return split_records(records, cfg.rm.eval_fraction, seed=cfg.rm.seed)


def rm_pair_split(cfg: PipelineConfig) -> tuple[list[dict], list[dict], int]:
    """The same split as :func:`rm_record_split`, turned into (prompt, chosen, rejected) pairs."""
    from chatgpt.data import records_to_pairs

    train, held = rm_record_split(cfg)
    return records_to_pairs(train), records_to_pairs(held), len(train) + len(held)


def stage_rm(cfg: PipelineConfig, progress: bool = True, reuse: bool = False) -> dict:
    """Train the reward model on ranked pairs, initialised from the SFT model (as in InstructGPT)."""
    if reuse and (done := reuse_stage(cfg, "rm")):
        return done
    from chatgpt.trainer import set_seed

    set_seed(cfg.rm.seed)                  # before any weight is created: the value head's init is seeded too
    from chatgpt.dataset import RankedRewardDataset
    from chatgpt.models import RewardModel
    from chatgpt.trainer import NaiveStrategy, RewardModelTrainer

    sft_path = ensure_checkpoint(cfg, "sft", progress)
    tok = load_tokenizer(str(sft_path))
    train, held = rm_record_split(cfg)
    n_records = len(train) + len(held)
    model = RewardModel.from_pretrained(sft_path, dtype=dtype_of(cfg))
    trainer = RewardModelTrainer(model, tok, RankedRewardDataset(train, tok, cfg.rm.max_length),
                                 RankedRewardDataset(held, tok, cfg.rm.max_length), cfg.rm,
                                 strategy=_strategy(cfg, cfg.rm.seed))
    history = trainer.fit(progress=progress)
    final = trainer.evaluate()
    path = checkpoint_dir(cfg, "rm")
    if _rank0():
        path.mkdir(parents=True, exist_ok=True)
        model.save_pretrained(path, tokenizer=tok)
    info = {"stage": "rm", "records": n_records, "train_pairs": 3 * len(train), "eval_pairs": 3 * len(held),
            **final, "seconds": history["seconds"], "pairs_per_second": history["pairs_per_second"],
            **_describe(model, tok)}
    if _rank0():
        mark_done(cfg, "rm", path, info)
        (path / "history.json").write_text(json.dumps(history))
    _barrier()
    return {"path": path, "history": history, "model": model, "tokenizer": tok, **info}


def stage_ppo(cfg: PipelineConfig, progress: bool = True, reuse: bool = False) -> dict:
    """PPO from the SFT policy against the RM; critic initialised from the RM."""
    if reuse and (done := reuse_stage(cfg, "ppo")):
        return done
    from chatgpt.trainer import set_seed

    set_seed(cfg.ppo.seed)                  # before any model is built: runs do not depend on earlier RNG use
    from chatgpt.data import load_prompts
    from chatgpt.dataset import PromptDataset
    from chatgpt.models import Actor, Critic, RewardModel
    from chatgpt.trainer import NaiveStrategy, PPOTrainer

    sft_path, rm_path = ensure_checkpoint(cfg, "sft", progress), ensure_checkpoint(cfg, "rm", progress)
    torch.manual_seed(cfg.ppo.seed)
    tok = load_tokenizer(str(sft_path))
    prompts = [r["prompt"] for r in first_rows(load_prompts(data_path(cfg), strict=cfg.strict_data), cfg.ppo.max_prompts)]
    dt = dtype_of(cfg)
    actor, initial = Actor.from_pretrained(str(sft_path), dtype=dt), Actor.from_pretrained(str(sft_path), dtype=dt)
    critic, reward_model = Critic.from_pretrained(rm_path, dtype=dt), RewardModel.from_pretrained(rm_path, dtype=dt)
    trainer = PPOTrainer(actor, critic, reward_model, initial, tok, cfg.ppo,
                         strategy=_strategy(cfg, cfg.ppo.seed))
    history = trainer.fit(PromptDataset(prompts, tok, cfg.ppo.max_prompt_length), progress=progress)
    path = checkpoint_dir(cfg, "ppo")
    if _rank0():
        path.mkdir(parents=True, exist_ok=True)
        actor.save_pretrained(path, tokenizer=tok)
    h = history
    info = {"stage": "ppo", "prompts": len(prompts), "iterations": len(h["iteration"]), "seconds": h["seconds"],
            "reward_first": h["reward"][0], "reward_last5": sum(h["reward"][-5:]) / len(h["reward"][-5:]),
            "kl_mean": sum(h["kl"]) / len(h["kl"]), "kl_last5": sum(h["kl"][-5:]) / len(h["kl"][-5:]),
            **_describe(actor.model, tok)}
    if _rank0():
        mark_done(cfg, "ppo", path, info)
        (path / "history.json").write_text(json.dumps(history))
    _barrier()
    return {"path": path, "history": history, "actor": actor, "reward_model": reward_model, "tokenizer": tok,
            **info}


def stage_dpo(cfg: PipelineConfig, progress: bool = True, reuse: bool = False) -> dict:
    """DPO from the SFT model on the RM's training records (same split, same ranking sense as the RM)."""
    if reuse and (done := reuse_stage(cfg, "dpo")):
        return done
    from chatgpt.trainer import set_seed

    set_seed(cfg.dpo.seed)
    from transformers import AutoModelForCausalLM

    from chatgpt.data import RM_FILE
    from chatgpt.models import Actor
    from chatgpt.trainer import DPOTrainer, NaiveStrategy
    from chatgpt.trainer.dpo import PreferenceDataset

    sft_path = ensure_checkpoint(cfg, "sft", progress)
    tok = load_tokenizer(str(sft_path))
    train, held = rm_record_split(cfg)
    model = AutoModelForCausalLM.from_pretrained(sft_path)
    train_ds = PreferenceDataset(train, tok, cfg.dpo.max_length, source=f"{RM_FILE} (train split)")
    held_ds = PreferenceDataset(held, tok, cfg.dpo.max_length, source=f"{RM_FILE} (held-out split)")
    t0 = time.perf_counter()
    trainer = DPOTrainer(model, tok, train_ds, held_ds, cfg.dpo, strategy=NaiveStrategy(device_of(cfg), cfg.dpo.seed))
    history = trainer.fit(progress=progress)
    seconds = time.perf_counter() - t0                                    # reference pass + training + evaluations
    final = trainer.evaluate()
    path = checkpoint_dir(cfg, "dpo")
    path.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(path)
    tok.save_pretrained(path)
    info = {"stage": "dpo", "records": len(train) + len(held), "train_pairs": train_ds.n_pairs,
            "eval_pairs": held_ds.n_pairs, "identical_pairs_skipped": train_ds.n_identical_pairs
            + held_ds.n_identical_pairs, **final, "seconds": seconds, "train_seconds": history["seconds"],
            "ref_seconds": sum(history["ref_seconds"]), "pairs_per_second": history["pairs_per_second"]}
    mark_done(cfg, "dpo", path, info)
    (path / "history.json").write_text(json.dumps(history))
    return {"path": path, "history": history, "actor": Actor(model), "tokenizer": tok, **info}


def stage_grpo(cfg: PipelineConfig, progress: bool = True, reuse: bool = False) -> dict:
    """GRPO from the SFT policy against the RM on the PPO prompts (no critic)."""
    if reuse and (done := reuse_stage(cfg, "grpo")):
        return done
    from chatgpt.trainer import set_seed

    set_seed(cfg.grpo.seed)
    from chatgpt.data import load_prompts
    from chatgpt.dataset import PromptDataset
    from chatgpt.models import Actor, RewardModel
    from chatgpt.trainer import GRPOTrainer, NaiveStrategy

    sft_path, rm_path = ensure_checkpoint(cfg, "sft", progress), ensure_checkpoint(cfg, "rm", progress)
    torch.manual_seed(cfg.grpo.seed)
    tok = load_tokenizer(str(sft_path))
    prompts = [r["prompt"] for r in first_rows(load_prompts(data_path(cfg)), cfg.grpo.max_prompts)]
    actor, initial = Actor.from_pretrained(str(sft_path)), Actor.from_pretrained(str(sft_path))
    reward_model = RewardModel.from_pretrained(rm_path)
    trainer = GRPOTrainer(actor, reward_model, initial, tok, cfg.grpo,
                          strategy=NaiveStrategy(device_of(cfg), cfg.grpo.seed))
    history = trainer.fit(PromptDataset(prompts, tok, cfg.grpo.max_prompt_length), progress=progress)
    path = checkpoint_dir(cfg, "grpo")
    path.mkdir(parents=True, exist_ok=True)
    actor.save_pretrained(path, tokenizer=tok)
    h = history
    info = {"stage": "grpo", "prompts": len(prompts), "iterations": len(h["iteration"]), "seconds": h["seconds"],
            "reward_first": h["reward"][0], "reward_last5": sum(h["reward"][-5:]) / len(h["reward"][-5:]),
            "kl_mean": sum(h["kl"]) / len(h["kl"]), "kl_last5": sum(h["kl"][-5:]) / len(h["kl"][-5:]),
            "iteration_seconds_mean": sum(h["iteration_seconds"]) / len(h["iteration_seconds"])}
    mark_done(cfg, "grpo", path, info)
    (path / "history.json").write_text(json.dumps(history))
    return {"path": path, "history": history, "actor": actor, "reward_model": reward_model, "tokenizer": tok,
            **info}


def run_pipeline(cfg: PipelineConfig | None = None, progress: bool = True, resume: bool = False) -> dict:
    """SFT → RM → PPO → eval; writes checkpoints, plots and ``report.json``/``report.md``.

    With ``resume``, SFT and RM stages already finished in the output directory are reused.
    """
    from transformers import AutoModelForCausalLM

    from chatgpt.report import pipeline_report, write_plots, write_report

    cfg = cfg or profile_config()
    if cfg.profile == "tiny":
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
    out = output_dir(cfg)
    out.mkdir(parents=True, exist_ok=True)
    base, build_seconds = base_model_path(cfg, progress)
    tiny_info = {}
    if not cfg.model_name:
        from chatgpt.tiny import build_info

        tiny_info = build_info(base)
    t0 = time.perf_counter()
    sft = load_stage(cfg, "sft") if resume and is_done(cfg, "sft") else stage_sft(cfg, progress)
    rm = load_stage(cfg, "rm") if resume and is_done(cfg, "rm") else stage_rm(cfg, progress)
    ppo = stage_ppo(cfg, progress)
    if not _rank0():                        # several processes: rank 0 alone evaluates and writes the report
        return {}
    device = device_of(cfg)
    sft_model = AutoModelForCausalLM.from_pretrained(sft["path"], dtype=dtype_of(cfg)).to(device)
    ev = evaluate_policies(cfg, {"sft": sft_model, "ppo": ppo["actor"].model}, ppo["reward_model"], ppo["tokenizer"],
                           progress)
    pipeline_seconds = time.perf_counter() - t0

    write_plots(sft, rm, ppo, ev, out)
    panel = evaluate_panel(cfg, {"sft": sft_model, "ppo": ppo["actor"].model}, ppo["reward_model"],
                           ppo["tokenizer"])
    report = pipeline_report(cfg, base=base, build_seconds=build_seconds, tiny_info=tiny_info,
                             pipeline_seconds=pipeline_seconds, sft=sft, rm=rm, ppo=ppo, ev=ev, panel=panel,
                             device=device)
    write_report(report, out)
    return report
