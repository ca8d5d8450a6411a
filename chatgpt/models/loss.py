"""Loss functions of the three stages, with the math next to the code.

* :class:`GPTLMLoss` — next-token cross-entropy, ignoring ``-100`` labels (SFT);
  :func:`labelled_lm_loss` computes the same value running the LM head only on
  labelled positions.
* :class:`PairwiseLoss` — Bradley–Terry loss of the reward model,
  ``−log σ(r_chosen − r_rejected)`` (Ouyang et al., 2022, eq. 1), via ``logsigmoid``
  for numerical stability (``log(sigmoid(x))`` underflows to ``-inf`` for x ≲ −100).
* :class:`PolicyLoss` — PPO's clipped surrogate (Schulman et al., 2017, eq. 7).
* :class:`ValueLoss` — clipped value regression as in OpenAI's baselines PPO2.
* :func:`dpo_loss` — DPO (Rafailov et al., 2023), IPO (Azar et al., 2023), cDPO label smoothing.
* :func:`k3_kl`, :func:`grpo_loss` — GRPO's clipped group-advantage objective with a k3 KL
  penalty in the loss (Shao et al., 2024).

All token-level losses are averaged over the action mask only: padding never
contributes.
"""
from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F

from chatgpt.models.utils import masked_mean, row_chunks


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
    if type(head) is nn.Linear and bool(keep.any()):
        return linear_cross_entropy(hidden[:, :-1][keep], head.weight, head.bias, targets[keep])
    logits = head(hidden[:, :-1][keep])                                                  # (N, V)
    return F.cross_entropy(logits.float(), targets[keep])                                # mean over N


#: logits of one block of rows in :func:`linear_cross_entropy` (32 M fp32 = 128 MB: all of a tiny-model SFT batch)
CE_BLOCK_ELEMENTS = 1 << 25
#: logits per in-cache chunk of the row-wise passes (2 MB: 64 rows of the 8,000-word vocabulary)
CE_CHUNK_ELEMENTS = 1 << 19


