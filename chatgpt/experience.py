"""Rollouts for PPO: generation → log-probs, values, rewards, KL, GAE advantages.

One :class:`Experience` holds a batch of sampled responses with everything PPO needs
(Ziegler et al., 2019, "Fine-Tuning Language Models from Human Preferences";
Ouyang et al., 2022). Per response token ``t`` (``A`` tokens, action mask ``m``):

* ``logp_t``  = log π_θ(a_t | s_t) of the actor at sampling time (π_old);
* ``ref_t``   = log π_ref(a_t | s_t) of the frozen SFT model — both, like the PPO update,
  of the tempered distribution softmax(logits / T) the tokens were sampled from;
* ``kl_t``    = logp_t − ref_t — the per-token KL estimate, ratio π/π_ref (not the
  reverse, and per token, not per sequence: the two faults of the old course);
* ``r_t``     = −β · kl_t, plus the reward-model score (minus the optional length
  penalty λ · L / max_new_tokens) on the **last response token**;
* ``V_t``     = critic's value of s_t;
* GAE (Schulman et al., 2016): ``δ_t = r_t + γ V_{t+1} − V_t``,
  ``Â_t = δ_t + γλ Â_{t+1}``, returns ``R_t = Â_t + V_t``; advantages are whitened.

**Responses that never emit eos** (cut at ``max_new_tokens``) are treated as
finished at their last token: the RM scores the truncated text (our RM learned to
dislike text that stops mid-sentence) and ``V_{A} = 0`` after it. Optionally
``no_eos_penalty`` replaces their score with a fixed value.
"""
from __future__ import annotations

from dataclasses import dataclass, fields

import torch

from chatgpt.models.utils import masked_mean, masked_whiten


@dataclass
class Experience:
    """A batch of rollouts; every per-token tensor is (B, A), ``sequences`` is (B, P + A)."""

    sequences: torch.Tensor
    attention_mask: torch.Tensor
    action_mask: torch.Tensor
    action_log_probs: torch.Tensor
    values: torch.Tensor
    returns: torch.Tensor
    advantages: torch.Tensor
    kl: torch.Tensor
    scores: torch.Tensor              # (B,) RM score of each response

    def to(self, device) -> "Experience":
        return Experience(**{f.name: getattr(self, f.name).to(device) for f in fields(self)})

    def __len__(self) -> int:
        return self.sequences.size(0)

    def select(self, idx: torch.Tensor) -> "Experience":
        return Experience(**{f.name: getattr(self, f.name)[idx] for f in fields(self)})

    def trim(self) -> "Experience":
        """Drop response columns that are padding in every row (action masks are prefixes)."""
        A = self.action_mask.size(1)
        L = max(1, int(self.action_mask.sum(-1).max()))
        if L == A:
            return self
        cut = self.sequences.size(1) - (A - L)
        kw = {f.name: getattr(self, f.name) for f in fields(self)}
        for k in ("sequences", "attention_mask"):
            kw[k] = kw[k][:, :cut]
        for k in ("action_mask", "action_log_probs", "values", "returns", "advantages", "kl"):
            kw[k] = kw[k][:, :L]
        return Experience(**kw)


def response_mask(responses: torch.Tensor, eos_token_id: int) -> torch.Tensor:
    """1 up to and including the first eos, 0 after it.   (B, A) → (B, A)

    Rows without eos are all ones (cut at ``max_new_tokens``).
    """
    is_eos = (responses == eos_token_id).long()
    after_eos = is_eos.cumsum(-1) - is_eos          # number of eos tokens strictly before t
    return (after_eos == 0).long()


def compute_rewards(scores: torch.Tensor, kl: torch.Tensor, action_mask: torch.Tensor, kl_coef: float,
                    length_penalty: float = 0.0, max_new_tokens: int = 1) -> torch.Tensor:
    """``r_t = −β kl_t`` on every action, plus the score on the last action.   (B,), (B, A) → (B, A)

    With ``length_penalty`` λ the last action gets ``score − λ · L / max_new_tokens`` instead
    (L = response tokens): a counterweight to a reward model that pays for length
    (Singhal et al., 2023, "A Long Way to Go: Investigating Length Correlations in RLHF").
    """
    rewards = -kl_coef * kl * action_mask
    lengths = action_mask.sum(-1)                                               # (B,)
    last = lengths.clamp(min=1) - 1                                             # (B,)
    rewards[torch.arange(len(scores)), last] += scores - length_penalty * lengths.to(scores.dtype) / max_new_tokens
    return rewards


def compute_gae(rewards: torch.Tensor, values: torch.Tensor, action_mask: torch.Tensor,
                gamma: float = 1.0, lam: float = 0.95) -> tuple[torch.Tensor, torch.Tensor]:
    """Generalised advantage estimation, right to left.   (B, A) ×3 → advantages, returns (B, A)

    Masked positions (after the response ends) have ``r = V = 0``, so the recursion
    passes nothing across the end of a response: ``V_{A} = 0``.
    """
    values = values * action_mask
    rewards = rewards * action_mask
    A = rewards.size(1)
    adv = torch.zeros_like(rewards)
    last_gae = torch.zeros_like(rewards[:, 0])
    for t in reversed(range(A)):
        next_value = values[:, t + 1] if t + 1 < A else torch.zeros_like(values[:, 0])
        delta = rewards[:, t] + gamma * next_value - values[:, t]              # δ_t
        last_gae = delta + gamma * lam * last_gae                               # Â_t = δ_t + γλ Â_{t+1}
        adv[:, t] = last_gae
    adv = adv * action_mask
    return adv, (adv + values) * action_mask                                    # R_t = Â_t + V_t


