"""PyTorch datasets and collators for the three RLHF stages.

* :class:`SupervisedDataset` — prompt + completion + eos; labels over the prompt are
  ``-100`` so the loss is taken on the response only (InstructGPT, Ouyang et al., 2022).
* :class:`RewardDataset` — (prompt, chosen, rejected) pairs, both sides ending in eos
  so that the reward is read at a well-defined last token.
* :class:`PromptDataset` — templated prompts for PPO rollouts and evaluation.

Collators pad *per batch*: right padding for training (:class:`SupervisedCollator`,
:class:`RewardCollator`), left padding for generation (:class:`PromptCollator`) so
that every prompt ends at the same column and new tokens are appended after it.
The eos token always comes from the tokenizer. A tokenizer with a chat template formats
prompts with it (:mod:`chatgpt.chat_format`); the others use the Alpaca template.
"""
from __future__ import annotations

from typing import Iterable, Sequence

import torch
from torch.utils.data import Dataset

from chatgpt.chat_format import chat_example_ids, chat_prompt_ids, uses_chat_template
from chatgpt.template import format_example, format_prompt

IGNORE_INDEX = -100


def _rows(data) -> list[dict]:
    """Accept a ``datasets.Dataset``, a list of dicts, or any iterable of dicts."""
    return [dict(r) for r in data]


def _check_tokenizer(tokenizer) -> None:
    if tokenizer.eos_token_id is None:
        raise ValueError("tokenizer has no eos token")
    if tokenizer.pad_token_id is None:
        raise ValueError("tokenizer has no pad token; set tokenizer.pad_token (distinct from eos if possible)")


def _prompt_and_target_ids(prompt: str, completion: str, tokenizer) -> tuple[list[int], list[int]]:
    """Prompt ids and completion + eos ids: the tokenizer's chat template when it has one, else Alpaca.

    See :mod:`chatgpt.chat_format`; the choice travels with the tokenizer, so every stage agrees.
    """
    if uses_chat_template(tokenizer):
        return chat_example_ids(tokenizer, prompt, completion)
    prompt_text, target_text = format_example(prompt, completion, tokenizer.eos_token)
    return (tokenizer(prompt_text, add_special_tokens=False)["input_ids"],
            tokenizer(target_text, add_special_tokens=False)["input_ids"])


def prompt_ids(prompt: str, tokenizer) -> list[int]:
    """Ids of a templated prompt (chat template or Alpaca); the model continues after them."""
    if uses_chat_template(tokenizer):
        return chat_prompt_ids(tokenizer, prompt)
    return tokenizer(format_prompt(prompt), add_special_tokens=False)["input_ids"]


