"""Tests for the procedural Korean pretraining corpus (chatgpt/data/corpus.py)."""
import hashlib
import re
import time
import unicodedata

import pytest

from chatgpt.data.corpus import P, corpus_stats, generate_corpus, josa, normalize, split_sentences

LATIN_OR_HANJA = re.compile("[A-Za-z\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]")


def _digest(docs):
    return hashlib.sha256("\n".join(docs).encode("utf-8")).hexdigest()


@pytest.fixture(scope="module")
def default_corpus():
    t0 = time.perf_counter()
    docs = generate_corpus()
    return docs, time.perf_counter() - t0


# -- particles and conjugation -------------------------------------------------
@pytest.mark.parametrize("word, particle, expected", [
    ("책", "을/를", "책을"), ("사과", "을/를", "사과를"),
    ("서울", "으로/로", "서울로"), ("부산", "으로/로", "부산으로"), ("물", "으로/로", "물로"),
    ("학교", "으로", "학교로"), ("책상", "이에요/예요", "책상이에요"), ("의자", "이에요", "의자예요"),
    ("선생님", "은/는", "선생님은"), ("친구", "은", "친구는"), ("밥", "이/가", "밥이"), ("우유", "가", "우유가"),
    ("빵", "과/와", "빵과"), ("커피", "와", "커피와"), ("지훈", "아/야", "지훈아"), ("민수", "아", "민수야"),
    ("'돼'", "은", "'돼'는"), ("3", "을", "3을"), ("2", "을", "2를"),
])
def test_josa(word, particle, expected):
    assert josa(word, particle) == expected


def test_conjugation():
    assert P("듣다").f("E", "yo") == "들어요"
    assert P("듣다").f("E", "sm") == "듣습니다"
    assert P("만들다").f("R", "yo") == "만드세요"
    assert P("만들다").f("E", "ra") == "만든다"
    assert P("돕다").f("P", "yo") == "도왔어요"
    assert P("마시다").f("E", "yo") == "마셔요"
    assert P("부르다").f("P", "ra") == "불렀다"
    assert P("쉽다").f("ㄴ") == "쉬운"
    assert P("맛있다").f("ㄴ") == "맛있는"
    assert P("좋다").f("E", "ra") == "좋다"
    assert P("되다").f("P", "sm") == "되었습니다"


# -- corpus properties ------------------------------------------------------------
def test_deterministic_small():
    a = generate_corpus(target_bytes=60_000, seed=3)
    b = generate_corpus(target_bytes=60_000, seed=3)
    assert _digest(a) == _digest(b)
    assert _digest(a) != _digest(generate_corpus(target_bytes=60_000, seed=4))


def test_size_reached_and_no_empty_docs():
    for target in (1_000, 80_000):
        docs = generate_corpus(target_bytes=target)
        assert len("\n".join(docs).encode("utf-8")) >= target
        assert all(d.strip() for d in docs)


def test_default_corpus(default_corpus):
    docs, seconds = default_corpus
    stats = corpus_stats(docs)
    assert stats["bytes"] >= 3_000_000
    assert stats["hangul_share"] >= 0.7
    assert stats["unique_sentence_share"] >= 0.6
    assert seconds < 20
    assert not any(LATIN_OR_HANJA.search(d) for d in docs)
    for d in docs[:2000]:
        for s in split_sentences(d):
            assert re.search(r"[.?!][\"']?$", s), s
        assert not re.search(r"[{}<>\[\]|]", d), d


def test_exclude_is_honoured():
    docs = generate_corpus(target_bytes=40_000, seed=1)
    sentence = next(s for d in docs for s in split_sentences(d) if len(s) > 25)
    assert any(sentence in normalize(d) for d in docs)
    # the exclude string is matched after NFC + whitespace normalisation
    messy = unicodedata.normalize("NFD", sentence.replace(" ", "  \n", 1))
    filtered = generate_corpus(target_bytes=40_000, seed=1, exclude=[messy])
    assert not any(sentence in normalize(d) for d in filtered)
    assert len("\n".join(filtered).encode("utf-8")) >= 40_000


def test_extra_texts_are_mixed_in_and_filtered():
    extras = ["질문: 오늘 점심 뭐 먹을까요? 대답: 따뜻한 국밥은 어떠세요?",
              "This has Latin letters.", "漢字가 섞인 문장입니다.", "   ", "금지된 문구가 들어 있어요."]
    docs = generate_corpus(extras, target_bytes=20_000, seed=2, exclude=["금지된 문구"])
    assert extras[0] in docs
    assert not any(x in docs for x in extras[1:])
    again = generate_corpus(extras, target_bytes=20_000, seed=2, exclude=["금지된 문구"])
    assert docs == again


def test_stats_keys():
    stats = corpus_stats(["첫 문장입니다. 둘째 문장입니다.", "첫 문장입니다."])
    assert set(stats) == {"documents", "bytes", "chars", "hangul_share", "unique_sentence_share"}
    assert stats["documents"] == 2
    assert stats["unique_sentence_share"] == pytest.approx(2 / 3, abs=1e-3)
