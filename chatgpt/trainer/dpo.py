"""Direct Preference Optimization: the policy learns the preferences, no reward model, no sampling.

Rafailov et al., 2023, "Direct Preference Optimization: Your Language Model is Secretly a
Reward Model". The RLHF objective of PPO, ``max_π E_{y~π}[r(x, y)] − β KL(π ‖ π_ref)``, has
the closed-form optimum ``π*(y|x) = π_ref(y|x) exp(r(x, y)/β) / Z(x)``. Solved for the
reward, ``r(x, y) = β log π*(y|x)/π_ref(y|x) + β log Z(x)``; put into the reward model's
Bradley–Terry likelihood ``p(y_c ≻ y_r) = σ(r_c − r_r)`` the partition function cancels:

    L_DPO = −log σ(β [log π(y_c)/π_ref(y_c) − log π(y_r)/π_ref(y_r)])

so fitting the policy with this loss is fitting the reward model ``r̂ = β log π/π_ref`` (the
*implicit reward*) to the same comparisons. The loss variants (IPO, cDPO label smoothing)
are in :func:`chatgpt.models.loss.dpo_loss`.

Here:

* **data** — the RM file's records go through the same ranking → pairs code as the reward
  model (:func:`chatgpt.data.ranking_to_pairs`, ``ranking[i]`` = rank of completion i, 0 =
  best). A record's 3 pairs share 3 completions, so each completion is scored once per
  step (:class:`PreferenceDataset`), as the RM does (InstructGPT's K-choose-2 batching);
* ``log π(y|x) = Σ_t log π(y_t | x, y_<t)`` over the completion tokens (and eos), never the
  prompt or padding, with the LM head run on those positions only (:func:`sequence_log_probs`);
* the **reference** log-probs ``log π_ref`` (the SFT model) are computed once before
  training (:meth:`DPOTrainer.precompute_reference`), so no second model runs in the loop.
"""
from __future__ import annotations

import copy
import math
import time
from typing import Iterable, Sequence

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import Dataset

from chatgpt.config import DPOConfig
from chatgpt.dataset import IGNORE_INDEX, _check_tokenizer, by_length, encode_sft
from chatgpt.models.loss import dpo_loss
from chatgpt.models.utils import fuse_activations, position_ids_from_mask
from chatgpt.trainer.base import adam, append_history, check_finite, warmup_cosine
from chatgpt.trainer.strategies import NaiveStrategy


def record_pairs(record: dict, where: str = "record") -> list[dict]:
    """The preference pairs of one record: a ranked RM record (3 pairs) or one ``{chosen, rejected}`` pair."""
    from chatgpt.data.pairs import ranking_to_pairs

    if "ranking" in record:
        try:
            return ranking_to_pairs(record)
        except (KeyError, ValueError) as e:
            raise ValueError(f"{where}: {e}") from None
    missing = [k for k in ("prompt", "chosen", "rejected") if k not in record]
    if missing:
        raise ValueError(f"{where}: neither a ranked RM record nor a pair (missing {missing})")
    return [{"prompt": record["prompt"], "chosen": record["chosen"], "rejected": record["rejected"]}]


class PreferenceDataset(Dataset):
    """One element per record: its distinct completions (tokenised) and its pairs as indices into them.

    ``sequences[k]`` is ``{"input_ids", "labels"}`` of template(prompt) + completion_k + eos with
    the prompt's labels at -100 (:func:`chatgpt.dataset.encode_sft`, the SFT encoding);
    ``pairs`` lists ``(chosen k, rejected k)``. Pairs whose two sides are the same text carry
    no preference and are left out; their number is kept in ``n_identical_pairs``.
    """

    def __init__(self, records: Iterable[dict], tokenizer, max_length: int = 192, source: str = "records"):
        _check_tokenizer(tokenizer)
        self.examples, self.n_identical_pairs, self.n_pairs = [], 0, 0
        for i, rec in enumerate(records):
            texts: list[str] = []
            pairs = []
            for p in record_pairs(dict(rec), where=f"{source}, record {i}"):
                if p["chosen"] == p["rejected"]:
                    self.n_identical_pairs += 1
                    continue
                for side in ("chosen", "rejected"):
                    if p[side] not in texts:
                        texts.append(p[side])
                pairs.append((texts.index(p["chosen"]), texts.index(p["rejected"])))
            if not pairs:
                continue
            prompt = rec["prompt"]
            self.examples.append({"sequences": [encode_sft(prompt, t, tokenizer, max_length) for t in texts],
                                  "pairs": pairs})
            self.n_pairs += len(pairs)

    def __len__(self) -> int:
        return len(self.examples)

    def __getitem__(self, i: int) -> dict:
        return self.examples[i]


