"""Small helpers the course notebooks share: setup banner, seeding, pandas tables.

Notebooks stay thin: ``cfg = setup()`` picks the profile (``KOCHATGPT_PROFILE``, else
``kogpt2`` with CUDA, else ``tiny``), sets ``HF_HUB_OFFLINE=1`` for the tiny profile,
seeds everything and prints where checkpoints and outputs go — independent of the
notebook's working directory.
"""
from __future__ import annotations

import os


def setup(profile: str | None = None, seed: int = 42, **overrides):
    """Return the :class:`~chatgpt.config.PipelineConfig` of the profile and print a banner."""
    from chatgpt.config import default_device, default_profile, profile_config
    from chatgpt.checkpoints import output_dir
    from chatgpt.trainer import set_seed

    profile = profile or default_profile()
    if profile == "tiny":
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch

    set_seed(seed)
    cfg = profile_config(profile, **overrides)
    print(f"profile={cfg.profile} device={cfg.device or default_device()} torch={torch.__version__} "
          f"threads={torch.get_num_threads()}")
    print(f"outputs → {output_dir(cfg)}")
    return cfg


def table(rows, columns=None):
    """A pandas DataFrame from a list of dicts (shown nicely in Jupyter)."""
    import pandas as pd

    df = pd.DataFrame(rows)
    return df[columns] if columns else df
