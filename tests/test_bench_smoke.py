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
                                    "bench_gpu.py", "run_all.py", "bench_ppo_tokens.py", "issue16.py",
                                    "tiny_build_parts.py"])
def test_help(script):
    r = subprocess.run([sys.executable, str(BENCH / script), "--help"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "usage" in r.stdout


def test_gemm_shapes_cover_every_linear_layer_and_the_head():
    import _common as C
    from types import SimpleNamespace

    cfg = SimpleNamespace(n_embd=160, n_layer=3, n_head=4, vocab_size=8000)
    shapes = C.gpt2_gemm_shapes(cfg, tokens=100, head_tokens=70)
    assert len(shapes) == 4 * 3 + 1 and shapes[-1] == (70, 160, 8000)
    # the matmul FLOPs of the linear layers are 2·(12·L·d²)·tokens forward, ×3 with both backward GEMMs
    flops = sum(2 * m * k * n for m, k, n in shapes[:-1])
    assert flops == 2 * 12 * 3 * 160 ** 2 * 100
    assert C.gpt2_attention_shapes(cfg, batch=2, seq_len=10)[0] == (8, 10, 40, 10)
    seconds, f = C.time_gemms([(4, 8, 16)], repeats=1)
    assert seconds > 0 and f == 3 * 2 * 4 * 8 * 16


def test_ppo_tokens_phase_split():
    import bench_ppo_tokens as B

    its = B.split_iterations(0.0, [0.1, 1.1, 2.2], [0.5, 1.4, 2.6], [0.6, 1.6, 2.9], [1.0, 2.0, 3.5])
    assert len(its) == 2                                       # the first iteration is warm-up
    assert its[0] == pytest.approx({"generation": 0.3, "scoring": 0.2, "update": 0.4, "other": 0.1, "iteration": 1.0})


def test_issue16_markdown_renders_partial_results():
    import issue16

    assert issue16.render({}).startswith("_Rewritten")
    text = issue16.render({"course": {"seconds": 300.0, "notebooks": {"01_decoding.ipynb": 100.0},
                                      "machine": {"cpu_model": "X", "cpu_count": 2, "torch_threads": 2},
                                      "date": "2026-12-07", "loadavg_before": [0.1, 0.1, 0.1]}})
    assert "01_decoding.ipynb | 100.0" in text and "X, 2 cores, torch threads 2" in text and "✅ met" in text
