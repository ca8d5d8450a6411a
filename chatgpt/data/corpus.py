"""Procedural Korean pretraining corpus for a tiny GPT-2 trained from scratch.

Why this exists: the course pretrains a 2-4 layer Korean GPT-2 before it is
fine-tuned on polite question/answer pairs.  A probe showed that a 400 KB corpus
is memorised within seconds while ~3 MB keeps improving, and that *variety*
(distinct sentences) matters more than raw size.  No freely redistributable
Korean corpus is bundled, so this package writes one: every lexicon entry,
template and fact in the lexicon files was written for this project (nothing is copied from a
dataset, website or package).

What it produces: about 3.3 MB of plain Korean paragraphs (2-7 sentences each,
every sentence finished with punctuation) in three registers -- 해요체, 합쇼체
and plain 해라체 -- covering the twelve fine-tuning topics (everyday chat,
shopping/customer service, general knowledge, history, science, cooking,
travel, health, technology, the Korean language, study/work advice, feelings),
plus diary entries, short stories, letters, reviews, weather forecasts, notices,
arithmetic word problems and short dialogues (반말 and 존댓말, and 질문:/대답:
exchanges).  Hundreds of sentence templates are filled from large
lexicons; particles follow the final consonant of the preceding word (see
:func:`josa`) and verbs/adjectives are conjugated by :class:`Pred`, with the
irregular stems stored explicitly.  Only ``random.Random(seed)`` is used, so the
output is byte-identical for the same arguments on every machine.

Where things are: this module mixes the genres and assembles the corpus;
:mod:`.corpus_genres` and :mod:`.corpus_advice` hold the genre generators,
:mod:`.corpus_render` the template mini-language, :mod:`.korean_grammar` the
particles and conjugation, and :mod:`.corpus_lexicon` loads the words, facts and
templates, which are data: ``data_kochatgpt/corpus_lexicon/*.json``.  Every one of
these files is listed by :func:`source_files` and hashed into the tiny model's
fingerprint.  ``python tools/corpus_hash.py --check`` checks that the output is
unchanged bit for bit.

Run ``python -m chatgpt.data.corpus`` to print the statistics of the default
corpus (about 3.3 MB, ~8,000 documents, roughly 63 % distinct sentences, ~2 s).
"""
from __future__ import annotations

import random
import re
import unicodedata
from pathlib import Path
from typing import Iterable

from . import corpus_advice, corpus_genres, corpus_lexicon, corpus_render, korean_grammar
from .corpus_advice import (g_dialogue, g_feelings, g_health, g_letter, g_math, g_notice, g_review, g_shopping,
                            g_study, g_tech, g_weather)
from .corpus_genres import (g_cooking, g_diary, g_everyday, g_history, g_knowledge, g_korean, g_science, g_story,
                            g_travel)
from .corpus_lexicon import LexiconError, lexicon_files
from .corpus_render import SPACES, pick_style, render
from .korean_grammar import P, Pred, Ps, final_consonant, has_batchim, josa

__all__ = ["generate_corpus", "corpus_stats", "normalize", "split_sentences", "source_files", "GENRES",
           "LexiconError", "P", "Ps", "Pred", "josa", "final_consonant", "has_batchim", "render"]


# (generator, weight, register weights 해요/합쇼/해라, may become a 질문/대답 pair)
GENRES = [
    (g_everyday, 10, (55, 25, 20), True), (g_diary, 6, (25, 0, 75), False),
    (g_story, 8, (25, 0, 75), False), (g_travel, 9, (55, 30, 15), True),
    (g_cooking, 9, (55, 30, 15), True), (g_science, 6, (50, 30, 20), True),
    (g_history, 5, (50, 30, 20), True), (g_knowledge, 4, (50, 30, 20), True),
    (g_tech, 7, (55, 30, 15), True), (g_korean, 7, (55, 30, 15), True),
    (g_health, 7, (55, 30, 15), True), (g_study, 8, (55, 30, 15), True),
    (g_feelings, 7, (65, 25, 10), True), (g_shopping, 7, (50, 40, 10), True),
    (g_dialogue, 3, (100, 0, 0), False), (g_weather, 3, (40, 55, 5), True),
    (g_notice, 3, (30, 70, 0), True), (g_math, 2, (70, 30, 0), True), (g_review, 4, (50, 20, 30), True),
    (g_letter, 3, (100, 0, 0), True),
]
_GEN_W = [g[1] for g in GENRES]
QA_SHARE = 0.18

_BAD_CHARS = re.compile("[A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\uFF21-\uFF3A\uFF41-\uFF5A"
                        "\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\U00020000-\U0002FA1F]")
_HANGUL = re.compile("[\uAC00-\uD7A3\u1100-\u11FF\u3130-\u318F]")
_SENT_SPLIT = re.compile(r"(?<=[.?!])\s+|(?<=[.?!][\"'])\s+")


