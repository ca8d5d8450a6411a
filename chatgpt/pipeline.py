"""The end-to-end RLHF pipeline: base model → SFT → reward model → PPO → evaluation.

Each stage is a function that notebooks call on their own (``stage_sft``,
``stage_rm``, ``stage_ppo``); :func:`ensure_checkpoint` returns a stage's checkpoint,
building it (and the stages before it) when it is missing, so every notebook runs
on its own. :func:`run_pipeline` chains them and writes ``report.json``,
``report.md`` and PNG plots into the output directory.

Checkpoints are saved with ``save_pretrained`` (safetensors): ``checkpoints/<profile>-sft``
(causal LM + tokenizer), ``checkpoints/<profile>-rm`` (body + ``value_head.safetensors``),
``checkpoints/<profile>-ppo``. Each carries a ``stage.json`` whose ``fingerprint`` hashes the
stage's config, its data file and the stages before it (:func:`stage_fingerprint`); a
checkpoint is reused (``reuse=True``, ``--resume``, :func:`ensure_checkpoint`) only when the
fingerprint matches, so nothing trained with other settings is picked up silently.
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import asdict
from pathlib import Path

import torch

from chatgpt.config import PipelineConfig, default_device, default_output_dir, profile_config

STAGES = ("sft", "rm", "ppo")
PO_STAGES = ("dpo", "grpo")        # the alternatives to PPO from the same SFT checkpoint (stage_dpo, stage_grpo)
PANEL_PROMPTS = [
    "불고기 만들 때 소고기는 어떤 부위를 사면 좋아요?",
    "세종대왕은 몇 년에 왕위에 올랐어?",
    "인천국제공항은 어디에 있나요?",
    "오늘 미세먼지가 심하다는데 밖에 나가도 될까?",
]


def _device(cfg: PipelineConfig) -> torch.device:
    return torch.device(cfg.device or default_device())


def output_dir(cfg: PipelineConfig) -> Path:
    return Path(cfg.output_dir) if cfg.output_dir else default_output_dir()


def checkpoint_dir(cfg: PipelineConfig, stage: str) -> Path:
    return output_dir(cfg) / "checkpoints" / f"{cfg.profile}-{stage}"


def base_model_path(cfg: PipelineConfig, progress: bool = True) -> tuple[str, float]:
    """The base model (tiny build or HF name) and the seconds spent building it here."""
    if cfg.model_name:
        return cfg.model_name, 0.0
    from chatgpt import tiny

    t0 = time.perf_counter()
    path = tiny.ensure_tiny(progress=progress)
    return str(path), time.perf_counter() - t0


def load_tokenizer(path: str, prompt_format: str = "auto"):
    """The tokenizer with its special tokens fixed (KoGPT-2's model-card specials, pad, chat eos): see
    :func:`chatgpt.foundation.load_tokenizer`."""
    from chatgpt.foundation import load_tokenizer as _load_tokenizer

    return _load_tokenizer(path, prompt_format)


def _strategy(cfg: PipelineConfig, seed: int):
    """DDP when launched with several processes (``accelerate launch`` / ``torchrun`` set ``WORLD_SIZE``), else one device.

    ``accelerate launch --multi_gpu --num_processes 2 -m chatgpt pipeline …`` starts the processes through
    torchrun; :class:`~chatgpt.trainer.DDPStrategy` then uses nccl on GPUs and gloo on CPUs.
    """
    from chatgpt.trainer import DDPStrategy, NaiveStrategy

    if int(os.environ.get("WORLD_SIZE", "1")) > 1:
        return DDPStrategy(seed=seed)
    return NaiveStrategy(_device(cfg), seed)


def _rank0() -> bool:
    """Only rank 0 writes checkpoints, stage.json and the report (all ranks hold the same weights)."""
    return int(os.environ.get("RANK", "0")) == 0


def _barrier() -> None:
    """Under several processes, wait until rank 0 has written what the next stage reads."""
    import torch.distributed as dist

    if dist.is_available() and dist.is_initialized():
        dist.barrier()


def _dtype(cfg: PipelineConfig):
    """The torch dtype of ``cfg.base.dtype`` (None = the checkpoint's default, fp32)."""
    from chatgpt.foundation import DTYPES

    return DTYPES[cfg.base.dtype]


def _describe(model, tok) -> dict:
    from chatgpt.foundation import describe

    return describe(model, tok)


def _data_path(cfg: PipelineConfig):
    return cfg.data_dir or None


def _limit(ds, n):
    return ds if n is None or n >= len(ds) else ds.select(range(n))


def stage_fingerprint(cfg: PipelineConfig, stage: str) -> str:
    """A hash of everything a stage's checkpoint depends on: its own config and the stages before it.

    ``fp(sft) = H(base model, SFT file, SFT config, LoRA)``; ``fp(rm) = H(fp(sft), RM file, RM config)``;
    ``fp(ppo) = H(fp(sft), fp(rm), PPO file, PPO config)`` — data files by content hash. A checkpoint is reused only when its
    recorded fingerprint matches, so a notebook never silently picks up a checkpoint
    trained with other settings.
    """
    if stage not in STAGES + PO_STAGES:
        raise ValueError(f"unknown stage {stage!r}; expected one of {STAGES + PO_STAGES}")
    if cfg.model_name:
        base = cfg.model_name
    else:
        from chatgpt import tiny

        base = "tiny:" + tiny.fingerprint(tiny.TinyConfig())
    from chatgpt.data.loaders import PPO_FILE, RM_FILE, SFT_FILE, resolve_data_file

    data_file = resolve_data_file(_data_path(cfg), {"sft": SFT_FILE, "rm": RM_FILE, "ppo": PPO_FILE, "dpo": RM_FILE,
                                                     "grpo": PPO_FILE}[stage])
    if stage in ("rm", "dpo") and cfg.rm_data:       # an RM file of its own (e.g. AI labels, RLAIF)
        data_file = resolve_data_file(cfg.rm_data, RM_FILE)
    parts: dict = {"stage": stage, "data": hashlib.sha256(data_file.read_bytes()).hexdigest()}
    if stage == "sft":
        parts.update(base=base, sft=asdict(cfg.sft), lora=asdict(cfg.lora))
        if cfg.base != type(cfg.base)():                 # dtype, prompt format, adapters (default: unchanged hash)
            parts.update(base_model=asdict(cfg.base))
    elif stage == "rm":
        parts.update(sft=stage_fingerprint(cfg, "sft"), rm=asdict(cfg.rm))
    elif stage == "dpo":         # the RM's record split: DPO trains on the RM's training records
        parts.update(sft=stage_fingerprint(cfg, "sft"), dpo=asdict(cfg.dpo),
                     split=[cfg.rm.eval_fraction, cfg.rm.seed, cfg.rm.max_records])
    elif stage == "grpo":
        parts.update(sft=stage_fingerprint(cfg, "sft"), rm=stage_fingerprint(cfg, "rm"), grpo=asdict(cfg.grpo))
    else:
        parts.update(sft=stage_fingerprint(cfg, "sft"), rm=stage_fingerprint(cfg, "rm"), ppo=asdict(cfg.ppo))
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:16]


def _mark_done(cfg: PipelineConfig, stage: str, path: Path, info: dict) -> None:
    info = {**info, "fingerprint": stage_fingerprint(cfg, stage)}
    (path / "stage.json").write_text(json.dumps(info, ensure_ascii=False, indent=1, default=str))


def is_done(cfg: PipelineConfig, stage: str) -> bool:
    """True when the stage's checkpoint exists *and* was trained with this config (see :func:`stage_fingerprint`)."""
    marker = checkpoint_dir(cfg, stage) / "stage.json"
    if not marker.exists():
        return False
    try:
        recorded = json.loads(marker.read_text()).get("fingerprint")
    except json.JSONDecodeError:
        return False
    return recorded == stage_fingerprint(cfg, stage)


def _reused(cfg: PipelineConfig, stage: str) -> dict | None:
    """A finished stage's summary with its model loaded, or None when it must be (re)trained."""
    if not is_done(cfg, stage):
        return None
    path = checkpoint_dir(cfg, stage)
    print(f"[{stage}] reusing the checkpoint at {path} (same config; pass reuse=False to retrain)")
    out = load_stage(cfg, stage)
    tok = load_tokenizer(str(path))
    if stage == "sft":
        from transformers import AutoModelForCausalLM

        out.update(model=AutoModelForCausalLM.from_pretrained(path, dtype=_dtype(cfg)).to(_device(cfg)), tokenizer=tok)
    elif stage == "rm":
        from chatgpt.models import RewardModel

        out.update(model=RewardModel.from_pretrained(path, dtype=_dtype(cfg)).to(_device(cfg)), tokenizer=tok)
    else:
        from chatgpt.models import Actor, RewardModel

        out.update(actor=Actor.from_pretrained(str(path), dtype=_dtype(cfg)).to(_device(cfg)), tokenizer=tok,
                   reward_model=RewardModel.from_pretrained(checkpoint_dir(cfg, "rm"), dtype=_dtype(cfg))
                   .to(_device(cfg)))
    out["reused"] = True
    return out


def stage_sft(cfg: PipelineConfig, progress: bool = True, reuse: bool = False) -> dict:
    """Fine-tune the base model on the SFT file; saves ``checkpoints/<profile>-sft``.

    With ``reuse``, a checkpoint already trained with the same config is loaded instead.
    """
    if reuse and (done := _reused(cfg, "sft")):
        return done
    from chatgpt.trainer import set_seed

    set_seed(cfg.sft.seed)                  # before any weight is created (LoRA init, resized embeddings)
    from chatgpt.data import load_sft, split_records
    from chatgpt.dataset import SupervisedDataset
    from chatgpt.trainer import NaiveStrategy, SFTTrainer

    base, _ = base_model_path(cfg, progress)
    tok = load_tokenizer(base, cfg.base.prompt_format)
    records = list(_limit(load_sft(_data_path(cfg), strict=cfg.strict_data), cfg.sft.max_records))
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
        _mark_done(cfg, "sft", path, info)
        (path / "history.json").write_text(json.dumps(history))
    _barrier()
    return {"path": path, "history": history, "model": model, "tokenizer": tok, **info}


def rm_record_split(cfg: PipelineConfig) -> tuple[list[dict], list[dict]]:
    """RM records split *by prompt* (a record's 3 pairs stay on one side), deterministic."""
    from chatgpt.data import RM_FILE, split_records
    from chatgpt.data.loaders import load_records, resolve_data_file

    rm_file = resolve_data_file(cfg.rm_data or _data_path(cfg), RM_FILE)   # --rm-data overrides
    records = load_records(rm_file, "rm", strict=cfg.strict_data)[: cfg.rm.max_records]
    return split_records(records, cfg.rm.eval_fraction, seed=cfg.rm.seed)


def rm_pair_split(cfg: PipelineConfig) -> tuple[list[dict], list[dict], int]:
    """The same split as :func:`rm_record_split`, turned into (prompt, chosen, rejected) pairs."""
    from chatgpt.data import records_to_pairs

    train, held = rm_record_split(cfg)
    return records_to_pairs(train), records_to_pairs(held), len(train) + len(held)


def stage_rm(cfg: PipelineConfig, progress: bool = True, reuse: bool = False) -> dict:
    """Train the reward model on ranked pairs, initialised from the SFT model (as in InstructGPT)."""
    if reuse and (done := _reused(cfg, "rm")):
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
    model = RewardModel.from_pretrained(sft_path, dtype=_dtype(cfg))
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
        _mark_done(cfg, "rm", path, info)
        (path / "history.json").write_text(json.dumps(history))
    _barrier()
    return {"path": path, "history": history, "model": model, "tokenizer": tok, **info}


def stage_ppo(cfg: PipelineConfig, progress: bool = True, reuse: bool = False) -> dict:
    """PPO from the SFT policy against the RM; critic initialised from the RM."""
    if reuse and (done := _reused(cfg, "ppo")):
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
    prompts = [r["prompt"] for r in _limit(load_prompts(_data_path(cfg), strict=cfg.strict_data), cfg.ppo.max_prompts)]
    dt = _dtype(cfg)
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
        _mark_done(cfg, "ppo", path, info)
        (path / "history.json").write_text(json.dumps(history))
    _barrier()
    return {"path": path, "history": history, "actor": actor, "reward_model": reward_model, "tokenizer": tok,
            **info}


def ensure_checkpoint(cfg: PipelineConfig, stage: str, progress: bool = True) -> Path:
    """The checkpoint of ``stage``; when it is missing, say so and build it (and what it needs)."""
    if stage not in STAGES + PO_STAGES:
        raise ValueError(f"unknown stage {stage!r}; expected one of {STAGES + PO_STAGES}")
    path = checkpoint_dir(cfg, stage)
    if is_done(cfg, stage):
        return path
    why = "was trained with other settings" if (path / "stage.json").exists() else "not found"
    print(f"[{stage}] checkpoint {why} at {path}; building it now with the {cfg.profile!r} profile…")
    {"sft": stage_sft, "rm": stage_rm, "ppo": stage_ppo, "dpo": stage_dpo, "grpo": stage_grpo}[stage](cfg, progress)
    return path


def evaluate_policies(cfg: PipelineConfig, policies: dict, reward_model, tokenizer, progress: bool = True,
                      eval_records: list[dict] | None = None, judge=None) -> dict:
    """Generate on the held-out eval prompts with every policy; metrics, RM scores, win rate.

    ``eval_records`` (``{"prompt", "reference", "category"}`` dicts) replaces the evaluation file, e.g. a
    category-balanced subset in a notebook; the topic classifier is still trained on the SFT file of ``cfg``.
    ``judge`` (a :class:`chatgpt.feedback.Judge`, default the RM-free rule judge) gives the judge win rates.
    """
    from chatgpt.data import load_eval
    from chatgpt.eval import generate_responses, score_responses, text_metrics, win_rate
    from chatgpt.eval.generate import generate_and_score
    from chatgpt.eval.topic import PromptMatcher, relevance_baselines, relevance_metrics, topic_classifier_from_sft

    if eval_records is not None:
        ev = {k: [r[k] for r in eval_records] for k in ("prompt", "reference", "category")}
    else:
        ev = _limit(load_eval(_data_path(cfg), strict=cfg.strict_data), cfg.eval_prompts)
    prompts, refs, cats = list(ev["prompt"]), list(ev["reference"]), list(ev["category"])
    # RM-free judges of relevance: topic classifier (trained on SFT completions) and prompt retrieval
    from chatgpt.eval.conditioning import prompt_conditioning_gap

    classifier = topic_classifier_from_sft(_data_path(cfg))
    matcher = PromptMatcher(prompts, extra_documents=refs)
    ref_scores = score_responses(reward_model, tokenizer, prompts, refs)
    results = {}
    for name, model in policies.items():
        # the sampled ids are scored exactly as PPO's reward (no re-tokenising, no eos added to a cut response)
        responses, scores = generate_and_score(model, reward_model, tokenizer, prompts, cfg.generation,
                                               progress=progress)
        rel = relevance_metrics(prompts, responses, cats, classifier, matcher)
        # does the policy read the question? NLL of the references under their own vs another prompt
        cond = prompt_conditioning_gap(model, tokenizer, prompts, refs) if len(prompts) > 1 else {}
        results[name] = {"responses": responses, "scores": scores, "predicted_categories": rel.pop("predicted_categories"),
                         "metrics": {**text_metrics(responses, refs), "mean_reward": sum(scores) / len(scores),
                                     # over-optimisation signal: how often the RM prefers this answer to the reference
                                     "rm_win_vs_reference": win_rate(scores, ref_scores), **rel, **cond}}
    names = list(policies)
    out = {"prompts": prompts, "references": refs, "categories": cats,
           "reference_mean_reward": sum(ref_scores) / len(ref_scores), "results": results,
           "relevance_baselines": relevance_baselines(prompts, refs, cats, classifier, matcher)}
    # an independent judge (RM-free rule judge by default): win rates with position swap, by length
    from chatgpt.eval.judged import judge_evaluation, judge_metrics

    out["judge"] = judge_evaluation(prompts, refs, {n: results[n]["responses"] for n in names}, judge)
    for n in names:
        results[n]["metrics"].update(judge_metrics(out["judge"], n))
    if len(names) == 2:
        out["win_rate"] = win_rate(results[names[1]]["scores"], results[names[0]]["scores"])
    return out


def load_stage(cfg: PipelineConfig, stage: str) -> dict:
    """A finished stage's summary (``stage.json``) and training history, without retraining."""
    path = checkpoint_dir(cfg, stage)
    info = json.loads((path / "stage.json").read_text())
    return {"path": path, "history": json.loads((path / "history.json").read_text()), **info}


def run_pipeline(cfg: PipelineConfig | None = None, progress: bool = True, resume: bool = False) -> dict:
    """SFT → RM → PPO → eval; writes checkpoints, plots and ``report.json``/``report.md``.

    With ``resume``, SFT and RM stages already finished in the output directory are reused.
    """
    from transformers import AutoModelForCausalLM

    from chatgpt import plots
    from chatgpt.report import write_report

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
    device = _device(cfg)
    sft_model = AutoModelForCausalLM.from_pretrained(sft["path"], dtype=_dtype(cfg)).to(device)
    ev = evaluate_policies(cfg, {"sft": sft_model, "ppo": ppo["actor"].model}, ppo["reward_model"], ppo["tokenizer"],
                           progress)
    pipeline_seconds = time.perf_counter() - t0

    plots.plot_sft(sft["history"], out / "sft_loss.png")
    plots.plot_rm(rm["history"], out / "rm_accuracy.png")
    plots.plot_ppo(ppo["history"], out / "ppo_reward_kl.png")
    plots.plot_score_hist({"SFT": ev["results"]["sft"]["scores"], "PPO": ev["results"]["ppo"]["scores"]},
                          out / "eval_rewards.png", title="RM score on held-out prompts")
    panel = evaluate_panel(cfg, {"sft": sft_model, "ppo": ppo["actor"].model}, ppo["reward_model"],
                           ppo["tokenizer"])
    report = {
        "profile": cfg.profile,
        "base_model": base,
        # the one-time build's own duration (from its build.json), and whether this run reused a cached build
        "tiny_build_seconds": tiny_info.get("build_seconds", 0.0),
        "tiny_build_reused": bool(tiny_info) and build_seconds < 0.5 * tiny_info.get("build_seconds", 0.0),
        "tiny_heldout_loss": tiny_info.get("heldout_loss"),
        "pipeline_seconds": pipeline_seconds,
        "sft_eval_loss": sft["final_eval_loss"],
        "sft_seconds": sft["seconds"],
        "stages_reused": [s for s, d in (("sft", sft), ("rm", rm)) if "model" not in d],
        "rm_eval_accuracy": rm["eval_accuracy"],
        "rm_eval_margin": rm["eval_margin"],
        "rm_seconds": rm["seconds"],
        "ppo_seconds": ppo["seconds"],
        "ppo_reward_first": ppo["reward_first"],
        "ppo_reward_last5": ppo["reward_last5"],
        "ppo_kl_mean": ppo["kl_mean"],
        "ppo_kl_last5": ppo["kl_last5"],
        "ppo_vs_sft_rm_win_rate": ev["win_rate"],
        "eval_prompts": len(ev["prompts"]),
        "reference_mean_reward": ev["reference_mean_reward"],
        "relevance_baselines": ev["relevance_baselines"],
        "judge": ev.get("judge"),
        "metrics": {k: v["metrics"] for k, v in ev["results"].items()},
        "samples": [{"prompt": p, "reference": r, "sft": s, "ppo": q}
                    for p, r, s, q in list(zip(ev["prompts"], ev["references"], ev["results"]["sft"]["responses"],
                                               ev["results"]["ppo"]["responses"]))[:8]],
        "panel": panel,
        "config": asdict(cfg),
        "device": str(device),
        "torch_threads": torch.get_num_threads(),
    }
    write_report(report, out)
    return report


def evaluate_panel(cfg: PipelineConfig, policies: dict, reward_model, tokenizer, prompts=PANEL_PROMPTS) -> list:
    """The fixed before/after panel: each policy's answer and RM score for each prompt."""
    from chatgpt.eval.generate import generate_and_score

    rows = [{"prompt": p} for p in prompts]
    for name, model in policies.items():
        responses, scores = generate_and_score(model, reward_model, tokenizer, prompts, cfg.generation)
        for row, r, s in zip(rows, responses, scores):
            row[name], row[f"{name}_reward"] = r, s
    return rows


def stage_dpo(cfg: PipelineConfig, progress: bool = True, reuse: bool = False) -> dict:
    """DPO from the SFT model on the RM's training records (same split, same ranking sense as the RM)."""
    if reuse and (done := _reused(cfg, "dpo")):
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
    trainer = DPOTrainer(model, tok, train_ds, held_ds, cfg.dpo, strategy=NaiveStrategy(_device(cfg), cfg.dpo.seed))
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
    _mark_done(cfg, "dpo", path, info)
    (path / "history.json").write_text(json.dumps(history))
    return {"path": path, "history": history, "actor": Actor(model), "tokenizer": tok, **info}


def stage_grpo(cfg: PipelineConfig, progress: bool = True, reuse: bool = False) -> dict:
    """GRPO from the SFT policy against the RM on the PPO prompts (no critic)."""
    if reuse and (done := _reused(cfg, "grpo")):
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
    prompts = [r["prompt"] for r in _limit(load_prompts(_data_path(cfg)), cfg.grpo.max_prompts)]
    actor, initial = Actor.from_pretrained(str(sft_path)), Actor.from_pretrained(str(sft_path))
    reward_model = RewardModel.from_pretrained(rm_path)
    trainer = GRPOTrainer(actor, reward_model, initial, tok, cfg.grpo,
                          strategy=NaiveStrategy(_device(cfg), cfg.grpo.seed))
    history = trainer.fit(PromptDataset(prompts, tok, cfg.grpo.max_prompt_length), progress=progress)
    path = checkpoint_dir(cfg, "grpo")
    path.mkdir(parents=True, exist_ok=True)
    actor.save_pretrained(path, tokenizer=tok)
    h = history
    info = {"stage": "grpo", "prompts": len(prompts), "iterations": len(h["iteration"]), "seconds": h["seconds"],
            "reward_first": h["reward"][0], "reward_last5": sum(h["reward"][-5:]) / len(h["reward"][-5:]),
            "kl_mean": sum(h["kl"]) / len(h["kl"]), "kl_last5": sum(h["kl"][-5:]) / len(h["kl"][-5:]),
            "iteration_seconds_mean": sum(h["iteration_seconds"]) / len(h["iteration_seconds"])}
    _mark_done(cfg, "grpo", path, info)
    (path / "history.json").write_text(json.dumps(history))
    return {"path": path, "history": history, "actor": actor, "reward_model": reward_model, "tokenizer": tok,
            **info}