class AdaptiveKLController:
    """β ← β · (1 + clip((KL / target − 1), −0.2, 0.2) · n / horizon)   (Ziegler et al., 2019, §2.2)."""

    def __init__(self, init_kl_coef: float, target: float, horizon: int):
        self.value, self.target, self.horizon = init_kl_coef, target, horizon

    def update(self, current_kl: float, n_steps: int) -> None:
        error = max(-0.2, min(0.2, current_kl / self.target - 1))
        self.value *= 1 + error * n_steps / self.horizon


class FixedKLController:
    def __init__(self, kl_coef: float):
        self.value = kl_coef

    def update(self, current_kl: float, n_steps: int) -> None:
        pass


@torch.no_grad()
def sample_and_score(actor, initial_model, reward_model, tokenizer, cfg, input_ids: torch.Tensor,
                     attention_mask: torch.Tensor):
    """The critic-free half of a rollout, shared by PPO and GRPO.   (B, P) → sequences (B, P + A), …

    Samples responses from π_T, masks everything after the first eos, and returns
    ``(sequences, attention_mask, action_mask, log π, log π_ref, scores)``: per-token log-probs of
    actor and frozen reference (B, A) under the same temperature, and RM scores (B,) clipped to
    ``±reward_clip`` (``no_eos_penalty`` applied). ``cfg`` needs the decoding fields of
    :class:`~chatgpt.config.PPOConfig`.
    """
    tok = tokenizer
    P = input_ids.size(1)
    # the sampler also returns log π(a_t | s_t): no second actor forward is needed
    seq, logp = actor.sample(input_ids, attention_mask, eos_token_id=tok.eos_token_id,
                             pad_token_id=tok.pad_token_id, max_new_tokens=cfg.max_new_tokens,
                             do_sample=True, temperature=cfg.temperature, top_k=cfg.top_k,
                             top_p=cfg.top_p, min_new_tokens=getattr(cfg, "min_new_tokens", 0))  # (B, P+A), (B, A)
    responses = seq[:, P:]                                                      # (B, A)
    A = responses.size(1)
    action_mask = response_mask(responses, tok.eos_token_id)                    # (B, A)
    attn = torch.cat([attention_mask, action_mask], dim=1)                      # (B, P + A)
    seq = torch.where(attn.bool(), seq, torch.full_like(seq, tok.pad_token_id))
    logp = logp * action_mask                                                   # (B, A)
    ref_logp = initial_model.action_log_probs(seq, attn, A, temperature=cfg.temperature)  # (B, A)
    scores = reward_model.score(seq, attn).float()                              # (B,)
    no_eos_penalty = getattr(cfg, "no_eos_penalty", None)
    if no_eos_penalty is not None:
        has_eos = (responses == tok.eos_token_id).any(-1)
        scores = torch.where(has_eos, scores, torch.full_like(scores, no_eos_penalty))
    scores = scores.clamp(-cfg.reward_clip, cfg.reward_clip)
    return seq, attn, action_mask, logp, ref_logp, scores


class ExperienceMaker:
    """Turns a batch of left-padded prompts into an :class:`Experience`."""

    def __init__(self, actor, critic, reward_model, initial_model, tokenizer, config, kl_controller=None):
        self.actor, self.critic, self.reward_model, self.initial_model = actor, critic, reward_model, initial_model
        self.tokenizer, self.config = tokenizer, config
        self.kl_ctl = kl_controller or FixedKLController(config.kl_coef)

    @torch.no_grad()
    def make_experience(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> Experience:
        cfg = self.config
        for m in (self.actor, self.critic, self.reward_model, self.initial_model):
            m.eval()
        seq, attn, action_mask, logp, ref_logp, scores = sample_and_score(
            self.actor, self.initial_model, self.reward_model, self.tokenizer, cfg, input_ids, attention_mask)
        values = self.critic(seq, attn, action_mask.size(1))                   # (B, A)

        kl = (logp - ref_logp) * action_mask                                    # (B, A)
        rewards = compute_rewards(scores, kl, action_mask, self.kl_ctl.value, cfg.length_penalty, cfg.max_new_tokens)
        advantages, returns = compute_gae(rewards, values, action_mask, cfg.gamma, cfg.lam)
        if cfg.whiten_advantages:
            advantages = masked_whiten(advantages, action_mask)
        return Experience(seq, attn, action_mask, logp, values * action_mask, returns, advantages, kl, scores)


def experience_stats(exp: Experience) -> dict:
    """Rollout-level numbers for the log: reward, per-sequence KL, response length, eos share."""
    return {
        "reward": exp.scores.mean().item(),
        "kl": (exp.kl * exp.action_mask).sum(-1).mean().item(),               # Σ_t kl_t, mean over sequences
        "kl_per_token": masked_mean(exp.kl, exp.action_mask).item(),
        "response_length": exp.action_mask.sum(-1).float().mean().item(),
    }


class ReplayBuffer:
    """Holds the experiences of one rollout and yields shuffled minibatches (CPU or GPU).

    Experiences are kept on ``device`` (the training device by default) so that no
    transfer happens in the PPO inner loop; nothing here assumes CUDA.
    """

    def __init__(self, device="cpu"):
        self.device = torch.device(device)
        self.items: list[Experience] = []

    def append(self, exp: Experience) -> None:
        self.items.append(exp.to(self.device))

    def clear(self) -> None:
        self.items.clear()

    def __len__(self) -> int:
        return sum(len(e) for e in self.items)

    def minibatches(self, batch_size: int, generator: torch.Generator | None = None):
        """Shuffle all rows and yield :class:`Experience` slices of ``batch_size`` rows."""
        for exp in self.items:
            perm = torch.randperm(len(exp), generator=generator).to(self.device)
            for i in range(0, len(exp), batch_size):
                yield exp.select(perm[i: i + batch_size]).trim()
