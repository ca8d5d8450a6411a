"""Reading, validation, cleaning, splits, statistics, loaders and CLI of chatgpt.data."""

import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from chatgpt.data import (DataFormatError, DataWarning, clean_records, default_data_dir, detect_kind,
                          file_stats, is_polite_ending, load_eval, load_prompts, load_rm_pairs, load_sft,
                          read_records, read_records_info, split_records, validate_file, validate_records,
                          write_records)
from chatgpt.data.loaders import DATA_DIR_ENV, RM_FILE, SFT_FILE

REPO = Path(__file__).resolve().parents[1]


def sft(prompt="질문입니다", completion="답변입니다.", tokens=10, **extra):
    return {"prompt": prompt, "completion": completion, "tokens": tokens, **extra}


def rm(prompt="질문", ranking=(0, 1, 2), c=("첫째 답변", "둘째 답변", "셋째 답변"), **extra):
    return {"prompt": prompt, "completion_0": c[0], "completion_1": c[1], "completion_2": c[2],
            "ranking": list(ranking), **extra}


def dump(path, records):
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return path


# ---------------------------------------------------------------- reading

def test_array_and_jsonl_read_the_same(tmp_path):
    recs = [sft("가"), sft("나", category="일상")]
    arr = dump(tmp_path / "a.jsonl", recs)
    lines = tmp_path / "b.jsonl"
    lines.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs) + "\n\n", encoding="utf-8")
    assert read_records(arr) == read_records(lines) == recs
    assert read_records_info(arr)[1].format == "json"
    assert read_records_info(lines)[1].format == "jsonl"


def test_write_records_round_trip_and_format(tmp_path):
    recs = [sft("한글")]
    p = write_records(tmp_path / "sub" / "out.jsonl", recs)
    text = p.read_text(encoding="utf-8")
    assert text.startswith("[\n {") and "한글" in text  # indent=1, ensure_ascii=False
    assert read_records(p) == recs


def test_truncated_json_names_file_and_position(tmp_path):
    p = tmp_path / "trunc.jsonl"
    p.write_text(json.dumps([sft(), sft("둘")], ensure_ascii=False)[:-20], encoding="utf-8")
    with pytest.raises(DataFormatError) as e:
        read_records(p)
    msg = str(e.value)
    assert "trunc.jsonl" in msg and "line 1" in msg and "char" in msg and "truncated" in msg


def test_bad_jsonl_line_number(tmp_path):
    p = tmp_path / "bad.jsonl"
    p.write_text('{"prompt": "a"}\n{"prompt": "b"}\n{"prompt": \n', encoding="utf-8")
    with pytest.raises(DataFormatError, match=r"bad\.jsonl: line 3"):
        read_records(p)


def test_non_object_record(tmp_path):
    with pytest.raises(DataFormatError, match=r"x\.json: record 1: expected a JSON object"):
        read_records(dump(tmp_path / "x.json", [sft(), [1, 2]]))


def test_empty_file(tmp_path):
    (tmp_path / "e.json").write_text("  \n", encoding="utf-8")
    with pytest.raises(DataFormatError, match="empty"):
        read_records(tmp_path / "e.json")


def test_bom_stripped_and_reported(tmp_path):
    p = tmp_path / "bom.jsonl"
    p.write_bytes(b"\xef\xbb\xbf" + json.dumps([sft()], ensure_ascii=False).encode("utf-8"))
    with pytest.warns(DataWarning, match="BOM"):
        assert read_records(p) == [sft()]
    assert read_records_info(p)[1].had_bom
    report = validate_file(p)
    assert report.ok and any("BOM" in str(i) for i in report.warnings)


# ---------------------------------------------------------------- schema

@pytest.mark.parametrize("record,kind", [
    (sft(), "sft"), (rm(), "rm"), ({"prompt": "p"}, "ppo"), ({"prompt": "p", "category": "c"}, "ppo"),
    ({"prompt": "p", "reference": "r", "category": "c"}, "eval")])
def test_detect_kind(record, kind):
    assert detect_kind(record) == kind


