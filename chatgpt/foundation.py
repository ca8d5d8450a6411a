"""The base (foundation) model as a real choice: tokenizer specials, dtype, LoRA/QLoRA, loss path.

The course runs on any Hugging Face causal LM — the project's tiny GPT-2, KoGPT-2
(``skt/kogpt2-base-v2``), or a Llama-, Qwen2- or Gemma2-style model — and what differs
between them is collected here, one rule per function:

* **special tokens** (:func:`load_tokenizer`): KoGPT-2's hub files declare none, and its
  model card loads the tokenizer with ``bos = eos = </s>``, ``unk = <unk>``, ``pad = <pad>``,
  ``mask = <mask>``; we apply exactly those, and check that every special id is inside the
  model's vocabulary (an id ≥ ``vocab_size`` is a token with no embedding row). A tokenizer
  with a chat template ends an assistant turn with an end-of-turn token (``<|im_end|>``,
  ``<end_of_turn>``, ``<|eot_id|>``); that token is the eos every stage stops at
  (:mod:`chatgpt.chat_format`).
* **dtype** (:func:`load_causal_lm`): fp32 by default; ``bfloat16`` halves memory.
* **adapters** (:func:`add_adapters`): LoRA (Hu et al., 2021) through ``loralib`` for the
  GPT-2 family (the from-scratch lesson of :mod:`chatgpt.models.lora`), through ``peft``
  for every other model; target modules by model type (:data:`LORA_TARGETS`: GPT-2's fused
  ``Conv1D`` ``c_attn``, the ``q_proj``/``v_proj`` of Llama-style attention). QLoRA
  (Dettmers et al., 2023: 4-bit NF4 base + LoRA) needs CUDA and ``bitsandbytes``.
* **fast loss path** (:func:`supports_fast_loss`): :func:`~chatgpt.models.loss.labelled_lm_loss`
  runs the LM head on labelled positions only, which equals ``model(...)`` only when the
  logits are ``head(hidden)``: not for Gemma2, whose logits are soft-capped
  ``c · tanh(z / c)`` (``final_logit_softcapping``).
"""
from __future__ import annotations

import torch
import torch.nn as nn

# the model card's tokenizer call: PreTrainedTokenizerFast.from_pretrained("skt/kogpt2-base-v2", bos_token="</s>", ...)
KOGPT2_SPECIAL_TOKENS = {"bos_token": "</s>", "eos_token": "</s>", "unk_token": "<unk>", "pad_token": "<pad>",
                         "mask_token": "<mask>"}
# KoGPT-2's vocabulary starts with these tokens (ids 0–6); a tokenizer that has them all is laid out like KoGPT-2
KOGPT2_VOCAB_MARKERS = ("<s>", "</s>", "<usr>", "<pad>", "<sys>", "<unk>", "<mask>")

# LoRA target modules by ``config.model_type``: attention query/value projections, as in Hu et al. (2021, §7.1).
# GPT-2 fuses q, k, v into one Conv1D ``c_attn`` (weight stored in × out).
LORA_TARGETS = {
    "gpt2": ("c_attn",),
    "llama": ("q_proj", "v_proj"),
    "mistral": ("q_proj", "v_proj"),
    "qwen2": ("q_proj", "v_proj"),
    "qwen3": ("q_proj", "v_proj"),
    "gemma": ("q_proj", "v_proj"),
    "gemma2": ("q_proj", "v_proj"),
}
LORALIB_FAMILIES = ("gpt2",)        # adapter="auto": loralib for these (the course's own LoRA), peft for the rest
# ``python -m chatgpt pipeline --profile kogpt2 --base NAME``: instruction-tuned bases with a chat template, in bf16
# with peft LoRA for SFT (the kogpt2 profile's hyperparameters; not run in this repository: GPU and hub needed)
BASE_PRESETS = {
    "kogpt2": {"model_name": "skt/kogpt2-base-v2", "dtype": "", "lora_r": 0},
    "qwen2": {"model_name": "Qwen/Qwen2.5-0.5B-Instruct", "dtype": "bfloat16", "lora_r": 16},
    "llama": {"model_name": "meta-llama/Llama-3.2-1B-Instruct", "dtype": "bfloat16", "lora_r": 16},
    "gemma2": {"model_name": "google/gemma-2-2b-it", "dtype": "bfloat16", "lora_r": 16},
}
DTYPES = {"": None, "float32": torch.float32, "bfloat16": torch.bfloat16, "float16": torch.float16}


