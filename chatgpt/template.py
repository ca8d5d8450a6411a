"""The one prompt template shared by SFT, the reward model, PPO and inference.

The original KoChatGPT course formatted prompts as Alpaca-style instructions
(Taori et al., 2023, "Stanford Alpaca"). Every stage of this package goes through
:func:`format_prompt` so that the reward model scores exactly the text the policy
produced and inference sees exactly what SFT trained on.

The response is the completion followed by the tokenizer's eos token — never a
hard-coded string such as ``"<|endoftext|>"`` (the old course appended an English
EOS string to Korean data, which the KoGPT-2 tokenizer split into pieces).
"""
from __future__ import annotations

PROMPT_TEMPLATE = "### Instruction(명령어):\n{prompt}\n\n### Response(응답):\n"


def format_prompt(prompt: str) -> str:
    """Wrap a raw user prompt in the shared template (the model continues after it)."""
    if not isinstance(prompt, str) or not prompt.strip():
        raise ValueError(f"prompt must be a non-empty string, got {prompt!r}")
    return PROMPT_TEMPLATE.format(prompt=prompt.strip())


def format_example(prompt: str, completion: str, eos_token: str) -> tuple[str, str]:
    """Return ``(prompt_text, target_text)``: the template and the completion + eos.

    The two parts are tokenized separately so that the prompt/target boundary is
    exact in token space (labels over the prompt are masked with -100).
    """
    if not eos_token:
        raise ValueError("the tokenizer has no eos token; set tokenizer.eos_token first")
    return format_prompt(prompt), completion.strip() + eos_token


def extract_response(generated: str) -> str:
    """Cut a decoded generation down to the response (after the template's marker)."""
    marker = "### Response(응답):"
    if marker in generated:
        generated = generated.split(marker, 1)[1]
    return generated.strip()
