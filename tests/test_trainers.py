"""Each trainer changes the parameters after one step; divergence stops with a clear error."""
import copy

import pytest
import torch

from chatgpt.config import PPOConfig, RMConfig, SFTConfig
from chatgpt.dataset import PromptDataset, RewardDataset, SupervisedDataset
from chatgpt.models import Actor, Critic, RewardModel
from chatgpt.trainer import NaiveStrategy, PPOTrainer, RewardModelTrainer, SFTTrainer, TrainingDivergedError
from tests.conftest import PAIRS, SFT_RECORDS, make_model


def snapshot(model):
    return {n: p.detach().clone() for n, p in model.named_parameters() if p.requires_grad}


def changed(model, before):
    return [n for n, p in model.named_parameters() if n in before and not torch.equal(p, before[n])]


def test_sft_one_step_changes_parameters(tokenizer):
    model = make_model(tokenizer)
    before = snapshot(model)
    cfg = SFTConfig(epochs=1, batch_size=4, lr=1e-3, warmup_ratio=0.0)
    trainer = SFTTrainer(model, tokenizer, SupervisedDataset(SFT_RECORDS, tokenizer), SupervisedDataset(
        SFT_RECORDS[:2], tokenizer), cfg, strategy=NaiveStrategy("cpu"))
    hist = trainer.fit(progress=False)
    assert trainer.total_steps == 1 and len(hist["loss"]) == 1 and hist["eval_step"] == [0]
    assert len(changed(model, before)) == len(before)


def test_sft_loss_decreases_over_steps(tokenizer):
    model = make_model(tokenizer)
    cfg = SFTConfig(epochs=100, batch_size=4, lr=1e-2, warmup_ratio=0.0)
    hist = SFTTrainer(model, tokenizer, SupervisedDataset(SFT_RECORDS, tokenizer), None, cfg).fit(progress=False)
    assert hist["loss"][-1] < 0.5 * hist["loss"][0]


def test_rm_one_step_changes_parameters_and_reports_accuracy(tokenizer):
    rm = RewardModel(make_model(tokenizer))
    before = snapshot(rm)
    cfg = RMConfig(epochs=1, batch_size=4, lr=1e-3, warmup_ratio=0.0)
    trainer = RewardModelTrainer(rm, tokenizer, RewardDataset(PAIRS, tokenizer), RewardDataset(PAIRS, tokenizer),
                                 cfg, strategy=NaiveStrategy("cpu"))
    hist = trainer.fit(progress=False)
    # −log σ(r_c − r_r) is invariant to a constant offset of every reward, so the two parameters that only add
    # one (the head's bias and the final LayerNorm's bias, seen through the linear head) get no true gradient
    shift_only = {"value_head.bias", "backbone.ln_f.bias"}
    assert set(before) - shift_only <= set(changed(rm, before))
    assert 0.0 <= hist["eval_accuracy"][-1] <= 1.0
    assert rm.score_scale.item() != 1.0            # calibrated after training


def test_rm_learns_the_pairs(tokenizer):
    rm = RewardModel(make_model(tokenizer))
    cfg = RMConfig(epochs=40, batch_size=3, lr=3e-3, warmup_ratio=0.0)
    trainer = RewardModelTrainer(rm, tokenizer, RewardDataset(PAIRS, tokenizer), RewardDataset(PAIRS, tokenizer),
                                 cfg)
    trainer.fit(progress=False)
    assert trainer.evaluate()["eval_accuracy"] == 1.0


def ppo_setup(tokenizer, **cfg_kw):
    torch.manual_seed(0)
    actor = Actor(make_model(tokenizer, seed=1))
    initial = Actor(copy.deepcopy(actor.model))
    critic, rm = Critic(make_model(tokenizer, seed=2)), RewardModel(make_model(tokenizer, seed=3))
    cfg = PPOConfig(**{**dict(iterations=1, rollout_batch_size=4, train_batch_size=2, ppo_epochs=1, max_new_tokens=5,
                              actor_lr=1e-3, critic_lr=1e-3), **cfg_kw})
    trainer = PPOTrainer(actor, critic, rm, initial, tokenizer, cfg, strategy=NaiveStrategy("cpu"))
    prompts = PromptDataset([r["prompt"] for r in SFT_RECORDS], tokenizer)
    return trainer, prompts


