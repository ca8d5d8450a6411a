"""PPO for language models (InstructGPT step 3; Schulman et al., 2017; Ouyang et al., 2022).

One iteration of :meth:`PPOTrainer.fit`:

1. **rollout** — sample responses for ``rollout_batch_size`` prompts with the actor and
   turn them into an :class:`~chatgpt.experience.Experience` (log-probs of actor and
   frozen reference, values, RM scores, per-token KL penalty, GAE advantages);
2. **update** — ``ppo_epochs`` passes over shuffled minibatches: the actor minimises
   the clipped surrogate minus ``entropy_coef`` × mean entropy (the KL term is already in
   the reward), the critic the clipped value loss; gradient norms are clipped for both.

Logged per iteration: reward, KL (Σ_t per sequence), entropy, clip fraction, approx
KL to π_old, policy/value loss, response length, eos share, β. Training stops with
:class:`~chatgpt.trainer.base.TrainingDivergedError` on NaN/inf or when a policy
ratio exceeds ``max_ratio`` (a runaway update).
"""
from __future__ import annotations

import time

import torch

from chatgpt.config import PPOConfig
from chatgpt.experience import AdaptiveKLController, ExperienceMaker, FixedKLController, ReplayBuffer
from chatgpt.models.loss import PolicyLoss, ValueLoss
from chatgpt.models.utils import masked_mean
from chatgpt.trainer.base import (TrainingDivergedError, adam, append_history, check_finite, endless_prompt_batches,
                                  rollout_stats, update_on_rollout)
from chatgpt.trainer.strategies import NaiveStrategy


