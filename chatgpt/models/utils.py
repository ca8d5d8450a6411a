"""Small tensor helpers shared by the models, losses and the experience maker.

Shapes: ``B`` batch, ``T`` sequence length, ``V`` vocabulary, ``A`` number of action
(response) tokens.
"""
from __future__ import annotations

import torch
import torch.nn.functional as F


def position_ids_from_mask(attention_mask: torch.Tensor) -> torch.Tensor:
    """Positions that count real tokens only, so left padding does not shift them.

    ``pos_t = (Σ_{s≤t} mask_s) − 1``, clamped at 0 for the pad columns.   (B, T) → (B, T)
    """
    return (attention_mask.long().cumsum(-1) - 1).clamp(min=0)


def last_token_index(attention_mask: torch.Tensor) -> torch.Tensor:
    """Index of the last real token of every row, for left *or* right padding.   (B, T) → (B,)"""
    T = attention_mask.size(-1)
    return T - 1 - attention_mask.long().flip(-1).argmax(-1)


def log_probs_from_logits(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """``log p(label_t)`` under ``softmax(logits_t)``.   (B, T, V), (B, T) → (B, T)"""
    logp = F.log_softmax(logits.float(), dim=-1)
    return logp.gather(-1, labels.unsqueeze(-1)).squeeze(-1)


def masked_mean(x: torch.Tensor, mask: torch.Tensor, dim: int | None = None) -> torch.Tensor:
    """Mean of ``x`` over positions where ``mask`` is 1 (padding never contributes)."""
    mask = mask.to(x.dtype)
    if dim is None:
        return (x * mask).sum() / mask.sum().clamp(min=1)
    return (x * mask).sum(dim) / mask.sum(dim).clamp(min=1)


def masked_var(x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """Unbiased variance of the masked entries."""
    mean = masked_mean(x, mask)
    n = mask.sum().clamp(min=2)
    return ((x - mean) ** 2 * mask).sum() / (n - 1)


def masked_whiten(x: torch.Tensor, mask: torch.Tensor, shift_mean: bool = True) -> torch.Tensor:
    """``(x − mean) / sqrt(var + 1e-8)`` over the masked entries; padded entries become 0."""
    mean, var = masked_mean(x, mask), masked_var(x, mask)
    out = (x - mean) * torch.rsqrt(var + 1e-8)
    if not shift_mean:
        out = out + mean
    return out * mask
