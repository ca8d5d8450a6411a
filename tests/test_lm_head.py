"""token_log_probs (chunked LM head + log-softmax + entropy) against the full logits, values and gradients."""
import pytest
import torch
import torch.nn.functional as F

from chatgpt.models import lm_head
from chatgpt.models.lm_head import token_log_probs


def reference(h, W, b, y, T):
    z = F.linear(h, W, b).float() / T
    logp_all = F.log_softmax(z, -1)
    return logp_all.gather(1, y[:, None]).squeeze(1), -(logp_all.exp() * logp_all).sum(-1)


def leaves(seed, n=37, H=6, V=11, bias=True, dtype=torch.float64):
    g = torch.Generator().manual_seed(seed)
    h = torch.randn(n, H, generator=g, dtype=dtype, requires_grad=True)
    W = torch.randn(V, H, generator=g, dtype=dtype, requires_grad=True)
    b = torch.randn(V, generator=g, dtype=dtype, requires_grad=True) if bias else None
    y = torch.randint(0, V, (n,), generator=g)
    return h, W, b, y


def test_hand_computed_two_tokens():
    # z = h Wᵀ / T with W = I: row 0 z = (2, 0)/2 = (1, 0): log π(0) = 1 − log(e + 1), H = log(e+1) − e/(e+1)
    h = torch.tensor([[2.0, 0.0], [0.0, 0.0]])
    logp, ent = token_log_probs(h, torch.eye(2), None, torch.tensor([0, 1]), temperature=2.0)
    e = torch.e
    lse = torch.log(torch.tensor(e + 1))
    assert torch.allclose(logp, torch.stack([1 - lse, -torch.log(torch.tensor(2.0))]), atol=1e-6)
    assert torch.allclose(ent, torch.stack([lse - e / (e + 1), torch.log(torch.tensor(2.0))]), atol=1e-6)


@pytest.mark.parametrize("bias", [True, False])
@pytest.mark.parametrize("T", [1.0, 0.7])
@pytest.mark.parametrize("entropy_in_loss", [False, True])
def test_values_and_gradients_match_full_logits(monkeypatch, bias, T, entropy_in_loss):
    monkeypatch.setattr(lm_head, "CHUNK_ELEMENTS", 50)                  # 4 rows per chunk: many chunks
    monkeypatch.setattr(lm_head, "NO_GRAD_CHUNK_ELEMENTS", 30)          # 2 rows per chunk
    h, W, b, y = leaves(0, bias=bias)
    gl = torch.randn(h.size(0), dtype=torch.float64)
    ge = torch.randn(h.size(0), dtype=torch.float64)

    def loss(lp, en):
        return (lp * gl).sum() + ((en * ge).sum() if entropy_in_loss else 0.0)

    ours = token_log_probs(h, W, b, y, T)
    ref = reference(h, W, b, y, T)
    for a, r in zip(ours, ref):
        assert torch.allclose(a.double(), r.double(), atol=1e-5)
    with torch.no_grad():                                               # the no-gradient pass, with and without H
        ng_lp, ng_ent = token_log_probs(h, W, b, y, T)
        ng_only = token_log_probs(h, W, b, y, T, with_entropy=False)
    for a, r in ((ng_lp, ref[0]), (ng_ent, ref[1]), (ng_only, ref[0])):
        assert torch.allclose(a.double(), r.double(), atol=1e-5)
    params = [p for p in (h, W, b) if p is not None]
    g_ours = torch.autograd.grad(loss(*ours), params)
    g_ref = torch.autograd.grad(loss(*ref), params)
    for a, r in zip(g_ours, g_ref):
        assert torch.allclose(a.double(), r.double(), atol=1e-5), (a - r).abs().max()


def test_detached_entropy_gets_no_gradient_and_logp_gradient_is_exact():
    h, W, b, y = leaves(1, dtype=torch.float32)
    logp, ent = token_log_probs(h, W, b, y, 0.7)
    gh, gW = torch.autograd.grad((logp.sum() + ent.detach().sum()), (h, W))
    rh, rW = torch.autograd.grad(reference(h, W, b, y, 0.7)[0].sum(), (h, W))
    assert torch.allclose(gh, rh, atol=1e-5) and torch.allclose(gW, rW, atol=1e-5)


def test_log_probs_alone_and_a_second_backward_is_refused():
    h, W, b, y = leaves(3, dtype=torch.float32)
    logp = token_log_probs(h, W, b, y, 1.3, with_entropy=False)
    gW, = torch.autograd.grad(logp.sum(), W, retain_graph=True)
    assert torch.allclose(gW, torch.autograd.grad(reference(h, W, b, y, 1.3)[0].sum(), W)[0], atol=1e-5)
    with pytest.raises(RuntimeError, match="inplace"):           # the saved softmax became the gradient in place
        torch.autograd.grad(logp.sum(), W)


