"""Fast checks of the benchmark scripts' plumbing (no timing, no training)."""
from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))


def test_kv_line_round_trip():
    import _common as C

    d = {"ppo_speedup_vs_trl": 2.345678, "sft_steps": 40, "gpu_device": "cpu", "x": float("nan")}
    back = C.parse_kv(C.kv_line(d))
    assert back["sft_steps"] == 40 and back["gpu_device"] == "cpu"
    assert back["ppo_speedup_vs_trl"] == pytest.approx(2.346, rel=1e-3)
    assert math.isnan(back["x"])


def test_flops_per_token_counts_tied_head_once():
    import _common as C
    from types import SimpleNamespace

    cfg = SimpleNamespace(n_embd=768, n_layer=12, vocab_size=51200)
    n = 12 * (12 * 768 ** 2 + 13 * 768) + 51200 * 768 + 2 * 768      # ≈ 124M (GPT-2 small without wpe)
    assert C.gpt2_flops_per_token(cfg, 0) == 6 * n
    assert C.gpt2_flops_per_token(cfg, 512) - C.gpt2_flops_per_token(cfg, 0) == 12 * 12 * 768 * 512


def test_benchmarks_md_renders_without_results():
    import run_all

    text = run_all.render_auto({})
    assert "### PPO" in text and "### SFT" in text and "Targets" in text


@pytest.mark.parametrize("script", ["bench_sft.py", "bench_rm.py", "bench_ppo.py", "bench_course.py",
                                    "bench_gpu.py", "run_all.py"])
def test_help(script):
    r = subprocess.run([sys.executable, str(BENCH / script), "--help"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "usage" in r.stdout
