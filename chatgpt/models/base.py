"""Actor, Critic and RewardModel over any Hugging Face causal-LM backbone.

The three roles of InstructGPT's PPO stage (Ouyang et al., 2022; Stiennon et al.,
2020): the **actor** is the policy (a causal LM), the **critic** estimates the value
of every prefix, and the **reward model** gives one scalar per (prompt, response).
Critic and reward model are a transformer body plus a linear *value head*
``d_model → 1``.

Done right compared with the course this replaces:

* the reward is read at the **last real token** (never a mean over padding);
* positions are computed from the attention mask, so left padding does not shift them;
* the value head is saved *with* the backbone (``save_pretrained`` writes the body
  as safetensors and ``value_head.safetensors`` beside it) and reloaded by
  ``from_pretrained`` — the old course never saved its trained head;
* the reward model and critic are separate objects (the old course built its RM from
  a copy of the critic, so reward ≡ value and every advantage was 0).
"""
from __future__ import annotations

import json
from pathlib import Path

import torch
import torch.nn as nn
import torch.nn.functional as F

from chatgpt.models.loss import entropy_from_log_probs
from chatgpt.models.utils import fuse_activations, last_token_index, log_probs_from_logits, position_ids_from_mask

HEAD_FILE = "value_head.safetensors"
HEAD_CONFIG = "value_head.json"


def load_causal_lm(name_or_path: str, dtype=None, trust_remote_code: bool = False):
    from transformers import AutoModelForCausalLM

    return AutoModelForCausalLM.from_pretrained(name_or_path, dtype=dtype, trust_remote_code=trust_remote_code)