def test_ppo_one_iteration_changes_actor_and_critic_only(tokenizer):
    trainer, prompts = ppo_setup(tokenizer)
    a, c = snapshot(trainer.actor), snapshot(trainer.critic)
    r = {n: p.clone() for n, p in trainer.reward_model.named_parameters()}
    i = {n: p.clone() for n, p in trainer.initial_model.named_parameters()}
    hist = trainer.fit(prompts, progress=False)
    assert changed(trainer.actor, a) and changed(trainer.critic, c)
    assert all(torch.equal(p, r[n]) for n, p in trainer.reward_model.named_parameters())
    assert all(torch.equal(p, i[n]) for n, p in trainer.initial_model.named_parameters())
    for key in ("reward", "kl", "entropy", "clip_fraction", "value_loss", "policy_loss", "response_length"):
        assert len(hist[key]) == 1
    assert hist["kl"][0] == pytest.approx(0.0, abs=1e-4)     # actor == reference during the first rollout


@pytest.mark.parametrize("temperature", [1.0, 0.7])
def test_ppo_first_update_is_on_policy_at_any_temperature(tokenizer, temperature):
    """Sampler, reference and training forward agree on π_T: before the first step ratio = 1 and KL = 0."""
    trainer, prompts = ppo_setup(tokenizer, temperature=temperature, train_batch_size=4)   # one minibatch
    hist = trainer.fit(prompts, progress=False)
    assert hist["kl"][0] == pytest.approx(0.0, abs=1e-4)
    assert hist["max_ratio"][0] == pytest.approx(1.0, abs=1e-4)
    assert hist["approx_kl"][0] == pytest.approx(0.0, abs=1e-5)


def test_ppo_entropy_bonus_raises_entropy(tokenizer):
    """Same rollout, same seed: the update with a dominant entropy_coef makes the policy clearly flatter."""
    from chatgpt.models.loss import entropy_from_logits

    ids = torch.tensor([tokenizer.encode(r["prompt"] + " " + r["completion"]) for r in SFT_RECORDS[:1]])
    gains, losses = {}, {}
    for coef in (0.0, 10.0):
        trainer, prompts = ppo_setup(tokenizer, entropy_coef=coef, ppo_epochs=2)
        model = trainer.actor.model
        with torch.no_grad():
            model.get_output_embeddings().weight.mul_(5)      # a peaked policy (a random init is near-uniform)
            before = entropy_from_logits(model(input_ids=ids).logits).mean().item()
        trainer.fit(prompts, progress=False)
        with torch.no_grad():
            gains[coef] = entropy_from_logits(model(input_ids=ids).logits).mean().item() - before
        losses[coef] = trainer.history["policy_loss"][0]
    assert gains[10.0] > 0.01 and gains[10.0] > 3 * abs(gains[0.0])
    assert losses[10.0] < -10 < losses[0.0]        # the logged actor loss includes −c₂·H (H ≈ 5.7 nats)


def test_ppo_stops_on_runaway_ratio(tokenizer):
    trainer, prompts = ppo_setup(tokenizer, ppo_epochs=4, actor_lr=5.0, max_ratio=1.5, clip_eps=10.0)
    with pytest.raises(TrainingDivergedError, match="ratio"):
        trainer.fit(prompts, iterations=3, progress=False)


def test_sft_stops_on_nan(tokenizer):
    model = make_model(tokenizer)
    with torch.no_grad():
        model.transformer.wte.weight.fill_(float("nan"))
    trainer = SFTTrainer(model, tokenizer, SupervisedDataset(SFT_RECORDS, tokenizer), None,
                         SFTConfig(epochs=1, batch_size=4))
    with pytest.raises(TrainingDivergedError, match="non-finite"):
        trainer.fit(progress=False)


