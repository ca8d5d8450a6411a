"""download_kochatgpt against a local HTTP server (never the internet)."""

import functools
import http.server
import json
import threading
import time

import pytest

from chatgpt.data import DataWarning, DownloadError, download_kochatgpt, read_records
from chatgpt.data.download import ORIGINAL_FILES, ORIGINAL_REPO_URL
from chatgpt.data.loaders import PPO_FILE, RM_FILE, SFT_FILE

FIXTURES = {
    SFT_FILE: [{"prompt": "질문", "completion": "답입니다.", "tokens": 5},
               {"prompt": "질문2", "completion": "답2", "tokens": 3}],
    RM_FILE: [{"prompt": "q", "completion_0": "a", "completion_1": "b", "completion_2": "c", "ranking": [1, 0, 2]}],
    PPO_FILE: [{"prompt": "p1"}, {"prompt": "p2"}, {"prompt": "p3"}],
}
COUNTS = {SFT_FILE: 2, RM_FILE: 1, PPO_FILE: 3}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def server(tmp_path):
    """Serve tmp_path/'srv' on 127.0.0.1 (random port); yield (dir, base_url)."""
    root = tmp_path / "srv"
    root.mkdir()
    for name, recs in FIXTURES.items():
        (root / name).write_text(json.dumps(recs, ensure_ascii=False), encoding="utf-8")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=root))
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield root, f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_success(server, tmp_path):
    _, url = server
    dest = tmp_path / "dest"
    paths = download_kochatgpt(dest, base_url=url, expected_counts=COUNTS, timeout=5)
    assert list(paths) == list(ORIGINAL_FILES) and all(p.parent == dest for p in paths.values())
    for name, recs in FIXTURES.items():
        assert read_records(paths[name]) == recs
    assert sorted(p.name for p in dest.iterdir()) == sorted(FIXTURES)  # no temporary files left


def test_wrong_count_installs_nothing(server, tmp_path):
    _, url = server
    dest = tmp_path / "dest"
    with pytest.raises(DownloadError, match=r"expected 12000 records, got 2"):
        download_kochatgpt(dest, base_url=url, timeout=5)  # default ORIGINAL_COUNTS
    assert not dest.exists() or list(dest.iterdir()) == []


def test_count_check_can_be_skipped(server, tmp_path):
    _, url = server
    assert len(download_kochatgpt(tmp_path / "d", base_url=url, expected_counts=None, timeout=5)) == 3


def test_faulty_file_installed_with_report_strict_refuses(server, tmp_path, capsys):
    root, url = server
    (root / RM_FILE).write_text(json.dumps([{**FIXTURES[RM_FILE][0], "ranking": [0, 0, 1]}]), encoding="utf-8")
    with pytest.raises(DownloadError, match=r"record 0: ranking \[0, 0, 1\] is not a permutation"):
        download_kochatgpt(tmp_path / "s", base_url=url, expected_counts=None, timeout=5, strict=True)
    assert not (tmp_path / "s").exists() or list((tmp_path / "s").iterdir()) == []   # nothing installed
    with pytest.warns(DataWarning, match="bad_ranking 1"):
        paths = download_kochatgpt(tmp_path / "d", base_url=url, expected_counts=None, timeout=5)
    assert (root / RM_FILE).read_bytes() == paths[RM_FILE].read_bytes()          # installed as downloaded
    assert "bad_ranking" in capsys.readouterr().out


def test_wrong_kind_rejected(server, tmp_path):
    root, url = server
    (root / PPO_FILE).write_text(json.dumps(FIXTURES[RM_FILE]), encoding="utf-8")
    with pytest.raises(DownloadError, match="not a valid ppo file"):
        download_kochatgpt(tmp_path / "d", base_url=url, expected_counts=None, timeout=5)


def test_http_404(server, tmp_path):
    root, url = server
    (root / PPO_FILE).unlink()
    with pytest.raises(DownloadError, match="HTTP 404"):
        download_kochatgpt(tmp_path / "d", base_url=url, expected_counts=None, timeout=5)


@pytest.mark.parametrize("base_url", ["http://127.0.0.1:9/", "http://no-such-host.invalid/"])
def test_offline_fails_fast_with_instructions(tmp_path, base_url):
    dest = tmp_path / "dest"
    start = time.monotonic()
    with pytest.raises(DownloadError) as e:
        download_kochatgpt(dest, base_url=base_url, timeout=1.0)
    assert time.monotonic() - start < 5
    msg = str(e.value)
    assert ORIGINAL_REPO_URL in msg and str(dest) in msg and f"KOCHATGPT_DATA_DIR={dest}" in msg


def test_existing_valid_files_are_kept(server, tmp_path):
    _, url = server
    dest = tmp_path / "dest"
    download_kochatgpt(dest, base_url=url, expected_counts=COUNTS, timeout=5)
    # now offline: nothing needs fetching, so no error
    paths = download_kochatgpt(dest, base_url="http://127.0.0.1:9/", expected_counts=COUNTS, timeout=1)
    assert set(paths) == set(FIXTURES)
    with pytest.raises(DownloadError):
        download_kochatgpt(dest, base_url="http://127.0.0.1:9/", expected_counts=COUNTS, timeout=1, force=True)


def test_cli_download_installs_faulty_files_or_refuses_with_strict(server, tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    root, url = server
    (root / PPO_FILE).write_text(json.dumps([{"prompt": "p"}, {"prompt": "p"}, {"prompt": ""}]), encoding="utf-8")
    repo = Path(__file__).resolve().parents[1]

    def cli(*args):
        return subprocess.run([sys.executable, "-m", "chatgpt.data", "download", *map(str, args)], cwd=repo,
                              capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(repo)})

    res = cli(tmp_path / "s", "--base-url", url, "--no-count-check", "--strict")
    assert res.returncode == 1 and "has faults (strict=True)" in res.stderr and "duplicate" in res.stderr
    assert not (tmp_path / "s" / PPO_FILE).exists()
    res = cli(tmp_path / "d", "--base-url", url, "--no-count-check")
    assert res.returncode == 0, res.stderr
    assert "empty" in res.stdout and "duplicate" in res.stdout and f"installed {tmp_path / 'd' / PPO_FILE}" in res.stdout
    assert read_records(tmp_path / "d" / PPO_FILE) == [{"prompt": "p"}, {"prompt": "p"}, {"prompt": ""}]


def test_original_shaped_ppo_file_installs_as_downloaded_and_loads_cleaned(server, tmp_path, capsys):
    """The issue's scenario: 12,000 prompts in a JSON array, 3 empty, 52 exact duplicates."""
    from chatgpt.data import load_prompts

    root, url = server
    prompts = [{"prompt": f"질문 {i}번: 서울에서 부산까지 얼마나 걸려요?"} for i in range(12000 - 55)]
    prompts[10:10] = [dict(prompts[i]) for i in range(52)] + [{"prompt": ""}] * 3
    (root / PPO_FILE).write_text(json.dumps(prompts, ensure_ascii=False, indent=1), encoding="utf-8")
    with pytest.warns(DataWarning, match=r"empty 3, duplicate 52"):
        paths = download_kochatgpt(tmp_path / "d", base_url=url, timeout=5,
                                   expected_counts={**COUNTS, PPO_FILE: 12000})
    assert paths[PPO_FILE].read_bytes() == (root / PPO_FILE).read_bytes()
    out = capsys.readouterr().out
    assert "empty                      3  records 62, 63, 64" in out
    assert len(load_prompts(paths[PPO_FILE])) == 11945
    assert "kept 11945, removed 55 (empty 3, duplicate 52)" in capsys.readouterr().out
