"""Defects a real foundation model exposes and the tiny GPT-2 hides (issue #11).

The tiny profile's GPT-2 has dropout 0, fp32 weights, GPT-2 names and its own special
tokens; KoGPT-2 and the Llama-style bases have dropout 0.1, are loaded in bf16, and
ship other special tokens. Each test here failed before its fix.
"""
import copy

import pytest
import torch

from chatgpt.config import PPOConfig
from chatgpt.dataset import PromptDataset
from chatgpt.models import Actor, Critic, RewardModel
from chatgpt.trainer import NaiveStrategy, PPOTrainer
from tests.conftest import SFT_RECORDS, make_model


def dropout_model(tokenizer, seed, p=0.1):
    """The conftest GPT-2 with KoGPT-2's dropout (resid / embd / attn pdrop 0.1)."""
    model = make_model(tokenizer, seed=seed)
    for m in model.modules():
        if isinstance(m, torch.nn.Dropout):
            m.p = p
    model.config.resid_pdrop = model.config.embd_pdrop = model.config.attn_pdrop = p
    return model


# --- (a) the PPO update must see the policy the rollout sampled from -------------------------------------------

def test_ppo_first_minibatch_is_on_policy_with_dropout(tokenizer):
    torch.manual_seed(0)
    actor = Actor(dropout_model(tokenizer, 1))
    initial = Actor(copy.deepcopy(actor.model))
    critic, rm = Critic(dropout_model(tokenizer, 2)), RewardModel(dropout_model(tokenizer, 3))
    cfg = PPOConfig(iterations=1, rollout_batch_size=4, train_batch_size=4, ppo_epochs=1, max_new_tokens=6,
                    actor_lr=1e-3, critic_lr=1e-3)
    trainer = PPOTrainer(actor, critic, rm, initial, tokenizer, cfg, strategy=NaiveStrategy("cpu"))
    before = {n: p.detach().clone() for n, p in actor.named_parameters()}
    hist = trainer.fit(PromptDataset([r["prompt"] for r in SFT_RECORDS], tokenizer), progress=False)
    # one minibatch = the whole rollout, before any step: π_θ = π_old exactly, so every ratio is 1
    assert hist["max_ratio"][0] == pytest.approx(1.0, abs=1e-4)
    assert hist["approx_kl"][0] == pytest.approx(0.0, abs=1e-5)
    assert hist["clip_fraction"][0] == 0.0
    assert any(not torch.equal(p, before[n]) for n, p in actor.named_parameters())   # and it still learns


# --- (b) the value head follows the backbone's dtype ----------------------------------------------------------

@pytest.mark.parametrize("cls", [RewardModel, Critic])
def test_value_head_follows_a_bf16_backbone(tokenizer, cls):
    model = cls(make_model(tokenizer).to(torch.bfloat16))
    assert model.value_head.weight.dtype == torch.bfloat16
    ids = torch.tensor([tokenizer.encode("서울은 한국의 수도입니다.")])
    out = model(ids, torch.ones_like(ids)) if cls is RewardModel else model(ids, torch.ones_like(ids), 2)
    assert out.dtype == torch.bfloat16 and torch.isfinite(out.float()).all()
    out.float().sum().backward()
    assert model.value_head.weight.grad is not None


def test_value_model_loads_in_bf16_with_its_trained_head(tmp_path, tokenizer):
    rm = RewardModel(make_model(tokenizer))
    torch.nn.init.normal_(rm.value_head.weight)
    rm.save_pretrained(tmp_path)
    loaded = RewardModel.from_pretrained(tmp_path, dtype=torch.bfloat16)
    assert loaded.value_head.weight.dtype == torch.bfloat16
    assert torch.allclose(loaded.value_head.weight.float(), rm.value_head.weight, atol=1e-2, rtol=1e-2)
    ids = torch.tensor([tokenizer.encode("물은 100도에서 끓어요.")])
    assert torch.isfinite(loaded.score(ids, torch.ones_like(ids)).float()).all()


