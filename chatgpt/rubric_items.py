"""The three rubric items' checks (:mod:`chatgpt.rubric`): each number a submission claims is recomputed from its files.

Item 1 recomputes BLEU/ROUGE (Papineni et al., 2002; Lin, 2004) from the generated texts and the rating means;
item 2 validates the AI-labelled RM file and recomputes its agreement with the human ranking and the RM's pairwise
accuracies (RLAIF: Bai et al., 2022; Lee et al., 2023); item 3 rereads both runs' reports, training histories and
generations. See :mod:`chatgpt.rubric` for the evidence convention.
"""
from __future__ import annotations

import json
from pathlib import Path

from chatgpt.rubric_evidence import (MIN_PROMPTS, MIN_RATED, MIN_RM_RECORDS, MIN_STRATEGIES, TOL_BLEU, TOL_FRACTION,
                                     Check, _file, _get, _json, _Missing, _num, _run, _same, _text, pair_accuracy,
                                     sha256)


def _text_metrics(responses, references) -> dict:
    from chatgpt.eval.metrics import bleu, rouge_l

    return {"bleu": bleu(responses, references), "rouge_l": rouge_l(responses, references)}


# ----------------------------------------------------------------------------------------- item 1

def check_item1(ev: dict, base: Path) -> list[Check]:
    checks: list[Check] = []
    state: dict = {}

    def cleaning():
        from chatgpt.data import read_records, validate_file

        c = _get(ev, "cleaning", what="the cleaning step")
        src, out = _file(base, c.get("input_file"), "raw data"), _file(base, c.get("output_file"), "cleaned data")
        orig = c.get("source_file")
        if isinstance(orig, str) and Path(orig).is_file() and sha256(orig) != sha256(src):
            raise _Missing(f"raw data {src.name} differs from its source file {orig}")
        n_in, n_out = len(read_records(src)), len(read_records(out))
        if _num(c.get("input_records"), "input_records") != n_in or _num(c.get("kept_records"), "kept") != n_out:
            raise _Missing(f"counts do not match the files: evidence {c.get('input_records')} → "
                           f"{c.get('kept_records')}, files {n_in} → {n_out}")
        rep = validate_file(out)
        if not rep.ok:
            raise _Missing(f"cleaned file fails the validator: {rep.summary(3)}")
        removed = c.get("removed") or {}
        if n_out >= n_in:
            raise _Missing(f"nothing was removed ({n_in} → {n_out}): analyse the faults and clean them")
        if sum(int(v) for v in removed.values()) != n_in - n_out:
            raise _Missing(f"removal reasons {removed} do not add up to {n_in - n_out} removed records")
        return f"{n_in} → {n_out} records, cleaned file validates; removed {removed}", \
            {"input_records": n_in, "kept_records": n_out, "removed": removed}

    def decoding():
        d = _get(ev, "decoding", what="the decoding table")
        gen = _json(_file(base, d.get("file"), "generations"), "generations")
        prompts, refs, strategies = gen.get("prompts") or [], gen.get("references") or [], gen.get("strategies") or {}
        if len(prompts) < MIN_PROMPTS or len(refs) != len(prompts):
            raise _Missing(f"need ≥ {MIN_PROMPTS} prompts with one reference each (got {len(prompts)}/{len(refs)})")
        if len(strategies) < MIN_STRATEGIES:
            raise _Missing(f"need ≥ {MIN_STRATEGIES} decoding strategies, got {len(strategies)}")
        settings = [json.dumps(s.get("settings"), sort_keys=True) for s in strategies.values()]
        if len(set(settings)) < len(settings):
            raise _Missing("two strategies have identical settings")
        claimed, rows = d.get("metrics") or {}, {}
        for name, s in strategies.items():
            resp = s.get("responses") or []
            if len(resp) != len(prompts):
                raise _Missing(f"strategy {name!r}: {len(resp)} responses for {len(prompts)} prompts")
            m = _text_metrics(resp, refs)
            if name not in claimed:
                raise _Missing(f"the table has no BLEU/ROUGE row for strategy {name!r}")
            _same(claimed[name].get("bleu"), m["bleu"], TOL_BLEU, f"BLEU of {name!r}")
            _same(claimed[name].get("rouge_l"), m["rouge_l"], TOL_FRACTION, f"ROUGE-L of {name!r}")
            rows[name] = {k: round(v, 4) for k, v in m.items()}
        state["strategies"] = list(strategies)
        return f"{len(strategies)} strategies × {len(prompts)} prompts; BLEU/ROUGE-L recomputed and match", rows

    def subjective():
        s = _get(ev, "subjective", what="the subjective-evaluation table")
        data = _json(_file(base, s.get("file"), "ratings"), "ratings")
        lo, hi = data.get("scale") or [1, 5]
        ratings, means = data.get("ratings") or {}, {}
        for name in state.get("strategies") or ratings:
            r = [x for x in ratings.get(name) or [] if x is not None]
            if len(r) < MIN_RATED:
                raise _Missing(f"strategy {name!r}: {len(r)} rated answers, need ≥ {MIN_RATED}")
            if any(not isinstance(x, (int, float)) or not lo <= x <= hi for x in r):
                raise _Missing(f"strategy {name!r}: ratings outside the scale {lo}–{hi}")
            means[name] = sum(r) / len(r)
            _same((s.get("means") or {}).get(name), means[name], TOL_FRACTION, f"mean rating of {name!r}")
        _text(data.get("criteria"), "the rating criteria (ratings file `criteria`)")
        return f"ratings of {len(means)} strategies recomputed and match", {k: round(v, 3) for k, v in means.items()}

    def comparison():
        s = _get(ev, "subjective", what="the subjective-evaluation table")
        best = ev.get("decoding", {}).get("best")
        if best not in (state.get("strategies") or []):
            raise _Missing(f"`decoding.best` ({best!r}) is not one of the evaluated strategies")
        text = _text(s.get("comparison"), "the comparison of BLEU/ROUGE with the subjective ranking", 30)
        return f"best strategy {best!r}; comparison written", {"best": best, "comparison": text[:300]}

    _run(checks, "1a", "데이터 분석·정제 (정제 전후 건수, 검증 통과)", cleaning)
    _run(checks, "1b", "디코딩 전략 표와 BLEU/ROUGE", decoding)
    _run(checks, "1c", "주관 평가 표", subjective)
    _run(checks, "1d", "최적 전략과 BLEU/ROUGE ↔ 주관 평가 비교", comparison)
    return checks


