"""Build the two *dirty* sample files of the cleaning lesson (notebook 09) from the shipped data.

    python data_kochatgpt/dirty/make_dirty.py        # rewrites both files, prints what was planted

The files imitate what real-world data (the original KoChatGPT files among them) looks like, so
that the fault report and every cleaning step have something to find.  Deterministic (fixed seed,
shipped data as input): the files regenerate bit for bit (checked by ``tests/test_data_faults.py``).

* ``kochatgpt_1_SFT_dirty.jsonl`` — 120 clean SFT records (every 14th of
  ``kochatgpt_1_SFT.jsonl``) plus planted faults, shuffled, written as **JSON Lines with a UTF-8 BOM
  and CRLF line endings** (the bundled files are JSON arrays): empty prompts/completions, missing
  keys, wrong types, an unknown key, exact duplicates (one of them only after NFC), near-duplicates,
  over-long and too-short completions, NFD (decomposed) Hangul, messy whitespace, repeated
  punctuation, a stray quote, and evaluation prompts leaking in (exactly and nearly).
* ``kochatgpt_2_RM_dirty.jsonl`` — 30 clean RM records plus rankings that are not permutations,
  identical completions, an empty completion, a duplicate and an over-long completion, written as
  a **JSON array in a .jsonl file**, like the originals.
"""
from __future__ import annotations

import json
import random
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from chatgpt.data.io import atomic_write_bytes, read_records  # noqa: E402

SEED = 15
SFT_DIRTY = HERE / "kochatgpt_1_SFT_dirty.jsonl"
RM_DIRTY = HERE / "kochatgpt_2_RM_dirty.jsonl"


def nfd(text: str) -> str:
    """Decomposed Hangul (jamo), as text copied from some macOS tools comes."""
    return unicodedata.normalize("NFD", text)