def is_kogpt2(name_or_path: str, tokenizer=None) -> bool:
    """KoGPT-2 by hub name (``skt/kogpt2-*``) or by its vocabulary layout (a local copy, our checkpoints).

    Not by a directory name: ``outputs/checkpoints/kogpt2-sft`` may hold another base run with that profile.
    """
    if "skt/kogpt2" in str(name_or_path).lower():
        return True
    if tokenizer is None:
        return False
    vocab = tokenizer.get_vocab()
    return all(t in vocab for t in KOGPT2_VOCAB_MARKERS)


def model_vocab_size(name_or_path: str) -> int | None:
    """``config.vocab_size`` of a checkpoint, or None when it has no readable config."""
    try:
        from transformers import AutoConfig

        cfg = AutoConfig.from_pretrained(name_or_path)
    except (OSError, ValueError):
        return None
    cfg = cfg.get_text_config() if hasattr(cfg, "get_text_config") else cfg
    return getattr(cfg, "vocab_size", None)


def check_special_tokens(tokenizer, vocab_size: int, where: str = "", allow_new: tuple[str, ...] = ()) -> dict:
    """Every special token's id is ``< vocab_size`` (it has an embedding row); returns ``{name: id}``.

    ``allow_new`` names attributes (e.g. a pad we added ourselves) that may lie past the
    vocabulary because the caller resizes the embeddings.
    """
    ids = {}
    for attr in ("bos_token", "eos_token", "unk_token", "pad_token", "mask_token"):
        token = getattr(tokenizer, attr, None)
        if token is None:
            continue
        tid = tokenizer.convert_tokens_to_ids(token)
        ids[attr] = tid
        if tid is None or (tid >= vocab_size and attr not in allow_new):
            raise ValueError(f"{where or 'tokenizer'}: special token {attr}={token!r} has id {tid}, outside the "
                             f"model's vocabulary of {vocab_size}: it has no embedding (wrong special tokens?)")
    return ids


def load_tokenizer(name_or_path: str, prompt_format: str = "auto", trust_remote_code: bool = False):
    """The tokenizer of a base model or checkpoint, with the special tokens every stage relies on.

    * KoGPT-2 (by name or vocabulary): the model card's specials (:data:`KOGPT2_SPECIAL_TOKENS`);
    * ``prompt_format``: ``"auto"`` keeps a chat template when the tokenizer has one (its
      end-of-turn token becomes eos), ``"alpaca"`` drops it (the Alpaca template of
      :mod:`chatgpt.template` is used), ``"chat"`` requires one;
    * a missing pad becomes a new ``<pad>`` token (the SFT stage resizes the embeddings);
    * every special id is checked against the model's ``vocab_size``.
    """
    from transformers import AutoTokenizer

    from chatgpt.chat_format import end_of_turn_token

    if prompt_format not in ("auto", "alpaca", "chat"):
        raise ValueError(f"prompt_format must be 'auto', 'alpaca' or 'chat', got {prompt_format!r}")
    tok = AutoTokenizer.from_pretrained(name_or_path, trust_remote_code=trust_remote_code)
    if is_kogpt2(name_or_path, tok):
        tok = AutoTokenizer.from_pretrained(name_or_path, trust_remote_code=trust_remote_code,
                                            **KOGPT2_SPECIAL_TOKENS)
    if prompt_format == "alpaca":
        tok.chat_template = None
    elif getattr(tok, "chat_template", None):
        eot = end_of_turn_token(tok)
        if eot is not None and eot != tok.eos_token:
            tok.eos_token = eot                   # the token that closes an assistant turn is where a response stops
    elif prompt_format == "chat":
        raise ValueError(f"{name_or_path}: prompt_format='chat' but the tokenizer has no chat template")
    added = ()
    if tok.pad_token is None:                     # KoGPT-2 ships <pad>; other GPT-2s / Llamas may not
        tok.add_special_tokens({"pad_token": "<pad>"})
        added = ("pad_token",)
    if tok.eos_token is None:
        raise ValueError(f"{name_or_path}: the tokenizer has no eos token; every stage needs one")
    vocab = model_vocab_size(name_or_path)
    if vocab is not None:
        check_special_tokens(tok, vocab, str(name_or_path), allow_new=added)
    return tok


