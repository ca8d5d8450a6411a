"""Matplotlib figures of the three stages (written as PNG by the pipeline, shown inline in notebooks)."""
from __future__ import annotations

from pathlib import Path


def _plt():
    import matplotlib

    if matplotlib.get_backend().lower() not in ("module://matplotlib_inline.backend_inline", "inline"):
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _smooth(xs, k: int = 10):
    out, acc = [], []
    for x in xs:
        acc.append(x)
        acc = acc[-k:]
        out.append(sum(acc) / len(acc))
    return out


def _finish(fig, path):
    fig.tight_layout()
    if path is not None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, dpi=110)
    return fig


def plot_sft(history: dict, path=None):
    """Training loss (raw and smoothed) and eval loss over SFT steps."""
    plt = _plt()
    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.plot(history["step"], history["loss"], alpha=0.3, label="train loss")
    ax.plot(history["step"], _smooth(history["loss"]), label="train loss (smoothed)")
    if history.get("eval_step"):
        ax.plot(history["eval_step"], history["eval_loss"], "o-", label="eval loss")
    ax.set(xlabel="step", ylabel="cross-entropy (response tokens)", title="SFT")
    ax.legend()
    return _finish(fig, path)


def plot_rm(history: dict, path=None):
    """Pairwise accuracy (train, smoothed; eval) and margin over RM steps."""
    plt = _plt()
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(9, 3.5))
    a1.plot(history["step"], _smooth(history["accuracy"]), label="train accuracy (smoothed)")
    a2.plot(history["step"], _smooth(history["margin"]), label="train margin (smoothed)")
    if history.get("eval_step"):
        a1.plot(history["eval_step"], history["eval_accuracy"], "o-", label="eval accuracy")
        a2.plot(history["eval_step"], history["eval_margin"], "o-", label="eval margin")
    a1.set(xlabel="step", ylabel="accuracy", ylim=(0.4, 1.01), title="RM accuracy")
    a2.set(xlabel="step", ylabel="r_chosen − r_rejected", title="RM margin")
    a1.legend()
    a2.legend()
    return _finish(fig, path)


def plot_ppo(history: dict, path=None):
    """Reward, KL, clip fraction / entropy and response length over PPO iterations."""
    plt = _plt()
    it = history["iteration"]
    fig, axes = plt.subplots(2, 2, figsize=(10, 6))
    panels = [("reward", "mean RM score"), ("kl", "KL(π‖π_ref) per sequence"),
              ("clip_fraction", "clip fraction"), ("response_length", "response tokens")]
    for ax, (key, label) in zip(axes.flat, panels):
        ax.plot(it, history[key], alpha=0.35)
        ax.plot(it, _smooth(history[key], 5))
        ax.set(xlabel="iteration", title=label)
    if "entropy" in history:
        tw = axes[1, 0].twinx()
        tw.plot(it, history["entropy"], color="tab:green", alpha=0.6)
        tw.set_ylabel("entropy", color="tab:green")
    fig.suptitle("PPO")
    return _finish(fig, path)


def plot_score_hist(groups: dict, path=None, title: str = "RM scores"):
    """Overlaid histograms, e.g. ``{"SFT": scores, "PPO": scores}`` or chosen vs rejected."""
    plt = _plt()
    fig, ax = plt.subplots(figsize=(6, 3.5))
    for name, scores in groups.items():
        ax.hist(scores, bins=30, alpha=0.5, label=f"{name} (mean {sum(scores) / max(1, len(scores)):.2f})")
    ax.set(xlabel="reward", ylabel="count", title=title)
    ax.legend()
    return _finish(fig, path)
