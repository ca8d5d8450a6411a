"""Offline judges, pairwise judging with position swap, rankings and their agreement with gold rankings."""
import math

import pytest

from chatgpt.feedback import (Judge, RMJudge, RuleJudge, ScoreJudge, judge_pairs, rank_answers,
                              ranking_agreement)
from chatgpt.feedback.pairwise import combine


class LengthJudge(ScoreJudge):
    """Longer wins (a deliberately biased score judge with a known answer)."""

    def scores(self, prompts, answers, references=None):
        return [float(len(a)) for a in answers]


class FirstJudge(Judge):
    """Always prefers the answer shown first: pure position bias."""

    def compare(self, prompts, first, second, references=None):
        return ["A"] * len(prompts)


def test_score_judge_verdicts_and_tie_margin():
    j = LengthJudge(tie_margin=1.0)
    assert j.compare(["p"] * 3, ["aaaa", "a", "aa"], ["a", "aaaa", "a"]) == ["A", "B", "tie"]
    with pytest.raises(ValueError, match="mismatch"):
        j.compare(["p"], ["a", "b"], ["c"])
    with pytest.raises(ValueError, match="tie_margin"):
        LengthJudge(tie_margin=-1)


def test_combine_follows_mt_bench():
    assert combine("X", "X") == "X" and combine("Y", "Y") == "Y" and combine("tie", "tie") == "tie"
    assert combine("X", "Y") == "tie" and combine("X", "tie") == "tie"
    assert combine("X", "unparsable") == "unparsable"


def test_judge_pairs_win_rate_consistency_and_length_mask():
    res = judge_pairs(LengthJudge(), ["p"] * 4, ["aaa", "a", "aa", "aaaa"], ["a", "aaa", "aa", "a"])
    assert res.final == ["X", "Y", "tie", "X"]
    assert res.consistency == 1.0                                  # a score judge is symmetric by construction
    assert res.win_rate() == pytest.approx((2 + 0.5) / 4)
    assert res.win_rate([True, True, False, False]) == 0.5
    assert math.isnan(res.win_rate([False] * 4))
    s = res.summary()
    assert (s["wins"], s["losses"], s["ties"], s["unparsable"]) == (2, 1, 1, 0)
    biased = judge_pairs(FirstJudge(), ["p"] * 2, ["x", "y"], ["u", "v"])
    assert biased.consistency == 0.0 and biased.final == ["tie", "tie"]
    no_swap = judge_pairs(FirstJudge(), ["p"] * 2, ["x", "y"], ["u", "v"], swap=False)
    assert no_swap.win_rate() == 1.0                               # what position bias does without the swap


def test_rank_answers_from_pairwise_verdicts():
    r = rank_answers(LengthJudge(), ["p", "q"], [["aa", "aaaa", "a"], ["b", "b", "bbb"]])
    assert r[0].ranking == [1, 0, 2] and r[0].points == [1.0, 2.0, 0.0] and not r[0].tie_broken
    assert r[0].judged_pairs == 3 and r[0].consistent_pairs == 3
    assert r[1].ranking == [1, 2, 0] and r[1].tie_broken           # "b" = "b": tie broken by index
    with pytest.raises(ValueError, match="mismatch"):
        rank_answers(LengthJudge(), ["p"], [])


def test_ranking_agreement_by_hand():
    a = ranking_agreement([[0, 1, 2], [0, 2, 1]], [[0, 1, 2], [2, 1, 0]])
    # record 1: 3/3 pairs, exact, same best; record 2: pairs (0,1) disagree, (0,2) disagree, (1,2) agree → 1/3
    assert a["pairwise_agreement"] == pytest.approx(4 / 6)
    assert a["exact_match"] == 0.5 and a["best_match"] == 0.5
    assert a["chance_exact"] == pytest.approx(1 / 6) and a["chance_best"] == pytest.approx(1 / 3)


def test_rule_judge_penalises_loops_foreign_script_and_unfinished():
    j = RuleJudge()
    p = "김치찌개 맛있게 끓이는 법 알려줘"
    good = "김치찌개는 잘 익은 김치와 돼지고기를 먼저 볶은 뒤 물을 붓고 끓여요. 두부와 파를 넣으면 더 맛있습니다."
    loop = "김치, 돼지고기, 김치, 돼지고기, 김치, 돼지고기, 김치, 돼지고기를 넣어요."
    foreign = "김치찌개는 the 的是 kimchi 김치와 돼지고기를 볶은 뒤 물을 붓고 끓여요."
    cut = "김치찌개는 잘 익은 김치와 돼지고기를 먼저 볶은 뒤 물을 붓고"
    c = {k: j.components(p, v) for k, v in dict(good=good, loop=loop, foreign=foreign, cut=cut).items()}
    assert c["loop"]["repetition"] > c["good"]["repetition"]
    assert c["foreign"]["foreign"] > 0 == c["good"]["foreign"]
    assert c["cut"]["unfinished"] == 1.0 and c["good"]["unfinished"] == 0.0
    assert all(c["good"]["score"] > c[k]["score"] for k in ("loop", "foreign", "cut"))
    assert j.components(p, "")["score"] < c["loop"]["score"]
    # with a reference, relevance is the overlap with it: an off-topic fluent answer loses
    off = "서울은 한국의 수도이고 인구가 많은 도시입니다. 지하철과 버스가 잘 되어 있어요."
    assert j.compare([p], [good], [off], references=[good]) == ["A"]


def test_rule_judge_agrees_with_the_bundled_rankings_above_chance():
    from chatgpt.data.loaders import load_records

    recs = load_records(None, "rm")[-60:]                        # records the weights were not tuned on
    r = rank_answers(RuleJudge(), [x["prompt"] for x in recs], [[x[f"completion_{i}"] for i in range(3)] for x in recs])
    a = ranking_agreement([x.ranking for x in r], [x["ranking"] for x in recs])
    assert a["pairwise_agreement"] > 0.6 and a["best_match"] > a["chance_best"]


def test_rm_judge_ranks_by_reward(tokenizer, lm):
    import torch

    from chatgpt.models import RewardModel

    torch.manual_seed(0)
    rm = RewardModel(lm)
    j = RMJudge(rm, tokenizer)
    prompts, a, b = ["질문"] * 3, ["서울은 한국의 수도입니다.", "물은 끓어요.", "안녕"], ["고마워!", "물은 끓어요.", "공부"]
    s = j.scores(prompts + prompts, a + b)
    assert j.compare(prompts, a, b) == ["A" if x > y else "B" if y > x else "tie" for x, y in zip(s[:3], s[3:])]
    assert j.compare(prompts, a, b)[1] == "tie"                  # the same text scores the same
