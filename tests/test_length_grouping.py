"""Length-grouped training batches: every example once per pass, less padding, same on every DDP rank."""
import pytest
import torch

from chatgpt.config import SFTConfig
from chatgpt.dataset import LengthGroupedBatchSampler, SupervisedDataset, example_length
from chatgpt.trainer import NaiveStrategy, SFTTrainer
from tests.conftest import SFT_RECORDS, make_model


def padded_tokens(batches, lengths):
    return sum(len(b) * max(lengths[i] for i in b) for b in batches)


def test_each_pass_uses_every_example_once_and_reshuffles():
    lengths = [(7 * i) % 23 + 1 for i in range(103)]
    s = LengthGroupedBatchSampler(lengths, 8, torch.Generator().manual_seed(1), mega_batches=4)
    first, second = list(s), list(s)
    assert len(first) == len(s) == 13                                   # ⌈103 / 8⌉, like a shuffled DataLoader
    for batches in (first, second):
        assert sorted(i for b in batches for i in b) == list(range(103))
        assert sum(len(b) < 8 for b in batches) <= 1                    # at most one short batch
    assert first != second                                              # a new order every pass


def test_batches_hold_similar_lengths_and_less_padding_than_random():
    g = torch.Generator().manual_seed(0)
    lengths = torch.randint(5, 200, (800,), generator=g).tolist()
    grouped = list(LengthGroupedBatchSampler(lengths, 16, torch.Generator().manual_seed(0), mega_batches=50))
    random_batches = torch.randperm(800, generator=g).view(50, 16).tolist()
    real = sum(lengths)
    pad_grouped = 1 - real / padded_tokens(grouped, lengths)
    pad_random = 1 - real / padded_tokens(random_batches, lengths)
    # one megabatch = the whole set here: sorted, each batch spans ≈ 1/50 of the length range
    assert pad_grouped < 0.03 < 0.3 < pad_random
    # the batch order is shuffled, not longest-first
    maxima = [max(lengths[i] for i in b) for b in grouped]
    assert maxima != sorted(maxima, reverse=True) and maxima != sorted(maxima)


def test_within_a_megabatch_lengths_are_sorted():
    lengths = [3, 9, 1, 7, 5, 2, 8, 6, 4, 10, 11, 12]
    batches = list(LengthGroupedBatchSampler(lengths, 3, torch.Generator().manual_seed(5), mega_batches=4))
    # one megabatch of 12: the batches are exact thirds of the sorted lengths
    assert sorted(sorted(lengths[i] for i in b) for b in batches) == [[1, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11, 12]]


def test_drop_last_drops_only_the_short_batch():
    s = LengthGroupedBatchSampler(list(range(1, 20)), 4, torch.Generator().manual_seed(2), drop_last=True)
    batches = list(s)
    assert len(batches) == len(s) == 4 and all(len(b) == 4 for b in batches)


@pytest.mark.parametrize("n, world, drop_last", [(37, 2, False), (37, 3, False), (37, 3, True), (40, 4, False)])
def test_ranks_split_one_batch_list_into_equal_step_counts(n, world, drop_last):
    lengths = [(5 * i) % 17 + 1 for i in range(n)]
    per_rank = [list(LengthGroupedBatchSampler(lengths, 4, torch.Generator().manual_seed(9), mega_batches=3,
                                               drop_last=drop_last, num_replicas=world, rank=r))
                for r in range(world)]
    steps = {len(b) for b in per_rank}
    assert len(steps) == 1 and steps == {len(LengthGroupedBatchSampler(lengths, 4, num_replicas=world,
                                                                       drop_last=drop_last))}
    used = [i for b in per_rank for batch in b for i in batch]
    if drop_last:
        assert len(used) == len(set(used))                              # no example twice
    else:
        assert set(used) == set(range(n))                               # every example at least once (padded)
    # rank r takes batches r, r + W, …: no batch is shared by two ranks unless it is a pad repeat
    single = list(LengthGroupedBatchSampler(lengths, 4, torch.Generator().manual_seed(9), mega_batches=3,
                                            drop_last=drop_last))
    interleaved = [per_rank[k % world][k // world] for k in range(steps.pop() * world)]
    assert interleaved[: len(single)] == single


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="batch_size"):
        LengthGroupedBatchSampler([1, 2], 0)
    with pytest.raises(ValueError, match="rank"):
        LengthGroupedBatchSampler([1, 2], 1, num_replicas=2, rank=2)


def test_sft_trainer_groups_by_length_only_when_asked(tokenizer):
    ds = SupervisedDataset(SFT_RECORDS * 4, tokenizer, 64)
    lengths = [example_length(ds[i]) for i in range(len(ds))]
    for group, expect in ((True, LengthGroupedBatchSampler), (False, type(None))):
        tr = SFTTrainer(make_model(tokenizer), tokenizer, ds, None,
                        SFTConfig(epochs=1, batch_size=4, group_by_length=group), strategy=NaiveStrategy("cpu"))
        sampler = tr.train_loader.batch_sampler if group else None
        assert isinstance(sampler, expect)
        assert len(tr.train_loader) == -(-len(ds) // 4)
        if group:
            assert sampler.lengths.tolist() == lengths
