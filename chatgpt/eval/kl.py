"""KL of a trained policy to the SFT model, measured on its own evaluation answers.

Every method (PPO, DPO, GRPO) is a trade between reward and distance from the SFT model
(the β of ``max E[r] − β KL(π ‖ π_sft)``), so the methods are compared on one axis: for each
held-out prompt x and the policy's evaluation answer y ~ π,

    KL̂(x) = log π_T(y|x) − log π_sft,T(y|x) = Σ_t [log π_T(y_t | ·) − log π_sft,T(y_t | ·)]

the k1 (Monte-Carlo) estimate of the sequence-level KL(π_T ‖ π_sft,T), averaged over prompts,
with both models at the evaluation temperature T. Two approximations, the same for every
method: the answers are re-tokenised from their text (plus eos), and they were decoded with
top-p, whose truncated distribution the log-probs do not reflect. A single k1 sample can be
negative; the mean over many prompts is what is reported.
"""
from __future__ import annotations

from typing import Sequence

import torch

from chatgpt.dataset import encode_sft
from chatgpt.trainer.dpo import PreferenceCollator, sequence_log_probs


@torch.no_grad()
def sequence_log_ratios(policy, reference, tokenizer, prompts: Sequence[str], responses: Sequence[str],
                        temperature: float = 1.0, batch_size: int = 32, max_length: int = 256) -> list[float]:
    """``log π_T(y|x) − log π_ref,T(y|x)`` of each (prompt, response), response tokens + eos only."""
    policy_lm = getattr(policy, "model", policy) if hasattr(policy, "action_log_probs") else policy
    ref_lm = getattr(reference, "model", reference) if hasattr(reference, "action_log_probs") else reference
    device = next(policy_lm.parameters()).device
    collate = PreferenceCollator(tokenizer)
    modes = (policy_lm.training, ref_lm.training)
    policy_lm.eval()
    ref_lm.eval()
    out: list[float] = []
    for i in range(0, len(prompts), batch_size):
        seqs = [encode_sft(p, r, tokenizer, max_length) for p, r in zip(prompts[i: i + batch_size],
                                                                         responses[i: i + batch_size])]
        batch = collate([{"sequences": seqs, "pairs": []}])
        ids, mask, labels = (batch[k].to(device) for k in ("input_ids", "attention_mask", "labels"))
        lp, _ = sequence_log_probs(policy_lm, ids, mask, labels, temperature)
        lr, _ = sequence_log_probs(ref_lm, ids, mask, labels, temperature)
        out += (lp - lr).tolist()
    policy_lm.train(modes[0])
    ref_lm.train(modes[1])
    return out
