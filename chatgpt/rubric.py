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

This module finds the evidence and reports; the per-item checks are in :mod:`chatgpt.rubric_items` and the strict
readers they share in :mod:`chatgpt.rubric_evidence`.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import asdict
from pathlib import Path

# re-exported: the tests and notebooks use chatgpt.rubric.{pair_accuracy, sha256, human_agreement, read_run_report}
from chatgpt.rubric_evidence import EVIDENCE_VERSION, ITEMS, Check, ItemResult, pair_accuracy, sha256  # noqa: F401
from chatgpt.rubric_items import check_item1, check_item2, check_item3, human_agreement, read_run_report  # noqa: F401

EVIDENCE_RE = re.compile(r"\[evidence\] item(\d): (.+?)\s*$", re.M)
MISSING_RE = re.compile(r"\[missing\] item(\d): (.+?)\s*$", re.M)      # printed by an unfinished notebook

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
