"""Per-stage configuration dataclasses and the two run profiles.

Every hyperparameter of the course lives here, with its default documented next to
it (in the spirit of TRL's ``*_config.py`` files). Two profiles exist:

* ``tiny``   — the project's own tiny Korean GPT-2 (built locally by
  ``python -m chatgpt.tiny build``) and the bundled ``data_kochatgpt/`` files; CPU,
  a few minutes end to end.
* ``kogpt2`` — ``skt/kogpt2-base-v2`` (GPT-2 small shape: 12 × 768, vocab 51,200)
  on the full data; meant for a GPU (Colab).

The profile is chosen by the ``KOCHATGPT_PROFILE`` environment variable; when it is
unset, ``kogpt2`` is used if CUDA is available, otherwise ``tiny``.
"""
from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

PROFILES = ("tiny", "kogpt2")
KOGPT2_NAME = "skt/kogpt2-base-v2"


def default_profile() -> str:
    """``KOCHATGPT_PROFILE`` if set, else ``kogpt2`` with CUDA, else ``tiny``."""
    env = os.environ.get("KOCHATGPT_PROFILE")
    if env:
        if env not in PROFILES:
            raise ValueError(f"KOCHATGPT_PROFILE={env!r}; expected one of {PROFILES}")
        return env
    import torch

    return "kogpt2" if torch.cuda.is_available() else "tiny"


def default_device() -> str:
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def repo_root() -> Path:
    """The checkout's root (parent of the package), independent of the working directory."""
    return Path(__file__).resolve().parent.parent


def default_output_dir() -> Path:
    """``KOCHATGPT_OUTPUT_DIR`` or ``<repo>/outputs`` (git-ignored)."""
    return Path(os.environ.get("KOCHATGPT_OUTPUT_DIR", repo_root() / "outputs"))


@dataclass
class SFTConfig:
    """Supervised fine-tuning (InstructGPT step 1)."""

    epochs: float = 2.0            # passes over the SFT records (fractions allowed)
    batch_size: int = 16           # sequences per optimizer step
    lr: float = 5e-4               # AdamW peak learning rate (linear warmup, cosine decay)
    weight_decay: float = 0.0      # AdamW weight decay
    warmup_ratio: float = 0.05     # share of steps used for linear warmup
    max_length: int = 160          # prompt + completion tokens; longer examples are truncated
    max_grad_norm: float = 1.0     # gradient-norm clipping
    eval_fraction: float = 0.05    # held-out share of records for the eval loss
    max_records: int | None = None  # use only the first N records (smoke tests)
    group_by_length: bool = True   # shuffled batches of similar length (less padding: 16 % → ≈ 1 % of the tokens
                                   # on the tiny profile; chatgpt.dataset.LengthGroupedBatchSampler)
    seed: int = 42


@dataclass
class RMConfig:
    """Reward model training on ranked pairs (InstructGPT step 2)."""

    epochs: float = 1.0            # passes over the RM records (each gives its 3 pairs in one batch element)
    batch_size: int = 8            # records per step (3 × batch_size sequences forward, 3 × batch_size pairs)
    lr: float = 3e-4               # AdamW learning rate
    weight_decay: float = 0.0
    warmup_ratio: float = 0.05
    max_length: int = 192          # prompt + completion tokens
    max_grad_norm: float = 1.0
    eval_fraction: float = 0.1     # held-out share of RM *records* (all 3 pairs of a record stay together)
    max_records: int | None = None
    group_by_length: bool = True   # shuffled batches of records of similar (longest-completion) length
    seed: int = 42


