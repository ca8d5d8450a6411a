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


#: decode GPT-2 with :class:`GPT2Decoder` (False: always the model's own forward with its cache)
LEAN_GPT2 = True


def _cache_kv(cache, layer: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Keys and values of one layer of a transformers ``DynamicCache`` (5.x ``layers``, 4.x ``key_cache``)."""
    if hasattr(cache, "layers"):
        return cache.layers[layer].keys, cache.layers[layer].values
    return cache.key_cache[layer], cache.value_cache[layer]


class GPT2Decoder:
    """GPT-2 decode steps on preallocated key/value buffers, with plain tensor ops.

    ``GPT2LMHeadModel``'s forward with a ``DynamicCache`` costs about 3× its matmuls per decode step of a
    tiny model: the cache grows by ``torch.cat`` (a copy of every layer's keys and values per token),
    a 4-d mask is rebuilt, a dozen modules are dispatched per layer. This is the same computation for
    one new token per row — LayerNorm, the fused QKV projection (``Conv1D``: ``x W + b``),
    ``scaled_dot_product_attention`` over the row's real keys (left padding masked), output
    projection, MLP with the model's own activation module, residuals, the final LayerNorm and the
    LM head — reading and writing keys and values in place. It is used only where it is the same
    model: a ``GPT2LMHeadModel`` in eval mode, scaled dot-product attention without GPT-2's optional
    per-layer scaling or upcasting; the prompt goes through the model's own forward, whose cache is
    copied in. ``tests/test_models.py`` checks tokens and log-probs against the general path.
    """

    @staticmethod
    def supports(model) -> bool:
        """A plain ``GPT2LMHeadModel`` in eval mode: no adapters (LoRA layers replace ``Conv1D``), no options."""
        import torch.nn as nn
        from transformers.pytorch_utils import Conv1D

        cfg = getattr(model, "config", None)
        if not (type(model).__name__ == "GPT2LMHeadModel" and not model.training and cfg is not None
                and getattr(cfg, "scale_attn_weights", False) and not getattr(cfg, "scale_attn_by_inverse_layer_idx", 0)
                and not getattr(cfg, "reorder_and_upcast_attn", False) and not getattr(cfg, "add_cross_attention", 0)):
            return False
        layers = [m for blk in model.transformer.h for m in (blk.attn.c_attn, blk.attn.c_proj, blk.mlp.c_fc,
                                                               blk.mlp.c_proj)]
        return all(type(m) is Conv1D for m in layers) and type(model.lm_head) is nn.Linear

    def __init__(self, model, cache, attention_mask: torch.Tensor, max_new_tokens: int):
        tr = model.transformer
        self.model, self.tr, self.blocks = model, tr, list(tr.h)
        B, P = attention_mask.shape
        self.P, self.t = P, 0
        self.keys, self.values = [], []
        for i in range(len(self.blocks)):
            k, v = _cache_kv(cache, i)                                               # (B, H, P, dh)
            K = k.new_empty(B, k.size(1), P + max_new_tokens, k.size(3))
            V = v.new_empty(B, v.size(1), P + max_new_tokens, v.size(3))
            K[:, :, :P], V[:, :, :P] = k, v
            self.keys.append(K)
            self.values.append(V)
        self.mask = torch.ones(B, P + max_new_tokens, dtype=torch.bool, device=attention_mask.device)
        self.mask[:, :P] = attention_mask.bool()                                     # left padding: never attended

    def keep(self, rows: torch.Tensor) -> None:
        """Only these rows decode from now on.   (b',)"""
        self.keys = [K[rows] for K in self.keys]
        self.values = [V[rows] for V in self.values]
        self.mask = self.mask[rows]

    def step(self, tokens: torch.Tensor, positions: torch.Tensor) -> torch.Tensor:
        """Logits of the next token after ``tokens`` at ``positions``.   (b,), (b,) → (b, V)"""
        tr, n = self.tr, self.P + self.t                                             # slot of this token
        x = tr.wte(tokens) + tr.wpe(positions)                                       # (b, d)
        b, d = x.shape
        mask = self.mask[:, None, None, : n + 1]                                     # (b, 1, 1, n + 1)
        for blk, K, V in zip(self.blocks, self.keys, self.values):
            at = blk.attn
            h = F.layer_norm(x, (d,), blk.ln_1.weight, blk.ln_1.bias, blk.ln_1.eps)
            qkv = torch.addmm(at.c_attn.bias, h, at.c_attn.weight)                    # (b, 3d)
            q, k, v = (z.view(b, at.num_heads, 1, at.head_dim) for z in qkv.split(d, dim=1))
            K[:, :, n: n + 1], V[:, :, n: n + 1] = k, v
            # one query per row: softmax(q Kᵀ / √dh) V as two batched matmuls on the buffers' prefix (no copy)
            w = torch.matmul(q, K[:, :, : n + 1].transpose(-1, -2)).mul_(at.head_dim ** -0.5)   # (b, H, 1, n + 1)
            a = torch.matmul(w.masked_fill_(~mask, float("-inf")).softmax(-1), V[:, :, : n + 1])   # (b, H, 1, dh)
            x = x + torch.addmm(at.c_proj.bias, a.reshape(b, d), at.c_proj.weight)
            h = F.layer_norm(x, (d,), blk.ln_2.weight, blk.ln_2.bias, blk.ln_2.eps)
            h = blk.mlp.act(torch.addmm(blk.mlp.c_fc.bias, h, blk.mlp.c_fc.weight))
            x = x + torch.addmm(blk.mlp.c_proj.bias, h, blk.mlp.c_proj.weight)
        x = F.layer_norm(x, (d,), tr.ln_f.weight, tr.ln_f.bias, tr.ln_f.eps)
        self.t += 1
        return self.model.lm_head(x)                                                 # (b, V)


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
    lean = None
    if LEAN_GPT2 and max_new_tokens > 1 and GPT2Decoder.supports(model):
        try:
            lean = GPT2Decoder(model, cache, attention_mask, max_new_tokens)
        except (AttributeError, IndexError, TypeError):                               # a cache layout it does not know
            lean = None
    # rows that emitted eos leave the batch (their KV-cache rows too) when the cache can drop rows; `rows` maps the
    # b rows still decoding to the B rows of the output. Without `reorder_cache` they stay, padded (`done`).
    compact = lean is not None or callable(getattr(cache, "reorder_cache", None))
    rows = torch.arange(B, device=dev)                                               # (b,)
    done = torch.zeros(B, dtype=torch.bool, device=dev)                              # (b,)
    tokens, log_probs = [], []
    tau = temperature if do_sample else 1.0
    for t in range(max_new_tokens):
        # (b, V), tempered: the step's logits are a fresh tensor (the lean decoder's head, or a slice of the model's
        # output that is not used again), divided in place
        logits = logits.float()
        logits = logits.div_(tau) if tau != 1.0 else logits
        if t < min_new_tokens:
            logits[:, eos_token_id] = float("-inf")                                  # no eos before m tokens
        if do_sample:
            logits = filter_logits(logits, top_k, top_p)                             # (b, V), tail = −inf
            # one draw for each of the B rows at every step, finished or not: the random stream does not
            # depend on when rows leave the batch
            u = torch.rand(B, 1, device=dev)[rows]                                   # (b, 1)
            probs = logits.softmax(-1)                                               # (b, V)
            tok = sample_categorical(probs, u)                                       # (b,)
            # log q(a_t | s_t) from the probabilities in hand (a drawn token has q > 0): no log-softmax pass; the
            # log-softmax only if a q rounded to 0 (an fp32 underflow below 1e-45)
            q = probs.gather(1, tok.unsqueeze(1)).squeeze(1)                         # (b,)
            lp = q.log() if bool((q > 0).all()) else \
                logits.log_softmax(-1).gather(1, tok.unsqueeze(1)).squeeze(1)
        else:
            tok = logits.argmax(-1)
            lp = logits.log_softmax(-1).gather(1, tok.unsqueeze(1)).squeeze(1)       # log q(a_t | s_t), (b,)
        tok = tok.masked_fill(done, pad_token_id)
        tokens.append(torch.full((B,), pad_token_id, dtype=tok.dtype, device=dev).index_copy_(0, rows, tok))
        log_probs.append(torch.zeros(B, dtype=lp.dtype, device=dev).index_copy_(0, rows, lp.masked_fill(done, 0.0)))
        done = done | (tok == eos_token_id)
        if bool(done.all()):
            break
        if compact and bool(done.any()):
            keep = (~done).nonzero().squeeze(1)                                      # (b',)
            if lean is not None:
                lean.keep(keep)
            else:
                cache.reorder_cache(keep)
            rows, tok, mask, next_pos, done = rows[keep], tok[keep], mask[keep], next_pos[keep], done[keep]
        if lean is not None:
            logits = lean.step(tok, next_pos[:, 0])
        else:
            mask = torch.cat([mask, mask.new_ones(mask.size(0), 1)], dim=1)         # (b, P + t + 1)
            out = model(input_ids=tok.unsqueeze(1), attention_mask=mask, position_ids=next_pos,
                        past_key_values=cache, use_cache=True)
            cache, logits = out.past_key_values, out.logits[:, -1]
        next_pos = next_pos + 1
    if not tokens:
        return input_ids, input_ids.new_zeros(B, 0, dtype=torch.float)
    return torch.cat([input_ids, torch.stack(tokens, 1)], dim=1), torch.stack(log_probs, 1)
