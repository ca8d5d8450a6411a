"""Loading validated KoChatGPT files as :class:`datasets.Dataset` objects.

Every loader accepts ``None`` (the default data directory), a directory
(joined with the default file name) or a file path, validates the file
strictly (any schema error raises :class:`DataFormatError`) and returns a
``datasets.Dataset``.  Duplicates are accepted with a
:class:`DataWarning` unless ``allow_duplicates=False`` (the original
KoChatGPT files contain a few).

The default data directory is ``data_kochatgpt/`` of this repository,
found relative to this file (never the working directory), unless the
environment variable ``KOCHATGPT_DATA_DIR`` is set.

``datasets`` is imported lazily, so importing this module is cheap.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

from .errors import DataWarning
from .io import read_records_info
from .pairs import records_to_pairs
from .schema import REQUIRED_KEYS, validate_records

__all__ = [
    "DATA_DIR_ENV", "SFT_FILE", "RM_FILE", "PPO_FILE", "EVAL_FILE", "DEFAULT_FILES",
    "default_data_dir", "resolve_data_file", "load_records",
    "load_sft", "load_rm_pairs", "load_prompts", "load_eval",
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


def load_records(path, kind: str, *, allow_duplicates: bool = True) -> list[dict]:
    """Resolve, read and strictly validate a file of ``kind``; return records."""
    p = resolve_data_file(path, DEFAULT_FILES[kind])
    records, info = read_records_info(p)
    report = validate_records(records, kind, p, allow_duplicates=allow_duplicates, strict=True)
    notes = (["starts with a UTF-8 BOM (stripped)"] if info.had_bom else []) + \
        ([f"{len(report.warnings)} duplicate(s), e.g. {report.warnings[0]}"] if report.warnings else [])
    if notes:
        warnings.warn(f"{p}: " + "; ".join(notes), DataWarning, stacklevel=3)
    return records


def _to_dataset(rows: list[dict], columns: list[str]):
    import datasets

    if any("category" in r for r in rows) and "category" not in columns:
        columns = columns + ["category"]
    return datasets.Dataset.from_dict({c: [r.get(c) for r in rows] for c in columns})


def load_sft(path=None, *, allow_duplicates: bool = True):
    """SFT file -> Dataset with columns prompt, completion, tokens (+category)."""
    return _to_dataset(load_records(path, "sft", allow_duplicates=allow_duplicates), list(REQUIRED_KEYS["sft"]))


def load_rm_pairs(path=None, *, allow_duplicates: bool = True):
    """RM file -> Dataset of preference pairs (prompt, chosen, rejected),
    three per record, via :func:`chatgpt.data.pairs.ranking_to_pairs`."""
    pairs = records_to_pairs(load_records(path, "rm", allow_duplicates=allow_duplicates))
    return _to_dataset(pairs, ["prompt", "chosen", "rejected"])


def load_prompts(path=None, *, allow_duplicates: bool = True):
    """PPO prompt file -> Dataset with column prompt (+category)."""
    return _to_dataset(load_records(path, "ppo", allow_duplicates=allow_duplicates), ["prompt"])


def load_eval(path=None, *, allow_duplicates: bool = True):
    """Eval file -> Dataset with columns prompt, reference, category."""
    return _to_dataset(load_records(path, "eval", allow_duplicates=allow_duplicates), list(REQUIRED_KEYS["eval"]))