# ----------------------------------------------------------------------------------------- item 2

def _record_key(r: dict) -> tuple:
    return (r.get("prompt"),) + tuple(sorted(str(r.get(f"completion_{i}")) for i in range(3)))


def human_agreement(labelled: list[dict], human: list[dict]) -> tuple[float, int]:
    """Pairwise agreement of the new rankings with the human ones, over records found in ``human``."""
    from chatgpt.data import records_to_pairs

    index = {_record_key(r): r for r in human}
    agree = total = 0
    for r in labelled:
        h = index.get(_record_key(r))
        if h is None:
            continue
        hp = {(p["chosen"], p["rejected"]) for p in records_to_pairs([h])}
        for p in records_to_pairs([r]):
            total += 1
            agree += (p["chosen"], p["rejected"]) in hp
    return (agree / total if total else float("nan")), total


def check_item2(ev: dict, base: Path) -> list[Check]:
    checks: list[Check] = []
    state: dict = {}

    def rm_file():
        from chatgpt.data import read_records, validate_file

        f = _get(ev, "rm_file", what="the AI-labelled RM file")
        p = _file(base, f.get("path"), "AI-labelled RM file")
        if f.get("sha256") != sha256(p):
            raise _Missing(f"{p.name} changed after the evidence was written (sha256 differs)")
        rep = validate_file(p, "rm")
        if not rep.ok:
            raise _Missing(f"RM file fails the validator: {rep.summary(3)}")
        recs = read_records(p)
        if len(recs) < MIN_RM_RECORDS:
            raise _Missing(f"only {len(recs)} records, need ≥ {MIN_RM_RECORDS}")
        if _num(f.get("records"), "rm_file.records") != len(recs):
            raise _Missing(f"evidence says {f.get('records')} records, file has {len(recs)}")
        state["records"] = recs
        _text(_get(ev, "labeler", "description", what="how the labels were made"), "the labeller description")
        return f"{p.name}: {len(recs)} RM records, validator OK, sha256 matches", \
            {"file": str(p.name), "records": len(recs), "labeler": ev["labeler"].get("kind", "?")}

    def agreement():
        from chatgpt.data import read_records

        a = _get(ev, "agreement", what="agreement with the human ranking")
        src = _file(base, a.get("human_file"), "human-ranked source file")
        if "records" not in state:
            raise _Missing("no valid RM file to compare")
        value, n = human_agreement(state["records"], read_records(src))
        if n == 0:
            raise _Missing("none of the labelled records is in the human file: agreement cannot be checked")
        _same(a.get("value"), value, TOL_FRACTION, "agreement with the human ranking")
        if value >= 1.0:
            raise _Missing("the labels equal the human rankings: nothing was relabelled")
        return f"pairwise agreement with the human ranking {value:.3f} over {n} pairs (recomputed)", \
            {"agreement": round(value, 4), "pairs": n}

    def before_after():
        runs, claimed, acc = _get(ev, "runs", what="before/after runs"), _get(ev, "metrics", what="metrics"), {}
        for side in ("before", "after"):
            run = _get(runs, side, what=f"the {side} run")
            scores = _json(_file(base, run.get("scores"), f"{side} held-out scores"), "scores")
            acc[side] = pair_accuracy(scores.get("pairs"))
            _same(_get(claimed, side, "eval_accuracy", what=f"{side} accuracy"), acc[side], TOL_FRACTION,
                  f"{side} held-out accuracy")
        nb, na = (len(_json(_file(base, runs[s]["scores"], s), s)["pairs"]) for s in ("before", "after"))
        if nb != na:
            raise _Missing(f"before/after were scored on different held-out sets ({nb} vs {na} pairs)")
        files = runs["after"].get("train_files") or []
        if ev.get("rm_file", {}).get("path") not in files:
            raise _Missing("the after run does not list the AI-labelled RM file among its `train_files`")
        state["acc"] = acc
        return (f"held-out pairwise accuracy {acc['before']:.3f} → {acc['after']:.3f} on {nb} human pairs "
                "(recomputed from per-pair scores)"), {k: round(v, 4) for k, v in acc.items()}

    def hypothesis():
        h = _text(ev.get("hypothesis"), "the hypothesis", 20)
        c = _text(ev.get("conclusion"), "the conclusion (hypothesis supported or not, and why)", 20)
        return "hypothesis and conclusion written", {"hypothesis": h[:300], "conclusion": c[:300]}

    def improved():
        acc = state.get("acc")
        if not acc:
            raise _Missing("no before/after metrics")
        delta = acc["after"] - acc["before"]
        if delta <= 0:
            raise _Missing(f"no improvement ({delta:+.3f}); fine if the conclusion explains it")
        return f"improved by {delta:+.3f}", {"delta": round(delta, 4)}

    _run(checks, "2a", "AI/규칙 라벨 RM 파일 (검증기 통과)", rm_file)
    _run(checks, "2b", "사람 라벨과의 일치도", agreement)
    _run(checks, "2c", "전후 지표 (같은 held-out 사람 라벨)", before_after)
    _run(checks, "2d", "가설과 결론", hypothesis)
    _run(checks, "2e", "모델이 좋아졌는가 (참고)", improved, note=True)
    return checks


