"""The corpus lexicon (data_kochatgpt/corpus_lexicon/*.json): loading errors, and the tiny fingerprint's coverage."""
import ast
import shutil
from pathlib import Path

import pytest

import chatgpt.data.corpus_lexicon as lexicon
from chatgpt.data.corpus import source_files
from chatgpt.data.corpus_lexicon import LexiconError, lexicon_files, load
from chatgpt.data.korean_grammar import Pred


@pytest.fixture
def lexicon_dir(tmp_path, monkeypatch):
    """A private copy of the lexicon directory, with the load cache emptied before and after."""
    d = tmp_path / "corpus_lexicon"
    shutil.copytree(lexicon.LEXICON_DIR, d)
    monkeypatch.setattr(lexicon, "LEXICON_DIR", d)
    load.cache_clear()
    yield d
    load.cache_clear()


def test_every_file_loads_as_an_object():
    names = [p.stem for p in lexicon_files()]
    assert "grammar" in names and "common" in names and len(names) >= 20
    for name in names:
        table = load(name)
        assert isinstance(table, dict) and isinstance(table["_about"], str), name


def test_missing_file_names_it(lexicon_dir):
    (lexicon_dir / "common.json").unlink()
    with pytest.raises(LexiconError, match=r"corpus_lexicon/common\.json: lexicon file .* is missing"):
        load("common")


def test_malformed_file_names_it_and_the_line(lexicon_dir):
    (lexicon_dir / "math.json").write_text('{\n  "snacks": [1, 2,]\n}\n', encoding="utf-8")
    with pytest.raises(LexiconError, match=r"math\.json: malformed JSON at line 2"):
        load("math")


def test_not_an_object_duplicate_key_and_missing_entry(lexicon_dir):
    (lexicon_dir / "math.json").write_text('["a", "b"]', encoding="utf-8")
    with pytest.raises(LexiconError, match=r"math\.json: the top level must be a JSON object"):
        load("math")
    (lexicon_dir / "review.json").write_text('{"praise": [], "praise": ["x"]}', encoding="utf-8")
    with pytest.raises(LexiconError, match=r"review\.json: duplicate key\(s\) \['praise'\]"):
        load("review")
    with pytest.raises(LexiconError, match=r"letter\.json: no entry 'nope'"):
        load("letter")["nope"]


def test_predicate_not_in_dictionary_form():
    with pytest.raises(ValueError, match="dictionary form"):
        Pred("먹어요")


def test_source_files_cover_the_generator():
    files = source_files()
    assert files == sorted(files)
    assert set(lexicon_files()) <= set(files)
    # every chatgpt.data module the generator imports (transitively) is hashed
    data_dir = Path(lexicon.__file__).parent
    seen, todo = set(), ["corpus"]
    while todo:
        mod = todo.pop()
        if mod in seen:
            continue
        seen.add(mod)
        tree = ast.parse((data_dir / f"{mod}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                todo += [node.module] if node.module else [a.name for a in node.names]
    assert {data_dir / f"{m}.py" for m in seen} <= set(files), seen


def test_fingerprint_follows_every_lexicon_file(lexicon_dir):
    from chatgpt.tiny import TinyConfig, fingerprint

    config = TinyConfig()
    before = fingerprint(config)
    p = lexicon_dir / "weather.json"
    p.write_text(p.read_text(encoding="utf-8").replace("오늘", "오늘도", 1), encoding="utf-8")
    assert fingerprint(config) != before
    (lexicon_dir / "extra.json").write_text("{}", encoding="utf-8")   # a new file counts too
    p.write_text(p.read_text(encoding="utf-8").replace("오늘도", "오늘", 1), encoding="utf-8")
    assert fingerprint(config) != before
    (lexicon_dir / "extra.json").unlink()
    assert fingerprint(config) == before
