"""Group Relative Policy Optimization: PPO's clipped update without a critic.

Shao et al., 2024, "DeepSeekMath: Pushing the Limits of Mathematical Reasoning in Open
Language Models", §4.1. PPO needs a value model to tell a good answer from a lucky prompt;
GRPO asks the policy itself: every prompt q is answered G times, o_1 … o_G, and the
baseline of an answer is the mean reward of its group (outcome supervision, eq. in §4.1.2):

    Â_{i,t} = (r_i − mean(r_1 … r_G)) / std(r_1 … r_G)        for every token t of o_i

The update maximises PPO's clipped surrogate with that advantage, and keeps the policy near
the SFT model with a KL penalty *in the loss* (:func:`chatgpt.models.loss.grpo_loss`, the k3
estimator of :func:`~chatgpt.models.loss.k3_kl`), not in the reward as PPO does:

    J = 1/G Σ_i 1/|o_i| Σ_t [ min(ρ Â, clip(ρ, 1−ε, 1+ε) Â) − β k3_t ],   ρ = π_θ / π_old

One iteration: sample ``prompts_per_iteration × group_size`` responses (the rollout of PPO,
:func:`chatgpt.experience.sample_and_score`, with each prompt repeated G times), compute the
group advantages, then ``ppo_epochs`` passes of minibatch updates over the rollout
(:class:`~chatgpt.experience.ReplayBuffer`). No critic is trained or run: a GRPO iteration
costs one model fewer than PPO's.
"""
from __future__ import annotations

import time

import torch

from chatgpt.config import GRPOConfig
from chatgpt.experience import Experience, ReplayBuffer, sample_and_score
from chatgpt.models.loss import grpo_loss
from chatgpt.trainer.base import (TrainingDivergedError, adam, append_history, check_finite, endless_prompt_batches,
                                  rollout_stats, update_on_rollout)
from chatgpt.trainer.strategies import NaiveStrategy


def group_advantages(rewards: torch.Tensor, group_size: int, action_mask: torch.Tensor, scale: bool = True,
                     eps: float = 1e-4) -> torch.Tensor:
    """Group-normalised advantage of every response, on each of its tokens.   (B,), (B, A) → (B, A)

    Rows ``g·G … g·G + G − 1`` are the G answers to prompt g. ``Â_i = (r_i − mean_g) / (std_g + eps)``
    (std unbiased, as TRL's GRPO; ``scale=False`` keeps only the centring); padding tokens get 0.
    A group whose answers all have the same reward gives every one of them advantage 0.
    """
    B = rewards.size(0)
    if group_size < 2 or B % group_size:
        raise ValueError(f"{B} responses do not form groups of {group_size} (need group_size ≥ 2 dividing the batch)")
    r = rewards.view(-1, group_size).float()                                    # (B/G, G)
    adv = r - r.mean(-1, keepdim=True)                                          # r_i − mean of the group
    if scale:
        adv = adv / (r.std(-1, keepdim=True) + eps)                             # / std of the group
    return adv.reshape(B, 1) * action_mask.to(adv.dtype)                        # (B, A), 0 on padding