class PreferenceCollator:
    """Flatten B records into one right-padded batch of S sequences; pairs become row indices.

    Returns ``input_ids``, ``attention_mask``, ``labels`` (S, T), ``chosen``/``rejected`` (N,) row
    indices of the N pairs and, when the dataset holds them, ``ref_logps`` (S,).
    """

    def __init__(self, tokenizer):
        _check_tokenizer(tokenizer)
        self.pad_id = tokenizer.pad_token_id

    def __call__(self, batch: Sequence[dict]) -> dict:
        seqs = [s for b in batch for s in b["sequences"]]
        S, T = len(seqs), max(len(s["input_ids"]) for s in seqs)
        ids = torch.full((S, T), self.pad_id, dtype=torch.long)
        labels = torch.full((S, T), IGNORE_INDEX, dtype=torch.long)
        mask = torch.zeros((S, T), dtype=torch.long)
        chosen, rejected, offset = [], [], 0
        for i, s in enumerate(seqs):
            n = len(s["input_ids"])
            ids[i, :n], labels[i, :n], mask[i, :n] = torch.tensor(s["input_ids"]), torch.tensor(s["labels"]), 1
        for b in batch:
            chosen += [offset + c for c, _ in b["pairs"]]
            rejected += [offset + r for _, r in b["pairs"]]
            offset += len(b["sequences"])
        out = {"input_ids": ids, "attention_mask": mask, "labels": labels,
               "chosen": torch.tensor(chosen), "rejected": torch.tensor(rejected)}
        if all("ref_logps" in b for b in batch):
            out["ref_logps"] = torch.tensor([x for b in batch for x in b["ref_logps"]], dtype=torch.float)
        return out


def sequence_log_probs(model: nn.Module, input_ids: torch.Tensor, attention_mask: torch.Tensor,
                       labels: torch.Tensor, temperature: float = 1.0) -> tuple[torch.Tensor, torch.Tensor]:
    """``log π(y|x) = Σ_t log π(y_t | ·)`` over labelled tokens, and their count.   (S, T) ×3 → (S,), (S,)

    The logit at position t predicts token t+1; the LM head runs on the N labelled
    positions only: (S, T, H) → (N, H) → (N, V), as :func:`chatgpt.models.loss.labelled_lm_loss`, and only
    where that is the model's own output (:func:`chatgpt.foundation.supports_fast_loss`: not under Gemma2's
    logit soft-capping); a plain ``nn.Linear`` head goes through :func:`chatgpt.models.lm_head.token_log_probs`.
    """
    from chatgpt.foundation import supports_fast_loss
    from chatgpt.models.lm_head import token_log_probs

    targets = labels[:, 1:]                                                      # (S, T-1): token t+1
    keep = targets != IGNORE_INDEX                                               # (S, T-1)
    positions = position_ids_from_mask(attention_mask)
    y = targets[keep]                                                            # (N,)
    if not supports_fast_loss(model):  # peft wrappers, Gemma2's soft-capped logits c·tanh(z/c), …: full forward
        logits = model(input_ids=input_ids, attention_mask=attention_mask, position_ids=positions).logits[:, :-1][keep]
        logp = F.log_softmax(logits.float() / temperature, dim=-1).gather(-1, y.unsqueeze(-1)).squeeze(-1)
    else:
        body, head = model.base_model, model.get_output_embeddings()
        hidden = body(input_ids=input_ids, attention_mask=attention_mask, position_ids=positions).last_hidden_state
        h = hidden[:, :-1][keep]                                                 # (N, H)
        if type(head) is nn.Linear:          # no (N, V) logits kept (chatgpt.models.lm_head)
            logp = token_log_probs(h, head.weight, head.bias, y, temperature, with_entropy=False)
        else:
            logp = F.log_softmax(head(h).float() / temperature, dim=-1).gather(-1, y.unsqueeze(-1)).squeeze(-1)
    rows = torch.arange(labels.size(0), device=labels.device).unsqueeze(1).expand_as(keep)[keep]   # (N,)
    total = torch.zeros(labels.size(0), device=logp.device, dtype=logp.dtype).index_add_(0, rows, logp)  # (S,)
    return total, keep.sum(-1)


