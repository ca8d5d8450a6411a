"""Per-token log-probabilities and entropies straight from hidden states, without the (N, V) logits.

PPO and GRPO need, at every response position ``i``, the log-probability of the sampled token under
the tempered policy and (as a statistic, or for the entropy bonus) the entropy of that distribution
(Schulman et al., 2017, eq. 9; Ouyang et al., 2022):

    z_i = (h_i Wᵀ + b) / T                   (V,)   the LM head, tempered
    log π(y_i) = z_i[y_i] − logsumexp(z_i)
    H_i = logsumexp(z_i) − Σ_v p_iv z_iv      p_i = softmax(z_i)

Written with the model's logits, that is a (N, V) matrix — 1536 × 8,000 fp32 = 49 MB for one PPO
minibatch of the tiny model — and half a dozen passes over it: the head's output, the division by T,
log-softmax, the gather, the entropy's ``exp`` and product, and in the backward pass a zero-filled
gradient for the gather, the log-softmax backward and the division's backward. Each pass over a
fresh 49 MB buffer costs 10–15 ms on the 2-core course machine (the memory is touched for the first
time), more than the head's own matmul.

:func:`token_log_probs` makes fewer passes. The temperature is folded into the head once
(``W/T``, V × H, instead of dividing N × V logits). With gradients the head runs as one GEMM and the
(N, V) logits are turned, 64 rows at a time (2 MB, in a core's cache), into ``p = softmax(z)`` in place
— one kernel per chunk, ``logsumexp z = max z − log max p`` without another ``exp`` pass, ``Σ p z``
as one dot product per row. ``p`` is all the backward pass keeps; there, with ``g`` and ``g_H`` the
incoming gradients of log π and H, it becomes in place

    ∂L/∂z_iv = g_i (1[v = y_i] − p_iv) − g_H,i p_iv (log p_iv + H_i)

(the entropy term only when the entropy reaches the loss, then with that chunk's logits recomputed),
and ``∂L/∂h = (∂L/∂z) W/T``, ``∂L/∂W = (∂L/∂z)ᵀ h / T`` are two GEMMs. Without gradients (the
reference model's log-probs in a rollout) head and log-softmax run on chunks of 512 rows and nothing of
size N × V is allocated. On the PPO benchmark's minibatch (16 × 96 actions, tiny model) the actor's
forward + backward took 274 ms before and 201 ms after (medians of 10 alternating runs in one process, 2-core AMD EPYC).
``tests/test_lm_head.py`` checks values and gradients against ``F.log_softmax`` of the full logits.
"""
from __future__ import annotations

import torch
import torch.nn.functional as F

#: logits per chunk (2 MB of fp32, in a core's L2: 64 rows × 8,000 for the tiny vocabulary, 10 × 51,200 for KoGPT-2)
CHUNK_ELEMENTS = 1 << 19
#: without gradients the head itself runs per chunk; larger chunks keep its GEMM efficient (16 MB)
NO_GRAD_CHUNK_ELEMENTS = 1 << 22


