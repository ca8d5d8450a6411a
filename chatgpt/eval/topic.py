"""Independent (RM-free) relevance metrics: is an answer on the question's topic, and on *its* question?

The reward model is trained on the same data PPO optimises against, so its score can be
gamed (form, length, polite endings) without the answer saying anything relevant. The two
metrics here never look at the RM:

* **on-topic rate** — a multinomial Naive Bayes classifier (McCallum & Nigam, 1998) over Kiwi
  content morphemes, trained on the SFT file's *completions* and their ``category`` (12
  classes), predicts the category of each generated answer *from the answer alone*; the
  on-topic rate is the share of answers whose predicted category is the prompt's category.
  Its accuracy on the held-out *reference* answers (the ceiling a perfect policy would reach)
  and the chance level (share of the most frequent class) are reported with it.
* **prompt match@k** — TF-IDF (Spärck Jones, 1972) cosine between an answer and every
  evaluation prompt; an answer "matches" when its own prompt is among the k most similar.
  This is per question, not per topic: a cooking answer to the wrong cooking question does not
  count. Again the references give the ceiling; chance is k / number of prompts.

Both are bag-of-words measures: they say whether the right *words* are there, not whether the
answer is true or well-formed (the other metrics and a judge do that).
"""
from __future__ import annotations

import math
from collections import Counter
from typing import Sequence

from chatgpt.eval.metrics import _kiwi

# Kiwi tags that carry content: nouns, verbs, adjectives, roots, numbers, foreign words
CONTENT_TAGS = ("NNG", "NNP", "NR", "VV", "VA", "XR", "SL", "SH", "MAG")


def content_words(text: str) -> list[str]:
    """Content morphemes of ``text`` (form/tag-prefix), e.g. "불고기를 볶아요" → ["불고기/N", "볶/V"]."""
    return list(_content_cached(text.strip())) if text.strip() else []


def _content_cached(text: str, _cache: dict = {}) -> tuple[str, ...]:  # noqa: B006 - module-level memo
    if text not in _cache:
        if len(_cache) > 200_000:
            _cache.clear()
        _cache[text] = tuple(f"{t.form}/{t.tag[0]}" for t in _kiwi().tokenize(text) if t.tag.startswith(CONTENT_TAGS))
    return _cache[text]


class TopicClassifier:
    """Multinomial Naive Bayes over content morphemes with add-α smoothing.

    log P(c | d) ∝ log P(c) + Σ_w n(w, d) · log P(w | c),   P(w | c) = (n(w, c) + α) / (n(c) + α·|V|)
    """

    def __init__(self, alpha: float = 0.5):
        if alpha <= 0:
            raise ValueError(f"alpha must be > 0, got {alpha}")
        self.alpha = alpha
        self.classes: list[str] = []
        self.log_prior: dict[str, float] = {}
        self.log_lik: dict[str, dict[str, float]] = {}
        self.log_unseen: dict[str, float] = {}

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> "TopicClassifier":
        if len(texts) != len(labels):
            raise ValueError(f"length mismatch: {len(texts)} texts vs {len(labels)} labels")
        if not texts:
            raise ValueError("TopicClassifier.fit needs at least one text")
        counts: dict[str, Counter] = {}
        docs = Counter(labels)
        for text, label in zip(texts, labels):
            counts.setdefault(label, Counter()).update(content_words(text))
        vocab = set().union(*counts.values())
        self.classes = sorted(docs)
        n = len(texts)
        for c in self.classes:
            total = sum(counts[c].values()) + self.alpha * (len(vocab) + 1)   # +1: one bucket for unseen words
            self.log_prior[c] = math.log(docs[c] / n)
            self.log_lik[c] = {w: math.log((k + self.alpha) / total) for w, k in counts[c].items()}
            self.log_unseen[c] = math.log(self.alpha / total)
        self.vocab = vocab
        return self

    def log_scores(self, text: str) -> dict[str, float]:
        words = [w for w in content_words(text) if w in self.vocab]    # words never seen in training carry no evidence
        return {c: self.log_prior[c] + sum(self.log_lik[c].get(w, self.log_unseen[c]) for w in words)
                for c in self.classes}

    def predict(self, texts: Sequence[str]) -> list[str]:
        out = []
        for t in texts:
            s = self.log_scores(t)
            out.append(max(self.classes, key=lambda c: (s[c], c)))
        return out

    def accuracy(self, texts: Sequence[str], labels: Sequence[str]) -> float:
        pred = self.predict(texts)
        return sum(p == y for p, y in zip(pred, labels)) / max(1, len(labels))


