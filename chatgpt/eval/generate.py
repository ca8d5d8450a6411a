"""Batched generation and reward scoring for evaluation and before/after panels.

Prompts are wrapped in the shared template, left-padded, and decoded with the KV
cache; responses are cut at the first eos. Sampling is seeded per batch so that two
policies evaluated with the same :class:`~chatgpt.config.GenerationConfig` see the
same random stream.
"""
from __future__ import annotations

from typing import Sequence

import torch

from chatgpt.config import GenerationConfig
from chatgpt.dataset import PromptCollator, PromptDataset, encode_response, right_pad
from chatgpt.models.base import Actor


@torch.no_grad()
def generate_responses(model, tokenizer, prompts: Sequence[str], config: GenerationConfig | None = None,
                       device=None, progress: bool = False) -> list[str]:
    """Decode one response per prompt with the given decoding settings."""
    out: list[str] = []
    for _, _, responses in _generate_batches(model, tokenizer, prompts, config, device, progress):
        _decode(responses, tokenizer, out)
    return out


@torch.no_grad()
def generate_and_score(model, reward_model, tokenizer, prompts: Sequence[str], config: GenerationConfig | None = None,
                       device=None, progress: bool = False) -> tuple[list[str], list[float]]:
    """Decoded responses and the RM score of the **sampled ids**, computed exactly as PPO's reward.

    PPO scores ``prompt ids + response ids`` up to and including the first eos (no eos
    added to a response cut at ``max_new_tokens``; :meth:`ExperienceMaker.make_experience`).
    Decoding the text and re-tokenising it with an eos appended (:func:`score_responses`)
    scores another sequence — eos where there was none, and BPE merges that need not
    round-trip — so the evaluation's mean reward would not be the reward PPO maximised.
    """
    from chatgpt.experience import response_mask

    texts: list[str] = []
    scores: list[float] = []
    was_training = reward_model.training
    reward_model.eval()
    rm_device = next(reward_model.parameters()).device
    for ids, mask, responses in _generate_batches(model, tokenizer, prompts, config, device, progress):
        _decode(responses, tokenizer, texts)
        resp_mask = response_mask(responses, tokenizer.eos_token_id)                      # (B, R)
        attn = torch.cat([mask, resp_mask], dim=1)                                        # (B, P + R)
        seq = torch.cat([ids, responses], dim=1)
        seq = torch.where(attn.bool(), seq, torch.full_like(seq, tokenizer.pad_token_id))
        scores += reward_model.score(seq.to(rm_device), attn.to(rm_device)).float().tolist()
    reward_model.train(was_training)
    return texts, scores


def _generate_batches(model, tokenizer, prompts, config, device, progress):
    """Yield ``(prompt ids, prompt mask, response ids)`` per batch: (B, P), (B, P), (B, R); left-padded prompts."""
    from tqdm.auto import tqdm

    cfg = config or GenerationConfig()
    actor = model if hasattr(model, "action_log_probs") else Actor(model)   # Actor or plain HF LM
    lm = actor.model
    device = device or next(lm.parameters()).device
    was_training = lm.training
    lm.eval()
    # Actor.generate: plain sampling / greedy runs the lean KV-cache loop; beams and penalties go to HF generate
    extra = {} if cfg.num_beams == 1 and cfg.repetition_penalty == 1.0 and not cfg.no_repeat_ngram_size else dict(
        num_beams=cfg.num_beams, repetition_penalty=cfg.repetition_penalty,
        no_repeat_ngram_size=cfg.no_repeat_ngram_size)
    ds = PromptDataset(list(prompts), tokenizer)
    collate = PromptCollator(tokenizer)
    for start in tqdm(range(0, len(ds), cfg.batch_size), desc="generate", disable=not progress):
        batch = collate([ds[i] for i in range(start, min(start + cfg.batch_size, len(ds)))])
        ids, mask = batch["input_ids"].to(device), batch["attention_mask"].to(device)
        torch.manual_seed(cfg.seed + start)
        seq = actor.generate(ids, mask, eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.pad_token_id,
                             max_new_tokens=cfg.max_new_tokens, do_sample=cfg.do_sample, temperature=cfg.temperature,
                             top_k=cfg.top_k, top_p=cfg.top_p, min_new_tokens=cfg.min_new_tokens, **extra)
        yield ids, mask, seq[:, ids.size(1):]
    lm.train(was_training)


def _decode(responses: torch.Tensor, tokenizer, out: list[str]) -> None:
    """Cut each row at its first eos and decode it.   (B, R) → B strings appended to ``out``"""
    for row in responses.tolist():
        if tokenizer.eos_token_id in row:
            row = row[: row.index(tokenizer.eos_token_id)]
        out.append(tokenizer.decode(row, skip_special_tokens=True).strip())


@torch.no_grad()
def score_responses(reward_model, tokenizer, prompts: Sequence[str], responses: Sequence[str],
                    batch_size: int = 32, max_length: int = 256, device=None) -> list[float]:
    """Normalised RM score of each (prompt, response) — the text gets the template and eos.

    For *texts* (references, human answers). To score a policy's samples as PPO does, use
    :func:`generate_and_score`, which scores the sampled ids themselves.
    """
    device = device or next(reward_model.parameters()).device
    was_training = reward_model.training
    reward_model.eval()
    scores: list[float] = []
    for i in range(0, len(prompts), batch_size):
        seqs = [encode_response(p, r, tokenizer, max_length)
                for p, r in zip(prompts[i: i + batch_size], responses[i: i + batch_size])]
        ids, mask = right_pad(seqs, tokenizer.pad_token_id)
        scores += reward_model.score(ids.to(device), mask.to(device)).float().tolist()
    reward_model.train(was_training)
    return scores
