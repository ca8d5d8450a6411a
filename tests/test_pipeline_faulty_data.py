"""Issue 15's "done when": files shaped like the original KoChatGPT files (JSON arrays in ``.jsonl``,
no ``category``) *with faults* install through ``download_kochatgpt`` (from a local server), load with
a fault report, and the pipeline runs on them end to end (tiny profile, tiny limits; needs the tiny build)."""

import dataclasses
import functools
import http.server
import json
import math
import shutil
import threading
import unicodedata
from pathlib import Path

import pytest

from chatgpt.config import profile_config
from chatgpt.data import DataFormatError, DataWarning, download_kochatgpt, read_records
from chatgpt.data.loaders import EVAL_FILE, PPO_FILE, RM_FILE, SFT_FILE

DATA = Path(__file__).resolve().parents[1] / "data_kochatgpt"
N = 120   # clean records per file taken from the bundled data


def _strip_category(records):
    return [{k: v for k, v in r.items() if k != "category"} for r in records]


def faulty_originals() -> dict[str, list]:
    """Bundled records in the originals' shape, with the originals' kinds of faults planted early."""
    sft = _strip_category(read_records(DATA / SFT_FILE)[:N])
    sft[2:2] = [{"prompt": "", "completion": "빈 질문의 답", "tokens": 3},                     # empty prompt
                dict(sft[0]),                                                               # exact duplicate
                {**sft[1], "prompt": unicodedata.normalize("NFD", sft[1]["prompt"])},      # NFD copy (dup after NFC)
                {"prompt": "토큰 수가 문자열", "completion": "답입니다.", "tokens": "3"}]         # wrong type
    rm = _strip_category(read_records(DATA / RM_FILE)[:N])
    rm[1:1] = [{**rm[0], "prompt": "순위가 이상한 기록", "ranking": [0, 0, 1]},                  # not a permutation
               {**rm[2], "prompt": "같은 답 두 개", "completion_1": rm[2]["completion_0"]},     # identical completions
               {**rm[3], "prompt": "빈 답", "completion_2": ""},                               # empty completion
               dict(rm[0])]                                                                 # exact duplicate
    ppo = _strip_category(read_records(DATA / PPO_FILE)[:N])
    ppo[3:3] = [{"prompt": ""}, {"prompt": ""}, {"prompt": "   "}] + [dict(p) for p in ppo[:5]]   # 3 empty, 5 dups
    return {SFT_FILE: sft, RM_FILE: rm, PPO_FILE: ppo}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """Serve the faulty files on 127.0.0.1 and install them with download_kochatgpt; return (dir, output)."""
    root = tmp_path_factory.mktemp("srv")
    files = faulty_originals()
    for name, recs in files.items():
        (root / name).write_text(json.dumps(recs, ensure_ascii=False, indent=1), encoding="utf-8")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=root))
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    dest = tmp_path_factory.mktemp("data_orig")
    try:
        with pytest.warns(DataWarning) as warned:
            paths = download_kochatgpt(dest, base_url=f"http://127.0.0.1:{httpd.server_address[1]}/",
                                       expected_counts={n: len(r) for n, r in files.items()}, timeout=5)
    finally:
        httpd.shutdown()
        httpd.server_close()
    for name in files:                                                # installed as downloaded
        assert paths[name].read_bytes() == (root / name).read_bytes()
    assert len(warned) == 3
    shutil.copy(DATA / EVAL_FILE, dest / EVAL_FILE)                  # the originals have no evaluation file
    return dest, files


def test_faulty_files_install_with_their_fault_reports(installed):
    from chatgpt.data import file_fault_report

    dest, _ = installed
    assert file_fault_report(dest / SFT_FILE).counts() == {"wrong_type": 1, "empty": 1, "duplicate": 1,
                                                           "not_nfc": 1}
    assert file_fault_report(dest / RM_FILE).counts() == {"empty": 1, "bad_ranking": 1, "identical_completions": 1,
                                                          "duplicate": 1}
    assert file_fault_report(dest / PPO_FILE).counts() == {"empty": 3, "duplicate": 5}


def _tiny_cfg(data_dir, out, **over):
    cfg = profile_config("tiny", data_dir=str(data_dir), output_dir=str(out), eval_prompts=8, **over)
    return dataclasses.replace(
        cfg,
        sft=dataclasses.replace(cfg.sft, epochs=1.0, max_records=80),
        rm=dataclasses.replace(cfg.rm, epochs=1.0, max_records=40),
        ppo=dataclasses.replace(cfg.ppo, iterations=2, rollout_batch_size=8, train_batch_size=8, max_new_tokens=16,
                                max_prompts=16),
        generation=dataclasses.replace(cfg.generation, max_new_tokens=16),
    )


def test_pipeline_runs_end_to_end_on_the_faulty_files(installed, tmp_path, capsys):
    from chatgpt.pipeline import run_pipeline

    dest, files = installed
    report = run_pipeline(_tiny_cfg(dest, tmp_path), progress=False)
    out = capsys.readouterr().out
    # each faulty file was cleaned with a printed report, not rejected and not silently
    assert f"kept {len(files[PPO_FILE]) - 8}, removed 8 (empty 3, duplicate 5)" in out
    assert f"kept {len(files[RM_FILE]) - 4}, removed 4 (invalid 1, empty 1, identical 1, duplicate 1)" in out
    assert f"kept {len(files[SFT_FILE]) - 4}, removed 4 (invalid 1, empty 1, duplicate 2)" in out
    assert "has no 'category'" in out                                # topic judge falls back to the bundled file
    assert (tmp_path / "report.json").exists()
    for key in ("rm_eval_accuracy", "ppo_vs_sft_rm_win_rate", "ppo_kl_mean"):
        assert math.isfinite(report[key]), key
    assert report["eval_prompts"] == 8 and len(report["samples"]) == 8


def test_strict_data_stops_on_the_first_faulty_file(installed, tmp_path):
    from chatgpt.pipeline import stage_sft

    dest, _ = installed
    with pytest.raises(DataFormatError) as e:
        stage_sft(_tiny_cfg(dest, tmp_path, strict_data=True), progress=False)
    assert SFT_FILE in str(e.value) and "wrong_type" in str(e.value)
