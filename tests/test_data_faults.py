"""Real-world files: input forms, fault reports per class, loading that cleans or refuses, the
12,000-record PPO file shaped like the original, near-duplicates, the cleaning steps and the dirty
sample files of the cleaning lesson."""

import json
import time
import unicodedata
from pathlib import Path

import pytest

from chatgpt.data import (DataFormatError, clean_steps, dedupe_exact, dedupe_near, drop_invalid, drop_leaked,
                          fault_report, file_fault_report, filter_length, jaccard, leakage_check, load_checked,
                          load_prompts, load_rm_pairs, load_sft, near_duplicate_pairs, normalize_records,
                          read_records, read_records_info, shingles, squeeze_punctuation)
from chatgpt.data.loaders import PPO_FILE, RM_FILE, SFT_FILE
from chatgpt.data.neardup import lsh_bands, minhash_signatures

BOM = b"\xef\xbb\xbf"
DATA = Path(__file__).resolve().parents[1] / "data_kochatgpt"


def sft(prompt="질문입니다", completion="답변입니다.", tokens=10, **extra):
    return {"prompt": prompt, "completion": completion, "tokens": tokens, **extra}


def rm(prompt="질문", ranking=(0, 1, 2), c=("첫째 답변", "둘째 답변", "셋째 답변")):
    return {"prompt": prompt, "completion_0": c[0], "completion_1": c[1], "completion_2": c[2],
            "ranking": list(ranking)}


def as_array(records, crlf=False, bom=False) -> bytes:
    text = json.dumps(records, ensure_ascii=False, indent=1)
    if crlf:
        text = text.replace("\n", "\r\n")
    return (BOM if bom else b"") + text.encode("utf-8")


def as_lines(records, crlf=False, bom=False) -> bytes:
    nl = "\r\n" if crlf else "\n"
    return (BOM if bom else b"") + "".join(json.dumps(r, ensure_ascii=False) + nl for r in records).encode("utf-8")


# ---------------------------------------------------------------- input forms

CLEAN = [sft("김치찌개 끓이는 법 알려 줘", "돼지고기와 김치를 볶은 뒤 물을 붓고 끓여요."),
         sft("한글은 누가 만들었어?", "세종대왕이 만들었어요.\n1443년의 일이에요.", category="korean")]


@pytest.mark.parametrize("form,crlf,bom,expect_format", [
    ("array", False, False, "json"),          # the originals: a JSON array in a .jsonl file
    ("lines", False, False, "jsonl"),         # true JSON Lines
    ("array", True, False, "json"),
    ("lines", True, False, "jsonl"),
    ("array", False, True, "json"),
    ("lines", True, True, "jsonl"),
])
def test_input_forms_read_the_same(tmp_path, capsys, form, crlf, bom, expect_format):
    p = tmp_path / SFT_FILE
    p.write_bytes((as_array if form == "array" else as_lines)(CLEAN, crlf=crlf, bom=bom))
    report = file_fault_report(p)
    assert (report.format, report.crlf, report.had_bom) == (expect_format, crlf, bom)
    assert report.ok and report.counts() == ({"bom": 1} if bom else {})
    records, _, cleaned = load_checked(p, "sft")
    assert records == CLEAN and cleaned is None            # texts with "\n" inside survive CRLF files
    out = capsys.readouterr().out
    if bom:
        assert "BOM" in out and ("CRLF" in out) == crlf     # a BOM alone: one printed line, records as read
    else:
        assert out == ""                                     # a clean file loads silently


