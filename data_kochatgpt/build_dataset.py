"""Build the four shipped data files from the project-written sources in ``source/``.

    python data_kochatgpt/build_dataset.py          # rewrites the four files, prints counts

Every ``source/<category>.json`` item holds a request in 존댓말 and in 반말, the best
answer and a mediocre answer written by the project. This script, deterministically:

1. normalises (NFC, whitespace) and checks the sources; nothing is dropped silently —
   duplicates are reported and the build fails;
2. holds out whole items per category for the evaluation file (both phrasings of a
   held-out item stay out of every training file);
3. writes the SFT file (one phrasing per item, the other for some items), the RM file
   (best / mediocre / generated-worst completion, shuffled into the three slots, with
   ``ranking[i]`` = rank of ``completion_i``, 0 = best) and the PPO prompt file;
4. generates the *worst* completion with the faults the old course's outputs showed:
   degenerate repetition, stray Hanja/Latin garbage, stopping mid-sentence, or an
   answer to a different question.
"""
from __future__ import annotations

import hashlib
import json
import random
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from chatgpt.data.io import write_records  # noqa: E402
from chatgpt.data.schema import validate_records  # noqa: E402

SEED = 20261121
EVAL_PER_CATEGORY = 18          # 12 categories × 18 = 216 held-out items
SECOND_PHRASING_SHARE = 0.12    # items whose other phrasing is also an SFT record
PPO_PREFIXES = ["혹시 ", "질문 하나만요. ", "궁금해서 그러는데 ", "저기, ", "갑자기 궁금한데 ", "음… "]

HANJA_GARBAGE = list("的是不了人我在有他這中大來上國個到說們為子和你地出道也時年得就那要下以生會自著去之過家學對可她裡後小麼心多天而能好都然沒日於起還發成事只作當想看文無開手十用主行方又如前所本見經頭面公同三已老從動兩長知民樣現分將外但身些與高意進把法此實回二理美點月明")
LATIN_GARBAGE = ["the", "and", "ing", "tion", "http", "www", "com", "is", "of", "xx", "abc", "lol", "qq", "ppt",
                 "ok", "idx", "null", "None", "var", "img"]


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def h(*parts) -> int:
    return int(hashlib.sha256("|".join(map(str, (SEED,) + parts)).encode()).hexdigest()[:12], 16)


def load_sources() -> tuple[list[dict], list[str]]:
    """All source items, normalised; an item whose prompt repeats an earlier one is dropped and reported."""
    items, seen, dropped = [], {}, []
    for path in sorted((HERE / "source").glob("*.json")):
        for i, it in enumerate(json.loads(path.read_text(encoding="utf-8"))):
            it = {k: norm(v) if isinstance(v, str) else v for k, v in it.items()}
            dup = [it[k] for k in ("prompt_polite", "prompt_casual") if it[k] in seen]
            if dup or it["prompt_polite"] == it["prompt_casual"]:
                dropped.append(f"{path.name}: item {i} ({it['id']}): prompt {dup[0] if dup else it['prompt_polite']!r} "
                               f"already in {seen.get(dup[0], 'the same item') if dup else 'the same item'}")
                continue
            for k in ("prompt_polite", "prompt_casual"):
                seen[it[k]] = f"{path.name} item {i}"
            items.append(it)
    return items, dropped


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s]


def worst_completion(item: dict, others: list[dict], rng: random.Random) -> tuple[str, str]:
    """One bad answer and its fault: repetition, garbage, truncated or off-topic."""
    ans = item["answer"]
    kind = rng.choices(["repetition", "garbage", "truncated", "offtopic"], weights=[34, 32, 24, 10])[0]
    if kind == "repetition":
        sents = sentences(ans)
        style = rng.random()
        if style < 0.4:                 # a "list salad": 3–5 words of this or another answer, drawn with
            source = ans if rng.random() < 0.5 else rng.choice(others)["answer"]   # replacement into a long
            words = list(dict.fromkeys(w.strip(".,!?") for w in source.split()))   # comma list ("설탕, 다진
            words = [w for w in words if 1 < len(w) <= 6] or [source.split()[0]]   # 마늘, 설탕, 설탕, 양파")
            pick = rng.sample(words, min(len(words), rng.randint(3, 5)))        # — the reward hack PPO found
            text = ", ".join(rng.choices(pick, k=rng.randint(8, 16)))            # on the tiny model
            if rng.random() < 0.5:
                text = sents[0] + " " + text
            return text + rng.choice(["", ".", " 등을 넣어 주세요."]), kind
        style = (style - 0.4) / 0.6
        if style < 0.4:                 # a whole sentence looped (ends politely, looks fluent)
            text = " ".join([rng.choice(sents[:2])] * rng.randint(3, 5))
        else:                           # a short phrase looped, as degenerate decoding does
            words = sents[0].split()
            start = rng.randrange(max(1, len(words) - 2))
            unit = " ".join(words[start: start + rng.randint(2, 4)]).rstrip(".!?,")
            sep = rng.choice([" ", ", "])
            text = sep.join([unit] * rng.randint(4, 8))
            if rng.random() < 0.5:      # the loop after a normal opening sentence
                text = sents[0] + " " + text
            if rng.random() < 0.5:
                text += "."
        return text, kind
    if kind == "garbage":
        words = ans.split()
        for _ in range(rng.randint(2, 5)):
            pos = rng.randrange(len(words) + 1)
            junk = ("".join(rng.choice(HANJA_GARBAGE) for _ in range(rng.randint(1, 3)))
                    if rng.random() < 0.6 else rng.choice(LATIN_GARBAGE))
            words.insert(pos, junk)
        if rng.random() < 0.5:          # garbage plus a shortened answer
            words = words[: max(4, int(len(words) * rng.uniform(0.5, 0.9)))]
        return " ".join(words), kind
    if kind == "truncated":
        cut = int(len(ans) * rng.uniform(0.25, 0.75))
        text = ans[:cut].rstrip(" .!?,")
        # make sure the cut lands inside a sentence, not on a sentence end
        return (text if text and text[-1] not in ".!?" else text[:-1]), kind
    other = rng.choice([o for o in others if o["category"] != item["category"]])
    text = " ".join(sentences(other["answer"])[: rng.randint(1, 3)])
    return text, kind


