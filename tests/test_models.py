"""Actor/Critic/RewardModel: padding invariance, reward at the last real token, save/load, LoRA, experience."""
import copy

import pytest
import torch

from chatgpt.config import PPOConfig
from chatgpt.dataset import PromptCollator, PromptDataset, RewardCollator, RewardDataset, SupervisedCollator, \
    SupervisedDataset, left_pad, right_pad
from chatgpt.experience import ExperienceMaker
from chatgpt.models import Actor, Critic, RewardModel, convert_to_lora, merge_lora
from chatgpt.template import format_prompt
from tests.conftest import PAIRS, SFT_RECORDS, make_model


def test_sft_labels_mask_prompt_and_end_with_eos(tokenizer):
    ds = SupervisedDataset(SFT_RECORDS, tokenizer, max_length=128)
    ex = ds[0]
    n_prompt = len(tokenizer(format_prompt(SFT_RECORDS[0]["prompt"]), add_special_tokens=False)["input_ids"])
    assert ex["labels"][:n_prompt] == [-100] * n_prompt
    assert ex["labels"][n_prompt:] == ex["input_ids"][n_prompt:]
    assert ex["input_ids"][-1] == tokenizer.eos_token_id
    batch = SupervisedCollator(tokenizer)([ds[0], ds[1]])
    short = 0 if len(ds[0]["input_ids"]) < len(ds[1]["input_ids"]) else 1
    n = len(ds[short]["input_ids"])
    assert torch.all(batch["input_ids"][short, n:] == tokenizer.pad_token_id)   # right padding
    assert torch.all(batch["labels"][short, n:] == -100)
    assert batch["attention_mask"][short].sum() == n


def test_prompt_collator_left_pads(tokenizer):
    ds = PromptDataset(["짧은 질문", "조금 더 긴 질문을 해 볼게요 정말 길게"], tokenizer)
    b = PromptCollator(tokenizer)([ds[0], ds[1]])
    assert b["attention_mask"][0, -1] == 1 and b["attention_mask"][0, 0] == 0
    assert b["input_ids"][0, 0] == tokenizer.pad_token_id


def test_reward_is_read_at_last_real_token_and_ignores_padding(tokenizer, lm):
    rm = RewardModel(lm).eval()
    ids = tokenizer("서울은 한국의 수도입니다.</s>", add_special_tokens=False)["input_ids"]
    a, ma = right_pad([ids], tokenizer.pad_token_id)
    b, mb = right_pad([ids, ids + [5] * 7], tokenizer.pad_token_id)   # row 0 now carries 7 pads
    c, mc = left_pad([ids, ids + [5] * 7], tokenizer.pad_token_id)    # left padding too
    with torch.no_grad():
        ra, rb, rc = rm(a, ma), rm(b, mb), rm(c, mc)
        full = rm.hidden_values(a, ma)
    assert torch.allclose(ra[0], rb[0], atol=1e-5) and torch.allclose(ra[0], rc[0], atol=1e-5)
    assert torch.allclose(ra[0], full[0, -1], atol=1e-6)        # the last real token, not a mean


def test_actor_log_probs_are_padding_invariant(tokenizer, lm):
    actor = Actor(lm).eval()
    seq = tokenizer("김치찌개는 돼지고기와 김치로 끓여요.", add_special_tokens=False)["input_ids"]
    a, ma = left_pad([seq], tokenizer.pad_token_id)
    b, mb = left_pad([seq, seq + seq], tokenizer.pad_token_id)
    with torch.no_grad():
        la = actor.action_log_probs(a, ma, 4)
        lb = actor.action_log_probs(b, mb, 4)
    assert torch.allclose(la[0], lb[0], atol=1e-5)


def test_value_head_round_trip(tmp_path, tokenizer, lm):
    rm = RewardModel(lm)
    torch.nn.init.normal_(rm.value_head.weight)
    rm.score_shift.fill_(0.3)
    rm.score_scale.fill_(2.0)
    rm.save_pretrained(tmp_path, tokenizer=tokenizer)
    back = RewardModel.from_pretrained(tmp_path)
    assert (tmp_path / "value_head.safetensors").exists() and (tmp_path / "model.safetensors").exists()
    assert not list(tmp_path.glob("*.bin")) and not list(tmp_path.glob("*.pt"))
    ids, mask = right_pad([[5, 6, 7, 8]], tokenizer.pad_token_id)
    with torch.no_grad():
        assert torch.allclose(rm.eval()(ids, mask), back.eval()(ids, mask), atol=1e-6)
        assert torch.allclose(rm.score(ids, mask), back.score(ids, mask), atol=1e-6)
    critic = Critic.from_pretrained(tmp_path)                  # critic initialised from the RM, head included
    assert torch.equal(critic.value_head.weight, rm.value_head.weight)
    # the critic reads values on the RM's normalised scale (the scale of PPO's rewards): (raw − 0.3) / 2.0
    with torch.no_grad():
        raw = rm.hidden_values(ids, mask)                                 # (1, 4)
        assert torch.allclose(critic.eval()(ids, mask, 3), (raw[:, -4:-1] - 0.3) / 2.0, atol=1e-5)