# ----------------------------------------------------------------------------------------- item 3

def read_run_report(base: Path, rel, side: str) -> dict:
    """One run's ``report.json`` with its numbers recomputed from its history and generations."""
    p = _file(base, rel, f"{side} run report.json")
    rep = _json(p, f"{side} report.json")
    if not rep.get("base_model"):
        raise _Missing(f"{side} report.json names no `base_model`")
    if "settings" not in rep:
        raise _Missing(f"{side} report.json has no `settings`")
    gen_rel, hist_rel = rep.get("generations_file"), rep.get("history_file")
    if not gen_rel or not hist_rel:
        raise _Missing(f"{side} report.json has no generations_file/history_file: its numbers cannot be recomputed "
                       "(a pipeline report.json alone is one run, not a before/after comparison)")
    gen = _json(_file(p.parent, gen_rel, f"{side} generations"), "generations")
    hist = _json(_file(p.parent, hist_rel, f"{side} history"), "history")
    losses = hist.get("eval_loss") or []
    if not losses:
        raise _Missing(f"{side} history has no eval_loss")
    actual = {"eval_loss": float(losses[-1]), **_text_metrics(gen.get("responses") or [], gen.get("references") or [])}
    claimed = rep.get("metrics") or {}
    _same(claimed.get("eval_loss"), actual["eval_loss"], TOL_FRACTION, f"{side} eval_loss")
    _same(claimed.get("bleu"), actual["bleu"], TOL_BLEU, f"{side} BLEU")
    _same(claimed.get("rouge_l"), actual["rouge_l"], TOL_FRACTION, f"{side} ROUGE-L")
    return {"report": rep, "metrics": actual, "n_prompts": len(gen.get("responses") or [])}