@pytest.mark.parametrize("bad,key,fragment", [
    (sft(tokens="10"), "tokens", "'tokens' should be int, got str"),
    (sft(tokens=True), "tokens", "'tokens' should be int, got bool"),
    (sft(completion=""), "completion", "'completion' is empty"),
    (sft(completion="  \n "), "completion", "whitespace only"),
    (sft(prompt=3), "prompt", "'prompt' should be str, got int"),
    ({"prompt": "p", "tokens": 3}, "completion", "missing key 'completion'"),
    (sft(extra="x"), "extra", "unknown key 'extra'"),
])
def test_sft_problems_name_file_record_key(tmp_path, bad, key, fragment):
    p = dump(tmp_path / "kochatgpt_1_SFT.jsonl", [sft("하나"), sft("둘"), bad])
    report = validate_file(p)
    assert not report.ok and len(report.errors) == 1
    issue = report.errors[0]
    assert (issue.index, issue.key) == (2, key)
    assert str(issue).startswith(f"{p}: record 2: ") and fragment in str(issue)
    with pytest.raises(DataFormatError) as e:
        validate_file(p, strict=True)
    assert f"{p}: record 2: " in str(e.value) and fragment in str(e.value)


def test_rm_bad_ranking_message(tmp_path):
    recs = [rm(f"질문{i}") for i in range(18)]
    recs[17]["ranking"] = [0, 0, 1]
    p = dump(tmp_path / "kochatgpt_2_RM.jsonl", recs)
    with pytest.raises(DataFormatError) as e:
        validate_file(p, strict=True)
    assert f"{p}: record 17: ranking [0, 0, 1] is not a permutation of 0..2" in str(e.value)
    rep = validate_file(p)
    assert [(i.index, i.key) for i in rep.errors] == [(17, "ranking")]


def test_bool_ranking_and_category_allowed(tmp_path):
    report = validate_records([rm(ranking=[True, False, 2]), rm("둘", category="일상")], "rm", "f")
    assert [i.index for i in report.errors] == [0]
    assert "ints only" in report.errors[0].message


def test_duplicates(tmp_path):
    r = validate_records([sft("같은 질문"), sft("다른"), sft("같은 질문", completion="다른 답")], "sft", "s.json")
    assert [(i.index, i.message) for i in r.errors] == [(2, "duplicate prompt (same as record 0)")]
    r = validate_records([sft("같은 질문"), sft("같은 질문")], "sft", "s.json", allow_duplicates=True)
    assert r.ok and len(r.warnings) == 1
    # RM: same prompt with different completions is fine, a whole repeated record is not
    r = validate_records([rm("q"), rm("q", ranking=(2, 1, 0)), rm("q")], "rm", "r.json")
    assert [(i.index, i.message) for i in r.errors] == [(2, "duplicate record (same as record 0)")]


def test_strict_lists_first_ten(tmp_path):
    p = dump(tmp_path / "many.json", [sft(f"q{i}", tokens=-1) for i in range(15)])
    with pytest.raises(DataFormatError) as e:
        validate_file(p, strict=True)
    msg = str(e.value)
    assert "15 problem(s)" in msg and "record 9:" in msg and "record 10:" not in msg and "5 more" in msg
    assert len(e.value.problems) == 15


def test_unparseable_file_non_strict_report(tmp_path):
    p = tmp_path / "broken.json"
    p.write_text("[{", encoding="utf-8")
    report = validate_file(p)
    assert not report.ok and "invalid JSON" in str(report.errors[0])


# ---------------------------------------------------------------- cleaning

def test_clean_counts():
    recs = [
        sft("  안녕   하세요\t\t반가워요 ", "'네 반갑습니다'"),     # whitespace + quote
        sft("e\u0301 nfc", "ok"),                                # NFC: e + combining accent
        sft("안녕 하세요 반가워요", "중복 (정규화 후)"),            # duplicate after folding
        sft("빈 답", "   "),                                      # empty after cleaning
        sft("빈 답2", "''"),                                      # empty after quote strip
        sft("길다", "가" * 30),                                   # too long
        sft("줄바꿈", "첫 줄\n\n\n  둘째 줄"),                      # newlines folded
        sft("\"인용\"이라고", "그대로"),                            # inner quote pair: untouched
        sft("타입", 5),                                            # invalid
        sft("모르는 키", "답", extra="x"),                          # unknown key removed, record kept
    ]
    cleaned, report = clean_records(recs, "sft", max_chars=20)
    assert report.as_dict() == {
        "total": 10, "kept": 5,
        "removed": {"invalid": 1, "empty": 2, "too_short": 0, "too_long": 1, "identical": 0, "duplicate": 1},
        "modified": {"nfc": 1, "whitespace": 2, "leading_quote": 1, "unknown_key": 1},
    }
    assert report.kept + sum(report.removed.values()) == len(recs)
    assert report.removed_indices["duplicate"] == [2]
    assert [r["prompt"] for r in cleaned] == ["안녕 하세요 반가워요", "\u00e9 nfc", "줄바꿈", "\"인용\"이라고", "모르는 키"]
    assert "extra" not in cleaned[-1]
    assert cleaned[0]["completion"] == "네 반갑습니다" and cleaned[2]["completion"] == "첫 줄\n둘째 줄"
    assert cleaned[0]["tokens"] == 10  # kept as is
    assert recs[0]["prompt"].startswith("  ")  # input untouched
    assert validate_records(cleaned, "sft").ok


