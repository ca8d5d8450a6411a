"""Supervised fine-tuning (InstructGPT step 1; Ouyang et al., 2022, §3.5).

The loss is next-token cross-entropy on the *response* only: the collator gives the
prompt tokens label ``-100``. A minimal loop in the style of minGPT's ``trainer.py``:
AdamW, linear warmup + cosine decay, gradient clipping, shuffled batches of similar length
(``SFTConfig.group_by_length``), eval loss every ``eval_every`` steps, tqdm progress.
"""
from __future__ import annotations

import math
import time

import torch

from chatgpt.config import SFTConfig
from chatgpt.dataset import SupervisedCollator, by_length
from chatgpt.models.loss import GPTLMLoss, labelled_lm_loss
from chatgpt.models.utils import fuse_activations
from chatgpt.trainer.base import adam, append_history, check_finite, warmup_cosine
from chatgpt.trainer.strategies import NaiveStrategy


class SFTTrainer:
    """Fine-tune a causal LM on :class:`~chatgpt.dataset.SupervisedDataset` examples."""

    def __init__(self, model, tokenizer, train_dataset, eval_dataset=None, config: SFTConfig | None = None,
                 strategy=None, optimizer=None, eval_every: int = 50):
        self.config = config or SFTConfig()
        self.strategy = strategy or NaiveStrategy(seed=self.config.seed)
        fuse_activations(model)                 # gelu_new → one fused kernel (same function, ≤ 2.4e-7 apart)
        self.model = self.strategy.setup_model(model)
        self.train_model = self.strategy.prepare_for_training(self.model)
        self.tokenizer = tokenizer
        collate = SupervisedCollator(tokenizer)
        self.train_loader = self.strategy.setup_dataloader(train_dataset, self.config.batch_size, True, collate,
                                                           seed=self.config.seed,
                                                           group_by_length=self.config.group_by_length)
        self.eval_loader = (self.strategy.setup_dataloader(by_length(eval_dataset), self.config.batch_size, False,
                                                           collate)
                            if eval_dataset is not None and len(eval_dataset) else None)
        self.optimizer = optimizer or adam(self.model.parameters(), self.config.lr, self.config.weight_decay)
        self.total_steps = max(1, math.ceil(len(self.train_loader) * self.config.epochs))
        self.scheduler = warmup_cosine(self.optimizer, self.total_steps, self.config.warmup_ratio)
        self.loss_fn = GPTLMLoss()
        self.eval_every = eval_every
        self.history: dict[str, list] = {}

    def _loss(self, batch: dict) -> torch.Tensor:
        if self.train_model is self.model:      # single process: LM head only on labelled positions (same value)
            return labelled_lm_loss(self.model, batch["input_ids"], batch["attention_mask"], batch["labels"])
        # DDP must see the whole forward (its gradient hooks live on the wrapper's __call__)
        logits = self.train_model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits
        return self.loss_fn(logits, batch["labels"])                            # (B, T, V), (B, T) → ()

    @torch.no_grad()
    def evaluate(self) -> float:
        """Mean response-token loss over the eval set."""
        if self.eval_loader is None:
            return float("nan")
        self.model.eval()
        total, n = 0.0, 0
        for batch in self.eval_loader:
            batch = self.strategy.to_device(batch)
            ntok = (batch["labels"][:, 1:] != -100).sum().item()
            total += self._loss(batch).item() * ntok
            n += ntok
        self.model.train()
        return self.strategy.all_reduce_mean(total / max(1, n))

    def fit(self, progress: bool = True) -> dict:
        from tqdm.auto import tqdm

        self.model.train()
        step, t0, tokens = 0, time.perf_counter(), 0
        bar = tqdm(total=self.total_steps, desc="SFT", disable=not (progress and self.strategy.is_rank0()))
        while step < self.total_steps:
            for batch in self.train_loader:
                batch = self.strategy.to_device(batch)
                loss = self._loss(batch)
                self.strategy.backward(loss)
                grad_norm = self.strategy.optimizer_step(self.optimizer, self.model, self.config.max_grad_norm)
                self.scheduler.step()
                tokens += int(batch["attention_mask"].sum())
                stats = {"step": step, "loss": loss.item(), "grad_norm": grad_norm,
                         "lr": self.scheduler.get_last_lr()[0]}
                check_finite(stats, f"SFT step {step}")
                append_history(self.history, stats)
                if self.eval_loader is not None and (step % self.eval_every == 0 or step == self.total_steps - 1):
                    append_history(self.history, {"eval_step": step, "eval_loss": self.evaluate()})
                bar.set_postfix(loss=f"{stats['loss']:.3f}")
                bar.update(1)
                step += 1
                if step >= self.total_steps:
                    break
        bar.close()
        seconds = time.perf_counter() - t0
        self.history["seconds"] = seconds
        self.history["tokens_per_second"] = tokens / seconds
        return self.history