def test_nfd_hangul_is_reported_and_normalised(tmp_path, capsys):
    nfd = [{**r, "prompt": unicodedata.normalize("NFD", r["prompt"])} for r in CLEAN]
    assert nfd[0]["prompt"] != CLEAN[0]["prompt"] and len(nfd[0]["prompt"]) > len(CLEAN[0]["prompt"])
    p = tmp_path / SFT_FILE
    p.write_bytes(as_array(nfd))
    report = file_fault_report(p)
    assert report.ok and report.counts() == {"not_nfc": 2}
    assert report.classes["not_nfc"].severity == "warning" and report.classes["not_nfc"].first == [0, 1]
    assert list(load_sft(p, strict=True)["prompt"]) == [r["prompt"] for r in CLEAN]   # fixed, even when strict
    assert "not_nfc" in capsys.readouterr().out
    # an NFD copy of an NFC prompt is a duplicate once normalised: strict refuses to drop it silently
    p.write_bytes(as_array([CLEAN[0], nfd[0]]))
    assert len(load_sft(p)) == 1
    with pytest.raises(DataFormatError, match="cleaning would remove"):
        load_sft(p, strict=True)


def test_unicode_line_separator_inside_a_jsonl_string(tmp_path):
    p = tmp_path / "ls.jsonl"
    p.write_text(json.dumps(sft("줄\u2028바꿈"), ensure_ascii=False) + "\n", encoding="utf-8")
    assert read_records(p)[0]["prompt"] == "줄\u2028바꿈"


# ---------------------------------------------------------------- each fault class

SFT_FAULTS = [
    sft("정상 질문 하나", "정상 답변입니다."),                 # 0 clean
    sft("", "답"),                                              # 1 empty prompt
    sft("빈 답 질문", "  "),                                    # 2 empty (whitespace-only) completion
    sft("정상 질문 하나", "다른 답이지만 같은 질문"),              # 3 exact duplicate of 0
    sft("긴 답 질문", "가나다라" * 20),                           # 4 too long (max_chars=50)
    {"prompt": "키 없음", "tokens": 3},                          # 5 missing key
    sft("타입 오류", "답", tokens="3"),                           # 6 wrong type
    sft("불리언", "답", tokens=True),                             # 7 wrong type (bool is not int)
    sft("모르는 키", "답", id=7),                                 # 8 unknown key
    sft(unicodedata.normalize("NFD", "분해된 한글"), "답"),       # 9 not NFC (warning)
    sft("", ""),                                                # 10 empty twice: counted once
]


def test_sft_fault_classes_counts_and_first_records():
    report = fault_report(SFT_FAULTS, "sft", "f.jsonl", max_chars=50)
    assert report.counts() == {"missing_key": 1, "wrong_type": 2, "unknown_key": 1, "empty": 3, "too_long": 1,
                               "duplicate": 1, "not_nfc": 1}
    assert report.classes["empty"].first == [1, 2, 10]
    assert report.classes["wrong_type"].first == [6, 7]
    assert report.classes["duplicate"].example == "record 3: duplicate prompt (same as record 0)"
    assert report.faulty_records == 9 and not report.ok
    text = report.summary()
    for code in report.counts():
        assert code in text
    assert "records 1, 2, 10" in text and "0-based" in text
    with pytest.raises(DataFormatError) as e:
        report.raise_if_faults()
    assert "missing_key" in str(e.value) and len(e.value.problems) == 10


def test_first_record_numbers_are_capped_but_counts_are_not():
    recs = [sft(f"q{i}", "") for i in range(12)]
    report = fault_report(recs, "sft")
    assert report.classes["empty"].count == 12 and report.classes["empty"].first == [0, 1, 2, 3, 4]
    assert "..." in report.summary()


RM_FAULTS = [
    rm("좋은 기록"),                                             # 0 clean
    rm("순위 중복", (0, 0, 1)),                                   # 1 not a permutation
    rm("순위 범위", (1, 2, 3)),                                   # 2 not a permutation
    {**rm("순위 타입"), "ranking": "0,1,2"},                      # 3 wrong ranking type
    rm("같은 답", c=("같은 답", " 같은   답 ", "다른 답")),          # 4 identical after folding
    rm("빈 답", c=("답", "", "다른 답")),                         # 5 empty completion
    rm("좋은 기록"),                                             # 6 duplicate of 0
    rm("긴 답", c=("가" * 60, "나", "다")),                       # 7 too long (max_chars=50)
]


