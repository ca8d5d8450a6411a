"""Where a run's checkpoints live, which of them may be reused, and loading them back.

Checkpoints are saved with ``save_pretrained`` (safetensors): ``checkpoints/<profile>-sft``
(causal LM + tokenizer), ``checkpoints/<profile>-rm`` (body + ``value_head.safetensors``),
``checkpoints/<profile>-ppo`` (and ``-dpo``, ``-grpo``) under :func:`output_dir`. Each carries a
``stage.json`` whose ``fingerprint`` hashes the stage's config, its data file and the stages
before it (:func:`stage_fingerprint`); a checkpoint is reused (``reuse=True``, ``--resume``,
:func:`ensure_checkpoint`) only when the fingerprint matches, so nothing trained with other
settings is picked up silently. The stages that write these checkpoints are in
:mod:`chatgpt.pipeline`.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path

import torch

from chatgpt.config import PipelineConfig, default_device, default_output_dir

STAGES = ("sft", "rm", "ppo")
PO_STAGES = ("dpo", "grpo")        # the alternatives to PPO from the same SFT checkpoint (stage_dpo, stage_grpo)


def _check_stage(stage: str) -> None:
    if stage not in STAGES + PO_STAGES:
        raise ValueError(f"unknown stage {stage!r}; expected one of {STAGES + PO_STAGES}")


def output_dir(cfg: PipelineConfig) -> Path:
    return Path(cfg.output_dir) if cfg.output_dir else default_output_dir()


def checkpoint_dir(cfg: PipelineConfig, stage: str) -> Path:
    return output_dir(cfg) / "checkpoints" / f"{cfg.profile}-{stage}"


def data_path(cfg: PipelineConfig) -> str | None:
    """The data directory of ``cfg`` (None = the bundled ``data_kochatgpt/`` or ``$KOCHATGPT_DATA_DIR``)."""
    return cfg.data_dir or None


def device_of(cfg: PipelineConfig) -> torch.device:
    return torch.device(cfg.device or default_device())


def dtype_of(cfg: PipelineConfig):
    """The torch dtype of ``cfg.base.dtype`` (None = the checkpoint's default, fp32)."""
    from chatgpt.foundation import DTYPES

    return DTYPES[cfg.base.dtype]


def load_tokenizer(path: str, prompt_format: str = "auto"):
    """The tokenizer with its special tokens fixed (KoGPT-2's model-card specials, pad, chat eos): see
    :func:`chatgpt.foundation.load_tokenizer`."""
    from chatgpt.foundation import load_tokenizer as _load_tokenizer

    return _load_tokenizer(path, prompt_format)


def stage_fingerprint(cfg: PipelineConfig, stage: str) -> str:
    """A hash of everything a stage's checkpoint depends on: its own config and the stages before it.

    ``fp(sft) = H(base model, SFT file, SFT config, LoRA)``; ``fp(rm) = H(fp(sft), RM file, RM config)``;
    ``fp(ppo) = H(fp(sft), fp(rm), PPO file, PPO config)`` — data files by content hash. A checkpoint is reused only when its
    recorded fingerprint matches, so a notebook never silently picks up a checkpoint
    trained with other settings.
    """
    _check_stage(stage)
    if cfg.model_name:
        base = cfg.model_name
    else:
        from chatgpt import tiny

        base = "tiny:" + tiny.fingerprint(tiny.TinyConfig())
    from chatgpt.data.loaders import PPO_FILE, RM_FILE, SFT_FILE, resolve_data_file

    data_file = resolve_data_file(data_path(cfg), {"sft": SFT_FILE, "rm": RM_FILE, "ppo": PPO_FILE, "dpo": RM_FILE,
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


def mark_done(cfg: PipelineConfig, stage: str, path: Path, info: dict) -> None:
    """Write ``stage.json``: the stage's summary ``info`` and its :func:`stage_fingerprint`."""
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


def load_stage(cfg: PipelineConfig, stage: str) -> dict:
    """A finished stage's summary (``stage.json``) and training history, without retraining."""
    path = checkpoint_dir(cfg, stage)
    info = json.loads((path / "stage.json").read_text())
    return {"path": path, "history": json.loads((path / "history.json").read_text()), **info}


def reuse_stage(cfg: PipelineConfig, stage: str) -> dict | None:
    """A finished stage's summary with its model loaded, or None when it must be (re)trained."""
    if not is_done(cfg, stage):
        return None
    path = checkpoint_dir(cfg, stage)
    print(f"[{stage}] reusing the checkpoint at {path} (same config; pass reuse=False to retrain)")
    out = load_stage(cfg, stage)
    tok = load_tokenizer(str(path))
    device, dtype = device_of(cfg), dtype_of(cfg)
    if stage == "sft":
        from transformers import AutoModelForCausalLM

        out.update(model=AutoModelForCausalLM.from_pretrained(path, dtype=dtype).to(device), tokenizer=tok)
    elif stage == "rm":
        from chatgpt.models import RewardModel

        out.update(model=RewardModel.from_pretrained(path, dtype=dtype).to(device), tokenizer=tok)
    else:
        from chatgpt.models import Actor, RewardModel

        out.update(actor=Actor.from_pretrained(str(path), dtype=dtype).to(device), tokenizer=tok,
                   reward_model=RewardModel.from_pretrained(checkpoint_dir(cfg, "rm"), dtype=dtype).to(device))
    out["reused"] = True
    return out


def ensure_checkpoint(cfg: PipelineConfig, stage: str, progress: bool = True) -> Path:
    """The checkpoint of ``stage``; when it is missing, say so and build it (and what it needs)."""
    _check_stage(stage)
    path = checkpoint_dir(cfg, stage)
    if is_done(cfg, stage):
        return path
    why = "was trained with other settings" if (path / "stage.json").exists() else "not found"
    print(f"[{stage}] checkpoint {why} at {path}; building it now with the {cfg.profile!r} profile…")
    # The stages live in chatgpt.pipeline, which imports this module; importing it here, when a stage must be
    # built, avoids the import cycle, and looking the stage up on the module keeps a patched
    # ``chatgpt.pipeline.stage_*`` in effect.
    from chatgpt import pipeline

    getattr(pipeline, f"stage_{stage}")(cfg, progress)
    return path