# --- (c) log-probs of the distribution actually sampled from; PPO refuses filtering ------------------------------

@pytest.mark.parametrize("top_k,top_p", [(3, 1.0), (0, 0.6), (5, 0.8)])
def test_sampler_stores_log_probs_of_the_filtered_distribution(lm, tokenizer, top_k, top_p):
    """log q(a) with q = renormalised top-k/top-p filter of softmax(logits / T), recomputed by a full forward."""
    from chatgpt.dataset import PromptCollator
    from chatgpt.experience import response_mask
    from chatgpt.models.generation import filter_logits

    actor = Actor(lm).eval()
    ds = PromptDataset(["안녕하세요", "오늘 날씨가 어때요? 자세히 알려 주세요"], tokenizer, 64)
    b = PromptCollator(tokenizer)([ds[0], ds[1]])
    P, T = b["input_ids"].size(1), 0.7
    torch.manual_seed(0)
    seq, logp = actor.sample(b["input_ids"], b["attention_mask"], eos_token_id=tokenizer.eos_token_id,
                             pad_token_id=tokenizer.pad_token_id, max_new_tokens=10, temperature=T,
                             top_k=top_k, top_p=top_p)
    A = seq.size(1) - P
    mask = response_mask(seq[:, P:], tokenizer.eos_token_id)
    attn = torch.cat([b["attention_mask"], mask], 1)
    logits = actor(seq, attn, A + 1, T)[:, :-1]                                       # (B, A, V)
    filtered = filter_logits(logits.reshape(-1, logits.size(-1)), top_k, top_p).view_as(logits)
    expected = filtered.log_softmax(-1).gather(-1, seq[:, P:].unsqueeze(-1)).squeeze(-1)
    assert torch.isfinite(expected[mask.bool()]).all()                              # every token was in the set
    assert torch.allclose(logp * mask, expected * mask, atol=1e-4)
    unfiltered = actor.action_log_probs(seq, attn, A, temperature=T)
    assert (logp * mask >= unfiltered * mask - 1e-5).all() and (logp * mask > unfiltered * mask + 1e-3).any()


@pytest.mark.parametrize("kw,word", [({"top_p": 0.9}, "top_p"), ({"top_k": 50}, "top_k"),
                                     ({"temperature": 0.0}, "temperature"), ({"temperature": -1.0}, "temperature")])
def test_ppo_config_refuses_off_policy_or_invalid_sampling(kw, word):
    with pytest.raises(ValueError, match=word):
        PPOConfig(**kw)


def test_temperature_must_be_positive_where_sampling():
    from chatgpt.config import GenerationConfig
    from chatgpt.models.generation import sample

    with pytest.raises(ValueError, match="temperature"):
        GenerationConfig(temperature=0.0)
    GenerationConfig(temperature=0.0, do_sample=False)          # greedy ignores it
    with pytest.raises(ValueError, match="temperature"):
        sample(None, torch.ones(1, 2, dtype=torch.long), torch.ones(1, 2, dtype=torch.long), eos_token_id=0,
               pad_token_id=0, max_new_tokens=1, temperature=0.0)


# --- (d) the RM always reads eos after truncation; evaluation scores the sampled ids like the PPO reward ----------

def test_truncated_rm_example_still_ends_in_eos(tokenizer):
    from chatgpt.dataset import RankedRewardDataset, encode_response

    long = " ".join(["김치찌개는 돼지고기와 김치로 끓여요."] * 30)
    ids = encode_response("김치찌개 끓이는 법", long, tokenizer, max_length=48)
    assert len(ids) <= 48 and ids[-1] == tokenizer.eos_token_id
    assert ids.count(tokenizer.eos_token_id) == 1
    short = encode_response("김치찌개 끓이는 법", "김치로 끓여요.", tokenizer, max_length=48)  # fits
    assert short[-1] == tokenizer.eos_token_id and long.count("김치") > 2
    rec = {"prompt": "김치찌개 끓이는 법", "completion_0": long, "completion_1": "김치로 끓여요.",
           "completion_2": "몰라요", "ranking": [2, 0, 1]}
    ds = RankedRewardDataset([rec], tokenizer, max_length=48)
    assert all(seq[-1] == tokenizer.eos_token_id for seq in ds[0]["ranked"])


