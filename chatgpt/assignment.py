"""Helpers for the assignment notebooks (``assignments/item*.ipynb``): steps that skip politely, evidence files.

Each assignment notebook is thin: the student fills a few TODO cells (a cleaning
function, decoding strategies, ratings, a labelling rule, a training change) and the
steps below do the rest. A step whose TODO input is still ``...`` (``Ellipsis``) prints
what to do and returns ``None`` instead of raising, so an untouched starter runs to the
end with messages, never with a traceback. The last cell calls :func:`finish`, which
writes ``evidence.json`` (format in :mod:`chatgpt.rubric`), prints
``[evidence] item<N>: <path>`` and runs the same rubric checker the reviewers use.

Evidence goes to ``$KOCHATGPT_ASSIGNMENT_DIR/item<N>`` (default ``<outputs>/assignments/item<N>``);
:func:`evidence_dir` empties it first, so stale evidence of an earlier run never passes.
"""
from __future__ import annotations

import json
import os
import shutil
from dataclasses import asdict, replace
from pathlib import Path

TODO = ...            # what a starter's TODO cells hold until the student fills them


def is_todo(*values) -> bool:
    """True if any value is still a TODO (``...``) or ``None`` (a skipped step)."""
    return any(v is ... or v is None for v in values)


def skip(step: str, hint: str) -> None:
    """The polite message of a step whose input is not ready (no traceback)."""
    print(f"⏭  {step}: 아직 할 수 없습니다 — {hint}")
    return None


def check(ok: bool, message: str, hint: str = "") -> bool:
    """An embedded assert that prints instead of raising: ✅ message, or ❌ message + hint."""
    print(("✅ " if ok else "❌ ") + message + ("" if ok or not hint else f"\n   → {hint}"))
    return bool(ok)


def evidence_dir(item: int, reset: bool = True) -> Path:
    """``$KOCHATGPT_ASSIGNMENT_DIR/item<N>`` or ``<outputs>/assignments/item<N>``; emptied when ``reset``."""
    from chatgpt.config import default_output_dir

    root = Path(os.environ.get("KOCHATGPT_ASSIGNMENT_DIR", default_output_dir() / "assignments"))
    d = root / f"item{item}"
    if reset and d.exists():
        shutil.rmtree(d)
    d.mkdir(parents=True, exist_ok=True)
    return d


def save_json(path, obj) -> Path:
    path = Path(path)
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    return path


# ----------------------------------------------------------------------------------------- item 1

def clean_step(raw_file, clean_fn, out_dir: Path) -> dict | None:
    """Apply the student's ``clean_fn(records) -> (kept, removed_counts)``; write and validate the result."""
    from chatgpt.data import read_records, validate_file, write_records

    if is_todo(clean_fn):
        return skip("정제", "TODO 1의 clean 함수를 채우세요")
    raw_copy = Path(out_dir) / Path(raw_file).name         # the evidence folder travels on its own
    shutil.copyfile(raw_file, raw_copy)
    records = read_records(raw_copy)
    kept, removed = clean_fn(records)
    out = write_records(Path(out_dir) / "cleaned_sft.json", kept)
    rep = validate_file(out)
    check(rep.ok, f"정제 결과 {len(records)} → {len(kept)}건, 검증기 통과", rep.summary(3))
    check(sum(removed.values()) == len(records) - len(kept), f"제거 사유별 건수 {removed}의 합이 제거 건수와 같음",
          "clean 함수가 돌려주는 removed 딕셔너리의 합 = 입력 건수 − 남은 건수 여야 합니다")
    return {"input_file": raw_copy.name, "source_file": str(raw_file), "output_file": out.name,
            "input_records": len(records),
            "kept_records": len(kept), "removed": {k: int(v) for k, v in removed.items()}}


