"""Loss functions of the three stages, with the math next to the code.

* :class:`GPTLMLoss` — next-token cross-entropy, ignoring ``-100`` labels (SFT);
  :func:`labelled_lm_loss` computes the same value running the LM head only on
  labelled positions.
* :class:`PairwiseLoss` — Bradley–Terry loss of the reward model,
  ``−log σ(r_chosen − r_rejected)`` (Ouyang et al., 2022, eq. 1), via ``logsigmoid``
  for numerical stability (``log(sigmoid(x))`` underflows to ``-inf`` for x ≲ −100).
* :class:`PolicyLoss` — PPO's clipped surrogate (Schulman et al., 2017, eq. 7).
* :class:`ValueLoss` — clipped value regression as in OpenAI's baselines PPO2.

All token-level losses are averaged over the action mask only: padding never
contributes.
"""
from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F

from chatgpt.models.utils import masked_mean


class GPTLMLoss(nn.Module):
    """``mean_t −log p(y_{t+1} | y_≤t)`` over positions whose label is not -100."""

    def forward(self, logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
        # logits (B, T, V) predict labels shifted by one: position t predicts token t+1
        shift_logits = logits[:, :-1].reshape(-1, logits.size(-1))
        shift_labels = labels[:, 1:].reshape(-1)
        return F.cross_entropy(shift_logits.float(), shift_labels, ignore_index=-100)


def labelled_lm_loss(model: nn.Module, input_ids: torch.Tensor, attention_mask: torch.Tensor,
                     labels: torch.Tensor) -> torch.Tensor:
    """Same value as ``GPTLMLoss()(model(...).logits, labels)``, but cheaper.

    The LM head is a (H × V) projection, V = 8,000 (tiny) or 51,200 (KoGPT-2): on the
    tiny model it costs more than the whole transformer body per position. SFT only
    needs logits where a label exists (the response, not the prompt or padding), so
    the head and the softmax run on those N positions only: (B, T, H) → (N, H) → (N, V).
    Falls back to the full forward where the two differ (models without a separable head,
    wrappers, logits transformed after the head: :func:`chatgpt.foundation.supports_fast_loss`).
    """
    from chatgpt.foundation import supports_fast_loss

    if not supports_fast_loss(model):       # peft wrappers, Gemma2's soft-capped logits c·tanh(z/c), …
        return GPTLMLoss()(model(input_ids=input_ids, attention_mask=attention_mask).logits, labels)
    body, head = model.base_model, model.get_output_embeddings()
    hidden = body(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state   # (B, T, H)
    targets = labels[:, 1:]                                                              # (B, T-1): token t+1
    keep = targets != -100                                                               # (B, T-1)
    logits = head(hidden[:, :-1][keep])                                                  # (N, V)
    return F.cross_entropy(logits.float(), targets[keep])                                # mean over N


class PairwiseLoss(nn.Module):
    """``L = −mean log σ(r_c − r_r)``.   (B,), (B,) → ()"""

    def forward(self, chosen_reward: torch.Tensor, rejected_reward: torch.Tensor) -> torch.Tensor:
        return -F.logsigmoid(chosen_reward - rejected_reward).mean()


class PolicyLoss(nn.Module):
    """Clipped surrogate ``−E[min(ρ A, clip(ρ, 1−ε, 1+ε) A)]``, ``ρ = exp(log π − log π_old)``."""

    def __init__(self, clip_eps: float = 0.2):
        super().__init__()
        self.clip_eps = clip_eps

    def forward(self, log_probs: torch.Tensor, old_log_probs: torch.Tensor, advantages: torch.Tensor,
                action_mask: torch.Tensor) -> tuple[torch.Tensor, dict]:
        # all (B, A)
        ratio = (log_probs - old_log_probs).exp()
        surr1 = ratio * advantages
        surr2 = ratio.clamp(1 - self.clip_eps, 1 + self.clip_eps) * advantages
        loss = -masked_mean(torch.min(surr1, surr2), action_mask)
        with torch.no_grad():
            clipped = ((ratio - 1).abs() > self.clip_eps).float()
            stats = {
                "clip_fraction": masked_mean(clipped, action_mask).item(),
                # k1 estimate of KL(π_old ‖ π) on the sampled tokens
                "approx_kl": masked_mean(old_log_probs - log_probs, action_mask).item(),
                "max_ratio": (ratio * action_mask).max().item(),
            }
        return loss, stats


class ValueLoss(nn.Module):
    """``½ E[max((V − R)², (V_old + clip(V − V_old, −ε, ε) − R)²)]``."""

    def __init__(self, clip_eps: float | None = 0.2):
        super().__init__()
        self.clip_eps = clip_eps

    def forward(self, values: torch.Tensor, old_values: torch.Tensor, returns: torch.Tensor,
                action_mask: torch.Tensor) -> torch.Tensor:
        # all (B, A)
        loss = (values - returns) ** 2
        if self.clip_eps is not None:
            clipped = old_values + (values - old_values).clamp(-self.clip_eps, self.clip_eps)
            loss = torch.max(loss, (clipped - returns) ** 2)
        return 0.5 * masked_mean(loss, action_mask)


def entropy_from_logits(logits: torch.Tensor) -> torch.Tensor:
    """``H = −Σ_v p_v log p_v`` per position.   (B, A, V) → (B, A)"""
    return entropy_from_log_probs(F.log_softmax(logits.float(), dim=-1))


def entropy_from_log_probs(logp: torch.Tensor) -> torch.Tensor:
    """``H = −Σ_v p_v log p_v`` from normalised log-probabilities.   (B, A, V) → (B, A)"""
    return -(logp.exp() * logp).sum(-1)
