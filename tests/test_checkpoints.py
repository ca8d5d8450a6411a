"""Stage fingerprints, ``ensure_checkpoint`` and the names ``chatgpt.pipeline`` re-exports (no model is trained)."""
import dataclasses

import pytest

from chatgpt.config import profile_config

# stage_fingerprint of the config of `fixed_cfg` as computed by chatgpt/pipeline.py at commit 1181083, before the
# checkpoint code moved to chatgpt/checkpoints.py (the old module loaded from `git show 1181083:chatgpt/pipeline.py`
# and run on these same files and overrides). Equal values mean a checkpoint written before the move is still
# reused after it. A change to a stage's config dataclass (a new field, a new default) changes them on purpose:
# old checkpoints are then retrained, and these values must be recomputed. Recomputed twice: PPOConfig and
# GRPOConfig gained `min_new_tokens` (#16), then SFTConfig and RMConfig gained `group_by_length` (default on: their
# batches change, so every stage downstream retrains); only the code that computes them is still 1181083's.
OLD_FINGERPRINTS = {
    "sft": "1056af03f579633a", "rm": "490a08c51c513300", "ppo": "0a9ca09ea90e229d",
    "dpo": "1c84a883a3c4348c", "grpo": "70d8b6e20d332a62",
}
# the same with rm_data = <data>/labels and base.dtype = "bfloat16" (the two optional branches)
OLD_FINGERPRINTS_RM_DATA_BF16 = {
    "sft": "13ed56a0744a55b0", "rm": "bc09e5c0c756319f", "ppo": "06a4ed80eb8c27bd",
    "dpo": "c8097ec59ba1cf8b", "grpo": "63626b7aa598a9ca",
}


@pytest.fixture
def fixed_cfg(tmp_path):
    """The tiny profile on a named base model and data files of fixed content (the fingerprint hashes bytes)."""
    data = tmp_path / "data"
    (data / "labels").mkdir(parents=True)
    for name, text in (("kochatgpt_1_SFT.jsonl", "sft"), ("kochatgpt_2_RM.jsonl", "rm"),
                       ("kochatgpt_3_PPO.jsonl", "ppo")):
        (data / name).write_text(text)
    (data / "labels" / "kochatgpt_2_RM.jsonl").write_text("ai labels")
    return profile_config("tiny", model_name="fixed/base", data_dir=str(data), output_dir=str(tmp_path / "out"))


def test_fingerprints_match_the_code_before_the_split(fixed_cfg):
    from chatgpt.checkpoints import PO_STAGES, STAGES, stage_fingerprint

    assert {s: stage_fingerprint(fixed_cfg, s) for s in STAGES + PO_STAGES} == OLD_FINGERPRINTS
    other = dataclasses.replace(fixed_cfg, rm_data=str(fixed_cfg.data_dir + "/labels"),
                                base=dataclasses.replace(fixed_cfg.base, dtype="bfloat16"))
    assert {s: stage_fingerprint(other, s) for s in STAGES + PO_STAGES} == OLD_FINGERPRINTS_RM_DATA_BF16


def test_ensure_checkpoint_builds_a_missing_stage_through_chatgpt_pipeline(fixed_cfg, monkeypatch, capsys):
    """The stage is looked up on chatgpt.pipeline when it is needed: a patched stage function is the one called."""
    from chatgpt import pipeline
    from chatgpt.checkpoints import checkpoint_dir, ensure_checkpoint, is_done, mark_done

    calls = []

    def fake_stage_sft(cfg, progress=True, reuse=False):
        path = checkpoint_dir(cfg, "sft")
        path.mkdir(parents=True)
        mark_done(cfg, "sft", path, {"stage": "sft"})
        calls.append(progress)

    monkeypatch.setattr(pipeline, "stage_sft", fake_stage_sft)
    assert not is_done(fixed_cfg, "sft")
    assert ensure_checkpoint(fixed_cfg, "sft", progress=False) == checkpoint_dir(fixed_cfg, "sft")
    assert calls == [False] and "not found" in capsys.readouterr().out
    assert is_done(fixed_cfg, "sft")
    assert pipeline.ensure_checkpoint(fixed_cfg, "sft") == checkpoint_dir(fixed_cfg, "sft")
    assert calls == [False]                                  # done: not built again
    with pytest.raises(ValueError, match="unknown stage 'sfx'"):
        ensure_checkpoint(fixed_cfg, "sfx")


def test_chatgpt_pipeline_still_offers_the_moved_names():
    """Notebooks, assignments and bench scripts import these from chatgpt.pipeline."""
    from chatgpt import checkpoints, evaluation, pipeline

    for module, names in ((checkpoints, ("STAGES", "PO_STAGES", "output_dir", "checkpoint_dir", "load_tokenizer",
                                         "stage_fingerprint", "is_done", "load_stage", "ensure_checkpoint")),
                          (evaluation, ("PANEL_PROMPTS", "evaluate_policies", "evaluate_panel"))):
        for name in names:
            assert getattr(pipeline, name) is getattr(module, name), name
            assert name in pipeline.__all__, name
    for name in ("stage_sft", "stage_rm", "stage_ppo", "stage_dpo", "stage_grpo", "run_pipeline", "base_model_path",
                 "rm_record_split", "rm_pair_split"):
        assert callable(getattr(pipeline, name)) and name in pipeline.__all__, name