def used_indices(loader, steps: int) -> list[int] | None:
    """The dataset indices the first ``steps`` batches of ``loader`` will draw, or None when unknown.

    For a shuffling single-process ``DataLoader`` (``RandomSampler`` sharing the loader's generator,
    as :meth:`NaiveStrategy.setup_dataloader` builds it) the epochs are replayed through the
    loader's own iterators (indices only) from the generator's state, which is restored afterwards:
    the training loop then draws exactly these batches. The tiny profile trains DPO for 0.4 epoch, so the
    reference pass needs 40 % of the training records, not all of them (≈ 15 s of a 57 s stage).
    Any other sampler (e.g. ``DistributedSampler``): None, every record gets its reference.
    """
    from torch.utils.data import RandomSampler

    sampler = getattr(loader, "sampler", None)
    gen = getattr(loader, "generator", None)
    if (type(sampler) is not RandomSampler or gen is None or sampler.generator is not gen or loader.batch_size is None
            or loader.num_workers):
        return None
    state = gen.get_state()
    n, used = steps * loader.batch_size, []
    try:
        while len(used) < n:                      # one epoch per pass, drawn exactly as `for batch in loader` draws it
            epoch = getattr(iter(loader), "_sampler_iter", None)   # the iterator's own index stream, no data loaded
            if epoch is None:
                return None
            for batch_indices in epoch:
                used += batch_indices
                if len(used) >= n:
                    break
    finally:
        gen.set_state(state)
    return sorted(set(used[:n]))


def disable_dropout(model: nn.Module) -> None:
    """p = 0 in every dropout layer: policy and reference log-probs must be deterministic (as TRL does)."""
    for m in model.modules():
        if isinstance(m, nn.Dropout):
            m.p = 0.0