def encode_sft(prompt: str, completion: str, tokenizer, max_length: int) -> dict:
    """Token ids and masked labels of one example.

    ``input_ids = prompt_ids + target_ids`` and ``labels = [-100] * len(prompt_ids) + target_ids``;
    the prompt is cut from the *left* and the target from the right to fit ``max_length``.
    """
    p, t = _prompt_and_target_ids(prompt, completion, tokenizer)
    p = p[-(max_length // 2):] if len(p) > max_length // 2 and len(p) + len(t) > max_length else p
    t = t[: max_length - len(p)]
    return {"input_ids": p + t, "labels": [IGNORE_INDEX] * len(p) + t}


class SupervisedDataset(Dataset):
    """SFT examples from records with ``prompt`` and ``completion``."""

    def __init__(self, records: Iterable[dict], tokenizer, max_length: int = 256):
        _check_tokenizer(tokenizer)
        rows = _rows(records)
        self.examples = [encode_sft(r["prompt"], r["completion"], tokenizer, max_length) for r in rows]
        self.n_truncated = sum(1 for e in self.examples if e["input_ids"][-1] != tokenizer.eos_token_id)

    def __len__(self) -> int:
        return len(self.examples)

    def __getitem__(self, i: int) -> dict:
        return self.examples[i]


class SupervisedCollator:
    """Right-pad ``input_ids`` with pad id, ``labels`` with -100; build the attention mask."""

    def __init__(self, tokenizer):
        _check_tokenizer(tokenizer)
        self.pad_id = tokenizer.pad_token_id

    def __call__(self, batch: Sequence[dict]) -> dict:
        T = max(len(b["input_ids"]) for b in batch)
        ids = torch.full((len(batch), T), self.pad_id, dtype=torch.long)
        labels = torch.full((len(batch), T), IGNORE_INDEX, dtype=torch.long)
        mask = torch.zeros((len(batch), T), dtype=torch.long)
        for i, b in enumerate(batch):
            n = len(b["input_ids"])
            ids[i, :n] = torch.tensor(b["input_ids"])
            labels[i, :n] = torch.tensor(b["labels"])
            mask[i, :n] = 1
        return {"input_ids": ids, "attention_mask": mask, "labels": labels}  # each (B, T)


def encode_response(prompt: str, response: str, tokenizer, max_length: int) -> list[int]:
    """Ids of template(prompt) + response + eos, truncated from the left of the prompt if needed.

    A response longer than ``max_length − 8`` tokens is cut and **still ends in eos**: the
    reward is read at the last token, and the RM should read it at the eos it reads on
    every other example (not at a random mid-sentence token).
    """
    p, t = _prompt_and_target_ids(prompt, response, tokenizer)
    if len(t) > max_length - 8:
        t = t[: max_length - 9] + [tokenizer.eos_token_id]
    keep = max_length - len(t)
    return p[-keep:] + t


class RewardDataset(Dataset):
    """Chosen/rejected pairs (columns ``prompt``, ``chosen``, ``rejected``)."""

    def __init__(self, pairs: Iterable[dict], tokenizer, max_length: int = 256):
        _check_tokenizer(tokenizer)
        self.examples = [
            {"chosen": encode_response(r["prompt"], r["chosen"], tokenizer, max_length),
             "rejected": encode_response(r["prompt"], r["rejected"], tokenizer, max_length)}
            for r in _rows(pairs)
        ]

    def __len__(self) -> int:
        return len(self.examples)

    def __getitem__(self, i: int) -> dict:
        return self.examples[i]


def right_pad(seqs: Sequence[Sequence[int]], pad_id: int) -> tuple[torch.Tensor, torch.Tensor]:
    T = max(len(s) for s in seqs)
    ids = torch.full((len(seqs), T), pad_id, dtype=torch.long)
    mask = torch.zeros((len(seqs), T), dtype=torch.long)
    for i, s in enumerate(seqs):
        ids[i, : len(s)] = torch.tensor(s)
        mask[i, : len(s)] = 1
    return ids, mask


def left_pad(seqs: Sequence[Sequence[int]], pad_id: int) -> tuple[torch.Tensor, torch.Tensor]:
    T = max(len(s) for s in seqs)
    ids = torch.full((len(seqs), T), pad_id, dtype=torch.long)
    mask = torch.zeros((len(seqs), T), dtype=torch.long)
    for i, s in enumerate(seqs):
        if len(s):
            ids[i, T - len(s):] = torch.tensor(s)
            mask[i, T - len(s):] = 1
    return ids, mask


class RewardCollator:
    """Stack chosen then rejected into one right-padded batch of ``2B`` rows.

    Rows ``[:B]`` are the chosen answers and rows ``[B:]`` the rejected ones, so one
    forward pass scores both sides.
    """

    def __init__(self, tokenizer):
        _check_tokenizer(tokenizer)
        self.pad_id = tokenizer.pad_token_id

    def __call__(self, batch: Sequence[dict]) -> dict:
        ids, mask = right_pad([b["chosen"] for b in batch] + [b["rejected"] for b in batch], self.pad_id)
        return {"input_ids": ids, "attention_mask": mask}  # (2B, T)


class RankedRewardDataset(Dataset):
    """RM records with K ranked completions, ordered best → worst (``ranking`` read by ``ranking_order``).

    InstructGPT (Ouyang et al., 2022, §3.5) trains on all ``K choose 2`` comparisons of a
    prompt as *one* batch element: every completion is scored once per epoch instead of
    once per pair it appears in (2× fewer forward passes for K = 3), and the pairs of
    one prompt never straddle an update, which curbs over-fitting.
    """

    def __init__(self, records: Iterable[dict], tokenizer, max_length: int = 256):
        from chatgpt.data.pairs import ranking_order

        _check_tokenizer(tokenizer)
        self.examples = []
        for r in _rows(records):
            order = ranking_order(r["ranking"])
            self.examples.append({"ranked": [encode_response(r["prompt"], r[f"completion_{i}"], tokenizer, max_length)
                                             for i in order]})

    def __len__(self) -> int:
        return len(self.examples)

    def __getitem__(self, i: int) -> dict:
        return self.examples[i]


class RankedRewardCollator:
    """Flatten ``B`` records × ``K`` ranked completions into one right-padded ``(B·K, T)`` batch."""

    def __init__(self, tokenizer):
        _check_tokenizer(tokenizer)
        self.pad_id = tokenizer.pad_token_id

    def __call__(self, batch: Sequence[dict]) -> dict:
        K = len(batch[0]["ranked"])
        ids, mask = right_pad([seq for b in batch for seq in b["ranked"]], self.pad_id)
        return {"input_ids": ids, "attention_mask": mask, "num_candidates": K}   # row b·K + k = rank k of record b


class PromptDataset(Dataset):
    """Templated prompts, kept as token ids (the raw text is kept too, for reports)."""

    def __init__(self, prompts: Iterable, tokenizer, max_length: int = 96):
        _check_tokenizer(tokenizer)
        self.prompts = [p["prompt"] if isinstance(p, dict) else p for p in prompts]
        self.examples = [prompt_ids(p, tokenizer)[-max_length:] for p in self.prompts]

    def __len__(self) -> int:
        return len(self.examples)

    def __getitem__(self, i: int) -> dict:
        return {"input_ids": self.examples[i], "index": i}


class PromptCollator:
    """Left-pad prompts for generation (new tokens then follow every prompt directly)."""

    def __init__(self, tokenizer):
        _check_tokenizer(tokenizer)
        self.pad_id = tokenizer.pad_token_id

    def __call__(self, batch: Sequence[dict]) -> dict:
        ids, mask = left_pad([b["input_ids"] for b in batch], self.pad_id)
        return {"input_ids": ids, "attention_mask": mask, "index": torch.tensor([b["index"] for b in batch])}


def example_length(example) -> int:
    """The longest token-id list inside one dataset example (any nesting of dicts and lists).   → int"""
    if isinstance(example, dict):
        return max((example_length(v) for v in example.values()), default=0)
    if isinstance(example, (list, tuple)):
        if example and all(isinstance(x, int) for x in example):
            return len(example)
        return max((example_length(v) for v in example), default=0)
    return 0


def by_length(dataset):
    """A view of ``dataset`` in order of :func:`example_length`, for **evaluation** loaders.

    An evaluation averages over all examples, so their order does not matter, but the padding of
    each batch does: RM completions run from 3 to 240 tokens, and in file order a batch is padded to
    its longest member. Sorted, each batch is padded to about its own length. (Sums are then taken
    in another order: the averages can differ in the last float bits.)
    """
    from torch.utils.data import Subset

    return Subset(dataset, sorted(range(len(dataset)), key=lambda i: example_length(dataset[i])))


class LengthGroupedBatchSampler(torch.utils.data.Sampler):
    """Shuffled batches of examples of similar length, for **training** loaders (less padding).

    Per pass: a random permutation of the examples is cut into *megabatches* of
    ``mega_batches × batch_size``; each megabatch is sorted by length and cut into batches, and the
    order of all batches is shuffled. Every example is used once per pass, batches still mix examples
    from all over the dataset (only their lengths are alike), and the number of batches is the same as
    a plain shuffled loader's, ``⌈n / batch_size⌉`` (the last one may be short, or is dropped with
    ``drop_last``). transformers' ``LengthGroupedSampler`` (``group_by_length``) works the same way with
    megabatches of 50, but keeps the batches of a megabatch in order of length.

    On the tiny profile's SFT batches of 16 this cuts the padding from 16 % of the tokens to ≈ 1 %
    (``bench/bench_sft.py``); the loss of each batch is unchanged, only which examples share a batch.

    Data parallel (``num_replicas`` W > 1): every rank draws the same batches (same seed) and takes every
    W-th one, starting at its ``rank``; the list is first padded by repeating its first batches (or cut,
    with ``drop_last``) to a multiple of W, so that all ranks run the same number of steps.
    """

    def __init__(self, lengths: Sequence[int], batch_size: int, generator: torch.Generator | None = None,
                 mega_batches: int = 50, drop_last: bool = False, num_replicas: int = 1, rank: int = 0):
        if batch_size < 1 or mega_batches < 1:
            raise ValueError(f"batch_size and mega_batches must be ≥ 1, got {batch_size}, {mega_batches}")
        if not 0 <= rank < num_replicas:
            raise ValueError(f"rank must be in [0, num_replicas={num_replicas}), got {rank}")
        self.lengths = torch.as_tensor(list(lengths), dtype=torch.long)                 # (n,)
        self.batch_size, self.mega, self.drop_last = batch_size, mega_batches, drop_last
        self.num_replicas, self.rank = num_replicas, rank
        self.generator = generator if generator is not None else torch.Generator().manual_seed(0)

    def _n_batches(self) -> int:
        """Batches of all ranks together (a multiple of ``num_replicas``)."""
        n, b, w = len(self.lengths), self.batch_size, self.num_replicas
        nb = n // b if self.drop_last else -(-n // b)
        return nb // w * w if self.drop_last else -(-nb // w) * w

    def __len__(self) -> int:
        return self._n_batches() // self.num_replicas

    def __iter__(self):
        n, b = len(self.lengths), self.batch_size
        perm = torch.randperm(n, generator=self.generator)                              # (n,)
        batches = []
        for start in range(0, n, self.mega * b):
            mega = perm[start: start + self.mega * b]
            # stable sort, longest first: equal lengths keep their (random) order
            mega = mega[torch.sort(self.lengths[mega], descending=True, stable=True).indices]
            batches += [mega[i: i + b].tolist() for i in range(0, len(mega), b)]
        if self.drop_last:
            batches = [x for x in batches if len(x) == b]
        batches = [batches[k] for k in torch.randperm(len(batches), generator=self.generator).tolist()]
        total = self._n_batches()
        batches = (batches * (1 + total // max(1, len(batches))))[:total]              # pad or cut to a multiple of W
        yield from batches[self.rank:: self.num_replicas]
