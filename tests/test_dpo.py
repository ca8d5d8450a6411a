"""DPO: loss against hand-computed values (and TRL's when installed), data sense, masking, one step."""
import math
from types import SimpleNamespace

import pytest
import torch

from chatgpt.config import DPOConfig
from chatgpt.dataset import IGNORE_INDEX
from chatgpt.models.loss import dpo_loss
from chatgpt.trainer.dpo import DPOTrainer, PreferenceCollator, PreferenceDataset, sequence_log_probs
from chatgpt.trainer import NaiveStrategy
from tests.conftest import PAIRS, make_model

# h_c = log π/π_ref of chosen = [0.5, 0.0]; h_r = [-0.5, 1.0]; Δ = h_c − h_r = [1, -1]
PC, PR = torch.tensor([-1.0, -2.0]), torch.tensor([-3.0, -1.0])
RC, RR = torch.tensor([-1.5, -2.0]), torch.tensor([-2.5, -2.0])
SP_MINUS, SP_PLUS = 0.4740769841801067, 0.9740769841801067     # log(1 + e^−0.5), log(1 + e^0.5)

RM_RECORDS = [
    {"prompt": "서울은 어떤 곳이에요?", "completion_0": "서울 서울 서울 서울", "completion_1": "서울은 한국의 수도입니다.",
     "completion_2": "서울은", "ranking": [2, 0, 1]},
    {"prompt": "물은 몇 도에서 끓나요?", "completion_0": "물은 100도에서 끓어요.", "completion_1": "물은 的是 the 끓",
     "completion_2": "백 도.", "ranking": [0, 2, 1]},
    {"prompt": "공부 팁 있어?", "completion_0": "공부할 때는", "completion_1": "공부할 때는 휴식도 중요해요.",
     "completion_2": "공부 공부 공부", "ranking": [1, 0, 2]},
]


def test_sigmoid_loss_hand_computed():
    loss, stats = dpo_loss(PC, PR, RC, RR, beta=0.5)
    # β Δ = [0.5, −0.5]: −log σ(0.5) = log(1 + e^−0.5), −log σ(−0.5) = log(1 + e^0.5)
    assert loss.item() == pytest.approx((SP_MINUS + SP_PLUS) / 2, abs=1e-6)
    # implicit rewards β h: chosen [0.25, 0], rejected [−0.25, 0.5]
    assert stats["reward_chosen"] == pytest.approx(0.125)
    assert stats["reward_rejected"] == pytest.approx(0.125)
    assert stats["reward_margin"] == pytest.approx(0.0)
    assert stats["reward_accuracy"] == 0.5


def test_label_smoothing_hand_computed():
    # first pair alone, ε = 0.1: 0.9 · log(1 + e^−0.5) + 0.1 · log(1 + e^0.5)
    loss, _ = dpo_loss(PC[:1], PR[:1], RC[:1], RR[:1], beta=0.5, label_smoothing=0.1)
    assert loss.item() == pytest.approx(0.9 * SP_MINUS + 0.1 * SP_PLUS, abs=1e-6)
    assert loss.item() == pytest.approx(0.5240769841801067, abs=1e-6)
    plain, _ = dpo_loss(PC[:1], PR[:1], RC[:1], RR[:1], beta=0.5)
    assert loss.item() > plain.item()            # smoothing penalises confidence in a pair already ranked right


def test_ipo_loss_hand_computed():
    # target margin 1/(2β) = 1; without lengths (Δ − 1)² = [0, 4]
    loss, _ = dpo_loss(PC, PR, RC, RR, beta=0.5, loss_type="ipo")
    assert loss.item() == pytest.approx(2.0, abs=1e-6)
    # per-token log-ratios: chosen lengths [2, 4], rejected [1, 2]: Δ' = [0.25 + 0.5, 0 − 0.5] = [0.75, −0.5]
    loss, _ = dpo_loss(PC, PR, RC, RR, beta=0.5, loss_type="ipo", chosen_lengths=torch.tensor([2, 4]),
                       rejected_lengths=torch.tensor([1, 2]))
    assert loss.item() == pytest.approx((0.25 ** 2 + 1.5 ** 2) / 2, abs=1e-6)


