"""RLAIF labelling end to end on a handful of prompts with the tiny build (rule, rm and a local API judge)."""
import json

import pytest

from chatgpt.data.io import read_records, write_records
from chatgpt.data.schema import validate_file
from chatgpt.feedback.__main__ import main


@pytest.fixture(scope="module")
def tiny_path():
    from chatgpt.tiny import ensure_tiny

    return str(ensure_tiny(progress=False))


@pytest.fixture(scope="module")
def rm_input(tmp_path_factory):
    from chatgpt.data.loaders import load_records

    path = tmp_path_factory.mktemp("in") / "rm_in.json"
    write_records(path, load_records(None, "rm")[:4])
    return path


def _label(tmp_path, rm_input, tiny_path, *extra):
    out, stats = tmp_path / "ai_rm.json", tmp_path / "stats.json"
    rc = main(["label", "--in", str(rm_input), "--out", str(out), "--checkpoint", tiny_path, "--max-new-tokens", "20",
               "--stats-out", str(stats), "--quiet", *extra])
    return rc, out, json.loads(stats.read_text()) if stats.exists() else None


def test_label_with_rule_judge_writes_a_valid_rm_file(tmp_path, rm_input, tiny_path, capsys):
    rc, out, stats = _label(tmp_path, rm_input, tiny_path, "--k", "3")
    assert rc == 0 and validate_file(out, "rm").ok
    printed = capsys.readouterr().out
    assert "position_swap_consistency" in printed and "pairwise_agreement" in printed
    recs, source = read_records(out), read_records(rm_input)
    assert [r["prompt"] for r in recs] == [r["prompt"] for r in source]
    assert all(r["category"] == s["category"] for r, s in zip(recs, source))
    # the completions are the policy's samples, not the input file's
    assert not {r["completion_0"] for r in recs} & {s[k] for s in source for k in ("completion_0", "completion_1",
                                                                                   "completion_2")}
    assert stats["labelled"] + stats["skipped_no_k_answers"] == 4
    assert stats["pairs_judged"] == 3 * stats["labelled"] and stats["position_swap_consistency"] == 1.0
    a = stats["agreement_with_input_rankings"]
    assert a["n"] == 4 and 0.0 <= a["pairwise_agreement"] <= 1.0


def test_label_k4_keeps_best_median_worst_and_is_reproducible(tmp_path, rm_input, tiny_path):
    rc, out, stats = _label(tmp_path, rm_input, tiny_path, "--k", "4", "--seed", "7")
    assert rc == 0 and stats["pairs_judged"] == 6 * stats["labelled"]
    first = read_records(out)
    rc, out2, _ = _label(tmp_path / "again", rm_input, tiny_path, "--k", "4", "--seed", "7")
    assert read_records(out2) == first


def test_label_with_rm_judge_follows_the_rm_scores(tmp_path, rm_input, tiny_path):
    from chatgpt.feedback import RMJudge
    from chatgpt.models import RewardModel
    from chatgpt.pipeline import load_tokenizer

    rm_dir = tmp_path / "rm"
    RewardModel.from_pretrained(tiny_path).save_pretrained(rm_dir, tokenizer=load_tokenizer(tiny_path))
    rc, out, stats = _label(tmp_path, rm_input, tiny_path, "--judge", "rm", "--rm-checkpoint", str(rm_dir))
    assert rc == 0 and stats["judge"] == "rm"
    judge = RMJudge.from_pretrained(rm_dir)
    for r in read_records(out):
        s = judge.scores([r["prompt"]] * 3, [r[f"completion_{i}"] for i in range(3)])
        best, worst = r["ranking"].index(0), r["ranking"].index(2)
        assert s[best] >= s[worst]


def test_label_with_api_judge_on_a_local_server_shows_position_bias(tmp_path, rm_input, tiny_path, monkeypatch):
    from test_feedback_api import FakeServer, ok

    with FakeServer([ok('{"winner": "A"}')]) as srv:            # always the first answer shown
        monkeypatch.setenv("KOCHATGPT_JUDGE_API_KEY", "sk-test")
        monkeypatch.setenv("KOCHATGPT_JUDGE_BASE_URL", srv.url)
        monkeypatch.setenv("KOCHATGPT_JUDGE_CACHE", str(tmp_path / "cache.jsonl"))
        rc, out, stats = _label(tmp_path, rm_input, tiny_path, "--judge", "api")
        n_requests = len(srv.requests)
    assert rc == 0 and validate_file(out, "rm").ok
    assert stats["position_swap_consistency"] == 0.0
    assert stats["rankings_tie_broken"] == stats["labelled"]        # every pair a tie → ranking by index only
    assert n_requests == 2 * 3 * (stats["labelled"] + 4)             # both orders × 3 pairs × (samples + input file)


def test_api_judge_without_key_fails_clearly(tmp_path, rm_input, monkeypatch, capsys):
    monkeypatch.delenv("KOCHATGPT_JUDGE_API_KEY", raising=False)
    assert main(["agree", "--in", str(rm_input), "--judge", "api"]) == 2
    assert "KOCHATGPT_JUDGE_API_KEY" in capsys.readouterr().err


def test_agree_and_bad_inputs(tmp_path, rm_input, capsys):
    assert main(["agree", "--in", str(rm_input), "--max-prompts", "3"]) == 0
    assert "pairwise_agreement" in capsys.readouterr().out
    bad = tmp_path / "bad.json"
    write_records(bad, [{"prompt": "질문", "completion_0": "a", "completion_1": "b", "completion_2": "c",
                         "ranking": [0, 0, 1]}])
    assert main(["agree", "--in", str(bad)]) == 2
    err = capsys.readouterr().err
    assert str(bad) in err and "record 0" in err
    ppo = tmp_path / "ppo.json"
    write_records(ppo, [{"prompt": "질문"}])
    assert main(["agree", "--in", str(ppo)]) == 1


def test_k_below_three_is_rejected(tmp_path, rm_input, tiny_path, capsys):
    rc, _, _ = _label(tmp_path, rm_input, tiny_path, "--k", "2")
    assert rc == 2 and "k must be >= 3" in capsys.readouterr().err


def test_pipeline_rm_data_trains_the_rm_on_another_file(tmp_path, rm_input):
    from chatgpt.config import profile_config
    from chatgpt.pipeline import rm_record_split, stage_fingerprint

    base = profile_config("tiny", output_dir=str(tmp_path))
    ai = profile_config("tiny", output_dir=str(tmp_path), rm_data=str(rm_input))
    train, held = rm_record_split(ai)
    assert len(train) + len(held) == 4 and {r["prompt"] for r in train + held} == {
        r["prompt"] for r in read_records(rm_input)}
    assert stage_fingerprint(ai, "sft") == stage_fingerprint(base, "sft")
    assert stage_fingerprint(ai, "rm") != stage_fingerprint(base, "rm")
    assert stage_fingerprint(ai, "ppo") != stage_fingerprint(base, "ppo")
    with pytest.raises(FileNotFoundError):
        rm_record_split(profile_config("tiny", rm_data=str(tmp_path / "missing.json")))
