"""GRPO: group advantages and k3 by hand, padding masked, one iteration, seeds reproduce."""
import copy
import math

import pytest
import torch

from chatgpt.config import GRPOConfig
from chatgpt.dataset import PromptDataset
from chatgpt.models import Actor, RewardModel
from chatgpt.models.loss import grpo_loss, k3_kl
from chatgpt.trainer import GRPOTrainer, NaiveStrategy
from chatgpt.trainer.grpo import group_advantages
from tests.conftest import SFT_RECORDS, make_model

EPS = 1e-4


def test_group_advantages_hand_computed_and_masked():
    # two groups of G = 3: [0, 3, 6] (mean 3, unbiased std √((9 + 0 + 9)/2) = 3) and [5, 5, 5] (std 0)
    rewards = torch.tensor([0.0, 3.0, 6.0, 5.0, 5.0, 5.0])
    mask = torch.tensor([[1, 1, 1], [1, 0, 0], [1, 1, 0], [1, 1, 1], [1, 0, 0], [1, 1, 0]])
    adv = group_advantages(rewards, 3, mask, eps=EPS)
    s = 3 / (3 + EPS)
    expected = torch.tensor([[-s, -s, -s], [0, 0, 0], [s, s, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0]])
    assert torch.allclose(adv, expected, atol=1e-6)
    assert (adv[mask == 0] == 0).all()                               # padding tokens carry no advantage
    centred = group_advantages(rewards, 3, mask, scale=False)
    assert torch.allclose(centred[:3, 0], torch.tensor([-3.0, 0.0, 3.0]))
    # G = 2: [1, 3] → ∓1/√2·… with the unbiased std √2
    adv2 = group_advantages(torch.tensor([1.0, 3.0]), 2, torch.ones(2, 1))
    assert adv2.squeeze(1).tolist() == pytest.approx([-1 / (math.sqrt(2) + EPS), 1 / (math.sqrt(2) + EPS)])


def test_group_advantages_groups_are_independent_rows():
    rewards, mask = torch.tensor([1.0, 2.0, 10.0, 40.0]), torch.ones(4, 2)
    a = group_advantages(rewards, 2, mask)
    b = group_advantages(rewards + torch.tensor([0.0, 0.0, 100.0, 100.0]), 2, mask)   # shift group 2 only
    assert torch.allclose(a, b)
    assert torch.allclose(a[:2], a[2:], atol=1e-3)                    # each group normalised on its own (eps aside)
    with pytest.raises(ValueError, match="groups of 3"):
        group_advantages(rewards, 3, mask)


def test_k3_hand_computed_nonnegative_and_unbiased():
    # π(a) = 0.5, π_ref(a) = 0.25: u = 0.5, k3 = 0.5 − log 0.5 − 1
    k = k3_kl(torch.tensor([math.log(0.5)]), torch.tensor([math.log(0.25)]))
    assert k.item() == pytest.approx(0.5 + math.log(2) - 1, abs=1e-6)
    assert k3_kl(torch.tensor([-1.3]), torch.tensor([-1.3])).item() == 0.0
    p, q = torch.tensor([0.5, 0.3, 0.2]), torch.tensor([0.2, 0.5, 0.3])
    assert (k3_kl(p.log(), q.log()) >= 0).all()
    exact_kl = (p * (p / q).log()).sum()
    assert (p * k3_kl(p.log(), q.log())).sum().item() == pytest.approx(exact_kl.item(), abs=1e-6)   # E_π[k3] = KL


def test_grpo_loss_hand_computed_per_sequence_mean_and_padding():
    mask = torch.tensor([[1, 1, 0], [1, 0, 0]])
    adv = torch.tensor([[1.0, 1.0, 0.0], [-2.0, 0.0, 0.0]])
    lp = torch.full((2, 3), -1.0)
    # on-policy, π = π_ref: loss = −mean_i (1/|o_i| Σ_t Â) = −(1 + (−2)) / 2
    loss, stats = grpo_loss(lp, lp, lp, adv, mask, clip_eps=0.2, kl_coef=0.1)
    assert loss.item() == pytest.approx(0.5)
    assert stats["kl_k3"] == 0.0 and stats["clip_fraction"] == 0.0
    # a token-mean over all 3 tokens would give −(1 + 1 − 2)/3 = 0: the paper averages per sequence first
    garbage = lp.clone()
    garbage[mask == 0] = 3.0                                          # anything on padding: same loss
    assert grpo_loss(garbage, lp, lp, adv, mask, kl_coef=0.1)[0].item() == pytest.approx(0.5)
    # ratio 1.5 on every token, Â = 1: min(1.5, 1.2) = 1.2; KL term: k3 with u = 1/1.5
    new = lp + math.log(1.5)
    pos = torch.ones(1, 2)
    k3 = 1 / 1.5 + math.log(1.5) - 1
    loss, stats = grpo_loss(new[:1, :2], lp[:1, :2], lp[:1, :2], pos, pos, clip_eps=0.2, kl_coef=0.1)
    assert loss.item() == pytest.approx(-(1.2 - 0.1 * k3), abs=1e-6)
    assert stats["clip_fraction"] == 1.0 and stats["kl_k3"] == pytest.approx(k3, abs=1e-6)