class GRPOTrainer:
    """Actor (policy), reward model (frozen) and initial model (frozen reference); no critic."""

    def __init__(self, actor, reward_model, initial_model, tokenizer, config: GRPOConfig | None = None,
                 strategy=None, optimizer=None):
        self.config = cfg = config or GRPOConfig()
        if cfg.group_size < 2:
            raise ValueError(f"GRPO needs group_size ≥ 2 (got {cfg.group_size}): the baseline is the group mean")
        self.strategy = s = strategy or NaiveStrategy(seed=cfg.seed)
        self.actor = s.setup_model(actor)
        self.reward_model, self.initial_model = s.setup_model(reward_model), s.setup_model(initial_model)
        for m in (self.reward_model, self.initial_model):
            m.eval().requires_grad_(False)
        self.train_actor = s.prepare_for_training(self.actor)
        self.tokenizer = tokenizer
        self.optimizer = optimizer or adam(self.actor.parameters(), cfg.lr)
        self.buffer = ReplayBuffer(s.device)
        self.generator = torch.Generator().manual_seed(cfg.seed)
        self.history: dict[str, list] = {}

    def sequence_rewards(self, scores: torch.Tensor, action_mask: torch.Tensor) -> torch.Tensor:
        """``r_i = RM score − λ · L_i / max_new_tokens``: PPO's last-token reward, without its KL part.   (B,) → (B,)"""
        lengths = action_mask.sum(-1).to(scores.dtype)
        return scores - self.config.length_penalty * lengths / self.config.max_new_tokens

    @torch.no_grad()
    def make_experience(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> Experience:
        """G responses per prompt → an :class:`Experience` with group advantages.   (P_n, P) → B = P_n·G rows

        ``values`` and ``returns`` are zeros (there is no critic); ``kl`` = log π_old − log π_ref per
        token (PPO's k1, for the log and to recover log π_ref in the update).
        """
        cfg, G = self.config, self.config.group_size
        for m in (self.actor, self.reward_model, self.initial_model):
            m.eval()
        ids, mask = input_ids.repeat_interleave(G, 0), attention_mask.repeat_interleave(G, 0)   # (B, P)
        seq, attn, action_mask, logp, ref_logp, scores = sample_and_score(
            self.actor, self.initial_model, self.reward_model, self.tokenizer, cfg, ids, mask)
        rewards = self.sequence_rewards(scores, action_mask)                    # r_i, (B,)
        advantages = group_advantages(rewards, G, action_mask, cfg.scale_rewards, cfg.adv_eps)   # (B, A)
        kl = (logp - ref_logp) * action_mask                                    # (B, A)
        zeros = torch.zeros_like(logp)
        return Experience(seq, attn, action_mask, logp, zeros, zeros, advantages, kl, scores)

    def _update(self, exp: Experience) -> dict:
        """One minibatch step of the policy; returns its statistics."""
        cfg, s = self.config, self.strategy
        A = exp.action_mask.size(1)
        # dropout stays OFF in the update, as in the rollout that produced π_old (see PPOTrainer._update)
        self.actor.eval()
        logp, _ = self.train_actor(exp.sequences, exp.attention_mask, temperature=cfg.temperature,
                                   num_actions=A, log_probs=True)                                # (B, A)
        logp = logp * exp.action_mask                                                                  # (B, A)
        ref_logp = exp.action_log_probs - exp.kl                                # log π_ref = log π_old − k1
        loss, stats = grpo_loss(logp, exp.action_log_probs, ref_logp, exp.advantages, exp.action_mask,
                                cfg.clip_eps, cfg.kl_coef)
        if stats["max_ratio"] > cfg.max_ratio:
            raise TrainingDivergedError(
                f"GRPO: policy ratio reached {stats['max_ratio']:.1f} > max_ratio={cfg.max_ratio}: the update ran "
                f"away from the rollout policy. Lower lr or ppo_epochs.")
        s.backward(loss)
        grad_norm = s.optimizer_step(self.optimizer, self.actor, cfg.max_grad_norm)
        return {"policy_loss": loss.item(), "actor_grad_norm": grad_norm, **stats}

    def fit(self, prompt_dataset, iterations: int | None = None, progress: bool = True, callback=None) -> dict:
        """Run ``iterations`` rollout/update cycles over a :class:`~chatgpt.dataset.PromptDataset`."""
        from tqdm.auto import tqdm

        cfg, s = self.config, self.strategy
        iterations = cfg.iterations if iterations is None else iterations
        batches = endless_prompt_batches(s, prompt_dataset, cfg.prompts_per_iteration, self.tokenizer, cfg.seed)
        bar = tqdm(range(iterations), desc="GRPO", disable=not (progress and s.is_rank0()))
        t_start = time.perf_counter()
        for it in bar:
            t0 = time.perf_counter()
            batch = s.to_device(next(batches))
            exp = self.make_experience(batch["input_ids"], batch["attention_mask"])
            t_roll = time.perf_counter() - t0
            update = update_on_rollout(self.buffer, exp, cfg.ppo_epochs, cfg.train_batch_size, self.generator,
                                       self._update)
            group_std = self.sequence_rewards(exp.scores, exp.action_mask).view(-1, cfg.group_size).std(-1)  # (B/G,)
            stats = {"iteration": it, **rollout_stats(exp, self.tokenizer.eos_token_id),
                     "group_reward_std": group_std.mean().item(),
                     # groups with one reward for all G answers teach nothing (advantage 0)
                     "flat_groups": (group_std < 1e-6).float().mean().item(),
                     **update, "rollout_seconds": t_roll, "iteration_seconds": time.perf_counter() - t0}
            stats = {k: (s.all_reduce_mean(v) if isinstance(v, float) else v) for k, v in stats.items()}
            check_finite(stats, f"GRPO iteration {it}")
            append_history(self.history, stats)
            bar.set_postfix(reward=f"{stats['reward']:.2f}", kl=f"{stats['kl']:.2f}")
            if callback is not None:
                callback(stats)
        self.history["seconds"] = time.perf_counter() - t_start
        return self.history