@dataclass
class PPOConfig:
    """PPO with a KL penalty against the frozen SFT model (InstructGPT step 3).

    Per-token reward r_t = -kl_coef * KL_t, plus (RM score − length_penalty · L / max_new_tokens)
    at the last response token. The policy is π = softmax(logits / temperature): rollouts,
    ratios, KL and entropy all use the same T, the temperature the evaluation decodes with.
    On the tiny profile, rolling out at T = 1 while evaluating at 0.7 gave RM win rates from
    0.57 to 0.79 over PPO seeds and nearby settings; T = 0.7 gave 0.84–0.88 (see notebook 04).
    """

    iterations: int = 40           # rollout → update cycles
    rollout_batch_size: int = 32   # prompts per rollout
    train_batch_size: int = 16     # sequences per PPO minibatch
    ppo_epochs: int = 2            # passes over each rollout
    actor_lr: float = 5e-5         # Adam lr for the policy (1e-4 with 1 epoch collapsed to 10-char answers)
    critic_lr: float = 1e-4        # Adam lr for the value model
    kl_coef: float = 0.05          # β of the per-token KL penalty (initial value if adaptive)
    adaptive_kl: bool = False      # Ziegler et al. (2019) adaptive controller
    target_kl: float = 6.0         # target of the adaptive controller (nats per sequence)
    kl_horizon: int = 10000        # horizon of the adaptive controller
    gamma: float = 1.0             # discount
    lam: float = 0.95              # GAE λ
    clip_eps: float = 0.2          # policy ratio clip
    value_clip: float = 0.2        # value clip
    vf_coef: float = 1.0           # critic loss weight (separate optimizer; kept for logging)
    entropy_coef: float = 0.0      # c₂ of the entropy bonus (Schulman et al., 2017, eq. 9); 0 = off (0.01 lowered
                                   # the tiny profile's win rate 0.75 → 0.69 and lengthened answers)
    max_grad_norm: float = 1.0
    whiten_advantages: bool = True
    reward_clip: float = 10.0      # clip RM scores to [-c, c]
    max_prompt_length: int = 64    # prompt tokens (left-padded)
    max_new_tokens: int = 96       # response tokens sampled per prompt (SFT answers: ~71 tokens, max 107)
    min_new_tokens: int = 0        # no eos before this many tokens (= max_new_tokens: fixed-length rollouts, for
                                   # equal-work benchmarks; the rollout's log π is then that of the eos-free q, as in trl)
    temperature: float = 0.7       # T of the policy π = softmax(logits / T): rollouts, ratios, KL, entropy
                                   # (= the evaluation's temperature: train the distribution you decode with)
    top_k: int = 0                 # 0 = off (sample from the full distribution)
    top_p: float = 1.0             # must stay 1 (and top_k 0): PPO samples the full π (checked below)
    no_eos_penalty: float | None = None  # if set, RM score of responses without eos is replaced by this
    length_penalty: float = 1.0    # λ: reward = RM score − λ · (response tokens / max_new_tokens); 0 = off
    max_ratio: float = 50.0        # stop with an error when a policy ratio exceeds this (runaway update)
    max_prompts: int | None = None
    seed: int = 42

    def __post_init__(self):
        # PPO is on-policy only if the rollout samples from the π the update and the reference evaluate: the full
        # softmax(logits / T). A top-k/top-p sampler draws from a truncated q ≠ π (and π_ref may give q's tokens
        # ~0 mass), so it is refused here rather than silently biasing ratio and KL.
        if not self.temperature > 0:
            raise ValueError(f"PPOConfig.temperature must be > 0, got {self.temperature}")
        if not 0 <= self.min_new_tokens <= self.max_new_tokens:
            raise ValueError(f"PPOConfig.min_new_tokens must be in [0, max_new_tokens={self.max_new_tokens}], "
                             f"got {self.min_new_tokens}")
        if self.top_k or self.top_p < 1.0:
            raise ValueError(f"PPOConfig(top_k={self.top_k}, top_p={self.top_p}): PPO must sample from the full "
                             f"policy softmax(logits / temperature); keep top_k=0 and top_p=1.0 (filter at evaluation, "
                             f"GenerationConfig, instead)")


@dataclass
class GenerationConfig:
    """Decoding used for evaluation and before/after panels."""

    max_new_tokens: int = 128      # generous, so that no policy is cut off artificially
    min_new_tokens: int = 0        # no eos before this many new tokens (0 = off)
    do_sample: bool = True
    temperature: float = 0.7
    top_k: int = 0
    top_p: float = 0.9
    repetition_penalty: float = 1.0
    no_repeat_ngram_size: int = 0
    num_beams: int = 1
    batch_size: int = 32
    seed: int = 1234

    def __post_init__(self):
        if self.do_sample and not self.temperature > 0:
            raise ValueError(f"GenerationConfig.temperature must be > 0 when sampling, got {self.temperature} "
                             f"(set do_sample=False for greedy decoding)")