def _chunks(n: int, vocab: int, elements: int | None = None):
    step = max(1, (elements or CHUNK_ELEMENTS) // max(1, vocab))
    return ((i, min(i + step, n)) for i in range(0, n, step))


def _no_grad_pass(hidden, w_t, b_t, labels, logp, lse, entropy) -> None:
    """The forward values chunk by chunk (≈ 512 rows of the tiny vocabulary: the head's GEMM stays efficient)."""
    n, V = hidden.size(0), w_t.size(0)
    for a, b in _chunks(n, V, NO_GRAD_CHUNK_ELEMENTS):
        z = F.linear(hidden[a:b], w_t, b_t).float()                                       # (c, V)
        if entropy is None:
            logp[a:b] = F.log_softmax(z, -1).gather(1, labels[a:b, None]).squeeze(1)      # one row-wise kernel
            continue
        p = torch.softmax(z, -1)
        lse[a:b] = z.amax(-1) - p.amax(-1).log()
        logp[a:b] = z.gather(1, labels[a:b, None]).squeeze(1) - lse[a:b]
        entropy[a:b] = lse[a:b] - torch.linalg.vecdot(p, z)


class _TokenLogProbs(torch.autograd.Function):
    @staticmethod
    def forward(ctx, hidden, weight, bias, labels, temperature, grads, with_entropy):
        n, V = hidden.size(0), weight.size(0)
        # 1/T folded into the head once (V × H) instead of dividing every (c, V) chunk: z = h (W/T)ᵀ + b/T
        w_t = weight / temperature
        b_t = bias / temperature if bias is not None else None
        logp = torch.empty(n, dtype=torch.float32, device=hidden.device)                  # (N,)
        entropy = torch.empty_like(logp) if with_entropy else None                        # (N,)
        lse = torch.empty_like(logp)                                                      # (N,)
        if not grads:                                    # the head and the rest over larger chunks, nothing kept
            _no_grad_pass(hidden, w_t, b_t, labels, logp, lse, entropy)
            return (logp, entropy) if with_entropy else logp
        # the head as one GEMM (N, V), then chunk by chunk (in cache) turned into p = softmax(z) in place, kept for
        # the backward pass
        probs = F.linear(hidden, w_t, b_t).float()                                        # (N, V)
        scratch = torch.empty(min(n, max(1, CHUNK_ELEMENTS // V)), V, dtype=torch.float32, device=hidden.device)
        for a, b in _chunks(n, V):
            z = probs[a:b]                                                                # (c, V)
            p = torch.softmax(z, -1, out=scratch[: b - a])                               # (c, V), one kernel
            # logsumexp z = max z − log max p (max p ≥ 1/V: no underflow), with no second pass of exp over z
            lse[a:b] = z.amax(-1) - p.amax(-1).log()
            logp[a:b] = z.gather(1, labels[a:b, None]).squeeze(1) - lse[a:b]              # z_y − lse
            if with_entropy:
                entropy[a:b] = lse[a:b] - torch.linalg.vecdot(p, z)                      # H = lse − Σ p z
            z.copy_(p)
        ctx.save_for_backward(hidden, w_t, b_t, labels, lse, entropy, probs)
        ctx.temperature, ctx.weight_dtype = temperature, weight.dtype
        ctx.set_materialize_grads(False)                 # an output that reaches no loss gets None, not zeros
        return (logp, entropy) if with_entropy else logp

    @staticmethod
    def backward(ctx, g_logp, g_entropy=None):
        # p is turned into ∂L/∂z in place: a second backward (retain_graph=True) fails autograd's version check
        hidden, w_t, b_t, labels, lse, entropy, probs = ctx.saved_tensors
        T = ctx.temperature
        need_h, need_w, need_b = ctx.needs_input_grad[:3]
        n, V = hidden.size(0), w_t.size(0)
        g_logp = torch.zeros_like(lse) if g_logp is None else g_logp.float()
        use_h = g_entropy is not None and bool(g_entropy.ne(0).any())
        rows = torch.arange(n, device=probs.device)
        for a, b in _chunks(n, V):                         # ∂L/∂z over chunks, in place of p (c, V)
            p, g = probs[a:b], g_logp[a:b, None]                                          # (c, V), (c, 1)
            if use_h:
                # −g p − g_H p (log p + H),  log p = z − lse (z recomputed for this chunk)
                z = F.linear(hidden[a:b], w_t, b_t).float()
                p.mul_(z.sub_((lse[a:b] - entropy[a:b])[:, None]).mul_(-g_entropy[a:b, None]).sub_(g))
            else:
                p.mul_(-g)                                                                # −g p
        probs[rows, labels] += g_logp                                                     # + g 1[v = y]
        gz = probs.to(hidden.dtype)                                                       # ∂L/∂z, (N, V)
        grad_h = gz @ w_t if need_h else None                                             # ∂z/∂h = W/T, (N, H)
        grad_w = gz.t().mm(hidden).div_(T).to(ctx.weight_dtype) if need_w else None      # (V, H)
        grad_b = gz.sum(0).div_(T).to(ctx.weight_dtype) if need_b and b_t is not None else None
        return grad_h, grad_w, grad_b, None, None, None, None


def token_log_probs(hidden: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None, labels: torch.Tensor,
                    temperature: float = 1.0, with_entropy: bool = True):
    """``log softmax(z)[y]`` and the entropy of ``softmax(z)``, ``z = (h Wᵀ + b) / T``.   (N, H), (N,) → (N,), (N,)

    Both are differentiable (the entropy's gradient is only computed when it reaches the loss); float32.
    ``with_entropy=False`` returns the log-probs alone. Without an autograd graph the same chunked loop
    runs and keeps nothing.
    """
    if not temperature > 0:
        raise ValueError(f"temperature must be > 0, got {temperature}")
    if hidden.dim() != 2 or labels.shape != hidden.shape[:1]:
        raise ValueError(f"token_log_probs expects hidden (N, H) and labels (N,), got {tuple(hidden.shape)} and "
                         f"{tuple(labels.shape)}")
    grads = torch.is_grad_enabled() and any(t is not None and t.requires_grad for t in (hidden, weight, bias))
    return _TokenLogProbs.apply(hidden, weight, bias, labels, float(temperature), grads, with_entropy)