class PPOTrainer:
    """Actor (policy), critic (value), reward model (frozen) and initial model (frozen reference)."""

    def __init__(self, actor, critic, reward_model, initial_model, tokenizer, config: PPOConfig | None = None,
                 strategy=None, actor_optim=None, critic_optim=None):
        self.config = cfg = config or PPOConfig()
        self.strategy = strategy or NaiveStrategy(seed=cfg.seed)
        s = self.strategy
        self.actor, self.critic = s.setup_model(actor), s.setup_model(critic)
        self.reward_model, self.initial_model = s.setup_model(reward_model), s.setup_model(initial_model)
        for m in (self.reward_model, self.initial_model):
            m.eval().requires_grad_(False)
        self.train_actor, self.train_critic = s.prepare_for_training(self.actor), s.prepare_for_training(self.critic)
        self.tokenizer = tokenizer
        self.actor_optim = actor_optim or adam(self.actor.parameters(), cfg.actor_lr)
        self.critic_optim = critic_optim or adam(self.critic.parameters(), cfg.critic_lr)
        kl_ctl = (AdaptiveKLController(cfg.kl_coef, cfg.target_kl, cfg.kl_horizon) if cfg.adaptive_kl
                  else FixedKLController(cfg.kl_coef))
        self.maker = ExperienceMaker(self.actor, self.critic, self.reward_model, self.initial_model, tokenizer,
                                     cfg, kl_ctl)
        self.buffer = ReplayBuffer(s.device)
        self.policy_loss, self.value_loss = PolicyLoss(cfg.clip_eps), ValueLoss(cfg.value_clip)
        self.generator = torch.Generator().manual_seed(cfg.seed)
        self.history: dict[str, list] = {}

    def _update(self, exp) -> dict:
        """One minibatch step for actor and critic; returns its statistics."""
        cfg, s = self.config, self.strategy
        A = exp.action_mask.size(1)
        # Dropout stays OFF during the update (eval mode), as in the rollout that produced π_old. With dropout on
        # (KoGPT-2 and most hub models use p = 0.1) π_θ is a *random sub-network* of the π_old the tokens were
        # sampled from: the ratio at the first minibatch is not 1 (issue #11 saw 0.81–1.25 on a pdrop-0.1 GPT-2,
        # past the clip range) and the critic's values are noisy. eval() rather than zeroing nn.Dropout.p, because
        # Llama/Qwen/Gemma gate attention dropout on ``self.training`` (a float, not a module); gradients flow the
        # same. TRL and OpenRLHF disable dropout in PPO for the same reason. (HF applies gradient checkpointing only
        # in training mode, so it is off in this update.)
        self.actor.eval()
        # the policy is π_T = softmax(logits / T), as sampled; log π(a_t) and H_t = −Σ_v π(v|·) log π(v|·) come
        # from one pass over the LM head (chatgpt.models.lm_head: no (B, A, V) logits are kept)
        logp, entropy_t = self.train_actor(exp.sequences, exp.attention_mask, temperature=cfg.temperature,
                                           num_actions=A, log_probs=True)                 # (B, A), (B, A)
        actor_loss, pstats = self.policy_loss(logp, exp.action_log_probs, exp.advantages, exp.action_mask)
        # the bonus is −c₂·mean_t H_t; with c₂ = 0 the entropy is only logged (no gradient through it)
        entropy = masked_mean(entropy_t if cfg.entropy_coef else entropy_t.detach(), exp.action_mask)
        if cfg.entropy_coef:
            actor_loss = actor_loss - cfg.entropy_coef * entropy
        # the largest ratio over *all* ranks: one rank stopping alone would leave the others waiting forever in
        # the gradient all-reduce of the backward below (DDP)
        max_ratio = s.all_reduce_max(pstats["max_ratio"])
        if max_ratio > cfg.max_ratio:
            raise TrainingDivergedError(
                f"PPO: policy ratio reached {max_ratio:.1f} > max_ratio={cfg.max_ratio}: the update ran "
                f"away from the rollout policy. Lower actor_lr or ppo_epochs.")
        s.backward(actor_loss)
        actor_norm = s.optimizer_step(self.actor_optim, self.actor, cfg.max_grad_norm)

        self.critic.eval()                                                               # same reason as the actor
        values = self.train_critic(exp.sequences, exp.attention_mask, A)                 # (B, A)
        critic_loss = self.value_loss(values, exp.values, exp.returns, exp.action_mask)
        s.backward(cfg.vf_coef * critic_loss)
        critic_norm = s.optimizer_step(self.critic_optim, self.critic, cfg.max_grad_norm)
        return {"policy_loss": actor_loss.item(), "value_loss": critic_loss.item(), "entropy": entropy.item(),
                "actor_grad_norm": actor_norm, "critic_grad_norm": critic_norm, **pstats}

    def fit(self, prompt_dataset, iterations: int | None = None, progress: bool = True, callback=None) -> dict:
        """Run ``iterations`` rollout/update cycles over a :class:`~chatgpt.dataset.PromptDataset`."""
        from tqdm.auto import tqdm

        cfg, s = self.config, self.strategy
        iterations = cfg.iterations if iterations is None else iterations
        batches = endless_prompt_batches(s, prompt_dataset, cfg.rollout_batch_size, self.tokenizer, cfg.seed)
        bar = tqdm(range(iterations), desc="PPO", disable=not (progress and s.is_rank0()))
        t_start = time.perf_counter()
        for it in bar:
            t0 = time.perf_counter()
            batch = s.to_device(next(batches))
            exp = self.maker.make_experience(batch["input_ids"], batch["attention_mask"])
            t_roll = time.perf_counter() - t0
            update = update_on_rollout(self.buffer, exp, cfg.ppo_epochs, cfg.train_batch_size, self.generator,
                                       self._update)
            stats = {"iteration": it, **rollout_stats(exp, self.tokenizer.eos_token_id), **update,
                     "kl_coef": self.maker.kl_ctl.value,
                     "rollout_seconds": t_roll, "iteration_seconds": time.perf_counter() - t0}
            stats = {k: (s.all_reduce_mean(v) if isinstance(v, float) else v) for k, v in stats.items()}
            check_finite(stats, f"PPO iteration {it}")
            self.maker.kl_ctl.update(stats["kl"], cfg.rollout_batch_size * s.world_size)
            append_history(self.history, stats)
            bar.set_postfix(reward=f"{stats['reward']:.2f}", kl=f"{stats['kl']:.2f}")
            if callback is not None:
                callback(stats)
        self.history["seconds"] = time.perf_counter() - t_start
        return self.history
