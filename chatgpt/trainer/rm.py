"""Reward-model training on ranked pairs (InstructGPT step 2; Ouyang et al., 2022, §3.5).

Two kinds of batches are accepted: ``B`` chosen + ``B`` rejected sequences in one ``2B``
forward pass (:class:`~chatgpt.dataset.RewardDataset`), or ``B`` records × ``K`` ranked
completions (:class:`~chatgpt.dataset.RankedRewardDataset`), turned into all ``K choose 2``
pairs of each record after one forward pass, as InstructGPT does. The loss is
``−log σ(r_c − r_r)`` averaged over pairs. Evaluation reports pairwise accuracy
(``r_c > r_r``) and mean margin ``r_c − r_r`` on held-out pairs.

After training, :meth:`RewardModelTrainer.calibrate` stores the mean and standard
deviation of the training scores in the model, so ``RewardModel.score`` is roughly
zero-mean, unit-variance — a reward scale PPO's default hyperparameters expect.
"""
from __future__ import annotations

import math
import time

import torch

from chatgpt.config import RMConfig
from chatgpt.dataset import RankedRewardCollator, RankedRewardDataset, RewardCollator, by_length
from chatgpt.models.loss import PairwiseLoss
from chatgpt.trainer.base import adam, append_history, check_finite, warmup_cosine
from chatgpt.trainer.strategies import NaiveStrategy


class RewardModelTrainer:
    """Train a :class:`~chatgpt.models.RewardModel` on a :class:`~chatgpt.dataset.RewardDataset`."""

    def __init__(self, model, tokenizer, train_dataset, eval_dataset=None, config: RMConfig | None = None,
                 strategy=None, optimizer=None, eval_every: int = 50):
        self.config = config or RMConfig()
        self.strategy = strategy or NaiveStrategy(seed=self.config.seed)
        self.model = self.strategy.setup_model(model)
        self.train_model = self.strategy.prepare_for_training(self.model)
        collate = (RankedRewardCollator if isinstance(train_dataset, RankedRewardDataset) else RewardCollator)(tokenizer)
        self.train_loader = self.strategy.setup_dataloader(train_dataset, self.config.batch_size, True, collate,
                                                           seed=self.config.seed,
                                                           group_by_length=self.config.group_by_length)
        eval_collate = (RankedRewardCollator if isinstance(eval_dataset, RankedRewardDataset) else RewardCollator)(
            tokenizer)
        self.eval_loader = (self.strategy.setup_dataloader(by_length(eval_dataset), self.config.batch_size, False,
                                                           eval_collate)
                            if eval_dataset is not None and len(eval_dataset) else None)
        self.optimizer = optimizer or adam(self.model.parameters(), self.config.lr, self.config.weight_decay)
        self.total_steps = max(1, math.ceil(len(self.train_loader) * self.config.epochs))
        self.scheduler = warmup_cosine(self.optimizer, self.total_steps, self.config.warmup_ratio)
        self.loss_fn = PairwiseLoss()
        self.eval_every = eval_every
        self.history: dict[str, list] = {}

    def _rewards(self, model, batch: dict) -> tuple[torch.Tensor, torch.Tensor]:
        """Rewards of every (chosen, rejected) pair in the batch: two tensors of shape (n_pairs,)."""
        r = model(batch["input_ids"], batch["attention_mask"])
        K = batch.get("num_candidates")
        if K is None:                                                            # (2B,): chosen then rejected
            B = r.size(0) // 2
            return r[:B], r[B:]
        r = r.view(-1, K)                                                        # (B, K), best → worst
        i, j = torch.triu_indices(K, K, offset=1).unbind(0)                      # all i < j: rank i beats rank j
        return r[:, i].reshape(-1), r[:, j].reshape(-1)                          # (B·K(K−1)/2,)

    @torch.no_grad()
    def evaluate(self, loader=None) -> dict:
        """Pairwise accuracy, mean margin and loss over a loader (default: the eval set)."""
        loader = loader or self.eval_loader
        if loader is None:
            return {}
        self.model.eval()
        correct, margin, loss, n = 0.0, 0.0, 0.0, 0
        for batch in loader:
            c, r = self._rewards(self.model, self.strategy.to_device(batch))
            correct += (c > r).float().sum().item()
            margin += (c - r).sum().item()
            loss += self.loss_fn(c, r).item() * len(c)
            n += len(c)
        self.model.train()
        red = self.strategy.all_reduce_mean
        return {"eval_accuracy": red(correct / n), "eval_margin": red(margin / n), "eval_loss": red(loss / n)}

    def fit(self, progress: bool = True) -> dict:
        from tqdm.auto import tqdm

        self.model.train()
        step, t0, pairs = 0, time.perf_counter(), 0
        bar = tqdm(total=self.total_steps, desc="RM", disable=not (progress and self.strategy.is_rank0()))
        while step < self.total_steps:
            for batch in self.train_loader:
                batch = self.strategy.to_device(batch)
                c, r = self._rewards(self.train_model, batch)
                loss = self.loss_fn(c, r)
                self.strategy.backward(loss)
                grad_norm = self.strategy.optimizer_step(self.optimizer, self.model, self.config.max_grad_norm)
                self.scheduler.step()
                pairs += len(c)
                stats = {"step": step, "loss": loss.item(), "accuracy": (c > r).float().mean().item(),
                         "margin": (c - r).mean().item(), "grad_norm": grad_norm}
                check_finite(stats, f"RM step {step}")
                append_history(self.history, stats)
                if self.eval_loader is not None and (step % self.eval_every == 0 or step == self.total_steps - 1):
                    append_history(self.history, {"eval_step": step, **self.evaluate()})
                bar.set_postfix(loss=f"{stats['loss']:.3f}", acc=f"{stats['accuracy']:.2f}")
                bar.update(1)
                step += 1
                if step >= self.total_steps:
                    break
        bar.close()
        self.history["seconds"] = time.perf_counter() - t0
        self.history["pairs_per_second"] = pairs / self.history["seconds"]
        self.calibrate()
        return self.history

    @torch.no_grad()
    def calibrate(self) -> None:
        """Store mean/std of training scores so that ``score()`` is ~N(0, 1) on the training data."""
        m = self.strategy.unwrap(self.model)
        m.eval()
        scores = []
        for i, batch in enumerate(self.train_loader):
            c, r = self._rewards(m, self.strategy.to_device(batch))
            scores += [c, r]
            if i >= 30:
                break
        s = torch.cat(scores)
        m.score_shift.fill_(s.mean().item())
        m.score_scale.fill_(max(s.std().item(), 1e-3))
        m.train()