def test_rm_fault_classes(tmp_path, capsys):
    report = fault_report(RM_FAULTS, "rm", max_chars=50)
    assert report.counts() == {"empty": 1, "bad_ranking": 3, "identical_completions": 1, "too_long": 1,
                               "duplicate": 1}
    assert report.classes["bad_ranking"].first == [1, 2, 3]
    p = tmp_path / RM_FILE
    p.write_bytes(as_array(RM_FAULTS))
    with pytest.raises(DataFormatError, match="bad_ranking"):
        load_rm_pairs(p, strict=True)
    pairs = load_rm_pairs(p)                                    # default max_chars=2000 keeps record 7
    assert len(pairs) == 3 * 2
    out = capsys.readouterr().out
    assert "kept 2" in out and "invalid 3" in out and "identical 1" in out and "duplicate 1" in out


def test_loader_prints_counts_and_drops_nothing_silently(tmp_path, capsys):
    p = tmp_path / SFT_FILE
    p.write_bytes(as_lines(SFT_FAULTS, crlf=True, bom=True))
    ds = load_sft(p)
    out = capsys.readouterr().out
    # clean, 0, 8 (unknown key dropped), 9 (NFC) kept; 1 2 10 empty, 3 duplicate, 5 6 7 invalid; 4 is < 2000 chars
    assert list(ds["prompt"]) == ["정상 질문 하나", "긴 답 질문", "모르는 키", "분해된 한글"]
    assert "11 records -> kept 4, removed 7 (invalid 3, empty 3, duplicate 1)" in out
    assert "JSON Lines, UTF-8 BOM, CRLF line endings" in out
    with pytest.raises(DataFormatError) as e:
        load_sft(p, strict=True)
    assert str(p) in str(e.value) and "record 5" in " ".join(e.value.problems)


# ---------------------------------------------------------------- the original PPO file's shape

def original_like_ppo(n=12000, empty=3, dups=52) -> list[dict]:
    """n prompts, like the original PPO file: `empty` empty prompts and `dups` exact duplicates."""
    topics = ["김치찌개", "세종대왕", "미세먼지", "인천공항", "파이썬", "환율", "감기", "제주도", "맞춤법", "면접"]
    asks = ["에 대해 알려줘", " 어떻게 해요?", "이 뭐야?", " 관련해서 궁금한 게 있어요", "는 왜 그런가요?"]
    recs = [{"prompt": f"{topics[i % 10]}{asks[(i // 10) % 5]} ({i}번째 질문)"} for i in range(n - empty - dups)]
    for k in range(dups):
        recs.insert(100 + 200 * k, dict(recs[37 * k]))
    for k in range(empty):
        recs.insert(50 + 4000 * k, {"prompt": ""})
    return recs


def test_original_shaped_ppo_file_12000(tmp_path, capsys):
    recs = original_like_ppo()
    assert len(recs) == 12000
    p = tmp_path / PPO_FILE
    p.write_bytes(as_array(recs))                               # a JSON array in a .jsonl file
    t0 = time.perf_counter()
    ds = load_prompts(p)
    seconds = time.perf_counter() - t0
    out = capsys.readouterr().out
    assert len(ds) == 12000 - 55 and "" not in ds["prompt"] and len(set(ds["prompt"])) == len(ds)
    assert "empty" in out and "duplicate" in out and "kept 11945, removed 55 (empty 3, duplicate 52)" in out
    report = file_fault_report(p)
    assert report.counts() == {"empty": 3, "duplicate": 52}
    assert report.classes["empty"].first == [50, 4050, 8050]
    with pytest.raises(DataFormatError, match="52"):
        load_prompts(p, strict=True)
    with capsys.disabled():
        print(f"\n[timing] load_prompts on a 12,000-record original-shaped PPO file: {seconds:.2f} s")