def test_value_model_loads_from_causal_lm_checkpoint(lm_dir):
    rm = RewardModel.from_pretrained(lm_dir)                    # body of an LM checkpoint, fresh head
    assert rm.value_head.out_features == 1


def test_lora_wraps_conv1d_and_trains_only_lora(tokenizer):
    import loralib

    model = make_model(tokenizer)
    ref = copy.deepcopy(model)
    n = convert_to_lora(model, r=4, alpha=8, dropout=0.0)
    assert n == 2 * 4            # per layer: attn.c_attn, attn.c_proj, mlp.c_fc, mlp.c_proj
    wrapped = [m for m in model.modules() if isinstance(m, loralib.Linear)]
    assert any(m.fan_in_fan_out for m in wrapped)
    trainable = {n for n, p in model.named_parameters() if p.requires_grad}
    assert trainable and all("lora_" in n for n in trainable)
    ids = torch.tensor([[5, 6, 7, 8, 9]])
    with torch.no_grad():       # B = 0 at init: the function is unchanged
        assert torch.allclose(model(ids).logits, ref(ids).logits, atol=1e-5)
    before = {n: p.clone() for n, p in model.named_parameters()}
    opt = torch.optim.SGD([p for p in model.parameters() if p.requires_grad], lr=0.5)
    model(ids, labels=ids).loss.backward()
    opt.step()
    changed = {n for n, p in model.named_parameters() if not torch.equal(p, before[n])}
    assert changed and all("lora_" in n for n in changed)
    model.eval()
    with torch.no_grad():
        out = model(ids).logits
    merge_lora(model)
    from transformers.pytorch_utils import Conv1D

    assert not any(isinstance(m, loralib.Linear) for m in model.modules())
    assert isinstance(model.transformer.h[0].attn.c_attn, Conv1D)
    with torch.no_grad():
        assert torch.allclose(model(ids).logits, out, atol=1e-4)


def test_make_experience_shapes_masks_and_kl(tokenizer):
    torch.manual_seed(0)
    actor = Actor(make_model(tokenizer, seed=1))
    initial = Actor(copy.deepcopy(actor.model))
    critic, rm = Critic(make_model(tokenizer, seed=2)), RewardModel(make_model(tokenizer, seed=3))
    cfg = PPOConfig(max_new_tokens=6, kl_coef=0.1)
    maker = ExperienceMaker(actor, critic, rm, initial, tokenizer, cfg)
    batch = PromptCollator(tokenizer)([PromptDataset(["서울?", "김치찌개 끓이는 법 알려줘"], tokenizer)[i]
                                       for i in range(2)])
    exp = maker.make_experience(batch["input_ids"], batch["attention_mask"])
    B, A = exp.action_mask.shape
    assert B == 2 and A <= 6 and exp.sequences.shape[1] == batch["input_ids"].shape[1] + A
    # identical actor and reference → per-token KL is exactly 0, so the return of token 0 is the score
    assert torch.allclose(exp.kl, torch.zeros_like(exp.kl), atol=1e-5)
    for t in (exp.kl, exp.advantages, exp.returns, exp.values):
        assert torch.all(t[exp.action_mask == 0] == 0)
    # zero KL: at the last token R = score − length_penalty · L / max_new_tokens
    lengths = exp.action_mask.sum(-1)
    shaped = exp.scores - cfg.length_penalty * lengths / cfg.max_new_tokens
    assert cfg.length_penalty > 0 and torch.allclose(exp.returns[torch.arange(B), lengths - 1], shaped, atol=1e-5)


def _left_padded(tokenizer):
    from chatgpt.dataset import PromptCollator, PromptDataset

    ds = PromptDataset(["안녕하세요", "오늘 날씨가 어때요? 자세히 알려 주세요"], tokenizer, 64)
    return PromptCollator(tokenizer)([ds[0], ds[1]])