def test_datasets_reject_tokenizer_without_pad(tokenizer):
    tok = copy.deepcopy(tokenizer)
    tok.pad_token = None
    with pytest.raises(ValueError, match="pad"):
        SupervisedDataset(SFT_RECORDS, tok)


RM_RECORDS = [
    {"prompt": "서울은 어떤 곳이에요?", "completion_0": "서울 서울 서울 서울", "completion_1": "서울은 한국의 수도입니다.",
     "completion_2": "서울은", "ranking": [2, 0, 1]},
    {"prompt": "물은 몇 도에서 끓나요?", "completion_0": "물은 100도에서 끓어요.", "completion_1": "물은 的是 the 끓",
     "completion_2": "백 도.", "ranking": [0, 2, 1]},
]


def test_ranked_batch_orders_best_to_worst_and_builds_all_pairs(tokenizer):
    from chatgpt.dataset import RankedRewardCollator, RankedRewardDataset, encode_response

    ds = RankedRewardDataset(RM_RECORDS, tokenizer, 128)
    # ranking [2, 0, 1]: completion_1 is best, then completion_2, then completion_0
    assert ds[0]["ranked"][0] == encode_response(RM_RECORDS[0]["prompt"], "서울은 한국의 수도입니다.", tokenizer, 128)
    assert ds[0]["ranked"][2] == encode_response(RM_RECORDS[0]["prompt"], "서울 서울 서울 서울", tokenizer, 128)
    batch = RankedRewardCollator(tokenizer)([ds[0], ds[1]])
    assert batch["input_ids"].shape[0] == 6 and batch["num_candidates"] == 3

    class Fixed(torch.nn.Module):        # returns the row index as the reward
        def forward(self, ids, mask):
            return torch.arange(ids.size(0), dtype=torch.float)

    trainer = RewardModelTrainer.__new__(RewardModelTrainer)
    c, r = trainer._rewards(Fixed(), batch)
    # record 0 rows 0,1,2 and record 1 rows 3,4,5 → pairs (0,1),(0,2),(1,2),(3,4),(3,5),(4,5)
    assert c.tolist() == [0, 0, 1, 3, 3, 4] and r.tolist() == [1, 2, 2, 4, 5, 5]


def test_rm_trainer_on_ranked_records_changes_parameters(tokenizer):
    from chatgpt.dataset import RankedRewardDataset

    rm = RewardModel(make_model(tokenizer))
    before = snapshot(rm)
    ds = RankedRewardDataset(RM_RECORDS, tokenizer)
    trainer = RewardModelTrainer(rm, tokenizer, ds, ds, RMConfig(epochs=1, batch_size=2, lr=1e-3, warmup_ratio=0.0))
    hist = trainer.fit(progress=False)
    assert len(hist["loss"]) == 1 and hist["pairs_per_second"] > 0
    shift_only = {"value_head.bias", "backbone.ln_f.bias"}
    assert set(before) - shift_only <= set(changed(rm, before))
    assert 0.0 <= trainer.evaluate()["eval_accuracy"] <= 1.0


def test_by_length_orders_any_example_layout(tokenizer):
    from chatgpt.dataset import RankedRewardDataset, SupervisedDataset, by_length, example_length

    ds = SupervisedDataset(SFT_RECORDS, tokenizer, 64)
    view = by_length(ds)
    lengths = [example_length(view[i]) for i in range(len(view))]
    assert lengths == sorted(lengths) and sorted(view.indices) == list(range(len(ds)))
    assert lengths == sorted(len(e["input_ids"]) for e in ds.examples)
    ranked = [{"prompt": p["prompt"], "completion_0": p["chosen"], "completion_1": p["rejected"],
               "completion_2": "네.", "ranking": [0, 1, 2]} for p in PAIRS]
    rds = RankedRewardDataset(ranked, tokenizer, 64)
    assert [example_length(rds[i]) for i in range(len(rds))] == [max(map(len, e["ranked"])) for e in rds.examples]
