"""Any foundation model: KoGPT-2-, Llama-, Qwen2- and Gemma2-shaped bases through SFT → RM → PPO (issue #11).

All models are tiny random ones built offline from configs (:mod:`tests.foundation_models`),
with the real model's special tokens and, for the chat models, a chat template.
"""
import json

import pytest
import torch

from chatgpt.config import BaseModelConfig, LoRAConfig, PipelineConfig, PPOConfig, RMConfig, SFTConfig
from chatgpt.dataset import (IGNORE_INDEX, PromptDataset, RankedRewardDataset, SupervisedDataset, encode_response,
                             encode_sft)
from chatgpt.foundation import (add_adapters, finish_sft_model, load_tokenizer, lora_targets, qlora_config,
                                sft_model, supports_fast_loss)
from chatgpt.models import Actor, Critic, RewardModel
from chatgpt.trainer import NaiveStrategy, PPOTrainer, RewardModelTrainer, SFTTrainer
from tests.conftest import SFT_RECORDS
from chatgpt.random_bases import make_family_model, make_family_tokenizer, save_family

CHAT = {"qwen2": "<|im_end|>", "llama": "<|eot_id|>", "gemma2": "<end_of_turn>"}   # end-of-turn = eos
RM_RECORDS = [{"prompt": r["prompt"], "completion_0": r["completion"], "completion_1": r["completion"][:4],
               "completion_2": "몰라요 몰라요", "ranking": [0, 1, 2]} for r in SFT_RECORDS]


@pytest.fixture(scope="module")
def family_dirs(tmp_path_factory):
    root = tmp_path_factory.mktemp("bases")
    return {f: save_family(f, root / f"{f}-tiny") for f in ("kogpt2", "llama", "qwen2", "gemma2")}


# --- chat template vs Alpaca ------------------------------------------------------------------------------------

@pytest.mark.parametrize("family", list(CHAT))
def test_chat_template_sets_eos_and_masks_all_but_the_assistant(family_dirs, family):
    tok = load_tokenizer(str(family_dirs[family]))
    assert tok.eos_token == CHAT[family]
    ex = encode_sft("서울은 어떤 곳이에요?", "서울은 한국의 수도입니다.", tok, 256)
    ids, labels = ex["input_ids"], ex["labels"]
    n_prompt = labels.count(IGNORE_INDEX)
    target = ids[n_prompt:]
    assert labels[n_prompt:] == target and all(lab == IGNORE_INDEX for lab in labels[:n_prompt])
    assert tok.decode(target) == "서울은 한국의 수도입니다." + CHAT[family]   # the answer + its end of turn only
    assert ids.count(tok.eos_token_id) == 2                                     # user turn's end, answer's end
    prompt_text = tok.decode(ids[:n_prompt])
    assert "서울은 어떤 곳이에요?" in prompt_text and "### Instruction" not in prompt_text
    if tok.bos_token:                                                           # BOS from the template, once
        assert ids[0] == tok.bos_token_id and ids.count(tok.bos_token_id) == 1
    # PPO prompts end with the assistant header, exactly the SFT prompt
    assert PromptDataset(["서울은 어떤 곳이에요?"], tok)[0]["input_ids"] == ids[:n_prompt]
    rm_ids = encode_response("서울은 어떤 곳이에요?", "서울은 한국의 수도입니다.", tok, 256)
    assert rm_ids == ids and rm_ids[-1] == tok.eos_token_id


def test_alpaca_format_can_be_forced_and_stays_for_kogpt2(family_dirs):
    from chatgpt.template import format_prompt

    qwen = load_tokenizer(str(family_dirs["qwen2"]), prompt_format="alpaca")
    assert not qwen.chat_template and qwen.eos_token == "<|im_end|>"
    kog = load_tokenizer(str(family_dirs["kogpt2"]))
    for tok in (qwen, kog):
        p = PromptDataset(["공부 팁 있어?"], tok)[0]["input_ids"]
        assert p == tok(format_prompt("공부 팁 있어?"), add_special_tokens=False)["input_ids"]
    with pytest.raises(ValueError, match="chat template"):
        load_tokenizer(str(family_dirs["kogpt2"]), prompt_format="chat")


# --- LoRA targets, the fast loss path, QLoRA -------------------------------------------------------------------

def test_lora_targets_by_model_type(family_dirs):
    kog_tok = load_tokenizer(str(family_dirs["kogpt2"]))
    gpt2 = make_family_model("kogpt2", kog_tok)
    assert lora_targets(gpt2) == ("c_attn",)
    add_adapters(gpt2, 4, 8, 0.0, lora_targets(gpt2))                          # loralib on the Conv1D
    import loralib

    assert sum(isinstance(m, loralib.Linear) for m in gpt2.modules()) == 2     # one c_attn per layer
    tok = make_family_tokenizer("llama")
    llama = add_adapters(make_family_model("llama", tok), 4, 8, 0.0)          # peft
    wrapped = {n.split(".lora_A")[0].split(".")[-1] for n, _ in llama.named_parameters() if "lora_A" in n}
    assert wrapped == {"q_proj", "v_proj"}
    assert all("lora_" in n for n, p in llama.named_parameters() if p.requires_grad)