def sft_dirty(sft: list[dict], ev: list[dict]) -> tuple[list[dict], dict[str, int]]:
    base = [dict(r) for r in sft[::14][:120]]
    planted: dict[str, int] = {}
    extra: list[dict] = []

    def plant(what: str, rec: dict) -> None:
        planted[what] = planted.get(what, 0) + 1
        extra.append(rec)

    src = sft[1::14]                    # other clean records to derive faulty ones from
    plant("empty prompt", {**src[0], "prompt": ""})
    plant("empty prompt", {**src[1], "prompt": "   "})
    plant("empty completion", {**src[2], "completion": ""})
    plant("empty completion", {**src[3], "completion": " \n "})
    plant("missing key", {k: v for k, v in src[4].items() if k != "completion"})
    plant("missing key", {k: v for k, v in src[5].items() if k != "tokens"})
    plant("wrong type", {**src[6], "tokens": str(src[6]["tokens"])})
    plant("wrong type", {**src[7], "completion": [src[7]["completion"]]})
    plant("unknown key", {**src[8], "id": 8})
    for i in (3, 17, 40, 77):
        plant("exact duplicate", dict(base[i]))
    plant("exact duplicate after NFC", {**base[55], "prompt": nfd(base[55]["prompt"])})
    # near-duplicates: the same request with other spacing, punctuation or one word changed
    r = base[10]
    plant("near duplicate", {**r, "prompt": r["prompt"].replace(" ", "", 1) + "??"})
    r = base[25]
    plant("near duplicate", {**r, "prompt": "혹시 " + r["prompt"]})
    r = base[60]
    plant("near duplicate", {**r, "prompt": r["prompt"].rstrip("?") + " 좀 알려 주세요?"})
    r = base[90]
    plant("near duplicate", {**r, "prompt": r["prompt"].replace(" ", "  ")})
    # length
    loop = src[9]["completion"].split(". ")[0] + ". "
    plant("over-long completion", {**src[9], "completion": loop * (2100 // len(loop) + 1)})
    plant("over-long completion", {**src[10], "completion": src[10]["completion"] * 4})
    plant("too-short completion", {**src[11], "completion": "네."})
    plant("too-short completion", {**src[12], "completion": "응"})
    # fixable: NFD, whitespace, punctuation, stray quote
    for i in (13, 14, 15):
        plant("NFD Hangul", {**src[i], "prompt": nfd(src[i]["prompt"]), "completion": nfd(src[i]["completion"])})
    plant("whitespace", {**src[16], "prompt": "  " + src[16]["prompt"].replace(" ", "\t", 1) + "  "})
    plant("whitespace", {**src[17], "completion": src[17]["completion"].replace(". ", ".\r\n\r\n", 1)})
    plant("whitespace", {**src[18], "completion": src[18]["completion"].replace(" ", "   ")})
    plant("repeated punctuation", {**src[19], "prompt": src[19]["prompt"].rstrip("?.!") + "???"})
    plant("repeated punctuation", {**src[20], "completion": src[20]["completion"].rstrip(".") + "!!!!!"})
    plant("repeated punctuation", {**src[21], "completion": "음...... " + src[21]["completion"]})
    plant("repeated punctuation", {**src[22], "completion": src[22]["completion"] + " ㅋㅋㅋㅋㅋㅋ"})
    plant("stray quote", {**src[23], "completion": "'" + src[23]["completion"]})
    # evaluation prompts leaking into training data
    for j in (0, 50):
        e = ev[j]
        plant("eval leak (exact)", {"prompt": e["prompt"], "completion": e["reference"], "tokens": 0,
                                    "category": e["category"]})
    for j in (100, 150):
        e = ev[j]
        plant("eval leak (near)", {"prompt": e["prompt"].rstrip("?") + " 궁금해요?", "completion": e["reference"],
                                   "tokens": 0, "category": e["category"]})
    records = base + extra
    random.Random(SEED).shuffle(records)
    return records, planted


def rm_dirty(rm: list[dict]) -> tuple[list[dict], dict[str, int]]:
    base = [dict(r) for r in rm[::50][:30]]
    planted: dict[str, int] = {}
    extra: list[dict] = []

    def plant(what: str, rec: dict) -> None:
        planted[what] = planted.get(what, 0) + 1
        extra.append(rec)

    src = rm[25::50]
    plant("ranking not a permutation", {**src[0], "ranking": [0, 0, 1]})
    plant("ranking not a permutation", {**src[1], "ranking": [1, 2, 3]})
    plant("ranking not a permutation", {**src[2], "ranking": [1, 0]})
    plant("ranking not a permutation", {**src[3], "ranking": "0,1,2"})
    plant("identical completions", {**src[4], "completion_1": src[4]["completion_0"]})
    plant("identical completions", {**src[5], "completion_2": " " + src[5]["completion_1"] + " "})
    plant("empty completion", {**src[6], "completion_2": ""})
    plant("exact duplicate", dict(base[7]))
    plant("over-long completion", {**src[7], "completion_0": src[7]["completion_0"] * 30})
    records = base + extra
    random.Random(SEED).shuffle(records)
    return records, planted


def jsonl_bom_crlf(records: list[dict]) -> bytes:
    text = "".join(json.dumps(r, ensure_ascii=False) + "\r\n" for r in records)
    return b"\xef\xbb\xbf" + text.encode("utf-8")


def json_array(records: list[dict]) -> bytes:
    return (json.dumps(records, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def build() -> dict[str, tuple[bytes, dict[str, int]]]:
    """``{path: (file bytes, planted faults)}`` for both files (nothing written)."""
    data = HERE.parent
    sft = read_records(data / "kochatgpt_1_SFT.jsonl")
    ev = read_records(data / "kochatgpt_eval.json")
    rm = read_records(data / "kochatgpt_2_RM.jsonl")
    s, sp = sft_dirty(sft, ev)
    r, rp = rm_dirty(rm)
    return {SFT_DIRTY: (jsonl_bom_crlf(s), sp), RM_DIRTY: (json_array(r), rp)}


def main() -> None:
    for path, (data, planted) in build().items():
        atomic_write_bytes(path, data)
        n = data.count(b"\n") if path == SFT_DIRTY else len(json.loads(data))
        print(f"{path.name}: {n} records; planted: " + ", ".join(f"{k} {v}" for k, v in planted.items()))


if __name__ == "__main__":
    main()