@dataclass
class LoRAConfig:
    """Low-rank adapters (Hu et al., 2021) through ``loralib``; r=0 disables them."""

    r: int = 0
    alpha: int = 16
    dropout: float = 0.05
    targets: tuple[str, ...] = ("c_attn", "c_proj", "c_fc")


@dataclass
class BaseModelConfig:
    """How the base model is loaded and adapted (any causal LM; see :mod:`chatgpt.foundation`)."""

    dtype: str = ""                # "" = float32; "bfloat16" / "float16" halve weight memory (bf16 also runs on CPU)
    prompt_format: str = "auto"    # "auto": the tokenizer's chat template if it has one, else Alpaca; "alpaca"; "chat"
    adapter: str = "auto"          # LoRA library when lora.r > 0: "auto" = loralib for GPT-2, peft for other models
    lora_targets: tuple[str, ...] = ()  # () = by model type (GPT-2: lora.targets; Llama-style: q_proj, v_proj)
    qlora: bool = False            # 4-bit NF4 base + LoRA adapters (bitsandbytes, CUDA only; needs lora.r > 0)
    trust_remote_code: bool = False  # never on by default: it runs code downloaded with the model


@dataclass
class PipelineConfig:
    """Everything one ``python -m chatgpt pipeline`` run needs."""

    profile: str = "tiny"
    model_name: str = ""           # HF name or local path of the base model ("" = tiny build)
    data_dir: str = ""             # "" = bundled data_kochatgpt/ (or KOCHATGPT_DATA_DIR)
    strict_data: bool = False      # True: a data file with faults raises; False: it is cleaned, with a printed report
    output_dir: str = ""           # "" = default_output_dir()
    device: str = ""               # "" = cuda if available else cpu
    eval_prompts: int | None = None  # number of held-out eval prompts (None = all)
    rm_data: str = ""              # RM file (or its directory) replacing data_dir's, e.g. AI labels from
                                   # ``python -m chatgpt.feedback label`` ("" = the RM file of data_dir)
    sft: SFTConfig = field(default_factory=SFTConfig)
    rm: RMConfig = field(default_factory=RMConfig)
    ppo: PPOConfig = field(default_factory=PPOConfig)
    generation: GenerationConfig = field(default_factory=GenerationConfig)
    lora: LoRAConfig = field(default_factory=LoRAConfig)
    base: BaseModelConfig = field(default_factory=BaseModelConfig)
    dpo: "DPOConfig" = field(default_factory=lambda: DPOConfig())      # stage `dpo` (defined below)
    grpo: "GRPOConfig" = field(default_factory=lambda: GRPOConfig())   # stage `grpo` (defined below)

    def to_dict(self) -> dict:
        return asdict(self)


def profile_config(profile: str | None = None, **overrides) -> PipelineConfig:
    """Return the :class:`PipelineConfig` of a profile; keyword overrides replace top-level fields."""
    profile = profile or default_profile()
    if profile == "tiny":
        cfg = PipelineConfig(profile="tiny")
    elif profile == "kogpt2":
        cfg = PipelineConfig(
            profile="kogpt2",
            model_name=KOGPT2_NAME,
            sft=SFTConfig(epochs=1.0, batch_size=8, lr=5e-5, max_length=256),
            rm=RMConfig(epochs=1.0, batch_size=8, lr=1e-5, max_length=256),
            ppo=PPOConfig(iterations=100, rollout_batch_size=32, train_batch_size=8,
                          actor_lr=1e-6, critic_lr=5e-6, kl_coef=0.05, max_new_tokens=96),
            generation=GenerationConfig(max_new_tokens=128, batch_size=16),
        )
    else:
        raise ValueError(f"unknown profile {profile!r}; expected one of {PROFILES}")
    return replace(cfg, **overrides)


