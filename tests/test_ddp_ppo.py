"""PPO under DDPStrategy (two CPU processes, gloo): the max_ratio stop is taken by every rank together.

Rank 0 trains with a huge actor learning rate and rank 1 with 0, so only rank 0's replica runs
away. Before the fix rank 0 raised alone while rank 1 went on into the gradient all-reduce of
its backward, which never completes (it hangs while rank 0's process lives; here it died with
"Connection closed by peer" once rank 0 exited). Now both ranks see the largest ratio over ranks
and stop at the same minibatch with TrainingDivergedError.
"""
import os
import time

import torch
import torch.multiprocessing as mp

from tests.conftest import free_port


def _worker(rank: int, world: int, port: int, out_dir: str) -> None:
    from tests.conftest import ddp_env

    ddp_env(rank, world, port)
    import copy

    from chatgpt.config import PPOConfig
    from chatgpt.dataset import PromptDataset
    from chatgpt.models import Actor, Critic, RewardModel
    from chatgpt.trainer import DDPStrategy, PPOTrainer, TrainingDivergedError
    from tests.conftest import SFT_RECORDS, make_model, make_tokenizer

    strategy = DDPStrategy(backend="gloo", seed=0)
    tok = make_tokenizer()
    actor = Actor(make_model(tok, seed=1))
    critic, rm = Critic(make_model(tok, seed=2)), RewardModel(make_model(tok, seed=3))
    cfg = PPOConfig(iterations=3, rollout_batch_size=2, train_batch_size=1, ppo_epochs=4, max_new_tokens=5,
                    actor_lr=5.0 if rank == 0 else 0.0, max_ratio=1.5, clip_eps=10.0)
    trainer = PPOTrainer(actor, critic, rm, Actor(copy.deepcopy(actor.model)), tok, cfg, strategy=strategy)
    result = {"raised": False}
    try:
        trainer.fit(PromptDataset([r["prompt"] for r in SFT_RECORDS], tok), progress=False)
    except TrainingDivergedError as e:
        result = {"raised": True, "message": str(e)}
    torch.save(result, os.path.join(out_dir, f"rank{rank}.pt"))
    strategy.dist.destroy_process_group()


def test_ppo_max_ratio_stop_does_not_hang_other_ranks(tmp_path):
    ctx = mp.start_processes(_worker, args=(2, free_port(), str(tmp_path)), nprocs=2, start_method="spawn",
                             join=False)
    deadline = time.monotonic() + 60
    while not ctx.join(timeout=1):
        if time.monotonic() > deadline:
            for p in ctx.processes:
                p.kill()
            raise AssertionError("a rank hung after another stopped on max_ratio")
    r0, r1 = (torch.load(tmp_path / f"rank{r}.pt") for r in (0, 1))
    assert r0["raised"] and r1["raised"], (r0, r1)
    assert "max_ratio" in r0["message"] and "max_ratio" in r1["message"]
