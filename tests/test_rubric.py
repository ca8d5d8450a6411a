"""The rubric checker (chatgpt.rubric) and the assignment helpers (chatgpt.assignment).

Evidence folders are built here from small hand-made files (no model), in the format the
assignment notebooks write; the checker must pass them, name what is missing in an empty
or unfinished submission, and catch tampered numbers and files.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest

from chatgpt import rubric
from chatgpt.assignment import finish, is_todo, label_step
from chatgpt.config import repo_root
from chatgpt.data import read_records, write_records
from chatgpt.eval import bleu, rouge_l

DATA = repo_root() / "data_kochatgpt"
PROMPTS = ["불고기에 좋은 소고기 부위는?", "세종대왕은 언제 즉위했나요?", "인천공항은 어디 있나요?", "미세먼지 심한 날 외출해도 되나요?",
           "김치찌개 끓이는 법 알려 주세요.", "잠이 안 올 때 어떻게 하나요?", "서울에서 부산까지 얼마나 걸려요?", "물은 하루에 얼마나 마셔요?"]
REFS = ["등심이나 목심이 좋아요.", "1418년에 즉위했어요.", "인천 영종도에 있어요.", "마스크를 쓰고 짧게 다녀오세요.",
        "김치와 돼지고기를 볶다가 물을 붓고 끓여요.", "따뜻한 우유를 마시고 휴대폰을 멀리 두세요.", "KTX로 약 2시간 반 걸려요.",
        "보통 1.5리터에서 2리터 정도 마셔요."]


def _dump(path: Path, obj) -> Path:
    path.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    return path


def make_item1(d: Path) -> None:
    from chatgpt.data import clean_records

    d.mkdir(parents=True)
    raw = [{"prompt": p, "completion": r, "tokens": 5} for p, r in zip(PROMPTS, REFS)]
    raw += [dict(raw[0]), {"prompt": "빈 답", "completion": "   ", "tokens": 0}]
    write_records(d / "raw.json", raw)
    shutil.copyfile(d / "raw.json", d.parent / "shipped_raw.json")
    kept, rep = clean_records(raw, "sft")
    write_records(d / "cleaned_sft.json", kept)
    strategies = {"greedy": REFS[:4] + ["잘 모르겠어요."] * 4, "beam": REFS[:6] + ["네."] * 2,
                  "topp": ["좋은 질문이에요."] * 8}
    gen = {"prompts": PROMPTS, "references": REFS,
           "strategies": {n: {"settings": {"name": n}, "responses": r} for n, r in strategies.items()}}
    _dump(d / "decoding.json", gen)
    ratings = {"greedy": [3, 3, 4, 2, 1], "beam": [5, 4, 4, 5, 4], "topp": [1, 2, 1, 1, 2]}
    _dump(d / "ratings.json", {"scale": [1, 5], "criteria": "정확성 2점, 자연스러움 2점, 기본 1점", "ratings": ratings})
    _dump(d / "evidence.json", {
        "item": 1, "version": 1,
        "cleaning": {"input_file": "raw.json", "source_file": str(d.parent / "shipped_raw.json"),
                     "output_file": "cleaned_sft.json", "input_records": len(raw),
                     "kept_records": len(kept), "removed": {k: v for k, v in rep.removed.items() if v}},
        "decoding": {"file": "decoding.json", "best": "beam",
                     "metrics": {n: {"bleu": bleu(r, REFS), "rouge_l": rouge_l(r, REFS)}
                                 for n, r in strategies.items()}},
        "subjective": {"file": "ratings.json", "means": {n: sum(r) / len(r) for n, r in ratings.items()},
                       "comparison": "BLEU 1위와 주관 평가 1위가 모두 beam으로 같았습니다. 순위는 일치합니다."}})


def make_item2(d: Path) -> None:
    d.mkdir(parents=True)
    human = read_records(DATA / "kochatgpt_2_RM.jsonl")[:30]
    labelled = [{**r, "ranking": list(reversed(r["ranking"])) if i % 3 == 0 else r["ranking"]}
                for i, r in enumerate(human)]
    write_records(d / "human.json", human)
    write_records(d / "ai.json", labelled)
    agreement, n = rubric.human_agreement(labelled, human)
    before = [{"chosen": 0.1 * i, "rejected": 0.2 * i} for i in range(10)]
    after = [{"chosen": 1.0, "rejected": 0.5 if i % 4 else 2.0} for i in range(10)]
    _dump(d / "before.json", {"pairs": before})
    _dump(d / "after.json", {"pairs": after})
    _dump(d / "evidence.json", {
        "item": 2, "version": 1, "labeler": {"kind": "rule", "description": "반복 감점, 존댓말 가점 규칙"},
        "rm_file": {"path": "ai.json", "records": len(labelled), "sha256": rubric.sha256(d / "ai.json")},
        "agreement": {"value": agreement, "pairs": n, "human_file": "human.json"},
        "hypothesis": "AI 라벨을 더하면 held-out 정확도가 오를 것이다.",
        "runs": {"before": {"train_files": ["human.json"], "scores": "before.json"},
                 "after": {"train_files": ["human.json", "ai.json"], "scores": "after.json"}},
        "metrics": {"before": {"eval_accuracy": rubric.pair_accuracy(before)},
                    "after": {"eval_accuracy": rubric.pair_accuracy(after)}},
        "conclusion": "정확도가 올라 가설이 지지되었습니다. 라벨 잡음보다 양의 이득이 컸습니다."})


def make_item3(d: Path) -> None:
    d.mkdir(parents=True)
    runs = {}
    for side, lr, loss, resp in (("before", 1e-4, 3.2, ["네."] * 8), ("after", 5e-4, 2.7, REFS[:5] + ["네."] * 3)):
        (d / side).mkdir()
        _dump(d / side / "history.json", {"eval_loss": [loss + 0.5, loss]})
        _dump(d / side / "generations.json", {"prompts": PROMPTS, "references": REFS, "responses": resp})
        metrics = {"eval_loss": loss, "bleu": bleu(resp, REFS), "rouge_l": rouge_l(resp, REFS)}
        _dump(d / side / "report.json", {"base_model": "/models/tiny", "adapter": None, "settings": {"lr": lr},
                                         "history_file": "history.json", "generations_file": "generations.json",
                                         "metrics": metrics, "some_new_key": [1, 2]})
        runs[side] = metrics
    _dump(d / "evidence.json", {"item": 3, "version": 1, "change": "학습률 1e-4 → 5e-4",
                                "hypothesis": "학습률을 올리면 eval loss가 내려갈 것이다.",
                                "runs": {"before": "before/report.json", "after": "after/report.json"},
                                "metrics": runs, "conclusion": "eval loss가 내려가 가설이 지지되었습니다."})


@pytest.fixture()
def submission(tmp_path) -> Path:
    root = tmp_path / "outputs"
    for n, make in ((1, make_item1), (2, make_item2), (3, make_item3)):
        make(root / "assignments" / f"item{n}")
    return root


def _check(report, item, cid):
    it = next(i for i in report["items"] if i["item"] == item)
    return next(c for c in it["checks"] if c["id"] == cid)


def test_complete_submission_passes(submission):
    report = rubric.check_path(submission)
    assert report["passed"], rubric.render_markdown(report)
    assert [i["item"] for i in report["items"]] == [1, 2, 3]
    assert _check(report, 2, "2e")["status"] == "PASS"            # after accuracy > before
    assert _check(report, 1, "1a")["evidence"]["kept_records"] < _check(report, 1, "1a")["evidence"]["input_records"]


def test_empty_folder_names_every_missing_item(tmp_path):
    report = rubric.check_path(tmp_path)
    assert not report["passed"]
    for it in report["items"]:
        assert not it["passed"]
        assert f"item{it['item']}" in it["checks"][0]["reason"]


@pytest.mark.parametrize("item,cid,tamper,needle", [
    (1, "1b", lambda d: _edit(d, lambda e: e["decoding"]["metrics"]["beam"].update(bleu=99.0)), "files give"),
    (1, "1b", lambda d: (d / "decoding.json").unlink(), "not found"),
    (1, "1a", lambda d: _edit(d, lambda e: e["cleaning"].update(kept_records=3)), "counts do not match"),
    (1, "1a", lambda d: (d / "raw.json").write_text((d / "raw.json").read_text() + " "), "differs from its source"),
    (1, "1c", lambda d: _edit(d, lambda e: e["subjective"]["means"].update(topp=4.5)), "mean rating"),
    (1, "1d", lambda d: _edit(d, lambda e: e["subjective"].update(comparison="TODO")), "not written"),
    (2, "2a", lambda d: (d / "ai.json").write_text((d / "ai.json").read_text() + " "), "sha256"),
    (2, "2c", lambda d: _edit(d, lambda e: e["metrics"]["after"].update(eval_accuracy=0.99)), "files give"),
    (2, "2c", lambda d: (d / "after.json").unlink(), "not found"),
    (2, "2b", lambda d: _edit(d, lambda e: e["agreement"].update(value=0.95)), "files give"),
    (3, "3b", lambda d: _edit(d, lambda e: e["metrics"]["after"].update(eval_loss=1.0)), "files give"),
    (3, "3a", lambda d: _json_edit(d / "after" / "report.json", lambda r: r["metrics"].update(rouge_l=0.9)),
     "files give"),
    (3, "3a", lambda d: (d / "after" / "generations.json").unlink(), "not found"),
])
def test_tampered_evidence_is_caught(submission, item, cid, tamper, needle):
    tamper(submission / "assignments" / f"item{item}")
    report = rubric.check_path(submission)
    c = _check(report, item, cid)
    assert c["status"] == "MISSING" and needle in c["reason"], c
    assert not report["passed"]
    others = [i for i in report["items"] if i["item"] != item]
    assert all(i["passed"] for i in others)


def _json_edit(path: Path, fn) -> None:
    obj = json.loads(path.read_text())
    fn(obj)
    _dump(path, obj)


def _edit(d: Path, fn) -> None:
    _json_edit(d / "evidence.json", fn)


def test_relabelling_that_copies_the_human_ranking_is_not_ai_feedback(submission):
    d = submission / "assignments" / "item2"
    shutil.copy(d / "human.json", d / "ai.json")
    _edit(d, lambda e: e.update(rm_file={**e["rm_file"], "sha256": rubric.sha256(d / "ai.json")},
                                agreement={**e["agreement"], "value": 1.0}))
    assert "nothing was relabelled" in _check(rubric.check_path(submission), 2, "2b")["reason"]


def test_invalid_rm_file_fails_the_validator(submission):
    d = submission / "assignments" / "item2"
    recs = read_records(d / "ai.json")
    recs[0]["ranking"] = [0, 0, 1]
    write_records(d / "ai.json", recs)
    _edit(d, lambda e: e["rm_file"].update(sha256=rubric.sha256(d / "ai.json")))
    c = _check(rubric.check_path(submission), 2, "2a")
    assert c["status"] == "MISSING" and "validator" in c["reason"] and "record 0" in c["reason"]


def test_no_improvement_is_a_note_not_a_failure(submission):
    d = submission / "assignments" / "item3"
    _json_edit(d / "before" / "history.json", lambda h: h.update(eval_loss=[2.0]))
    _json_edit(d / "before" / "report.json", lambda r: r["metrics"].update(eval_loss=2.0))
    _edit(d, lambda e: e["metrics"]["before"].update(eval_loss=2.0))
    report = rubric.check_path(submission)
    assert _check(report, 3, "3d")["status"] == "NOTE" and "did not drop" in _check(report, 3, "3d")["reason"]
    assert report["passed"]


@pytest.mark.parametrize("evidence", [[1, 2], {"item": 3, "runs": "oops", "metrics": "x"},
                                      {"item": 3, "runs": {"before": 5, "after": None}},
                                      {"item": 1, "cleaning": {"input_file": 3}, "decoding": [], "subjective": 1}])
def test_malformed_evidence_is_missing_not_a_crash(tmp_path, evidence):
    d = tmp_path / "assignments" / f"item{evidence['item'] if isinstance(evidence, dict) else 3}"
    d.mkdir(parents=True)
    _dump(d / "evidence.json", evidence)
    report = rubric.check_path(tmp_path)
    assert not report["passed"]
    assert all(c["status"] in ("MISSING", "NOTE") and c["reason"] for i in report["items"] for c in i["checks"])


def test_pipeline_report_alone_is_noted_with_reason(tmp_path):
    _dump(tmp_path / "report.json", {"profile": "tiny", "base_model": "x", "metrics": {"sft": {}}})
    report = rubric.check_path(tmp_path, [3])
    assert any("report.json" in n and "base model `x`" in n for n in report["notes"])
    (tmp_path / "report.json").write_text("[1, 2")                  # a broken report is a note, not a crash
    assert any("unreadable" in n for n in rubric.check_path(tmp_path, [3])["notes"])
    assert not report["passed"]


def test_run_report_without_generations_cannot_be_recomputed(submission):
    d = submission / "assignments" / "item3"
    _json_edit(d / "after" / "report.json", lambda r: r.pop("generations_file"))
    c = _check(rubric.check_path(submission), 3, "3a")
    assert c["status"] == "MISSING" and "cannot be recomputed" in c["reason"]


def _notebook(path: Path, item: int, outputs: list) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kochatgpt"] = {"item": item}
    cell = nbformat.v4.new_code_cell("finish(...)")
    cell.outputs = outputs
    nb.cells.append(cell)
    nbformat.write(nb, path)
    return path


def test_executed_notebook_points_to_its_evidence(submission, tmp_path):
    ev = submission / "assignments" / "item2" / "evidence.json"
    ok = _notebook(tmp_path / "ok.ipynb", 2, [nbformat.v4.new_output("stream", name="stdout",
                                                                        text=f"blah\n[evidence] item2: {ev}\n")])
    report = rubric.check_path(ok)
    assert report["passed"] and [i["item"] for i in report["items"]] == [2]
    not_run = _notebook(tmp_path / "not_run.ipynb", 1, [])
    assert "no outputs" in rubric.check_path(not_run)["items"][0]["checks"][0]["reason"]
    starter = _notebook(tmp_path / "starter.ipynb", 1, [nbformat.v4.new_output(
        "stream", name="stdout", text="⏭\n[missing] item1: cleaning, decoding\n")])
    reason = rubric.check_path(starter)["items"][0]["checks"][0]["reason"]
    assert "no `[evidence]` line" in reason and "item 1: cleaning, decoding" in reason
    err = _notebook(tmp_path / "err.ipynb", 2, [
        nbformat.v4.new_output("stream", name="stdout", text=f"[evidence] item2: {ev}\n"),
        nbformat.v4.new_output("error", ename="KeyError", evalue="'x'", traceback=[])])
    assert not rubric.check_path(err)["passed"]


def test_cli_exit_codes_and_outputs(submission, tmp_path, capsys):
    js, md = tmp_path / "r.json", tmp_path / "r.md"
    assert rubric.main(["check", str(submission), "--json", str(js), "--md", str(md)]) == 0
    assert json.loads(js.read_text())["passed"] and "PASS" in md.read_text()
    assert rubric.main(["check", str(tmp_path / "empty_dir_does_not_exist")]) == 2
    (tmp_path / "empty").mkdir()
    assert rubric.main(["check", str(tmp_path / "empty"), "--item", "1"]) == 1
    assert "MISSING" in capsys.readouterr().out


def test_label_step_uses_the_project_ranking_sense():
    rec = {"prompt": "p", "completion_0": "a", "completion_1": "b", "completion_2": "c", "ranking": [0, 1, 2]}
    (out,) = label_step([rec], lambda p, cs: [0.1, 0.9, 0.5])
    assert out["ranking"] == [2, 0, 1]              # ranking[i] = rank of completion_i, 0 = best → b > c > a
    assert label_step([rec], ...) is None


def test_finish_with_todo_writes_no_evidence(tmp_path, capsys):
    report = finish(1, tmp_path, {"cleaning": {"x": 1}, "decoding": None, "subjective": ...})
    assert not (tmp_path / "evidence.json").exists() and not report["passed"]
    out = capsys.readouterr().out
    assert "[missing] item1: decoding, subjective" in out and "Traceback" not in out
    assert is_todo(...) and is_todo(None) and not is_todo(0, "")


def test_starters_and_solutions_come_from_the_same_cells():
    folder = repo_root() / "assignments"
    for starter in sorted(folder.glob("item*.ipynb")):
        solution = folder / "solutions" / starter.name
        a, b = nbformat.read(starter, 4), nbformat.read(solution, 4)
        assert a.metadata["kochatgpt"]["item"] == b.metadata["kochatgpt"]["item"]
        assert len(a.cells) == len(b.cells)
        todo = [i for i, (x, y) in enumerate(zip(a.cells, b.cells)) if x.source != y.source]
        assert todo and all("TODO" in a.cells[i].source for i in todo)
        assert not any(c.get("outputs") for c in a.cells + b.cells if c.cell_type == "code")   # committed cleared


def test_sft_run_with_lora_writes_a_report_the_checker_recomputes(tmp_path, lm_dir):
    from chatgpt.assignment import sft_run
    from chatgpt.config import GenerationConfig, LoRAConfig, SFTConfig

    base = lm_dir
    recs = [{"prompt": p, "completion": r} for p, r in zip(PROMPTS, REFS)]
    ev = [{"prompt": p, "reference": r} for p, r in zip(PROMPTS[:3], REFS[:3])]
    cfg = SFTConfig(epochs=1.0, batch_size=4, max_length=48, lr=1e-3)
    lora = LoRAConfig(r=4, alpha=8, targets=("c_attn",))
    gen = GenerationConfig(do_sample=False, max_new_tokens=5)
    full = sft_run("before", str(base), cfg, None, recs[:6], recs[6:], ev, gen, tmp_path / "runs")
    rep = sft_run("after", str(base), cfg, lora, recs[:6], recs[6:], ev, gen, tmp_path / "runs")
    assert rep["adapter"]["r"] == 4 and 0 < rep["trainable_params"] < full["trainable_params"]
    checked = rubric.read_run_report(tmp_path / "runs", "after/report.json", "after")
    assert checked["metrics"]["eval_loss"] == pytest.approx(rep["metrics"]["eval_loss"])
    assert checked["n_prompts"] == 3


def test_train_rm_scores_gives_one_score_pair_per_held_out_pair(lm_dir):
    from chatgpt.assignment import train_rm_scores
    from chatgpt.config import RMConfig

    base = lm_dir
    recs = read_records(DATA / "kochatgpt_2_RM.jsonl")[:6]
    scores = train_rm_scores(base, recs[:4], recs[4:], RMConfig(epochs=1.0, batch_size=2, max_length=48))
    assert len(scores) == 3 * 2
    assert all(set(s) == {"chosen", "rejected"} for s in scores)
    assert 0.0 <= rubric.pair_accuracy(scores) <= 1.0
