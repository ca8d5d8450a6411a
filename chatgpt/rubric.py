"""Rubric checker: which evidence for the three rubric items a submission contains.

The course's project assignment is graded with three items (see ``assignments/README.md``):

1. better data and generation — cleaning counts, a decoding table with BLEU/ROUGE
   (Papineni et al., 2002; Lin, 2004) and a subjective-evaluation table compared with it;
2. new data / AI feedback — an RM file labelled without humans (in the spirit of RLAIF,
   Bai et al., 2022 "Constitutional AI"; Lee et al., 2023) that passes the project's
   validator, its agreement with the human ranking, and before/after metrics;
3. better training or model — the base model, adapter and settings of two runs and
   their before/after metrics.

**Evidence convention.** Each assignment notebook writes
``<outputs>/assignments/item<N>/evidence.json`` (``version`` 1, keys below) next to the
raw files its numbers come from, and prints ``[evidence] item<N>: <path>``. The checker
never trusts a number on its own: every number in ``evidence.json`` is recomputed from
the raw files (BLEU/ROUGE from the generated texts, means from the ratings, accuracies
from per-pair scores, agreement from the RM file and the shipped human ranking, eval
loss from the training history) and compared with what is claimed; a file that is
missing, altered (sha256) or inconsistent makes the check MISSING with the reason.

Keys of ``evidence.json`` (paths relative to its folder; :mod:`chatgpt.assignment` writes them):

* item 1: ``cleaning{input_file, output_file, input_records, kept_records, removed{reason: n}}``,
  ``decoding{file → {prompts, references, strategies{name: {settings, responses}}}, metrics{name: {bleu, rouge_l}},
  best}``, ``subjective{file → {scale, criteria, ratings{name: [1–5]}}, means{name}, comparison}``;
* item 2: ``labeler{kind, description}``, ``rm_file{path, sha256, records}``, ``agreement{value, human_file}``,
  ``runs{before|after: {train_files, scores → {pairs: [{chosen, rejected}]}}}``,
  ``metrics{before|after: {eval_accuracy}}``, ``hypothesis``, ``conclusion``;
* item 3: ``runs{before|after: report.json → {base_model, adapter, settings, history_file, generations_file,
  metrics{eval_loss, bleu, rouge_l}}}``, ``metrics{before|after}``, ``change``, ``hypothesis``, ``conclusion``.

Unknown keys are ignored and a missing or mistyped key is a MISSING with its name, never a crash.

A check is ``PASS`` or ``MISSING``; an informative check (whether the model improved: the
rubric asks to compare with a hypothesis, not to win) is ``PASS`` or ``NOTE`` and never fails.

Command line::

    python -m chatgpt.rubric check PATH [--item N] [--json OUT] [--md OUT]

``PATH`` is an executed notebook (``.ipynb``; its printed ``[evidence]`` lines and its
``kochatgpt.item`` metadata are used), an outputs folder (``assignments/item<N>/``,
``item<N>/`` or an ``evidence.json`` inside it), or one ``evidence.json``.
Exit code: 0 every required check passes, 1 something is MISSING, 2 PATH unreadable.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

ITEMS = {1: "데이터 정제와 디코딩 (BLEU/ROUGE vs 주관 평가)", 2: "새 데이터 / AI 피드백으로 사람 피드백 대체",
         3: "더 나은 학습 또는 모델 (설정·어댑터·베이스 모델)"}
EVIDENCE_VERSION = 1
EVIDENCE_RE = re.compile(r"\[evidence\] item(\d): (.+?)\s*$", re.M)
MISSING_RE = re.compile(r"\[missing\] item(\d): (.+?)\s*$", re.M)      # printed by an unfinished notebook
MIN_PROMPTS, MIN_STRATEGIES, MIN_RATED, MIN_RM_RECORDS = 8, 3, 5, 20
TOL_BLEU, TOL_FRACTION = 0.05, 1e-3        # BLEU is 0–100; ROUGE, accuracies, means are compared at 1e-3


@dataclass
class Check:
    id: str
    title: str
    status: str                 # PASS | MISSING | NOTE
    reason: str
    evidence: dict = field(default_factory=dict)


@dataclass
class ItemResult:
    item: int
    title: str
    source: str = ""
    checks: list[Check] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return bool(self.checks) and all(c.status != "MISSING" for c in self.checks)


class _Missing(Exception):
    """Raised inside a check: the evidence is missing or inconsistent (message = reason)."""


# ----------------------------------------------------------------------------------------- small readers

def sha256(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _get(d, *keys, what: str):
    """``d[k1][k2]…`` or :class:`_Missing` naming the key path."""
    cur = d
    for k in keys:
        if not isinstance(cur, dict) or k not in cur or cur[k] is None:
            raise _Missing(f"evidence.json has no `{'.'.join(map(str, keys))}` ({what})")
        cur = cur[k]
    return cur


def _file(base: Path, rel, what: str) -> Path:
    if not isinstance(rel, str) or not rel:
        raise _Missing(f"no file named for {what}")
    p = Path(rel) if Path(rel).is_absolute() else base / rel
    if not p.is_file():
        raise _Missing(f"{what}: file {rel} not found — numbers without the file that produced them")
    return p


def _json(path: Path, what: str):
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, json.JSONDecodeError) as e:
        raise _Missing(f"{what}: {path.name} is not readable JSON ({e})") from None


def _num(x, what: str) -> float:
    if isinstance(x, bool) or not isinstance(x, (int, float)) or not math.isfinite(x):
        raise _Missing(f"{what} is not a finite number: {x!r}")
    return float(x)


def _same(claimed, actual: float, tol: float, what: str) -> None:
    if abs(_num(claimed, what) - actual) > tol:
        raise _Missing(f"{what}: evidence says {claimed:.4f} but the files give {actual:.4f}")


def _text(x, what: str, min_chars: int = 15) -> str:
    if not isinstance(x, str) or len(x.strip()) < min_chars or "TODO" in x:
        raise _Missing(f"{what} is not written (at least {min_chars} characters, no TODO)")
    return x.strip()


def _run(checks: list[Check], cid: str, title: str, fn, note: bool = False) -> None:
    """Run one check function; it returns (reason, evidence) or raises _Missing."""
    try:
        reason, ev = fn()
        checks.append(Check(cid, title, "PASS", reason, ev))
    except _Missing as e:
        checks.append(Check(cid, title, "NOTE" if note else "MISSING", str(e)))
    except Exception as e:                                        # defensive: evidence never crashes the checker
        checks.append(Check(cid, title, "NOTE" if note else "MISSING", f"could not read the evidence: "
                                                                          f"{type(e).__name__}: {e}"))


def pair_accuracy(pairs) -> float:
    """Share of pairs scored chosen > rejected (ties ½) — the RM's pairwise accuracy."""
    if not pairs:
        raise _Missing("score file has no pairs")
    tot = 0.0
    for p in pairs:
        a, b = _num(p.get("chosen"), "chosen score"), _num(p.get("rejected"), "rejected score")
        tot += 1.0 if a > b else 0.5 if a == b else 0.0
    return tot / len(pairs)


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