def test_dpo_loss_rejects_bad_options():
    with pytest.raises(ValueError, match="loss_type"):
        dpo_loss(PC, PR, RC, RR, loss_type="hinge")
    with pytest.raises(ValueError, match="label_smoothing"):
        dpo_loss(PC, PR, RC, RR, label_smoothing=0.5)


def test_dpo_gradient_pushes_chosen_up_and_rejected_down():
    pc, pr = PC.clone().requires_grad_(), PR.clone().requires_grad_()
    dpo_loss(pc, pr, RC, RR, beta=0.5)[0].backward()
    assert (pc.grad < 0).all() and (pr.grad > 0).all()       # descent raises log π(y_c), lowers log π(y_r)
    # |∂L/∂log π(y_c)| = β σ(−βΔ) / N: larger where the implicit reward ranks the pair wrongly
    expected = torch.tensor([0.5 * torch.sigmoid(torch.tensor(-0.5)).item(),
                             0.5 * torch.sigmoid(torch.tensor(0.5)).item()]) / 2
    assert torch.allclose(-pc.grad, expected, atol=1e-6)


def _trl_loss(loss_type, beta, per_token_logps, completion_mask, ref_chosen, ref_rejected):
    """TRL 1.16 ``DPOTrainer._compute_loss`` on fixed tensors: a stand-in model returns the per-token log-probs."""
    from collections import defaultdict

    from trl import DPOTrainer as TRLDPOTrainer

    twoN, T = completion_mask.shape
    outputs = SimpleNamespace(log_probs=per_token_logps, entropy=torch.zeros(twoN, T - 1),
                              mean_logits=torch.zeros(twoN, T - 1), is_top1=torch.zeros(twoN, T - 1, dtype=torch.bool))
    model = lambda **kw: outputs                                                # noqa: E731
    acc = SimpleNamespace(device=torch.device("cpu"), gather_for_metrics=lambda x: x, gather=lambda x: x)
    fake = SimpleNamespace(model=SimpleNamespace(training=True), accelerator=acc, aux_loss_enabled=False,
                           ld_alpha=None, precompute_ref_logps=True, f_divergence_type="reverse_kl",
                           loss_types=[loss_type], loss_weights=[1.0], beta=beta, label_smoothing=0.0,
                           use_weighting=False, _metrics={"train": defaultdict(list)}, _total_train_tokens=0,
                           _tp_size=1)
    inputs = {"input_ids": torch.zeros(twoN, T, dtype=torch.long), "attention_mask": torch.ones(twoN, T),
              "completion_mask": completion_mask, "ref_chosen_logps": ref_chosen, "ref_rejected_logps": ref_rejected}
    return TRLDPOTrainer._compute_loss(fake, model, inputs, False)


@pytest.mark.parametrize("loss_type", ["sigmoid", "ipo"])
@pytest.mark.parametrize("beta", [0.1, 0.5])
def test_dpo_loss_equals_trl(loss_type, beta):
    """Same value as TRL 1.16's DPOTrainer on fixed tensors (tolerance 1e-5; float32)."""
    trl = pytest.importorskip("trl")
    if not trl.__version__.startswith("1.16"):
        pytest.skip(f"compared with trl 1.16, found {trl.__version__}")
    g = torch.Generator().manual_seed(0)
    N, T = 6, 12
    lengths = torch.randint(2, T - 2, (2 * N,), generator=g)                    # completion tokens per row
    completion_mask = torch.zeros(2 * N, T, dtype=torch.long)
    for i, n in enumerate(lengths.tolist()):
        completion_mask[i, T - 1 - n: T - 1] = 1                                # prompt, completion, one pad column
    per_token = -torch.rand(2 * N, T - 1, generator=g) * 3 * completion_mask[:, 1:]   # log-probs at label positions
    ref = per_token.sum(1) + torch.randn(2 * N, generator=g)
    ours, _ = dpo_loss(per_token.sum(1)[:N], per_token.sum(1)[N:], ref[:N], ref[N:], beta, loss_type,
                       chosen_lengths=lengths[:N], rejected_lengths=lengths[N:])
    theirs = _trl_loss(loss_type, beta, per_token, completion_mask, ref[:N], ref[N:])
    assert abs(ours.item() - theirs.item()) < 1e-5


