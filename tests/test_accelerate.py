"""``accelerate launch`` runs the whole pipeline on 2 CPU processes (torchrun + gloo), offline.

The command a GPU user runs, with 2 processes instead of 2 GPUs:
``accelerate launch --multi_gpu --num_processes 2 -m chatgpt pipeline --model … ``. Each stage trains
under :class:`~chatgpt.trainer.DDPStrategy` (chosen because ``WORLD_SIZE`` = 2); rank 0 alone writes
checkpoints and the report. The base is a tiny random KoGPT-2-shaped model, so its stage.json must
show eos = ``</s>`` (id 1).
"""
import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from chatgpt.random_bases import save_family


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.skipif(shutil.which("accelerate", path=str(Path(sys.executable).parent)) is None,
                    reason="accelerate is not installed (pip install -e '.[models]')")
def test_accelerate_launch_two_cpu_processes(tmp_path):
    base = save_family("kogpt2", tmp_path / "kogpt2-shaped")
    out = tmp_path / "out"
    accelerate = str(Path(sys.executable).parent / "accelerate")
    cmd = [accelerate, "launch", "--multi_gpu", "--num_processes", "2", "--num_machines", "1",
           "--mixed_precision", "no", "--dynamo_backend", "no", "--main_process_port", str(_free_port()),
           "-m", "chatgpt", "pipeline", "--profile", "tiny", "--model", str(base), "--output-dir", str(out),
           "--max-records", "20", "--sft-epochs", "1", "--rm-epochs", "1", "--ppo-iterations", "1",
           "--eval-prompts", "4", "--quiet"]
    env = {**os.environ, "OMP_NUM_THREADS": "1", "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false",
           "PYTHONPATH": str(Path(__file__).resolve().parent.parent), "CUDA_VISIBLE_DEVICES": ""}
    run = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    for stage in ("sft", "rm", "ppo"):
        info = json.loads((out / "checkpoints" / f"tiny-{stage}" / "stage.json").read_text())
        assert info["eos_token"] == "</s>" and info["eos_token_id"] == 1
    report = json.loads((out / "report.json").read_text())
    assert report["eval_prompts"] == 4 and report["base_model"] == str(base)
    assert run.stdout.count("PPO vs SFT") <= 1            # the report is printed once, by rank 0