class DPOTrainer:
    """Train a causal LM with DPO on a :class:`PreferenceDataset`; the reference is the model at the start."""

    def __init__(self, model, tokenizer, train_dataset: PreferenceDataset, eval_dataset: PreferenceDataset | None = None,
                 config: DPOConfig | None = None, ref_model=None, strategy=None, optimizer=None):
        self.config = cfg = config or DPOConfig()
        self.strategy = s = strategy or NaiveStrategy(seed=cfg.seed)
        self.history: dict[str, list] = {}
        disable_dropout(model)
        fuse_activations(model)                  # gelu_new → one fused kernel (same function)
        self.model = s.setup_model(model)
        self.train_model = s.prepare_for_training(self.model)
        self.collate = PreferenceCollator(tokenizer)
        self.train_loader = s.setup_dataloader(train_dataset, cfg.batch_size, True, self.collate, seed=cfg.seed)
        self.eval_loader = (s.setup_dataloader(by_length(eval_dataset), cfg.batch_size, False, self.collate)
                            if eval_dataset is not None and len(eval_dataset) else None)
        self.total_steps = max(1, math.ceil(len(self.train_loader) * cfg.epochs))
        ref = s.setup_model(ref_model if ref_model is not None else copy.deepcopy(s.unwrap(self.model)))
        self.precompute_reference(ref, train_dataset, used_indices(self.train_loader, self.total_steps))
        if eval_dataset is not None and len(eval_dataset):
            self.precompute_reference(ref, eval_dataset)
        del ref                                                                  # not needed in the training loop
        self.optimizer = optimizer or adam(self.model.parameters(), cfg.lr, cfg.weight_decay)
        self.scheduler = warmup_cosine(self.optimizer, self.total_steps, cfg.warmup_ratio)

    @torch.no_grad()
    def precompute_reference(self, ref_model, dataset: PreferenceDataset, indices=None) -> None:
        """Store ``log π_ref`` of every completion in the dataset (one pass, no gradient).

        Records go through in order of length, so that a batch is padded to about its own
        length (RM completions run from 3 to 240 tokens; in file order a batch of 32 records
        would be padded to its longest one and spend most of its time on padding).
        ``indices``: only these records (those the training steps will draw, :func:`used_indices`);
        a record without ``ref_logps`` that reaches the collator anyway fails with a KeyError there.
        """
        ref_model.eval()
        t0 = time.perf_counter()
        bs = self.config.ref_batch_size
        order = sorted(range(len(dataset)) if indices is None else indices,
                       key=lambda i: max(len(s["input_ids"]) for s in dataset.examples[i]["sequences"]))
        for k in range(0, len(order), bs):
            idx = order[k: k + bs]
            batch = self.strategy.to_device(self.collate([dataset.examples[i] for i in idx]))
            lp, _ = sequence_log_probs(ref_model, batch["input_ids"], batch["attention_mask"], batch["labels"],
                                       self.config.temperature)
            lp = lp.cpu().tolist()
            for i in idx:                                                        # rows follow the records' order
                n = len(dataset.examples[i]["sequences"])
                dataset.examples[i]["ref_logps"], lp = lp[:n], lp[n:]
        self.history.setdefault("ref_seconds", []).append(time.perf_counter() - t0)

    def _loss(self, model, batch: dict) -> tuple[torch.Tensor, dict]:
        cfg = self.config
        logp, n_tokens = sequence_log_probs(model, batch["input_ids"], batch["attention_mask"], batch["labels"],
                                            cfg.temperature)                    # (S,), (S,)
        c, r, ref = batch["chosen"], batch["rejected"], batch["ref_logps"]      # (N,), (N,), (S,)
        loss, stats = dpo_loss(logp[c], logp[r], ref[c], ref[r], cfg.beta, cfg.loss_type, cfg.label_smoothing,
                               *((n_tokens[c], n_tokens[r]) if cfg.ipo_length_normalize else (None, None)))
        with torch.no_grad():
            stats.update(logp_chosen=logp[c].mean().item(), logp_rejected=logp[r].mean().item(),
                         # mean of log π/π_ref over all completions: a k1 KL proxy on the *data*, not on samples
                         logratio=(logp - ref).mean().item())
        return loss, stats

    @torch.no_grad()
    def evaluate(self) -> dict:
        """Held-out loss and implicit-reward accuracy / margin (β log π/π_ref ranks chosen above rejected)."""
        if self.eval_loader is None:
            return {}
        self.model.eval()
        sums, n = {}, 0
        for batch in self.eval_loader:
            batch = self.strategy.to_device(batch)
            loss, stats = self._loss(self.model, batch)
            k = len(batch["chosen"])
            for key, v in {"loss": loss.item(), **stats}.items():
                sums[key] = sums.get(key, 0.0) + v * k
            n += k
        return {f"eval_{k}": self.strategy.all_reduce_mean(v / n) for k, v in sums.items()}

    def fit(self, progress: bool = True) -> dict:
        from tqdm.auto import tqdm

        cfg, s = self.config, self.strategy
        # dropout OFF while training (TRL's `disable_dropout` default): the reference log-probs were taken in eval
        # mode, so log π/π_ref = 0 at step 0 only without dropout noise; gradients flow the same in eval mode
        self.model.eval()
        step, t0, pairs = 0, time.perf_counter(), 0
        if self.eval_loader is not None:
            append_history(self.history, {"eval_step": -1, **self.evaluate()})      # before training: accuracy 0
        bar = tqdm(total=self.total_steps, desc="DPO", disable=not (progress and s.is_rank0()))
        while step < self.total_steps:
            for batch in self.train_loader:
                batch = s.to_device(batch)
                loss, stats = self._loss(self.train_model, batch)
                s.backward(loss)
                grad_norm = s.optimizer_step(self.optimizer, self.model, cfg.max_grad_norm)
                self.scheduler.step()
                pairs += len(batch["chosen"])
                stats = {"step": step, "loss": loss.item(), **stats, "grad_norm": grad_norm,
                         "lr": self.scheduler.get_last_lr()[0]}
                check_finite(stats, f"DPO step {step}")
                append_history(self.history, stats)
                if self.eval_loader is not None and ((step + 1) % cfg.eval_every == 0 or step == self.total_steps - 1):
                    append_history(self.history, {"eval_step": step, **self.evaluate()})
                bar.set_postfix(loss=f"{stats['loss']:.3f}", acc=f"{stats['reward_accuracy']:.2f}")
                bar.update(1)
                step += 1
                if step >= self.total_steps:
                    break
        bar.close()
        self.history["seconds"] = time.perf_counter() - t0
        self.history["pairs_per_second"] = pairs / self.history["seconds"]
        return self.history