CHECKERS = {1: check_item1, 2: check_item2, 3: check_item3}


# ----------------------------------------------------------------------------------------- finding evidence

def _notebook_evidence(nb_path: Path) -> tuple[dict[int, Path], list[int], list[str], dict[int, str]]:
    """Evidence paths printed by an executed notebook, its declared items, its error outputs and unfinished parts."""
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    meta = (nb.get("metadata") or {}).get("kochatgpt") or {}
    items = [int(meta["item"])] if "item" in meta else list(ITEMS)
    found, errors, executed, unfinished = {}, [], False, {}
    for cell in nb.get("cells", []):
        for out in cell.get("outputs", []) or []:
            executed = True
            if out.get("output_type") == "error":
                errors.append(f"{out.get('ename')}: {out.get('evalue')}")
            text = out.get("text") or (out.get("data") or {}).get("text/plain") or ""
            text = "".join(text) if isinstance(text, list) else str(text)
            for m in EVIDENCE_RE.finditer(text):
                p = Path(m.group(2))
                found[int(m.group(1))] = p if p.is_absolute() else nb_path.parent / p
            for m in MISSING_RE.finditer(text):
                unfinished[int(m.group(1))] = m.group(2)
    if not executed:
        errors.append("the notebook has no outputs: it was not executed")
    return found, items, errors, unfinished


def _folder_evidence(root: Path) -> dict[int, Path]:
    found = {}
    if (root / "evidence.json").is_file():
        try:
            found[int(json.loads((root / "evidence.json").read_text()).get("item"))] = root / "evidence.json"
        except (ValueError, TypeError, json.JSONDecodeError):
            pass
    for n in ITEMS:
        for cand in (root / "assignments" / f"item{n}", root / f"item{n}"):
            if (cand / "evidence.json").is_file():
                found.setdefault(n, cand / "evidence.json")
    return found