# ---------------------------------------------------------------- near-duplicates

def test_shingles_and_jaccard():
    a, b = shingles("김치찌개 끓이는 법!!"), shingles("김치찌개끓이는법?")
    assert a == b and jaccard(a, b) == 1.0
    assert shingles("가나") == {"가나"} and shingles("  ") == frozenset()
    x, y = shingles("가나다라"), shingles("가나다마")               # {가나다, 나다라} vs {가나다, 나다마}
    assert jaccard(x, y) == pytest.approx(1 / 3)


def test_minhash_estimates_jaccard_and_lsh_finds_the_exact_pairs():
    texts = [r["prompt"] for r in read_records(DATA / SFT_FILE)][:400]
    texts += [t.replace(" ", "", 1) + "?" for t in texts[:40]] + ["혹시 " + t for t in texts[40:60]]
    exact = near_duplicate_pairs(texts, 0.7, method="exact")
    approx = near_duplicate_pairs(texts, 0.7, method="minhash")
    assert set(approx) <= set(exact)                             # verified: never a false pair
    strong = {(i, j) for i, j, s in exact if s >= 0.8}
    assert strong <= {(i, j) for i, j, _ in approx}               # the clear ones are all found
    assert len(approx) >= 0.9 * len(exact) and len(exact) >= 50
    # the signature agreement estimates J
    sets = [shingles(texts[i]) for i in (0, 400)]
    sig = minhash_signatures(sets, num_perm=256)
    assert abs((sig[0] == sig[1]).mean() - jaccard(*sets)) < 0.15
    bands, rows = lsh_bands(128, 0.7)
    assert bands * rows == 128 and (1 / bands) ** (1 / rows) <= 0.65


def test_near_duplicates_in_the_fault_report_are_a_warning():
    recs = [{"prompt": "서울에서 부산까지 기차로 얼마나 걸려요?"}, {"prompt": "서울에서 부산까지 기차로 얼마나 걸려요??"},
            {"prompt": "완전히 다른 질문이에요"}]
    report = fault_report(recs, "ppo", near_dup_threshold=0.8)
    assert report.counts() == {"near_duplicate": 1} and report.ok
    assert report.classes["near_duplicate"].first == [1]
    assert "near_duplicate" not in fault_report(recs, "ppo").counts()


# ---------------------------------------------------------------- cleaning steps

@pytest.mark.parametrize("text,expected", [
    ("정말요???", "정말요?"), ("대박!!!!!", "대박!"), ("진짜?!?!", "진짜?"), ("음......", "음..."), ("음...", "음..."),
    ("좋아요~~~", "좋아요~"), ("ㅋㅋㅋㅋㅋㅋ", "ㅋㅋㅋ"), ("ㅋㅋ", "ㅋㅋ"), ("그래,, 알았어", "그래, 알았어"), ("1.5배", "1.5배"),
])
def test_squeeze_punctuation(text, expected):
    assert squeeze_punctuation(text) == expected


def test_each_step_reports_before_and_after():
    recs = [sft("  여행  준비물 알려 줘!!!"), sft("여행 준비물 알려 줘!"), sft("여행 준비물 좀 알려 줘"),
            sft("짧은", "응"), sft("", "빈 질문"), sft(unicodedata.normalize("NFD", "한글 자모"), "답이에요.")]
    ok, r = drop_invalid(recs, "sft")
    assert (r.before, r.after, r.removed, r.details) == (6, 5, [4], {"empty": 1})
    norm, r = normalize_records(ok, "sft")
    assert (r.before, r.after, r.modified) == (5, 5, 2)
    assert r.details == {"punctuation": 1, "whitespace": 1, "nfc": 1}
    assert norm[0]["prompt"] == "여행 준비물 알려 줘!"
    long_ok, r = filter_length(norm, "sft", min_chars=2)
    assert (r.after, r.details) == (4, {"too_short": 1, "too_long": 0})
    uniq, r = dedupe_exact(long_ok, "sft")
    assert (r.before, r.after, r.removed) == (4, 3, [1])
    # 3-grams of "여행준비물알려줘" and "여행준비물좀알려줘": 4 shared of 6 + 7 -> J = 4 / 9
    near, r = dedupe_near(uniq, "sft", threshold=0.4, method="exact")
    assert (r.after, r.details) == (2, {"pairs": 1, "groups": 1}) and r.examples[0]["jaccard"] == round(4 / 9, 3)
    assert dedupe_near(uniq, "sft", threshold=0.5)[1].after == 3
    assert [x.row()["removed"] for x in clean_steps(recs, "sft", min_chars=2, near_threshold=0.4)[1]] == [1, 0, 1, 1, 1]