def topic_classifier_from_sft(data_dir=None, alpha: float = 0.5) -> TopicClassifier:
    """Train the classifier on the SFT file's completions (records without ``category`` are skipped, counted)."""
    from chatgpt.data.loaders import SFT_FILE, load_records, resolve_data_file

    path = resolve_data_file(data_dir, SFT_FILE)
    records = load_records(path, "sft")
    rows = [(r["completion"], r["category"]) for r in records if r.get("category")]
    if not rows:
        # the original KoChatGPT files have no 'category': fall back to the bundled (labelled) SFT file,
        # which shares no item with the evaluation file
        from chatgpt.config import repo_root

        bundled = repo_root() / "data_kochatgpt" / SFT_FILE
        if not bundled.is_file() or bundled.resolve() == path.resolve():
            raise ValueError(f"{path}: no record has a 'category'; the topic metric needs labelled SFT completions")
        print(f"[topic] {path} has no 'category'; training the topic classifier on the bundled {bundled} instead")
        rows = [(r["completion"], r["category"]) for r in load_records(bundled, "sft") if r.get("category")]
    return TopicClassifier(alpha).fit([t for t, _ in rows], [c for _, c in rows])


class PromptMatcher:
    """TF-IDF cosine between answers and a fixed list of prompts (IDF over the prompts + references)."""

    def __init__(self, prompts: Sequence[str], extra_documents: Sequence[str] = ()):
        self.prompts = list(prompts)
        docs = [content_words(p) for p in self.prompts] + [content_words(d) for d in extra_documents]
        df = Counter(w for d in docs for w in set(d))
        n = len(docs)
        self.idf = {w: math.log((1 + n) / (1 + k)) + 1.0 for w, k in df.items()}   # smoothed idf (sklearn's)
        self.prompt_vectors = [self._vector(content_words(p)) for p in self.prompts]

    def _vector(self, words: list[str]) -> dict[str, float]:
        tf = Counter(w for w in words if w in self.idf)
        v = {w: k * self.idf[w] for w, k in tf.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        return {w: x / norm for w, x in v.items()}

    def similarities(self, answer: str) -> list[float]:
        a = self._vector(content_words(answer))
        return [sum(x * pv.get(w, 0.0) for w, x in a.items()) for pv in self.prompt_vectors]

    def ranks(self, answers: Sequence[str]) -> list[int]:
        """0-based rank of prompt i among all prompts for answer i (0 = its own prompt is the most similar).

        Ties are broken against the answer (a prompt as similar as the own one counts as ranked above it), so an
        empty or word-free answer gets the worst rank, not a lucky 0.
        """
        if len(answers) != len(self.prompts):
            raise ValueError(f"length mismatch: {len(answers)} answers vs {len(self.prompts)} prompts")
        out = []
        for i, ans in enumerate(answers):
            sims = self.similarities(ans)
            out.append(sum(1 for j, s in enumerate(sims) if j != i and s >= sims[i]))
        return out


def relevance_metrics(prompts: Sequence[str], answers: Sequence[str], categories: Sequence[str],
                      classifier: TopicClassifier, matcher: PromptMatcher, k: int = 5) -> dict:
    """On-topic rate and prompt match@1 / @k of ``answers`` (one per prompt)."""
    if not (len(prompts) == len(answers) == len(categories)):
        raise ValueError(f"length mismatch: {len(prompts)} prompts, {len(answers)} answers, "
                         f"{len(categories)} categories")
    pred = classifier.predict(answers)
    ranks = matcher.ranks(answers)
    n = max(1, len(answers))
    return {"on_topic_rate": sum(p == c for p, c in zip(pred, categories)) / n,
            "prompt_match_at_1": sum(r == 0 for r in ranks) / n,
            f"prompt_match_at_{k}": sum(r < k for r in ranks) / n,
            "predicted_categories": pred}


def relevance_baselines(prompts: Sequence[str], references: Sequence[str], categories: Sequence[str],
                        classifier: TopicClassifier, matcher: PromptMatcher, k: int = 5) -> dict:
    """What the metrics give the reference answers (the ceiling) and by chance (the floor)."""
    ref = relevance_metrics(prompts, references, categories, classifier, matcher, k)
    shares = Counter(categories)
    return {"classifier_accuracy_on_references": ref["on_topic_rate"],
            "on_topic_chance": max(shares.values()) / max(1, len(categories)),
            "prompt_match_at_1_references": ref["prompt_match_at_1"],
            f"prompt_match_at_{k}_references": ref[f"prompt_match_at_{k}"],
            "prompt_match_at_1_chance": 1 / max(1, len(prompts)),
            f"prompt_match_at_{k}_chance": min(1.0, k / max(1, len(prompts)))}