def build() -> dict:
    items, dropped = load_sources()
    for line in dropped:
        print("dropped duplicate:", line, file=sys.stderr)
    rng = random.Random(SEED)
    by_cat: dict[str, list[dict]] = {}
    for it in items:
        by_cat.setdefault(it["category"], []).append(it)
    eval_items, train_items = [], []
    for cat, its in sorted(by_cat.items()):
        order = sorted(its, key=lambda it: h("eval", it["id"]))
        eval_items += order[:EVAL_PER_CATEGORY]
        train_items += order[EVAL_PER_CATEGORY:]
    train_items.sort(key=lambda it: h("order", it["id"]))

    def phrasing(it, first=True):
        polite_first = h("reg", it["id"]) % 2 == 0
        return it["prompt_polite"] if polite_first == first else it["prompt_casual"]

    # evaluation: one phrasing per held-out item, the best answer as reference
    ev = [{"prompt": phrasing(it), "reference": it["answer"], "category": it["category"]} for it in eval_items]

    # SFT: one phrasing per item; the other phrasing too for a share of items
    sft = []
    for it in train_items:
        sft.append({"prompt": phrasing(it), "completion": it["answer"], "category": it["category"]})
        if h("second", it["id"]) % 1000 < SECOND_PHRASING_SHARE * 1000:
            sft.append({"prompt": phrasing(it, False), "completion": it["answer"], "category": it["category"]})
    from chatgpt.eval.metrics import korean_tokens

    for r in sft:
        r["tokens"] = len(korean_tokens(r["prompt"])) + len(korean_tokens(r["completion"]))
    sft = [{"prompt": r["prompt"], "completion": r["completion"], "tokens": r["tokens"], "category": r["category"]}
           for r in sft]

    # RM: the other phrasing; best / mid / generated worst in shuffled slots
    rm, worst_kinds = [], Counter()
    for it in train_items:
        irng = random.Random(h("rm", it["id"]))
        worst, kind = worst_completion(it, train_items, irng)
        worst_kinds[kind] += 1
        by_rank = [it["answer"], it["mid"], worst]              # rank 0, 1, 2
        ranking = [0, 1, 2]
        irng.shuffle(ranking)                                   # ranking[i] = rank of completion_i
        rec = {"prompt": phrasing(it, False)}
        for i in range(3):
            rec[f"completion_{i}"] = by_rank[ranking[i]]
        rec["ranking"] = ranking
        rec["category"] = it["category"]
        rm.append(rec)

    # PPO: the other phrasing of every training item, plus prefixed variants of the first
    ppo = [{"prompt": phrasing(it, False), "category": it["category"]} for it in train_items]
    for it in train_items[: max(0, 1560 - len(ppo))]:
        prefix = PPO_PREFIXES[h("prefix", it["id"]) % len(PPO_PREFIXES)]
        ppo.append({"prompt": prefix + phrasing(it), "category": it["category"]})

    files = {"kochatgpt_1_SFT.jsonl": sft, "kochatgpt_2_RM.jsonl": rm, "kochatgpt_3_PPO.jsonl": ppo,
             "kochatgpt_eval.json": ev}
    for name, recs in files.items():
        validate_records(recs, path=name, strict=True)
        write_records(HERE / name, recs)

    # no-leak check: no eval prompt in any training file (NFC + whitespace folding)
    train_prompts = {norm(r["prompt"]) for r in sft + rm + ppo}
    leaks = [r["prompt"] for r in ev if norm(r["prompt"]) in train_prompts]
    held_out_phrasings = {norm(p) for it in eval_items for p in (it["prompt_polite"], it["prompt_casual"])}
    leaks += [p for p in train_prompts if p in held_out_phrasings]
    if leaks:
        raise SystemExit(f"eval prompts leak into training files: {leaks[:5]}")
    summary = {name: len(recs) for name, recs in files.items()}
    summary["source_items"] = len(items) + len(dropped)
    summary["dropped_duplicate_items"] = len(dropped)
    summary["worst_kinds"] = dict(worst_kinds)
    summary["mid_kinds"] = dict(Counter(it["mid_kind"] for it in train_items))
    return summary


if __name__ == "__main__":
    print(json.dumps(build(), ensure_ascii=False, indent=1))
