"""A lean KV-cache sampling loop for left-padded prompts, returning per-token log-probs.

Why not ``model.generate``? It is general (beam search, a dozen logits processors,
stopping criteria, cache bookkeeping) and on a small model that generality costs
more per token than the model itself: profiling the tiny profile's PPO rollout
showed about half of the time in ``generate``'s Python overhead (see BENCHMARKS.md).
PPO only needs ancestral sampling with temperature / top-k / top-p (Holtzman et al.,
2020, "The Curious Case of Neural Text Degeneration"), and it also needs
``log π(a_t | s_t)`` of each sampled token — which the sampler has in hand, so the
rollout can skip one full forward pass of the actor.

Shapes: prompts ``(B, P)`` left-padded → sequences ``(B, P + R)`` and log-probs
``(B, R)``, where ``R ≤ max_new_tokens`` is the longest response (the loop stops once
every row has emitted eos). After its eos a row is filled with ``pad_token_id`` and
log-prob 0, exactly like ``generate`` pads finished rows — and it leaves the batch: its
KV-cache rows are dropped (``Cache.reorder_cache``), so the remaining steps run on the rows
still decoding (random draws stay one per row and step, so samples do not depend on it).
"""
from __future__ import annotations

import torch
import torch.nn.functional as F

from chatgpt.models.utils import position_ids_from_mask


def filter_logits(logits: torch.Tensor, top_k: int = 0, top_p: float = 1.0) -> torch.Tensor:
    """Top-k then nucleus (top-p) filtering; removed entries become ``-inf``.   (B, V) → (B, V)

    top-p keeps the smallest set of tokens whose probability mass reaches ``p``; the most
    likely token is always kept (same convention as transformers' ``TopPLogitsWarper``).
    """
    if top_k and top_k < logits.size(-1):
        kth = torch.topk(logits, top_k, dim=-1).values[:, -1:]                     # (B, 1)
        logits = logits.masked_fill(logits < kth, float("-inf"))
    if top_p < 1.0:
        sorted_logits, order = torch.sort(logits, descending=True, dim=-1)           # (B, V)
        sorted_probs = sorted_logits.softmax(-1)
        drop_sorted = (sorted_probs.cumsum(-1) - sorted_probs) >= top_p             # mass *before* rank i ≥ p
        drop = torch.zeros_like(drop_sorted).scatter(-1, order, drop_sorted)
        logits = logits.masked_fill(drop, float("-inf"))
    return logits


def sample_categorical(probs: torch.Tensor, uniform: torch.Tensor | None = None) -> torch.Tensor:
    """One draw per row by inverting the CDF.   (B, V) → (B,)

    Same distribution as ``torch.multinomial(probs, 1)``, which on CPU draws an
    exponential per vocabulary entry (≈ 9 ms for 32 × 8,000 here, more than the
    tiny model's forward step); a cumulative sum and a binary search cost ≈ 0.1 ms.
    ``u ~ U[0, total)`` and the first index with ``cdf > u`` is always a token of
    positive probability. ``uniform`` (B, 1): the U[0, 1) draws to use (default: drawn here).
    """
    cdf = probs.cumsum(-1)                                                           # (B, V)
    if uniform is None:
        uniform = torch.rand(probs.size(0), 1, device=probs.device, dtype=cdf.dtype)
    u = uniform.to(cdf.dtype) * cdf[:, -1:]
    return torch.searchsorted(cdf, u, right=True).squeeze(1).clamp_(max=probs.size(-1) - 1)