@pytest.mark.parametrize("temperature", [1.0, 0.7])
def test_lean_sampler_log_probs_match_a_full_forward(lm, tokenizer, temperature):
    """The sampler's log π_T equals the actor's full-sequence log-probs at the same T (left padding, KV cache)."""
    from chatgpt.experience import response_mask
    from chatgpt.models import Actor

    actor = Actor(lm).eval()
    b = _left_padded(tokenizer)
    P = b["input_ids"].size(1)
    torch.manual_seed(0)
    seq, logp = actor.sample(b["input_ids"], b["attention_mask"], eos_token_id=tokenizer.eos_token_id,
                             pad_token_id=tokenizer.pad_token_id, max_new_tokens=12, temperature=temperature)
    A = seq.size(1) - P
    assert logp.shape == (2, A) and 0 < A <= 12
    mask = response_mask(seq[:, P:], tokenizer.eos_token_id)
    attn = torch.cat([b["attention_mask"], mask], 1)
    full = actor.action_log_probs(seq, attn, A, temperature=temperature)
    assert torch.allclose(logp * mask, full * mask, atol=1e-4)
    if temperature != 1.0:      # and it is not the untempered distribution
        assert not torch.allclose(logp * mask, actor.action_log_probs(seq, attn, A) * mask, atol=1e-2)
    assert torch.all(logp[mask == 0] == 0) and torch.all(seq[:, P:][mask == 0] == tokenizer.pad_token_id)


def test_lean_greedy_matches_transformers_generate(lm, tokenizer):
    from chatgpt.models.generation import sample

    b = _left_padded(tokenizer)
    kw = dict(eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.pad_token_id, max_new_tokens=10)
    ours, _ = sample(lm.eval(), b["input_ids"], b["attention_mask"], do_sample=False, **kw)
    hf = lm.generate(input_ids=b["input_ids"], attention_mask=b["attention_mask"], do_sample=False,
                     temperature=None, top_k=None, top_p=None, **kw)
    assert torch.equal(ours, hf[:, : ours.size(1)])


def test_filter_logits_top_k_and_top_p_hand_values():
    from chatgpt.models.generation import filter_logits

    # probs of [2, 1, 0, -1] ∝ e^x: 0.6439, 0.2369, 0.0871, 0.0321
    z = torch.tensor([[2.0, 1.0, 0.0, -1.0]])
    assert torch.isinf(filter_logits(z, top_k=2)).tolist() == [[False, False, True, True]]
    # top-p 0.8: 0.6439 < 0.8 so the 2nd token is needed (mass 0.8808), the 3rd is not
    assert torch.isinf(filter_logits(z, top_p=0.8)).tolist() == [[False, False, True, True]]
    assert torch.isinf(filter_logits(z, top_p=0.5)).tolist() == [[False, True, True, True]]
    assert not torch.isinf(filter_logits(z, top_p=0.9)).tolist()[0][2]


def test_sample_categorical_frequencies_and_zero_probability():
    from chatgpt.models.generation import sample_categorical

    torch.manual_seed(0)
    probs = torch.tensor([[0.0, 0.5, 0.0, 0.3, 0.2, 0.0]]).repeat(20000, 1)
    draws = sample_categorical(probs)
    freq = torch.bincount(draws, minlength=6).float() / len(draws)
    assert freq[[0, 2, 5]].sum() == 0                       # zero-probability tokens are never drawn
    assert torch.allclose(freq[[1, 3, 4]], torch.tensor([0.5, 0.3, 0.2]), atol=0.015)
    # unnormalised (filtered) rows work too
    assert sample_categorical(torch.tensor([[0.0, 0.0, 3.0]])).item() == 2


def _eos_loving_model(tokenizer, eos_logit: float = 8.0):
    """A random GPT-2 whose next-token logits are the same at every position, eos's ≈ ``eos_logit``, the rest ≈ 0."""
    lm = make_model(tokenizer)
    with torch.no_grad():
        ln_f, wte = lm.transformer.ln_f, lm.transformer.wte.weight
        b = torch.randn(ln_f.bias.shape, generator=torch.Generator().manual_seed(0))
        ln_f.weight.zero_()                                   # final hidden state = b everywhere
        ln_f.bias.copy_(b)
        wte[tokenizer.eos_token_id] = eos_logit * b / b.dot(b)
    return lm.eval()