def check_item3(ev: dict, base: Path) -> list[Check]:
    checks: list[Check] = []
    state: dict = {}

    def setup():
        runs = _get(ev, "runs", what="before/after run reports")
        state["runs"] = {s: read_run_report(base, _get(runs, s, what=f"{s} run"), s) for s in ("before", "after")}
        b, a = (state["runs"][s]["report"] for s in ("before", "after"))
        diff = {k: (b.get(k), a.get(k)) for k in ("base_model", "adapter", "settings") if b.get(k) != a.get(k)}
        if not diff:
            raise _Missing("before and after have the same base model, adapter and settings: nothing was changed")
        _text(ev.get("change"), "the description of the change")
        return ("changed: " + ", ".join(diff) + f"; after = base `{Path(str(a['base_model'])).name}`, "
                f"adapter {a.get('adapter') or 'none'}"), {"changed": {k: list(v) for k, v in diff.items()}}

    def metrics():
        if "runs" not in state:
            raise _Missing("no readable run reports")
        claimed = _get(ev, "metrics", what="before/after metrics")
        rows = {}
        for s in ("before", "after"):
            for k in ("eval_loss", "bleu", "rouge_l"):
                _same(_get(claimed, s, k, what=f"{s} {k}"), state["runs"][s]["metrics"][k],
                      TOL_BLEU if k == "bleu" else TOL_FRACTION, f"evidence {s} {k}")
            rows[s] = {k: round(v, 4) for k, v in state["runs"][s]["metrics"].items()}
        if state["runs"]["before"]["n_prompts"] != state["runs"]["after"]["n_prompts"]:
            raise _Missing("before/after were evaluated on different numbers of prompts")
        return "eval loss and BLEU/ROUGE-L of both runs recomputed from their files and match", rows

    def hypothesis():
        h = _text(ev.get("hypothesis"), "the hypothesis", 20)
        c = _text(ev.get("conclusion"), "the conclusion", 20)
        return "hypothesis and conclusion written", {"hypothesis": h[:300], "conclusion": c[:300]}

    def improved():
        if "runs" not in state:
            raise _Missing("no before/after metrics")
        b, a = state["runs"]["before"]["metrics"], state["runs"]["after"]["metrics"]
        if a["eval_loss"] >= b["eval_loss"]:
            raise _Missing(f"eval loss did not drop ({b['eval_loss']:.3f} → {a['eval_loss']:.3f})")
        return f"eval loss {b['eval_loss']:.3f} → {a['eval_loss']:.3f}", {}

    _run(checks, "3a", "베이스 모델·어댑터·설정 (무엇을 바꿨나)", setup)
    _run(checks, "3b", "전후 지표 (eval loss, BLEU/ROUGE 재계산)", metrics)
    _run(checks, "3c", "가설과 결론", hypothesis)
    _run(checks, "3d", "모델이 좋아졌는가 (참고)", improved, note=True)
    return checks

