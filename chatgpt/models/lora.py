"""LoRA (Hu et al., 2021, "LoRA: Low-Rank Adaptation of Large Language Models") via ``loralib``.

``W' = W + (α / r) · B A`` with ``A ∈ R^{r×in}``, ``B ∈ R^{out×r}``, ``B = 0`` at init,
so training starts from the pretrained function and only ``A``, ``B`` are trained.

GPT-2 implements its projections with ``transformers.pytorch_utils.Conv1D``, whose
weight is stored *transposed* (``in × out``). The old course wrapped only
``nn.Linear`` and therefore touched nothing but the LM head. Here both ``nn.Linear``
and ``Conv1D`` are wrapped; ``Conv1D`` becomes ``loralib.Linear(fan_in_fan_out=True)``,
which keeps the ``in × out`` layout, so the pretrained weight is copied as is.

:func:`merge_lora` folds ``(α/r) B A`` into the weight and turns the layers back into
their original classes, so a merged model saves and loads as a plain HF checkpoint.
"""
from __future__ import annotations

from typing import Iterable

import torch
import torch.nn as nn


def _conv1d_cls():
    from transformers.pytorch_utils import Conv1D

    return Conv1D


def convert_to_lora(model: nn.Module, r: int = 8, alpha: int = 16, dropout: float = 0.05,
                    targets: Iterable[str] = ("c_attn", "c_proj", "c_fc"), freeze: bool = True) -> int:
    """Replace every ``Linear``/``Conv1D`` whose name ends in one of ``targets``; returns how many.

    With ``freeze`` only the LoRA parameters stay trainable (``loralib.mark_only_lora_as_trainable``).
    """
    import loralib as lora

    Conv1D = _conv1d_cls()
    targets = tuple(targets)
    replaced = 0
    for name, module in list(model.named_modules()):
        if not name or not name.split(".")[-1] in targets:
            continue
        if isinstance(module, Conv1D):
            in_f, out_f = module.weight.shape                      # Conv1D stores (in, out)
            new = lora.Linear(in_f, out_f, r=r, lora_alpha=alpha, lora_dropout=dropout,
                              fan_in_fan_out=True, merge_weights=False)
            new.weight.data.copy_(module.weight.data)              # same (in, out) layout
        elif isinstance(module, nn.Linear):
            new = lora.Linear(module.in_features, module.out_features, r=r, lora_alpha=alpha,
                              lora_dropout=dropout, bias=module.bias is not None, merge_weights=False)
            new.weight.data.copy_(module.weight.data)
        else:
            continue
        if module.bias is not None:
            new.bias.data.copy_(module.bias.data)
        new.to(module.weight.device, module.weight.dtype)
        parent = model.get_submodule(name.rsplit(".", 1)[0]) if "." in name else model
        setattr(parent, name.split(".")[-1], new)
        replaced += 1
    if replaced == 0:
        raise ValueError(f"no Linear/Conv1D module named {targets} found to wrap with LoRA")
    if freeze:
        lora.mark_only_lora_as_trainable(model)
    return replaced


@torch.no_grad()
def merge_lora(model: nn.Module) -> int:
    """Fold every LoRA update into its weight and restore ``Conv1D``/``nn.Linear``; returns how many."""
    import loralib as lora

    Conv1D = _conv1d_cls()
    merged = 0
    for name, module in list(model.named_modules()):
        if not isinstance(module, lora.Linear):
            continue
        delta = (module.lora_B @ module.lora_A) * module.scaling            # (out, in)
        if module.fan_in_fan_out:
            out = Conv1D(module.weight.shape[1], module.weight.shape[0])   # Conv1D(nf=out, nx=in)
            out.weight.data.copy_(module.weight.data + delta.T)
        else:
            out = nn.Linear(module.in_features, module.out_features, bias=module.bias is not None)
            out.weight.data.copy_(module.weight.data + delta)
        if module.bias is not None:
            out.bias.data.copy_(module.bias.data)
        out.to(module.weight.device, module.weight.dtype)
        parent = model.get_submodule(name.rsplit(".", 1)[0]) if "." in name else model
        setattr(parent, name.split(".")[-1], out)
        merged += 1
    for p in model.parameters():
        p.requires_grad_(True)
    return merged


def lora_parameters(model: nn.Module) -> list[nn.Parameter]:
    return [p for n, p in model.named_parameters() if "lora_" in n]