def test_min_new_tokens_suppresses_eos_and_returns_the_eos_free_log_probs(tokenizer):
    from chatgpt.experience import response_mask

    lm, eos, T, m = _eos_loving_model(tokenizer), tokenizer.eos_token_id, 0.7, 4
    actor = Actor(lm)
    b = _left_padded(tokenizer)
    ids, mask = b["input_ids"].repeat(4, 1), b["attention_mask"].repeat(4, 1)        # 8 rows
    P = ids.size(1)
    kw = dict(eos_token_id=eos, pad_token_id=tokenizer.pad_token_id, max_new_tokens=8, temperature=T)
    torch.manual_seed(0)
    free, _ = actor.sample(ids, mask, **kw)
    assert (free[:, P] == eos).float().mean() > 0.5             # without it most rows stop at once (p(eos) ≈ 0.99)
    torch.manual_seed(0)
    seq, logp = actor.sample(ids, mask, min_new_tokens=m, **kw)
    resp = seq[:, P:]
    A = resp.size(1)
    assert A > m and not (resp[:, :m] == eos).any()             # no eos among the first m tokens of any row
    rmask = response_mask(resp, eos)
    assert (rmask.sum(-1) > m).all()
    # log-probs: of softmax(z/T) with eos removed for t < m, i.e. log π_T(a) − log(1 − π_T(eos)); plain log π_T after
    attn = torch.cat([mask, rmask], 1)
    with torch.no_grad():
        logp_all = torch.log_softmax(actor(seq, attn, A + 1, T)[:, :-1].float(), -1)        # (B, A, V)
    full = logp_all.gather(-1, resp.unsqueeze(-1)).squeeze(-1)
    no_eos = torch.log1p(-logp_all[..., eos].exp())
    expected = torch.where(torch.arange(A) < m, full - no_eos, full)
    assert torch.allclose(logp * rmask, expected * rmask, atol=1e-4)
    # min = max: fixed-length responses, exactly max_new_tokens each, no eos at all
    torch.manual_seed(0)
    seq, logp = actor.sample(ids, mask, min_new_tokens=8, **kw)
    assert seq.size(1) == P + 8 and logp.shape == (8, 8) and not (seq[:, P:] == eos).any()
    with pytest.raises(ValueError, match="min_new_tokens"):
        actor.sample(ids, mask, min_new_tokens=9, **kw)


def test_fixed_length_rollouts_with_ppo_min_new_tokens(tokenizer):
    with pytest.raises(ValueError, match="min_new_tokens"):
        PPOConfig(max_new_tokens=6, min_new_tokens=7)
    torch.manual_seed(0)
    actor = Actor(_eos_loving_model(tokenizer))
    initial = Actor(copy.deepcopy(actor.model))
    critic, rm = Critic(make_model(tokenizer, seed=2)), RewardModel(make_model(tokenizer, seed=3))
    maker = ExperienceMaker(actor, critic, rm, initial, tokenizer, PPOConfig(max_new_tokens=6, min_new_tokens=6))
    batch = PromptCollator(tokenizer)([PromptDataset(["서울?", "김치찌개 끓이는 법 알려줘"], tokenizer)[i]
                                       for i in range(2)])
    exp = maker.make_experience(batch["input_ids"], batch["attention_mask"])
    assert exp.action_mask.shape == (2, 6) and exp.action_mask.all()
    assert not (exp.sequences[:, -6:] == tokenizer.eos_token_id).any()
    # the eos-free sampler's log-probs are those of the reference minus log(1 − π_ref(eos)) (actor = reference)
    assert (exp.kl > 0).all()


def test_finished_rows_leave_the_batch_without_changing_the_samples(tokenizer, monkeypatch):
    """Dropping finished rows from the KV cache gives the same tokens and log-probs as decoding them to the end."""
    import transformers.cache_utils as cu

    assert callable(getattr(cu.DynamicCache, "reorder_cache", None))                    # the compacting path runs
    lm, eos = _eos_loving_model(tokenizer, eos_logit=4.5), tokenizer.eos_token_id        # p(eos) ≈ 0.2 per step
    b = _left_padded(tokenizer)
    ids, mask = b["input_ids"].repeat(6, 1), b["attention_mask"].repeat(6, 1)          # 12 rows
    kw = dict(eos_token_id=eos, pad_token_id=tokenizer.pad_token_id, max_new_tokens=16, temperature=1.0)
    torch.manual_seed(0)
    seq, logp = Actor(lm).sample(ids, mask, **kw)
    ends = (seq[:, ids.size(1):] == eos).float().argmax(-1)
    assert len(set(ends.tolist())) > 3                                                 # rows end at different steps
    for cls in {cu.Cache, cu.DynamicCache}:
        monkeypatch.setattr(cls, "reorder_cache", None, raising=False)                  # no compaction possible
    torch.manual_seed(0)
    seq_full, logp_full = Actor(lm).sample(ids, mask, **kw)
    assert torch.equal(seq, seq_full) and torch.allclose(logp, logp_full, atol=1e-5)