def test_no_rows_gives_empty_outputs_and_zero_gradients():
    h, W, b, y = leaves(4, n=0, dtype=torch.float32)
    logp, ent = token_log_probs(h, W, b, y, 0.7)
    assert logp.shape == ent.shape == (0,)
    gW, = torch.autograd.grad(logp.sum(), W)
    assert torch.equal(gW, torch.zeros_like(W))


def test_no_grad_needs_no_graph_and_checks_inputs():
    h, W, b, y = leaves(2, dtype=torch.float32)
    with torch.no_grad():
        logp, ent = token_log_probs(h, W, b, y)
    assert not logp.requires_grad and logp.shape == ent.shape == (h.size(0),)
    assert (logp <= 0).all() and (ent >= 0).all()
    with pytest.raises(ValueError, match="temperature"):
        token_log_probs(h, W, b, y, 0.0)
    with pytest.raises(ValueError, match="labels"):
        token_log_probs(h, W, b, y[:-1])


@pytest.mark.parametrize("family", ["kogpt2", "llama", "qwen2", "gemma2"])
def test_actor_log_probs_equal_the_full_logits_path(family):
    """Every base: the actor's (log π, H) equal log-softmax of its own logits / T, gradients included — through
    the chunked head where the head is plain, through the logits where they are transformed (Gemma2's cap)."""
    from chatgpt.foundation import supports_fast_loss
    from chatgpt.models import Actor
    from chatgpt.random_bases import make_family_model, make_family_tokenizer

    tok = make_family_tokenizer(family)
    model = make_family_model(family, tok).eval()
    with torch.no_grad():
        model.get_output_embeddings().weight.mul_(30)                    # large logits: Gemma2's cap matters
    actor = Actor(model)
    g = torch.Generator().manual_seed(0)
    seq = torch.randint(3, len(tok), (3, 12), generator=g)
    attn = torch.ones_like(seq)
    attn[0, :4] = 0                                                       # left padding
    A, T = 5, 0.7
    logp, ent = actor.action_log_probs_and_entropy(seq, attn, A, temperature=T)
    logits = actor(seq, attn, temperature=T, num_actions=A).float()       # (B, A, V), the plain path
    ref_all = F.log_softmax(logits, -1)
    ref = ref_all.gather(-1, seq[:, -A:, None]).squeeze(-1)
    assert torch.allclose(logp, ref, atol=1e-4)
    assert torch.allclose(ent, -(ref_all.exp() * ref_all).sum(-1), atol=1e-4)
    assert supports_fast_loss(model) is (family != "gemma2")
    params = [p for p in model.parameters() if p.requires_grad]
    w = torch.randn(logp.shape, generator=g)
    g_fast = torch.autograd.grad((logp * w).sum() + 0.1 * ent.sum(), params, allow_unused=True)
    g_ref = torch.autograd.grad((ref * w).sum() + 0.1 * (-(ref_all.exp() * ref_all).sum(-1)).sum(), params,
                                allow_unused=True)
    for a, r in zip(g_fast, g_ref):
        if a is None or r is None:
            assert a is None and r is None
            continue
        assert torch.allclose(a, r, atol=1e-3, rtol=1e-3), (a - r).abs().max()
    with torch.no_grad():
        assert torch.allclose(actor.action_log_probs(seq, attn, A, temperature=T), ref, atol=1e-4)


@pytest.mark.parametrize("family", ["kogpt2", "gemma2"])
def test_dpo_sequence_log_probs_equal_the_model_logits(family):
    """DPO's Σ_t log π(y_t) equals the sum over the model's own logits — Gemma2's soft-capped ones included."""
    from chatgpt.models.utils import position_ids_from_mask
    from chatgpt.random_bases import make_family_model, make_family_tokenizer
    from chatgpt.trainer.dpo import sequence_log_probs

    tok = make_family_tokenizer(family)
    model = make_family_model(family, tok).eval()
    with torch.no_grad():
        model.get_output_embeddings().weight.mul_(30)
    g = torch.Generator().manual_seed(1)
    ids = torch.randint(3, len(tok), (2, 10), generator=g)
    attn = torch.ones_like(ids)
    labels = ids.clone()
    labels[:, :4] = -100                                                  # the prompt
    labels[1, 8:] = -100
    got, n = sequence_log_probs(model, ids, attn, labels, temperature=0.8)
    logits = model(input_ids=ids, attention_mask=attn, position_ids=position_ids_from_mask(attn)).logits[:, :-1]
    lp = F.log_softmax(logits.float() / 0.8, -1).gather(-1, ids[:, 1:, None]).squeeze(-1)
    keep = labels[:, 1:] != -100
    assert n.tolist() == keep.sum(-1).tolist()
    assert torch.allclose(got, (lp * keep).sum(-1), atol=1e-4)
