"""Evaluation: Korean-correct metrics, generation and reward scoring."""
from chatgpt.eval.generate import generate_and_score, generate_responses, score_responses
from chatgpt.eval.topic import PromptMatcher, TopicClassifier, relevance_baselines, relevance_metrics
from chatgpt.eval.metrics import (bleu, distinct_n, foreign_script_rate, korean_tokens, repetition_rate, rouge_l,
                                  text_metrics, win_rate)

__all__ = ["generate_responses", "score_responses", "bleu", "rouge_l", "distinct_n", "repetition_rate",
           "foreign_script_rate", "korean_tokens", "text_metrics", "win_rate",
           "TopicClassifier", "PromptMatcher", "relevance_metrics", "relevance_baselines"]
__all__ += ["generate_and_score"]
