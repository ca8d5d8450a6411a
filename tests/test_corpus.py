"""Tests for the procedural Korean pretraining corpus (chatgpt/data/corpus.py and the modules it uses)."""
import hashlib
import os
import re
import unicodedata

import pytest

from chatgpt.data.corpus import P, corpus_stats, generate_corpus, josa, normalize, split_sentences

LATIN_OR_HANJA = re.compile("[A-Za-z\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]")


def _digest(docs):
    return hashlib.sha256("\n".join(docs).encode("utf-8")).hexdigest()


# sha256 of "\n".join(docs), recorded from the pre-move code at commit 1181083 (when the lexicon was still
# Python in corpus.py); the same values are in tools/corpus_hash.py. Moving or reformatting the lexicon must
# leave them unchanged; editing a word list or template changes them (then re-record both places).
SMALL_200K_SEED1 = "d3e78ce86ae23a2944a546b19b40fc16ed5cbe2ef03a0a48bb1367004bcdad93"
PLAIN_DEFAULT = "12c2c48431a2aea8484e3b2c3bfd4e9d3adb2f6cc2733984f524d13d7ab87f2b"      # generate_corpus()
TINY_DEFAULT = "aad6b3f30b0f32a1f4dfeb101f672c8c5ca0264605f7b2e942b540be160b4ce1"       # tiny.corpus_documents


@pytest.fixture(scope="module")
def default_corpus():
    return generate_corpus()


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


def test_small_corpus_is_bit_for_bit_unchanged():
    assert _digest(generate_corpus(target_bytes=200_000, seed=1)) == SMALL_200K_SEED1


def test_tiny_default_corpus_is_bit_for_bit_unchanged():
    """The tiny model's real pretraining text (3.3 MB, seed 0, SFT/PPO texts in, eval texts excluded; ~2 s).

    Also changes when the shipped SFT/PPO/eval files change: re-record with ``python tools/corpus_hash.py``."""
    from chatgpt.data.loaders import DATA_DIR_ENV
    from chatgpt.tiny import TinyConfig, corpus_documents

    if os.environ.get(DATA_DIR_ENV):
        pytest.skip(f"{DATA_DIR_ENV} points at other data files")
    assert _digest(corpus_documents(TinyConfig())) == TINY_DEFAULT


def test_default_corpus(default_corpus):
    docs = default_corpus
    assert _digest(docs) == PLAIN_DEFAULT
    stats = corpus_stats(docs)
    assert stats["bytes"] >= 3_000_000
    assert stats["hangul_share"] >= 0.7
    assert stats["unique_sentence_share"] >= 0.6
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