class _LinearCrossEntropy(torch.autograd.Function):
    """``mean_i −log softmax(h_i Wᵀ + b)[y_i]`` over blocks of rows, gradients computed in the forward pass."""

    @staticmethod
    def forward(ctx, hidden, weight, bias, targets):
        n, V = hidden.size(0), weight.size(0)
        need_h, need_w, need_b = ctx.needs_input_grad[:3]
        grads = need_h or need_w or need_b
        grad_h = torch.empty_like(hidden) if need_h else None
        grad_w = torch.zeros_like(weight) if need_w else None
        grad_b = torch.zeros_like(bias) if bias is not None and need_b else None
        total = torch.zeros((), dtype=torch.float64, device=hidden.device)
        block = max(1, CE_BLOCK_ELEMENTS // V) if grads else max(1, CE_CHUNK_ELEMENTS * 8 // V)
        step = max(1, CE_CHUNK_ELEMENTS // V)
        scratch = torch.empty(min(step, n), V, dtype=torch.float32, device=hidden.device)
        rows = torch.arange(step, device=hidden.device)
        for i in range(0, n, block):
            h, y = hidden[i: i + block], targets[i: i + block]                   # (k, H), (k,)
            z = F.linear(h, weight, bias).float()                               # (k, V), one GEMM
            for a in range(0, len(y), step):
                c, t, r = z[a: a + step], y[a: a + step], rows[: len(y[a: a + step])]
                p = torch.softmax(c, -1, out=scratch[: len(t)])                 # (c, V), one row-wise kernel
                # −log p_y = lse − z_y, lse = max z − log max p (max p ≥ 1/V: no underflow)
                total += (c.amax(-1) - p.amax(-1).log() - c[r, t]).sum(dtype=torch.float64)
                if grads:
                    # ∂/∂z of the summed loss: softmax(z) − onehot(y), in place of the logits (1/n applied below)
                    c.copy_(p)
                    c[r, t] -= 1.0
            if not grads:
                continue
            g = z.to(hidden.dtype)                                              # (k, V)
            if need_h:
                grad_h[i: i + block] = (g @ weight).div_(n)                     # (k, H)
            if need_w:
                grad_w.addmm_(g.t(), h)                                         # (V, H)
            if grad_b is not None:
                grad_b += g.sum(0)
        for t in (grad_w, grad_b):
            if t is not None:
                t.div_(n)
        ctx.save_for_backward(*(t for t in (grad_h, grad_w, grad_b) if t is not None))
        ctx.has = (grad_h is not None, grad_w is not None, grad_b is not None)
        return (total / n).to(torch.float32)

    @staticmethod
    def backward(ctx, grad_out):
        saved = iter(ctx.saved_tensors)
        out = [next(saved) * grad_out if has else None for has in ctx.has]
        return out[0], out[1], out[2], None


def linear_cross_entropy(hidden: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None,
                         targets: torch.Tensor) -> torch.Tensor:
    """``F.cross_entropy(F.linear(hidden, weight, bias), targets)`` with the gradients built in the forward pass.

    The LM head runs as one GEMM per block of rows (all of a tiny-model SFT batch; 655 rows of KoGPT-2's
    51,200-word vocabulary), and the row-wise work over chunks of 64 rows that stay in cache: one
    softmax kernel per chunk (``lse = max z − log max p``, so no separate log-softmax and ``exp``
    passes), turned in place into ``softmax − onehot``, whose products with ``W`` and ``h`` (÷ N) are the
    gradients of ``h``, ``W`` and ``b`` — two GEMMs per block, kept for the backward pass (nothing of
    size N × V is). Before, log-softmax, its backward and the zero-filled gradient of the gather were
    ≈ 10 % of an SFT step on the tiny model. Same GEMMs, same value (to float rounding: the mean is
    summed in fp64 over chunks). With no gradient needed it only computes the loss, over chunks.
    """
    return _LinearCrossEntropy.apply(hidden, weight, bias, targets)


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
    """``H = −Σ_v p_v log p_v`` from normalised log-probabilities.   (B, A, V) → (B, A)

    Without an autograd graph (PPO logs the entropy with ``entropy_coef = 0``) it runs over chunks of
    rows, so the two (B, A, V) temporaries ``p`` and ``p·log p`` are never allocated whole; the
    values are the same.
    """
    if torch.is_grad_enabled() and logp.requires_grad:
        return -(logp.exp() * logp).sum(-1)
    flat = logp.reshape(-1, logp.size(-1))
    out = torch.empty(flat.size(0), dtype=logp.dtype, device=logp.device)
    for rows in row_chunks(flat.size(0), flat.size(1)):
        chunk = flat[rows]
        out[rows] = chunk.exp().mul_(chunk).sum(-1).neg_()
    return out.view(logp.shape[:-1])


# --------------------------------------------------------------------------- DPO and GRPO (issue #12)
DPO_LOSS_TYPES = ("sigmoid", "ipo")


def dpo_loss(policy_chosen: torch.Tensor, policy_rejected: torch.Tensor, ref_chosen: torch.Tensor,
             ref_rejected: torch.Tensor, beta: float = 0.1, loss_type: str = "sigmoid", label_smoothing: float = 0.0,
             chosen_lengths: torch.Tensor | None = None,
             rejected_lengths: torch.Tensor | None = None) -> tuple[torch.Tensor, dict]:
    """Direct Preference Optimization loss over sequence log-probs.   (N,) ×4 → (), stats

    With the log-ratios ``h_c = log π(y_c|x) − log π_ref(y_c|x)`` and ``h_r`` likewise, and
    ``Δ = h_c − h_r``:

    * ``sigmoid`` (Rafailov et al., 2023, eq. 7): ``L = −log σ(β Δ)``; ``β r̂ = β h`` is the
      *implicit reward*, so this is the reward model's Bradley–Terry loss with r = β h.
      With ``label_smoothing`` ε (conservative DPO, "cDPO", Mitchell, 2023): the label is
      flipped with probability ε, ``L = −(1−ε) log σ(βΔ) − ε log σ(−βΔ)``.
    * ``ipo`` (Azar et al., 2023, eq. 17): ``L = (Δ' − 1/(2β))²`` with β in the role of
      the paper's τ. Δ' divides each log-ratio by its completion's token count when the
      lengths are given (TRL's convention, agreed with the IPO authors), else Δ' = Δ.

    Returns the mean over pairs and, without gradient, the implicit rewards ``β h``, their
    margin and the share of pairs the implicit reward ranks correctly.
    """
    if loss_type not in DPO_LOSS_TYPES:
        raise ValueError(f"unknown DPO loss_type {loss_type!r}; expected one of {DPO_LOSS_TYPES}")
    if not 0.0 <= label_smoothing < 0.5:
        raise ValueError(f"label_smoothing must be in [0, 0.5), got {label_smoothing}")
    chosen_logratio = policy_chosen - ref_chosen                                # h_c, (N,)
    rejected_logratio = policy_rejected - ref_rejected                          # h_r, (N,)
    delta = chosen_logratio - rejected_logratio                                 # Δ, (N,)
    if loss_type == "sigmoid":
        losses = -(1 - label_smoothing) * F.logsigmoid(beta * delta) - label_smoothing * F.logsigmoid(-beta * delta)
    else:
        if chosen_lengths is not None and rejected_lengths is not None:
            delta = (chosen_logratio / chosen_lengths.clamp(min=1).to(delta.dtype)
                     - rejected_logratio / rejected_lengths.clamp(min=1).to(delta.dtype))
        losses = (delta - 1 / (2 * beta)) ** 2
    with torch.no_grad():
        rc, rr = beta * chosen_logratio, beta * rejected_logratio               # implicit rewards β h
        stats = {"reward_chosen": rc.mean().item(), "reward_rejected": rr.mean().item(),
                 "reward_margin": (rc - rr).mean().item(), "reward_accuracy": (rc > rr).float().mean().item()}
    return losses.mean(), stats


def k3_kl(log_probs: torch.Tensor, ref_log_probs: torch.Tensor) -> torch.Tensor:
    """Per-token estimate of KL(π ‖ π_ref) from a token sampled from π.   (B, A) ×2 → (B, A)

    k3 (Schulman, 2020, "Approximating KL Divergence"), with ``u = π_ref(a)/π(a)``:
    ``k3 = u − log u − 1 = exp(ref − logp) − (ref − logp) − 1``. It is unbiased
    (E_π[u] = 1, so E[k3] = E[−log u] = KL), never negative (x − 1 ≥ log x) and has a lower
    variance than k1 = −log u when π is close to π_ref. GRPO puts it in the loss rather
    than in the reward (Shao et al., 2024, eq. 4).
    """
    log_u = ref_log_probs - log_probs
    return log_u.exp() - log_u - 1


def grpo_loss(log_probs: torch.Tensor, old_log_probs: torch.Tensor, ref_log_probs: torch.Tensor,
              advantages: torch.Tensor, action_mask: torch.Tensor, clip_eps: float = 0.2,
              kl_coef: float = 0.04) -> tuple[torch.Tensor, dict]:
    """GRPO objective (Shao et al., 2024, eq. 3), as a loss to minimise.   (B, A) ×5 → (), stats

    ``L = −1/G Σ_i 1/|o_i| Σ_t [ min(ρ_t Â_t, clip(ρ_t, 1−ε, 1+ε) Â_t) − β k3_t ]`` with
    ``ρ_t = π_θ/π_old``: PPO's clipped surrogate with the group advantage, plus the KL to
    the reference *in the loss* (not in the reward), averaged per sequence first and then
    over sequences (the paper's 1/|o_i|; padding never counts).
    """
    ratio = (log_probs - old_log_probs).exp()                                   # ρ_t, (B, A)
    surr = torch.min(ratio * advantages, ratio.clamp(1 - clip_eps, 1 + clip_eps) * advantages)
    kl = k3_kl(log_probs, ref_log_probs)                                        # (B, A)
    per_token = surr - kl_coef * kl                                             # (B, A)
    per_sequence = masked_mean(per_token, action_mask, dim=-1)                  # 1/|o_i| Σ_t, (B,)
    loss = -per_sequence.mean()
    with torch.no_grad():
        stats = {"clip_fraction": masked_mean(((ratio - 1).abs() > clip_eps).float(), action_mask).item(),
                 "kl_k3": masked_mean(kl, action_mask).item(),
                 "max_ratio": (ratio * action_mask).max().item()}
    return loss, stats