def test_clean_min_chars_and_rm_duplicates():
    recs = [rm("q"), rm(" q "), rm("q", c=("가", "나나나나", "다다다다"))]
    cleaned, report = clean_records(recs, "rm", min_chars=1)
    assert report.removed["duplicate"] == 1 and report.kept == 2
    cleaned, report = clean_records(recs, "rm", min_chars=2)
    assert report.removed["too_short"] == 3  # prompt "q" has 1 char
    cleaned, report = clean_records([rm("q", c=("같은 답", " 같은  답", "다른 답"))], "rm")
    assert report.removed["identical"] == 1 and cleaned == []
    cleaned, report = clean_records([rm("q", c=("같은 답", "같은 답이 아님", "다른 답"))], "rm")
    assert report.kept == 1


# ---------------------------------------------------------------- splits

def test_split_deterministic_and_order_independent():
    recs = [{"prompt": f"질문 {i}"} for i in range(200)]
    train, ev = split_records(recs, 0.2, seed=1)
    assert len(train) + len(ev) == 200 and 15 <= len(ev) <= 70
    train2, ev2 = split_records(list(reversed(recs)), 0.2, seed=1)
    assert sorted(r["prompt"] for r in ev) == sorted(r["prompt"] for r in ev2)
    # same prompt, differently written, same split; other records do not matter
    probe = [{"prompt": r["prompt"].replace(" ", "   ")} for r in ev[:5]]
    assert split_records(probe, 0.2, seed=1)[1] == probe
    assert split_records(recs, 0.2, seed=2)[1] != ev
    assert split_records(recs, 0.0, seed=1)[1] == [] and split_records(recs, 1.0, seed=1)[0] == []
    with pytest.raises(ValueError):
        split_records(recs, 1.5, seed=1)


def test_split_stable_across_processes():
    code = ("from chatgpt.data import split_records;"
            "print([r['prompt'] for r in split_records([{'prompt': str(i)} for i in range(50)], 0.3, 7)[1]])")
    outs = {subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                           env={**os.environ, "PYTHONHASHSEED": s}).stdout for s in ("1", "2")}
    assert len(outs) == 1 and outs.pop().startswith("[")


# ---------------------------------------------------------------- stats

@pytest.mark.parametrize("text,polite", [
    ("네, 알겠습니다.", True), ("좋아요!", True), ("도와드릴까요?", True), ("그렇죠", True),
    ("어서 오세요 😊", True), ("주의하십시오.", True), ("맞습니까?", True), ("그렇습니다\"", True),
    ("감사합니다 :)", True), ("좋아요~~", True),
    ("응, 알았어.", False), ("그건 아니야!", False), ("이것은 사과다.", False),
    ("좋아요. 근데 싫어.", False), ("", False), ("...", False),
])
def test_polite_ending(text, polite):
    assert is_polite_ending(text) is polite


def test_stats_and_baselines_known_answer(tmp_path):
    # record 1: ranking [0,1,2]; c0 long+polite, c1 mid+plain, c2 short+polite
    #   pairs (0,1) (0,2) (1,2): longer 1,1,1  polite 1, 0.5, 0
    # record 2: ranking [2,1,0]; c2 best short+plain, c1 mid+polite, c0 worst long+plain; lengths 2<5<6
    #   pairs (2,1) (2,0) (1,0): longer 0,0,0  polite (plain vs polite c1) 0, (plain vs plain) 0.5, 1
    r1 = rm("q1", (0, 1, 2), ("아주 긴 답이에요", "보통 답이다", "네요"))
    r2 = rm("q2", (2, 1, 0), ("여섯글자다.", "네 좋아요", "응."), category="일상")
    p = dump(tmp_path / "rm.json", [r1, r2])
    s = file_stats(p)
    assert s["kind"] == "rm" and s["n_records"] == 2
    b = s["baselines"]
    assert b["n_pairs"] == 6
    assert b["longer"] == pytest.approx(3 / 6)
    assert b["polite"] == pytest.approx((1 + 0.5 + 0 + 0 + 0.5 + 1) / 6)
    assert s["categories"] == {"일상": 1}
    assert s["lengths"]["prompt"] == {"min": 2, "mean": 2.0, "median": 2.0, "max": 2}
    assert s["lengths"]["completion_2"]["max"] == 2