@pytest.mark.parametrize("do_sample,min_new", [(True, 0), (False, 0), (True, 16)])
def test_lean_gpt2_decoder_matches_the_model_forward(tokenizer, monkeypatch, do_sample, min_new):
    """GPT2Decoder (preallocated keys/values, plain ops) gives the tokens and log-probs of the model's own forward."""
    import chatgpt.models.generation as G

    lm, eos = _eos_loving_model(tokenizer, eos_logit=4.5), tokenizer.eos_token_id
    assert G.GPT2Decoder.supports(lm) and not G.GPT2Decoder.supports(lm.train())
    lm.eval()
    b = _left_padded(tokenizer)
    ids, mask = b["input_ids"].repeat(6, 1), b["attention_mask"].repeat(6, 1)
    kw = dict(eos_token_id=eos, pad_token_id=tokenizer.pad_token_id, max_new_tokens=16, temperature=0.8,
              do_sample=do_sample, min_new_tokens=min_new)
    out = {}
    for lean in (True, False):
        monkeypatch.setattr(G, "LEAN_GPT2", lean)
        torch.manual_seed(0)
        out[lean] = G.sample(lm, ids, mask, **kw)
    assert torch.equal(out[True][0], out[False][0])
    assert torch.allclose(out[True][1], out[False][1], atol=1e-5)


def test_lean_gpt2_decoder_logits_equal_a_full_forward(lm, tokenizer):
    """Teacher-forced decode steps of GPT2Decoder equal the logits of a full forward (left padding, compaction)."""
    from chatgpt.models.generation import GPT2Decoder
    from chatgpt.models.utils import position_ids_from_mask

    lm.eval()
    b = _left_padded(tokenizer)
    ids, mask = b["input_ids"], b["attention_mask"]
    pos = position_ids_from_mask(mask)
    with torch.no_grad():
        out = lm(input_ids=ids, attention_mask=mask, position_ids=pos, use_cache=True)
        dec = GPT2Decoder(lm, out.past_key_values, mask, 6)
        fed = torch.randint(3, len(tokenizer), (2, 6), generator=torch.Generator().manual_seed(0))
        for t in range(6):
            if t == 3:                                                   # row 0 leaves the batch
                dec.keep(torch.tensor([1]))
            rows = [0, 1] if t < 3 else [1]
            step = dec.step(fed[rows, t], pos[rows, -1] + 1 + t)                               # (b, V)
            seq = torch.cat([ids, fed[:, : t + 1]], 1)
            m = torch.cat([mask, torch.ones(2, t + 1, dtype=mask.dtype)], 1)
            full = lm(input_ids=seq, attention_mask=m, position_ids=position_ids_from_mask(m)).logits[:, -1]
            assert torch.allclose(step, full[rows], atol=1e-4), t


@pytest.mark.parametrize("shape", [(3, 5, 7), (4, 128, 160)])              # F.gelu below the threshold, σ form above
def test_fused_gelu_equals_gpt2_gelu_new_with_gradients(shape):
    from transformers.activations import NewGELUActivation

    from chatgpt.models.utils import GELU_SIGMOID_MIN_ELEMENTS, FusedGELUTanh

    x = (3 * torch.randn(*shape, generator=torch.Generator().manual_seed(0))).requires_grad_()
    assert (x.numel() >= GELU_SIGMOID_MIN_ELEMENTS) is (shape[1] == 128)
    ours, ref = FusedGELUTanh()(x), NewGELUActivation()(x)
    assert torch.allclose(ours, ref, atol=1e-6)
    g = torch.randn(*shape, generator=torch.Generator().manual_seed(1))
    assert torch.allclose(torch.autograd.grad(ours, x, g)[0], torch.autograd.grad(ref, x, g)[0], atol=1e-5)
    with torch.no_grad():
        assert torch.allclose(FusedGELUTanh()(x), ref, atol=1e-6)
