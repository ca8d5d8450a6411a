"""Every loss against values computed by hand."""
import math

import pytest
import torch
import torch.nn.functional as F

from chatgpt.models.loss import GPTLMLoss, PairwiseLoss, PolicyLoss, ValueLoss, entropy_from_log_probs, entropy_from_logits


def test_pairwise_loss_hand_values():
    # −log σ(2 − 0) = log(1 + e^−2) = 0.126928; −log σ(0 − 1) = log(1 + e^1) = 1.313262
    loss = PairwiseLoss()(torch.tensor([2.0, 0.0]), torch.tensor([0.0, 1.0]))
    assert math.isclose(loss.item(), (math.log1p(math.exp(-2)) + math.log1p(math.e)) / 2, rel_tol=1e-6)


def test_pairwise_loss_is_stable_for_large_margins():
    loss = PairwiseLoss()(torch.tensor([-200.0]), torch.tensor([0.0]))
    assert math.isfinite(loss.item()) and math.isclose(loss.item(), 200.0, rel_tol=1e-6)


def test_lm_loss_masks_prompt_and_shifts():
    # vocab 2; logits favour token 0 at every position. labels: [-100, 0, 1] → targets at positions 1, 2
    logits = torch.tensor([[[2.0, 0.0], [0.0, 0.0], [1.0, 0.0]]])
    labels = torch.tensor([[-100, 0, 1]])
    # position 0 predicts label 0 (logits [2,0]): −log softmax = log(1+e^−2); position 1 predicts 1 (uniform): log 2
    expected = (math.log1p(math.exp(-2)) + math.log(2)) / 2
    assert math.isclose(GPTLMLoss()(logits, labels).item(), expected, rel_tol=1e-6)


def test_policy_loss_clipping_hand_values():
    # ratios e^{0.5}=1.6487 (clipped to 1.2 for A>0) and e^{-0.5}=0.6065 (clipped to 0.8 for A<0); 3rd token masked
    logp = torch.tensor([[0.5, -0.5, 3.0]])
    old = torch.zeros(1, 3)
    adv = torch.tensor([[1.0, -1.0, 100.0]])
    mask = torch.tensor([[1, 1, 0]])
    loss, stats = PolicyLoss(0.2)(logp, old, adv, mask)
    # token 1: min(1.6487·1, 1.2·1) = 1.2 ; token 2: min(0.6065·−1, 0.8·−1) = −0.8 ; mean = 0.2 → loss −0.2
    assert math.isclose(loss.item(), -0.2, rel_tol=1e-5)
    assert stats["clip_fraction"] == 1.0
    assert math.isclose(stats["approx_kl"], 0.0, abs_tol=1e-7)     # (−0.5 + 0.5) / 2


def test_policy_loss_unclipped_is_ratio_times_advantage():
    logp = torch.tensor([[0.1]])
    loss, stats = PolicyLoss(0.2)(logp, torch.zeros(1, 1), torch.tensor([[2.0]]), torch.ones(1, 1))
    assert math.isclose(loss.item(), -2 * math.exp(0.1), rel_tol=1e-6)
    assert stats["clip_fraction"] == 0.0


def test_value_loss_clipped_hand_values():
    values = torch.tensor([[1.0, 0.0, 5.0]])
    old = torch.tensor([[0.0, 0.0, 0.0]])
    returns = torch.tensor([[2.0, 1.0, 0.0]])
    mask = torch.tensor([[1, 1, 0]])
    # token 1: unclipped (1−2)²=1, clipped v=0.2 → (0.2−2)²=3.24 → max 3.24 ; token 2: (0−1)²=1 both → 1
    loss = ValueLoss(0.2)(values, old, returns, mask)
    assert math.isclose(loss.item(), 0.5 * (3.24 + 1.0) / 2, rel_tol=1e-6)
    assert math.isclose(ValueLoss(None)(values, old, returns, mask).item(), 0.5 * (1 + 1) / 2, rel_tol=1e-6)


def test_entropy_uniform_and_peaked():
    logits = torch.tensor([[[0.0, 0.0, 0.0, 0.0], [100.0, 0.0, 0.0, 0.0]]])
    h = entropy_from_logits(logits)
    assert math.isclose(h[0, 0].item(), math.log(4), rel_tol=1e-6)
    assert h[0, 1].item() < 1e-6
    # p = (½, ¼, ¼): H = ½ log 2 + 2 · ¼ log 4 = 1.5 log 2
    logp = torch.tensor([0.5, 0.25, 0.25]).log()
    assert math.isclose(entropy_from_log_probs(logp).item(), 1.5 * math.log(2), rel_tol=1e-6)


def test_labelled_lm_loss_equals_full_logits_loss_and_gradients(lm):
    """The SFT fast path (LM head only on labelled positions) gives the same loss and gradients."""
    from chatgpt.models.loss import labelled_lm_loss

    torch.manual_seed(0)
    ids = torch.randint(3, lm.config.vocab_size, (3, 9))
    mask = torch.ones_like(ids)
    mask[1, 6:] = 0                                    # right padding on row 1
    labels = ids.clone()
    labels[:, :4] = -100                               # prompt
    labels[mask == 0] = -100                           # padding
    labels[2, 7] = -100                                # a hole in the middle
    full = GPTLMLoss()(lm(input_ids=ids, attention_mask=mask).logits, labels)
    full.backward()
    g_full = [p.grad.clone() for p in lm.parameters()]
    lm.zero_grad()
    fast = labelled_lm_loss(lm, ids, mask, labels)
    fast.backward()
    assert math.isclose(fast.item(), full.item(), rel_tol=1e-5)
    for a, p in zip(g_full, lm.parameters()):
        assert torch.allclose(a, p.grad, atol=1e-6)


@pytest.mark.parametrize("block_rows", [10, 1000])                # blocks of 10 rows (3, the last short), or one
@pytest.mark.parametrize("bias", [False, True])
def test_linear_cross_entropy_equals_cross_entropy_and_gradients(bias, block_rows, monkeypatch):
    """The blocked head + cross-entropy (gradients built in the forward pass) matches the plain one."""
    import chatgpt.models.loss as L

    monkeypatch.setattr(L, "CE_CHUNK_ELEMENTS", 7 * 50)             # chunks of 7 rows: several, the last one short
    monkeypatch.setattr(L, "CE_BLOCK_ELEMENTS", block_rows * 50)
    torch.manual_seed(0)
    h = torch.randn(23, 16, requires_grad=True)
    head = torch.nn.Linear(16, 50, bias=bias)
    y = torch.randint(0, 50, (23,))
    ref = F.cross_entropy(head(h), y)
    g_ref = torch.autograd.grad(3.0 * ref, [h, head.weight] + ([head.bias] if bias else []))
    out = L.linear_cross_entropy(h, head.weight, head.bias, y)
    g_out = torch.autograd.grad(3.0 * out, [h, head.weight] + ([head.bias] if bias else []))
    assert math.isclose(out.item(), ref.item(), rel_tol=1e-6)
    for a, b in zip(g_ref, g_out):
        assert torch.allclose(a, b, atol=1e-7)
    with torch.no_grad():                                           # loss only
        assert math.isclose(L.linear_cross_entropy(h, head.weight, head.bias, y).item(), ref.item(), rel_tol=1e-6)