def decode_step(model, tokenizer, prompts, references, strategies: dict, out_dir: Path) -> dict | None:
    """Generate with each strategy (``{name: GenerationConfig overrides}``); BLEU/ROUGE-L per strategy."""
    from chatgpt.config import GenerationConfig
    from chatgpt.eval import bleu, generate_responses, rouge_l

    if is_todo(strategies):
        return skip("디코딩 표", "TODO 2의 STRATEGIES를 채우세요")
    if not check(len(strategies) >= 3, f"디코딩 전략 {len(strategies)}개", "서로 다른 전략을 3개 이상 넣으세요"):
        return None
    gen = {"prompts": list(prompts), "references": list(references), "strategies": {}}
    metrics = {}
    for name, overrides in strategies.items():
        cfg = replace(GenerationConfig(), **overrides)
        responses = generate_responses(model, tokenizer, prompts, cfg)
        gen["strategies"][name] = {"settings": asdict(cfg), "responses": responses}
        metrics[name] = {"bleu": bleu(responses, references), "rouge_l": rouge_l(responses, references)}
    save_json(Path(out_dir) / "decoding.json", gen)
    return {"file": "decoding.json", "metrics": metrics, "generations": gen}


def subjective_step(decoding: dict | None, ratings, criteria: str, out_dir: Path) -> dict | None:
    """Store the ratings (``{strategy: [score per prompt]}``, 1–5) and their means."""
    if is_todo(decoding):
        return skip("주관 평가", "먼저 디코딩 표(TODO 2)를 만드세요")
    if is_todo(ratings, criteria):
        return skip("주관 평가", "TODO 3의 RATINGS와 CRITERIA를 채우세요")
    missing = [n for n in decoding["metrics"] if len([x for x in ratings.get(n, []) if x is not None]) < 5]
    if not check(not missing, "모든 전략에 5개 이상 평가", f"평가가 부족한 전략: {missing}"):
        return None
    save_json(Path(out_dir) / "ratings.json", {"scale": [1, 5], "criteria": criteria, "ratings": ratings})
    means = {n: sum(x for x in r if x is not None) / len([x for x in r if x is not None]) for n, r in ratings.items()}
    return {"file": "ratings.json", "means": means}


# ----------------------------------------------------------------------------------------- item 2

def label_step(records: list[dict], judge) -> list[dict] | None:
    """Relabel RM records with ``judge(prompt, [c0, c1, c2]) -> [score0, score1, score2]`` (higher = better)."""
    from chatgpt.data.pairs import ranking_problem

    if is_todo(judge):
        return skip("AI 라벨링", "TODO 1의 judge 함수를 채우세요")
    out = []
    for i, r in enumerate(records):
        scores = judge(r["prompt"], [r[f"completion_{k}"] for k in range(3)])
        order = sorted(range(3), key=lambda k: (-scores[k], k))          # best first; ties keep slot order
        ranking = [order.index(k) for k in range(3)]                     # ranking[k] = rank of completion_k, 0 best
        if ranking_problem(ranking):
            raise ValueError(f"record {i}: judge gave scores {scores}, not a ranking")
        out.append({**{k: r[k] for k in ("prompt", "completion_0", "completion_1", "completion_2")},
                    "ranking": ranking, **({"category": r["category"]} if "category" in r else {})})
    return out


def train_rm_scores(sft_path, train_records: list[dict], eval_records: list[dict], rm_cfg, progress: bool = False):
    """Train a reward model from the SFT checkpoint; per-pair scores on ``eval_records`` (not saved as a stage)."""
    import torch

    from chatgpt.data import records_to_pairs
    from chatgpt.dataset import RankedRewardDataset
    from chatgpt.eval import score_responses
    from chatgpt.models import RewardModel
    from chatgpt.checkpoints import load_tokenizer
    from chatgpt.trainer import NaiveStrategy, RewardModelTrainer, set_seed

    set_seed(rm_cfg.seed)
    tok = load_tokenizer(str(sft_path))
    model = RewardModel.from_pretrained(sft_path)
    trainer = RewardModelTrainer(model, tok, RankedRewardDataset(train_records, tok, rm_cfg.max_length), None, rm_cfg,
                                 strategy=NaiveStrategy(torch.device("cpu"), rm_cfg.seed))
    trainer.fit(progress=progress)
    pairs = records_to_pairs(eval_records)
    prompts = [p["prompt"] for p in pairs]
    chosen = score_responses(model, tok, prompts, [p["chosen"] for p in pairs], max_length=rm_cfg.max_length)
    rejected = score_responses(model, tok, prompts, [p["rejected"] for p in pairs], max_length=rm_cfg.max_length)
    return [{"chosen": c, "rejected": r} for c, r in zip(chosen, rejected)]


