"""Training strategies: where models live and how gradients are reduced.

Named after ColossalAI's ``Strategy`` objects used by the original KoChatGPT course,
without its hard-coded ``.cuda()``:

* :class:`NaiveStrategy` — one process, any device (``cpu``, ``cuda``, ``mps``).
* :class:`DDPStrategy` — ``torch.distributed`` data parallelism (Li et al., 2020,
  "PyTorch Distributed"); gloo on CPU, nccl on GPU. ``torch.distributed`` is imported
  lazily, only when this strategy is built. Launch with ``torchrun``.

Trainers call only the methods defined here, so the same trainer code runs under both.
"""
from __future__ import annotations

import os
import random
from pathlib import Path

import torch
import torch.nn as nn
from torch.utils.data import DataLoader


def set_seed(seed: int) -> None:
    random.seed(seed)
    torch.manual_seed(seed)
    try:
        import numpy as np

        np.random.seed(seed)
    except ImportError:  # pragma: no cover
        pass


class NaiveStrategy:
    """Single process on one device."""

    world_size = 1
    rank = 0

    def __init__(self, device: str | torch.device | None = None, seed: int = 42):
        if device in (None, "", "auto"):
            device = "cuda" if torch.cuda.is_available() else "cpu"
        self.device = torch.device(device)
        self.seed = seed

    def setup_model(self, model: nn.Module) -> nn.Module:
        return model.to(self.device)

    def prepare_for_training(self, model: nn.Module) -> nn.Module:
        """The module to call for forward/backward (DDP wraps it; here it is unchanged)."""
        return model

    def unwrap(self, model: nn.Module) -> nn.Module:
        return model.module if hasattr(model, "module") else model

    def setup_dataloader(self, dataset, batch_size: int, shuffle: bool, collate_fn, seed: int | None = None,
                         drop_last: bool = False, group_by_length: bool = False) -> DataLoader:
        """Batches of ``dataset``; shuffled ones of similar length with ``group_by_length``
        (:class:`~chatgpt.dataset.LengthGroupedBatchSampler`: every rank draws the same batches and takes its share)."""
        g = torch.Generator().manual_seed(self.seed if seed is None else seed)
        if shuffle and group_by_length:
            from chatgpt.dataset import LengthGroupedBatchSampler, example_length

            lengths = [example_length(dataset[i]) for i in range(len(dataset))]
            return DataLoader(dataset, collate_fn=collate_fn, batch_sampler=LengthGroupedBatchSampler(
                lengths, batch_size, g, drop_last=drop_last, num_replicas=self.world_size, rank=self.rank))
        return DataLoader(dataset, batch_size=batch_size, shuffle=shuffle, collate_fn=collate_fn, generator=g,
                          drop_last=drop_last)

    def to_device(self, batch: dict) -> dict:
        return {k: v.to(self.device) if torch.is_tensor(v) else v for k, v in batch.items()}

    def backward(self, loss: torch.Tensor) -> None:
        loss.backward()

    def optimizer_step(self, optimizer, model: nn.Module, max_grad_norm: float | None = None) -> float:
        """Clip the gradient norm, step and zero the grads; returns the pre-clip norm."""
        params = [p for p in model.parameters() if p.grad is not None]
        norm = torch.nn.utils.clip_grad_norm_(params, max_grad_norm if max_grad_norm else float("inf"))
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        return float(norm)

    def all_reduce_mean(self, x: float) -> float:
        return x

    def all_reduce_max(self, x: float) -> float:
        return x

    def is_rank0(self) -> bool:
        return True

    def barrier(self) -> None:
        pass

    def save_model(self, model: nn.Module, path: str | Path, tokenizer=None) -> None:
        if self.is_rank0():
            Path(path).mkdir(parents=True, exist_ok=True)
            self.unwrap(model).save_pretrained(path, **({"tokenizer": tokenizer} if _takes_tokenizer(model) else {}))
            if tokenizer is not None and not _takes_tokenizer(model):
                tokenizer.save_pretrained(path)
        self.barrier()


def _takes_tokenizer(model) -> bool:
    import inspect

    m = model.module if hasattr(model, "module") else model
    return "tokenizer" in inspect.signature(m.save_pretrained).parameters


class DDPStrategy(NaiveStrategy):
    """Data parallel over processes started by ``torchrun`` (or any env:// launcher)."""

    def __init__(self, backend: str | None = None, seed: int = 42):
        import torch.distributed as dist  # lazy: only needed here

        self.dist = dist
        backend = backend or ("nccl" if torch.cuda.is_available() else "gloo")
        if not dist.is_initialized():
            dist.init_process_group(backend=backend)
        self.rank, self.world_size = dist.get_rank(), dist.get_world_size()
        if backend == "nccl":
            local = int(os.environ.get("LOCAL_RANK", self.rank))
            torch.cuda.set_device(local)
            device = torch.device("cuda", local)
        else:
            device = torch.device("cpu")
        super().__init__(device, seed)

    def prepare_for_training(self, model: nn.Module) -> nn.Module:
        from torch.nn.parallel import DistributedDataParallel as DDP

        if isinstance(model, DDP):
            return model
        ids = [self.device.index] if self.device.type == "cuda" else None
        return DDP(model, device_ids=ids, find_unused_parameters=False)

    def setup_dataloader(self, dataset, batch_size: int, shuffle: bool, collate_fn, seed: int | None = None,
                         drop_last: bool = False, group_by_length: bool = False) -> DataLoader:
        from torch.utils.data.distributed import DistributedSampler

        if shuffle and group_by_length:                      # the same length-grouped batches, every W-th per rank
            return super().setup_dataloader(dataset, batch_size, shuffle, collate_fn, seed, drop_last, group_by_length)
        sampler = DistributedSampler(dataset, num_replicas=self.world_size, rank=self.rank, shuffle=shuffle,
                                     seed=self.seed if seed is None else seed, drop_last=drop_last)
        return DataLoader(dataset, batch_size=batch_size, sampler=sampler, collate_fn=collate_fn)

    def all_reduce_mean(self, x: float) -> float:
        t = torch.tensor([x], dtype=torch.float64, device=self.device if self.device.type == "cuda" else "cpu")
        self.dist.all_reduce(t)
        return float(t.item() / self.world_size)

    def all_reduce_max(self, x: float) -> float:
        """The largest ``x`` over ranks: a decision every rank must take together (e.g. to stop)."""
        t = torch.tensor([x], dtype=torch.float64, device=self.device if self.device.type == "cuda" else "cpu")
        self.dist.all_reduce(t, op=self.dist.ReduceOp.MAX)
        return float(t.item())

    def is_rank0(self) -> bool:
        return self.rank == 0

    def barrier(self) -> None:
        self.dist.barrier()
