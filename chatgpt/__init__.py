"""KoChatGPT: a small, readable RLHF package (SFT → reward model → PPO) for the Korean course.

Submodules are imported lazily so that ``import chatgpt`` stays cheap:

* :mod:`chatgpt.data` — the data files: read, validate, clean, pairs, splits, download;
* :mod:`chatgpt.tiny` — the offline tiny Korean GPT-2;
* :mod:`chatgpt.dataset`, :mod:`chatgpt.models`, :mod:`chatgpt.experience`,
  :mod:`chatgpt.trainer` — datasets, models/losses, PPO rollouts, trainers;
* :mod:`chatgpt.eval` — metrics and generation; :mod:`chatgpt.pipeline` — the end-to-end run, with
  :mod:`chatgpt.checkpoints`, :mod:`chatgpt.evaluation` and :mod:`chatgpt.report`.
"""
__version__ = "0.1.0"
