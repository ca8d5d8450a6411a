"""Training memory of full fine-tuning, LoRA and QLoRA, computed from a model's shape.

The weights, gradients and optimizer states of a causal LM, counted on the ``meta`` device
(no memory, no download: the architecture is built from a config), in bytes per parameter:

* full fine-tuning, fp32 + Adam:   4 (weight) + 4 (grad) + 8 (Adam m, v)      = 16 B
* full fine-tuning, bf16 + Adam (moments in the parameter's dtype, as torch does): 2 + 2 + 4 = 8 B
* LoRA (Hu et al., 2021): the bf16 base is frozen (2 B), only the adapters train; peft keeps
  adapters of a bf16 base in fp32: 16 B per adapter parameter, ``r · (d_in + d_out)`` per wrapped layer
* QLoRA (Dettmers et al., 2023): NF4 base weights, 4 bits = 0.5 B, plus one fp32 absmax per
  64 weights, itself quantised to 8 bits by double quantisation (≈ 0.127 bit = 0.016 B); the
  embeddings and LM head stay bf16; adapters as in LoRA

Activations (batch × sequence × hidden × layers) come on top and are not counted: these are
*computed* lower bounds, to be compared with ``torch.cuda.max_memory_allocated`` on a GPU.
"""
from __future__ import annotations

import torch

GIB = 1024 ** 3

# shapes of the presets' architectures (from their public config.json files), built on the meta device
PRESET_SHAPES = {
    "kogpt2": ("GPT2Config", dict(vocab_size=51200, n_positions=1024, n_embd=768, n_layer=12, n_head=12)),
    "qwen2": ("Qwen2Config", dict(vocab_size=151936, hidden_size=896, intermediate_size=4864, num_hidden_layers=24,
                                  num_attention_heads=14, num_key_value_heads=2, tie_word_embeddings=True)),
    "llama": ("LlamaConfig", dict(vocab_size=128256, hidden_size=2048, intermediate_size=8192, num_hidden_layers=16,
                                  num_attention_heads=32, num_key_value_heads=8, head_dim=64,
                                  tie_word_embeddings=True)),
    "gemma2": ("Gemma2Config", dict(vocab_size=256000, hidden_size=2304, intermediate_size=9216, num_hidden_layers=26,
                                    num_attention_heads=8, num_key_value_heads=4, head_dim=256,
                                    tie_word_embeddings=True)),
}


def meta_model(config):
    """The causal LM of ``config`` with every tensor on the meta device (shapes only)."""
    from transformers import AutoModelForCausalLM

    with torch.device("meta"):
        return AutoModelForCausalLM.from_config(config)


def preset_model(name: str):
    import transformers

    cls, kw = PRESET_SHAPES[name]
    return meta_model(getattr(transformers, cls)(**kw))


def lora_parameter_count(model, targets, r: int) -> int:
    """``Σ r · (d_in + d_out)`` over the Linear / Conv1D layers whose name ends in one of ``targets``."""
    from transformers.pytorch_utils import Conv1D

    total = 0
    for name, m in model.named_modules():
        if name.split(".")[-1] not in targets:
            continue
        if isinstance(m, torch.nn.Linear):
            total += r * (m.in_features + m.out_features)
        elif isinstance(m, Conv1D):
            d_in, d_out = m.weight.shape                       # Conv1D stores (in, out)
            total += r * (d_in + d_out)
    return total


def memory_estimates(model, r: int = 16, targets=None) -> dict:
    """Parameter counts and GiB of weights + grads + Adam states for full / LoRA / QLoRA (see the module doc)."""
    from chatgpt.foundation import lora_targets

    targets = tuple(targets or lora_targets(model))
    n = sum(p.numel() for p in model.parameters())                       # tied embeddings counted once
    emb = model.get_input_embeddings().weight.numel()
    head = model.get_output_embeddings()
    untied_head = 0 if head is None or head.weight is model.get_input_embeddings().weight else head.weight.numel()
    n_lora = lora_parameter_count(model, targets, r)
    nf4 = 0.5 + 0.127 / 8                                                # bytes per quantised weight
    quantised = n - emb - untied_head
    return {
        "params_M": n / 1e6,
        "lora_params_M": n_lora / 1e6,
        "full_fp32_GiB": 16 * n / GIB,
        "full_bf16_GiB": 8 * n / GIB,
        "lora_bf16_GiB": (2 * n + 16 * n_lora) / GIB,
        "qlora_nf4_GiB": (nf4 * quantised + 2 * (emb + untied_head) + 16 * n_lora) / GIB,
    }