def test_leakage_check_and_drop():
    ev = [{"prompt": "세종대왕은 언제 한글을 만들었나요?"}, {"prompt": "비행기 수하물 무게 제한이 있나요?"}]
    train = [sft("세종대왕은  언제 한글을 만들었나요?"), sft("비행기 수하물 무게 제한이 있나요 궁금해요"),
             sft("전혀 상관없는 질문")]
    leak = leakage_check(train, ev, threshold=0.7)
    assert leak.exact == [(0, 0)] and [(i, j) for i, j, _ in leak.near] == [(1, 1)] and leak.leaked == [0, 1]
    assert leakage_check(train, ev, threshold=None).leaked == [0]
    kept, r = drop_leaked(train, ev, threshold=0.7)
    assert [x["prompt"] for x in kept] == ["전혀 상관없는 질문"] and r.details == {"exact": 1, "near": 1}


# ---------------------------------------------------------------- the dirty sample files

def test_dirty_sample_files_regenerate_bit_for_bit_and_carry_every_fault():
    import importlib.util

    path = DATA / "dirty" / "make_dirty.py"
    spec = importlib.util.spec_from_file_location("make_dirty", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    built = mod.build()
    for p, (data, _) in built.items():
        assert p.read_bytes() == data, f"{p} is stale: run python {path}"
    sft_report = file_fault_report(mod.SFT_DIRTY, near_dup_threshold=0.7)
    assert sft_report.format == "jsonl" and sft_report.had_bom and sft_report.crlf
    assert {"missing_key", "wrong_type", "unknown_key", "empty", "too_long", "duplicate", "near_duplicate",
            "not_nfc"} <= set(sft_report.counts())
    rm_report = file_fault_report(mod.RM_DIRTY)
    assert rm_report.format == "json"
    assert {"bad_ranking", "identical_completions", "empty", "duplicate", "too_long"} <= set(rm_report.counts())
    # every planted fault is caught by some step
    recs, _ = read_records_info(mod.SFT_DIRTY)
    ev = read_records(DATA / "kochatgpt_eval.json")
    out, steps = clean_steps(recs, "sft", eval_records=ev, min_chars=5, max_chars=600, near_threshold=0.7)
    planted = built[mod.SFT_DIRTY][1]
    removed = {s.step: s.before - s.after for s in steps}
    assert removed["drop_invalid"] == sum(planted[k] for k in ("empty prompt", "empty completion", "missing key",
                                                                "wrong type"))
    assert removed["filter_length"] == planted["over-long completion"] + planted["too-short completion"]
    assert removed["drop_leaked"] == planted["eval leak (exact)"] + planted["eval leak (near)"]
    assert removed["dedupe_exact"] + removed["dedupe_near"] == (planted["exact duplicate"] + planted["near duplicate"]
                                                                + planted["exact duplicate after NFC"])
    fixable = sum(planted[k] for k in ("unknown key", "NFD Hangul", "whitespace", "repeated punctuation",
                                       "stray quote"))
    assert len(out) == 120 + fixable                             # the clean base plus the repaired records