class Actor(nn.Module):
    """The policy: a causal LM with helpers for per-token log-probs and sampling."""

    def __init__(self, model: nn.Module):
        super().__init__()
        self.model = model
        fuse_activations(model)                 # gelu_new → one fused kernel (same function, see the helper)
        self._plain_head = None

    @classmethod
    def from_pretrained(cls, name_or_path: str, **kw) -> "Actor":
        return cls(load_causal_lm(name_or_path, **kw))

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, logits_to_keep: int = 0,
                temperature: float = 1.0, num_actions: int = 0, log_probs: bool = False):
        """Logits / T of every position, or of the last ``logits_to_keep``.   (B, T) → (B, T or K, V)

        ``log_probs=True`` (with ``num_actions``): instead of logits, ``(log π(a_t | s_t), H_t)`` of the last
        ``num_actions`` tokens, (B, A) each, see :meth:`action_log_probs_and_entropy` (a ``forward`` keyword so
        that a DDP-wrapped actor computes it inside the wrapper's forward).

        Keeping only the response's logits skips the (H × V) head on the prompt, which on
        the tiny model (V = 8,000, H = 160) costs more than the transformer body. The
        policy is π = softmax(logits / T) (see :class:`~chatgpt.config.PPOConfig`).

        ``num_actions`` A: the logits that **predict** the last A tokens, positions T−A−1 … T−2
        (B, A, V). They are picked *before* the head (``logits_to_keep`` as an index tensor): the head
        runs on exactly A contiguous rows, and no (B, A+1, V) slice is zero-filled and copied back in
        the backward pass, as ``logits_to_keep=A+1`` followed by ``[:, :-1]`` would.
        """
        if log_probs:
            return self._log_probs_and_entropy(input_ids, attention_mask, num_actions, temperature)
        keep = logits_to_keep
        if num_actions:
            T = input_ids.size(1)
            keep = torch.arange(T - num_actions - 1, T - 1, device=input_ids.device)
        logits = self.model(input_ids=input_ids, attention_mask=attention_mask,
                            position_ids=position_ids_from_mask(attention_mask), logits_to_keep=keep).logits
        if temperature == 1.0:
            return logits
        # the logits are the head's own output there (its backward does not need them): divide in place, no copy
        return logits.div_(temperature) if self._head_is_plain() else logits / temperature

    def _head_is_plain(self) -> bool:
        """``logits = lm_head(body(...))``, nothing after the head (:func:`chatgpt.foundation.supports_fast_loss`)."""
        if self._plain_head is None:
            from chatgpt.foundation import supports_fast_loss

            self._plain_head = supports_fast_loss(self.model)
        return self._plain_head

    def action_log_probs(self, sequences: torch.Tensor, attention_mask: torch.Tensor, num_actions: int,
                         return_logits: bool = False, temperature: float = 1.0):
        """``log π(a_t | s_t)`` of the last ``num_actions`` tokens, π = softmax(logits / T).   (B, T) → (B, A)

        The logit at position ``t`` predicts token ``t+1``, hence the shift by one.
        """
        if not return_logits:
            return self._log_probs_and_entropy(sequences, attention_mask, num_actions, temperature, False)[0]
        logits = self(sequences, attention_mask, temperature=temperature, num_actions=num_actions)   # (B, A, V)
        return log_probs_from_logits(logits, sequences[:, -num_actions:]), logits

    def action_log_probs_and_entropy(self, sequences: torch.Tensor, attention_mask: torch.Tensor, num_actions: int,
                                     temperature: float = 1.0) -> tuple[torch.Tensor, torch.Tensor]:
        """``log π(a_t | s_t)`` and the entropy ``H_t`` of π(· | s_t), π = softmax(logits / T).

        (B, T) → (B, A), (B, A)
        """
        return self(sequences, attention_mask, temperature=temperature, num_actions=num_actions, log_probs=True)

    def _log_probs_and_entropy(self, sequences, attention_mask, num_actions: int, temperature: float,
                               with_entropy: bool = True):
        """Where the head is a plain ``nn.Linear`` after the body: :func:`~chatgpt.models.lm_head.token_log_probs`
        on the A hidden states that predict the actions (no (B, A, V) logits); otherwise from the logits."""
        actions = sequences[:, -num_actions:]                                            # (B, A)
        head = self.model.get_output_embeddings() if self._head_is_plain() else None
        if type(head) is not nn.Linear:
            logits = self(sequences, attention_mask, temperature=temperature, num_actions=num_actions)  # (B, A, V)
            if not with_entropy:
                return log_probs_from_logits(logits, actions), None
            logp_all = F.log_softmax(logits.float(), dim=-1)                             # (B, A, V)
            return logp_all.gather(-1, actions.unsqueeze(-1)).squeeze(-1), entropy_from_log_probs(logp_all)
        from chatgpt.models.lm_head import token_log_probs

        T = sequences.size(1)
        hidden = self.model.base_model(input_ids=sequences, attention_mask=attention_mask,
                                       position_ids=position_ids_from_mask(attention_mask)).last_hidden_state
        hidden = hidden[:, T - num_actions - 1: T - 1]                                   # (B, A, H): predict a_t
        B, A, H = hidden.shape
        out = token_log_probs(hidden.reshape(B * A, H), head.weight, head.bias, actions.reshape(-1), temperature,
                              with_entropy)                                              # (B·A,), (B·A,)
        if not with_entropy:
            return out.view(B, A), None
        return out[0].view(B, A), out[1].view(B, A)

    @torch.no_grad()
    def generate(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, *, eos_token_id: int,
                 pad_token_id: int, max_new_tokens: int, do_sample: bool = True, temperature: float = 1.0,
                 top_k: int = 0, top_p: float = 1.0, min_new_tokens: int = 0, **kw) -> torch.Tensor:
        """Sample with the KV cache from *left-padded* prompts.   (B, P) → (B, P + R)

        Every row is padded with ``pad_token_id`` after its eos; rows that never emit
        eos simply stop at ``max_new_tokens``; none emits eos before ``min_new_tokens``. Plain sampling / greedy goes through the
        lean loop of :mod:`chatgpt.models.generation`; extra ``generate`` keywords
        (beams, repetition penalty, …) go to ``model.generate``.
        """
        if not kw:
            return self.sample(input_ids, attention_mask, eos_token_id=eos_token_id, pad_token_id=pad_token_id,
                               max_new_tokens=max_new_tokens, do_sample=do_sample, temperature=temperature,
                               top_k=top_k, top_p=top_p, min_new_tokens=min_new_tokens)[0]
        gen_kw = dict(do_sample=do_sample, max_new_tokens=max_new_tokens, eos_token_id=eos_token_id,
                      pad_token_id=pad_token_id, use_cache=True, **kw)
        if min_new_tokens:
            gen_kw["min_new_tokens"] = min_new_tokens
        if do_sample:
            gen_kw.update(temperature=temperature, top_k=top_k if top_k else None, top_p=top_p)
        else:
            gen_kw.update(temperature=None, top_k=None, top_p=None)
        return self.model.generate(input_ids=input_ids, attention_mask=attention_mask, **gen_kw)

    @torch.no_grad()
    def sample(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, **kw) -> tuple[torch.Tensor, torch.Tensor]:
        """Sequences and ``log π`` of each sampled token.   (B, P) → (B, P + R), (B, R)"""
        from chatgpt.models.generation import sample

        return sample(self.model, input_ids, attention_mask, **kw)

    def save_pretrained(self, path, tokenizer=None) -> None:
        self.model.save_pretrained(path)
        if tokenizer is not None:
            tokenizer.save_pretrained(path)


