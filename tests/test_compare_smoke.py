"""Smoke run of the dpo / grpo stages and the one-row-per-method report (tiny profile, few steps)."""
import dataclasses
import json

import pytest

from chatgpt.config import profile_config


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    from chatgpt.compare import compare_methods

    out = tmp_path_factory.mktemp("methods")
    cfg = profile_config("tiny", output_dir=str(out), eval_prompts=16)
    cfg = dataclasses.replace(
        cfg,
        sft=dataclasses.replace(cfg.sft, epochs=0.1),
        rm=dataclasses.replace(cfg.rm, epochs=0.2, max_records=160),
        ppo=dataclasses.replace(cfg.ppo, iterations=2, rollout_batch_size=8, train_batch_size=8, max_new_tokens=16),
        dpo=dataclasses.replace(cfg.dpo, epochs=0.5),
        grpo=dataclasses.replace(cfg.grpo, iterations=2, prompts_per_iteration=4, group_size=2, max_new_tokens=16),
    )
    return compare_methods(cfg, ("ppo", "dpo", "grpo"), progress=False), out, cfg


def test_one_row_per_method_with_kl_and_win_rate(report):
    r, out, _ = report
    for f in ("report.json", "report.md", "methods_reward_kl.png"):
        assert (out / f).exists(), f
    saved = json.loads((out / "report.json").read_text())
    assert list(saved["metrics"]) == ["sft", "ppo", "dpo", "grpo"]
    for name, m in saved["metrics"].items():
        for key in ("mean_reward", "win_vs_sft", "rm_win_vs_reference", "kl_to_sft", "on_topic_rate", "distinct_2"):
            assert key in m, (name, key)
    assert saved["metrics"]["sft"]["kl_to_sft"] == 0.0 and saved["metrics"]["sft"]["win_vs_sft"] == 0.5
    md = (out / "report.md").read_text()
    for name in ("sft", "ppo", "dpo", "grpo"):
        assert f"| {name} |" in md
    from chatgpt.pipeline import rm_record_split

    train, _ = rm_record_split(report[2])                                # DPO trains on the RM's training records
    t = saved["training"]["dpo"]
    assert 3 * len(train) - t["identical_pairs_skipped"] <= t["train_pairs"] <= 3 * len(train)
    assert t["records"] == 160


def test_dpo_grpo_checkpoints_and_fingerprints(report):
    from chatgpt.pipeline import checkpoint_dir, is_done, stage_dpo, stage_fingerprint

    _, _, cfg = report
    for stage in ("dpo", "grpo"):
        assert is_done(cfg, stage) and list(checkpoint_dir(cfg, stage).glob("*.safetensors"))
    other = dataclasses.replace(cfg, dpo=dataclasses.replace(cfg.dpo, beta=0.5))
    assert stage_fingerprint(other, "dpo") != stage_fingerprint(cfg, "dpo")
    assert stage_fingerprint(other, "grpo") == stage_fingerprint(cfg, "grpo")
    assert stage_dpo(cfg, progress=False, reuse=True)["reused"]
