"""Does the model read the question? The prompt-conditioning gap (an RM-free diagnostic).

A language model that answers every question with the same kind of text has learned the *style* of the
answers but not the mapping from question to answer. The gap measures that mapping directly, with the
held-out reference answers and no reward model:

    gap = NLL(y_i | x_σ(i)) − NLL(y_i | x_i)        (nats per reference token, token-weighted over i)

where ``y_i`` is the reference answer of evaluation prompt ``x_i`` and σ pairs every reference with
*another* prompt (a cyclic shift by half the set; the evaluation file is grouped by category, so the
other prompt is almost always of another topic). The NLL is the SFT loss — template(x) + y + eos,
loss on y and eos only (:func:`chatgpt.dataset.encode_sft`) — so the numbers are comparable to the SFT
eval loss.

Reading: ``gap ≈ 0`` — the answer distribution does not depend on the question (the model writes
"an answer", not *the* answer); larger is better. It is a likelihood measure of the policy itself,
in the spirit of conditional pointwise mutual information (PMI(x; y) = log p(y|x) − log p(y)), with
log p(y) estimated by the mismatched prompts instead of an unconditional model.
"""
from __future__ import annotations

from typing import Sequence

import torch

from chatgpt.dataset import IGNORE_INDEX, SupervisedCollator, encode_sft


@torch.no_grad()
def answer_nll(model, tokenizer, prompts: Sequence[str], answers: Sequence[str], max_length: int = 256,
               batch_size: int = 16) -> tuple[list[float], list[int]]:
    """Summed NLL (nats) of each answer (+ eos) given its prompt, and the number of scored tokens."""
    if len(prompts) != len(answers):
        raise ValueError(f"length mismatch: {len(prompts)} prompts vs {len(answers)} answers")
    lm = getattr(model, "model", model)                 # an Actor wraps the HF model
    device = next(lm.parameters()).device
    was_training = lm.training
    lm.eval()
    collate = SupervisedCollator(tokenizer)
    sums: list[float] = []
    counts: list[int] = []
    examples = [encode_sft(p, a, tokenizer, max_length) for p, a in zip(prompts, answers)]
    for start in range(0, len(examples), batch_size):
        batch = {k: v.to(device) for k, v in collate(examples[start:start + batch_size]).items()}
        logits = lm(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits  # (B, T, V)
        labels = batch["labels"][:, 1:]                                                             # (B, T-1)
        logp = torch.log_softmax(logits[:, :-1].float(), dim=-1)                                    # (B, T-1, V)
        mask = labels != IGNORE_INDEX
        tok_logp = logp.gather(-1, labels.clamp(min=0).unsqueeze(-1)).squeeze(-1) * mask            # (B, T-1)
        sums += (-tok_logp.sum(dim=1)).tolist()
        counts += mask.sum(dim=1).tolist()
    lm.train(was_training)
    return sums, counts


def prompt_conditioning_gap(model, tokenizer, prompts: Sequence[str], references: Sequence[str],
                            max_length: int = 256, batch_size: int = 16) -> dict:
    """NLL of the references under their own vs another prompt, and the gap (see the module docstring)."""
    n = len(prompts)
    if n < 2:
        raise ValueError("the conditioning gap needs at least 2 prompts")
    shift = n // 2
    other = [prompts[(i + shift) % n] for i in range(n)]                 # σ(i) = i + n/2 mod n: never i
    own_sum, own_cnt = answer_nll(model, tokenizer, prompts, references, max_length, batch_size)
    oth_sum, oth_cnt = answer_nll(model, tokenizer, other, references, max_length, batch_size)
    own = sum(own_sum) / max(1, sum(own_cnt))                             # nats per reference token
    oth = sum(oth_sum) / max(1, sum(oth_cnt))
    # share of references that the own prompt makes more likely than the other prompt (0.5 = no reading)
    # (a difference below 1e-6 nats/token is float noise, not preference)
    better = sum((a / max(1, c)) < (b / max(1, d)) - 1e-6
                 for a, c, b, d in zip(own_sum, own_cnt, oth_sum, oth_cnt)) / n
    return {"nll_own_prompt": own, "nll_other_prompt": oth, "conditioning_gap": oth - own,
            "own_prompt_preferred": better}