def _body(model: nn.Module) -> nn.Module:
    """The transformer body of a causal LM (``GPT2LMHeadModel.transformer`` etc.)."""
    return model.base_model if hasattr(model, "base_model") else model


def _dtype_of(module: nn.Module) -> torch.dtype:
    """The floating dtype of a module's first floating parameter (fp32 when it has none)."""
    return next((p.dtype for p in module.parameters() if p.is_floating_point()), torch.float32)


class ValueModel(nn.Module):
    """Transformer body + linear value head; shared by :class:`Critic` and :class:`RewardModel`."""

    def __init__(self, backbone: nn.Module, value_head: nn.Linear | None = None):
        super().__init__()
        self.backbone = _body(backbone)
        fuse_activations(self.backbone)         # gelu_new → one fused kernel (same function)
        hidden = self.backbone.config.hidden_size
        self.value_head = value_head if value_head is not None else nn.Linear(hidden, 1)
        if value_head is None:
            nn.init.normal_(self.value_head.weight, std=1.0 / (hidden + 1) ** 0.5)
            nn.init.zeros_(self.value_head.bias)
        # the head takes the backbone's dtype: a bf16/fp16 body feeding an fp32 head fails with
        # "mat1 and mat2 must have the same dtype" (the head is 1 × H: its precision is not the bottleneck)
        self.value_head.to(dtype=_dtype_of(self.backbone))
        # score normalisation stored with the head (set after RM training; identity by default)
        self.register_buffer("score_shift", torch.zeros(()))
        self.register_buffer("score_scale", torch.ones(()))

    @property
    def config(self):
        return self.backbone.config

    def hidden_values(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """Value-head output at every position.   (B, T) → (B, T)"""
        h = self.backbone(input_ids=input_ids, attention_mask=attention_mask,
                          position_ids=position_ids_from_mask(attention_mask)).last_hidden_state  # (B, T, H)
        return self.value_head(h.to(self.value_head.weight.dtype)).squeeze(-1)

    @classmethod
    def from_pretrained(cls, name_or_path: str | Path, trust_remote_code: bool = False, dtype=None):
        """Load a body from any checkpoint; load the head too when ``value_head.safetensors`` is there."""
        from transformers import AutoModel

        backbone = AutoModel.from_pretrained(name_or_path, trust_remote_code=trust_remote_code, dtype=dtype)
        model = cls(backbone)
        head = Path(name_or_path) / HEAD_FILE
        if head.exists():
            from safetensors.torch import load_file

            state = load_file(str(head))
            model.value_head.load_state_dict({k: state[k] for k in ("weight", "bias")})
            model.score_shift.copy_(state["score_shift"])
            model.score_scale.copy_(state["score_scale"])
        return model

    def save_pretrained(self, path, tokenizer=None) -> None:
        from safetensors.torch import save_file

        path = Path(path)
        self.backbone.save_pretrained(path)
        state = {k: v.detach().cpu().contiguous() for k, v in self.value_head.state_dict().items()}
        state.update(score_shift=self.score_shift.detach().cpu(), score_scale=self.score_scale.detach().cpu())
        save_file(state, str(path / HEAD_FILE))
        (path / HEAD_CONFIG).write_text(json.dumps({"class": type(self).__name__,
                                                    "hidden_size": self.value_head.in_features}))
        if tokenizer is not None:
            tokenizer.save_pretrained(path)


class RewardModel(ValueModel):
    """``r(x, y)``: one scalar per sequence, read at the last real token."""

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """(B, T) → (B,)   raw score; ``score`` applies the stored normalisation."""
        values = self.hidden_values(input_ids, attention_mask)                  # (B, T)
        return values.gather(1, last_token_index(attention_mask).unsqueeze(1)).squeeze(1)

    @torch.no_grad()
    def score(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """Normalised reward ``(r − shift) / scale`` (shift/scale fitted on the RM's training data)."""
        return (self(input_ids, attention_mask) - self.score_shift) / self.score_scale


class Critic(ValueModel):
    """``V(s_t)`` for the response tokens: the value of the prefix *before* each action.

    Initialised from the reward model, the critic reads values on the RM's *normalised*
    scale ``(head − shift) / scale`` — the scale of the rewards PPO gives it — so that at
    the start ``V`` of a finished response equals its reward instead of being off by the
    RM's raw scale (≈ 5× on the tiny profile).
    """

    def forward(self, sequences: torch.Tensor, attention_mask: torch.Tensor, num_actions: int) -> torch.Tensor:
        """(B, T) → (B, A); column ``t`` is the value of the state that emits action ``t``."""
        values = self.hidden_values(sequences, attention_mask)                  # (B, T)
        values = (values - self.score_shift) / self.score_scale
        return values[:, -num_actions - 1: -1]