@pytest.mark.parametrize("max_new_tokens", [3, 12])          # 3: most rows are cut before eos
def test_evaluation_scores_the_sampled_ids_like_the_ppo_reward(tokenizer, max_new_tokens):
    from chatgpt.config import GenerationConfig
    from chatgpt.dataset import PromptCollator
    from chatgpt.eval.generate import generate_and_score
    from chatgpt.experience import ExperienceMaker

    prompts = [r["prompt"] for r in SFT_RECORDS]
    actor, critic = Actor(make_model(tokenizer, seed=1)), Critic(make_model(tokenizer, seed=2))
    rm = RewardModel(make_model(tokenizer, seed=3))
    with torch.no_grad():
        rm.value_head.weight.mul_(30)                # scores far apart: a different text would show
    gen = GenerationConfig(max_new_tokens=max_new_tokens, temperature=0.7, top_p=1.0, batch_size=8, seed=7)
    responses, scores = generate_and_score(actor, rm, tokenizer, prompts, gen)
    assert len(responses) == len(scores) == len(prompts)

    ppo = PPOConfig(max_new_tokens=max_new_tokens, temperature=0.7, reward_clip=1e9, max_prompt_length=96)
    maker = ExperienceMaker(actor, critic, rm, Actor(copy.deepcopy(actor.model)), tokenizer, ppo)
    batch = PromptCollator(tokenizer)([PromptDataset(prompts, tokenizer, 96)[i] for i in range(len(prompts))])
    torch.manual_seed(gen.seed)                      # the evaluation's random stream for its first batch
    exp = maker.make_experience(batch["input_ids"], batch["attention_mask"])
    assert torch.allclose(torch.tensor(scores), exp.scores, atol=1e-4)


# --- (e) KoGPT-2's special tokens, as its model card loads them -------------------------------------------------

@pytest.mark.parametrize("dirname", ["kogpt2-base-v2", "some-korean-gpt"])   # recognised by its vocabulary layout
def test_load_tokenizer_applies_kogpt2_model_card_specials(tmp_path, dirname):
    from transformers import AutoTokenizer

    from chatgpt.pipeline import load_tokenizer
    from chatgpt.random_bases import save_family

    path = save_family("kogpt2", tmp_path / dirname)
    assert AutoTokenizer.from_pretrained(path).eos_token is None       # the hub files alone declare no eos
    tok = load_tokenizer(str(path))
    vocab = tok.get_vocab()
    assert tok.eos_token == tok.bos_token == "</s>" and tok.eos_token_id == vocab["</s>"] == 1
    assert (tok.pad_token, tok.unk_token, tok.mask_token) == ("<pad>", "<unk>", "<mask>")
    assert (tok.pad_token_id, tok.unk_token_id, tok.mask_token_id) == (3, 5, 6)
    assert len(tok) == 400 and max(tok.all_special_ids) < 400           # nothing added past the vocabulary


def test_special_token_outside_the_vocabulary_is_an_error(tmp_path, tokenizer):
    from chatgpt.foundation import check_special_tokens

    tok = copy.deepcopy(tokenizer)
    tok.add_special_tokens({"eos_token": "<|endoftext|>"})              # GPT-2's default: not in this vocabulary
    with pytest.raises(ValueError, match="eos_token.*outside"):
        check_special_tokens(tok, vocab_size=400, where="model-x")
    assert check_special_tokens(tokenizer, 400)["eos_token"] == tokenizer.eos_token_id
