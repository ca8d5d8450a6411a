"""Ranking sense: ranking[i] is the rank of completion_i, 0 = best."""

import pytest

from chatgpt.data.pairs import (RANKING_SENSE, ranking_order, ranking_problem, ranking_to_pairs,
                                records_to_pairs)


def rm(ranking):
    return {"prompt": "P", "completion_0": "A", "completion_1": "B", "completion_2": "C", "ranking": ranking}


# (chosen, rejected) written by hand for every permutation; A/B/C = completion_0/1/2.
EXPECTED = {
    (0, 1, 2): [("A", "B"), ("A", "C"), ("B", "C")],
    (0, 2, 1): [("A", "C"), ("A", "B"), ("C", "B")],
    (1, 0, 2): [("B", "A"), ("B", "C"), ("A", "C")],
    (1, 2, 0): [("C", "A"), ("C", "B"), ("A", "B")],
    (2, 0, 1): [("B", "C"), ("B", "A"), ("C", "A")],
    (2, 1, 0): [("C", "B"), ("C", "A"), ("B", "A")],
}
EXPECTED_ORDER = {
    (0, 1, 2): [0, 1, 2], (0, 2, 1): [0, 2, 1], (1, 0, 2): [1, 0, 2],
    (1, 2, 0): [2, 0, 1], (2, 0, 1): [1, 2, 0], (2, 1, 0): [2, 1, 0],
}


def test_sense_constant_mentions_convention():
    assert "ranking[i]" in RANKING_SENSE and "0 = best" in RANKING_SENSE


@pytest.mark.parametrize("ranking", sorted(EXPECTED))
def test_all_permutations(ranking):
    pairs = ranking_to_pairs(rm(list(ranking)))
    assert [(p["chosen"], p["rejected"]) for p in pairs] == EXPECTED[ranking]
    assert all(p["prompt"] == "P" and set(p) == {"prompt", "chosen", "rejected"} for p in pairs)
    assert ranking_order(list(ranking)) == EXPECTED_ORDER[ranking]


def test_brief_example():
    # [2, 0, 1]: completion_1 best, then completion_2, then completion_0
    assert ranking_order([2, 0, 1]) == [1, 2, 0]


@pytest.mark.parametrize("bad", [[0, 0, 1], [1, 2, 3], [0, 1], [0, 1, 2, 3], [True, False, 2],
                                 [0.0, 1, 2], "012", None])
def test_invalid_rankings_rejected(bad):
    assert ranking_problem(bad) is not None
    with pytest.raises(ValueError):
        ranking_order(bad)
    with pytest.raises(ValueError):
        ranking_to_pairs(rm(bad))


def test_message_for_repeated_rank():
    assert ranking_problem([0, 0, 1]) == "ranking [0, 0, 1] is not a permutation of 0..2"


def test_records_to_pairs_concatenates():
    pairs = records_to_pairs([rm([0, 1, 2]), rm([2, 1, 0])])
    assert len(pairs) == 6
    assert (pairs[3]["chosen"], pairs[3]["rejected"]) == ("C", "B")