def test_preference_dataset_follows_the_ranking_sense(tokenizer):
    ds = PreferenceDataset(RM_RECORDS[:1], tokenizer)
    ex = ds.examples[0]
    # ranking [2, 0, 1]: completion_1 best, completion_2 mid, completion_0 worst (the RM's sense)
    texts = [tokenizer.decode([t for t, l in zip(s["input_ids"], s["labels"]) if l != IGNORE_INDEX])
             for s in ex["sequences"]]
    assert [t.replace(tokenizer.eos_token, "").strip() for t in texts] == [
        "서울은 한국의 수도입니다.", "서울은", "서울 서울 서울 서울"]
    assert ex["pairs"] == [(0, 1), (0, 2), (1, 2)]
    assert ds.n_pairs == 3 and ds.n_identical_pairs == 0


def test_preference_dataset_pairs_identical_and_bad_records(tokenizer):
    ds = PreferenceDataset(PAIRS + [{"prompt": "p", "chosen": "같은 답", "rejected": "같은 답"}], tokenizer)
    assert len(ds) == len(PAIRS) and ds.n_identical_pairs == 1
    with pytest.raises(ValueError, match="rm.jsonl, record 1.*permutation"):
        PreferenceDataset([RM_RECORDS[0], {**RM_RECORDS[1], "ranking": [0, 0, 1]}], tokenizer, source="rm.jsonl")
    with pytest.raises(ValueError, match="record 0: neither"):
        PreferenceDataset([{"prompt": "p", "chosen": "c"}], tokenizer)


def test_sequence_log_probs_counts_completion_tokens_only(tokenizer):
    """Σ log π over labelled tokens equals a full-logits computation; padding and prompt never count."""
    model = make_model(tokenizer)
    batch = PreferenceCollator(tokenizer)([PreferenceDataset(RM_RECORDS, tokenizer)[i] for i in range(3)])
    lp, n = sequence_log_probs(model, batch["input_ids"], batch["attention_mask"], batch["labels"])
    logits = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits
    expected = []
    for i in range(len(lp)):
        lab = batch["labels"][i, 1:]
        keep = lab != IGNORE_INDEX
        expected.append(torch.log_softmax(logits[i, :-1][keep], -1).gather(-1, lab[keep].unsqueeze(-1)).sum())
        assert n[i] == keep.sum()
    assert torch.allclose(lp, torch.stack(expected), atol=1e-4)
    assert (n < batch["attention_mask"].sum(-1)).all()                          # the prompt is not counted


def dpo_setup(tokenizer, **kw):
    model = make_model(tokenizer, seed=1)
    cfg = DPOConfig(**{**dict(epochs=1, batch_size=3, lr=1e-3, warmup_ratio=0.0, eval_every=1), **kw})
    train, held = PreferenceDataset(RM_RECORDS, tokenizer), PreferenceDataset(RM_RECORDS[:1], tokenizer)
    return model, DPOTrainer(model, tokenizer, train, held, cfg, strategy=NaiveStrategy("cpu"))


