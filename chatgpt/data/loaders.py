"""Loading validated KoChatGPT files as :class:`datasets.Dataset` objects.

Every loader accepts ``None`` (the default data directory), a directory
(joined with the default file name) or a file path and returns a
``datasets.Dataset``.  Files are read as they come (JSON array or JSON
Lines, BOM, CRLF) and checked with :func:`chatgpt.data.faults.load_checked`:

* a clean file is used as is;
* a file with faults (empty texts, duplicates, bad rankings, identical RM
  completions, over-long texts, missing keys, wrong types, text not in NFC)
  is **cleaned by default**, and the fault report (counts per fault class,
  first record numbers) and the cleaning counts are printed — nothing is
  dropped silently (the original KoChatGPT PPO file: 12,000 -> 11,945);
* with ``strict=True`` such a file raises :class:`DataFormatError` with the
  report instead.

``allow_duplicates=True`` keeps exact duplicates (reported as warnings).

The default data directory is ``data_kochatgpt/`` of this repository,
found relative to this file (never the working directory), unless the
environment variable ``KOCHATGPT_DATA_DIR`` is set.

``datasets`` is imported lazily, so importing this module is cheap.
"""

from __future__ import annotations

import os
from pathlib import Path

from .faults import DEFAULT_MAX_CHARS, load_checked
from .pairs import records_to_pairs
from .schema import REQUIRED_KEYS

__all__ = [
    "DATA_DIR_ENV", "SFT_FILE", "RM_FILE", "PPO_FILE", "EVAL_FILE", "DEFAULT_FILES",
    "default_data_dir", "resolve_data_file", "load_records",
    "load_sft", "load_rm_pairs", "load_prompts", "load_eval", "first_rows",
]

DATA_DIR_ENV = "KOCHATGPT_DATA_DIR"
SFT_FILE = "kochatgpt_1_SFT.jsonl"
RM_FILE = "kochatgpt_2_RM.jsonl"
PPO_FILE = "kochatgpt_3_PPO.jsonl"
EVAL_FILE = "kochatgpt_eval.json"
#: kind -> default file name
DEFAULT_FILES = {"sft": SFT_FILE, "rm": RM_FILE, "ppo": PPO_FILE, "eval": EVAL_FILE}


def default_data_dir() -> Path:
    """``$KOCHATGPT_DATA_DIR`` if set, else ``<repo>/data_kochatgpt``."""
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    return Path(__file__).resolve().parents[2] / "data_kochatgpt"


def resolve_data_file(path, default_name: str) -> Path:
    """Map ``None`` / a directory / a file to the file to read."""
    p = default_data_dir() if path is None else Path(path).expanduser()
    if p.is_dir():
        p = p / default_name
    if not p.is_file():
        raise FileNotFoundError(
            f"{p}: no such file. Put {default_name} there, pass its path, or set {DATA_DIR_ENV} "
            f"to the directory holding it (chatgpt.data.download_kochatgpt(DEST) fetches the originals).")
    return p


def load_records(path, kind: str, *, strict: bool = False, allow_duplicates: bool = False,
                 max_chars: int = DEFAULT_MAX_CHARS, verbose: bool = True) -> list[dict]:
    """Resolve and read a file of ``kind``; return its records, cleaned if it has faults.

    See the module docstring; ``strict=True`` raises :class:`DataFormatError` on faults instead,
    ``verbose=False`` does not print the reports (the caller gets them from
    :func:`chatgpt.data.faults.load_checked`).
    """
    p = resolve_data_file(path, DEFAULT_FILES[kind])
    records, _, _ = load_checked(p, kind, strict=strict, allow_duplicates=allow_duplicates, max_chars=max_chars,
                                 verbose=verbose)
    return records


def _to_dataset(rows: list[dict], columns: list[str]):
    import datasets

    if any("category" in r for r in rows) and "category" not in columns:
        columns = columns + ["category"]
    return datasets.Dataset.from_dict({c: [r.get(c) for r in rows] for c in columns})


def load_sft(path=None, *, strict: bool = False, allow_duplicates: bool = False):
    """SFT file -> Dataset with columns prompt, completion, tokens (+category)."""
    records = load_records(path, "sft", strict=strict, allow_duplicates=allow_duplicates)
    return _to_dataset(records, list(REQUIRED_KEYS["sft"]))


def load_rm_pairs(path=None, *, strict: bool = False, allow_duplicates: bool = False):
    """RM file -> Dataset of preference pairs (prompt, chosen, rejected),
    three per record, via :func:`chatgpt.data.pairs.ranking_to_pairs`."""
    pairs = records_to_pairs(load_records(path, "rm", strict=strict, allow_duplicates=allow_duplicates))
    return _to_dataset(pairs, ["prompt", "chosen", "rejected"])


def load_prompts(path=None, *, strict: bool = False, allow_duplicates: bool = False):
    """PPO prompt file -> Dataset with column prompt (+category)."""
    return _to_dataset(load_records(path, "ppo", strict=strict, allow_duplicates=allow_duplicates), ["prompt"])


def load_eval(path=None, *, strict: bool = False, allow_duplicates: bool = False):
    """Eval file -> Dataset with columns prompt, reference, category."""
    records = load_records(path, "eval", strict=strict, allow_duplicates=allow_duplicates)
    return _to_dataset(records, list(REQUIRED_KEYS["eval"]))


def first_rows(ds, n: int | None):
    """The first ``n`` rows of a loaded Dataset (all of them when ``n`` is None or not smaller than its length)."""
    return ds if n is None or n >= len(ds) else ds.select(range(n))