def load_causal_lm(name_or_path: str, dtype: str = "", qlora: bool = False, trust_remote_code: bool = False):
    """``AutoModelForCausalLM`` in ``dtype`` ("" = fp32); with ``qlora`` 4-bit NF4 weights (CUDA only)."""
    from transformers import AutoModelForCausalLM

    if dtype not in DTYPES:
        raise ValueError(f"dtype must be one of {list(DTYPES)}, got {dtype!r}")
    kw = {"dtype": DTYPES[dtype] or torch.float32, "trust_remote_code": trust_remote_code}
    if qlora:
        kw["quantization_config"] = qlora_config(DTYPES[dtype] or torch.bfloat16)
        kw["device_map"] = {"": torch.cuda.current_device()}
    return AutoModelForCausalLM.from_pretrained(name_or_path, **kw)


def qlora_config(compute_dtype=torch.bfloat16):
    """``BitsAndBytesConfig`` for QLoRA (NF4, double quantisation); a clear error without CUDA/bitsandbytes."""
    if not torch.cuda.is_available():
        raise RuntimeError("QLoRA (qlora=True) loads the base model in 4 bits with bitsandbytes, which needs a CUDA "
                           "GPU; none is available here. Use plain LoRA (lora.r > 0, qlora=False) on CPU.")
    try:
        import bitsandbytes  # noqa: F401
    except ImportError as e:
        raise RuntimeError("QLoRA needs bitsandbytes: pip install 'kochatgpt[qlora]'") from e
    from transformers import BitsAndBytesConfig

    return BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_use_double_quant=True,
                              bnb_4bit_compute_dtype=compute_dtype)