@pytest.mark.parametrize("loss_type", ["sigmoid", "ipo"])
def test_dpo_one_step_changes_parameters(tokenizer, loss_type):
    model, trainer = dpo_setup(tokenizer, loss_type=loss_type)
    before = {n: p.detach().clone() for n, p in model.named_parameters()}
    ref = [ex["ref_logps"] for ex in trainer.train_loader.dataset.examples]
    hist = trainer.fit(progress=False)
    assert trainer.total_steps == 1 and len(hist["loss"]) == 1
    assert all(not torch.equal(p, before[n]) for n, p in model.named_parameters())
    # the reference log-probs were computed once, before training, and are not touched by it
    assert [ex["ref_logps"] for ex in trainer.train_loader.dataset.examples] == ref
    # before the step π = π_ref: every log-ratio is 0, so the sigmoid loss is log 2 and no pair is ranked right
    assert hist["eval_step"][0] == -1 and hist["eval_reward_accuracy"][0] == 0.0
    if loss_type == "sigmoid":
        assert hist["loss"][0] == pytest.approx(math.log(2), abs=1e-5)


def test_dpo_learns_the_training_preferences(tokenizer):
    model, trainer = dpo_setup(tokenizer, epochs=30, beta=0.5)
    hist = trainer.fit(progress=False)
    assert hist["reward_accuracy"][-1] == 1.0 and hist["loss"][-1] < 0.5 * hist["loss"][0]
    assert hist["reward_margin"][-1] > 0


def test_eval_kl_log_ratios(tokenizer):
    """chatgpt.eval.kl: 0 against itself; otherwise log π(y|x) − log π_ref(y|x) of the response tokens + eos."""
    from chatgpt.dataset import encode_sft
    from chatgpt.eval.kl import sequence_log_ratios

    a, b = make_model(tokenizer, seed=1), make_model(tokenizer, seed=2)
    prompts, responses = [p["prompt"] for p in PAIRS], [p["chosen"] for p in PAIRS]
    assert sequence_log_ratios(a, a, tokenizer, prompts, responses) == pytest.approx([0.0] * 3, abs=1e-5)
    got = sequence_log_ratios(a, b, tokenizer, prompts, responses, temperature=0.7, batch_size=2)
    for i, (p, r) in enumerate(zip(prompts, responses)):
        ex = encode_sft(p, r, tokenizer, 256)
        ids, labels = torch.tensor([ex["input_ids"]]), torch.tensor([ex["labels"]])
        lp = [sequence_log_probs(m, ids, torch.ones_like(ids), labels, 0.7)[0].item() for m in (a, b)]
        assert got[i] == pytest.approx(lp[0] - lp[1], abs=1e-4)


def test_dpo_step_zero_is_exact_with_dropout(tokenizer):
    """pdrop 0.1 (KoGPT-2's value): training runs without dropout, so at step 0 π = π_ref and the loss is log 2."""
    model, trainer = dpo_setup(tokenizer)
    for m in model.modules():
        if isinstance(m, torch.nn.Dropout):
            m.p = 0.1
    hist = trainer.fit(progress=False)
    assert hist["loss"][0] == pytest.approx(math.log(2), abs=1e-5)


def test_used_indices_are_the_records_the_training_loop_draws():
    from chatgpt.trainer import NaiveStrategy
    from chatgpt.trainer.dpo import used_indices

    def draw(loader, steps):
        drawn, done = [], 0
        while done < steps:
            for batch in loader:
                drawn += batch
                done += 1
                if done == steps:
                    break
        return drawn

    def make():
        return NaiveStrategy("cpu", seed=3).setup_dataloader(list(range(23)), 4, True, lambda b: b, seed=3)

    for steps in (1, 3, 6, 9):                                  # 6 batches per epoch: 9 steps cross an epoch
        replayed = make()
        predicted = used_indices(replayed, steps)
        drawn = draw(replayed, steps)
        assert predicted == sorted(set(drawn))
        assert drawn == draw(make(), steps)                     # the replay did not move the loader's generator
    assert used_indices(NaiveStrategy("cpu").setup_dataloader(list(range(5)), 2, False, lambda b: b), 2) is None