def _pipeline_note(path: Path) -> str:
    """What a pipeline ``report.json`` says about item 3 (read defensively: any key may be absent)."""
    try:
        rep = json.loads(path.read_text(encoding="utf-8"))
        cfg = rep.get("config") if isinstance(rep.get("config"), dict) else {}
        lora = (cfg.get("lora") or {}).get("r") if isinstance(cfg.get("lora"), dict) else None
        what = f"base model `{rep.get('base_model', '?')}`, LoRA r={lora if lora is not None else '?'}"
    except (OSError, ValueError, AttributeError) as e:
        what = f"unreadable ({e})"
    return (f"report.json (one pipeline run: {what}) found; item 3 needs a before/after pair of runs "
            "with their history and generations (assignments/item3)")


def check_item(n: int, evidence_path: Path | None, why_missing: str = "") -> ItemResult:
    res = ItemResult(n, ITEMS[n], str(evidence_path or ""))
    if evidence_path is None or not Path(evidence_path).is_file():
        res.checks.append(Check(f"{n}", "evidence.json", "MISSING",
                                why_missing or f"no evidence for item {n}: run assignments/item{n} to the end"))
        return res
    try:
        ev = json.loads(Path(evidence_path).read_text(encoding="utf-8"))
        if not isinstance(ev, dict):
            raise ValueError("not a JSON object")
    except (OSError, ValueError) as e:
        res.checks.append(Check(f"{n}", "evidence.json", "MISSING", f"{evidence_path} is not readable: {e}"))
        return res
    if ev.get("item") != n:
        res.checks.append(Check(f"{n}", "evidence.json", "MISSING", f"evidence.json is for item {ev.get('item')!r}"))
        return res
    res.checks = CHECKERS[n](ev, Path(evidence_path).parent)
    return res


def check_path(path, items=None) -> dict:
    """Check a submission (notebook, folder or evidence.json); returns the JSON-able report."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file or folder")
    notes: list[str] = []
    if path.suffix == ".ipynb":
        found, declared, errors, unfinished = _notebook_evidence(path)
        notes += [f"notebook error output: {e}" for e in errors]
        why = ("the notebook has no outputs: execute it first" if any("not executed" in e for e in errors) else
               "the notebook printed no `[evidence]` line: finish the TODO cells and run it to the end")
        if unfinished:
            why += "; not done: " + "; ".join(f"item {n}: {v}" for n, v in sorted(unfinished.items()))
    elif path.is_file():
        found, declared, why = {}, list(ITEMS), "not an evidence.json of this item"
        try:
            n = int(json.loads(path.read_text()).get("item"))
            found, declared = {n: path}, [n]
        except (ValueError, TypeError, AttributeError, json.JSONDecodeError):
            why = f"{path.name} is not an evidence.json"
    else:
        found, declared = _folder_evidence(path), list(ITEMS)
        why = "no assignments/item{n}/evidence.json in this folder"
        if (path / "report.json").is_file():
            notes.append(_pipeline_note(path / "report.json"))
    items = items or declared
    results = [check_item(n, found.get(n), why.replace("{n}", str(n))) for n in items]
    return {"path": str(path), "notes": notes,
            "items": [{**asdict(r), "passed": r.passed} for r in results],
            "passed": all(r.passed for r in results) and not any("error output" in x for x in notes)}


def render_markdown(report: dict) -> str:
    icon = {"PASS": "✅ PASS", "MISSING": "❌ MISSING", "NOTE": "ℹ️ NOTE"}
    lines = [f"# 루브릭 점검 결과: `{Path(report['path']).name}`", "",
             f"전체: **{'PASS' if report['passed'] else 'MISSING 있음'}**", ""]
    lines += [f"- {n}" for n in report["notes"]]
    for it in report["items"]:
        lines += ["", f"## 항목 {it['item']}. {it['title']} — {'PASS' if it['passed'] else 'MISSING'}", "",
                  "| 점검 | 결과 | 근거 / 이유 |", "|---|---|---|"]
        for c in it["checks"]:
            reason = c["reason"].replace("|", "/").replace("\n", " ")
            lines.append(f"| {c['id']} {c['title']} | {icon.get(c['status'], c['status'])} | {reason} |")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m chatgpt.rubric", description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("check", help="check a submission (notebook .ipynb, outputs folder or evidence.json)")
    c.add_argument("path")
    c.add_argument("--item", type=int, action="append", choices=sorted(ITEMS), help="only these items")
    c.add_argument("--json", help="write the JSON report here")
    c.add_argument("--md", help="write the Markdown report here")
    args = ap.parse_args(argv)
    try:
        report = check_path(args.path, args.item)
    except (OSError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    md = render_markdown(report)
    if args.json:
        Path(args.json).write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.md:
        Path(args.md).write_text(md, encoding="utf-8")
    print(md)
    return 0 if report["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