def normalize(text: str) -> str:
    """Unicode NFC + every whitespace run collapsed to one space (used for ``exclude``)."""
    return SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def _cap(text: str, n: int) -> str:
    """Keep at most ``n`` sentences: the first n-1 and the last one."""
    sents = split_sentences(text)
    if len(sents) <= n:
        return text
    return " ".join(sents[:n - 1] + sents[-1:])


def _one_doc(rng: random.Random) -> str:
    gen, _, sw, qa_ok = rng.choices(GENRES, weights=_GEN_W)[0]
    if qa_ok and rng.random() < QA_SHARE:
        q, a = gen(rng, rng.choice(("yo", "yo", "sm")))
        return f"질문: {q} 대답: {_cap(a, 6)}"
    text = gen(rng, pick_style(rng, sw))[1]
    return text if gen is g_dialogue else _cap(text, 7)


class _Excluder:
    """Fast "does this text contain any banned substring?" test (bigram-indexed)."""

    def __init__(self, banned: Iterable[str]):
        self.single: set[str] = set()
        self.by_bigram: dict[str, list[str]] = {}
        for b in sorted(set(banned)):
            if len(b) == 1:
                self.single.add(b)
            else:
                self.by_bigram.setdefault(b[:2], []).append(b)

    def __bool__(self) -> bool:
        return bool(self.single or self.by_bigram)

    def hits(self, text: str) -> bool:
        if self.single and not self.single.isdisjoint(text):
            return True
        if not self.by_bigram:
            return False
        grams = {text[i:i + 2] for i in range(len(text) - 1)}
        for g in grams & self.by_bigram.keys():
            if any(b in text for b in self.by_bigram[g]):
                return True
        return False


def generate_corpus(extra_texts: Iterable[str] = (), *, target_bytes: int = 3_300_000, seed: int = 0,
                    exclude: Iterable[str] = ()) -> list[str]:
    """Return a list of documents (paragraph strings, no empty ones).

    Deterministic for a given (extra_texts, target_bytes, seed, exclude).  ``extra_texts`` (the
    project's own Q/A texts) are kept as-is, one document each, and shuffled in with the procedural
    documents; the procedural part fills up until the UTF-8 size of ``"\\n".join(docs)`` reaches
    ``target_bytes``.  Any document that contains an ``exclude`` string after :func:`normalize`
    (NFC + whitespace runs collapsed to one space), or any Latin letter or Hanja, is dropped.
    """
    rng = random.Random(seed)
    excluder = _Excluder(e for e in (normalize(x) for x in exclude) if e)

    def keep(doc: str) -> bool:
        n = normalize(doc)
        return bool(n) and not _BAD_CHARS.search(n) and not (excluder and excluder.hits(n))

    docs = [t for t in extra_texts if isinstance(t, str) and keep(t)]
    size = sum(len(d.encode("utf-8")) for d in docs) + max(0, len(docs) - 1)
    misses = 0                  # guard against an exclude list that rejects (almost) everything
    while size < target_bytes and misses < 5000:
        doc = _one_doc(rng)
        if not keep(doc):
            misses += 1
            continue
        misses = 0
        size += len(doc.encode("utf-8")) + (1 if docs else 0)
        docs.append(doc)
    rng.shuffle(docs)
    return docs


def split_sentences(doc: str) -> list[str]:
    return [x for x in _SENT_SPLIT.split(doc) if x.strip()]


def corpus_stats(docs: list[str]) -> dict:
    """Size and variety figures: documents, bytes, chars, hangul_share, unique_sentence_share."""
    text = "\n".join(docs)
    non_space = sum(1 for ch in text if not ch.isspace())
    sentences = [s for d in docs for s in split_sentences(d)]
    return {
        "documents": len(docs),
        "bytes": len(text.encode("utf-8")),
        "chars": len(text),
        "hangul_share": round(len(_HANGUL.findall(text)) / max(1, non_space), 4),
        "unique_sentence_share": round(len(set(sentences)) / max(1, len(sentences)), 4),
    }


def source_files() -> list[Path]:
    """Every file the corpus depends on: the generator's modules and the lexicon files, sorted by path."""
    mods = (corpus_advice, corpus_genres, corpus_lexicon, corpus_render, korean_grammar)
    return sorted([Path(m.__file__).resolve() for m in mods] + [Path(__file__).resolve()] + lexicon_files())


if __name__ == "__main__":
    import time

    t0 = time.perf_counter()
    corpus = generate_corpus()
    elapsed = time.perf_counter() - t0
    stats = corpus_stats(corpus)
    stats["seconds"] = round(elapsed, 2)
    for key, value in stats.items():
        print(f"{key}: {value}")
