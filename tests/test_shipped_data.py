"""The shipped data files: schema, counts, categories, no eval leak, trivial baselines ≤ 0.70."""
import subprocess
import sys
import unicodedata
import re

import pytest

from chatgpt.data import (EVAL_FILE, PPO_FILE, RM_FILE, SFT_FILE, default_data_dir, file_stats, read_records,
                          validate_file)

DATA = default_data_dir()
MIN_COUNTS = {SFT_FILE: 1500, RM_FILE: 1200, PPO_FILE: 1500, EVAL_FILE: 200}


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s)).strip()


@pytest.mark.parametrize("name", list(MIN_COUNTS))
def test_file_validates_and_has_enough_records(name):
    report = validate_file(DATA / name)
    assert report.ok, report.summary()
    assert not report.warnings, report.summary()           # no BOM, no duplicates in our own files
    assert len(read_records(DATA / name)) >= MIN_COUNTS[name]


def test_cli_validate_passes_on_shipped_files():
    files = [str(DATA / n) for n in MIN_COUNTS]
    r = subprocess.run([sys.executable, "-m", "chatgpt.data", "validate", *files], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.count("OK") == 4


def test_no_eval_prompt_leaks_into_training_files():
    ev = {norm(r["prompt"]) for r in read_records(DATA / EVAL_FILE)}
    for name in (SFT_FILE, RM_FILE, PPO_FILE):
        train = {norm(r["prompt"]) for r in read_records(DATA / name)}
        assert not ev & train, f"{name}: {sorted(ev & train)[:3]}"
    refs = {norm(r["reference"]) for r in read_records(DATA / EVAL_FILE)}
    completions = {norm(r["completion"]) for r in read_records(DATA / SFT_FILE)}
    assert not refs & completions


def test_at_least_12_categories_everywhere():
    for name in MIN_COUNTS:
        cats = {r["category"] for r in read_records(DATA / name)}
        assert len(cats) >= 12, (name, cats)


def test_trivial_baselines_at_most_070():
    b = file_stats(DATA / RM_FILE)["baselines"]
    assert b["longer"] <= 0.70, b
    assert b["polite"] <= 0.70, b


def test_prompts_in_both_registers():
    from chatgpt.data import is_polite_ending

    prompts = [r["prompt"] for r in read_records(DATA / SFT_FILE)]
    polite = sum(is_polite_ending(p) for p in prompts)
    assert 0.2 < polite / len(prompts) < 0.8


def test_corpus_has_no_eval_reference():
    from chatgpt.tiny import TinyConfig, corpus_documents

    ev = read_records(DATA / EVAL_FILE)
    docs = corpus_documents(TinyConfig())
    text = norm("\n".join(docs))
    assert len("\n".join(docs).encode()) >= 3_000_000
    leaked = [r["reference"] for r in ev if norm(r["reference"]) in text]
    assert not leaked, leaked[:3]
