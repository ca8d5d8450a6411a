"""RM-free relevance metrics: Naive Bayes by hand, prompt-match ranks and ties, baselines on the shipped data."""
import math

import pytest

from chatgpt.eval.topic import (PromptMatcher, TopicClassifier, content_words, relevance_baselines,
                                relevance_metrics, topic_classifier_from_sft)


def test_content_words_keep_nouns_and_verb_stems_drop_particles():
    words = content_words("불고기를 볶아요")
    assert "불고기/N" in words and any(w.startswith("볶/V") for w in words)
    assert not any(w.startswith("를") for w in words)
    assert content_words("   ") == []


def test_naive_bayes_log_scores_match_hand_computation(monkeypatch):
    # bypass Kiwi: a document is its whitespace-separated words
    monkeypatch.setattr("chatgpt.eval.topic.content_words", lambda t: t.split())
    clf = TopicClassifier(alpha=1.0).fit(["a a b", "b c"], ["x", "y"])
    # |V| = 3 (+1 unseen bucket) → denominators: x: 3 + 4 = 7, y: 2 + 4 = 6; priors ½ each
    s = clf.log_scores("a c")
    assert s["x"] == pytest.approx(math.log(0.5) + math.log(3 / 7) + math.log(1 / 7))
    assert s["y"] == pytest.approx(math.log(0.5) + math.log(1 / 6) + math.log(2 / 6))
    assert clf.predict(["a a", "c", "zzz"]) == ["x", "y", "y"]   # "zzz" unseen → priors tie → larger name wins
    assert clf.accuracy(["a", "c"], ["x", "y"]) == 1.0


def test_classifier_rejects_bad_input():
    with pytest.raises(ValueError, match="alpha"):
        TopicClassifier(alpha=0)
    with pytest.raises(ValueError, match="mismatch"):
        TopicClassifier().fit(["가"], [])


def test_prompt_match_ranks_and_ties_go_against_the_answer():
    prompts = ["김치찌개 끓이는 법 알려줘", "서울 지하철 노선 추천", "고양이 사료 고르는 방법"]
    m = PromptMatcher(prompts)
    good = ["김치찌개는 김치와 돼지고기를 끓여요", "지하철 2호선이 서울을 돌아요", "고양이 사료는 나이에 맞게 골라요"]
    assert m.ranks(good) == [0, 0, 0]
    shifted = good[1:] + good[:1]            # every answer belongs to another prompt
    assert all(r > 0 for r in m.ranks(shifted))
    assert m.ranks(["", "", ""]) == [2, 2, 2]   # no words: all similarities tie at 0 → worst rank
    with pytest.raises(ValueError, match="mismatch"):
        m.ranks(good[:2])


def test_relevance_on_shipped_eval_beats_chance_by_far():
    from chatgpt.data import load_eval

    ev = load_eval()
    prompts, refs, cats = list(ev["prompt"]), list(ev["reference"]), list(ev["category"])
    clf = topic_classifier_from_sft()
    m = PromptMatcher(prompts, extra_documents=refs)
    b = relevance_baselines(prompts, refs, cats, clf, m)
    assert b["classifier_accuracy_on_references"] > 0.6 > 0.2 > b["on_topic_chance"]
    assert b["prompt_match_at_1_references"] > 0.4 > 10 * b["prompt_match_at_1_chance"]
    # answers shuffled across prompts fall to near chance on both metrics
    import random

    order = list(range(len(refs)))
    random.Random(0).shuffle(order)
    shuffled = [refs[i] for i in order]
    r = relevance_metrics(prompts, shuffled, cats, clf, m)
    assert r["prompt_match_at_1"] < 0.1
    assert r["on_topic_rate"] < 0.5 * b["classifier_accuracy_on_references"]
    assert len(r["predicted_categories"]) == len(prompts)