def grpo_setup(tokenizer, seed=0, **cfg_kw):
    torch.manual_seed(seed)
    actor = Actor(make_model(tokenizer, seed=1))
    initial = Actor(copy.deepcopy(actor.model))
    rm = RewardModel(make_model(tokenizer, seed=3))
    cfg = GRPOConfig(**{**dict(iterations=1, prompts_per_iteration=2, group_size=3, train_batch_size=3, ppo_epochs=1,
                               max_new_tokens=6, lr=1e-3, seed=seed), **cfg_kw})
    trainer = GRPOTrainer(actor, rm, initial, tokenizer, cfg, strategy=NaiveStrategy("cpu", seed))
    return trainer, PromptDataset([r["prompt"] for r in SFT_RECORDS], tokenizer)


def test_grpo_rollout_repeats_each_prompt_g_times(tokenizer):
    trainer, prompts = grpo_setup(tokenizer)
    from chatgpt.dataset import PromptCollator

    batch = PromptCollator(tokenizer)([prompts[0], prompts[1]])
    exp = trainer.make_experience(batch["input_ids"], batch["attention_mask"])
    P = batch["input_ids"].size(1)
    assert len(exp) == 6
    for g in range(2):
        assert (exp.sequences[3 * g: 3 * g + 3, :P] == batch["input_ids"][g]).all()
    assert torch.allclose(exp.kl, torch.zeros_like(exp.kl), atol=1e-5)          # actor == reference
    assert (exp.advantages[exp.action_mask == 0] == 0).all()
    assert torch.allclose(exp.advantages.sum(-1) / exp.action_mask.sum(-1), exp.advantages[:, 0])  # one Â per answer
    assert exp.advantages[:, 0].view(2, 3).sum(-1).abs().max() < 1e-4                           # centred per group


def test_grpo_one_iteration_changes_actor_only(tokenizer):
    trainer, prompts = grpo_setup(tokenizer, train_batch_size=6)                 # one minibatch: on-policy
    before = {n: p.detach().clone() for n, p in trainer.actor.named_parameters()}
    frozen = {n: p.clone() for m in (trainer.reward_model, trainer.initial_model) for n, p in m.named_parameters()}
    hist = trainer.fit(prompts, progress=False)
    changed = [n for n, p in trainer.actor.named_parameters() if not torch.equal(p, before[n])]
    assert changed
    assert all(torch.equal(p, frozen[n]) for m in (trainer.reward_model, trainer.initial_model)
               for n, p in m.named_parameters())
    assert hist["kl"][0] == pytest.approx(0.0, abs=1e-4) and hist["max_ratio"][0] == pytest.approx(1.0, abs=1e-4)
    assert hist["kl_k3"][0] == pytest.approx(0.0, abs=1e-5)
    for key in ("reward", "policy_loss", "group_reward_std", "flat_groups", "iteration_seconds"):
        assert len(hist[key]) == 1


def test_grpo_seeds_reproduce(tokenizer):
    def run(seed):
        trainer, prompts = grpo_setup(tokenizer, seed=seed, iterations=2)
        hist = trainer.fit(prompts, progress=False)
        return hist, {n: p.detach().clone() for n, p in trainer.actor.named_parameters()}

    (h1, p1), (h2, p2), (h3, p3) = run(0), run(0), run(5)
    for key in ("reward", "kl", "policy_loss", "rollout_tokens"):
        assert h1[key] == h2[key]
    assert all(torch.equal(p1[n], p2[n]) for n in p1)
    assert not all(torch.equal(p1[n], p3[n]) for n in p1)


def test_grpo_rejects_group_of_one(tokenizer):
    with pytest.raises(ValueError, match="group_size"):
        grpo_setup(tokenizer, group_size=1)


def test_grpo_first_minibatch_ratio_is_one_with_dropout(tokenizer):
    """pdrop 0.1: the update runs in eval mode like the rollout, so the first on-policy ratio is exactly 1."""
    trainer, prompts = grpo_setup(tokenizer, train_batch_size=6)
    for m in trainer.actor.modules():
        if isinstance(m, torch.nn.Dropout):
            m.p = 0.1
    hist = trainer.fit(prompts, progress=False)
    assert hist["max_ratio"][0] == pytest.approx(1.0, abs=1e-4)