# ----------------------------------------------------------------------------------------- item 3

def sft_run(name: str, base: str, sft_cfg, lora_cfg, train: list[dict], held: list[dict], eval_records: list[dict],
            gen_cfg, out_dir: Path, progress: bool = False) -> dict:
    """Train one SFT variant (optionally with LoRA), evaluate it, write ``<out_dir>/<name>/report.json``."""
    import torch
    from transformers import AutoModelForCausalLM

    from chatgpt.dataset import SupervisedDataset
    from chatgpt.eval import bleu, generate_responses, rouge_l
    from chatgpt.models.lora import convert_to_lora, merge_lora
    from chatgpt.checkpoints import load_tokenizer
    from chatgpt.trainer import NaiveStrategy, SFTTrainer, set_seed

    set_seed(sft_cfg.seed)
    tok = load_tokenizer(base)
    model = AutoModelForCausalLM.from_pretrained(base)
    model.resize_token_embeddings(len(tok))
    if lora_cfg is not None and lora_cfg.r:
        convert_to_lora(model, lora_cfg.r, lora_cfg.alpha, lora_cfg.dropout, lora_cfg.targets)
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    trainer = SFTTrainer(model, tok, SupervisedDataset(train, tok, sft_cfg.max_length),
                         SupervisedDataset(held, tok, sft_cfg.max_length), sft_cfg,
                         strategy=NaiveStrategy(torch.device("cpu"), sft_cfg.seed))
    history = trainer.fit(progress=progress)
    if lora_cfg is not None and lora_cfg.r:
        merge_lora(model)
    prompts, refs = [r["prompt"] for r in eval_records], [r["reference"] for r in eval_records]
    responses = generate_responses(model, tok, prompts, gen_cfg)
    d = Path(out_dir) / name
    d.mkdir(parents=True, exist_ok=True)
    save_json(d / "history.json", history)
    save_json(d / "generations.json", {"prompts": prompts, "references": refs, "responses": responses})
    report = {"name": name, "base_model": str(base), "adapter": asdict(lora_cfg) if lora_cfg and lora_cfg.r else None,
              "settings": asdict(sft_cfg), "trainable_params": trainable, "train_records": len(train),
              "history_file": "history.json", "generations_file": "generations.json",
              "metrics": {"eval_loss": float(history["eval_loss"][-1]), "bleu": bleu(responses, refs),
                          "rouge_l": rouge_l(responses, refs)}, "seconds": history.get("seconds")}
    save_json(d / "report.json", report)
    return report


# ----------------------------------------------------------------------------------------- all items

def finish(item: int, out_dir: Path, evidence: dict) -> dict:
    """Write ``evidence.json`` (unless a required part is still missing), then run the rubric checker on it."""
    from chatgpt.rubric import check_item, render_markdown

    out_dir = Path(out_dir)
    missing = [k for k, v in evidence.items() if is_todo(v)]
    if missing:
        print(f"⏭  evidence.json을 쓰지 않았습니다 — 아직 비어 있는 부분: {', '.join(missing)}")
        print(f"[missing] item{item}: {', '.join(missing)}")
        result = check_item(item, None, f"not finished: {', '.join(missing)} missing (TODO cells not done)")
    else:
        path = save_json(out_dir / "evidence.json", {"item": item, "version": 1, **evidence})
        print(f"[evidence] item{item}: {path}")
        result = check_item(item, path)
    report = {"path": str(out_dir), "notes": [], "items": [{**asdict(result), "passed": result.passed}],
              "passed": result.passed}
    print(render_markdown(report))
    return report