@dataclass
class DPOConfig:
    """Direct Preference Optimization on the RM comparison file (Rafailov et al., 2023).

    DPO fits the policy to the preferences directly: the optimum of the RLHF objective
    max E[r] − β KL(π ‖ π_ref) is π* ∝ π_ref · exp(r / β), so r = β log(π*/π_ref) + const and
    the reward model's Bradley–Terry loss becomes a loss on the policy (see
    :mod:`chatgpt.trainer.dpo`). β plays the role of PPO's ``kl_coef``: a larger β keeps the
    policy closer to the SFT model. Data: the RM file's training records (the RM's own split),
    each record's three completions turned into its three pairs by the same ranking code.
    """

    epochs: float = 0.4            # passes over the RM training records (each record gives its 3 pairs); 0.4 keeps
                                   # the tiny profile's stage near 60 s on 2 cores (measured 57 s; 1 epoch ≈ 100 s)
    batch_size: int = 8            # records per step (3 × batch_size sequences forward, 3 × batch_size pairs)
    lr: float = 1e-4               # AdamW peak learning rate (linear warmup, cosine decay)
    weight_decay: float = 0.0
    warmup_ratio: float = 0.05
    max_length: int = 192          # prompt + completion tokens (as the RM)
    max_grad_norm: float = 1.0
    beta: float = 0.1              # β: KL strength (sigmoid) or τ of IPO's target margin 1/(2τ); larger = closer to SFT
    loss_type: str = "sigmoid"     # "sigmoid" (DPO) or "ipo" (Azar et al., 2023)
    label_smoothing: float = 0.0   # ε of conservative DPO (cDPO): probability that a label is flipped; sigmoid only
    ipo_length_normalize: bool = True  # IPO: divide each log-ratio by its completion's tokens (TRL's convention)
    temperature: float = 1.0       # log π from softmax(logits / T); 1 = the standard DPO likelihood
    ref_batch_size: int = 32       # records per forward pass when precomputing the reference log-probs
    eval_every: int = 50           # steps between held-out evaluations (implicit-reward accuracy)
    seed: int = 42


@dataclass
class GRPOConfig:
    """Group Relative Policy Optimization (Shao et al., 2024, DeepSeekMath §4.1): PPO without a critic.

    Each prompt is answered ``group_size`` times; a response's advantage is its reward minus
    the mean of its group, divided by the group's std, on every token. The KL to the frozen
    SFT model is a k3 penalty in the loss (coefficient ``kl_coef``), not a per-token reward.
    Rollout size and decoding match :class:`PPOConfig` (32 sequences, T = 0.7, the same
    length penalty) so that the two methods are compared per iteration.
    """

    iterations: int = 40           # rollout → update cycles
    prompts_per_iteration: int = 8  # distinct prompts per rollout
    group_size: int = 4            # G: responses per prompt (≥ 2); rollout = prompts_per_iteration × G sequences
    train_batch_size: int = 16     # sequences per minibatch
    ppo_epochs: int = 2            # μ: passes over each rollout (1 = on-policy, ρ = 1 at every step)
    lr: float = 5e-5               # Adam lr of the policy (= PPO's actor_lr)
    kl_coef: float = 0.2           # β of the k3 KL penalty in the loss. The paper's 0.04 ran to KL 26 nats/answer
                                   # on the tiny profile (0.01: 78, distinct-2 0.21); 0.2 gave KL 5.3 and RM 1.04,
                                   # PPO's region, with distinct-2 0.55 (bench/frontier.json, BENCHMARKS.md)
    clip_eps: float = 0.2          # ratio clip ε
    scale_rewards: bool = True     # divide by the group's std (the paper); False = mean-centring only (Dr. GRPO)
    adv_eps: float = 1e-4          # added to the group std
    max_grad_norm: float = 1.0
    reward_clip: float = 10.0      # clip RM scores to [-c, c]
    length_penalty: float = 1.0    # λ: reward = RM score − λ · (response tokens / max_new_tokens), as PPO
    max_prompt_length: int = 64
    max_new_tokens: int = 96
    min_new_tokens: int = 0        # no eos before this many tokens (as PPOConfig.min_new_tokens)
    temperature: float = 0.7       # π = softmax(logits / T) for rollouts, ratios and KL (as PPO)
    top_k: int = 0
    top_p: float = 1.0
    max_ratio: float = 50.0        # stop with an error when a policy ratio exceeds this
    max_prompts: int | None = None
    seed: int = 42