@pytest.mark.parametrize("family,fast", [("kogpt2", True), ("llama", True), ("qwen2", True), ("gemma2", False)])
def test_fast_loss_only_where_it_equals_the_model(family_dirs, family, fast):
    from chatgpt.models.loss import GPTLMLoss, labelled_lm_loss

    tok = load_tokenizer(str(family_dirs[family]))
    model = make_family_model(family, tok).eval()
    assert supports_fast_loss(model) is fast
    ex = encode_sft("물은 몇 도에서 끓나요?", "물은 100도에서 끓어요.", tok, 128)
    ids, labels = torch.tensor([ex["input_ids"]]), torch.tensor([ex["labels"]])
    with torch.no_grad():
        model.get_output_embeddings().weight.mul_(50)                         # logits large enough to be capped
        reference = GPTLMLoss()(model(input_ids=ids).logits, labels)
        assert labelled_lm_loss(model, ids, torch.ones_like(ids), labels) == pytest.approx(reference.item(), rel=1e-4)
        if not fast:   # the head-only shortcut would have skipped Gemma2's soft-capping c·tanh(z/c)
            hidden = model.base_model(input_ids=ids).last_hidden_state
            raw = GPTLMLoss()(model.get_output_embeddings()(hidden), labels)
            assert abs(raw.item() - reference.item()) > 1e-2


def test_qlora_without_cuda_is_a_clear_error(family_dirs):
    if torch.cuda.is_available():
        pytest.skip("CUDA present")
    with pytest.raises(RuntimeError, match="CUDA"):
        qlora_config()
    cfg = PipelineConfig(lora=LoRAConfig(r=4), base=BaseModelConfig(qlora=True))
    tok = load_tokenizer(str(family_dirs["llama"]))
    with pytest.raises(RuntimeError, match="CUDA"):
        sft_model(str(family_dirs["llama"]), tok, cfg)


# --- SFT → RM → PPO on every base ------------------------------------------------------------------------------

def _params(model):
    return {n: p.detach().float().clone() for n, p in model.named_parameters() if p.requires_grad}


def _changed(model, before):
    return [n for n, p in model.named_parameters() if n in before and not torch.equal(p.detach().float(), before[n])]


def run_three_stages(path, tmp_path, dtype="", lora_r=4):
    """SFT (LoRA, merged) → RM (from SFT) → PPO (critic from RM); a few steps each. Returns the histories."""
    cfg = PipelineConfig(lora=LoRAConfig(r=lora_r, dropout=0.0), base=BaseModelConfig(dtype=dtype))
    tok = load_tokenizer(str(path))
    cpu = NaiveStrategy("cpu")
    model = sft_model(str(path), tok, cfg)
    before = _params(model)
    sft = SFTTrainer(model, tok, SupervisedDataset(SFT_RECORDS, tok, 96), None,
                     SFTConfig(epochs=2, batch_size=2, lr=1e-2, warmup_ratio=0.0), strategy=cpu)
    h_sft = sft.fit(progress=False)
    assert len(_changed(model, before)) == len(before) > 0
    model = finish_sft_model(model, str(path), cfg)
    sft_dir = tmp_path / "sft"
    model.save_pretrained(sft_dir)
    tok.save_pretrained(sft_dir)
    dt = {"": None, "bfloat16": torch.bfloat16}[dtype]

    rm = RewardModel.from_pretrained(sft_dir, dtype=dt)
    before = _params(rm)
    rm_trainer = RewardModelTrainer(rm, tok, RankedRewardDataset(RM_RECORDS, tok, 96), None,
                                    RMConfig(epochs=1, batch_size=2, lr=1e-3, warmup_ratio=0.0), strategy=cpu)
    h_rm = rm_trainer.fit(progress=False)
    assert len(_changed(rm, before)) > len(before) // 2
    rm_dir = tmp_path / "rm"
    rm.save_pretrained(rm_dir, tokenizer=tok)

    actor, initial = Actor.from_pretrained(str(sft_dir), dtype=dt), Actor.from_pretrained(str(sft_dir), dtype=dt)
    critic, reward = Critic.from_pretrained(rm_dir, dtype=dt), RewardModel.from_pretrained(rm_dir, dtype=dt)
    ppo = PPOTrainer(actor, critic, reward, initial, tok,
                     PPOConfig(iterations=2, rollout_batch_size=4, train_batch_size=2, ppo_epochs=1,
                               max_new_tokens=6, actor_lr=1e-3, critic_lr=1e-3), strategy=cpu)
    a_before, c_before = _params(actor), _params(critic)
    h_ppo = ppo.fit(PromptDataset([r["prompt"] for r in SFT_RECORDS], tok), progress=False)
    assert _changed(actor, a_before) and _changed(critic, c_before)
    for h, keys in ((h_sft, ("loss",)), (h_rm, ("loss",)), (h_ppo, ("policy_loss", "value_loss", "reward", "kl"))):
        for k in keys:
            assert all(torch.isfinite(torch.tensor(h[k]))), k
    return tok, h_sft, h_rm, h_ppo


