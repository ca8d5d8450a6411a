"""Shared pieces of the trainers: learning-rate schedule, divergence checks, history."""
from __future__ import annotations

import math

import torch


class TrainingDivergedError(RuntimeError):
    """Raised when a loss or statistic becomes NaN/inf or an update runs away."""


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
