"""DDPStrategy with two CPU processes on gloo: gradients are averaged, replicas stay identical."""
import os

import pytest
import torch
import torch.multiprocessing as mp

from tests.conftest import free_port


def _worker(rank: int, world: int, port: int, out_dir: str) -> None:
    from tests.conftest import ddp_env

    ddp_env(rank, world, port)
    from chatgpt.config import SFTConfig
    from chatgpt.dataset import SupervisedDataset
    from chatgpt.trainer import DDPStrategy, SFTTrainer
    from tests.conftest import SFT_RECORDS, make_model, make_tokenizer

    strategy = DDPStrategy(backend="gloo", seed=0)
    tok = make_tokenizer()
    model = make_model(tok, seed=0)                     # same init on both ranks
    before = model.transformer.h[0].mlp.c_fc.weight.detach().clone()
    trainer = SFTTrainer(model, tok, SupervisedDataset(SFT_RECORDS, tok), None,
                         SFTConfig(epochs=2, batch_size=1, lr=1e-2, warmup_ratio=0.0), strategy=strategy)
    trainer.fit(progress=False)
    after = model.transformer.h[0].mlp.c_fc.weight.detach()
    torch.save({"changed": not torch.equal(before, after), "weight": after.clone(),
                "world": strategy.world_size, "mean": strategy.all_reduce_mean(float(rank))},
               os.path.join(out_dir, f"rank{rank}.pt"))
    strategy.dist.destroy_process_group()


def test_ddp_two_processes_gloo(tmp_path):
    mp.start_processes(_worker, args=(2, free_port(), str(tmp_path)), nprocs=2, start_method="spawn")
    r0, r1 = (torch.load(tmp_path / f"rank{r}.pt") for r in (0, 1))
    assert r0["world"] == r1["world"] == 2
    assert r0["changed"] and r1["changed"]
    # each rank saw different examples, yet gradients were all-reduced: the replicas are identical
    assert torch.allclose(r0["weight"], r1["weight"])
    assert r0["mean"] == r1["mean"] == 0.5