@pytest.mark.parametrize("family", ["kogpt2", "llama", "qwen2", "gemma2"])
def test_sft_rm_ppo_on_each_base(family_dirs, tmp_path, family):
    tok, *_ = run_three_stages(family_dirs[family], tmp_path)
    assert tok.eos_token == CHAT.get(family, "</s>")


def test_bf16_backbone_runs_all_three_stages_on_cpu(family_dirs, tmp_path):
    run_three_stages(family_dirs["llama"], tmp_path, dtype="bfloat16", lora_r=0)
    assert json.loads((tmp_path / "sft" / "config.json").read_text())["dtype"] == "bfloat16"


def test_kogpt2_shaped_pipeline_records_eos_in_stage_json(family_dirs, tmp_path):
    """The pipeline's own stages on a KoGPT-2-shaped base: stage.json shows eos = </s>'s id."""
    import dataclasses

    from chatgpt.config import profile_config
    from chatgpt.pipeline import stage_ppo, stage_rm, stage_sft

    cfg = dataclasses.replace(
        profile_config("kogpt2"), model_name=str(family_dirs["kogpt2"]), output_dir=str(tmp_path), device="cpu",
        sft=SFTConfig(epochs=1, batch_size=4, max_records=8, max_length=96, eval_fraction=0.25),
        rm=RMConfig(epochs=1, batch_size=2, max_records=6, max_length=96, eval_fraction=0.34),
        ppo=PPOConfig(iterations=1, rollout_batch_size=2, train_batch_size=2, ppo_epochs=1, max_new_tokens=4,
                      max_prompts=2))
    for stage in (stage_sft, stage_rm, stage_ppo):
        info = {k: v for k, v in stage(cfg, progress=False).items()}
        assert info["eos_token"] == "</s>" and info["eos_token_id"] == 1 and info["pad_token_id"] == 3
    recorded = json.loads((tmp_path / "checkpoints" / "kogpt2-sft" / "stage.json").read_text())
    assert recorded["eos_token_id"] == 1 and recorded["prompt_format"] == "alpaca"


def test_cli_base_presets_and_flags():
    import argparse

    from chatgpt.__main__ import _base_model_overrides
    from chatgpt.config import profile_config

    args = argparse.Namespace(base="qwen2", model="", dtype=None, adapter=None, qlora=False, prompt_format="alpaca",
                              lora_r=None)
    cfg = _base_model_overrides(profile_config("kogpt2"), args)
    assert cfg.model_name == "Qwen/Qwen2.5-0.5B-Instruct" and cfg.base.dtype == "bfloat16" and cfg.lora.r == 16
    assert cfg.base.prompt_format == "alpaca"
    args = argparse.Namespace(base=None, model="", dtype="float32", adapter="peft", qlora=True, prompt_format=None,
                              lora_r=8)
    cfg = _base_model_overrides(profile_config("tiny"), args)
    assert (cfg.base.dtype, cfg.base.adapter, cfg.base.qlora, cfg.lora.r) == ("", "peft", True, 8)


def test_memory_estimates_count_lora_like_peft():
    from chatgpt.memory import lora_parameter_count, memory_estimates, meta_model

    tok = make_family_tokenizer("llama")
    model = make_family_model("llama", tok)
    counted = lora_parameter_count(model, ("q_proj", "v_proj"), r=4)
    peft_model = add_adapters(make_family_model("llama", tok), 4, 8, 0.0)
    assert counted == sum(p.numel() for n, p in peft_model.named_parameters() if "lora_" in n)
    est = memory_estimates(meta_model(model.config), r=4)          # shapes only: nothing allocated
    n = sum(p.numel() for p in model.parameters())
    assert est["params_M"] == pytest.approx(n / 1e6)
    assert est["full_fp32_GiB"] == pytest.approx(2 * est["full_bf16_GiB"])
    assert est["qlora_nf4_GiB"] < est["lora_bf16_GiB"] < est["full_bf16_GiB"]


def test_chat_template_that_cannot_be_split_is_an_error():
    from chatgpt.chat_format import chat_example_ids

    tok = make_family_tokenizer("qwen2")
    # renders the last user turn differently once an answer follows: prompt ids are not a prefix of the example
    tok.chat_template = ("{% for m in messages %}{{ m['role'] }}{% if loop.last and not add_generation_prompt %}!"
                         "{% endif %}: {{ m['content'] }}<|im_end|>{% endfor %}"
                         "{% if add_generation_prompt %}assistant: {% endif %}")
    with pytest.raises(ValueError, match="prompt_format='alpaca'"):
        chat_example_ids(tok, "서울은 어떤 곳이에요?", "서울은 한국의 수도입니다.")
