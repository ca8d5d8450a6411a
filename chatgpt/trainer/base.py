"""Shared pieces of the trainers: optimizer, learning-rate schedule, divergence checks, history."""
from __future__ import annotations

import math

import torch


class TrainingDivergedError(RuntimeError):
    """Raised when a loss or statistic becomes NaN/inf or an update runs away."""


def adam(params, lr: float, weight_decay: float | None = None, betas: tuple[float, float] = (0.9, 0.999)
         ) -> torch.optim.Optimizer:
    """Adam (``weight_decay=None``) or AdamW, as one fused kernel per step where torch has it (CPU ≥ 2.4, CUDA).

    The same update; the for-loop implementation torch picks by default on CPU runs ≈ 10 elementwise
    kernels per parameter tensor (clip + AdamW over the tiny model's 2.2M parameters: 10.5 ms against
    3.8 ms fused, 2 threads). Falls back to the default where ``fused=True`` is not supported.
    """
    params = [p for p in params if p.requires_grad]
    cls, kw = (torch.optim.Adam, {}) if weight_decay is None else (torch.optim.AdamW, {"weight_decay": weight_decay})
    kw["betas"] = betas
    try:
        return cls(params, lr=lr, fused=True, **kw)
    except (RuntimeError, TypeError, ValueError):              # older torch, or a device without a fused kernel
        return cls(params, lr=lr, **kw)


def warmup_cosine(optimizer, total_steps: int, warmup_ratio: float, min_ratio: float = 0.1):
    """Linear warmup to the peak lr, then cosine decay to ``min_ratio`` × peak."""
    warmup = max(1, int(total_steps * warmup_ratio))

    def factor(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        t = min(1.0, (step - warmup) / max(1, total_steps - warmup))
        return min_ratio + (1 - min_ratio) * 0.5 * (1 + math.cos(math.pi * t))

    return torch.optim.lr_scheduler.LambdaLR(optimizer, factor)


def check_finite(stats: dict, where: str) -> None:
    """Stop with a clear message when any logged number is NaN or inf."""
    bad = {k: v for k, v in stats.items() if isinstance(v, float) and not math.isfinite(v)}
    if bad:
        raise TrainingDivergedError(
            f"{where}: non-finite values {bad}. Lower the learning rate, check the data for empty "
            f"examples, or enable gradient clipping (max_grad_norm).")


def append_history(history: dict, stats: dict) -> None:
    for k, v in stats.items():
        history.setdefault(k, []).append(v)
