"""Judge win rates for the evaluation: length strata, length-controlled win rate, report section."""
import math

import pytest

from chatgpt.eval.judged import (judge_evaluation, judge_metrics, length_bin, length_controlled_win_rate,
                                 length_strata)
from chatgpt.feedback import ScoreJudge, judge_pairs
from chatgpt.feedback.pairwise import PairwiseResult


class LengthJudge(ScoreJudge):
    def scores(self, prompts, answers, references=None):
        return [float(len(a)) for a in answers]


def _result(final):
    return PairwiseResult(list(final), list(final), list(final))


def test_length_bins_and_strata():
    assert [length_bin(r) for r in (0.5, 0.8, 1.0, 1.25, 1.3)] == ["shorter", "similar", "similar", "similar",
                                                                   "longer"]
    x, y = ["aaaa", "a", "aa", "aaaaaaaa"], ["a", "aaaa", "aa", "aaaaaaaa"]
    st = length_strata(_result(["X", "Y", "tie", "unparsable"]), x, y)
    assert st["longer"] == {"n": 1, "win_rate": 1.0} and st["shorter"] == {"n": 1, "win_rate": 0.0}
    assert st["similar"] == {"n": 1, "win_rate": 0.5}                 # the unparsable item is not counted


def test_length_controlled_win_rate_removes_a_pure_length_preference():
    # the judge prefers the longer answer every time, and X is longer exactly half of the time
    x = ["a" * n for n in (10, 20, 30, 40, 5, 6, 7, 8)]
    y = ["a" * n for n in (5, 6, 7, 8, 10, 20, 30, 40)]
    res = judge_pairs(LengthJudge(), ["p"] * 8, x, y)
    assert res.win_rate() == 0.5
    lc = length_controlled_win_rate(res, x, y)
    assert lc == pytest.approx(0.5, abs=1e-6)
    # X always longer and always winning: raw 1.0; at equal length the fit extrapolates, but stays a probability
    x2, y2 = x[:4], y[:4]
    res2 = judge_pairs(LengthJudge(), ["p"] * 4, x2, y2)
    assert res2.win_rate() == 1.0 and 0.0 < length_controlled_win_rate(res2, x2, y2) < 1.0
    # a length-independent preference survives the control: X wins whether shorter or longer
    res3 = _result(["X"] * 6 + ["Y"] * 2)
    xs, ys = ["aa", "a", "aa", "a", "aa", "a", "aa", "a"], ["a", "aa", "a", "aa", "a", "aa", "a", "aa"]
    assert length_controlled_win_rate(res3, xs, ys) == pytest.approx(0.75, abs=0.02)
    assert length_controlled_win_rate(_result(["unparsable"] * 3), ["a"] * 3, ["b"] * 3) is None


def test_judge_evaluation_structure_and_metrics():
    prompts = ["p"] * 3
    refs = ["aaaa", "aaaa", "aaaa"]
    ev = judge_evaluation(prompts, refs, {"sft": ["a", "aa", "aaaaa"], "ppo": ["aaaaaa", "aaaaaa", "aaaaaa"]},
                          LengthJudge())
    assert ev["first_policy"] == "sft" and ev["position_swap_consistency"] == 1.0
    assert "vs_first" not in ev["policies"]["sft"]
    assert ev["policies"]["sft"]["vs_reference"]["win_rate"] == pytest.approx(1 / 3)
    assert ev["policies"]["ppo"]["vs_first"]["win_rate"] == 1.0
    m = judge_metrics(ev, "ppo")
    assert m["judge_win_vs_reference"] == 1.0 and m["judge_win_vs_first"] == 1.0
    assert set(judge_metrics(ev, "sft")) == {"judge_win_vs_reference", "judge_lc_win_vs_reference"}


def test_rule_judge_default_prefers_reference_answers_over_shuffled_ones():
    from chatgpt.data import load_eval

    ev = load_eval()
    prompts, refs = list(ev["prompt"])[:40], list(ev["reference"])[:40]
    wrong = refs[1:] + refs[:1]                                   # fluent answers to other questions
    out = judge_evaluation(prompts, refs, {"shuffled": wrong})
    assert out["judge"] == "rule" and out["policies"]["shuffled"]["vs_reference"]["win_rate"] < 0.3


def test_report_renders_the_judge_section():
    from chatgpt.report import judge_lines

    ev = judge_evaluation(["p"] * 2, ["aaa", "aaa"], {"sft": ["a", "aaaaa"], "ppo": ["aaaa", "aaaa"]}, LengthJudge())
    text = "\n".join(judge_lines(ev))
    assert "| ppo | sft |" in text and "| sft | reference |" in text and "consistency" in text
    assert judge_lines(None) == []
    assert not math.isnan(ev["policies"]["ppo"]["vs_reference"]["win_rate"])