# ---------------------------------------------------------------- loaders

def test_loaders(tmp_path, monkeypatch):
    dump(tmp_path / SFT_FILE, [sft("a"), sft("b", category="c")])
    dump(tmp_path / RM_FILE, [rm("q", (2, 0, 1))])
    dump(tmp_path / "kochatgpt_3_PPO.jsonl", [{"prompt": "p1"}, {"prompt": "p2"}])
    dump(tmp_path / "kochatgpt_eval.json", [{"prompt": "p", "reference": "r", "category": "c"}])
    ds = load_sft(tmp_path)
    assert len(ds) == 2 and ds.column_names == ["prompt", "completion", "tokens", "category"]
    pairs = load_rm_pairs(tmp_path / RM_FILE)
    assert pairs.column_names == ["prompt", "chosen", "rejected"]
    assert pairs[0]["chosen"] == "둘째 답변" and pairs[0]["rejected"] == "셋째 답변"
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path))
    assert default_data_dir() == tmp_path
    assert load_prompts()["prompt"] == ["p1", "p2"]
    assert load_eval()[0] == {"prompt": "p", "reference": "r", "category": "c"}


def test_loader_strict_and_duplicates(tmp_path, capsys):
    dump(tmp_path / SFT_FILE, [sft("a", tokens=True), sft("b")])
    with pytest.raises(DataFormatError, match="record 0: 'tokens' should be int, got bool"):
        load_sft(tmp_path, strict=True)
    assert load_sft(tmp_path)["prompt"] == ["b"]          # default: cleaned, and the report is printed
    out = capsys.readouterr().out
    assert "wrong_type" in out and "records 0" in out and "kept 1" in out and "invalid 1" in out
    dump(tmp_path / SFT_FILE, [sft("a"), sft("a")])
    assert len(load_sft(tmp_path)) == 1
    assert "duplicate" in capsys.readouterr().out
    assert len(load_sft(tmp_path, allow_duplicates=True)) == 2
    assert "(warning)" in capsys.readouterr().out          # kept, but still reported
    with pytest.raises(DataFormatError, match="duplicate"):
        load_sft(tmp_path, strict=True)
    dump(tmp_path / SFT_FILE, [sft("a"), sft("b")])
    assert len(load_sft(tmp_path, strict=True)) == 2 and capsys.readouterr().out == ""   # clean: silent
    with pytest.raises(FileNotFoundError, match=DATA_DIR_ENV):
        load_prompts(tmp_path)


def test_default_data_dir_is_relative_to_package(tmp_path, monkeypatch):
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    assert default_data_dir() == REPO / "data_kochatgpt"


# ---------------------------------------------------------------- CLI

def cli(*args, cwd=REPO):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "chatgpt.data", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, env=env)


def test_cli_validate(tmp_path):
    good = dump(tmp_path / "good.json", [rm("q")])
    bad = dump(tmp_path / "bad.json", [sft("a"), sft("b", completion="")])
    res = cli("validate", good)
    assert res.returncode == 0 and res.stdout.startswith("OK rm 1 records")
    res = cli("validate", good, bad)
    assert res.returncode == 1
    assert "OK rm 1 records" in res.stdout and f"{bad}: record 1: 'completion' is empty" in res.stdout
    trunc = tmp_path / "trunc.json"
    trunc.write_text("[{\"prompt\": ", encoding="utf-8")
    assert cli("validate", trunc).returncode == 1


def test_cli_validate_prints_the_fault_report(tmp_path):
    bad = dump(tmp_path / "ppo.jsonl", [{"prompt": "서울 날씨 어때?"}, {"prompt": ""}, {"prompt": "서울 날씨 어때??"},
                                        {"prompt": "서울 날씨 어때?"}])
    res = cli("validate", bad, "--near-dup", "0.8")
    assert res.returncode == 1
    assert "fault report:" in res.stdout and "0-based" in res.stdout
    for line in ("empty                      1  records 1", "duplicate                  1  records 3",
                 "near_duplicate             1  records 2 (warning)"):
        assert line in res.stdout, res.stdout


def test_cli_stats_and_clean(tmp_path):
    p = dump(tmp_path / "rm.json", [rm("q"), rm("  q  ")])
    res = cli("stats", p)
    assert res.returncode == 0 and "prefer longer completion" in res.stdout and "0.500" in res.stdout
    res = cli("clean", p, "--out", tmp_path / "out")
    assert res.returncode == 0 and "duplicate 1" in res.stdout
    assert read_records(tmp_path / "out" / "rm.json") == [rm("q")]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert validate_file(tmp_path / "out" / "rm.json", strict=True).ok
