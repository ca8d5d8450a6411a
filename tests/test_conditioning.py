"""The prompt-conditioning gap: hand-computed NLL, and exactly 0 for a model that cannot see the prompt."""
import torch
from transformers import GPT2Config, GPT2LMHeadModel

from chatgpt.dataset import encode_sft
from chatgpt.eval.conditioning import answer_nll, prompt_conditioning_gap

PROMPTS = ["김치찌개 끓이는 법 알려 줘", "서울에서 부산까지 기차로 얼마나 걸려요?", "물은 몇 도에서 끓나요?",
           "세종대왕은 무엇을 만들었나요?"]
ANSWERS = ["김치를 먼저 볶은 뒤 물을 붓고 끓여요.", "KTX로 두 시간 반쯤 걸립니다.", "1기압에서 100도에서 끓어요.",
           "훈민정음을 만들었습니다."]


def _model(tokenizer, n_layer=2, blind=False):
    torch.manual_seed(0)
    cfg = GPT2Config(vocab_size=len(tokenizer), n_positions=256, n_embd=32, n_layer=n_layer, n_head=2,
                     resid_pdrop=0.0, embd_pdrop=0.0, attn_pdrop=0.0)
    model = GPT2LMHeadModel(cfg)
    if blind:           # no position embeddings, no blocks: logits depend on the current token only
        with torch.no_grad():
            model.transformer.wpe.weight.zero_()
    return model.eval()


def test_answer_nll_matches_hand_computation(tokenizer):
    model = _model(tokenizer)
    sums, counts = answer_nll(model, tokenizer, PROMPTS, ANSWERS, batch_size=3)   # padding across batches
    for p, a, s, c in zip(PROMPTS, ANSWERS, sums, counts):
        ex = encode_sft(p, a, tokenizer, 256)
        ids = torch.tensor([ex["input_ids"]])
        labels = torch.tensor([ex["labels"]])
        with torch.no_grad():
            logp = torch.log_softmax(model(input_ids=ids).logits[0, :-1], dim=-1)
        tgt = labels[0, 1:]
        keep = tgt != -100
        expected = -logp[keep.nonzero().squeeze(-1), tgt[keep]].sum().item()
        assert c == int(keep.sum())
        assert abs(s - expected) < 1e-3 * max(1.0, abs(expected))


def test_gap_is_zero_for_a_model_that_cannot_see_the_prompt(tokenizer):
    model = _model(tokenizer, n_layer=0, blind=True)
    out = prompt_conditioning_gap(model, tokenizer, PROMPTS, ANSWERS)
    assert abs(out["conditioning_gap"]) < 1e-5
    assert out["own_prompt_preferred"] == 0.0          # ties never count as "preferred"


def test_gap_sees_a_model_that_reads_the_prompt(tokenizer):
    # a 2-layer model trained for a few steps on these pairs must like its own prompts better than swapped ones
    model = _model(tokenizer).train()
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    from chatgpt.dataset import SupervisedCollator

    batch = SupervisedCollator(tokenizer)([encode_sft(p, a, tokenizer, 256) for p, a in zip(PROMPTS, ANSWERS)])
    for _ in range(60):
        loss = model(**batch).loss
        opt.zero_grad()
        loss.backward()
        opt.step()
    out = prompt_conditioning_gap(model.eval(), tokenizer, PROMPTS, ANSWERS)
    assert out["conditioning_gap"] > 0.1
    assert out["own_prompt_preferred"] == 1.0