def lora_targets(model: nn.Module, targets: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The module names LoRA wraps: ``targets`` if given, else :data:`LORA_TARGETS` of the model type."""
    if targets:
        return tuple(targets)
    model_type = getattr(model.config, "model_type", "")
    if model_type in LORA_TARGETS:
        return LORA_TARGETS[model_type]
    names = {n.split(".")[-1] for n, _ in model.named_modules()}
    if {"q_proj", "v_proj"} <= names:            # any other Llama-style attention
        return ("q_proj", "v_proj")
    raise ValueError(f"no default LoRA targets for model_type={model_type!r}; set them (e.g. targets=('q_proj',))")


def adapter_kind(model: nn.Module, adapter: str = "auto") -> str:
    """``"loralib"`` for the GPT-2 family (the course's own LoRA), ``"peft"`` for any other model."""
    if adapter not in ("auto", "loralib", "peft"):
        raise ValueError(f"adapter must be 'auto', 'loralib' or 'peft', got {adapter!r}")
    if adapter != "auto":
        return adapter
    return "loralib" if getattr(model.config, "model_type", "") in LORALIB_FAMILIES else "peft"


def add_adapters(model: nn.Module, r: int, alpha: int, dropout: float, targets: tuple[str, ...] = (),
                 adapter: str = "auto", qlora: bool = False) -> nn.Module:
    """Wrap ``model`` with LoRA; returns the module to train (a ``PeftModel`` for peft).

    Only the adapters stay trainable. With ``qlora`` the (4-bit) model is first passed
    through ``peft.prepare_model_for_kbit_training`` (fp32 norms, input grads).
    """
    kind = "peft" if qlora else adapter_kind(model, adapter)
    if kind == "loralib":
        from chatgpt.models.lora import convert_to_lora

        convert_to_lora(model, r, alpha, dropout, lora_targets(model, targets))
        return model
    from peft import LoraConfig, get_peft_model, prepare_model_for_kbit_training

    if qlora:
        model = prepare_model_for_kbit_training(model)
    fan_in_fan_out = getattr(model.config, "model_type", "") == "gpt2"   # Conv1D stores (in, out)
    cfg = LoraConfig(r=r, lora_alpha=alpha, lora_dropout=dropout, target_modules=list(lora_targets(model, targets)),
                     fan_in_fan_out=fan_in_fan_out, task_type="CAUSAL_LM")
    return get_peft_model(model, cfg)


def merge_adapters(model: nn.Module) -> nn.Module:
    """Fold the LoRA updates into the weights; returns a plain HF causal LM (saves like any checkpoint)."""
    if hasattr(model, "merge_and_unload"):               # peft
        return model.merge_and_unload()
    from chatgpt.models.lora import merge_lora

    merge_lora(model)
    return model


def supports_fast_loss(model: nn.Module) -> bool:
    """True when ``logits = lm_head(base_model(...).last_hidden_state)``: the labelled-only loss equals ``model(...)``.

    False for wrappers (peft), models without a separate body/head, and models that transform the
    logits after the head: Gemma2/3 soft-capping ``c · tanh(z / c)``, Cohere's ``logit_scale``.
    """
    from transformers import PreTrainedModel

    if not isinstance(model, PreTrainedModel) or getattr(model, "base_model", model) is model:
        return False
    if model.get_output_embeddings() is None:
        return False
    cfg = model.config.get_text_config() if hasattr(model.config, "get_text_config") else model.config
    for attr in ("final_logit_softcapping", "logit_scale", "logits_scaling", "output_multiplier_scale"):
        if getattr(cfg, attr, None) not in (None, 1, 1.0):
            return False
    return True


def describe(model: nn.Module, tokenizer) -> dict:
    """What a stage records about its base model (``stage.json``): type, dtype, special tokens, prompt format."""
    from chatgpt.chat_format import uses_chat_template

    return {"model_type": getattr(model.config, "model_type", ""),
            "dtype": str(next(model.parameters()).dtype).replace("torch.", ""),
            "eos_token": tokenizer.eos_token, "eos_token_id": tokenizer.eos_token_id,
            "bos_token_id": tokenizer.bos_token_id, "pad_token_id": tokenizer.pad_token_id,
            "prompt_format": "chat_template" if uses_chat_template(tokenizer) else "alpaca"}


def sft_model(name_or_path: str, tokenizer, cfg) -> nn.Module:
    """The base model of the SFT stage of a :class:`~chatgpt.config.PipelineConfig`: dtype, vocabulary, LoRA.

    The embeddings grow only when the tokenizer has more tokens than the model (a pad we added); a
    model whose matrix is padded past the tokenizer (Qwen2: 151,936 rows for 151,665 tokens) is kept.
    """
    b = cfg.base
    if b.qlora and not cfg.lora.r:
        raise ValueError("base.qlora=True trains LoRA adapters on a 4-bit base: set lora.r > 0")
    model = load_causal_lm(name_or_path, b.dtype, b.qlora, b.trust_remote_code)
    if len(tokenizer) > model.get_input_embeddings().weight.size(0):
        model.resize_token_embeddings(len(tokenizer))
    if cfg.lora.r:
        kind = "peft" if b.qlora else adapter_kind(model, b.adapter)
        targets = b.lora_targets or (tuple(cfg.lora.targets) if kind == "loralib" else ())
        model = add_adapters(model, cfg.lora.r, cfg.lora.alpha, cfg.lora.dropout, targets, kind, b.qlora)
    return model


def finish_sft_model(model: nn.Module, name_or_path: str, cfg) -> nn.Module:
    """Merge the adapters into a plain causal LM to save. QLoRA: reload the base in bf16, merge there."""
    if not cfg.lora.r:
        return model
    if cfg.base.qlora:                   # merging into 4-bit weights would re-quantise them: merge in bf16
        import tempfile

        from peft import PeftModel

        with tempfile.TemporaryDirectory() as tmp:
            model.save_pretrained(tmp)                                   # the adapters only
            base = load_causal_lm(name_or_path, cfg.base.dtype or "bfloat16", False, cfg.base.trust_remote_code)
            return PeftModel.from_pretrained(base, tmp).merge_and_unload()
    return merge_adapters(model)
