"""Loading the corpus lexicon: the JSON word lists and templates of the pretraining-corpus generator.

The generator's *code* lives in ``chatgpt/data/`` (:mod:`.korean_grammar`, :mod:`.corpus_render`,
:mod:`.corpus_genres`, :mod:`.corpus`); everything it says -- names, foods, cities, facts, sentence
templates, verb phrases -- lives in one JSON file per genre or kind under ``data_kochatgpt/corpus_lexicon/``
(UTF-8, edited by hand).  Lists are drawn from by index, so reordering a list changes the corpus; see
``data_kochatgpt/README.md`` for how to check a change against the recorded hashes.

Each file is read once (cached).  A missing file, a file that is not UTF-8 JSON, a duplicate key or a
missing entry raises :class:`LexiconError` with the file's path in the message.
"""
from __future__ import annotations

import functools
import json
from collections import Counter
from pathlib import Path

# <repo>/data_kochatgpt/corpus_lexicon, found like loaders.default_data_dir() finds <repo>/data_kochatgpt
LEXICON_DIR = Path(__file__).resolve().parents[2] / "data_kochatgpt" / "corpus_lexicon"


class LexiconError(ValueError):
    """A lexicon file is missing or malformed, or lacks an entry (the message names the file)."""


class Table(dict):
    """A JSON object read from a lexicon file: a missing key raises :class:`LexiconError` naming the file."""

    def __init__(self, pairs, path: Path):
        super().__init__(pairs)
        self.path = path
        if len(self) != len(pairs):
            dup = sorted(k for k, n in Counter(k for k, _ in pairs).items() if n > 1)
            raise LexiconError(f"{path}: duplicate key(s) {dup}")

    def __missing__(self, key):
        raise LexiconError(f"{self.path}: no entry {key!r} (in the object with keys {list(self)[:8]})")


@functools.cache
def load(name: str) -> Table:
    """The top-level object of ``<LEXICON_DIR>/<name>.json``."""
    path = LEXICON_DIR / f"{name}.json"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LexiconError(f"{path}: lexicon file of the corpus generator is missing "
                           f"(it ships with the repository: git checkout -- {path.name})") from None
    except UnicodeDecodeError as e:
        raise LexiconError(f"{path}: not UTF-8 ({e.reason} at byte {e.start})") from None
    try:
        data = json.loads(text, object_pairs_hook=lambda pairs: Table(pairs, path))
    except json.JSONDecodeError as e:
        raise LexiconError(f"{path}: malformed JSON at line {e.lineno}, column {e.colno}: {e.msg}") from None
    if not isinstance(data, Table):
        raise LexiconError(f"{path}: the top level must be a JSON object, not {type(data).__name__}")
    return data


def lexicon_files() -> list[Path]:
    """Every lexicon file, sorted by name (hashed into the tiny model's fingerprint)."""
    return sorted(LEXICON_DIR.glob("*.json"))
