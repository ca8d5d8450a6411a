"""GAE, rewards, KL and masking against hand-computed values and a slow reference loop."""
import math

import pytest
import torch

from chatgpt.experience import (AdaptiveKLController, Experience, ReplayBuffer, compute_gae, compute_rewards,
                                response_mask)
from chatgpt.models.utils import last_token_index, masked_mean, masked_whiten, position_ids_from_mask


def slow_gae(rewards, values, mask, gamma, lam):
    """Textbook GAE, one sequence at a time, over its real length only."""
    B = rewards.shape[0]
    adv = torch.zeros_like(rewards)
    for b in range(B):
        n = int(mask[b].sum())
        for t in range(n):
            a = 0.0
            for k in range(t, n):
                v_next = values[b, k + 1].item() if k + 1 < n else 0.0
                delta = rewards[b, k].item() + gamma * v_next - values[b, k].item()
                a += (gamma * lam) ** (k - t) * delta
            adv[b, t] = a
    return adv


def test_gae_hand_values():
    # one sequence of 2 tokens, γ = 1, λ = 1: A_1 = r_1 − V_1 ; A_0 = r_0 + V_1 − V_0 + A_1
    rewards = torch.tensor([[0.0, 1.0]])
    values = torch.tensor([[0.5, 0.25]])
    adv, ret = compute_gae(rewards, values, torch.ones(1, 2), gamma=1.0, lam=1.0)
    assert torch.allclose(adv, torch.tensor([[0.5, 0.75]]))
    assert torch.allclose(ret, torch.tensor([[1.0, 1.0]]))      # returns = Monte-Carlo return when γ=λ=1


@pytest.mark.parametrize("gamma,lam", [(1.0, 0.95), (0.9, 0.8), (0.99, 0.0)])
def test_gae_matches_slow_reference_with_padding(gamma, lam):
    g = torch.Generator().manual_seed(0)
    rewards, values = torch.randn(4, 7, generator=g), torch.randn(4, 7, generator=g)
    mask = torch.tensor([[1] * 7, [1] * 4 + [0] * 3, [1] * 1 + [0] * 6, [1] * 6 + [0]])
    adv, ret = compute_gae(rewards, values, mask, gamma, lam)
    ref = slow_gae(rewards, values, mask, gamma, lam)
    assert torch.allclose(adv, ref, atol=1e-5)
    assert torch.all(adv[mask == 0] == 0) and torch.all(ret[mask == 0] == 0)
    # padding values/rewards must not leak in: change them, result unchanged
    adv2, _ = compute_gae(rewards + 100 * (1 - mask), values - 50 * (1 - mask), mask, gamma, lam)
    assert torch.allclose(adv, adv2, atol=1e-5)


def test_response_mask_cuts_after_first_eos():
    eos = 2
    responses = torch.tensor([[5, 6, 2, 0, 0], [5, 2, 7, 2, 0], [5, 6, 7, 8, 9]])
    expected = torch.tensor([[1, 1, 1, 0, 0], [1, 1, 0, 0, 0], [1, 1, 1, 1, 1]])
    assert torch.equal(response_mask(responses, eos), expected)


def test_rewards_kl_penalty_and_score_on_last_token():
    kl = torch.tensor([[0.1, 0.2, 0.3], [0.5, 9.0, 9.0]])
    mask = torch.tensor([[1, 1, 1], [1, 0, 0]])
    r = compute_rewards(torch.tensor([1.0, -2.0]), kl, mask, kl_coef=0.1)
    expected = torch.tensor([[-0.01, -0.02, -0.03 + 1.0], [-0.05 - 2.0, 0.0, 0.0]])
    assert torch.allclose(r, expected)
    # length penalty λ = 0.6 over max_new_tokens = 3: lengths 3 and 1 lose 0.6 and 0.2 on their last token
    r = compute_rewards(torch.tensor([1.0, -2.0]), kl, mask, kl_coef=0.1, length_penalty=0.6, max_new_tokens=3)
    expected = torch.tensor([[-0.01, -0.02, -0.03 + 1.0 - 0.6], [-0.05 - 2.0 - 0.2, 0.0, 0.0]])
    assert torch.allclose(r, expected)


def test_masked_mean_and_whiten_ignore_padding():
    x = torch.tensor([[1.0, 2.0, 1000.0], [3.0, -1000.0, -1000.0]])
    m = torch.tensor([[1, 1, 0], [1, 0, 0]])
    assert math.isclose(masked_mean(x, m).item(), 2.0)
    w = masked_whiten(x, m)
    assert torch.all(w[m == 0] == 0)
    assert math.isclose(masked_mean(w, m).item(), 0.0, abs_tol=1e-6)
    vals = w[m == 1]
    assert math.isclose(vals.std().item(), 1.0, rel_tol=1e-4)


def test_position_ids_and_last_token_with_left_and_right_padding():
    left = torch.tensor([[0, 0, 1, 1, 1], [1, 1, 1, 1, 1]])
    right = torch.tensor([[1, 1, 1, 0, 0]])
    assert position_ids_from_mask(left).tolist() == [[0, 0, 0, 1, 2], [0, 1, 2, 3, 4]]
    assert last_token_index(left).tolist() == [4, 4]
    assert last_token_index(right).tolist() == [2]
    # left prompt padding + response padding after eos
    both = torch.tensor([[0, 1, 1, 1, 0, 0]])
    assert last_token_index(both).tolist() == [3]


def test_adaptive_kl_controller_moves_towards_target():
    ctl = AdaptiveKLController(0.1, target=6.0, horizon=100)
    ctl.update(12.0, n_steps=10)                  # KL too high → β grows by 1 + 0.2·10/100
    assert math.isclose(ctl.value, 0.1 * 1.02)
    ctl.update(0.0, n_steps=10)                   # KL too low → β shrinks
    assert ctl.value < 0.1 * 1.02


def test_replay_buffer_minibatches_cover_all_rows_and_trim():
    B, P, A = 6, 3, 5
    mask = torch.tensor([[1, 1, 0, 0, 0]] * B)
    exp = Experience(sequences=torch.arange(B * (P + A)).view(B, P + A), attention_mask=torch.ones(B, P + A),
                     action_mask=mask, action_log_probs=torch.zeros(B, A), values=torch.zeros(B, A),
                     returns=torch.zeros(B, A), advantages=torch.zeros(B, A), kl=torch.zeros(B, A),
                     scores=torch.arange(B).float())
    buf = ReplayBuffer("cpu")
    buf.append(exp)
    seen = []
    for mb in buf.minibatches(4, torch.Generator().manual_seed(0)):
        assert mb.action_mask.shape[1] == 2 and mb.sequences.shape[1] == P + 2
        seen += mb.scores.tolist()
    assert sorted(seen) == list(range(B))
