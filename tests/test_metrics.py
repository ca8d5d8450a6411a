"""Korean metrics: hand-checked values; ROUGE/BLEU must not drop Hangul."""
import math

import pytest

from chatgpt.eval.metrics import (bleu, distinct_n, foreign_script_rate, korean_tokens, repetition_rate, rouge_l,
                                  win_rate)


def test_korean_tokens_split_particles():
    toks = korean_tokens("서울은 수도입니다.")
    assert "서울" in toks and "은" in toks


def test_rouge_l_counts_hangul():
    assert rouge_l(["서울은 한국의 수도입니다."], ["서울은 한국의 수도입니다."]) == pytest.approx(1.0)
    # the stock rouge-score tokenizer would return 0 for any Hangul pair; ours shares 서울, 은, 의 …
    partial = rouge_l(["서울은 한국의 큰 도시예요."], ["서울은 한국의 수도입니다."])
    assert 0.3 < partial < 1.0
    assert rouge_l(["김치찌개"], ["우주 망원경"]) == 0.0


def test_rouge_score_default_tokenizer_drops_hangul():
    from rouge_score import rouge_scorer

    s = rouge_scorer.RougeScorer(["rougeL"]).score("서울은 수도", "서울은 수도")
    assert s["rougeL"].fmeasure == 0.0                  # why we pass a Kiwi tokenizer


def test_bleu_identical_and_disjoint():
    ref = ["오늘은 날씨가 맑고 따뜻해서 산책하기 좋은 날이에요."]
    assert bleu(ref, ref) == pytest.approx(100.0)
    assert bleu(["우주 망원경 관측"], ref) < 1.0


def test_distinct_n_hand_value():
    # tokens of "가 나 가 나": bigrams (가,나), (나,가), (가,나) → 2 unique / 3
    assert distinct_n(["가 나 가 나"], 2) == pytest.approx(2 / 3)


def test_repetition_rate():
    assert repetition_rate(["하나 둘 셋 넷 다섯 여섯"]) == 0.0
    looped = "좋아요 좋아요 좋아요 좋아요 좋아요 좋아요"
    assert repetition_rate([looped]) > 0.5
    assert repetition_rate([]) == 0.0


def test_foreign_script_rate_hand_value():
    # non-space chars: 한국어(3) + abc(3) + 漢字(2) + 1 2(2) = 10 → foreign 5
    assert foreign_script_rate(["한국어 abc 漢字 1 2"]) == pytest.approx(5 / 10)
    assert foreign_script_rate(["모두 한글입니다."]) == 0.0


def test_win_rate_counts_ties_half():
    assert win_rate([1, 2, 3], [0, 2, 5]) == pytest.approx((1 + 0.5 + 0) / 3)
    with pytest.raises(ValueError):
        win_rate([1], [1, 2])
