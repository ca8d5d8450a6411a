"""Prompts in the model's own chat template, with the loss on the assistant's tokens only.

Instruction-tuned bases (Llama-3, Qwen2, Gemma2 …) were trained on conversations
rendered by their tokenizer's **chat template** (a Jinja string shipped with the
tokenizer; ``tokenizer.apply_chat_template``). Fine-tuning them in another format wastes
what they know, so when a tokenizer has a template every stage uses it; otherwise (the
tiny model, KoGPT-2) the Alpaca template of :mod:`chatgpt.template` stays. The choice is
carried by the tokenizer itself (``load_tokenizer(prompt_format="alpaca")`` drops the
template), and the tokenizer is saved with every checkpoint, so SFT, RM, PPO and
evaluation always agree.

One example is split in token space, as in :func:`chatgpt.dataset.encode_sft`::

    prompt_ids = template([user]) + generation prompt   # "<|im_start|>user\\n…<|im_end|>\\n<|im_start|>assistant\\n"
    full_ids   = template([user, assistant])
    target_ids = full_ids[len(prompt_ids):]  cut after the end-of-turn token

``labels = [-100] * len(prompt_ids) + target_ids``: the loss covers the assistant's
tokens and its end-of-turn token, never the system/user turns or the role headers.
The end-of-turn token (``<|im_end|>``, ``<end_of_turn>``, ``<|eot_id|>``) is the eos at
which sampling stops and the reward model reads its score. BOS comes from the template
(Llama and Gemma templates start with ``{{ bos_token }}``), never added twice.
"""
from __future__ import annotations

_PROBE = "\u2063응답\u2063"          # an unlikely assistant text, to find what the template writes after it


def uses_chat_template(tokenizer) -> bool:
    return bool(getattr(tokenizer, "chat_template", None))


def _ids(out) -> list[int]:
    """``apply_chat_template(tokenize=True)`` returns a list or a BatchEncoding, by version."""
    if hasattr(out, "keys") and "input_ids" in out:
        out = out["input_ids"]
    return list(out)


def chat_prompt_ids(tokenizer, prompt: str) -> list[int]:
    """Ids of the user turn followed by the assistant's header (the model continues after it)."""
    if not isinstance(prompt, str) or not prompt.strip():
        raise ValueError(f"prompt must be a non-empty string, got {prompt!r}")
    return _ids(tokenizer.apply_chat_template([{"role": "user", "content": prompt.strip()}],
                                              add_generation_prompt=True, tokenize=True))


def chat_example_ids(tokenizer, prompt: str, completion: str) -> tuple[list[int], list[int]]:
    """``(prompt_ids, target_ids)``; ``target_ids`` is the assistant's answer ending in eos (end of turn)."""
    p = chat_prompt_ids(tokenizer, prompt)
    full = _ids(tokenizer.apply_chat_template([{"role": "user", "content": prompt.strip()},
                                               {"role": "assistant", "content": completion.strip()}],
                                              tokenize=True))
    if full[: len(p)] != p:
        raise ValueError("the chat template renders the prompt differently with and without the answer; "
                         "cannot split prompt and answer in token space (use prompt_format='alpaca')")
    t = full[len(p):]
    eos = tokenizer.eos_token_id
    t = t[: t.index(eos) + 1] if eos in t else t + [eos]     # drop what follows the end of turn ("\n")
    return p, t


def end_of_turn_token(tokenizer) -> str | None:
    """The special token the template writes right after an assistant's text (None if it writes none)."""
    try:
        text = tokenizer.apply_chat_template([{"role": "user", "content": "질문"},
                                              {"role": "assistant", "content": _PROBE}], tokenize=False)
    except Exception as e:  # a template that cannot render a user → assistant exchange (jinja2 errors vary)
        raise ValueError(f"the tokenizer's chat template cannot render a user/assistant exchange ({e}); "
                         f"use prompt_format='alpaca'") from e
    if _PROBE not in text:
        return None
    after = text.split(_PROBE, 1)[1]
    for token in sorted(tokenizer.all_special_tokens + list(tokenizer.get_added_vocab()), key=len, reverse=True):
        if token and after.lstrip().startswith(token):
            return token
    return None