@torch.no_grad()
def sample(model, input_ids: torch.Tensor, attention_mask: torch.Tensor, *, eos_token_id: int, pad_token_id: int,
           max_new_tokens: int, do_sample: bool = True, temperature: float = 1.0, top_k: int = 0,
           top_p: float = 1.0, min_new_tokens: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    """Decode from a HF causal LM with its KV cache.   (B, P), (B, P) → (B, P + R), (B, R)

    The returned log-probs are those of the distribution each token was **actually drawn
    from**: ``q = softmax(filter(logits / T))``, the tempered distribution with the
    top-k/top-p tail removed and the rest renormalised, ``log q(a) = z_a − logsumexp_{kept} z``.
    Without filtering that is ``log π_T``, the ``log π`` PPO's ratio and KL use (PPO trains
    ``π = softmax(logits / T)``; :class:`~chatgpt.config.PPOConfig` refuses top-k/top-p,
    because the training forward and the frozen reference see the unfiltered π).
    ``do_sample=False`` is greedy decoding, with the log-probs of temperature 1.

    ``min_new_tokens`` m: eos gets probability 0 (its logit −inf) for the first m new tokens, as
    transformers' ``MinNewTokensLengthLogitsProcessor`` does; the returned log-probs are then those
    of that eos-free distribution (the one drawn from). ``min_new_tokens = max_new_tokens`` gives
    fixed-length responses: every row generates exactly ``max_new_tokens`` tokens (equal-work
    benchmarks, ``bench/bench_ppo_tokens.py``).
    """
    if do_sample and not temperature > 0:
        raise ValueError(f"temperature must be > 0 when sampling, got {temperature} (use do_sample=False for greedy)")
    if not 0 <= min_new_tokens <= max_new_tokens:
        raise ValueError(f"min_new_tokens must be in [0, max_new_tokens={max_new_tokens}], got {min_new_tokens}")
    B, dev = input_ids.size(0), input_ids.device
    positions = position_ids_from_mask(attention_mask)                               # (B, P)
    out = model(input_ids=input_ids, attention_mask=attention_mask, position_ids=positions, use_cache=True,
                logits_to_keep=1)
    cache, logits = out.past_key_values, out.logits[:, -1]                           # (B, V)
    next_pos = positions[:, -1:] + 1                                                 # (B, 1)
    mask = attention_mask
    # rows that emitted eos leave the batch (their KV-cache rows too) when the cache can drop rows; `rows` maps the
    # b rows still decoding to the B rows of the output. Without `reorder_cache` they stay, padded (`done`).
    compact = callable(getattr(cache, "reorder_cache", None))
    rows = torch.arange(B, device=dev)                                               # (b,)
    done = torch.zeros(B, dtype=torch.bool, device=dev)                              # (b,)
    tokens, log_probs = [], []
    tau = temperature if do_sample else 1.0
    for t in range(max_new_tokens):
        logits = logits.float() / tau                                                # (b, V), tempered
        if t < min_new_tokens:
            logits[:, eos_token_id] = float("-inf")                                  # no eos before m tokens
        if do_sample:
            logits = filter_logits(logits, top_k, top_p)                             # (b, V), tail = −inf
            # one draw for each of the B rows at every step, finished or not: the random stream does not
            # depend on when rows leave the batch
            u = torch.rand(B, 1, device=dev)[rows]                                   # (b, 1)
            tok = sample_categorical(logits.softmax(-1), u)                           # (b,)
        else:
            tok = logits.argmax(-1)
        tok = tok.masked_fill(done, pad_token_id)
        lp = logits.log_softmax(-1).gather(1, tok.unsqueeze(1)).squeeze(1)           # log q(a_t | s_t), (b,)
        tokens.append(torch.full((B,), pad_token_id, dtype=tok.dtype, device=dev).index_copy_(0, rows, tok))
        log_probs.append(torch.zeros(B, dtype=lp.dtype, device=dev).index_copy_(0, rows, lp.masked_fill(done, 0.0)))
        done = done | (tok == eos_token_id)
        if bool(done.all()):
            break
        if compact and bool(done.any()):
            keep = (~done).nonzero().squeeze(1)                                      # (b',)
            cache.reorder_cache(keep)
            rows, tok, mask, next_pos, done = rows[keep], tok[keep], mask[keep], next_pos[keep], done[keep]
        mask = torch.cat([mask, mask.new_ones(mask.size(0), 1)], dim=1)             # (b, P + t + 1)
        out = model(input_ids=tok.unsqueeze(1), attention_mask=mask, position_ids=next_pos,
                    past_key_values=cache, use_cache=True)
        cache, logits = out.past_key_values, out.logits[:, -1]
        next_pos = next_pos + 1
    if not tokens:
        return input_ids, input_ids.new_zeros(B, 0, dtype=torch.float)
    return torch.cat([input_ids, torch.stack(tokens, 1)], dim=1), torch.stack(log_probs, 1)
