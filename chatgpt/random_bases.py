"""Tiny random foundation models built offline from configs, for the tests and notebook 07.

Each base gets a byte-level BPE tokenizer trained on a few Korean sentences with the
special tokens of the real model, in the real model's order, and — for the chat models —
a short chat template written here in the *shape* of the real one (ChatML for Qwen2,
header blocks for Llama-3, turns for Gemma2). The KoGPT-2-shaped tokenizer is how the hub
ships ``skt/kogpt2-base-v2``: KoGPT-2's special tokens at ids 0–8 of the vocabulary
(``<s> </s> <usr> <pad> <sys> <unk> <mask> <d> </d>``) and *no* special-token attributes
set, so only ``load_tokenizer`` (the model card's specials) makes eos = ``</s>``.
"""
from __future__ import annotations

from pathlib import Path

import torch

# the tokenizers' training text (the same sentences as the unit tests' tokenizer)
SENTENCES = [
    "안녕하세요. 오늘 날씨가 정말 좋네요.", "김치찌개는 돼지고기와 김치로 끓여요.", "서울은 한국의 수도입니다.",
    "### Instruction(명령어):\n질문\n\n### Response(응답):\n", "공부할 때는 휴식도 중요해요.", "고마워! 잘 지내?",
    "세종대왕은 한글을 만들었습니다.", "물은 100도에서 끓어요.", "불고기에는 소고기 등심이 좋아요.",
]

KOGPT2_SPECIALS = ["<s>", "</s>", "<usr>", "<pad>", "<sys>", "<unk>", "<mask>", "<d>", "</d>"]

QWEN2_TEMPLATE = ("{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n{% endfor %}"
                  "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}")
LLAMA_TEMPLATE = ("{{ bos_token }}{% for m in messages %}<|start_header_id|>{{ m['role'] }}<|end_header_id|>\n\n"
                  "{{ m['content'] }}<|eot_id|>{% endfor %}"
                  "{% if add_generation_prompt %}<|start_header_id|>assistant<|end_header_id|>\n\n{% endif %}")
GEMMA2_TEMPLATE = ("{{ bos_token }}{% for m in messages %}<start_of_turn>"
                   "{{ 'model' if m['role'] == 'assistant' else m['role'] }}\n{{ m['content'] }}<end_of_turn>\n"
                   "{% endfor %}{% if add_generation_prompt %}<start_of_turn>model\n{% endif %}")

# family → (special tokens in vocabulary order, tokenizer attributes, chat template)
FAMILIES = {
    "kogpt2": (KOGPT2_SPECIALS, {}, None),
    "qwen2": (["<|endoftext|>", "<|im_start|>", "<|im_end|>"],
              {"eos_token": "<|im_end|>", "pad_token": "<|endoftext|>"}, QWEN2_TEMPLATE),
    "llama": (["<|begin_of_text|>", "<|end_of_text|>", "<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>"],
              {"bos_token": "<|begin_of_text|>", "eos_token": "<|end_of_text|>"}, LLAMA_TEMPLATE),
    "gemma2": (["<pad>", "<eos>", "<bos>", "<unk>", "<start_of_turn>", "<end_of_turn>"],
               {"bos_token": "<bos>", "eos_token": "<eos>", "pad_token": "<pad>", "unk_token": "<unk>"},
               GEMMA2_TEMPLATE),
}


def make_family_tokenizer(family: str):
    """A 400-token byte-level BPE with the family's special tokens first, its attributes and chat template."""
    from tokenizers import ByteLevelBPETokenizer
    from transformers import PreTrainedTokenizerFast

    specials, attrs, template = FAMILIES[family]
    bpe = ByteLevelBPETokenizer()
    bpe.train_from_iterator(SENTENCES * 20, vocab_size=400, min_frequency=1, special_tokens=specials,
                            show_progress=False)
    tok = PreTrainedTokenizerFast(tokenizer_object=bpe._tokenizer, **attrs)
    if template:
        tok.chat_template = template
    return tok


def make_family_model(family: str, tokenizer, seed: int = 0, dropout: float = 0.0):
    """A 2-layer, 32-wide random model of the family's architecture (vocab = the tokenizer's)."""
    import transformers as tf

    torch.manual_seed(seed)
    V = len(tokenizer)
    ids = dict(bos_token_id=tokenizer.convert_tokens_to_ids(tokenizer.bos_token) if tokenizer.bos_token else None,
               eos_token_id=tokenizer.convert_tokens_to_ids(tokenizer.eos_token) if tokenizer.eos_token else None)
    small = dict(vocab_size=V, hidden_size=32, intermediate_size=64, num_hidden_layers=2, num_attention_heads=4,
                 num_key_value_heads=2, max_position_embeddings=256, **ids)
    if family == "kogpt2":
        cfg = tf.GPT2Config(vocab_size=V, n_positions=256, n_embd=32, n_layer=2, n_head=4, resid_pdrop=dropout,
                            embd_pdrop=dropout, attn_pdrop=dropout, bos_token_id=1, eos_token_id=1, pad_token_id=3)
        return tf.GPT2LMHeadModel(cfg)
    if family == "llama":
        return tf.LlamaForCausalLM(tf.LlamaConfig(attention_dropout=dropout, **small))
    if family == "qwen2":
        return tf.Qwen2ForCausalLM(tf.Qwen2Config(attention_dropout=dropout, **small))
    if family == "gemma2":
        return tf.Gemma2ForCausalLM(tf.Gemma2Config(head_dim=8, final_logit_softcapping=30.0,
                                                    attn_logit_softcapping=50.0, query_pre_attn_scalar=8,
                                                    sliding_window=16, attention_dropout=dropout, **small))
    raise ValueError(family)


def save_family(family: str, path: Path, seed: int = 0) -> Path:
    """A hub-like directory (``config.json``, weights, tokenizer) of a tiny random base model."""
    tok = make_family_tokenizer(family)
    make_family_model(family, tok, seed).save_pretrained(path)
    tok.save_pretrained(path)
    return Path(path)
