"""Procedural Korean pretraining corpus for a tiny GPT-2 trained from scratch.

Why this exists: the course pretrains a 2-4 layer Korean GPT-2 before it is
fine-tuned on polite question/answer pairs.  A probe showed that a 400 KB corpus
is memorised within seconds while ~3 MB keeps improving, and that *variety*
(distinct sentences) matters more than raw size.  No freely redistributable
Korean corpus is bundled, so this module writes one: every lexicon entry,
template and fact below was written for this project (nothing is copied from a
dataset, website or package).

What it produces: about 3.3 MB of plain Korean paragraphs (2-7 sentences each,
every sentence finished with punctuation) in three registers -- 해요체, 합쇼체
and plain 해라체 -- covering the twelve fine-tuning topics (everyday chat,
shopping/customer service, general knowledge, history, science, cooking,
travel, health, technology, the Korean language, study/work advice, feelings),
plus diary entries, short stories, letters, reviews, weather forecasts, notices,
arithmetic word problems and short dialogues (반말 and 존댓말, and 질문:/대답:
exchanges).  Hundreds of sentence templates are filled from large
lexicons; particles follow the final consonant of the preceding word (see
:func:`josa`) and verbs/adjectives are conjugated by :class:`Pred`, with the
irregular stems stored explicitly.  Only ``random.Random(seed)`` is used, so the
output is byte-identical for the same arguments on every machine.

Template mini-language (rendered by :func:`render`):

* ``[a|b|c]``   pick one alternative at random (an alternative may be empty);
* ``<a|b|c>``   pick by register: 해요체 | 합쇼체 | 해라체 (a 4th entry = 반말);
* ``<좋다>`` / ``<좋다.P>``   a built-in predicate in the paragraph's register;
* ``{x}`` / ``{x:을}`` / ``{x:이다}``   a slot, optionally with a particle or
  the copula chosen by 받침 and register;
* ``{v.F}`` / ``{v.기:를}``   a predicate slot in form ``F`` (see ``Pred.f``).

A template beginning with ``@`` is only used in the polite registers.

Run ``python -m chatgpt.data.corpus`` to print the statistics of the default
corpus (about 3.3 MB, ~8,000 documents, roughly 63 % distinct sentences, ~2 s).
"""
from __future__ import annotations

import random
import re
import unicodedata
from typing import Iterable

# --------------------------------------------------------------------------
# Hangul arithmetic
# --------------------------------------------------------------------------
_BASE, _NSYL = 0xAC00, 11172
_J_N, _J_L, _J_B, _J_SS = 4, 8, 17, 20          # ㄴ ㄹ ㅂ ㅆ final consonants
_DIGIT_JONG = {"0": 21, "1": 8, "2": 0, "3": 16, "4": 0, "5": 0,
               "6": 1, "7": 8, "8": 8, "9": 0}   # 영 일 이 삼 사 오 육 칠 팔 구


def _code(ch: str) -> int | None:
    c = ord(ch) - _BASE
    return c if 0 <= c < _NSYL else None


def final_consonant(word: str) -> int:
    """Index (0-27) of the final consonant of the last syllable; 0 = none."""
    for ch in reversed(word):
        c = _code(ch)
        if c is not None:
            return c % 28
        if ch in _DIGIT_JONG:
            return _DIGIT_JONG[ch]
        if ch.isalnum():
            return 0
    return 0


def has_batchim(word: str) -> bool:
    return final_consonant(word) != 0


_PAIRS = {}
for _pair in ("은/는 이/가 을/를 과/와 으로/로 이나/나 아/야 이랑/랑 이에요/예요 이라고/라고 "
              "이라서/라서 이지만/지만 이면/면 이고/고 이며/며 이라는/라는 이라면/라면 이야/야 "
              "이다/다 이었다/였다 으로서/로서 으로써/로써 이든지/든지 이었어요/였어요 이었던/였던 "
              "이었고/였고 이잖아/잖아 이네요/네요 이죠/죠 이라도/라도 이래요/래요").split():
    _a, _b = _pair.split("/")
    _PAIRS[_a] = _PAIRS[_b] = (_a, _b)


def josa(word: str, particle: str) -> str:
    """Attach the particle that fits ``word``'s final consonant.

    ``particle`` is a pair like ``"을/를"`` or either member (``"를"``).
    The 으로 family takes 로 after ㄹ (서울로, 물로) as well as after a vowel.
    """
    if "/" in particle:
        first, second = particle.split("/")
    elif particle in _PAIRS:
        first, second = _PAIRS[particle]
    else:                      # invariant particle: 의, 에, 에게, 께, 도, 만 ...
        return word + particle
    jong = final_consonant(word)
    if first.startswith("으로"):
        use_first = jong not in (0, _J_L)
    else:
        use_first = jong != 0
    return word + (first if use_first else second)


def _with_jong(s: str, jong: int) -> str:
    c = _code(s[-1])
    return s[:-1] + chr(_BASE + c - c % 28 + jong)


def _vowel(ch: str) -> int:
    return (_code(ch) // 28) % 21


def _with_vowel(ch: str, vowel: int) -> str:
    c = _code(ch)
    return chr(_BASE + (c // 588) * 588 + vowel * 28 + c % 28)


_BRIGHT = (0, 2, 8)  # ㅏ ㅑ ㅗ


def _infinitive(stem: str) -> str:
    """Regular 아/어 form of a stem (irregular stems are given explicitly)."""
    head, sp, word = stem.rpartition(" ")
    if sp:
        return head + sp + _infinitive(word)
    last = stem[-1]
    if last == "하":
        return stem[:-1] + "해"
    c = _code(last)
    v, j = (c // 28) % 21, c % 28
    if j:
        return stem + ("아" if v in _BRIGHT else "어")
    if v in (0, 1, 4, 5, 6):                       # 가 보내 서 세 켜
        return stem
    if v == 8:                                     # 보 -> 봐
        return stem[:-1] + _with_vowel(last, 9)
    if v == 13:                                    # 주 -> 줘
        return stem[:-1] + _with_vowel(last, 14)
    if v == 20:                                    # 마시 -> 마셔
        return stem[:-1] + _with_vowel(last, 6)
    if v == 11:                                    # 되 -> 돼
        return stem[:-1] + _with_vowel(last, 10)
    if v == 18:                                    # ㅡ: 르-irregular or ㅡ drop
        if len(stem) >= 2:
            prev = stem[-2]
            bright = _vowel(prev) in _BRIGHT
            if last == "르":
                return stem[:-2] + _with_jong(prev, _J_L) + ("라" if bright else "러")
            return stem[:-1] + _with_vowel(last, 0 if bright else 4)
        return _with_vowel(last, 4)
    return stem + "어"


# Irregular stems: dictionary form of the last word -> (아/어 form, 으 stem).
_IRREGULAR = {
    "듣다": ("들어", "들으"), "걷다": ("걸어", "걸으"), "묻다": ("물어", "물으"),
    "깨닫다": ("깨달아", "깨달으"), "싣다": ("실어", "실으"),
    "돕다": ("도와", "도우"), "굽다": ("구워", "구우"), "눕다": ("누워", "누우"),
    "짓다": ("지어", "지으"), "낫다": ("나아", "나으"), "붓다": ("부어", "부으"),
    "젓다": ("저어", "저으"),
    "쉽다": ("쉬워", "쉬우"), "어렵다": ("어려워", "어려우"), "덥다": ("더워", "더우"),
    "춥다": ("추워", "추우"), "가볍다": ("가벼워", "가벼우"), "무겁다": ("무거워", "무거우"),
    "맵다": ("매워", "매우"), "고맙다": ("고마워", "고마우"), "반갑다": ("반가워", "반가우"),
    "아름답다": ("아름다워", "아름다우"), "귀엽다": ("귀여워", "귀여우"),
    "즐겁다": ("즐거워", "즐거우"), "외롭다": ("외로워", "외로우"),
    "부드럽다": ("부드러워", "부드러우"), "가깝다": ("가까워", "가까우"),
    "자연스럽다": ("자연스러워", "자연스러우"), "부담스럽다": ("부담스러워", "부담스러우"),
    "조심스럽다": ("조심스러워", "조심스러우"), "싱겁다": ("싱거워", "싱거우"),
    "새롭다": ("새로워", "새로우"), "시끄럽다": ("시끄러워", "시끄러우"),
    "번거롭다": ("번거로워", "번거로우"), "괴롭다": ("괴로워", "괴로우"),
    "고소하다": ("고소해", "고소하"),
    "그렇다": ("그래", "그러"), "이렇다": ("이래", "이러"), "어떻다": ("어때", "어떠"),
    "파랗다": ("파래", "파라"), "빨갛다": ("빨개", "빨가"), "노랗다": ("노래", "노라"),
    "하얗다": ("하얘", "하야"), "까맣다": ("까매", "까마"),
}

# Adjectives (descriptive verbs) among built-in predicates, by last word.
_ADJECTIVES = set("""좋다 괜찮다 많다 적다 같다 다르다 쉽다 어렵다 덥다 춥다 중요하다 필요하다
편하다 불편하다 안전하다 있다 없다 맛있다 맛없다 재미있다 재미없다 멀다 가깝다 크다 작다 길다
짧다 높다 낮다 싸다 비싸다 바쁘다 기쁘다 슬프다 아프다 예쁘다 고프다 피곤하다 행복하다
조용하다 깨끗하다 신선하다 따뜻하다 시원하다 든든하다 편안하다 속상하다 서운하다 답답하다
불안하다 우울하다 뿌듯하다 허전하다 막막하다 무기력하다 간단하다 유명하다 다양하다 소중하다
자연스럽다 부드럽다 맵다 달다 짜다 뻐근하다 수월하다 뛰어나다 후련하다 서툴다 든든하다 풍부하다 싶다 싱겁다 고소하다 가볍다 무겁다 아름답다 귀엽다 즐겁다
외롭다 고맙다 반갑다 새롭다 시끄럽다 번거롭다 괴롭다 부담스럽다 조심스럽다 그렇다 이렇다
어떻다 파랗다 빨갛다 노랗다 하얗다 까맣다 넓다 좁다 빠르다 느리다 밝다 어둡다 힘들다
충분하다 확실하다 분명하다 알맞다 적당하다 유용하다 효과적이다 비슷하다 특별하다 친절하다
익숙하다 낯설다 궁금하다 미안하다 죄송하다 감사하다 두렵다 무섭다 초조하다 걱정스럽다
쌀쌀하다 포근하다 선선하다 화창하다 흐리다 맑다 상쾌하다 개운하다 아쉽다 지루하다 안타깝다
훌륭하다 대단하다 똑똑하다 부지런하다 성실하다 꾸준하다 정확하다 적절하다 현명하다 알차다
""".split())
_ADJECTIVES |= {"두렵다", "무섭다", "어둡다", "아쉽다", "걱정스럽다", "감격스럽다"}
_IRREGULAR.update({"두렵다": ("두려워", "두려우"), "무섭다": ("무서워", "무서우"),
                   "어둡다": ("어두워", "어두우"), "아쉽다": ("아쉬워", "아쉬우"),
                   "걱정스럽다": ("걱정스러워", "걱정스러우"), "감격스럽다": ("감격스러워", "감격스러우")})

_STYLE_INDEX = {"yo": 0, "sm": 1, "ra": 2, "ban": 3}


class Pred:
    """A verb or adjective with every form the templates need.

    ``dic`` is the dictionary form and may be a phrase ("책을 읽다"); only its
    last word is conjugated.  ``a`` (아/어 form) and ``u`` (으 stem) default to
    the regular rule or to the ``_IRREGULAR`` table and may be given explicitly.
    """

    __slots__ = ("dic", "adj", "S", "A", "U", "lstem", "hon", "_cache")

    def __init__(self, dic: str, a: str | None = None, u: str | None = None,
                 adj: bool | None = None):
        assert dic.endswith("다"), dic
        self.dic = dic
        head, _, last = dic.rpartition(" ")
        head = head + " " if head else ""
        self.S = dic[:-1]
        irr = _IRREGULAR.get(last)
        if a is None:
            a = head + irr[0] if irr else _infinitive(self.S)
        if u is None:
            if irr:
                u = head + irr[1]
            else:
                u = self.S if final_consonant(self.S) in (0, _J_L) else self.S + "으"
        self.A, self.U = a, u
        self.adj = (last in _ADJECTIVES) if adj is None else adj
        self.lstem = final_consonant(self.S) == _J_L and not irr
        # honorific stem: ㄹ drops before ㅅ/ㄴ (만들다 -> 만드세요)
        self.hon = _with_jong(self.S, 0) if self.lstem else self.U
        self._cache = {}

    # -- building blocks -------------------------------------------------
    def _nj(self, jong: int) -> str:
        """Stem + ㄴ/ㄹ/ㅂ (with 으 or ㄹ-deletion as needed)."""
        if self.lstem:
            return _with_jong(self.S, jong)
        return _with_jong(self.U, jong)

    def _past(self) -> str:
        return _with_jong(self.A, _J_SS)

    def _hamnida(self) -> str:
        if self.lstem or final_consonant(self.S) == 0:
            return _with_jong(self.S, _J_B) + "니다"
        return self.S + "습니다"

    def _plain(self) -> str:
        if self.adj:
            return self.dic
        if self.lstem or final_consonant(self.S) == 0:
            return _with_jong(self.S, _J_N) + "다"
        return self.S + "는다"

    def _mod_present(self) -> str:
        if self.adj and not self.S.endswith(("있", "없")):
            return self._nj(_J_N)
        if self.lstem:
            return _with_jong(self.S, 0) + "는"
        return self.S + "는"

    def _mod_past(self) -> str:
        if self.S.endswith(("있", "없")):
            return self.S + "는" if self.adj else self._past() + "던"
        return self._nj(_J_N)

    # -- public ------------------------------------------------------------
    def f(self, form: str = "E", style: str = "yo") -> str:
        key = (form, style)
        hit = self._cache.get(key)
        if hit is None:
            hit = self._cache[key] = self._form(form, style)
        return hit

    def _form(self, form: str, style: str) -> str:
        i = _STYLE_INDEX[style]
        A, S, U = self.A, self.S, self.U
        lu = S if self.lstem else U            # stem before 면/려고/러/며
        if form == "E":
            return (A + "요", self._hamnida(), self._plain(), A)[i]
        if form == "P":
            p = self._past()
            if i in (1, 2) and A.endswith("돼"):      # 되었습니다 / 되었다 in writing
                p = S + "었"
            return (p + "어요", p + "습니다", p + "다", p + "어")[i]
        if form == "R":
            return (self.hon + "세요", self.hon + "십시오", S + "자", A)[i]
        if form == "T":
            return (A + " 보세요", A + " 보십시오", A + " 보자", A + " 봐")[i]
        if form == "W":
            fut = self._nj(_J_L)
            return (fut + " 거예요", fut + " 것입니다", fut + " 것이다", fut + " 거야")[i]
        if form == "C":
            fut = self._nj(_J_L)
            return fut + (" 수 있어요", " 수 있습니다", " 수 있다", " 수 있어")[i]
        simple = {
            "다": self.dic, "고": S + "고", "지": S + "지", "기": S + "기", "게": S + "게",
            "지만": S + "지만", "자": S + "자", "도록": S + "도록", "거나": S + "거나",
            "는": self._mod_present(), "ㄴ": self._mod_past(), "ㄹ": self._nj(_J_L),
            "면": lu + "면", "려고": lu + "려고", "러": lu + "러", "며": lu + "며",
            "니까": self.hon + "니까", "세요": self.hon + "세요", "시": self.hon + "시",
            "어": A, "요": A + "요", "서": A + "서", "도": A + "도", "야": A + "야",
            "었": self._past(), "었던": self._past() + "던", "던": S + "던",
            "ㄹ까요": self._nj(_J_L) + "까요", "ㄹ게요": self._nj(_J_L) + "게요",
            "다가": S + "다가", "다보면": S + "다 보면", "었을지": self._past() + "을지",
            "기도": S + "기도", "기로": S + "기로", "어도": A + "도",
            "ㅂ니다": self._hamnida(), "는다": self._plain(), "었다": self._past() + "다",
            "었어요": self._past() + "어요", "었어": self._past() + "어",
            "는데": (self._mod_present() + "데") if not self.adj or self.S.endswith(("있", "없"))
            else self._nj(_J_N) + "데",
        }
        if form in simple:
            return simple[form]
        raise KeyError(form)

    def __repr__(self) -> str:  # pragma: no cover
        return f"Pred({self.dic!r})"


_PRED_CACHE: dict[str, Pred] = {}


def P(spec: str, adj: bool | None = None) -> Pred:
    """Build a Pred from ``"읽다"`` or ``"듣다/들어/들으"`` (explicit forms)."""
    key = spec + ("" if adj is None else str(adj))
    p = _PRED_CACHE.get(key)
    if p is None:
        parts = spec.split("/")
        p = Pred(parts[0], parts[1] if len(parts) > 1 else None,
                 parts[2] if len(parts) > 2 else None, adj)
        _PRED_CACHE[key] = p
    return p


def Ps(*specs: str, adj: bool | None = None) -> list[Pred]:
    return [P(s, adj) for s in specs]


# --------------------------------------------------------------------------
# Template rendering
# --------------------------------------------------------------------------
_CHOICE_RE = re.compile(r"\[([^\[\]]*)\]")
_STYLE_RE = re.compile(r"<([^<>]*)>")
_SLOT_RE = re.compile(r"\{(\w+)(?:\.([^:}]+))?(?::([^}]+))?\}")
_SPACES = re.compile(r"\s+")
_REPEAT_RE = re.compile(r"(?<!\S)(\S+) \1(?!\S)")     # "매일 매일" -> "매일"


def _split_top(s: str) -> list[str]:
    out, depth, cur = [], 0, []
    for ch in s:
        if ch in "<{":
            depth += 1
        elif ch in ">}":
            depth -= 1
        if ch == "|" and depth == 0:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    out.append("".join(cur))
    return out


def _copula(word: str, kind: str, style: str) -> str:
    i = _STYLE_INDEX[style]
    if kind == "이다":
        return (josa(word, "이에요"), word + "입니다", josa(word, "이다"), josa(word, "이야"))[i]
    if kind == "이었다":
        stem = josa(word, "이었다")[:-1]
        return (stem + "어요", stem + "습니다", stem + "다", stem + "어")[i]
    raise KeyError(kind)


def render(tpl: str, slots: dict, style: str, rng: random.Random) -> str:
    """Expand one template (see the module docstring for the syntax)."""
    if tpl.startswith("@"):
        tpl = tpl[1:]
    while "[" in tpl:
        tpl = _CHOICE_RE.sub(lambda m: rng.choice(_split_top(m.group(1))), tpl)

    def style_sub(m: re.Match) -> str:
        body = m.group(1)
        if "|" in body:
            opts = body.split("|")
            return opts[min(_STYLE_INDEX[style], len(opts) - 1)]
        if body in ("이다", "이었다"):      # copula after the text just before
            return _copula(m.string[:m.start()], body, style)[m.start():]
        name, _, form = body.partition(".")
        return P(name).f(form or "E", style)

    def slot_sub(m: re.Match) -> str:
        name, form, part = m.groups()
        val = slots[name]
        if isinstance(val, Pred):
            val = val.f(form or "E", style)
        elif form:
            raise ValueError(f"form on non-predicate slot {name}")
        if part:
            if part in ("이다", "이었다"):
                return _copula(val, part, style)
            return josa(val, part)
        return val

    tpl = _SLOT_RE.sub(slot_sub, tpl)
    tpl = _STYLE_RE.sub(style_sub, tpl)
    tpl = _REPEAT_RE.sub(r"\1", tpl)
    return _SPACES.sub(" ", tpl).strip()


def _needs(tpl: str) -> frozenset:
    return frozenset(m.group(1) for m in _SLOT_RE.finditer(tpl))


_NEEDS_CACHE: dict[str, frozenset] = {}


def usable(pool: list[str], slots: dict, style: str) -> list[str]:
    out = []
    for t in pool:
        n = _NEEDS_CACHE.get(t)
        if n is None:
            n = _NEEDS_CACHE[t] = _needs(t)
        if style == "ra" and t.startswith("@"):
            continue
        if n <= slots.keys():
            out.append(t)
    return out


def _build(rng: random.Random, style: str, slots: dict, *sections) -> list[str]:
    """Render sections ``(pool, lo, hi[, ordered])`` into a list of sentences."""
    out: list[str] = []
    for sec in sections:
        pool, lo, hi = sec[:3]
        ordered = len(sec) > 3 and sec[3]
        cands = usable(pool, slots, style)
        k = min(len(cands), rng.randint(lo, hi))
        if k <= 0:
            continue
        if ordered:
            chosen = [cands[i] for i in sorted(rng.sample(range(len(cands)), k))]
        else:
            chosen = rng.sample(cands, k)
        out.extend(render(t, slots, style, rng) for t in chosen)
    return out


def _style(rng: random.Random, w=(55, 30, 15)) -> str:
    return rng.choices(("yo", "sm", "ra"), weights=w)[0]


def _words(s: str) -> list[str]:
    return [w.strip() for w in s.split(",") if w.strip()]


# --------------------------------------------------------------------------
# Lexicons
# --------------------------------------------------------------------------
NAMES = _words("""민수, 지영, 서연, 준호, 하은, 도윤, 수빈, 예린, 현우, 지훈, 은지, 태민, 소연, 재민,
유나, 승현, 다은, 성민, 혜진, 동현, 가영, 민준, 서윤, 시우, 지아, 하준, 채원, 건우, 나연, 우진,
수아, 정우, 윤서, 민재, 예준, 지민, 영호, 정희, 보람, 한결, 슬기, 나래, 은비, 진수, 상우, 미래,
주원, 세영, 다솜, 은호, 가람, 하늘, 솔이, 이든, 로운, 아름, 경민, 종현, 소희, 태양""")
PEERS = _words("""친구, 동생, 룸메이트, 직장 동료, 같은 반 친구, 동네 친구, 대학 동기, 사촌 동생, 후배,
단짝 친구, 회사 동기, 옆자리 동료, 동아리 친구, 고향 친구, 이웃""")
ELDERS = _words("어머니, 아버지, 할머니, 할아버지, 외할머니, 외할아버지, 이모, 삼촌, 고모, 큰아버지, 선생님")

_ACT_SPECS = [
    ("산책하다", "공원, 강변, 동네, 호숫가, 뒷산"), ("자전거를 타다", "강변, 공원, 자전거 도로"),
    ("책을 읽다", "도서관, 카페, 거실, 서점"), ("공부하다", "도서관, 카페, 독서실, 스터디 카페"),
    ("장을 보다", "시장, 마트, 동네 시장"), ("수영하다", "수영장, 실내 수영장"),
    ("요가를 하다", "요가원, 거실, 공원"), ("영화를 보다", "영화관, 거실"),
    ("커피를 마시다", "카페, 회사 휴게실"), ("그림을 그리다", "화실, 공원, 방"),
    ("사진을 찍다", "공원, 바닷가, 전시회장, 골목"), ("노래를 부르다", "노래방"),
    ("운동하다", "체육관, 헬스장, 운동장, 공원"), ("요리하다", "부엌"),
    ("낮잠을 자다", "거실, 방"), ("음악을 듣다", "방, 버스 안, 지하철 안, 카페"),
    ("일기를 쓰다", "방, 책상 앞"), ("친구를 만나다", "카페, 시내, 광장, 역 앞"),
    ("등산하다", "산, 뒷산, 북한산, 관악산"), ("전시회를 구경하다", "미술관, 전시회장"),
    ("배드민턴을 치다", "공원, 체육관"), ("캠핑하다", "캠핑장, 계곡"),
    ("화분에 물을 주다", "베란다, 마당"), ("뜨개질을 하다", "거실, 카페"),
    ("피아노를 치다", "연습실, 거실"), ("기타를 배우다", "학원, 문화 센터"),
    ("외국어를 공부하다", "도서관, 학원, 카페"), ("달리기를 하다", "운동장, 강변, 공원"),
    ("줄넘기를 하다", "운동장, 놀이터"), ("탁구를 치다", "체육관, 탁구장"),
    ("장기를 두다", "공원, 경로당"), ("연을 날리다", "강변, 공원, 바닷가"),
    ("꽃구경을 하다", "공원, 수목원, 식물원"), ("별을 보다", "옥상, 천문대, 캠핑장"),
    ("봉사 활동을 하다", "복지관, 도서관, 동물 보호소"), ("빵을 굽다", "부엌, 제빵 교실"),
    ("강아지를 데리고 산책하다", "공원, 동네, 강변"), ("퍼즐을 맞추다", "거실, 방"),
    ("보드게임을 하다", "보드게임 카페, 거실"), ("도자기를 만들다", "공방, 도예 교실"),
    ("춤을 배우다", "문화 센터, 학원"), ("낚시를 하다", "바닷가, 저수지, 강가"),
    ("텃밭을 가꾸다", "텃밭, 주말농장"), ("스트레칭을 하다", "거실, 공원, 체육관"),
    ("시를 쓰다", "카페, 방"), ("라디오를 듣다", "부엌, 차 안, 방"),
    ("배구를 하다", "체육관, 운동장"), ("인라인스케이트를 타다", "공원, 강변"),
]
ACTIVITIES = [(P(a, adj=False), _words(pl)) for a, pl in _ACT_SPECS]
HOME_ACTS = Ps("책을 읽다", "영화를 보다", "음악을 듣다", "뜨개질을 하다", "퍼즐을 맞추다", "일기를 쓰다",
               "그림을 그리다", "라디오를 듣다", "편지를 쓰다", "밀린 드라마를 보다", "따뜻한 이불 속에서 뒹굴다",
               "사진첩을 정리하다", adj=False)
FOODS = _words("""김치찌개, 된장찌개, 비빔밥, 불고기, 떡볶이, 김밥, 잡채, 냉면, 칼국수, 삼계탕, 순두부찌개,
미역국, 떡국, 수제비, 부침개, 감자전, 볶음밥, 닭갈비, 제육볶음, 잔치국수, 만두, 짜장면, 짬뽕, 돈가스,
콩국수, 샌드위치, 김치볶음밥, 오므라이스, 돼지국밥, 갈비탕, 육개장, 비빔국수, 쫄면, 어묵탕, 순대,
해물파전, 주먹밥, 카레라이스, 라면, 보쌈, 닭볶음탕, 콩나물국밥, 우동, 생선구이, 쌀국수, 팥죽, 호박죽""")
DRINKS = _words("커피, 녹차, 유자차, 생강차, 보리차, 식혜, 수정과, 우유, 과일 주스, 코코아, 대추차, 레몬차")
OBJECTS = _words("""우산, 지갑, 열쇠, 모자, 목도리, 장갑, 공책, 필통, 휴대폰, 이어폰, 손수건, 머리핀, 손목시계,
안경, 사진첩, 수첩, 텀블러, 가방, 자전거 열쇠, 필름 카메라, 만년필, 열쇠고리, 도시락 통, 교통 카드""")
SEASON_FOODS = {"봄": _words("딸기, 냉이, 달래, 쑥, 주꾸미, 두릅"),
                "여름": _words("수박, 참외, 옥수수, 복숭아, 자두, 오이"),
                "가을": _words("사과, 배, 밤, 감, 전어, 대하, 고구마"),
                "겨울": _words("귤, 굴, 방어, 유자, 군고구마, 시금치")}
SEASONS = list(SEASON_FOODS)
TIMES_MADA = _words("아침, 저녁, 주말, 휴일, 점심시간, 일요일 아침, 토요일 오후, 퇴근길, 금요일 저녁")
DAYS = _words("월요일, 화요일, 수요일, 목요일, 금요일, 토요일, 일요일")
FRUITS = _words("사과, 귤, 감, 배, 복숭아, 자두, 참외, 딸기, 포도, 옥수수")
CONNECT = ["", "", "", "", "또한 ", "그리고 ", "특히 ", "참고로 "]


# --------------------------------------------------------------------------
# Everyday life, diary, stories
# --------------------------------------------------------------------------
def _life_slots(rng: random.Random) -> dict:
    (a1, pl1), (a2, pl2), (a3, pl3) = rng.sample(ACTIVITIES, 3)
    season = rng.choice(SEASONS)
    f1, f2 = rng.sample(FOODS, 2)
    return {"act": a1, "place": rng.choice(pl1), "act2": a2, "place2": rng.choice(pl2),
            "act3": a3, "place3": rng.choice(pl3), "peer": rng.choice(PEERS),
            "elder": rng.choice(ELDERS), "time": rng.choice(TIMES_MADA), "food": f1, "food2": f2,
            "drink": rng.choice(DRINKS), "season": season, "sfood": rng.choice(SEASON_FOODS[season]),
            "hact": rng.choice(HOME_ACTS), "obj": rng.choice(OBJECTS), "day": rng.choice(DAYS),
            "name": rng.choice(NAMES)}


EVERYDAY = [
    "<저는|저는|나는> {time}마다 {place}에서 {act.는} 것을 <좋아하다>.",
    "[요즘은|최근에는|올해 들어] {act.는} 재미에 푹 <빠져 있어요|빠져 있습니다|빠져 있다>.",
    "{act.고} 나면 [기분이 한결 가벼워지고|머리가 맑아지고|몸이 개운해지고] 밤에 잠도 잘 <오다>.",
    "처음에는 {act.는} 것이 [어색했지만|쉽지 않았지만|조금 귀찮았지만] 지금은 [생활의 일부가|없어서는 안 될 습관이] <되었어요|되었습니다|되었다>.",
    "[지난 주말에는|어제는|얼마 전에는] {peer:과} 함께 {place2}에 가서 {act2.P}.",
    "{place}에서 {act.다보면} 시간 가는 줄 <모르다>.",
    "@혹시 {act.는} 것을 좋아하신다면 {place}에 한번 가 <보세요|보십시오>.",
    "{season}에는 {place}에서 {act.기} 딱 <좋다>.",
    "[바쁜 하루|정신없는 일주일] 중에 {act.는} 시간만큼은 온전히 <저를|저를|나를> 위한 <시간이에요|시간입니다|시간이다>.",
    "혼자 하면 금방 지루해져서 요즘은 {peer:과} 함께 {act.E}.",
    "[준비물이 거의 없다는 것도|돈이 많이 들지 않는다는 것도] {act.기}의 좋은 <점이에요|점입니다|점이다>.",
    "[다음 달부터는|올해가 가기 전에] {act2.는} 것도 새로 시작해 <보려고 해요|보려고 합니다|보려고 한다>.",
    "[처음 시작하는 사람이라면|초보자라면] 욕심내지 말고 [일주일에 두세 번|하루 10분|짧은 시간]부터 시작하는 것이 <좋다>.",
    "{act.ㄹ} 때는 [휴대폰을 잠시 내려놓고|다른 걱정은 잠시 접어 두고] 그 순간에만 집중하려고 <하다>.",
    "@여러분은 [쉬는 날|주말|퇴근 후]에 [주로|보통] 무엇을 <하세요|하십니까>?",
    "<제|제|내> {peer:은} {act2.는} 것을 더 좋아해서 가끔은 서로의 취미를 바꿔서 해 보기도 <하다>.",
    "요즘 [아침저녁으로|밤에는] 날씨가 [제법 쌀쌀해져서|많이 선선해져서] 얇은 겉옷을 꼭 챙기게 <되다>.",
    "[비가 오는 날에는|눈이 오는 날에는|바람이 많이 부는 날에는] 집에서 {drink:을} 마시며 {hact.는} 것이 최고의 <휴식이에요|휴식입니다|휴식이다>.",
    "{season:이} 오면 제철을 맞은 {sfood:이} 시장에 가득 나와서 괜히 마음이 <설레다>.",
    "[점심에는|저녁에는] {food:을} 먹었는데, [생각보다|역시] 맛있어서 순식간에 한 그릇을 다 <비웠어요|비웠습니다|비웠다>.",
    "[입맛이 없을 때는|기운이 없을 때는] {food:을} 먹으면 힘이 <나다>.",
    "[퇴근길에|학교가 끝나고] 카페에 들러 {drink:을} 한 잔 마시는 것이 [작은 즐거움|소소한 행복]<이다>.",
    "{day}에는 보통 일정이 많아서 저녁에는 집에서 {hact.며} 조용히 쉬는 <편이에요|편입니다|편이다>.",
    "[요즘처럼 날씨가 좋은 날에는|햇살이 따뜻한 날에는] 점심을 먹고 잠깐이라도 [근처 공원을|동네를|회사 주변을] 걷는 것이 <좋다>.",
    "{act.기} 위해 [주말 아침에는|쉬는 날에는] 평소보다 일찍 <일어나다>.",
    "[오랜만에|모처럼] {peer:과} 통화를 했는데, 다음 주에 함께 {act2.기로} <했어요|했습니다|했다>.",
    "@[쉬는 날에|주말에] 특별한 계획이 없다면 {place2}에서 {act2.는} 것은 <어떠세요|어떻습니까>?",
    "{food:과} {food2} 중에서 무엇을 먹을지 [한참 고민하다가|오래 망설이다가] 결국 {food2:을} <골랐어요|골랐습니다|골랐다>.",
    "[사소한 일상이라도|평범한 하루라도] 기록해 두면 나중에 [좋은 추억이|소중한 기억이] <되다>.",
    "[아침에 일찍 일어나|출근하기 전에] {act.는} 습관을 들였더니 하루가 [훨씬 길게|더 여유롭게] <느껴지다>.",
]


def g_everyday(rng: random.Random, style: str) -> tuple[str, str]:
    s = _life_slots(rng)
    body = _build(rng, style, s, (EVERYDAY, 3, 6))
    q = render(rng.choice([
        "주말에 보통 뭐 하면서 쉬세요?", "{act.기} 좋은 곳을 추천해 주세요.", "요즘 빠져 있는 취미가 있으세요?",
        "{season}에 하기 좋은 일이 뭐가 있을까요?", "쉬는 날 혼자 할 만한 일이 있을까요?",
        "[비 오는 날|추운 날]에는 집에서 뭘 하면 좋을까요?"]), s, "yo", rng)
    return q, " ".join(body)


DIARY_OPEN = [
    "[오늘은|오늘은 아침부터] 하루 종일 [비가|가랑비가|장대비가] <내렸어요|내렸습니다|내렸다>.",
    "[아침부터|오늘은] 하늘이 [맑고|높고 푸르고] 햇살이 <따뜻했어요|따뜻했습니다|따뜻했다>.",
    "[바람이 많이 불어서|날씨가 꽤 쌀쌀해서|기온이 뚝 떨어져서] [두꺼운 외투를|목도리와 장갑을] 꺼내 <입었어요|입었습니다|입었다>." ,
    "[오랜만에|모처럼] 늦잠을 자고 [열 시가 넘어서|느지막이|점심때가 다 되어서] <일어났어요|일어났습니다|일어났다>.",
    "[올해 들어 가장 더운 날이라서|습도가 높아서] [가만히 있어도|조금만 걸어도] 땀이 <났어요|났습니다|났다>.",
    "[아침에 일어나 보니|창밖을 보니] 밤새 첫눈이 소복이 <쌓여 있었어요|쌓여 있었습니다|쌓여 있었다>.",
    "{day:은} [유난히|왠지] [길게|짧게] 느껴지는 <하루였어요|하루였습니다|하루였다>.",
    "[알람 소리를 못 들어서|전날 늦게 잠들어서] 아침부터 정신없이 <서둘렀어요|서둘렀습니다|서둘렀다>.",
    "{day} 아침은 {season}답게 공기가 <상쾌했어요|상쾌했습니다|상쾌했다>.",
]
DIARY_BODY = [
    "아침에는 {place}에서 {act.P}.",
    "[아침을 먹고|간단히 아침을 챙겨 먹고] {place}에 가서 [한 시간쯤|잠깐] {act.P}.",
    "점심에는 {peer:과} {food:을} 먹으러 [시내에|회사 근처 식당에|학교 앞 분식집에] <갔어요|갔습니다|갔다>.",
    "[오후에는|점심을 먹고 나서는] {place2}에서 {act2.P}.",
    "{peer:이} [오랜만에|갑자기] 연락을 해 와서 <반가웠어요|반가웠습니다|반가웠다>.",
    "저녁에는 {elder}께 전화를 드려 [안부를 <여쭈었어요|여쭈었습니다|여쭈었다>|한참 이야기를 <나눴어요|나눴습니다|나눴다>].",
    "{elder}께서 [손수|정성껏] 만들어 주신 {food2:을} 먹으니 마음까지 <든든해졌어요|든든해졌습니다|든든해졌다>.",
    "잃어버린 줄 알았던 {obj:을} [가방 속에서|외투 주머니에서|책상 서랍에서] 찾아서 <기뻤어요|기뻤습니다|기뻤다>.",
    "[자기 전에|잠들기 전에] {hact.는} 시간이 오늘 하루 중 가장 <편안했어요|편안했습니다|편안했다>.",
    "[시험 공부를 하느라|밀린 일을 처리하느라|이사 준비를 하느라] 하루를 정신없이 <보냈어요|보냈습니다|보냈다>.",
    "[버스에서|지하철에서] 자리를 양보했더니 [할머니 한 분이|어르신 한 분이] 고맙다며 환하게 웃어 <주셨어요|주셨습니다|주셨다>.",
    "{peer:과} [사소한 일로|별것 아닌 일로] 말다툼을 해서 마음이 <무거웠어요|무거웠습니다|무거웠다>.",
    "[집에 오는 길에|퇴근길에] {drink:을} 한 잔 사서 천천히 걸으며 <마셨어요|마셨습니다|마셨다>.",
    "[마트에 들러|시장에 들러] 제철을 맞은 {sfood:을} 조금 <샀어요|샀습니다|샀다>.",
    "[오후 내내|저녁 내내] {act3.는} 데 집중했더니 시간이 금방 <갔어요|갔습니다|갔다>.",
    "[창문을 열어 두니|산책을 하다 보니] {season} 냄새가 물씬 <느껴졌어요|느껴졌습니다|느껴졌다>.",
    "저녁으로 {food:을} 먹고 {hact.며} [느긋하게|조용히] 시간을 <보냈어요|보냈습니다|보냈다>.",
    "{peer:과} {place2}에서 만나 {act2.고} [근처에서|가까운 식당에서] {food:을} 함께 <먹었어요|먹었습니다|먹었다>.",
    "[오랜만에|모처럼] {elder}께서 [집에 오셔서|전화를 주셔서] {season} [나들이 계획을|김장 이야기를|건강 이야기를] <나눴어요|나눴습니다|나눴다>.",
    "[점심을 먹고|오후에] {drink:을} 마시며 [창밖을 보다가|책을 몇 장 읽다가] 깜빡 졸기도 <했어요|했습니다|했다>.",
]
DIARY_CLOSE = [
    "내일은 [일찍 일어나서|조금 더 부지런하게|퇴근하고 나서] {act3.려고} <해요|합니다|한다>.",
    "[피곤했지만|조금 힘들었지만|바빴지만] [보람 있는|알찬|뿌듯한] <하루였어요|하루였습니다|하루였다>.",
    "[내일도|이번 주도|남은 한 주도] 오늘처럼 [무사히|즐겁게] 지나가면 <좋겠어요|좋겠습니다|좋겠다>.",
    "[잠들기 전에 돌아보니|오늘 하루를 돌아보니] [감사한 일이|웃을 일이] 생각보다 <많았어요|많았습니다|많았다>.",
    "[다음에는|다음 주에는|이번 달이 가기 전에] {peer:과} 함께 {place3}에 가 보기로 <했어요|했습니다|했다>.",
    "[별일 없는|평범한|조용한] 하루였지만 그래서 더 <소중했어요|소중했습니다|소중했다>.",
    "내일은 {peer:에게} 먼저 연락해서 [사과해야겠다고|안부를 물어야겠다고] <생각했어요|생각했습니다|생각했다>.",
]


def g_diary(rng: random.Random, style: str) -> tuple[str, str]:
    s = _life_slots(rng)
    sents = _build(rng, style, s, (DIARY_OPEN, 1, 1), (DIARY_BODY, 2, 4, True), (DIARY_CLOSE, 1, 1))
    if rng.random() < 0.3:
        sents.insert(0, f"{rng.randint(1, 12)}월 {rng.randint(1, 28)}일 {s['day']}, " + sents.pop(0))
    return "오늘 하루는 어땠어요?", " ".join(sents)


ROLES = _words("아이, 소년, 소녀, 청년, 할아버지, 할머니, 대학생, 회사원, 요리사, 우체부, 화가, 목수, 어부, 학생")
VILLAGES = _words("작은 마을, 바닷가 마을, 산골 마을, 강가 마을, 조용한 동네, 섬마을")
SEARCH_PLACES = _words("골목, 놀이터, 시장 길, 다리 밑, 학교 운동장, 버스 정류장, 동네 공원, 개울가, 뒷마당")
SKILLS = Ps("피아노를 치다", "자전거를 타다", "수영하다", "그림을 그리다", "빵을 굽다", "기타를 치다",
            "김치를 담그다", "춤을 추다", "뜨개질을 하다", "연을 만들다", "붓글씨를 쓰다", "도자기를 빚다",
            "바이올린을 켜다", "요리하다", "나무로 의자를 만들다", adj=False)
ANIMALS = _words("아기 고양이, 강아지, 새끼 고양이, 작은 강아지")
PET_NAMES = _words("콩이, 보리, 두부, 구름이, 호두, 밤이, 솜이, 나비, 별이, 하루, 누리, 모찌")

_STORIES = [
    [  # lost and found
        ["[옛날|어느] {village}에 {name:이라는} {role:이} <살았어요|살았습니다|살았다>.",
         "{name:은} {village}에 사는 {role:이었다}.", "{village}에 {role} {name:이} <살고 있었어요|살고 있었습니다|살고 있었다>."],
        ["{name:은} [할머니께 선물로 받은|오래전부터 아끼던|생일에 친구에게 받은] {obj:을} [늘|어디든] <가지고 다녔어요|가지고 다녔습니다|가지고 다녔다>."],
        ["!그런데 어느 날 [장에 다녀오는 길에|학교에서 돌아오는 길에|심부름을 하다가] {name:은} 그만 {obj:을} <잃어버렸어요|잃어버렸습니다|잃어버렸다>."],
        ["{name:은} {sp1:과} {sp2:을} [샅샅이|몇 번이나] 뒤졌지만 {obj:은} 어디에도 <없었어요|없었습니다|없었다>."],
        ["[해가 질 무렵|저녁이 되자] [풀이 죽은|힘이 빠진] {name:은} 터덜터덜 집으로 <돌아왔어요|돌아왔습니다|돌아왔다>."],
        ["그때 [이웃에 사는|같은 반|옆집에 사는] {name2:이} {name:을} <찾아왔어요|찾아왔습니다|찾아왔다>."],
        ["!{name2:은} [환하게 웃으며|조심스럽게] {obj:을} <내밀었어요|내밀었습니다|내밀었다>."],
        ["\"{sp1}에 떨어져 있길래 네 것 같아서 주워 왔어.\"",
         "\"{name:아}, {sp1}에서 주웠는데 네가 늘 가지고 다니던 거 맞지?\""],
        ["{name:은} {name2:에게} 고맙다는 말을 [몇 번이고|여러 번] <했어요|했습니다|했다>."],
        ["그날 이후 {name:과} {name2:은} [둘도 없는 친구가|서로를 챙기는 사이가] <되었어요|되었습니다|되었다>."],
    ],
    [  # learning a skill
        ["{name:은} [어릴 때부터|오래전부터|올해 초부터] {skill.는} 법을 배우고 <싶었어요|싶었습니다|싶었다>."],
        ["[용기를 내어|마음을 굳게 먹고] 배울 곳을 찾아갔지만, 처음에는 {skill.는} 일이 생각처럼 잘 되지 <않았어요|않았습니다|않았다>."],
        ["[몇 번이나|여러 번] 실수를 하자 {name:은} [포기하고 싶은 마음이|그만두고 싶은 마음이] <들었어요|들었습니다|들었다>."],
        ["그럴 때마다 {name2:은} \"[처음부터 잘하는 사람은 없어|누구나 처음엔 서툴러], 조금씩 하면 돼.\"라고 <말해 주었어요|말해 주었습니다|말해 주었다>."],
        ["!{name:은} 매일 [저녁|아침]마다 [30분씩|한 시간씩|조금씩] 꾸준히 <연습했어요|연습했습니다|연습했다>."],
        ["[몇 주|한 달|석 달]이 지나자 {name:의} 실력이 조금씩 늘기 <시작했어요|시작했습니다|시작했다>."],
        ["!마침내 {name:은} [동네 잔치에서|가족들 앞에서|작은 발표회에서] [자신 있게|떨리는 마음으로] 그동안 익힌 솜씨를 <보여 주었어요|보여 주었습니다|보여 주었다>."],
        ["[사람들의 박수 소리를 들으며|{name2:의} 환한 얼굴을 보며] {name:은} 포기하지 않기를 정말 잘했다고 <생각했어요|생각했습니다|생각했다>."],
    ],
    [  # helping someone
        ["[비가 그친 오후|눈이 내리던 저녁|무더운 여름날 오후], {name:은} [버스 정류장|시장 입구|횡단보도 앞]에서 무거운 짐을 든 [할머니를|할머니 한 분을] <보았어요|보았습니다|보았다>."],
        ["할머니께서는 [몇 걸음 걷다가 쉬기를 반복하고|무거운 보따리를 힘겹게 들고] <계셨어요|계셨습니다|계셨다>."],
        ["!{name:은} [망설이지 않고|조심스럽게] 다가가 \"할머니, 제가 들어 드릴게요.\"라고 <말했어요|말했습니다|말했다>."],
        ["{name:과} 할머니는 [천천히|이런저런 이야기를 나누며] 할머니 댁까지 함께 <걸었어요|걸었습니다|걸었다>."],
        ["할머니께서는 고맙다며 [직접 농사지으신|시장에서 사 오신] {fruit:을} 한 봉지 <건네주셨어요|건네주셨습니다|건네주셨다>."],
        ["집으로 돌아오는 길 내내 {name:의} 마음은 [<따뜻했어요|따뜻했습니다|따뜻했다>|<뿌듯했어요|뿌듯했습니다|뿌듯했다>]."],
        ["작은 친절이 누군가의 하루를 바꿀 수 있다는 것을 {name:은} 그날 <깨달았어요|깨달았습니다|깨달았다>."],
    ],
    [  # a small animal
        ["[비 오는 날|추운 겨울 아침|어느 봄날] {name:은} [골목|아파트 화단|학교 뒤뜰]에서 {animal} 한 마리를 <발견했어요|발견했습니다|발견했다>."],
        ["{animal:은} [비에 젖은 채|추위에] 몸을 잔뜩 웅크리고 <있었어요|있었습니다|있었다>."],
        ["!{name:은} [입고 있던 외투로 감싸서|조심스럽게 안아서] {animal:을} 집으로 <데려왔어요|데려왔습니다|데려왔다>."],
        ["[따뜻한 물과 먹이를|부드러운 먹이를] 주자 {animal:은} 금세 기운을 <차렸어요|차렸습니다|차렸다>."],
        ["{name:은} [다음 날|그 주말에] {name2:과} 함께 {animal:을} 데리고 동물 병원에 <갔어요|갔습니다|갔다>."],
        ["수의사 선생님은 [다행히 크게 아픈 곳은 없다고|잘 먹으면 곧 건강해질 거라고] <하셨어요|하셨습니다|하셨다>."],
        ["!{name:은} {animal:에게} {pet:이라는} 이름을 지어 <주었어요|주었습니다|주었다>."],
        ["그날부터 {pet:은} {name:의} 가장 소중한 가족이 <되었어요|되었습니다|되었다>."],
    ],
    [  # a trip
        ["[여름 방학을 맞아|오랜만에 휴가를 내고|가을이 깊어 갈 무렵] {name:은} {name2:과} 함께 {city:으로} 여행을 <떠났어요|떠났습니다|떠났다>."],
        ["[기차|버스] 창밖으로 [푸른 들판이|단풍이 든 산이|반짝이는 바다가] 끝없이 <펼쳐졌어요|펼쳐졌습니다|펼쳐졌다>."],
        ["!{city}에 도착하자마자 {name:과} {name2:은} {sight:을} 보러 <갔어요|갔습니다|갔다>."],
        ["{sight:은} [사진으로 보던 것보다 훨씬|생각했던 것보다 더] <멋졌어요|멋졌습니다|멋졌다>."],
        ["저녁에는 [현지 사람들이 추천한 식당에서|시장 골목에서] {cfood:을} 맛보았는데, [두 사람 모두|{name2:까지}] 감탄을 멈추지 <못했어요|못했습니다|못했다>."],
        ["[숙소로 돌아와서는|밤이 되자] [그날 찍은 사진을 보며|창밖의 불빛을 바라보며] 오랫동안 이야기를 <나누었어요|나누었습니다|나누었다>."],
        ["{name:은} [{city}에서 보낸 시간을|이번 여행을] 오래도록 잊지 못할 것 <같았어요|같았습니다|같았다>."],
    ],
    [  # friendship repaired
        ["{name:과} {name2:은} [어릴 때부터|초등학교 때부터|같은 동네에서 자란] 단짝 <친구였어요|친구였습니다|친구였다>."],
        ["그런데 [사소한 오해|작은 말실수|별것 아닌 말다툼] 때문에 두 사람은 [며칠째|일주일 넘게] 말을 하지 <않았어요|않았습니다|않았다>."],
        ["{name:은} [먼저 말을 걸고 싶었지만|사과하고 싶었지만] 쉽게 용기가 나지 <않았어요|않았습니다|않았다>."],
        ["![고민 끝에|밤새 고민하다가] {name:은} {name2:에게} 짧은 편지를 <썼어요|썼습니다|썼다>."],
        ["편지에는 \"{name2:아}, 그때 내가 [너무 서운하게 말해서|네 마음을 몰라줘서] 미안해.\"라고 <적혀 있었어요|적혀 있었습니다|적혀 있었다>."],
        ["다음 날 아침, {name2:은} 먼저 다가와 {name:의} 손을 <잡았어요|잡았습니다|잡았다>."],
        ["{name:과} {name2:은} [언제 다투었냐는 듯|금세] 다시 웃으며 [함께 학교로|나란히] <걸어갔어요|걸어갔습니다|걸어갔다>."],
    ],
    [  # cooking for the family
        ["{name:은} [어머니 생신을 앞두고|오랜만에 가족이 모이는 날을 앞두고] 직접 {dish:을} 만들어 보기로 <했어요|했습니다|했다>."],
        ["[요리책을 펼쳐 놓고|할머니께 전화로 방법을 여쭈어 가며] {name:은} {c1:과} {c2:을} 하나씩 <손질했어요|손질했습니다|손질했다>."],
        ["!처음 해 보는 요리라 [간을 맞추는 일이|불 조절이] 생각보다 <어려웠어요|어려웠습니다|어려웠다>."],
        ["[부엌을 지나가던|냄새를 맡고 온] {name2:은} \"와, 냄새 정말 좋다!\"라며 <웃었어요|웃었습니다|웃었다>."],
        ["!저녁상에 {dish:이} 오르자 가족들은 [하나같이|모두] 맛있다며 [한 그릇씩 더|남김없이] <먹었어요|먹었습니다|먹었다>."],
        ["{name:은} [설거지를 하면서도|잠자리에 들면서도] 자꾸 웃음이 <났어요|났습니다|났다>."],
    ],
]


def g_story(rng: random.Random, style: str) -> tuple[str, str]:
    n1, n2 = rng.sample(NAMES, 2)
    sp1, sp2 = rng.sample(SEARCH_PLACES, 2)
    city = rng.choice(CITIES)
    s = {"name": n1, "name2": n2, "role": rng.choice(ROLES), "village": rng.choice(VILLAGES),
         "obj": rng.choice(OBJECTS), "sp1": sp1, "sp2": sp2, "skill": rng.choice(SKILLS),
         "fruit": rng.choice(FRUITS), "animal": rng.choice(ANIMALS), "pet": rng.choice(PET_NAMES),
         "city": city[0], "sight": rng.choice(city[1]), "cfood": rng.choice(city[2])}
    dish = rng.choice(DISHES)
    ings = _words(dish[2])
    s.update({"dish": dish[0], "c1": ings[0], "c2": ings[-1] if len(ings) > 1 else dish[3] or "양념"})
    story = rng.choice(_STORIES)
    # keep the beginning and the end, and an ordered sample of the middle (5-7 sentences)
    mid = story[1:-1]
    need = [i for i, st in enumerate(mid) if st[0].startswith("!")]
    rest = [i for i in range(len(mid)) if i not in need]
    k = max(0, min(len(rest), rng.randint(3, 5) - len(need)))
    picked = sorted(need + rng.sample(rest, k))
    steps = [story[0]] + [mid[i] for i in picked] + [story[-1]]
    sents = [render(rng.choice(st).lstrip("!"), s, style, rng) for st in steps]
    return "짧은 이야기를 하나 들려주세요.", " ".join(sents)


# --------------------------------------------------------------------------
# Travel
# --------------------------------------------------------------------------
# (city, sights, local foods, good seasons, ways to get there)
CITIES = [
    ("제주도", _words("한라산, 성산 일출봉, 협재 해변, 우도, 올레길, 만장굴, 사려니 숲길"),
     _words("흑돼지 구이, 고기국수, 갈치조림, 전복죽, 감귤"), ["봄", "가을"], ["비행기", "배"]),
    ("부산", _words("해운대, 광안리 해변, 감천 문화 마을, 자갈치 시장, 태종대, 해동 용궁사"),
     _words("돼지국밥, 밀면, 어묵, 씨앗호떡, 꼼장어 구이"), ["여름", "가을"], ["기차", "고속버스", "비행기"]),
    ("경주", _words("불국사, 석굴암, 첨성대, 대릉원, 동궁과 월지, 황리단길"),
     _words("쌈밥, 찰보리빵, 한우 물회, 팥빵"), ["봄", "가을"], ["기차", "고속버스"]),
    ("전주", _words("한옥 마을, 경기전, 전동 성당, 남부 시장, 오목대"),
     _words("비빔밥, 콩나물국밥, 한정식, 피순대"), ["봄", "가을"], ["기차", "고속버스"]),
    ("강릉", _words("경포대, 안목 해변, 오죽헌, 주문진 시장, 정동진"),
     _words("초당 순두부, 장칼국수, 감자옹심이, 물회"), ["여름", "겨울"], ["기차", "고속버스"]),
    ("여수", _words("오동도, 돌산 공원, 향일암, 이순신 광장, 여수 밤바다"),
     _words("갓김치, 게장 백반, 서대회, 해물 삼합"), ["봄", "여름"], ["기차", "비행기"]),
    ("속초", _words("설악산, 영금정, 아바이 마을, 속초 중앙 시장, 청초호"),
     _words("오징어순대, 닭강정, 물회, 순두부"), ["여름", "가을"], ["고속버스"]),
    ("안동", _words("하회 마을, 도산 서원, 월영교, 병산 서원"),
     _words("안동 찜닭, 간고등어, 헛제삿밥"), ["가을"], ["기차", "고속버스"]),
    ("춘천", _words("소양강 스카이워크, 공지천, 김유정 문학촌, 구봉산 전망대"),
     _words("닭갈비, 막국수"), ["봄", "가을"], ["기차", "고속버스"]),
    ("통영", _words("동피랑 벽화 마을, 한산도, 미륵산, 통영 중앙 시장"),
     _words("충무김밥, 굴 요리, 꿀빵, 멍게비빔밥"), ["봄", "겨울"], ["고속버스"]),
    ("서울", _words("경복궁, 창덕궁, 북촌 한옥 마을, 남산, 한강 공원, 인사동, 광장 시장"),
     _words("빈대떡, 설렁탕, 칼국수, 떡볶이"), ["봄", "가을"], ["기차", "고속버스", "비행기"]),
    ("수원", _words("수원 화성, 화성 행궁, 팔달문, 방화수류정"),
     _words("왕갈비, 통닭"), ["봄", "가을"], ["지하철", "기차"]),
    ("담양", _words("죽녹원, 메타세쿼이아 길, 소쇄원, 관방제림"),
     _words("떡갈비, 대통밥, 국수"), ["여름", "가을"], ["고속버스"]),
    ("공주", _words("공산성, 무령왕릉, 국립 공주 박물관, 마곡사"),
     _words("알밤 빵, 국밥"), ["가을"], ["고속버스"]),
    ("인천", _words("차이나타운, 월미도, 동화 마을, 소래포구"),
     _words("짜장면, 닭강정, 쫄면"), ["봄", "가을"], ["지하철", "기차"]),
    ("대구", _words("김광석 다시 그리기 길, 서문 시장, 팔공산, 근대 골목"),
     _words("막창, 납작만두, 찜갈비"), ["봄", "가을"], ["기차", "고속버스"]),
    ("광주", _words("무등산, 양림동 역사 문화 마을, 국립 아시아 문화 전당"),
     _words("떡갈비, 오리탕, 상추튀김"), ["봄", "가을"], ["기차", "고속버스"]),
    ("남해", _words("독일 마을, 다랭이 마을, 보리암, 상주 은모래 비치"),
     _words("멸치쌈밥, 멸치회"), ["봄", "여름"], ["고속버스"]),
    ("포항", _words("호미곶, 영일대 해수욕장, 구룡포, 스페이스 워크"),
     _words("과메기, 물회"), ["겨울", "여름"], ["기차", "고속버스"]),
    ("단양", _words("도담삼봉, 만천하 스카이워크, 고수 동굴, 구담봉"),
     _words("마늘 떡갈비, 마늘 만두, 쏘가리 매운탕"), ["가을"], ["기차", "고속버스"]),
]
COMPANIONS = _words("가족, 친구, 부모님, 아이, 연인, 직장 동료, 반려견")
PACK_ITEMS = _words("편한 운동화, 얇은 겉옷, 접이식 우산, 보조 배터리, 선크림, 모자, 상비약, 물병")

TRAVEL = [
    "{city:은} {season}에 가면 특히 좋은 <여행지예요|여행지입니다|여행지다>.",
    "{city}에 가면 {s1:은} [꼭 한번|빼놓지 말고] 들러 <보세요|보십시오|보자>.",
    "일정을 짤 때 {s1:과} {s2:을} 함께 넣으면 {city:의} 매력을 [알차게|제대로] 느낄 수 <있다>.",
    "{city}에서는 {cfood:을} 꼭 맛보는 것이 <좋다>.",
    "{cfood:은} {city:의} 대표 먹거리라서 현지에서 먹으면 더 맛있게 <느껴지다>.",
    "{city}까지는 {trans:을} 이용하면 [편하게|비교적 편하게] 갈 수 있고, [주말|연휴|성수기]에는 표를 미리 예매하는 것이 <좋다>.",
    "{dur} 일정이라면 첫날에는 {s1:을}, 둘째 날에는 {s2:을} 둘러보는 코스를 <추천하다>.",
    "{comp:과} 함께라면 [사진 찍을 곳이 많은|천천히 걷기 좋은] {s1:을} 특히 좋아할 <거예요|것입니다|것이다>.",
    "[걷는 일정이 많으니|날씨가 자주 바뀌니] {item:을} 챙기는 것을 잊지 <마세요|마십시오|말자>.",
    "{season:의} {city:은} [풍경이 아름다워서|날씨가 선선해서|볼거리가 많아서] 천천히 걸으며 둘러보기 <좋다>.",
    "[사람이 붐비는 시간을 피하고 싶다면|여유롭게 둘러보고 싶다면] {s2}에는 [이른 아침에|평일에] 가는 것이 <좋다>.",
    "{s1:에} 가기 전에 [날씨 예보와|운영 시간과|휴무일과] [입장료를|주차 정보를] 미리 확인해 두면 헛걸음을 줄일 수 <있다>.",
    "{s2:은} [해 질 무렵에|저녁 무렵에] 가면 [노을과 어우러진 풍경을|한층 분위기 있는 풍경을] 볼 수 <있다>.",
    "[숙소는|묵을 곳은] {s1:과} 가까운 곳으로 정하면 이동 시간을 줄일 수 <있다>.",
    "[현지 시장에 가 보면|골목을 천천히 걸어 보면] {city} 사람들의 생활을 가까이서 느낄 수 <있다>.",
    "{s1}에서 {s2}까지는 [대중교통이나 택시로|차로] 이동하면서 중간에 {cfood:을} 먹는 일정도 <괜찮다>.",
    "[처음 가는 여행이라면|일정이 짧다면] 욕심내서 여러 곳을 돌기보다 {s1:과} 그 주변을 천천히 둘러보는 것이 <좋다>.",
    "{city}에 다녀온 사람들은 [하나같이|대부분] {cfood:을} 다시 먹으러 가고 싶다고 <말하다>.",
]
TRAVEL_GENERAL = [
    "여행 가방은 [가볍게|꼭 필요한 것만 담아] 싸는 것이 <좋다>.",
    "여행지에서는 [쓰레기를 되가져가고|조용히 관람하고] 문화재를 함부로 만지지 않는 등 기본 예절을 지키는 것이 <중요하다>.",
    "[신분증과 예약 내역은|숙소와 교통편 예약 내역은] 휴대폰에 저장해 두고, 혹시 모르니 따로 적어 두는 것도 <좋다>.",
    "[계획을 너무 빡빡하게 세우면|일정을 꽉 채우면] 오히려 지치기 쉬우니 하루에 [한두 곳 정도는|반나절 정도는] 여유를 두는 것이 <좋다>.",
    "[비상시를 대비해|만일을 위해] [상비약과 휴대폰 충전기는|보조 배터리와 상비약은] 꼭 <챙기세요|챙기십시오|챙기자>.",
    "{comp:과} 여행할 때는 [서로 가고 싶은 곳을 미리 나눠 보면|일정을 함께 정하면] 다툼 없이 즐겁게 다닐 수 <있다>.",
]


def _travel_slots(rng: random.Random) -> dict:
    city, sights, foods, seasons, trans = rng.choice(CITIES)
    s1, s2 = rng.sample(sights, 2)
    return {"city": city, "s1": s1, "s2": s2, "cfood": rng.choice(foods),
            "season": rng.choice(seasons), "trans": rng.choice(trans),
            "dur": rng.choice(["1박 2일", "2박 3일"]), "comp": rng.choice(COMPANIONS),
            "item": rng.choice(PACK_ITEMS)}


def g_travel(rng: random.Random, style: str) -> tuple[str, str]:
    s = _travel_slots(rng)
    sents = _build(rng, style, s, (TRAVEL, 3, 5), (TRAVEL_GENERAL, 0, 1))
    q = render(rng.choice([
        "{city}에 가면 어디를 가 봐야 해요?", "{city} 여행 코스 좀 추천해 주세요.",
        "{season}에 {city}에 가려고 하는데 뭘 먹으면 좋을까요?", "{comp:과} {city}에 놀러 가려는데 어디가 좋아요?",
        "{dur}로 {city}에 가는데 일정을 어떻게 짜면 좋을까요?", "{city} 여행 갈 때 알아 두면 좋은 게 있을까요?"]),
        s, "yo", rng)
    return q, " ".join(sents)


# --------------------------------------------------------------------------
# Cooking
# --------------------------------------------------------------------------
# (dish, kind, things to cut/prepare, other ingredient, seasonings)
DISHES = [
    ("김치찌개", "soupb", "잘 익은 김치, 돼지고기, 두부, 양파, 대파", "", "고춧가루, 국간장, 다진 마늘"),
    ("된장찌개", "soup", "애호박, 두부, 감자, 양파, 버섯, 대파", "", "된장, 다진 마늘, 고춧가루"),
    ("미역국", "soupb", "불린 미역, 소고기", "", "국간장, 참기름, 다진 마늘"),
    ("순두부찌개", "soup", "바지락, 애호박, 양파, 대파", "순두부", "고춧가루, 국간장, 다진 마늘"),
    ("콩나물국", "soup", "콩나물, 대파", "", "소금, 국간장, 다진 마늘"),
    ("어묵탕", "soup", "어묵, 무, 대파", "다시마", "국간장, 소금"),
    ("떡국", "soupb", "소고기, 대파", "떡국 떡", "국간장, 다진 마늘"),
    ("감잣국", "soup", "감자, 양파, 대파", "", "국간장, 소금, 다진 마늘"),
    ("북엇국", "soupb", "북어채, 무, 대파", "계란", "국간장, 참기름, 다진 마늘"),
    ("제육볶음", "stirfry", "돼지고기, 양파, 대파, 당근, 양배추", "", "고추장, 고춧가루, 간장, 설탕, 다진 마늘"),
    ("오징어볶음", "stirfry", "오징어, 양파, 당근, 대파, 양배추", "", "고추장, 고춧가루, 간장, 설탕"),
    ("어묵볶음", "stirfry", "어묵, 양파, 당근, 대파", "", "간장, 설탕, 물엿"),
    ("감자채볶음", "stirfry", "감자, 양파, 당근", "", "소금, 후추"),
    ("떡볶이", "stirfry", "어묵, 대파, 양배추", "떡볶이 떡", "고추장, 고춧가루, 설탕, 간장"),
    ("닭갈비", "stirfry", "닭고기, 양배추, 고구마, 대파", "떡", "고추장, 고춧가루, 간장, 다진 마늘"),
    ("잡채", "stirfry", "돼지고기, 시금치, 당근, 양파, 버섯", "당면", "간장, 설탕, 참기름"),
    ("감자전", "pancake", "감자, 양파", "", "소금"),
    ("김치전", "pancake", "잘 익은 김치, 양파, 대파", "부침가루", "고춧가루, 설탕"),
    ("해물파전", "pancake", "쪽파, 오징어, 새우", "부침가루", "소금, 간장"),
    ("부추전", "pancake", "부추, 양파, 청양고추", "부침가루", "소금, 간장"),
    ("애호박전", "pancake", "애호박", "밀가루", "소금"),
    ("김치볶음밥", "friedrice", "잘 익은 김치, 대파, 양파", "밥", "간장, 참기름, 설탕"),
    ("볶음밥", "friedrice", "양파, 당근, 대파, 애호박", "밥", "간장, 소금, 참기름"),
    ("새우볶음밥", "friedrice", "새우, 양파, 당근, 대파", "밥", "소금, 후추, 굴 소스"),
    ("시금치나물", "namul", "시금치, 대파", "", "국간장, 소금, 참기름, 다진 마늘"),
    ("콩나물무침", "namul", "콩나물, 대파", "", "소금, 참기름, 다진 마늘, 고춧가루"),
    ("숙주나물", "namul", "숙주, 쪽파", "", "소금, 참기름, 다진 마늘"),
    ("브로콜리무침", "namul", "브로콜리", "", "소금, 참기름, 깨"),
    ("두부조림", "jorim", "두부, 양파, 대파", "", "간장, 고춧가루, 설탕, 다진 마늘"),
    ("감자조림", "jorim", "감자, 양파, 당근", "", "간장, 물엿, 설탕"),
    ("무조림", "jorim", "무, 대파", "", "간장, 고춧가루, 설탕, 다진 마늘"),
    ("불고기", "marinate", "소고기, 양파, 대파, 당근, 버섯", "", "간장, 설탕, 다진 마늘, 참기름"),
    ("돼지불고기", "marinate", "돼지고기, 양파, 대파, 당근", "", "간장, 설탕, 다진 마늘, 생강"),
    ("닭구이", "marinate", "닭고기, 양파, 대파", "", "간장, 설탕, 다진 마늘, 후추"),
    ("계란말이", "egg", "대파, 당근, 양파", "계란", "소금"),
    ("계란찜", "egg", "대파, 당근", "계란", "소금, 새우젓"),
]

COOK_OPEN = [
    "[오늘은|이번에는] 집에서 [쉽게|간단하게] 만들 수 있는 {dish:을} 소개<해 드릴게요|해 드리겠습니다|한다>.",
    "{dish:은} [기본 재료만 있으면|냉장고에 있는 재료로도] 누구나 맛있게 만들 수 있는 <음식이에요|음식입니다|음식이다>.",
    "[쌀쌀한 날에는|입맛이 없을 때는|손님이 올 때는|바쁜 저녁에는] [{dish:이} 잘 <어울리다>|{dish:이} 제격<이다>].",
    "{people} {dish:을} 만들려면 {c1}, {c2} 정도를 준비<하세요|하십시오|한다>.{noother}",
    "{people} {dish:을} 만들려면 {o1:과} {c1}, {c2} 정도를 준비<하세요|하십시오|한다>.",
    "{dish:을} 만들 때 [가장 중요한 것은|실패하지 않는 비결은] 재료를 미리 손질해 두는 <거예요|것입니다|것이다>.",
    "{dish:은} [만드는 법이 간단해서|재료가 많이 들지 않아서] [요리 초보에게도|바쁜 날에도] <좋다>.",
    "{dish:은} [밥반찬으로도|도시락 반찬으로도|한 끼 식사로도] <훌륭하다>.",
]
COOK_PREP = [
    "먼저 {k1:은} 먹기 좋은 크기로 썰고, {k2:은} [잘게|얇게|어슷하게] <썰어 주세요|썰어 주십시오|썬다>.",
    "{c1:과} {c2:은} 미리 손질해서 한쪽에 <두세요|두십시오|둔다>.",
    "양념은 {s1:과} {s2:을} 미리 섞어 두면 요리하는 중간에 허둥대지 않아도 <되다>.",
]
COOK_STEPS = {
    "soupb": [
        "냄비에 참기름을 조금 두르고 {c1:을} [중간 불|약한 불]에서 [잠깐|2분 정도|살짝] 볶다가 물을 <부어 주세요|부어 주십시오|붓는다>.",
    ],
    "soup": [
        "냄비에 [물을|육수를|멸치 육수를] 붓고 {c1:을} 넣어 [중간 불|센 불]에서 <끓여 주세요|끓여 주십시오|끓인다>.",
        "[물이 끓어오르면|국물이 한소끔 끓으면] {s1:과} {s2:을} 넣어 간을 <맞추다>.",
        "국물이 끓기 시작하면 불을 [줄이고|약하게 줄이고] {min}분 정도 더 <끓여 주세요|끓여 주십시오|끓인다>.",
        "{late:은} [마지막에|불을 끄기 직전에] 넣어야 [향이|식감이] <살다>.",
        "국물 맛을 더 깊게 내고 싶다면 [멸치와 다시마로 육수를 먼저 내서|쌀뜨물을 사용해서] 끓여 <보세요|보십시오|보자>.",
        "끓이는 동안 위에 뜨는 거품을 [걷어 내면|숟가락으로 떠내면] 국물이 훨씬 <깔끔해지다>.",
        "{c2:은} [국물이 한 번 끓어오른 뒤에|중간쯤에] 넣고 [한소끔|{min}분 정도] 더 <끓이다>.",
    ],
    "stirfry": [
        "달군 팬에 기름을 두르고 {c1:을} 먼저 [센 불|중간 불]에서 <볶아 주세요|볶아 주십시오|볶는다>.",
        "{c1:이} [어느 정도|반쯤] 익으면 {c2:과} {c3:을} 넣고 함께 <볶다>.",
        "{s1}, {s2:을} 섞은 양념을 넣고 재료에 양념이 고루 배도록 [빠르게|골고루] <볶아 주세요|볶아 주십시오|볶는다>.",
        "[채소는|{c2:은}] 너무 오래 볶으면 물이 생기니까 센 불에서 짧게 볶는 것이 <좋다>.",
        "[마지막에|불을 끄기 직전에] 참기름을 조금 두르면 고소한 향이 <살아나다>.",
    ],
    "pancake": [
        "그릇에 {o1:과} [찬물을|물을] 넣고 덩어리가 없도록 잘 <섞어 주세요|섞어 주십시오|섞는다>.",
        "반죽에 {c1:과} {c2:을} 넣고 [가볍게|골고루] <섞다>.",
        "팬에 기름을 넉넉히 두르고 반죽을 [얇게|동그랗게] 펴서 앞뒤로 노릇하게 <부쳐 주세요|부쳐 주십시오|부친다>.",
        "전은 [너무 자주 뒤집지 말고|여러 번 뒤집지 말고] 한 번만 뒤집어야 모양이 예쁘게 <나오다>.",
        "찍어 먹을 양념장은 간장에 [식초를 조금|식초와 고춧가루를 조금] 섞어서 만들면 <되다>.",
    ],
    "friedrice": [
        "팬에 기름을 두르고 {c1:과} {c2:을} 먼저 볶아서 향을 <내 주세요|내 주십시오|낸다>.",
        "채소가 익으면 {o1:을} 넣고 주걱으로 [누르듯이|펴 가며] 골고루 <볶다>.",
        "{s1:으로} 간을 하고, 마지막에 [계란프라이를 올리면|김 가루를 뿌리면] 한 끼 식사로 <충분하다>.",
        "{o1:은} 갓 지은 것보다 한 김 식힌 것을 써야 덜 질척하고 고슬고슬하게 <볶아지다>.",
    ],
    "namul": [
        "끓는 물에 소금을 조금 넣고 {c1:을} [살짝|재빨리] <데쳐 주세요|데쳐 주십시오|데친다>.",
        "데친 {c1:은} 찬물에 헹군 뒤 물기를 [꼭|가볍게] <짜 주세요|짜 주십시오|짠다>.",
        "여기에 {s1:과} {s2:을} 넣고 손으로 조물조물 <무쳐 주세요|무쳐 주십시오|무친다>.",
        "마지막에 [깨를 뿌리면|참기름을 한 방울 더하면] 고소한 맛이 한층 <살아나다>.",
        "{c1:은} 너무 오래 데치면 식감이 물러지니 [30초에서 1분 정도만|짧게] 데치는 것이 <좋다>.",
    ],
    "jorim": [
        "{k1:은} [도톰하게|먹기 좋은 크기로] 썰어서 <준비하다>.",
        "냄비에 {c1:과} {c2:을} 담고 {s1:과} {s2:을} 섞은 양념을 골고루 <끼얹어 주세요|끼얹어 주십시오|끼얹는다>.",
        "물을 자작하게 붓고 [중간 불|약한 불]에서 국물이 졸아들 때까지 <조려 주세요|조려 주십시오|조린다>.",
        "조리는 [중간중간|틈틈이] 양념을 끼얹어 주면 간이 골고루 <배다>.",
    ],
    "marinate": [
        "{c1:은} {s1}, {s2:을} 섞은 양념에 [20분|30분|한 시간] 정도 재워 <두세요|두십시오|둔다>.",
        "양념에 {fruit:을} 갈아 넣으면 고기가 훨씬 <부드러워지다>.",
        "달군 팬에 재운 {c1:을} 넣고 [센 불|중간 불]에서 <익혀 주세요|익혀 주십시오|익힌다>.",
        "{c2:과} {c3:은} 고기가 반쯤 익었을 때 넣어야 식감이 <살다>.",
        "고기를 구울 때 너무 자주 뒤집으면 육즙이 빠지니 [한두 번만|한 번만] 뒤집는 것이 <좋다>.",
    ],
    "egg": [
        "그릇에 {o1:을} 풀고 {c1:과} {c2:을} 잘게 다져 넣은 뒤 {s1:으로} 간을 <하다>.",
        "약한 불에 팬을 달구고 계란물을 얇게 부어 [반쯤 익으면|가장자리가 익기 시작하면] 돌돌 <말아 주세요|말아 주십시오|만다>.",
        "불이 세면 겉만 타고 속은 덜 익으니 [약한 불에서 천천히|불을 줄이고 느긋하게] 익히는 것이 <좋다>.",
        "계란물을 체에 한 번 거르면 훨씬 부드러운 식감을 낼 수 <있다>.",
    ],
}
COOK_CLOSE = [
    "마지막으로 [깨를 솔솔 뿌리면|그릇에 예쁘게 담으면|대파를 송송 썰어 올리면] 맛있는 {dish:이} <완성되다>.",
    "남은 {dish:은} 밀폐 용기에 담아 냉장고에 보관하고, [하루나 이틀 안에|되도록 빨리] 먹는 것이 <좋다>.",
    "{spicy}[매운 음식을 잘 못 먹는다면|아이와 함께 먹는다면] [고춧가루나 고추장의 양을|매운 양념을] 줄여 <보세요|보십시오|보자>.",
    "{dish:은} [따뜻한 밥과 함께|갓 지은 밥과 함께] 먹으면 [든든한 한 끼가|훌륭한 한 끼 식사가] <되다>.",
    "[처음에는 간을 약하게 하고|간은 한 번에 맞추기보다] 맛을 보면서 조금씩 더하는 것이 실패하지 않는 <비결이에요|비결입니다|비결이다>.",
    "[익숙해지면|몇 번 만들어 보면] {c2:이나} 좋아하는 재료를 더 넣어 나만의 {dish:을} 만들어 <보세요|보십시오|보자>.",
]
KITCHEN_TIPS = [
    "양파를 썰기 전에 [냉장고에 잠시 넣어 두면|찬물에 잠깐 담가 두면] 눈이 덜 <맵다>.",
    "밥을 지을 때 쌀을 [30분|20분] 정도 불려 두면 밥맛이 [더|훨씬] <좋아지다>.",
    "국이나 찌개가 너무 짜게 되었다면 [두부나 감자를|무를 조금] 넣어 간을 조절하는 방법도 <있다>.",
    "채소는 씻은 뒤 물기를 [잘|충분히] 빼야 [볶을 때|무칠 때] 물이 덜 <생기다>.",
    "남은 밥은 한 번 먹을 만큼씩 나누어 얼려 두면 [바쁠 때|필요할 때] 편하게 데워 먹을 수 <있다>.",
    "다진 마늘은 [작은 용기에|얼음 틀에] 나누어 얼려 두면 요리할 때 꺼내 쓰기 <편하다>.",
    "{veg:은} [키친타월로 감싸서|밀폐 용기에 담아] 냉장고에 넣어 두면 더 오래 신선하게 보관할 수 <있다>.",
    "생선을 구울 때는 팬을 충분히 달군 뒤 올려야 껍질이 [잘|팬에] 붙지 <않다>.",
    "칼은 [자주 갈아서|주기적으로 갈아서] 잘 드는 상태로 두는 것이 오히려 손을 다치지 않는 <방법이에요|방법입니다|방법이다>.",
    "고기를 삶을 때 [된장이나 생강을|통후추나 월계수 잎을] 조금 넣으면 잡내가 <줄어들다>.",
    "[튀김옷을 만들 때|부침 반죽을 만들 때] 찬물을 쓰면 더 바삭하게 <익다>.",
    "도마는 채소용과 고기용을 나누어 쓰는 것이 [위생에|식중독 예방에] <좋다>.",
    "{veg:은} [손질한 뒤|씻은 뒤] 바로 쓰지 않을 거라면 [물기를 닦아|한 번 쓸 만큼 나누어] 보관하는 것이 <좋다>.",
    "[요리를 시작하기 전에|불을 켜기 전에] 재료와 양념을 모두 꺼내 두면 [허둥대지 않고|훨씬 여유 있게] 요리할 수 <있다>.",
]
VEGETABLES = _words("대파, 시금치, 상추, 당근, 오이, 애호박, 버섯, 깻잎, 부추, 브로콜리, 양배추, 고추")


QTY = {"두부": "한 모, 반 모", "돼지고기": "200그램, 300그램, 한 근", "소고기": "150그램, 200그램, 300그램",
       "닭고기": "300그램, 반 마리", "양파": "한 개, 반 개", "대파": "한 대, 반 대", "감자": "두 개, 한 개, 세 개",
       "당근": "반 개, 한 토막", "애호박": "반 개, 한 개", "계란": "세 개, 두 개, 네 개", "잘 익은 김치": "한 컵, 두 컵",
       "콩나물": "한 봉지, 한 줌", "시금치": "한 단, 반 단", "버섯": "한 줌, 한 팩", "무": "한 토막, 반 개",
       "어묵": "두 장, 세 장", "오징어": "한 마리", "새우": "열 마리, 한 줌", "양배추": "한 줌, 4분의 1통",
       "밥": "한 공기, 두 공기", "부추": "한 줌", "쪽파": "한 줌", "숙주": "한 봉지", "불린 미역": "한 줌",
       "떡국 떡": "두 줌, 300그램", "떡볶이 떡": "300그램, 두 줌", "당면": "한 줌, 100그램", "부침가루": "한 컵, 반 컵",
       "밀가루": "반 컵, 한 컵", "순두부": "한 봉지", "다시마": "한 장, 두 장", "떡": "한 줌, 두 줌"}
QTY = {k: _words(v) for k, v in QTY.items()}
COOK_INGR = [
    "[재료는|준비할 재료는] {c1} {q1}, {c2} {q2} 정도면 <충분하다>.{noother}",
    "[재료는|준비할 재료는] {o1} {qo}, {c1} {q1}, {c2} {q2} 정도면 <충분하다>.",
    "{people} {dish:을} 만들려면 {c1} {q1}에 {c2} {q2}, 그리고 양념으로 {s1:과} {s2:을} <준비하다>.{noother}",
    "{people} {dish:을} 만들려면 {o1} {qo}에 {c1} {q1}, 그리고 양념으로 {s1:과} {s2:을} <준비하다>.",
]
_NO_CUT = set(_words("콩나물, 숙주, 바지락, 새우, 북어채, 잘 익은 김치, 불린 미역, 어묵"))


def _cook_slots(rng: random.Random) -> dict:
    dish, kind, cut, other, seas = rng.choice(DISHES)
    cut, seas = _words(cut), _words(seas)
    cut = cut[:1] + rng.sample(cut[1:], len(cut) - 1)      # the main ingredient stays first
    s = {"dish": dish, "kind": kind, "min": str(rng.choice([3, 5, 7, 10, 15])),
         "people": rng.choice(["두 사람이 먹을", "2인분", "3인분", "네 식구가 먹을", "한 사람이 먹을"]) + " 양의",
         "veg": rng.choice(VEGETABLES), "fruit": rng.choice(_words("배, 사과, 양파, 키위"))}
    s["people"] = s["people"].replace("2인분 양의", "2인분").replace("3인분 양의", "3인분")
    for i, c in enumerate(cut[:3], 1):
        s[f"c{i}"] = c
    if other:
        s["o1"] = other
        s["qo"] = rng.choice(QTY.get(other, ["적당량"]))
    else:
        s["noother"] = ""
    cuttable = [c for c in cut if c not in _NO_CUT]
    for i, c in enumerate(cuttable[:2], 1):
        s[f"k{i}"] = c
    for i in (1, 2):
        c = s.get(f"c{i}")
        s[f"q{i}"] = rng.choice(QTY.get(c, ["조금", "적당량"]))
    if "고춧가루" in seas or "고추장" in seas:
        s["spicy"] = ""
    late = [c for c in ("대파", "쪽파", "두부", "애호박", "부추") if c in cut]
    if late:
        s["late"] = late[0]
    seas = rng.sample(seas, len(seas))
    for i, c in enumerate(seas[:3], 1):
        s[f"s{i}"] = c
    return s


def g_cooking(rng: random.Random, style: str) -> tuple[str, str]:
    s = _cook_slots(rng)
    if rng.random() < 0.2:
        sents = _build(rng, style, s, (KITCHEN_TIPS, 3, 5))
        q = rng.choice(["요리할 때 알아 두면 좋은 팁이 있을까요?", "부엌에서 쓸 만한 생활 요령을 알려 주세요.",
                        "요리 초보인데 기본적인 요령 좀 알려 주세요."])
        return q, " ".join(sents)
    steps = COOK_STEPS[s["kind"]] if s["kind"] != "soupb" else COOK_STEPS["soupb"] + COOK_STEPS["soup"][1:]
    sents = _build(rng, style, s, (COOK_OPEN, 1, 1), (COOK_INGR, 0, 1), (COOK_PREP, 0, 1), (steps, 2, 3, True),
                   (COOK_CLOSE, 0, 1))
    q = render(rng.choice([
        "{dish:은} 어떻게 만들어요?", "집에서 {dish:을} 맛있게 만드는 방법이 궁금해요.",
        "{dish:을} 만들 때 필요한 재료가 뭐예요?", "요리 초보도 {dish:을} 만들 수 있을까요?",
        "{dish} 만드는 법 좀 알려 주세요."]), s, "yo", rng)
    return q, " ".join(sents)


# --------------------------------------------------------------------------
# Fact-based topics: science, history, general knowledge, technology
# Each entry: (topic, short definition or None, fact sentences)
# --------------------------------------------------------------------------
SCIENCE = [
    ("광합성", "식물이 빛 에너지를 이용해 물과 이산화 탄소로 양분을 만드는 과정", [
        "광합성은 주로 잎에 있는 엽록체에서 <일어나다>.",
        "이 과정에서 만들어진 산소는 공기 중으로 <나오다>.",
        "식물이 만든 양분은 그 식물을 먹는 동물에게도 전해지므로, 광합성은 생태계 전체를 떠받치는 <일이에요|일입니다|일이다>.",
        "햇빛이 부족한 곳에서 식물이 잘 자라지 못하는 것도 광합성을 충분히 하지 못하기 때문<이다>."]),
    ("증발", "액체 표면에서 물질이 기체로 바뀌어 날아가는 현상", [
        "젖은 빨래가 마르는 것은 옷에 있던 물이 증발하기 때문<이다>.",
        "온도가 높고 바람이 불수록 증발은 더 빨리 <일어나다>.",
        "땀이 마르면서 몸이 시원하게 느껴지는 것도 물이 증발할 때 열을 빼앗아 가기 때문<이다>."]),
    ("응결", "공기 중의 수증기가 차가워지면서 작은 물방울로 바뀌는 현상", [
        "차가운 음료가 든 컵 바깥에 물방울이 맺히는 것이 대표적인 응결<이다>.",
        "이른 아침 풀잎에 맺힌 이슬도 응결로 <생기다>.",
        "구름은 하늘 높은 곳에서 수증기가 응결해 만들어진 작은 물방울과 얼음 알갱이의 모임<이다>."]),
    ("물의 순환", "물이 증발, 응결, 강수 과정을 거치며 바다와 하늘과 땅 사이를 끊임없이 오가는 것", [
        "바다와 강의 물은 햇빛을 받아 증발하고, 하늘에서 모여 구름이 <되다>.",
        "구름 속 물방울이 커지면 비나 눈이 되어 다시 땅으로 <내리다>.",
        "땅에 내린 물은 강을 따라 흐르거나 땅속으로 스며들었다가 결국 다시 바다로 <돌아가다>."]),
    ("중력", "질량을 가진 물체끼리 서로 끌어당기는 힘", [
        "손에서 놓은 공이 땅으로 떨어지는 것은 지구의 중력 때문<이다>.",
        "달의 중력은 지구의 약 6분의 1이라서, 달에서는 몸이 훨씬 가볍게 <느껴지다>.",
        "바닷물이 하루에 두 번쯤 들어오고 나가는 밀물과 썰물도 주로 달의 중력 때문에 <생기다>."]),
    ("지구의 자전", "지구가 스스로 도는 것", [
        "지구는 하루에 한 바퀴씩 <자전하다>.",
        "낮과 밤이 번갈아 생기는 것은 지구가 자전하기 때문<이다>.",
        "해가 동쪽에서 떠서 서쪽으로 지는 것처럼 보이는 것도 지구가 서쪽에서 동쪽으로 자전하기 때문<이다>."]),
    ("계절이 바뀌는 이유", None, [
        "지구는 약 1년에 한 번 태양 둘레를 <돌다>.",
        "지구의 자전축이 기울어진 채로 공전하기 때문에 계절의 변화가 <생기다>.",
        "여름에는 햇빛이 높은 각도로 비치고 낮이 길어서 땅이 더 많은 열을 <받다>.",
        "그래서 남반구에 있는 나라들은 우리나라가 겨울일 때 여름을 <맞이하다>."]),
    ("달의 모양 변화", "달이 날마다 조금씩 다른 모양으로 보이는 현상", [
        "달은 스스로 빛을 내지 못하고 햇빛을 반사해서 <빛나다>.",
        "달이 지구 둘레를 돌면서 햇빛을 받는 부분이 우리에게 보이는 정도가 달라지기 때문에 모양이 바뀌어 <보이다>.",
        "초승달에서 보름달이 되었다가 다시 그믐달이 되기까지는 약 한 달이 <걸리다>."]),
    ("무지개", "햇빛이 공기 중의 물방울을 지나며 여러 색의 빛으로 나뉘어 보이는 현상", [
        "햇빛에는 여러 색의 빛이 섞여 있어서 물방울 속에서 꺾이고 반사되면 색깔별로 <나뉘다>.",
        "그래서 무지개는 주로 비가 그친 뒤 해를 등지고 섰을 때 <보이다>.",
        "맑은 날 해를 등지고 분무기로 물을 뿌리면 작은 무지개를 직접 만들어 볼 수도 <있다>."]),
    ("번개와 천둥", "구름 속에 쌓인 전기가 한꺼번에 흐르면서 생기는 빛과 소리", [
        "번개가 친 뒤에 천둥소리가 들리는 것은 빛이 소리보다 훨씬 빠르기 때문<이다>.",
        "번개를 보고 천둥이 들릴 때까지의 시간을 세면 번개가 대략 얼마나 먼 곳에서 쳤는지 짐작할 수 <있다>.",
        "천둥 번개가 칠 때는 넓은 들판이나 큰 나무 아래를 피해 건물 안으로 들어가는 것이 <안전하다>."]),
    ("소리", "물체의 떨림이 공기와 같은 물질을 통해 전달되는 것", [
        "소리는 공기뿐 아니라 물이나 쇠 같은 고체를 통해서도 <전달되다>.",
        "공기가 없는 우주 공간에서는 소리가 전달되지 <않다>.",
        "떨림이 빠를수록 높은 소리가 나고, 떨림이 느릴수록 낮은 소리가 <나다>."]),
    ("빛의 굴절", "빛이 서로 다른 물질의 경계를 지날 때 꺾이는 현상", [
        "물이 담긴 컵에 젓가락을 넣으면 꺾여 보이는 것이 굴절 때문<이다>.",
        "안경과 돋보기는 빛의 굴절을 이용해 물체를 또렷하거나 크게 보이게 <하다>.",
        "수영장 바닥이 실제보다 얕아 보이는 것도 빛의 굴절 때문<이다>."]),
    ("하늘이 파란 이유", None, [
        "햇빛에는 여러 색의 빛이 섞여 있는데, 그중 파란빛이 공기 알갱이에 부딪혀 사방으로 더 많이 <흩어지다>.",
        "그래서 낮에 하늘을 올려다보면 어느 쪽을 보아도 파랗게 <보이다>.",
        "해 질 무렵에는 햇빛이 공기층을 더 길게 지나오면서 파란빛은 대부분 흩어지고 붉은빛이 많이 남아 노을이 <생기다>."]),
    ("얼음이 물에 뜨는 이유", None, [
        "물은 얼면서 부피가 <늘어나다>.",
        "부피가 늘어난 만큼 같은 부피의 물보다 가벼워져서 얼음은 물 위에 <뜨다>.",
        "겨울에 호수가 위에서부터 얼기 때문에 그 아래의 물고기들이 살아남을 수 <있다>.",
        "겨울철에 수도관이 터지는 것도 물이 얼면서 부피가 커지기 때문<이다>."]),
    ("바닷물이 짠 이유", None, [
        "강물은 흐르면서 땅과 바위에 있던 여러 물질을 조금씩 녹여 바다로 <나르다>.",
        "바다에서 물은 증발하지만 녹아 있던 소금 성분은 그대로 남기 때문에 바닷물에서는 짠맛이 <나다>.",
        "바닷물을 염전에 가두고 햇볕과 바람으로 물을 증발시켜 얻은 소금이 천일염<이다>."]),
    ("세포", "생물의 몸을 이루는 가장 기본적인 단위", [
        "사람의 몸은 수십조 개의 세포로 이루어져 <있다>.",
        "세포는 크기가 매우 작아서 대부분 현미경으로 보아야 <보이다>.",
        "식물 세포에는 동물 세포에 없는 세포벽과 엽록체가 <있다>."]),
    ("심장", "온몸으로 피를 보내는 펌프 역할을 하는 기관", [
        "심장은 쉬지 않고 뛰면서 산소와 영양분이 담긴 피를 온몸으로 <보내다>.",
        "어른의 심장은 쉬고 있을 때 보통 1분에 60번에서 100번 정도 <뛰다>.",
        "운동을 하면 몸이 더 많은 산소를 필요로 하기 때문에 심장이 빨리 <뛰다>."]),
    ("소화", "먹은 음식을 몸이 흡수할 수 있도록 잘게 분해하는 과정", [
        "소화는 입에서 음식을 씹고 침과 섞는 것부터 <시작되다>.",
        "위에서는 위액이 음식물을 잘게 분해하고, 작은창자에서는 대부분의 영양소가 <흡수되다>.",
        "음식을 천천히 꼭꼭 씹어 먹으면 소화에 도움이 <되다>."]),
    ("뼈", "몸을 지탱하고 내부 기관을 보호하는 단단한 조직", [
        "어른의 몸에는 보통 206개의 뼈가 <있다>.",
        "갓 태어난 아기는 뼈의 개수가 더 많지만, 자라면서 일부 뼈가 서로 붙어서 개수가 <줄어들다>.",
        "뼈를 튼튼하게 하려면 칼슘이 든 음식을 먹고 적당히 운동하는 것이 <좋다>."]),
    ("면역", "몸에 들어온 세균이나 바이러스 같은 병원체를 알아보고 물리치는 우리 몸의 방어 체계", [
        "백신은 약하게 만든 병원체나 그 일부를 미리 접하게 해서 몸이 대비하도록 <돕다>.",
        "잠을 충분히 자고 골고루 먹는 것은 면역력을 유지하는 데 도움이 <되다>.",
        "열이 나는 것은 몸이 병원체와 싸우고 있다는 신호일 때가 <많다>."]),
    ("화산", "땅속 깊은 곳의 마그마가 땅 위로 분출하여 생긴 지형", [
        "한라산과 백두산은 모두 화산 활동으로 만들어진 산<이다>.",
        "제주도에서 흔히 볼 수 있는 현무암은 용암이 빠르게 식으면서 생긴 암석이라 작은 구멍이 많이 나 <있다>.",
        "화산재가 쌓인 땅은 시간이 지나면 농사가 잘되는 기름진 땅이 되기도 <하다>."]),
    ("지진", "땅속의 힘 때문에 땅이 갑자기 흔들리는 현상", [
        "지진은 땅속의 거대한 암석층이 어긋나거나 깨지면서 <일어나다>.",
        "지진이 나면 탁자 밑으로 들어가 머리를 보호하고, 흔들림이 멈추면 넓은 곳으로 대피해야 <하다>.",
        "건물 밖으로 나갈 때는 엘리베이터 대신 계단을 이용해야 <하다>."]),
    ("먹이 사슬", "생물들이 먹고 먹히는 관계를 사슬처럼 이어 놓은 것", [
        "풀을 메뚜기가 먹고, 메뚜기를 개구리가 먹고, 개구리를 뱀이 먹는 관계가 먹이 사슬의 한 예<이다>.",
        "먹이 사슬의 한 단계가 사라지면 다른 생물들에게도 영향이 <미치다>.",
        "실제 자연에서는 여러 먹이 사슬이 복잡하게 얽혀 있는데, 이를 먹이 그물이라고 <부르다>."]),
    ("온실 효과", "대기 중의 온실가스가 지구에서 빠져나가는 열의 일부를 붙잡아 지구를 따뜻하게 유지하는 현상", [
        "온실 효과가 없다면 지구의 평균 기온은 지금보다 훨씬 낮을 <거예요|것입니다|것이다>.",
        "그런데 온실가스가 지나치게 많아지면 지구의 평균 기온이 올라가는 지구 온난화가 <일어나다>.",
        "에너지를 아끼고 대중교통을 이용하는 것은 온실가스를 줄이는 작은 <실천이에요|실천입니다|실천이다>."]),
    ("자석", "철과 같은 금속을 끌어당기는 성질을 가진 물체", [
        "자석에는 두 개의 극이 있는데, 같은 극끼리는 밀어내고 다른 극끼리는 <끌어당기다>.",
        "나침반의 바늘도 작은 자석이라서 지구의 자기장을 따라 남북 방향을 <가리키다>.",
        "자석을 반으로 잘라도 각각의 조각에 다시 두 개의 극이 <생기다>."]),
    ("마찰력", "두 물체가 맞닿아 움직일 때 그 움직임을 방해하는 힘", [
        "눈길에 모래를 뿌리는 것은 마찰력을 크게 해서 미끄러지지 않게 하기 위해서<이다>.",
        "마찰력이 없다면 우리는 걸을 때마다 미끄러져서 제대로 걷지도 못할 <거예요|것입니다|것이다>.",
        "추운 날 두 손을 비비면 따뜻해지는 것도 마찰 때문에 열이 생기기 때문<이다>."]),
    ("관성", "물체가 원래의 운동 상태를 계속 유지하려는 성질", [
        "달리던 버스가 갑자기 멈추면 몸이 앞으로 쏠리는 것이 관성 때문<이다>.",
        "그래서 차를 탈 때는 반드시 안전띠를 매야 <하다>.",
        "멈춰 있던 버스가 갑자기 출발할 때 몸이 뒤로 쏠리는 것도 같은 원리<이다>."]),
    ("발효", "미생물이 음식 속 성분을 분해하여 새로운 맛과 성분을 만드는 과정", [
        "김치, 된장, 간장, 요구르트는 모두 발효를 이용해 만든 음식<이다>.",
        "김치가 익으면서 신맛이 나는 것은 유산균이 젖산을 만들기 때문<이다>.",
        "발효 음식은 오래 보관할 수 있어서 냉장고가 없던 시절에 특히 중요한 역할을 <하다.P>."]),
    ("공룡", "아주 오래전인 중생대에 지구에 살았던 파충류 무리", [
        "공룡 화석은 땅속에 묻힌 뼈나 발자국이 오랜 시간에 걸쳐 돌처럼 굳어서 <만들어지다>.",
        "우리나라 경상남도 고성에서는 공룡 발자국 화석이 많이 <발견되다.P>.",
        "많은 과학자들은 커다란 소행성이 충돌한 뒤 환경이 크게 바뀌면서 공룡이 사라졌다고 <보다>.",
        "오늘날의 새는 공룡의 한 갈래에서 진화한 것으로 <여겨지다>."]),
    ("태양계", "태양과 그 둘레를 도는 행성, 위성, 소행성 등을 모두 합친 것", [
        "태양계에는 수성, 금성, 지구, 화성, 목성, 토성, 천왕성, 해왕성의 여덟 행성이 <있다>.",
        "그중 가장 큰 행성은 목성이고, 태양에서 가장 가까운 행성은 수성<이다>.",
        "태양에서 출발한 빛이 지구에 닿기까지는 약 8분 20초가 <걸리다>."]),
    ("원자와 분자", None, [
        "원자는 모든 물질을 이루는 아주 작은 기본 알갱이<이다>.",
        "원자 몇 개가 결합하면 물질의 성질을 지닌 분자가 <되다>.",
        "물 분자 하나는 수소 원자 두 개와 산소 원자 하나로 이루어져 <있다>."]),
    ("전기 회로", "전지, 전선, 전구 등이 연결되어 전기가 흐르는 길", [
        "전기가 흐르려면 회로가 끊어진 곳 없이 이어져 있어야 <하다>.",
        "전구 여러 개를 직렬로 연결하면 전구가 늘어날수록 각각의 불빛이 <어두워지다>.",
        "전구를 병렬로 연결하면 전구 하나가 꺼져도 나머지 전구는 계속 켜져 <있다>."]),
    ("식물의 한살이", "씨가 싹 트고 자라 꽃을 피운 뒤 다시 씨를 맺기까지의 과정", [
        "씨가 싹 트려면 알맞은 온도와 물, 공기가 <필요하다>.",
        "꽃가루가 암술에 옮겨 붙는 것을 꽃가루받이라고 하는데, 벌과 나비가 이 일을 <돕다>.",
        "강낭콩처럼 한 해 안에 한살이를 마치는 식물도 있고, 사과나무처럼 여러 해를 사는 식물도 <있다>."]),
]

HISTORY = [
    ("세종대왕", "조선의 제4대 왕", [
        "세종대왕은 백성이 글을 쉽게 배우고 쓸 수 있도록 훈민정음을 <만들다.P>.",
        "훈민정음은 1443년에 만들어졌고 1446년에 <반포되다.P>.",
        "세종 때에는 비의 양을 재는 측우기와 해의 그림자로 시간을 알려 주는 해시계 같은 과학 기구도 <만들어지다.P>.",
        "세종대왕은 집현전에 학자들을 모아 학문을 연구하게 하고 여러 책을 펴내게 <하다.P>."]),
    ("이순신 장군", "임진왜란 때 나라를 지킨 조선의 장군", [
        "이순신 장군은 임진왜란 때 수군을 이끌고 여러 해전에서 <승리하다.P>.",
        "한산도 대첩과 명량 해전은 이순신 장군의 대표적인 승리로 <꼽히다>.",
        "명량 해전에서는 적은 수의 배로 훨씬 많은 적선을 물리쳐 지금까지도 널리 <기억되다>.",
        "이순신 장군이 전쟁 중에 쓴 일기는 난중일기라고 <불리다>.",
        "거북선은 배 위를 덮개로 덮고 뾰족한 쇠못을 박아 적이 쉽게 올라타지 못하도록 만든 <배예요|배입니다|배다>."]),
    ("장영실", "조선 세종 때 활약한 과학자", [
        "장영실은 신분이 낮았지만 뛰어난 재주를 인정받아 궁궐에서 일하게 <되다.P>.",
        "장영실은 스스로 시간을 알려 주는 물시계인 자격루를 만드는 데 큰 역할을 <하다.P>.",
        "그의 이야기는 재능을 알아보고 기회를 준 세종대왕의 안목과 함께 자주 <전해지다>."]),
    ("직지심체요절", "고려 시대에 금속 활자로 찍어 낸 불교 책", [
        "직지심체요절은 1377년 청주 흥덕사에서 <인쇄되다.P>.",
        "현재 남아 있는 금속 활자 인쇄본 가운데 가장 오래된 것으로 <알려져 있다>.",
        "이 책은 유네스코 세계 기록 유산에 등재되어 <있다>."]),
    ("팔만대장경", "고려 시대에 만든 불교 경전의 목판", [
        "팔만대장경은 몽골의 침입을 부처의 힘으로 이겨 내고자 하는 바람을 담아 <만들어지다.P>.",
        "목판의 수가 팔만 장이 넘어서 팔만대장경이라고 <부르다>.",
        "팔만대장경은 경상남도 합천의 해인사에 보관되어 있으며 유네스코 세계 기록 유산으로도 <등재되다.P>.",
        "수백 년이 지나도 목판이 잘 보존된 것은 바람이 잘 통하도록 지은 장경판전 덕분<이다>."]),
    ("신라의 삼국 통일", None, [
        "신라는 당나라와 힘을 합쳐 백제와 고구려를 차례로 <무너뜨리다.P>.",
        "그 뒤 신라는 한반도에서 당나라 세력을 몰아내고 7세기 후반에 삼국 통일을 <이루다.P>.",
        "삼국 통일 과정에서는 김유신과 김춘추가 큰 역할을 <하다.P>."]),
    ("광개토대왕", "고구려의 제19대 왕", [
        "광개토대왕은 이름 그대로 나라의 땅을 크게 넓힌 왕으로 <알려져 있다>.",
        "그의 업적은 아들인 장수왕이 세운 광개토대왕릉비에 <새겨져 있다>.",
        "광개토대왕 때 고구려는 만주와 한반도 북부에 걸친 넓은 영토를 <차지하다.P>."]),
    ("백제", "한반도 서남부에서 발전한 고대 국가", [
        "백제는 중국, 일본과 활발하게 교류하며 세련된 문화를 <꽃피우다.P>.",
        "백제는 학문과 기술, 불교 문화를 일본에 전해 주어 일본 고대 문화 발전에 큰 영향을 <주다.P>.",
        "충청남도 공주의 무령왕릉에서는 화려한 금제 장신구를 비롯해 많은 유물이 <발견되다.P>."]),
    ("조선의 건국", None, [
        "조선은 1392년 이성계가 세운 나라<이다>.",
        "조선은 도읍을 한양, 지금의 서울로 <옮기다.P>.",
        "조선은 500년 넘게 이어지며 유교를 나라를 다스리는 기본 이념으로 <삼다.P>."]),
    ("경복궁", "조선 왕조의 으뜸 궁궐", [
        "경복궁은 조선을 세운 뒤 1395년에 <완공되다.P>.",
        "임진왜란 때 불에 탄 뒤 오랫동안 폐허로 남아 있다가 고종 때 흥선대원군이 다시 <짓다.P>.",
        "경복궁의 정문은 광화문이며, 근정전은 왕이 신하들의 조회를 받던 곳<이다>."]),
    ("수원 화성", "조선 정조 때 쌓은 성곽", [
        "수원 화성은 1796년에 <완성되다.P>.",
        "공사 때는 정약용이 고안한 거중기를 사용해 무거운 돌을 적은 힘으로 들어 올릴 수 <있다.P>.",
        "공사 과정을 자세히 기록한 의궤 덕분에 훗날 성을 원래 모습에 가깝게 복원할 수 <있다.P>.",
        "수원 화성은 1997년 유네스코 세계 문화유산으로 <등재되다.P>."]),
    ("정약용", "조선 후기의 실학자", [
        "정약용은 백성의 삶에 실제로 도움이 되는 학문을 중요하게 <여기다.P>.",
        "정약용은 오랜 유배 생활 동안 목민심서를 비롯한 많은 책을 <쓰다.P>.",
        "정약용은 수원 화성을 쌓을 때 거중기를 고안해 공사 기간을 줄이는 데 <기여하다.P>."]),
    ("동의보감", "조선의 의관 허준이 여러 의학 지식을 모아 정리한 의학책", [
        "동의보감은 광해군 때인 1610년에 <완성되다.P>.",
        "동의보감에는 병의 증상과 치료법뿐 아니라 병을 미리 막는 생활 습관도 <담겨 있다>.",
        "동의보감은 그 가치를 인정받아 유네스코 세계 기록 유산에 <등재되다.P>."]),
    ("대동여지도", "조선 후기의 지리학자 김정호가 1861년에 만든 지도", [
        "대동여지도는 여러 장의 목판으로 찍어 내어 접거나 펼쳐 볼 수 있게 <만들어지다.P>.",
        "대동여지도에는 산줄기와 물줄기, 길과 고을의 위치가 매우 자세하게 <표시되어 있다>.",
        "목판으로 만들었기 때문에 여러 장을 찍어 널리 보급할 수 <있다.P>."]),
    ("3·1 운동", "1919년 3월 1일에 일어난 독립운동", [
        "사람들은 태극기를 들고 거리로 나와 대한 독립 만세를 <외치다.P>.",
        "유관순 열사도 고향인 천안 아우내 장터에서 만세 운동을 <이끌다.P>.",
        "3·1 운동을 계기로 같은 해 중국 상하이에 대한민국 임시 정부가 <세워지다.P>."]),
    ("광복", "빼앗겼던 나라를 되찾았다는 뜻", [
        "우리나라는 1945년 8월 15일에 일제 강점에서 벗어나 광복을 <맞이하다.P>.",
        "해마다 8월 15일은 광복을 기념하는 광복절<이다>.",
        "광복절에는 태극기를 달고 독립을 위해 애쓴 분들의 뜻을 <기리다>."]),
    ("한국 전쟁", None, [
        "한국 전쟁은 1950년 6월 25일에 <시작되다.P>.",
        "1953년 7월 27일 정전 협정이 맺어지면서 전투는 <멈추다.P>.",
        "전쟁으로 많은 사람이 목숨을 잃었고 수많은 이산가족이 <생기다.P>."]),
    ("첨성대", "신라 시대에 만든 천문 관측 시설", [
        "첨성대는 신라 선덕 여왕 때 경주에 <세워지다.P>.",
        "첨성대는 지금 남아 있는 동아시아의 천문 관측 시설 가운데 가장 오래된 것으로 <알려져 있다>.",
        "돌을 둥글게 쌓아 올린 모양이 아름다워 지금도 많은 사람이 첨성대를 <찾다>."]),
    ("석굴암과 불국사", None, [
        "석굴암과 불국사는 신라 경덕왕 때 김대성이 짓기 시작한 것으로 <전해지다>.",
        "석굴암은 돌을 다듬어 만든 인공 석굴 사원이며, 안에는 본존불이 <모셔져 있다>.",
        "석굴암과 불국사는 1995년 함께 유네스코 세계 문화유산으로 <등재되다.P>."]),
    ("고인돌", "청동기 시대 사람들이 만든 무덤", [
        "고인돌은 커다란 덮개돌을 받침돌 위에 올려놓은 모양을 하고 <있다>.",
        "우리나라는 세계에서 고인돌이 가장 많이 남아 있는 나라 가운데 하나<이다>.",
        "고창, 화순, 강화의 고인돌 유적은 2000년 유네스코 세계 문화유산으로 <등재되다.P>."]),
    ("조선왕조실록", "조선 역대 왕의 재위 기간에 있었던 일을 날짜순으로 기록한 책", [
        "조선왕조실록은 태조부터 철종까지 470년이 넘는 역사를 <담고 있다>.",
        "사관들은 왕도 함부로 기록을 보지 못하게 하여 사실을 있는 그대로 남기려고 <애쓰다.P>.",
        "조선왕조실록은 1997년 유네스코 세계 기록 유산으로 <등재되다.P>."]),
    ("고려청자", "고려 시대에 만든 푸른빛의 도자기", [
        "고려청자는 맑고 은은한 푸른빛으로 <유명하다>.",
        "그릇 표면에 무늬를 새기고 다른 색의 흙을 메워 넣는 상감 기법은 고려의 독창적인 기술<이다>.",
        "고려청자의 푸른빛은 비취옥의 빛깔을 닮았다고 해서 비색이라고 <부르다>."]),
]

KNOWLEDGE = [
    ("지구의 바다", None, [
        "지구 표면의 약 70퍼센트는 바다로 덮여 <있다>.",
        "지구에서 가장 넓은 바다는 태평양<이다>.",
        "바다는 지구의 기온을 조절하고 수많은 생물의 보금자리가 되어 <주다>."]),
    ("세계에서 가장 높은 산", None, [
        "세계에서 가장 높은 산은 히말라야산맥에 있는 에베레스트산<이다>.",
        "에베레스트산의 높이는 약 8,849미터로 <알려져 있다>.",
        "우리나라 남한에서 가장 높은 산은 해발 1,947미터의 한라산<이다>.",
        "한반도 전체로 보면 높이가 약 2,744미터인 백두산이 가장 <높다>."]),
    ("한반도의 강", None, [
        "한반도에서 가장 긴 강은 압록강<이다>.",
        "남한에서 가장 긴 강은 영남 지방을 흐르는 낙동강<이다>.",
        "서울을 가로지르는 한강은 예로부터 교통과 생활의 중심 역할을 <하다.P>."]),
    ("고래", "바다에 살지만 물고기가 아닌 포유류", [
        "고래는 새끼를 낳아 젖을 먹여 <기르다>.",
        "물고기와 달리 아가미가 아니라 폐로 숨을 쉬기 때문에 주기적으로 물 위로 올라와야 <하다>.",
        "지구에서 가장 큰 동물로 알려진 대왕고래는 몸길이가 30미터 가까이 자라기도 <하다>."]),
    ("펭귄", "날지 못하는 대신 헤엄을 아주 잘 치는 새", [
        "펭귄의 날개는 물속에서 노를 젓듯이 움직이기에 알맞게 <발달하다.P>.",
        "대부분의 펭귄은 남반구에 <살다>.",
        "황제펭귄은 남극의 추운 겨울에 알을 낳고, 수컷이 발 위에 알을 올려 <품다>."]),
    ("문어", None, [
        "문어는 다리가 여덟 개이고 심장이 세 개<이다>.",
        "문어는 주변 환경에 맞춰 몸 색깔을 바꾸어 몸을 숨기는 능력이 <뛰어나다>.",
        "문어는 머리가 좋아서 병뚜껑을 여는 등 간단한 문제를 푸는 모습이 관찰되기도 <하다.P>."]),
    ("꿀벌", None, [
        "꿀벌은 꽃에서 꿀과 꽃가루를 모으면서 식물의 꽃가루받이를 <돕다>.",
        "꿀벌은 춤을 추듯 몸을 움직여 동료들에게 꽃이 있는 방향과 거리를 <알리다>.",
        "우리가 먹는 많은 과일과 채소도 꿀벌 같은 곤충의 도움으로 열매를 <맺다>."]),
    ("윤년", "2월이 29일까지 있어서 한 해가 366일인 해", [
        "지구가 태양을 한 바퀴 도는 데는 약 365일 6시간이 <걸리다>.",
        "그래서 남는 시간을 모아 대체로 4년에 한 번 2월을 하루 <늘리다>.",
        "윤년이 없다면 달력의 날짜와 실제 계절이 조금씩 <어긋나다>."]),
    ("설날", "음력 1월 1일로, 새해의 첫날을 기념하는 우리 명절", [
        "설날에는 웃어른께 세배를 드리고 덕담을 <나누다>.",
        "설날 아침에 떡국을 먹으면 나이를 한 살 더 먹는다는 이야기가 <있다>.",
        "윷놀이나 연날리기 같은 전통 놀이를 즐기기도 <하다>."]),
    ("추석", "음력 8월 15일로, 한 해의 수확에 감사하는 우리 명절", [
        "추석에는 햅쌀로 빚은 송편과 햇과일로 차례를 지내고 성묘를 <하다>.",
        "추석은 한가위라고도 하며, 이날 뜨는 보름달은 한 해 중 가장 크고 밝은 달로 <여겨지다>.",
        "멀리 사는 가족들이 모여 음식을 나누고 이야기꽃을 피우는 것도 추석의 즐거움<이다>."]),
    ("동지", "일 년 중 밤이 가장 길고 낮이 가장 짧은 날", [
        "동지는 보통 양력 12월 22일 무렵<이다>.",
        "동지에는 팥죽을 쑤어 먹는 풍습이 <있다>.",
        "옛사람들은 붉은 팥이 나쁜 기운을 쫓아 준다고 <믿다.P>."]),
    ("단오", "음력 5월 5일로, 옛사람들이 큰 명절로 여긴 날", [
        "단오에는 창포물에 머리를 감고 그네뛰기와 씨름을 <즐기다.P>.",
        "강릉 단오제는 유네스코 인류 무형 문화유산으로 등재되어 <있다>.",
        "단오 무렵은 모내기를 끝내고 한숨 돌리는 때라서 마을 사람들이 함께 어울려 <놀다.P>."]),
    ("태극기", "대한민국의 국기", [
        "태극기는 흰 바탕 가운데에 빨강과 파랑의 태극 무늬가 있고, 네 모서리에 검은색 괘가 <있다>.",
        "네 괘는 건, 곤, 감, 리라고 하며 각각 하늘, 땅, 물, 불을 <뜻하다>.",
        "흰 바탕은 밝음과 순수, 그리고 평화를 사랑하는 마음을 <나타내다>."]),
    ("무궁화", "우리나라를 상징하는 꽃", [
        "무궁화라는 이름에는 끝없이 피고 또 피는 꽃이라는 뜻이 담겨 <있다>.",
        "무궁화는 여름부터 가을까지 오랫동안 새 꽃을 피워 <내다>.",
        "무궁화 꽃 한 송이는 대개 아침에 피었다가 저녁이면 <지다>."]),
    ("김장", "겨울을 나기 위해 많은 양의 김치를 한꺼번에 담그는 일", [
        "김장은 보통 늦가을에서 초겨울 사이에 <하다>.",
        "이웃과 가족이 모여 함께 김치를 담그고 나누는 김장 문화는 유네스코 인류 무형 문화유산으로 <등재되다.P>.",
        "김장을 마친 날에는 갓 버무린 김치에 수육을 싸 먹는 즐거움도 <있다>."]),
    ("올림픽", "4년마다 열리는 세계적인 종합 스포츠 대회", [
        "올림픽 깃발에 그려진 다섯 개의 고리는 다섯 대륙의 화합을 <뜻하다>.",
        "여름 올림픽과 겨울 올림픽은 2년 간격으로 번갈아 <열리다>.",
        "우리나라는 1988년 서울에서 여름 올림픽을, 2018년 평창에서 겨울 올림픽을 <개최하다.P>."]),
    ("나이테", "나무줄기를 가로로 자른 면에 보이는 둥근 테", [
        "나이테는 보통 1년에 하나씩 생기기 때문에 개수를 세면 나무의 나이를 짐작할 수 <있다>.",
        "날씨가 따뜻하고 비가 넉넉한 해에는 나무가 많이 자라서 나이테 간격이 <넓어지다>.",
        "나이테를 잘 살펴보면 그 나무가 살아온 해마다의 날씨를 짐작할 수도 <있다>."]),
    ("우리나라의 사계절", None, [
        "우리나라는 봄, 여름, 가을, 겨울의 사계절이 뚜렷한 편<이다>.",
        "여름에는 장마철에 비가 집중적으로 내리고, 겨울에는 차갑고 건조한 바람이 <불다>.",
        "봄과 가을은 날씨가 온화해서 나들이하기 좋은 계절로 <꼽히다>."]),
    ("시간의 단위", None, [
        "1분은 60초, 1시간은 60분, 하루는 24시간<이다>.",
        "옛날에는 해시계나 물시계로 시간을 <재다.P>.",
        "옛사람들은 하루를 열두 때로 나누어 자시, 축시, 인시처럼 <부르다.P>."]),
    ("열두 띠", "해마다 돌아가며 정해지는 열두 동물", [
        "열두 띠는 쥐, 소, 호랑이, 토끼, 용, 뱀, 말, 양, 원숭이, 닭, 개, 돼지의 순서로 <돌아가다>.",
        "같은 띠는 12년마다 다시 <돌아오다>.",
        "그래서 나이를 물을 때 띠를 물어보고 대략적인 나이를 짐작하기도 <하다>."]),
]

TECH_CONCEPTS = [
    ("인공지능", "사람처럼 배우고 판단하는 능력을 컴퓨터로 구현하려는 기술", [
        "요즘의 인공지능은 많은 데이터를 학습해서 그 안에 숨어 있는 규칙을 스스로 <찾아내다>.",
        "번역, 음성 인식, 사진 분류처럼 우리가 매일 쓰는 서비스에도 인공지능이 이미 쓰이고 <있다>.",
        "다만 인공지능도 틀린 답을 그럴듯하게 내놓을 수 있으니 중요한 정보는 다시 확인하는 것이 <좋다>."]),
    ("인터넷", "전 세계의 컴퓨터가 서로 연결되어 정보를 주고받는 거대한 통신망", [
        "웹 사이트를 열면 멀리 있는 서버에 요청이 전달되고, 서버가 보낸 자료가 화면에 <나타나다>.",
        "인터넷에서 자료는 작은 조각으로 나뉘어 여러 경로를 거쳐 전달된 뒤 다시 <합쳐지다>.",
        "인터넷 덕분에 멀리 떨어진 사람과도 실시간으로 대화하고 자료를 나눌 수 <있다>."]),
    ("클라우드", "인터넷을 통해 다른 곳에 있는 서버에 자료를 저장하고 필요할 때 꺼내 쓰는 방식", [
        "클라우드에 사진을 올려 두면 휴대폰을 잃어버려도 사진을 다시 찾을 수 <있다>.",
        "여러 기기에서 같은 파일을 열어 볼 수 있다는 것도 클라우드의 장점<이다>.",
        "다만 중요한 자료라면 비밀번호를 튼튼하게 정하고 이중 인증을 켜 두는 것이 <안전하다>."]),
    ("운영 체제", "컴퓨터나 휴대폰의 장치를 관리하고 여러 프로그램이 돌아갈 수 있게 해 주는 기본 소프트웨어", [
        "우리가 앱을 실행하거나 파일을 저장할 수 있는 것은 운영 체제가 뒤에서 일을 나누고 관리해 주기 때문<이다>.",
        "운영 체제 업데이트에는 새로운 기능뿐 아니라 보안 문제를 고치는 내용도 자주 <들어 있다>.",
        "그래서 업데이트 알림이 오면 미루지 말고 설치하는 것이 <좋다>."]),
    ("메모리와 저장 공간", None, [
        "메모리는 지금 실행 중인 작업을 잠시 올려 두는 책상 같은 공간<이다>.",
        "저장 공간은 파일을 오래 보관하는 서랍장 같은 곳이라서 전원을 꺼도 내용이 <남다>.",
        "책상이 넓을수록 여러 일을 동시에 하기 편하듯이, 메모리가 클수록 여러 앱을 함께 실행하기 <수월하다>."]),
    ("암호화", "정해진 규칙에 따라 정보를 알아볼 수 없는 형태로 바꾸어 보호하는 기술", [
        "암호화된 자료는 올바른 열쇠 없이는 내용을 읽을 수 <없다>.",
        "인터넷 뱅킹이나 온라인 결제를 할 때 우리 정보가 안전하게 전달되는 것도 암호화 덕분<이다>.",
        "메신저 대화나 저장된 비밀번호도 암호화해서 보관하는 경우가 <많다>."]),
    ("이중 인증", "비밀번호 외에 한 가지 확인 절차를 더 거쳐서 로그인하는 보안 방법", [
        "비밀번호를 입력한 뒤 휴대폰으로 받은 인증 번호를 한 번 더 입력하는 방식이 대표적<이다>.",
        "비밀번호가 새어 나가더라도 두 번째 확인 절차가 있어서 다른 사람이 쉽게 로그인하지 <못하다>.",
        "조금 번거롭더라도 전자 우편이나 금융 계정에는 꼭 이중 인증을 설정해 두는 것이 <좋다>."]),
    ("프로그래밍", "컴퓨터가 할 일을 순서대로 적은 명령을 만드는 일", [
        "컴퓨터는 스스로 생각하지 못하기 때문에 무엇을 어떤 순서로 할지 정확하게 알려 주어야 <하다>.",
        "처음 배울 때는 간단한 계산기나 숫자 맞히기 놀이처럼 작은 프로그램을 만들어 보는 것이 <좋다>.",
        "프로그래밍을 배우면 복잡한 문제를 작은 단계로 나누어 생각하는 힘도 함께 <길러지다>."]),
    ("알고리즘", "어떤 문제를 해결하기 위한 절차나 방법을 순서대로 정리한 것", [
        "라면을 끓이는 순서를 적은 조리법도 일종의 알고리즘이라고 할 수 <있다>.",
        "같은 문제라도 어떤 알고리즘을 쓰느냐에 따라 걸리는 시간이 크게 <달라지다>.",
        "검색 결과나 추천 영상이 사람마다 다른 것도 각자에게 맞춰 결과를 고르는 알고리즘 때문<이다>."]),
    ("블루투스", "가까운 거리에 있는 기기끼리 전선 없이 자료를 주고받는 무선 통신 기술", [
        "무선 이어폰이나 무선 키보드가 휴대폰이나 컴퓨터와 연결되는 것도 블루투스 덕분<이다>.",
        "처음 연결할 때는 두 기기를 짝지어 주는 과정을 한 번 거쳐야 <하다>.",
        "사용하지 않을 때 블루투스를 꺼 두면 배터리를 조금 아낄 수 <있다>."]),
    ("반도체", "전기가 통하는 정도를 조절할 수 있는 물질, 또는 그 물질로 만든 부품", [
        "컴퓨터의 중앙 처리 장치와 메모리, 휴대폰 속 칩은 모두 반도체로 <만들어지다>.",
        "반도체는 자동차, 가전제품, 의료 기기 등 거의 모든 전자 제품에 <들어가다>.",
        "우리나라는 메모리 반도체 분야에서 세계적인 경쟁력을 갖춘 나라로 <꼽히다>."]),
    ("큐알 코드", "네모난 칸 안에 검은 점과 흰 점을 배열해 정보를 담은 이차원 코드", [
        "휴대폰 카메라로 큐알 코드를 비추면 담겨 있는 인터넷 주소나 정보가 바로 <열리다>.",
        "식당 메뉴판, 택배 송장, 전시 안내문 등 생활 곳곳에서 큐알 코드를 쉽게 볼 수 <있다>.",
        "다만 출처를 알 수 없는 큐알 코드는 가짜 사이트로 연결될 수도 있으니 주의해야 <하다>."]),
    ("가상 현실", "컴퓨터로 만든 가상의 공간을 실제처럼 보고 느낄 수 있게 하는 기술", [
        "머리에 쓰는 전용 기기를 착용하면 눈앞에 가상의 세계가 펼쳐지고 고개를 돌리는 대로 장면이 <바뀌다>.",
        "가상 현실은 게임뿐 아니라 비행 훈련, 의료 교육, 건축 설계 같은 분야에서도 <활용되다>.",
        "오래 사용하면 어지러움을 느낄 수 있으니 중간중간 쉬어 가는 것이 <좋다>."]),
]
TECH_CONCEPTS += [
    ("배터리", "화학 에너지를 전기 에너지로 바꾸어 저장했다가 꺼내 쓰는 장치", [
        "휴대폰과 노트북에는 여러 번 충전해서 쓸 수 있는 충전식 배터리가 주로 <쓰이다>.",
        "배터리는 너무 뜨겁거나 추운 곳에 오래 두면 성능이 빨리 <떨어지다>.",
        "배터리가 부풀어 오르거나 뜨거워지면 사용을 멈추고 서비스 센터에 문의하는 것이 <안전하다>."]),
]


HISTORY += [
    ("훈민정음 해례본", "훈민정음을 만든 원리와 쓰는 법을 풀이한 책", [
        "훈민정음 해례본은 1446년에 펴낸 책으로, 글자를 만든 원리가 자세히 <적혀 있다>.",
        "이 책은 국보로 지정되어 있으며 1997년 유네스코 세계 기록 유산에 <등재되다.P>.",
        "해례본 덕분에 한글이 어떤 원리로 만들어졌는지 오늘날까지 정확히 알 수 <있다>."]),
    ("고조선", "우리 역사에서 처음으로 세워진 나라", [
        "고조선은 단군왕검이 세웠다고 <전해지다>.",
        "고조선에는 사회 질서를 지키기 위한 여덟 가지 법이 있었는데, 지금은 그중 세 가지 조항이 <전해지다>.",
        "고조선의 건국 이야기는 고려 시대에 쓰인 삼국유사에 <실려 있다>."]),
    ("삼국사기와 삼국유사", None, [
        "삼국사기는 고려 시대에 김부식 등이 왕의 명을 받아 펴낸 역사책<이다>.",
        "삼국유사는 고려의 승려 일연이 쓴 책으로, 단군 이야기와 여러 설화가 <담겨 있다>.",
        "두 책은 삼국 시대의 역사와 문화를 알려 주는 소중한 <자료예요|자료입니다|자료다>."]),
    ("안중근 의사", "대한 제국 시기의 독립운동가", [
        "안중근 의사는 1909년 중국 하얼빈에서 이토 히로부미를 <저격하다.P>.",
        "안중근 의사는 감옥에서도 동양 평화론을 쓰며 평화에 대한 생각을 글로 <남기다.P>.",
        "안중근 의사는 1910년 뤼순 감옥에서 <순국하다.P>."]),
    ("대한민국 임시 정부", "1919년 중국 상하이에서 세워진 독립운동의 중심 기관", [
        "임시 정부는 나라 밖에서 독립운동을 이끌고 여러 나라를 상대로 외교 활동을 <펼치다.P>.",
        "김구 선생은 임시 정부의 주석으로서 독립운동을 <이끌다.P>.",
        "대한민국 헌법 전문에는 임시 정부의 정신을 이어받는다는 내용이 <담겨 있다>."]),
    ("신사임당", "조선 시대의 화가이자 율곡 이이의 어머니", [
        "신사임당은 풀과 벌레를 섬세하게 그린 그림으로 <유명하다>.",
        "신사임당의 얼굴은 오만 원권 지폐에 <그려져 있다>.",
        "아들인 율곡 이이는 조선의 이름난 학자로, 오천 원권 지폐에 얼굴이 <그려져 있다>."]),
    ("측우기", "비가 내린 양을 재는 기구", [
        "측우기는 조선 세종 때인 1441년 무렵에 <만들어지다.P>.",
        "측우기 덕분에 전국 곳곳에서 비의 양을 같은 기준으로 재어 농사에 <활용하다.P>.",
        "측우기는 세계적으로도 이른 시기에 만든 강우량 측정 기구로 <평가받다>."]),
]
KNOWLEDGE += [
    ("독도", "우리나라 동쪽 끝에 있는 섬", [
        "독도는 동도와 서도, 그리고 그 주변의 작은 바위섬들로 <이루어져 있다>.",
        "독도는 행정 구역상 경상북도 울릉군에 <속하다>.",
        "독도 주변 바다는 차가운 바닷물과 따뜻한 바닷물이 만나는 곳이라 물고기가 <풍부하다>."]),
    ("한라산", "제주도 한가운데에 솟은 산", [
        "한라산의 높이는 1,947미터로 남한에서 가장 <높다>.",
        "산꼭대기에는 백록담이라는 화구호가 <있다>.",
        "한라산을 비롯한 제주도의 화산 지형은 유네스코 세계 자연 유산으로 <등재되다.P>."]),
    ("우리나라의 국경일", None, [
        "우리나라의 국경일은 삼일절, 제헌절, 광복절, 개천절, 한글날의 다섯 날<이다>.",
        "개천절은 10월 3일로, 우리 민족 최초의 국가인 고조선의 건국을 기념하는 날<이다>.",
        "제헌절은 7월 17일로, 1948년에 헌법을 만들어 널리 알린 것을 기념하는 날<이다>."]),
    ("지구와 달", None, [
        "달은 지구의 하나뿐인 자연 위성<이다>.",
        "지구에서 달까지의 거리는 평균 약 38만 킬로미터<이다>.",
        "달은 늘 같은 면만 지구를 향하고 있어서 지구에서는 달의 뒷면을 볼 수 <없다>."]),
    ("기린", None, [
        "기린은 키가 5미터를 넘기도 하는, 땅 위에서 가장 키가 큰 동물<이다>.",
        "기린의 목은 매우 길지만 목뼈의 개수는 사람과 같은 일곱 개<이다>.",
        "기린은 긴 혀를 이용해 높은 나뭇가지의 잎을 뜯어 <먹다>."]),
    ("낙타", None, [
        "낙타의 혹에는 물이 아니라 지방이 <저장되어 있다>.",
        "낙타는 한 번에 많은 물을 마실 수 있어서 며칠 동안 물을 마시지 않고도 <견디다>.",
        "긴 속눈썹과 여닫을 수 있는 콧구멍은 모래바람으로부터 낙타를 <지켜 주다>."]),
    ("개미", None, [
        "개미는 여왕개미와 일개미처럼 역할을 나누어 무리를 지어 <살다>.",
        "개미는 몸에서 냄새 물질을 내어 동료들에게 먹이가 있는 길을 <알리다>.",
        "개미는 자기 몸무게보다 훨씬 무거운 물건을 들어 옮길 수 <있다>."]),
    ("곰의 겨울잠", None, [
        "곰은 먹이가 부족한 겨울 동안 굴속에서 겨울잠을 <자다>.",
        "겨울잠을 자는 동안 곰은 심장 박동과 호흡이 느려지고 몸에 쌓아 둔 지방으로 <버티다>.",
        "그래서 곰은 가을에 열매와 물고기 등을 잔뜩 먹어 몸에 지방을 <쌓다>."]),
    ("세계의 대륙", None, [
        "지구에는 아시아, 아프리카, 북아메리카, 남아메리카, 남극, 유럽, 오세아니아의 일곱 대륙이 <있다>.",
        "그중 가장 넓은 대륙은 아시아<이다>.",
        "남극 대륙은 대부분 두꺼운 얼음으로 덮여 <있다>."]),
    ("한복", "우리나라의 전통 옷", [
        "한복은 저고리와 치마, 또는 저고리와 바지를 기본으로 <하다>.",
        "한복은 선이 부드럽고 색이 곱기로 <유명하다>.",
        "요즘은 명절이나 결혼식 같은 특별한 날에 한복을 입는 경우가 <많다>."]),
    ("온돌", "방바닥 아래로 뜨거운 공기를 통하게 해 방을 데우는 우리 고유의 난방 방식", [
        "아궁이에 불을 때면 뜨거운 연기가 방바닥 밑을 지나며 구들장을 <데우다>.",
        "데워진 구들장은 오랫동안 열을 품고 있어서 방이 천천히 식고 오래 <따뜻하다>.",
        "오늘날의 바닥 난방도 온돌의 원리를 이어받은 것<이다>."]),
    ("한옥", "우리나라 고유의 전통 가옥", [
        "한옥은 나무, 흙, 돌, 종이처럼 자연에서 얻은 재료로 <지어지다>.",
        "한옥은 추운 겨울을 위한 온돌과 더운 여름을 위한 대청마루를 함께 갖추고 <있다>.",
        "깊은 처마는 여름에는 높이 뜬 해의 빛을 가리고 겨울에는 낮게 뜬 해의 빛이 방 안까지 들어오게 <돕다>."]),
]
SCIENCE += [
    ("물의 상태 변화", None, [
        "물은 보통 0도에서 얼고 100도에서 <끓다>.",
        "얼음이 녹아 물이 되는 것을 융해, 물이 얼어 얼음이 되는 것을 응고라고 <하다>.",
        "높은 산 위에서는 기압이 낮아서 물이 100도보다 낮은 온도에서 <끓다>."]),
    ("지구의 속 구조", None, [
        "지구의 속은 바깥쪽부터 지각, 맨틀, 외핵, 내핵으로 <나뉘다>.",
        "우리가 딛고 사는 지각은 지구 전체로 보면 사과 껍질처럼 아주 얇은 층<이다>.",
        "지구 중심부의 온도는 수천 도에 이를 만큼 매우 <높다>."]),
    ("별", "스스로 빛을 내는 천체", [
        "태양도 스스로 빛과 열을 내는 별<이다>.",
        "별빛은 아주 먼 곳에서 오기 때문에 우리가 보는 별빛은 오래전에 출발한 빛<이다>.",
        "도시보다 불빛이 적은 시골이나 산에서 별이 더 많이 <보이다>."]),
    ("혈액", "몸속을 돌며 산소와 영양분을 나르는 붉은 액체", [
        "혈액은 산소와 영양분을 온몸에 나르고 몸에서 생긴 노폐물을 <실어 나르다>.",
        "혈액이 붉은색을 띠는 것은 적혈구 속의 헤모글로빈 때문<이다>.",
        "상처가 나면 혈소판이 피를 굳게 해서 피가 멎도록 <돕다>."]),
    ("재활용", "다 쓴 물건을 모아 다시 자원으로 쓰는 일", [
        "플라스틱, 유리병, 캔, 종이는 종류별로 나누어 버려야 다시 자원으로 쓰일 수 <있다>.",
        "페트병은 내용물을 비우고 겉에 붙은 비닐을 떼어 내면 재활용하기가 훨씬 <쉽다>.",
        "음식물이 묻은 용기는 헹군 뒤 버려야 다른 재활용품까지 오염되지 <않다>."]),
]


def _fact_para(rng: random.Random, style: str, entry, openers, closers,
               n_facts=(2, 3), p_close=0.6) -> list[str]:
    topic, definition, facts = entry
    s = {"topic": topic}
    if definition:
        s["def"] = definition
    sents = _build(rng, style, s, (openers, 1, 1))
    k = min(len(facts), rng.randint(*n_facts))
    for j, i in enumerate(sorted(rng.sample(range(len(facts)), k))):
        t = render(facts[i], s, style, rng)
        if j and not t.startswith(("그", "이 ", "이날", "다만", "하지만", "특히", "또", "여기")):
            t = rng.choice(CONNECT) + t
        sents.append(t)
    if rng.random() < p_close:
        sents += _build(rng, style, s, (closers, 1, 1))
    return sents


SCI_OPEN = [
    "{topic:은} {def:이다}.", "쉽게 말해 {topic:은} {def:이다}.", "[간단히 말하면|한마디로] {topic:은} {def:이다}.",
    "@{topic:이} 무엇인지 [궁금하셨던|생각해 보신] 적이 <있으신가요|있으십니까>?",
    "[오늘은|이번에는] {topic}에 대해 [쉽게|간단히|차근차근] 알아<볼게요|보겠습니다|보자>.",
    "[우리 주변에서 흔히 볼 수 있는|학교에서 한 번쯤 배우는] 과학 주제 가운데 하나가 {topic}<이다>.",
    "{topic:은} 생각보다 [우리 생활과|일상과] 가까운 과학 <주제예요|주제입니다|주제다>.",
    "[과학 시간에|책에서] 배운 {topic:을} 일상의 예와 함께 다시 살펴<볼게요|보겠습니다|보자>.",
]
SCI_CLOSE = [
    "이처럼 [우리 주변의 평범한 현상에도|일상의 작은 일에도] 과학 원리가 숨어 <있다>.",
    "[궁금한 점이 생기면|관심이 생겼다면] [관련된 책을 찾아보거나|간단한 실험을 해 보면서] 더 깊이 알아보는 것도 <좋다>.",
    "과학은 [어려운 공식보다|외워야 할 용어보다] '왜 그럴까?'라는 질문에서 <시작되다>.",
    "다음에 {topic:과} 관련된 현상을 보게 되면 [오늘 내용을|이 설명을] 한번 떠올려 <보세요|보십시오|보자>.",
    "{topic:을} 이해하면 [주변 현상을|자연을] 보는 눈이 [조금 더|한결] <넓어지다>.",
]
HIS_OPEN = [
    "{topic:은} {def:이다}.",
    "[오늘은|이번에는] {topic}에 대해 [이야기해|간단히 정리해] <볼게요|보겠습니다|보자>.",
    "{topic:은} 우리 역사를 이야기할 때 [빼놓을 수 없는|꼭 등장하는] <주제예요|주제입니다|주제다>.",
    "[역사 시간에|교과서에서|박물관에서] 한 번쯤 들어 본 {topic:을} 조금 더 자세히 살펴<볼게요|보겠습니다|보자>.",
    "@{topic}에 대해 [얼마나|어디까지] 알고 <계신가요|계십니까>?",
]
HIS_CLOSE = [
    "역사를 알면 [지금 우리가 사는 모습도|오늘의 우리 사회도] 더 깊이 이해할 수 <있다>.",
    "[기회가 된다면|시간이 날 때] [관련 유적지나 박물관에|{topic:과} 관련된 장소에] 직접 가 보는 것도 <좋다>.",
    "교과서 속 한 줄로만 외우기보다 그 시대 사람들의 삶을 떠올려 보면 [훨씬 오래|더 생생하게] 기억에 <남다>.",
    "[연도를 외우는 것보다|사건의 이름을 외우는 것보다] 왜 그런 일이 일어났는지를 생각해 보는 것이 역사 공부의 <핵심이에요|핵심입니다|핵심이다>.",
    "{topic:은} [지금도|오늘날에도] 우리에게 [많은 것을|여러 가지를] 생각하게 <하다>.",
]
KNOW_OPEN = [
    "{topic:은} {def:이다}.",
    "[알아 두면 좋은|상식으로 알아 두면 쓸모 있는] {topic} 이야기를 해 <볼게요|보겠습니다|보자>.",
    "@{topic}에 대해 [알고 계셨나요|들어 보셨나요|알고 계셨습니까]?" ,
    "[오늘은|이번에는] {topic}에 관한 [재미있는|흥미로운] 사실을 몇 가지 소개<할게요|하겠습니다|해 보겠다>.",
]
KNOW_CLOSE = [
    "이런 상식을 알아 두면 [대화할 때|아이와 이야기할 때|친구들과 이야기할 때] [좋은|재미있는] 이야깃거리가 <되다>.",
    "[궁금한 것이 생기면|더 알고 싶다면] [백과사전이나 관련 책을|도서관에서 관련 책을] 찾아보는 것도 <좋다>.",
    "[알고 나면|조금만 알아도] [주변을 바라보는 눈이|익숙한 것도 새롭게 보이는 눈이] 한결 <달라지다>.",
    "{topic:에} 대해 [알아 둔 내용을|오늘 알게 된 사실을] [가족이나 친구에게|주변 사람에게] 이야기해 보는 것도 <좋다>.",
]
TECH_OPEN = [
    "{topic:은} {def:이다}.", "쉽게 말해 {topic:은} {def:이다}.",
    "요즘 [자주 듣는|많이 쓰는] {topic:이} 무엇인지 [간단히|쉽게] 설명<해 드릴게요|해 드리겠습니다|해 보자>.",
    "@{topic:이라는} 말을 [들어 보신|써 보신] 적이 <있으신가요|있으십니까>?",
    "[생활 속에서|매일 쓰는 기기 속에서] 자주 만나는 {topic}에 대해 알아<볼게요|보겠습니다|보자>.",
]
TECH_CLOSE = [
    "기술은 빠르게 바뀌지만 [기본 원리를|핵심 개념을] 알아 두면 새로운 기기도 [금방|금세] 익숙해질 수 <있다>.",
    "[어렵게 느껴지더라도|처음에는 낯설어도] 직접 써 보면서 익히면 생각보다 쉽게 이해할 수 <있다>.",
    "{topic:을} 잘 알고 쓰면 [생활이 훨씬 편리해지고|일의 효율도 높아지고] [실수도|위험도] 줄일 수 <있다>.",
]
FACT_QUESTIONS = ["{topic}에 대해 알려 주세요.", "{topic}에 대해 쉽게 설명해 줄 수 있어요?",
                  "{topic:이} 궁금해요.", "{topic}에 관해 알아 두면 좋은 내용이 있을까요?"]


def _fact_genre(table, openers, closers, extra_q=()):
    def gen(rng: random.Random, style: str) -> tuple[str, str]:
        entry = rng.choice(table)
        sents = _fact_para(rng, style, entry, openers, closers)
        s = {"topic": entry[0]}
        if entry[1]:
            s["def"] = entry[1]
        q = render(rng.choice(usable(FACT_QUESTIONS + list(extra_q), s, "yo")), s, "yo", rng)
        return q, " ".join(sents)
    return gen


g_science = _fact_genre(SCIENCE, SCI_OPEN, SCI_CLOSE, ["{topic}에 대해 과학적으로 설명해 주세요."])
g_history = _fact_genre(HISTORY, HIS_OPEN, HIS_CLOSE, ["{topic:은} 왜 중요한가요?"])
g_knowledge = _fact_genre(KNOWLEDGE, KNOW_OPEN, KNOW_CLOSE)
g_tech_concept = _fact_genre(TECH_CONCEPTS, TECH_OPEN, TECH_CLOSE, ["{topic:이} 뭐예요?"])


# --------------------------------------------------------------------------
# The Korean language: spelling, particles, honorifics, proverbs, Hangul
# --------------------------------------------------------------------------
SPELLING = [
    ("'되'와 '돼'", None, [
        "'돼'는 '되어'를 줄인 말<이다>.",
        "헷갈릴 때는 그 자리에 '되어'를 넣어 보고, 말이 자연스러우면 '돼', 어색하면 '되'를 쓰면 <되다>.",
        "예를 들어 '안 돼요'는 '안 되어요'로 바꿔도 자연스러우므로 '돼'로 써야 <하다>.",
        "반대로 '되고 싶다'는 '되어고 싶다'가 어색하므로 '되'로 <쓰다>."]),
    ("'안'과 '않'", None, [
        "'안'은 '아니'의 준말이고, '않'은 '아니하'의 준말<이다>.",
        "그래서 '안'은 '안 먹다'처럼 동사 앞에 쓰고, '않'은 '먹지 않다'처럼 '-지' 뒤에 <쓰다>.",
        "'않'을 '아니하'로 바꿔 읽어 보면 어느 쪽이 맞는지 쉽게 알 수 <있다>."]),
    ("'로서'와 '로써'", None, [
        "'로서'는 '학생으로서'처럼 지위나 자격을 나타낼 때 <쓰다>.",
        "'로써'는 '대화로써 문제를 풀었다'처럼 수단이나 도구를 나타낼 때 <쓰다>.",
        "'자격'이 떠오르면 '로서', '도구'가 떠오르면 '로써'라고 기억하면 <쉽다>."]),
    ("'낫다'와 '낳다'", None, [
        "'낫다'는 '감기가 낫다'처럼 병이 없어진다는 뜻이나 '이게 더 낫다'처럼 더 좋다는 뜻으로 <쓰이다>.",
        "'낳다'는 '아기를 낳다'처럼 새로운 생명을 세상에 내놓는다는 뜻<이다>.",
        "발음이 비슷해서 헷갈리기 쉬우니 뜻을 떠올리며 구별하는 것이 <좋다>."]),
    ("'맞히다'와 '맞추다'", None, [
        "정답을 골라낼 때는 '정답을 맞히다'처럼 '맞히다'를 <쓰다>.",
        "'맞추다'는 '퍼즐을 맞추다', '답안지와 맞추어 보다'처럼 제자리에 끼우거나 둘을 나란히 놓고 비교할 때 <쓰다>."]),
    ("'가르치다'와 '가리키다'", None, [
        "'가르치다'는 지식이나 기술을 알려 준다는 뜻<이다>.",
        "'가리키다'는 손가락 등으로 어떤 방향이나 대상을 집어서 보인다는 뜻<이다>.",
        "'선생님이 수학을 가르치다', '시곗바늘이 세 시를 가리키다'처럼 구별해서 <쓰다>."]),
    ("'다르다'와 '틀리다'", None, [
        "'다르다'는 두 대상이 서로 같지 않다는 뜻이고, '틀리다'는 셈이나 사실이 맞지 않다는 뜻<이다>.",
        "그래서 '나와 생각이 틀리다'가 아니라 '나와 생각이 다르다'라고 말해야 <하다>."]),
    ("'잃어버리다'와 '잊어버리다'", None, [
        "'잃어버리다'는 가지고 있던 물건이 없어졌다는 뜻<이다>.",
        "'잊어버리다'는 알던 것을 기억하지 못한다는 뜻<이다>.",
        "'지갑을 잃어버리다', '약속을 잊어버리다'처럼 구별해서 <쓰다>."]),
    ("'며칠'", None, [
        "날짜를 물을 때는 '몇일'이 아니라 '며칠'로 써야 <하다>.",
        "'오늘이 며칠이에요?'처럼 쓰면 <되다>."]),
    ("'금세'", None, [
        "'금세'는 '금시에'가 줄어든 말이라서 '금새'가 아니라 '금세'로 써야 <하다>.",
        "'금새'는 물건의 값을 뜻하는 전혀 다른 말<이다>."]),
    ("'웬'과 '왠'", None, [
        "'왠'은 '왠지'에만 쓰고, 나머지 경우에는 '웬'을 <쓰다>.",
        "'웬일이야?', '웬 떡이야?'처럼 '어찌 된, 어떠한'의 뜻일 때는 '웬'<이다>."]),
    ("'설거지'", None, [
        "그릇을 씻는 일은 '설겆이'가 아니라 '설거지'로 <쓰다>.",
        "'설거지를 하다'처럼 쓰면 <되다>."]),
    ("'오랜만에'", None, [
        "'오랜만에'는 '오래간만에'의 준말이므로 '오랫만에'로 쓰지 않도록 주의해야 <하다>."]),
    ("'어떻게'와 '어떡해'", None, [
        "'어떻게'는 방법이나 상태를 물을 때 쓰는 말이고, '어떡해'는 '어떻게 해'를 줄인 말<이다>.",
        "'이 일을 어떻게 해결하지?', '숙제를 안 가져왔어, 어떡해!'처럼 <쓰다>."]),
    ("띄어쓰기", None, [
        "조사는 앞말에 붙여 쓰고, '것', '수', '데' 같은 의존 명사는 앞말과 띄어 <쓰다>.",
        "'먹을 수 있다', '갈 데가 없다'처럼 의존 명사 앞은 띄어 써야 <하다>.",
        "'한 개', '두 명'처럼 수를 세는 단위도 앞말과 띄어 쓰는 것이 원칙<이다>."]),
    ("한글", "조선의 세종대왕이 백성을 위해 만든 우리 글자", [
        "처음 만들어졌을 때의 이름은 '백성을 가르치는 바른 소리'라는 뜻의 훈민정음<이다>.",
        "오늘날 한글의 기본 자음은 14개, 기본 모음은 10개<이다>.",
        "자음은 소리를 낼 때의 발음 기관 모양을 본떠 <만들어지다.P>.",
        "모음은 하늘, 땅, 사람을 본뜬 세 글자를 바탕으로 <만들어지다.P>.",
        "한글은 글자를 만든 사람과 시기, 원리가 기록으로 분명하게 남아 있는 드문 <문자예요|문자입니다|문자다>."]),
]
SPELL_OPEN = [
    "{topic:은} [많은 사람이|의외로 많은 사람이] 헷갈려하는 <부분이에요|부분입니다|부분이다>.",
    "[글을 쓸 때|문자를 보낼 때] {topic:을} 헷갈린 적이 <있으신가요|있으십니까|있는가>?",
    "[오늘은|이번에는] {topic}의 바른 쓰임을 정리해 <볼게요|보겠습니다|보자>.",
    "{topic:은} {def:이다}.",
]
SPELL_CLOSE = [
    "헷갈릴 때는 [국어사전을|표준국어대사전을] 찾아보는 습관을 들이면 <좋다>.",
    "맞춤법은 한 번에 외우기보다 [예문과 함께|자주 틀리는 것부터] [익히는 것이|하나씩 익히는 것이] <좋다>.",
    "[바른 맞춤법을 지키면|맞춤법이 정확하면] 글을 읽는 사람에게 더 [믿음을|좋은 인상을] 줄 수 <있다>.",
    "{topic:을} [직접 문장을 만들어 보며|소리 내어 읽어 보며] 연습하면 [금방|오래] 기억에 <남다>.",
]

HONORIFICS = [
    ("밥", "진지", "할머니, 진지 드셨어요?"), ("집", "댁", "선생님 댁은 어디세요?"),
    ("나이", "연세", "할아버지, 연세가 어떻게 되세요?"), ("이름", "성함", "실례지만 성함이 어떻게 되세요?"),
    ("생일", "생신", "아버지 생신 선물을 준비했어요."), ("말", "말씀", "선생님 말씀을 잘 새겨들었어요."),
    ("자다", "주무시다", "할머니께서 방에서 주무시고 계세요."), ("먹다", "드시다", "어머니, 이것 좀 드셔 보세요."),
    ("있다", "계시다", "아버지는 지금 회사에 계세요."), ("아프다", "편찮으시다", "할아버지께서 요즘 조금 편찮으세요."),
    ("주다", "드리다", "선생님께 감사 편지를 드렸어요."), ("묻다", "여쭙다", "궁금한 점을 선생님께 여쭈어 보았어요."),
    ("보다", "뵙다", "다음 주에 교수님을 뵙기로 했어요."), ("데리다", "모시다", "할머니를 모시고 병원에 다녀왔어요."),
    ("배고프다", "시장하시다", "할아버지, 많이 시장하시지요?"), ("이", "치아", "할머니께서 치아 치료를 받으셨어요."),
]
HONOR_TPL = [
    "'{plain}'의 높임말은 {hq:이다}.",
    "[웃어른께|어른께|선생님이나 어르신께] 말씀드릴 때는 '{plain}' 대신 {hq:을} 쓰는 것이 <자연스럽다>.",
    "예를 들어 \"{ex}\"처럼 <말하다>.",
    "[이렇게|이처럼] 단어 자체를 바꾸어 높이는 말은 [따로 익혀 두어야|하나씩 외워 두어야] <하다>.",
]
HONOR_GENERAL = [
    "높임말은 듣는 사람이나 문장의 주체를 높이는 말<이다>.",
    "주어를 높일 때는 '선생님께서 오셨다'처럼 조사 '께서'를 쓰고 서술어에 '-시-'를 <넣다>.",
    "다만 자기 자신을 높이는 말은 쓰지 않도록 주의해야 <하다>.",
    "물건이나 가격을 높여 '이 옷은 만 원이세요'처럼 말하는 것은 바른 높임 표현이 <아니에요|아닙니다|아니다>.",
]

PROVERBS = [
    ("가는 말이 고와야 오는 말이 곱다", "내가 남에게 말이나 행동을 좋게 해야 남도 나에게 좋게 한다",
     "말을 곱게 하자고 할 때", "친구에게 먼저 부드럽게 말을 건네서 다툼을 풀었다면"),
    ("세 살 버릇 여든까지 간다", "어릴 때 몸에 밴 버릇은 나이가 들어도 고치기 어렵다",
     "어릴 때부터 좋은 습관을 들이자고 할 때", "어릴 때 생긴 손톱 깨무는 버릇을 아직도 고치지 못했다면"),
    ("티끌 모아 태산", "아무리 작은 것이라도 모이고 모이면 나중에 큰 것이 된다",
     "작은 노력이나 저축의 중요성을 말할 때", "매일 천 원씩 모아 일 년 뒤에 원하던 자전거를 샀다면"),
    ("백지장도 맞들면 낫다", "쉬운 일이라도 서로 도우면 훨씬 쉽다",
     "협동의 중요성을 말할 때", "친구들과 함께 교실 청소를 해서 금방 끝냈다면"),
    ("소 잃고 외양간 고친다", "일이 이미 잘못된 뒤에 손을 써 봐야 소용이 없다",
     "미리 대비하지 않은 것을 아쉬워할 때", "백업을 해 두지 않았다가 파일을 모두 날린 뒤에야 백업을 시작했다면"),
    ("낮말은 새가 듣고 밤말은 쥐가 듣는다", "아무도 듣지 않는 곳에서라도 말을 조심해야 한다",
     "말조심을 당부할 때", "몰래 한 이야기가 금세 당사자의 귀에 들어가 곤란해졌다면"),
    ("원숭이도 나무에서 떨어질 때가 있다", "아무리 익숙하고 잘하는 사람이라도 실수할 때가 있다",
     "잘하던 사람이 실수했을 때 위로하며", "요리를 잘하는데 어느 날 찌개를 너무 짜게 끓였다면"),
    ("천 리 길도 한 걸음부터", "아무리 큰일이라도 작은 일부터 시작해야 한다",
     "큰 목표를 앞두고 첫걸음을 강조할 때", "마라톤 완주를 목표로 오늘 처음 10분 달리기를 시작했다면"),
    ("돌다리도 두들겨 보고 건너라", "잘 아는 일이라도 조심하고 확인해야 한다",
     "신중하게 확인하자고 할 때", "익숙한 계산이라도 제출하기 전에 한 번 더 검토했다면"),
    ("우물 안 개구리", "넓은 세상을 알지 못하고 자기가 아는 것이 전부라고 생각하는 사람을 가리킨다",
     "견문을 넓히라고 할 때", "여행을 다녀온 뒤 세상에는 자기가 몰랐던 것이 훨씬 많다는 걸 깨달았다면"),
    ("고생 끝에 낙이 온다", "어려운 일을 겪고 나면 즐겁고 좋은 일도 생긴다",
     "힘든 시기를 보내는 사람을 격려할 때", "몇 달 동안 밤낮으로 준비한 시험에 마침내 합격했다면"),
    ("빈 수레가 요란하다", "실속 없는 사람이 오히려 더 떠들어 댄다",
     "말만 앞서는 사람을 두고", "준비도 제대로 하지 않고 큰소리만 치다가 발표를 망쳤다면"),
    ("벼는 익을수록 고개를 숙인다", "많이 알고 훌륭한 사람일수록 겸손하다",
     "겸손의 미덕을 말할 때", "실력이 뛰어난데도 늘 후배들의 의견을 먼저 물어본다면"),
    ("발 없는 말이 천 리 간다", "말은 순식간에 멀리 퍼지므로 말을 삼가야 한다",
     "소문이 빨리 퍼지는 것을 경계할 때", "무심코 한 이야기가 하루 만에 온 학교에 퍼졌다면"),
    ("등잔 밑이 어둡다", "가까이 있는 것을 오히려 잘 알지 못한다",
     "가까운 곳에서 찾던 것을 발견했을 때", "온 집 안을 뒤지며 찾던 안경이 머리 위에 얹혀 있었다면"),
    ("시작이 반이다", "무슨 일이든 시작하기가 어렵지 일단 시작하면 반은 이룬 것이나 다름없다",
     "망설이는 사람에게 용기를 줄 때", "몇 달 동안 미루던 운동을 드디어 오늘 시작했다면"),
    ("콩 심은 데 콩 나고 팥 심은 데 팥 난다", "모든 일은 원인에 따라 그에 맞는 결과가 나타난다",
     "노력한 만큼 결과가 나온다고 말할 때", "꾸준히 연습한 만큼 대회에서 좋은 결과를 얻었다면"),
    ("가랑비에 옷 젖는 줄 모른다", "작은 것도 거듭되면 큰 영향을 끼친다",
     "사소한 습관이나 지출을 조심하라고 할 때", "매일 조금씩 사 먹은 간식값이 한 달 만에 꽤 큰돈이 된 것을 알았다면"),
    ("꿩 먹고 알 먹는다", "한 가지 일로 두 가지 이득을 본다",
     "한 번에 두 가지 이익을 얻었을 때", "자전거로 출퇴근하면서 교통비도 아끼고 운동도 했다면"),
    ("금강산도 식후경", "아무리 재미있는 일도 배가 불러야 흥이 난다",
     "먼저 밥부터 먹자고 할 때", "여행지에 도착하자마자 구경보다 점심부터 먹으러 갔다면"),
    ("말 한마디로 천 냥 빚을 갚는다", "말만 잘하면 어려운 일도 해결할 수 있다",
     "말의 힘을 강조할 때", "진심 어린 사과 한마디로 친구와의 오랜 오해를 풀었다면"),
    ("구슬이 서 말이라도 꿰어야 보배", "아무리 좋은 것이라도 쓸모 있게 만들어야 값어치가 있다",
     "배운 것을 실제로 활용하라고 할 때", "좋은 생각을 잔뜩 적어 두기만 하고 하나도 실천하지 않았다면"),
    ("하늘이 무너져도 솟아날 구멍이 있다", "아무리 어려운 상황에서도 살아 나갈 방법은 있다",
     "절망한 사람에게 희망을 줄 때", "막막한 상황에서 뜻밖의 도움을 받아 문제를 해결했다면"),
    ("열 번 찍어 안 넘어가는 나무 없다", "여러 번 꾸준히 노력하면 결국 이룰 수 있다",
     "끈기를 강조할 때", "여러 번 떨어졌던 시험에 마침내 붙었다면"),
    ("누워서 떡 먹기", "하기가 매우 쉽다",
     "아주 쉬운 일을 말할 때", "이미 여러 번 풀어 본 문제를 순식간에 풀었다면"),
    ("그림의 떡", "마음에 들어도 실제로 가지거나 쓸 수 없다",
     "갖고 싶지만 가질 수 없는 것을 말할 때", "진열장 속 비싼 카메라를 매일 구경만 하고 있다면"),
]
PROVERB_TPL = [
    "@'{pv}'{pvj} 속담을 들어 보신 적이 <있으신가요|있으십니까>?",
    "'{pv}'{pvj} 속담은 {mean}는 <뜻이에요|뜻입니다|뜻이다>.",
    "이 속담은 주로 {situ} <쓰이다>.",
    "예를 들어 {name:이} {ex}, 이 속담이 딱 어울리는 <상황이에요|상황입니다|상황이다>.",
    "[짧은 말 속에|한 줄 속담에] 옛사람들의 [지혜가|삶의 경험이] 담겨 있어서 지금 들어도 고개가 <끄덕여지다>.",
    "속담을 [적절하게|알맞은 상황에] 쓰면 하고 싶은 말을 [짧고 힘 있게|재치 있게] 전할 수 <있다>.",
]

BATCHIM_L = _words("서울, 교실, 연필, 물, 달, 길, 지하철, 마을, 하늘, 얼굴, 가을, 겨울, 주말, 딸, 별, 칼, 쌀, 마늘")


def _korean_nouns() -> tuple[list[str], list[str]]:
    pool = sorted(set(FOODS + OBJECTS + DRINKS + VEGETABLES + _words(
        "책, 사과, 학교, 친구, 의자, 책상, 사진, 바다, 나무, 기차, 버스, 공원, 가방, 시계, 우유, 고양이, 강아지, 선물")))
    return [w for w in pool if has_batchim(w) and final_consonant(w) != _J_L], \
           [w for w in pool if not has_batchim(w)]


NOUNS_B, NOUNS_V = _korean_nouns()
JOSA_KINDS = ["을/를", "은/는", "이/가", "과/와", "이에요/예요", "으로/로", "이나/나", "이랑/랑"]


def g_korean(rng: random.Random, style: str) -> tuple[str, str]:
    r = rng.random()
    if r < 0.3:
        entry = rng.choice(SPELLING)
        sents = _fact_para(rng, style, entry, SPELL_OPEN, SPELL_CLOSE, n_facts=(1, 4))
        if "'와 '" in entry[0] or "'과 '" in entry[0]:
            q = rng.choice([f"{entry[0]}의 차이가 뭐예요?", f"{entry[0]}, 어떻게 구별해서 써요?",
                            "맞춤법이 자꾸 헷갈리는데 알려 주세요."])
        else:
            q = rng.choice([f"{entry[0]}의 바른 쓰임이 궁금해요.", "맞춤법이 자꾸 헷갈리는데 알려 주세요."])
        if entry[0] == "한글":
            q = rng.choice(["한글은 어떻게 만들어졌어요?", "한글에 대해 알려 주세요."])
        return q, " ".join(sents)
    if r < 0.55:   # particles chosen by the final consonant, with fresh example words
        kind = rng.choice(JOSA_KINDS)
        a, b = kind.split("/")
        n1, n3 = rng.sample(NOUNS_B, 2)
        n2, n4 = rng.sample(NOUNS_V, 2)
        l1 = rng.choice(BATCHIM_L)
        s = {"qa": f"'{a}'", "qb": f"'{b}'", "n1": n1, "n2": n2, "n1j": josa(n1, kind), "n2j": josa(n2, kind),
             "n3": n3, "n4": n4, "n3j": f"'{josa(n3, kind)}'", "n4j": f"'{josa(n4, kind)}'"}
        tpl = [
            "조사 {qa:과} {qb:은} [앞말의 받침에 따라|앞말의 마지막 소리에 따라] 골라 쓰는 <짝이에요|짝입니다|짝이다>.",
            "[앞말에|앞에 오는 말에] 받침이 있으면 {qa:을}, 받침이 없으면 {qb:을} <쓰다>.",
            "예를 들어 '{n1}'처럼 받침이 있는 말에는 '{n1j}', '{n2}'처럼 받침이 없는 말에는 '{n2j}'라고 <쓰다>.",
            "같은 방법으로 '{n3}'에 붙이면 {n3j:이}, '{n4}'에 붙이면 {n4j:이} <되다>.",
        ]
        if kind == "으로/로":
            s["l1"], s["l1j"] = l1, f"'{josa(l1, kind)}'"
            tpl.append("다만 '{l1}'처럼 'ㄹ' 받침으로 끝나는 말 뒤에는 {l1j:처럼} '로'를 <쓰다>.")
        tpl.append("[받침이 있는지는|받침의 유무는] [마지막 글자 아래쪽에|끝 글자 밑에] 자음이 붙어 있는지를 보면 [쉽게|금방] 알 수 <있다>.")
        sents = [render(t, s, style, rng) for t in tpl[:2]] + \
            [render(tpl[2 + i], s, style, rng)
             for i in sorted(rng.sample(range(len(tpl) - 2), rng.randint(1, len(tpl) - 2)))]
        q = f"'{a}'와 '{b}'는 언제 어떻게 구별해서 써요?"
        return q, " ".join(sents)
    if r < 0.75:
        plain, hon, ex = rng.choice(HONORIFICS)
        s = {"plain": plain, "hq": f"'{hon}'", "ex": ex}
        sents = [render(HONOR_TPL[0], s, style, rng)] + \
            _build(rng, style, s, (HONOR_TPL[1:], 1, 3), (HONOR_GENERAL, 0, 2))
        q = rng.choice([f"'{plain}'의 높임말이 뭐예요?", "높임말은 어떻게 써야 해요?",
                        f"어른께 '{plain}'라는 말을 써도 되나요?" if not has_batchim(plain) else
                        f"어른께 '{plain}'이라는 말을 써도 되나요?"])
        return q, " ".join(sents)
    pv, mean, situ, ex = rng.choice(PROVERBS)
    s = {"pv": pv, "pvj": "이라는" if has_batchim(pv) else "라는", "mean": mean, "situ": situ,
         "ex": ex, "name": rng.choice(NAMES)}
    sents = _build(rng, style, s, (PROVERB_TPL[:1], 0, 1), (PROVERB_TPL[1:2], 1, 1),
                   (PROVERB_TPL[2:4], 1, 2, True), (PROVERB_TPL[4:], 0, 1))
    q = rng.choice([f"'{pv}'는 무슨 뜻이에요?" if not has_batchim(pv) else f"'{pv}'은 무슨 뜻이에요?",
                    f"'{pv}'라는 속담은 언제 써요?" if not has_batchim(pv) else f"'{pv}'이라는 속담은 언제 써요?"])
    return q, " ".join(sents)


# --------------------------------------------------------------------------
# Advice topics: health, technology tips, study, work, feelings, shopping
# --------------------------------------------------------------------------
def _tips(specs) -> list[tuple[Pred, list[Pred]]]:
    return [(P(t, adj=False), [P(b) for b in bs]) for t, bs in specs]


HEALTH_TIPS = _tips([
    ("물을 자주 마시다", ["몸의 수분을 유지하는 데 도움이 되다", "피로를 덜 느끼게 되다"]),
    ("하루 30분 정도 걷다", ["심장과 다리 근육이 튼튼해지다", "기분 전환에도 도움이 되다"]),
    ("잠들기 한 시간 전에는 휴대폰을 멀리 두다", ["더 깊이 잠들 수 있다", "다음 날 아침이 한결 개운하다"]),
    ("아침 식사를 가볍게라도 챙겨 먹다", ["오전에 집중하기가 한결 쉽다", "점심에 과식하는 것을 막을 수 있다"]),
    ("채소와 과일을 골고루 먹다", ["몸에 필요한 비타민과 식이 섬유를 얻을 수 있다"]),
    ("짠 음식을 줄이다", ["혈압 관리에 도움이 되다", "몸이 덜 붓다"]),
    ("한 시간에 한 번씩 일어나 스트레칭을 하다", ["어깨와 허리가 덜 뻐근하다"]),
    ("외출 후에는 손을 깨끗이 씻다", ["감기 같은 감염병을 예방할 수 있다"]),
    ("매일 비슷한 시간에 잠자리에 들다", ["몸의 생활 리듬이 일정하게 유지되다"]),
    ("엘리베이터 대신 계단을 이용하다", ["따로 시간을 내지 않아도 운동 효과를 볼 수 있다"]),
    ("바른 자세로 앉다", ["목과 허리의 통증을 줄일 수 있다"]),
    ("20분마다 먼 곳을 바라보며 눈을 쉬게 하다", ["눈의 피로를 덜 수 있다"]),
    ("일주일에 두세 번 근력 운동을 하다", ["나이가 들어도 근육을 지키는 데 도움이 되다"]),
    ("오후 늦게는 커피를 줄이다", ["밤에 잠드는 데 도움이 되다"]),
    ("낮에 햇볕을 쬐며 산책하다", ["기분이 밝아지고 밤잠도 잘 오다"]),
    ("식사를 천천히 꼭꼭 씹어 먹다", ["소화가 잘되고 과식을 막을 수 있다"]),
    ("잠자기 전에 가볍게 몸을 풀다", ["몸의 긴장이 풀려 잠들기 쉽다"]),
    ("스트레스를 받을 때 천천히 심호흡을 하다", ["마음이 한결 차분해지다"]),
    ("정기적으로 건강 검진을 받다", ["병을 일찍 발견할 수 있다"]),
    ("단 음료 대신 물이나 보리차를 마시다", ["불필요한 당분 섭취를 줄일 수 있다"]),
    ("저녁은 잠들기 세 시간 전까지 먹다", ["속이 편안해서 잠을 푹 잘 수 있다"]),
])
_TIP_BY_DIC = {t.dic: (t, b) for t, b in HEALTH_TIPS}
SYMPTOM_TIPS = {   # symptom -> the habits that actually help with it
    "두통": "물을 자주 마시다|매일 비슷한 시간에 잠자리에 들다|20분마다 먼 곳을 바라보며 눈을 쉬게 하다|스트레스를 받을 때 천천히 심호흡을 하다",
    "어깨 결림": "한 시간에 한 번씩 일어나 스트레칭을 하다|바른 자세로 앉다|일주일에 두세 번 근력 운동을 하다",
    "목 통증": "한 시간에 한 번씩 일어나 스트레칭을 하다|바른 자세로 앉다|잠자기 전에 가볍게 몸을 풀다",
    "허리 통증": "바른 자세로 앉다|한 시간에 한 번씩 일어나 스트레칭을 하다|하루 30분 정도 걷다|일주일에 두세 번 근력 운동을 하다",
    "소화 불량": "식사를 천천히 꼭꼭 씹어 먹다|저녁은 잠들기 세 시간 전까지 먹다|하루 30분 정도 걷다",
    "불면증": "잠들기 한 시간 전에는 휴대폰을 멀리 두다|매일 비슷한 시간에 잠자리에 들다|오후 늦게는 커피를 줄이다|낮에 햇볕을 쬐며 산책하다|잠자기 전에 가볍게 몸을 풀다",
    "눈의 피로": "20분마다 먼 곳을 바라보며 눈을 쉬게 하다|잠들기 한 시간 전에는 휴대폰을 멀리 두다",
    "만성 피로": "물을 자주 마시다|매일 비슷한 시간에 잠자리에 들다|아침 식사를 가볍게라도 챙겨 먹다|하루 30분 정도 걷다",
}
SYMPTOM_TIPS = {k: [_TIP_BY_DIC[t] for t in v.split("|")] for k, v in SYMPTOM_TIPS.items()}
SYMPTOMS = list(SYMPTOM_TIPS)
WHO = _words("바쁜 직장인이라면, 학생이라면, 혼자 사는 사람이라면, 나이가 들수록, 하루 종일 앉아서 일한다면")
HEALTH = [
    "[평소에 |꾸준히 |]{h.면} {hb.E}.",
    "{h.는} 습관은 [간단하지만|사소해 보이지만|누구나 할 수 있지만] 건강에 [꽤 큰|생각보다 큰] 차이를 <만들다>.",
    "{who} {h.기} 쉽지 않지만, [작은 목표부터|하루에 한 번부터|일주일에 두세 번부터] 시작하면 충분히 습관으로 만들 수 <있다>.",
    "건강을 지키는 데 [거창한 계획이|비싼 운동 기구가|특별한 비법이] 필요한 것은 <아니에요|아닙니다|아니다>.",
    "[오늘부터|이번 주부터|내일 아침부터] {h.는} 것부터 시작해 <보세요|보십시오|보자>.",
    "{symptom:이} [오래|며칠 넘게|자주] 계속된다면 [혼자 참지 말고|대수롭지 않게 넘기지 말고] 병원에 가 보는 것이 <좋다>.",
    "{h.고} {h2.면} [훨씬|더욱|한층] 효과가 <좋다>.",
    "무엇보다 {h.는} 것은 돈이 들지 않는 [좋은|훌륭한] 건강 <습관이에요|습관입니다|습관이다>.",
    "[한꺼번에|처음부터] 여러 가지를 바꾸려고 하면 오래가기 어려우니, [한 가지씩|하나씩] [천천히|차근차근] 바꿔 <가세요|가십시오|가자>.",
    "{symptom:을} 줄이고 싶다면 {h.는} 것이 도움이 될 수 <있다>.",
    "{symptom:으로} 힘들 때는 {h2.는} 것도 [함께|같이] 해 <보세요|보십시오|보자>.",
    "[평소에 |꾸준히 |]{h2.면} {h2b.E}.",
    "[처음 며칠은|처음에는] [귀찮게|번거롭게] 느껴져도 [2주|한 달|몇 주] 정도 꾸준히 하면 몸이 먼저 변화를 <알아차리다>.",
    "{who} {h2.는} 것만이라도 [꼭|꾸준히] 챙겨 <보세요|보십시오|보자>.",
]


def _list_para(rng: random.Random, style: str, intro: str, preds: list[Pred], s: dict) -> list[str]:
    """첫째, 둘째 ... list of recommendations (a very common answer shape)."""
    out = [render(intro, s, style, rng)]
    marks = [["첫째,", "첫 번째로,", "먼저,"], ["둘째,", "두 번째로,", "다음으로,"],
             ["셋째,", "세 번째로,", "또한"], ["넷째,", "네 번째로,", "그리고"]]
    shapes = ["{p.R}.", "{p.R}.", "{p.는} 것이 <좋다>.", "{p.는} 습관을 <들이세요|들이십시오|들이자>.",
              "{p.도록} <하세요|하십시오|하자>."]
    for i, p in enumerate(preds):
        last = i == len(preds) - 1 and i >= 2
        mark = rng.choice(["마지막으로", "끝으로", "마지막으로,"]) if last else rng.choice(marks[i])
        out.append(mark + " " + render(rng.choice(shapes), {"p": p}, style, rng))
    return out


HEALTH_CLOSE = [
    "@다만 [이 내용은 일반적인 정보이니|사람마다 몸 상태가 다르니], [증상이 심하거나 오래가면|불편한 증상이 계속되면] 꼭 [의사와|전문의와] <상담하세요|상담하십시오>.",
    "[몸이 보내는 신호에|작은 변화에] [귀를 기울이는 것이|관심을 두는 것이] 건강을 지키는 [첫걸음|시작]<이다>.",
    "[하루아침에 달라지지는 않겠지만|당장 큰 변화가 없더라도] [꾸준히 이어 가면|몇 주만 지켜 보면] 분명 몸이 <달라지다>.",
]


def g_health(rng: random.Random, style: str) -> tuple[str, str]:
    s = {"who": rng.choice(WHO)}
    if rng.random() < 0.5:
        symptom = rng.choice(SYMPTOMS)
        pool = SYMPTOM_TIPS[symptom]
        s["symptom"] = symptom
        q = render(rng.choice(["요즘 {symptom:으로} 고생하는데 어떻게 하면 좋을까요?", "{symptom:을} 줄이는 생활 습관이 있을까요?",
                               "요즘 {symptom} 때문에 힘든데 도움이 되는 방법이 있을까요?"]), s, "yo", rng)
    else:
        pool = HEALTH_TIPS
        q = rng.choice(["건강을 지키려면 어떤 습관이 좋을까요?", "생활 속에서 쉽게 할 수 있는 건강 관리법이 있을까요?",
                        "요즘 몸이 자주 피곤한데 뭘 바꾸면 좋을까요?", "건강한 생활 습관을 추천해 주세요."])
    picked = rng.sample(pool, min(len(pool), 4))
    (h, hb), (h2, h2b) = picked[0], picked[1]
    s.update({"h": h, "hb": rng.choice(hb), "h2": h2, "h2b": rng.choice(h2b)})
    if rng.random() < 0.25:
        intro = rng.choice(["[생활 속에서|오늘부터] 실천할 수 있는 방법을 몇 가지 소개<할게요|하겠습니다|해 보겠다>.",
                            "[거창한 운동보다|비싼 영양제보다] 생활 습관을 바꾸는 것이 먼저<이다>."])
        preds = [t for t, _ in picked]
        sents = _list_para(rng, style, intro, preds[:rng.randint(2, len(preds))], s)
        if "symptom" in s and rng.random() < 0.5:
            sents.append(render(HEALTH[5], s, style, rng))
        return q, " ".join(sents)
    return q, " ".join(_build(rng, style, s, (HEALTH, 3, 4), (HEALTH_CLOSE, 0, 1)))


TECH_TIPS = {
    "sec": Ps("비밀번호를 사이트마다 다르게 정하다", "중요한 계정에는 이중 인증을 켜 두다",
              "운영 체제와 앱을 최신 버전으로 업데이트하다", "출처를 알 수 없는 인터넷 주소는 열기 전에 한 번 더 확인하다",
              "공용 와이파이에서는 금융 거래를 피하다", "중요한 파일은 정기적으로 백업해 두다",
              "공용 컴퓨터를 쓴 뒤에는 반드시 로그아웃하다", adj=False),
    "perf": Ps("쓰지 않는 앱을 삭제하다", "저장 공간을 주기적으로 정리하다", "가끔 기기를 껐다가 다시 켜다",
               "뒤에서 돌아가는 앱을 정리하다", "오래된 사진과 영상은 외장 저장 장치로 옮기다",
               "운영 체제를 최신 버전으로 업데이트하다", adj=False),
    "batt": Ps("화면 밝기를 조금 낮추다", "배터리가 바닥나기 전에 미리 충전하다", "절전 모드를 켜 두다",
               "쓰지 않을 때는 블루투스와 위치 기능을 꺼 두다", "뒤에서 돌아가는 앱을 정리하다",
               "화면이 꺼지는 시간을 짧게 설정하다", adj=False),
    "well": Ps("잠자기 전에는 휴대폰을 멀리 두다", "하루 사용 시간을 정해 두다", "꼭 필요한 앱의 알림만 켜 두다",
               "화면을 오래 본 뒤에는 눈을 쉬게 하다", "식사할 때는 휴대폰을 내려놓다", adj=False),
}
DEVICES = _words("휴대폰, 노트북, 태블릿, 컴퓨터, 스마트폰")
TECH_TPL = {
    "sec": [
        "[해킹이나 정보 유출을 막으려면|소중한 개인 정보를 지키려면|{device:을} 안전하게 쓰려면] {t.는} 것이 <기본이에요|기본입니다|기본이다>.",
        "{t.는} 일은 [몇 분밖에 걸리지 않지만|조금 번거로워 보이지만] [큰 피해를|예상치 못한 사고를] 막아 줄 수 <있다>.",
        "요즘은 [택배 안내나 가족을 사칭한 문자|공공 기관을 사칭한 전화|당첨 안내를 가장한 메시지]로 개인 정보를 빼내려는 사기가 많으니 [각별히|늘] 주의해야 <하다>.",
        "혹시 피해가 의심된다면 [바로 비밀번호를 바꾸고|곧바로 은행에 연락하고] 경찰에 신고하는 것이 <좋다>.",
        "{t.고} {t2.면} [훨씬|한층] 안전하게 {device:을} 쓸 수 <있다>.",
        "[가족 중에|주변에] {device:이} 익숙하지 않은 분이 있다면 {t2.는} 방법을 함께 알려 드리는 것도 <좋다>.",
    ],
    "perf": [
        "{device:이} [갑자기 느려졌다면|자주 멈춘다면|버벅거린다면] {t.는} 것부터 해 <보세요|보십시오|보자>.",
        "{t.면} {device:이} 한결 [가볍게|빠르게] <움직이다>.",
        "[그래도 나아지지 않는다면|이렇게 해도 문제가 계속된다면] [서비스 센터에서|가까운 수리점에서] 점검을 받아 보는 것이 <좋다>.",
        "{t2.는} 것만으로도 {device:의} 체감 속도가 [꽤|눈에 띄게] 달라질 수 <있다>.",
        "[한 달에 한 번쯤|주기적으로] {t2.는} 습관을 들이면 {device:을} [더 오래|고장 없이] 쓸 수 <있다>.",
    ],
    "batt": [
        "배터리를 오래 쓰려면 {t.고} {device:을} [너무 뜨거운 곳에|햇볕이 드는 차 안에] 두지 않는 것이 <좋다>.",
        "{device:의} 배터리가 [빨리 닳는다면|금방 줄어든다면] {t.는} 것부터 해 <보세요|보십시오|보자>.",
        "{t.고} {t2.면} 하루 사용 시간이 [눈에 띄게|꽤] <늘어나다>.",
        "배터리가 [부풀어 오르거나|지나치게 뜨거워지면] 바로 사용을 멈추고 [서비스 센터에|제조사에] 문의하는 것이 <안전하다>.",
        "{t2.는} 것만으로도 배터리를 [조금 더|한결] 오래 쓸 수 <있다>.",
    ],
    "well": [
        "{t.면} [눈과 목의 피로를 줄이고|잠드는 시간이 빨라지고] 생활이 더 건강해질 <거예요|것입니다|것이다>.",
        "[나도 모르게|습관처럼] {device:을} 여는 일이 잦다면 {t.는} 것부터 시작해 <보세요|보십시오|보자>.",
        "{t.고} {t2.면} [책을 읽거나|가족과 이야기하는|산책하는] 시간이 자연스럽게 <늘어나다>.",
        "디지털 기기는 편리하지만 [잠깐씩 거리를 두는 것도|쉬는 시간을 갖는 것도] <필요하다>.",
        "[아이와 함께|가족이 다 같이] {t2.는} 규칙을 정해 두면 [서로 지키기가|꾸준히 실천하기가] 훨씬 <쉽다>.",
    ],
}


def g_tech(rng: random.Random, style: str) -> tuple[str, str]:
    if rng.random() < 0.45:
        return g_tech_concept(rng, style)
    cat = rng.choice(list(TECH_TIPS))
    t, t2, t3 = rng.sample(TECH_TIPS[cat], 3)
    s = {"t": t, "t2": t2, "device": rng.choice(DEVICES)}
    q = render({"sec": "개인 정보를 안전하게 지키려면 어떻게 해야 해요?",
                "perf": "{device:이} 너무 느려졌는데 어떻게 하면 좋을까요?",
                "batt": "{device} 배터리가 너무 빨리 닳아요. 방법이 있을까요?",
                "well": "휴대폰을 너무 많이 보는 것 같은데 줄이는 방법이 있을까요?"}[cat], s, "yo", rng)
    if rng.random() < 0.3:
        intro = {"sec": "개인 정보를 지키기 위한 기본 수칙을 정리<해 드릴게요|해 드리겠습니다|해 보자>.",
                 "perf": "{device:을} 빠르게 쓰기 위한 방법을 몇 가지 소개<할게요|하겠습니다|해 보겠다>.",
                 "batt": "{device} 배터리를 오래 쓰는 방법을 정리<해 드릴게요|해 드리겠습니다|해 보자>.",
                 "well": "기기 사용 습관을 건강하게 바꾸는 방법은 생각보다 <간단하다>."}[cat]
        return q, " ".join(_list_para(rng, style, intro, [t, t2, t3], s))
    return q, " ".join(_build(rng, style, s, (TECH_TPL[cat], 2, 4)))


STUDY_TIPS = _tips([
    ("공부할 범위를 작게 나누어 계획을 세우다", ["공부에 대한 부담이 한결 줄어들다", "시험 직전에 허둥대지 않게 되다"]),
    ("배운 내용을 그날 바로 복습하다", ["공부한 내용이 훨씬 오래 기억에 남다"]),
    ("틀린 문제를 오답 노트에 정리하다", ["같은 실수를 되풀이하지 않게 되다", "어디를 모르는지 분명하게 알 수 있다"]),
    ("소리 내어 읽으며 외우다", ["공부한 내용이 훨씬 오래 기억에 남다"]),
    ("배운 내용을 친구에게 설명해 보다", ["어디를 모르는지 분명하게 알 수 있다", "개념이 머릿속에서 훨씬 또렷해지다"]),
    ("공부할 때는 휴대폰을 다른 방에 두다", ["집중하는 시간이 자연스럽게 늘어나다"]),
    ("25분 동안 집중하고 5분 쉬다", ["오래 공부해도 덜 지치다", "집중하는 시간이 자연스럽게 늘어나다"]),
    ("모르는 부분은 표시해 두었다가 선생님께 질문하다", ["모르는 것을 그냥 넘기지 않게 되다"]),
    ("매일 같은 시간에 책상 앞에 앉다", ["공부가 자연스럽게 습관이 되다"]),
    ("핵심 내용을 한 장으로 요약하다", ["시험 직전에 허둥대지 않게 되다", "전체 흐름이 한눈에 들어오다"]),
    ("기출 문제를 시간을 재며 풀다", ["실제 시험에서 시간 조절이 쉬워지다"]),
    ("단어는 예문과 함께 외우다", ["단어의 쓰임까지 자연스럽게 익힐 수 있다"]),
    ("잠을 충분히 자다", ["공부한 내용이 훨씬 오래 기억에 남다", "다음 날 집중이 잘되다"]),
    ("공부를 시작하기 전에 오늘의 목표를 적다", ["공부에 대한 부담이 한결 줄어들다", "무엇을 해야 할지 헤매지 않게 되다"]),
])
SUBJECTS = _words("수학, 영어, 국어, 과학, 한국사, 사회, 외국어, 코딩, 경제, 물리, 화학")
STUDY_SIT = [("시험을 한 달 앞두고 있다면", "시험이 한 달 남았는데 어떻게 공부해야 할까요?"),
             ("공부 계획을 세워도 자꾸 미루게 된다면", "공부 계획을 세워도 자꾸 미루게 돼요. 어떻게 해야 할까요?"),
             ("집중이 잘 안 된다면", "공부할 때 집중이 잘 안 되는데 좋은 방법이 있을까요?"),
             ("새 학기를 시작한다면", "새 학기에는 공부 계획을 어떻게 세우면 좋을까요?"),
             ("혼자 공부하는 것이 막막하다면", "혼자 공부하는 게 막막해요. 어디서부터 시작하죠?"),
             ("공부한 내용이 금방 잊힌다면", "공부한 내용이 금방 잊혀요. 오래 기억하는 방법이 있을까요?")]
STUDY = [
    "{sit} {t.는} 것부터 시작해 <보세요|보십시오|보자>.",
    "[꾸준히 |평소에 |]{t.면} {gain.E}.",
    "{subj:은} [하루아침에|단기간에] 실력이 느는 과목이 아니라서 [매일 조금씩|하루에 30분이라도] 꾸준히 하는 것이 <중요하다>.",
    "[많은 학생이|의외로 많은 학생이] [밤을 새워 한꺼번에 공부하는|계획만 세우고 실천하지 않는|쉬운 부분만 반복하는] 실수를 <하다>.",
    "[오래 앉아 있는 것보다|공부한 시간보다] [얼마나 집중했는지가|무엇을 이해했는지가] 더 <중요하다>.",
    "{t.고} {t2.면} 효과가 [더|훨씬] <커지다>.",
    "[오래 꾸준히 하려면|지치지 않으려면] [일주일에 하루 정도는|주말 중 하루는] [쉬는 날을|공부를 쉬는 시간을] 정해 두는 것도 <좋다>.",
    "{subj} 공부가 [어렵게|막막하게] 느껴진다면 [기초 개념부터|교과서의 쉬운 예제부터] 차근차근 다시 <살펴보세요|살펴보십시오|살펴보자>.",
    "[처음부터 완벽하게 하려고 하기보다|욕심을 내기보다] {t2.는} 것처럼 작은 일부터 해내는 것이 <중요하다>.",
    "[꾸준히 |습관처럼 |]{t2.면} {gain2.E}.",
    "성적이 바로 오르지 않더라도 [조급해하지 말고|실망하지 말고] 지금의 방법을 [몇 주|한 달] 정도는 꾸준히 이어 가 <보세요|보십시오|보자>.",
    "{subj:을} 공부할 때도 {t.는} 방법은 [꽤|특히] 효과가 <있다>.",
]
WORK_TIPS = Ps("하루를 시작할 때 할 일 목록을 적다", "급한 일과 중요한 일을 구분해 우선순위를 정하다",
               "회의 전에 안건을 미리 읽어 두다", "중요한 내용은 바로 메모하다", "마감일을 달력에 표시해 두다",
               "모르는 것은 혼자 붙잡고 있지 말고 동료에게 묻다", "전자 우편은 핵심부터 간결하게 쓰다",
               "발표 전에는 소리 내어 여러 번 연습하다", "한 가지 일에 집중할 때는 알림을 꺼 두다",
               "퇴근 전에 내일 할 일을 정리해 두다", "점심시간에는 잠깐이라도 자리에서 벗어나 쉬다",
               "업무 결과를 공유할 때는 근거와 숫자를 함께 제시하다", "큰 일은 작은 단계로 나누어 하나씩 처리하다",
               adj=False)
WORK_SIT = [("새 직장에 처음 출근했다면", "새 직장에 적응하는 방법이 있을까요?"),
            ("일이 한꺼번에 몰려 정신이 없다면", "회사 일이 한꺼번에 몰렸는데 어떻게 정리하면 좋을까요?"),
            ("중요한 발표를 앞두고 있다면", "다음 주에 중요한 발표가 있는데 어떻게 준비해야 해요?"),
            ("팀원들과 의견이 자주 엇갈린다면", "팀원들과 의견이 자주 부딪혀요. 어떻게 하면 좋을까요?"),
            ("야근이 잦아 지쳐 있다면", "야근이 많아서 너무 지쳐요. 일을 효율적으로 하는 방법이 있을까요?"),
            ("처음으로 팀을 이끌게 되었다면", "처음으로 팀장이 됐는데 무엇부터 해야 할까요?")]
WORK = [
    "{sit} {t.는} 것부터 시작해 <보세요|보십시오|보자>.",
    "{t.면} [일의 흐름이 한눈에 들어오고|놓치는 일이 줄어들고|해야 할 일이 분명해지고] 마음도 한결 <가벼워지다>.",
    "일을 잘하는 사람들은 [일을 빨리 하는 것보다|무작정 많이 하는 것보다] 무엇을 먼저 할지 정하는 데 [시간을|공을] <들이다>.",
    "{t.고} {t2.면} [하루를 훨씬 효율적으로|업무를 더 여유 있게|한 주를 덜 바쁘게] 보낼 수 <있다>.",
    "동료와 의견이 다를 때는 상대의 말을 끝까지 듣고 [공통점부터|서로의 목표부터] 확인하는 것이 <좋다>.",
    "[처음에는 실수가 있더라도|서툴러도 괜찮으니] 모르는 것은 [솔직하게|바로바로] 묻는 편이 결국 시간을 <아끼다>.",
    "[일과 쉼의 경계를 지키는 것도|충분히 쉬는 것도] [오래 일하기 위해|좋은 성과를 내기 위해] 꼭 <필요하다>.",
    "{t2.는} 습관 하나만 들여도 [업무 스트레스가|실수가|야근이] 눈에 띄게 <줄어들다>.",
    "[완벽하게 끝내려고 미루기보다|혼자 끝까지 붙잡고 있기보다] 중간에 한 번 공유해서 [의견을 받는|방향을 확인하는] 것이 <좋다>.",
    "{sit} [무엇보다|우선] [동료들과 자주 이야기를 나누며|주변에 도움을 청하며] 분위기를 익히는 것도 <중요하다>.",
]


def g_study(rng: random.Random, style: str) -> tuple[str, str]:
    work = rng.random() < 0.45
    if work:
        t, t2, t3, t4 = rng.sample(WORK_TIPS, 4)
        g1 = g2 = None
    else:
        (t, gs1), (t2, gs2), (t3, _), (t4, _) = rng.sample(STUDY_TIPS, 4)
        g1, g2 = rng.choice(gs1), rng.choice(gs2)
    sit, q = rng.choice(WORK_SIT if work else STUDY_SIT)
    s = {"t": t, "t2": t2, "sit": sit, "subj": rng.choice(SUBJECTS), "doing": "일하는" if work else "공부하는"}
    if not work:
        s.update({"gain": g1, "gain2": g2})
    if not work and rng.random() < 0.3:
        q = render("{subj} 공부는 어떻게 하면 좋을까요?", s, "yo", rng)
        del s["sit"]
    if rng.random() < 0.25:
        intro = rng.choice(["[효율적으로|꾸준히] {doing} 데 도움이 되는 방법을 몇 가지 소개<할게요|하겠습니다|해 보겠다>.",
                            "{sit} 다음 방법을 참고해 <보세요|보십시오|보자>."])
        if "sit" not in s:
            intro = "{subj} 공부에 도움이 되는 방법을 몇 가지 소개<할게요|하겠습니다|해 보겠다>."
        return q, " ".join(_list_para(rng, style, intro, [t, t2, t3, t4][:rng.randint(2, 4)], s))
    return q, " ".join(_build(rng, style, s, (WORK if work else STUDY, 3, 5)))


FEELINGS_POS = Ps("기쁘다", "뿌듯하다", "설레다", "행복하다", "후련하다", "감격스럽다")
CAUSES = [(c, [P(f) for f in fs.split()]) for c, fs in [
    ("친구와 사소한 일로 다퉜을 때", "속상하다 서운하다 답답하다"),
    ("열심히 준비한 시험 결과가 기대에 못 미쳤을 때", "속상하다 막막하다 무기력하다 우울하다"),
    ("새로운 환경에 적응해야 할 때", "불안하다 긴장되다 외롭다 걱정스럽다"),
    ("가까운 사람이 내 마음을 몰라줄 때", "서운하다 답답하다 외롭다 속상하다"),
    ("일이 계획대로 풀리지 않을 때", "답답하다 초조하다 막막하다 속상하다"),
    ("오랫동안 함께한 반려동물과 이별했을 때", "허전하다 우울하다 슬프다"),
    ("중요한 발표나 면접을 앞두고 있을 때", "긴장되다 불안하다 초조하다 걱정스럽다"),
    ("혼자 이사를 와서 아는 사람이 없을 때", "외롭다 허전하다 막막하다"),
    ("해야 할 일은 많은데 시간이 부족할 때", "초조하다 답답하다 지치다"),
    ("졸업이나 퇴사처럼 큰 변화를 앞두고 있을 때", "불안하다 걱정스럽다 막막하다"),
    ("노력한 만큼 인정받지 못한다고 느낄 때", "서운하다 속상하다 무기력하다 지치다"),
    ("아끼던 물건을 잃어버렸을 때", "속상하다 허전하다"),
    ("오랜 친구와 점점 멀어진다고 느낄 때", "서운하다 외롭다 허전하다"),
]]
POS_EVENTS = _words("""오랫동안 준비한 시험에 합격했을 때, 처음으로 월급을 받았을 때, 오랜 친구를 다시 만났을 때,
직접 만든 음식을 가족이 맛있게 먹어 줄 때, 어려운 일을 끝까지 해냈을 때, 누군가에게 진심 어린 칭찬을 들었을 때""")
COPING = Ps("믿을 수 있는 사람에게 마음을 털어놓다", "지금 느끼는 감정을 종이에 적어 보다",
            "잠깐 밖에 나가 천천히 걷다", "좋아하는 음악을 들으며 쉬다", "따뜻한 차를 한 잔 마시다",
            "오늘 해낸 작은 일을 하나씩 떠올려 보다", "가볍게 몸을 움직이다", "일찍 잠자리에 들어 푹 자다",
            "해야 할 일을 작게 나누어 하나씩 해 보다", "잠시 휴대폰을 내려놓고 천천히 숨을 고르다", adj=False)
FEELINGS = [
    "{cause} {f.는} 것은 누구에게나 [자연스러운|당연한|충분히 있을 수 있는] <일이에요|일입니다|일이다>.",
    "[그런 마음이 드는|{f.ㄴ} 마음이 드는] 자신을 [너무 탓하지|너무 몰아세우지|지나치게 자책하지] 않았으면 <좋겠어요|좋겠습니다|좋겠다>.",
    "{f.ㄹ} 때는 [혼자 참기보다|억지로 괜찮은 척하기보다|마음을 꾹꾹 누르기보다] {c1.는} 것이 도움이 될 수 <있다>.",
    "[마음이 복잡할 때는|생각이 많아질 때는|머릿속이 어지러울 때는] {c1.고} {c2.는} 것만으로도 마음이 [조금은|한결|생각보다] 가벼워질 수 <있다>.",
    "@{cause} 얼마나 {f.었을지} [충분히|조금은] <짐작이 가요|짐작이 갑니다>.",
    "감정에는 옳고 그른 것이 없으니, {f.ㄴ} 마음도 [있는 그대로|억지로 밀어내지 말고] 인정해 주는 것이 <중요하다>.",
    "[{f.ㄴ} 감정은|이런 감정은|지금의 마음은] [영원히 계속되지 않으니|시간이 지나면 조금씩 옅어지니] [너무 조급해하지 않아도|서두르지 않아도] <괜찮다>.",
    "[작은 일이라도|사소해 보여도|별것 아닌 것 같아도] {c2.면} 기분이 [조금씩|생각보다 빨리] <나아지다>.",
    "@[지금도|그 상황에서도] [충분히 잘 버티고|최선을 다하고] <계세요|계십니다>.",
    "[누구나|사람이라면 누구나] [그런 날이|마음이 무거운 날이] 있으니 [오늘은|이번만큼은] 스스로에게 조금 더 너그러워져도 <괜찮다>.",
    "{f.ㄴ} 마음을 [말로 꺼내 놓는|글로 적어 보는] 것만으로도 마음의 짐이 [조금|한결] 덜어지는 경우가 <많다>.",
    "[혹시|만약] {c3.는} 것이 어렵게 느껴진다면 [아주 작은 일부터|할 수 있는 것 하나부터] 시작해도 <충분하다>.",
    "{cause} [누구나|많은 사람이] 비슷한 마음을 겪으니 [혼자만 이상한 것이|나만 약한 것이] 절대 <아니에요|아닙니다|아니다>.",
]
FEELINGS_CLOSE = [
    "다만 {f.ㄴ} 마음이 [2주 넘게|오랫동안|한 달 가까이] 이어지고 [일상생활이 힘들 정도라면|잠을 제대로 못 잘 정도라면] [상담 전문가의|가까운 상담 센터의] 도움을 받아 보는 것도 <좋다>.",
    "@[이야기하고 싶을 때면|마음이 힘들 때면] 언제든 다시 찾아 <주세요|주십시오>.",
    "[오늘 하루도|지금까지] 잘 버텨 온 [자신을|스스로를] [꼭|한 번쯤] 칭찬해 <주세요|주십시오|주자>.",
]
FEELINGS_POS_TPL = [
    "{pevent} {pf.는} 마음은 [오래 간직하고 싶은|두고두고 힘이 되는|쉽게 잊히지 않는] <감정이에요|감정입니다|감정이다>.",
    "[이런 순간을|오늘의 기분을] [일기나 사진으로|짧은 글로라도] 남겨 두면 [힘들 때 꺼내 볼 수 있어서|나중에 다시 떠올리기 좋아서] <좋다>.",
    "[<정말 축하해요|진심으로 축하드립니다|정말 축하할 일이다>|<그동안 정말 고생 많으셨어요|그동안 정말 고생 많으셨습니다|그동안 정말 고생 많았다>|<좋은 소식을 들려주셔서 저도 기뻐요|좋은 소식을 들려주셔서 저도 기쁩니다|듣기만 해도 기분 좋은 소식이다>].",
    "그동안 [애쓴|고생한|노력한] 자신에게 [작은 선물을 주는 것도|맛있는 음식을 대접하는 것도|하루쯤 푹 쉬는 시간을 주는 것도] <좋다>.",
    "[기쁜 일은 나누면 두 배가 된다는 말처럼|좋은 일은 함께 나눌수록 커지니] [가까운 사람들과|가족이나 친구와] 이 기쁨을 나눠 <보세요|보십시오|보자>.",
    "{pf.ㄴ} 마음이 [오래오래|한동안] 이어지기를 <바라요|바랍니다|바란다>.",
]


def g_feelings(rng: random.Random, style: str) -> tuple[str, str]:
    c1, c2, c3 = rng.sample(COPING, 3)
    if rng.random() < 0.25:
        s = {"pevent": rng.choice(POS_EVENTS), "pf": rng.choice(FEELINGS_POS)}
        q = render("{pevent} 너무 {pf.서} 누군가에게 말하고 싶었어요.", s, "yo", rng)
        return q, " ".join(_build(rng, style, s, (FEELINGS_POS_TPL, 2, 4)))
    cause, feels = rng.choice(CAUSES)
    s = {"cause": cause, "f": rng.choice(feels), "c1": c1, "c2": c2, "c3": c3}
    q = render(rng.choice(["요즘 너무 {f.서} 힘들어요.", "{cause} 마음을 어떻게 다스려야 할까요?",
                           "{cause} 자꾸 {f.서} 아무것도 손에 안 잡혀요."]), s, "yo", rng)
    if rng.random() < 0.2:
        intro = "{f.ㄹ} 때 도움이 되는 방법을 몇 가지 <알려 드릴게요|알려 드리겠습니다|적어 본다>."
        return q, " ".join(_list_para(rng, style, intro, [c1, c2, c3], s))
    return q, " ".join(_build(rng, style, s, (FEELINGS, 2, 4), (FEELINGS_CLOSE, 0, 1)))


ITEMS = {   # category -> (items, what to compare when choosing)
    "옷": (_words("셔츠, 바지, 원피스, 외투, 니트, 청바지, 티셔츠, 치마, 잠옷, 패딩"),
          _words("소재, 사이즈 표, 세탁 방법, 두께")),
    "신발": (_words("운동화, 구두, 샌들, 등산화, 슬리퍼, 장화"), _words("발볼 너비, 쿠션감, 사이즈, 무게")),
    "가전": (_words("선풍기, 가습기, 청소기, 전기밥솥, 전자레인지, 공기 청정기, 제습기, 세탁기"),
           _words("소비 전력, 소음, 크기, 보증 기간, 에너지 효율 등급")),
    "전자": (_words("무선 이어폰, 충전기, 키보드, 마우스, 보조 배터리, 태블릿, 노트북"),
           _words("배터리 사용 시간, 호환 여부, 무게, 보증 기간")),
    "생활": (_words("텀블러, 수건, 이불, 베개, 프라이팬, 냄비, 수납함, 우산, 여행 가방"),
           _words("크기, 소재, 관리 방법, 용량")),
}
COLORS = _words("검은색, 흰색, 회색, 남색, 베이지색, 하늘색, 분홍색, 초록색, 갈색, 노란색")
SHOP = {
    "delivery": [
        "@주문하신 {color} {item:은} [오늘 오후에|내일 오전에|영업일 기준 2일 안에|주문 다음 날] 발송될 <예정이에요|예정입니다>.",
        "@발송이 시작되면 [문자로|알림 메시지로|등록하신 연락처로] 운송장 번호를 보내 <드릴게요|드리겠습니다>.",
        "@[주문이 몰려|지역에 따라|택배사 사정으로] 배송이 [하루 이틀|조금] 늦어질 수 있는 점 양해 <부탁드려요|부탁드립니다>.",
        "@배송 조회는 [주문 내역 화면에서|홈페이지의 마이 페이지에서|앱의 주문 목록에서] 언제든지 확인하실 수 <있어요|있습니다>.",
        "@[불편을 드려|기다리시게 해|걱정을 끼쳐 드려] [정말|진심으로] <죄송해요|죄송합니다>.",
    ],
    "exchange": [
        "@{item:은} 받으신 날로부터 {days}일 이내에 [교환이나 반품을|교환을] 신청하실 수 <있어요|있습니다>.",
        "@다만 [상품을 이미 사용하셨거나 포장이 훼손된 경우에는|상품의 택을 제거하신 경우에는|세탁하신 뒤에는] 교환이나 반품이 어려울 수 <있어요|있습니다>.",
        "@[배송 중에|포장 과정에서] {item:이} 파손되었다면 사진을 찍어 [고객 센터로|문의 게시판에] 보내 <주세요|주십시오>.",
        "@확인되는 대로 새 상품으로 교환해 드리거나 [전액 환불해|결제를 취소해] <드릴게요|드리겠습니다>.",
        "@단순 변심으로 반품하시는 경우에는 왕복 배송비가 [부과될|청구될] 수 있으니 [참고해|양해해] <주세요|주십시오>.",
        "@{color} {item:을} 다른 [사이즈로|색상으로] 바꾸고 싶으시면 [교환 신청 화면에서|고객 센터를 통해] 원하시는 [옵션을|상품을] 선택해 <주세요|주십시오>.",
    ],
    "refund": [
        "@환불은 원래 결제하신 수단으로 진행되며, 카드 결제는 영업일 기준 [3일에서 5일|3일에서 7일] 정도 걸릴 수 <있어요|있습니다>.",
        "@반품하신 {item:이} [물류 센터에|저희 창고에] 도착해 검수가 끝나면 [바로|하루 안에] 환불 절차가 <시작되다>.",
        "@[포인트나 쿠폰을 사용하셨다면|할인 쿠폰을 쓰셨다면] 사용하신 만큼은 다시 계정으로 <돌려드려요|돌려드립니다>.",
        "@환불 진행 상황은 [주문 내역에서|마이 페이지에서] 확인하실 수 있고, 궁금한 점은 언제든 [고객 센터로|상담 창구로] <문의해 주세요|문의해 주십시오>.",
    ],
    "restock": [
        "@{color} {item:은} 현재 [품절이라|재고가 모두 소진되어] [다음 주 중|이번 달 말|열흘쯤 뒤]에 다시 입고될 <예정이에요|예정입니다>.",
        "@재입고 알림을 신청해 주시면 입고되는 대로 [문자로|앱 알림으로] 알려 <드릴게요|드리겠습니다>.",
        "@[기다리기 어려우시다면|급하게 필요하시다면] 비슷한 디자인의 {color2} {item}도 함께 살펴보시는 것을 <추천해요|추천드립니다>.",
        "@찾으시는 {item:을} 바로 [보내 드리지|준비해 드리지] 못해 <죄송해요|죄송합니다>.",
    ],
    "choose": [
        "{item:을} 고를 때는 [가격만 보기보다|디자인만 보기보다|유명한 제품만 찾기보다] {crit:을} 함께 꼼꼼히 비교해 보는 것이 <좋다>.",
        "온라인으로 {item:을} 살 때는 [실제 구매자의 후기를|상세 설명과 교환 규정을|판매자의 문의 답변을] 먼저 읽어 보는 것이 <좋다>.",
        "[할인 기간에는|행사 기간에는] 같은 {item:이라도} 가격이 꽤 달라지니 [장바구니에 담아 두었다가|가격 알림을 설정해 두었다가] 구매하는 것도 <방법이에요|방법입니다|방법이다>.",
        "[충동구매를 줄이려면|지출을 관리하려면] 사고 싶은 {item:이} 생겨도 [하루 정도|며칠 정도] 생각해 본 뒤에 결정해 <보세요|보십시오|보자>.",
        "영수증은 교환이나 환불을 할 때 필요하니 [한동안은|적어도 일주일은] 버리지 말고 보관해 <두세요|두십시오|두자>.",
        "{crit2:과} {crit:은} [상품 설명 페이지에|제품 상자에] 나와 있으니 구매 전에 꼭 확인해 <보세요|보십시오|보자>.",
        "[매장에서 직접|한 번이라도 직접] 보고 사면 {item:의} [색상이나 크기를|실제 느낌을] 더 정확하게 알 수 <있다>.",
        "{item:은} [한 번 사면 오래 쓰는 물건이라|매일 쓰는 물건이라] 조금 비싸더라도 {crit:이} 좋은 것을 고르는 편이 <나아요|낫습니다|낫다>.",
    ],
    "story": [
        "[지난주에|며칠 전에|열흘 전쯤] 주문한 {item:이} 아직 도착하지 않아서 고객 센터에 <문의했어요|문의했습니다|문의했다>.",
        "상담원이 [친절하게|차근차근] 배송 상황을 확인해 주어서 마음이 <놓였어요|놓였습니다|놓였다>.",
        "[택배 상자를 열어 보니|받아 보니] {color} {item:이} 생각보다 [작아서|색이 진해서|커서] 교환을 <신청했어요|신청했습니다|신청했다>.",
        "[할인 기간에|행사 기간에] 오래 눈여겨보던 {item:을} [꽤 싸게|반값에 가깝게] <샀어요|샀습니다|샀다>.",
        "[새로 산|오래 고민해서 고른] {item:은} [생각보다 훨씬 마음에 들어서|쓸수록 만족스러워서] 요즘 [자주|매일같이] <애용하다>.",
        "다음에는 [후기를 더 꼼꼼히 읽어 보고|{crit:을} 먼저 확인하고] 사야겠다고 <생각했어요|생각했습니다|생각했다>.",
    ],
}
SHOP_Q = {
    "delivery": ["주문한 {item:이} 언제 도착하나요?", "{item} 배송이 너무 늦어요.", "주문한 {item} 배송 조회는 어떻게 해요?"],
    "exchange": ["{item:을} 교환하고 싶은데 어떻게 해야 하나요?", "받은 {item:이} 사이즈가 안 맞아요.", "{item} 반품할 수 있나요?"],
    "refund": ["환불은 언제쯤 되나요?", "반품한 {item} 환불이 아직 안 됐어요.", "카드로 결제했는데 환불은 어떻게 돼요?"],
    "restock": ["{color} {item} 재입고 언제 되나요?", "{item:이} 품절이던데 다시 들어오나요?"],
    "choose": ["{item} 고를 때 뭘 봐야 해요?", "{item:을} 사려고 하는데 팁이 있을까요?", "온라인으로 {item} 살 때 주의할 점이 있나요?"],
    "story": ["최근에 물건을 사면서 있었던 일을 들려주세요.", "온라인 쇼핑하면서 겪은 일 있어요?"],
}


def g_shopping(rng: random.Random, style: str) -> tuple[str, str]:
    kind = rng.choices(list(SHOP), weights=(2, 3, 2, 2, 3, 2))[0]
    items, crits = ITEMS[rng.choice(list(ITEMS))]
    c1, c2 = rng.sample(COLORS, 2)
    cr1, cr2 = rng.sample(crits, 2)
    s = {"item": rng.choice(items), "color": c1, "color2": c2, "crit": cr1, "crit2": cr2,
         "days": str(rng.choice([7, 14]))}
    if style == "ra" and kind not in ("choose", "story"):
        style = "yo"
    pool = SHOP[kind]
    if kind in ("delivery", "exchange", "refund", "restock"):
        greet = rng.choice(["@[안녕하세요, 고객님|고객님, 안녕하세요]. [문의하신 {item}|주문하신 {item}|{item} 주문] 관련 내용을 안내해 <드릴게요|드리겠습니다>.",
                            "@{item} 관련 문의를 남겨 주셔서 <감사해요|감사합니다>.",
                            "@[문의해 주셔서|연락 주셔서|기다려 주셔서] <감사해요|감사합니다>.",
                            "@{item} [주문으로|배송 문제로] [불편을 드려|번거롭게 해 드려] <죄송해요|죄송합니다>."])
        sents = [render(greet, s, style, rng)] + _build(rng, style, s, (pool, 2, 4, True))
    else:
        sents = _build(rng, style, s, (pool, 2, 4, kind == "story"))  # tips: any order
    q = render(rng.choice(SHOP_Q[kind]), s, "yo", rng)
    return q, " ".join(sents)


# --------------------------------------------------------------------------
# Dialogues (반말 between friends, 존댓말 in shops, streets, classrooms)
# --------------------------------------------------------------------------
MEET = _words("역, 학교 정문, 도서관, 우리 집, 버스 정류장, 편의점, 공원 입구")
TROUBLES = _words("발표를 망쳐서, 친구랑 다퉈서, 지갑을 잃어버려서, 시험을 잘 못 봐서, 강아지가 아파서, 면접에서 떨어져서")
DIALOGUES_BAN = [
    [["{a}: {b:아}, 이번 주말에 뭐 해?", "{a}: {b:아}, 주말에 시간 있어?", "{a}: {b:아}, [토요일|일요일]에 바빠?"],
     ["{b}: 아직 특별한 계획은 없어. 왜?", "{b}: [토요일|일요일]은 괜찮은데, 무슨 일 있어?", "{b}: 별일 없어. 무슨 좋은 일 있어?"],
     ["{a}: {place}에 가서 {act.려고} 하는데 같이 갈래?", "{a}: 요즘 {act.는} 게 재밌어서 {place}에 가 보려고. 같이 갈래?"],
     ["{b}: 좋아! 몇 시에 만날까?", "{b}: 재밌겠다. 나도 갈래!", "{b}: {act.는} 거 오랜만이다. 좋아!"],
     ["{a}: [토요일|일요일] [오전 열 시|오후 두 시|점심 먹고 한 시|오전 열한 시 반]에 {meet} 앞에서 보자."],
     ["{b}: 알겠어. 늦지 않게 갈게.", "{b}: 좋아, 그때 봐!", "{b}: 응, {meet} 앞에서 보자!"]],
    [["{a}: 배고프다. 점심 뭐 먹을까?", "{a}: 오늘 저녁 뭐 먹을래?", "{a}: {b:아}, 밥 먹으러 가자. 뭐 먹고 싶어?"],
     ["{b}: 나는 {food} 먹고 싶어.", "{b}: 어제 {food2:을} 먹었으니까 오늘은 {food:이} 좋겠어."],
     ["{a}: 그럼 [학교 앞에|회사 근처에|역 앞에] 새로 생긴 식당에 가 볼래? 거기 {food:이} 맛있대.",
      "{a}: 좋아. 내가 아는 집이 있는데 거기 {food:이} 진짜 맛있어."],
     ["{b}: 좋아, 가자!", "{b}: 오, 기대된다. 빨리 가자.", "{b}: 거기 {drink}도 팔아? 후식으로 마시면 좋겠다."]],
    [["{a}: 내일 {subj} 시험인데 하나도 모르겠어.", "{a}: {subj} 숙제 다 했어? 나는 아직 반도 못 했어."],
     ["{b}: 어떤 부분이 어려운데?", "{b}: 나도 어려웠어. 어디가 막혀?"],
     ["{a}: 문제 푸는 게 너무 어려워.", "{a}: 외울 게 너무 많아서 머리가 복잡해.", "{a}: {subj} 개념이 잘 이해가 안 돼."],
     ["{b}: 그럼 오늘 같이 [도서관에서|카페에서] 공부할래?", "{b}: 내가 정리한 {subj} 공책 빌려줄까?"],
     ["{a}: 정말? 고마워! 덕분에 살았다.", "{a}: 그래 주면 정말 고맙지.", "{a}: 역시 {b}밖에 없어. 고마워!"]],
    [["{a}: 너 오늘 기분 안 좋아 보여. 무슨 일 있어?", "{a}: 왜 이렇게 기운이 없어? 괜찮아?"],
     ["{b}: 사실 {trouble} 좀 속상해.", "{b}: 별건 아닌데, {trouble} 계속 신경이 쓰여."],
     ["{a}: 그랬구나. 많이 속상했겠다.", "{a}: 저런, 그래서 기운이 없었구나."],
     ["{b}: 들어 줘서 고마워. 말하고 나니까 좀 나아졌어.", "{b}: 고마워, {a:아}. 너한테 말하길 잘했다."],
     ["{a}: 언제든지 얘기해. 이따가 {drink} 마시러 가자.", "{a}: 힘내! 맛있는 거 먹으러 가자. 내가 {food} 살게."]],
    [["{a}: 여보세요? {b:아}, 지금 통화 괜찮아?"],
     ["{b}: 응, 괜찮아. 무슨 일이야?"],
     ["{a}: 다음 주가 {c} 생일이잖아. 선물로 뭘 사면 좋을까?"],
     ["{b}: 요즘 {c:이} {act.는} 걸 좋아하던데 거기에 필요한 걸 사 주면 어때?",
      "{b}: {obj} 어때? 전에 갖고 싶다고 했던 것 같아."],
     ["{a}: 오, 좋은 생각이다! 같이 사러 갈래?"],
     ["{b}: 그래, 내일 [학교|일] 끝나고 가자.", "{b}: 좋아, 주말에 {meet} 앞에서 만나."]],
    [["{a}: 오늘 엄청 춥대. 옷 따뜻하게 입고 나가.", "{a}: 밖에 비 온대. 우산 챙겼어?"],
     ["{b}: 정말? 몰랐어. 알려 줘서 고마워.", "{b}: 아, 깜빡했다. 하나 빌려줄 수 있어?"],
     ["{a}: 응, 현관에 하나 더 있어. 가져가.", "{a}: 그럼 내 {obj2} 하나 가져가."],
     ["{b}: 고마워. 내일 꼭 돌려줄게.", "{b}: 고마워, {a:아}. 잘 쓰고 돌려줄게."]],
    [["{a}: {b:아}, 너 요즘 {act.는} 거 배운다며?"],
     ["{b}: 응, [한 달쯤|두 달쯤|석 달쯤] 됐어. 생각보다 재밌어."],
     ["{a}: 어렵지 않아? 나도 해 보고 싶었는데.", "{a}: 어디서 배워? 나도 관심 있었거든."],
     ["{b}: 처음엔 좀 어려웠는데 하다 보니까 익숙해지더라. 같이 해 볼래?", "{b}: {place}에서 배워. 다음에 같이 가 보자."],
     ["{a}: 좋아, 다음에 나도 데려가 줘."]],
]
OBJ2 = _words("우산, 장갑, 목도리, 모자, 보조 배터리")
DIALOGUES_JON = [
    [["손님: 저기요, 주문할게요.", "손님: 여기 주문 좀 받아 주세요."],
     ["직원: 네, 무엇으로 드릴까요?"],
     ["손님: {food} 하나하고 {drink} 한 잔 주세요.", "손님: {food} 두 개 주세요. 하나는 포장해 주시고요."],
     ["직원: 네, 알겠습니다. {food:은} [10분|15분|20분] 정도 걸리는데 괜찮으세요?"],
     ["손님: 네, 괜찮아요.", "손님: 네, 기다릴게요."],
     ["직원: 그럼 잠시만 기다려 주세요.", "직원: 감사합니다. 준비되면 바로 가져다드릴게요."]],
    [["손님: 안녕하세요. [어제|지난 주말에] 여기서 산 {item:을} 교환하고 싶어서 왔어요."],
     ["직원: 네, 영수증 가지고 오셨어요?"],
     ["손님: 네, 여기 있어요. 사이즈가 조금 작아서요.", "손님: 네, 여기요. 색상이 생각했던 것과 달라서요."],
     ["직원: 확인해 보겠습니다. 한 치수 큰 것으로 바꿔 드릴까요?", "직원: 확인해 보겠습니다. {color} {item:으로} 바꿔 드릴까요?"],
     ["손님: 네, 그렇게 해 주세요."],
     ["직원: 잠시만 기다려 주세요. 새 상품으로 가져다드리겠습니다."]],
    [["행인: 실례합니다. {spot}에 어떻게 가요?", "행인: 저기요, 혹시 {spot:이} 어디인지 아세요?"],
     ["주민: 이 길로 쭉 가시다가 [두 번째|첫 번째|세 번째] 사거리에서 [오른쪽|왼쪽]으로 도세요."],
     ["행인: 걸어서 얼마나 걸려요?"],
     ["주민: [5분|10분|15분] 정도면 도착하실 거예요.", "주민: 금방이에요. 천천히 걸어도 [10분|15분]이면 돼요."],
     ["행인: 정말 감사합니다!", "행인: 친절하게 알려 주셔서 감사합니다."]],
    [["손님: 안녕하세요. {symptom:이} 있어서 왔어요."],
     ["약사: 언제부터 그러셨어요?"],
     ["손님: [어제|그저께|사흘 전]부터요."],
     ["약사: 이 약을 하루 세 번 식후 30분에 드세요. 며칠 지나도 나아지지 않으면 꼭 병원에 가 보세요."],
     ["손님: 네, 알겠습니다. 감사합니다."]],
    [["직원: 감사합니다, {hotel}입니다. 무엇을 도와드릴까요?"],
     ["손님: 다음 주 [금요일|토요일]에 [2명|4명]이 묵을 방을 예약하고 싶어요."],
     ["직원: 네, 확인해 보겠습니다. [바다가 보이는 방|조용한 방]으로 하나 남아 있습니다."],
     ["손님: 그럼 그 방으로 할게요. 체크인은 몇 시부터예요?"],
     ["직원: 오후 [세 시|네 시]부터 가능하고, 체크아웃은 오전 [열한 시|열 시]까지입니다."],
     ["손님: 네, 알겠습니다. 감사합니다."]],
    [["학생: 선생님, 질문이 있어요."],
     ["선생님: 그래, 뭐가 궁금하니?"],
     ["학생: {topic}에 대해 배웠는데 잘 이해가 안 돼요."],
     ["선생님: 어떤 부분이 헷갈리니? 같이 차근차근 살펴보자."],
     ["학생: 감사합니다. 다시 설명해 주시니까 훨씬 잘 알겠어요."]],
    [["{a}: {b} 씨, 주말 잘 보내셨어요?"],
     ["{b}: 네, 덕분에요. [가족들과 바닷가에 다녀왔어요|친구들과 등산을 다녀왔어요|오랜만에 영화를 보고 왔어요|공원에서 자전거를 탔어요|미술관에서 전시회를 보고 왔어요]. {a} 씨는요?"],
     ["{a}: 저는 집에서 푹 쉬었어요. 요즘 일이 많아서 좀 피곤했거든요.", "{a}: 저는 {hact.고} 푹 쉬었어요."],
     ["{b}: 그러셨구나. 이번 주도 힘내세요!"],
     ["{a}: 감사합니다. {b} 씨도요."]],
]
HOTELS = _words("바다 호텔, 한빛 펜션, 솔숲 게스트하우스, 별빛 호텔, 푸른 산장")
SPOTS = _words("시청, 중앙 도서관, 기차역, 우체국, 시립 미술관, 전통 시장, 보건소, 버스 터미널")


def g_dialogue(rng: random.Random, style: str) -> tuple[str, str]:
    s = _life_slots(rng)
    a, b, c = rng.sample(NAMES, 3)
    items, _ = ITEMS[rng.choice(list(ITEMS))]
    s.update({"a": a, "b": b, "c": c, "meet": rng.choice(MEET), "subj": rng.choice(SUBJECTS),
              "trouble": rng.choice(TROUBLES), "obj2": rng.choice(OBJ2), "item": rng.choice(items),
              "color": rng.choice(COLORS), "spot": rng.choice(SPOTS), "symptom": rng.choice(SYMPTOMS),
              "hotel": rng.choice(HOTELS), "topic": rng.choice(SCIENCE + HISTORY)[0]})
    pool = DIALOGUES_BAN if rng.random() < 0.5 else DIALOGUES_JON
    lines = [render(rng.choice(line), s, "yo", rng) for line in rng.choice(pool)]
    return "", " ".join(lines)


# --------------------------------------------------------------------------
# Number-rich genres: weather forecasts, notices, arithmetic, reviews
# --------------------------------------------------------------------------
FORECAST_CITIES = [c[0] for c in CITIES] + _words("대전, 청주, 울산, 세종, 목포, 창원, 전국, 중부 지방, 남부 지방, 동해안")
SEASON_TEMPS = {"봄": ((1, 12), (13, 24)), "여름": ((20, 27), (27, 35)),
                "가을": ((3, 16), (15, 26)), "겨울": ((-14, 2), (-5, 9))}
SKIES = {
    "봄": ["하늘이 대체로 맑<겠어요|겠습니다|겠다>", "구름이 많이 끼<겠어요|겠습니다|겠다>",
          "오후부터 가끔 비가 내리<겠어요|겠습니다|겠다>", "황사의 영향으로 하늘이 뿌옇<겠어요|겠습니다|겠다>"],
    "여름": ["무더운 날씨가 이어지<겠어요|겠습니다|겠다>", "곳에 따라 소나기가 내리<겠어요|겠습니다|겠다>",
           "장맛비가 계속 이어지<겠어요|겠습니다|겠다>", "구름이 많고 후텁지근하<겠어요|겠습니다|겠다>"],
    "가을": ["하늘이 맑고 선선하<겠어요|겠습니다|겠다>", "아침에는 안개가 끼는 곳이 있<겠어요|겠습니다|겠다>",
           "구름이 많이 끼<겠어요|겠습니다|겠다>", "오후 한때 비가 내리는 곳이 있<겠어요|겠습니다|겠다>"],
    "겨울": ["찬 바람이 불면서 매우 춥<겠어요|겠습니다|겠다>", "곳에 따라 눈이 내리<겠어요|겠습니다|겠다>",
           "하늘이 대체로 맑지만 건조하<겠어요|겠습니다|겠다>", "아침까지 눈이 날리는 곳이 있<겠어요|겠습니다|겠다>"],
}
WEATHER = [
    "{day} {city:은} {sky}.",
    "[아침 최저 기온은|아침 기온은] {tmin}도, [낮 최고 기온은|한낮 기온은] {tmax}도로 <예상되다>.",
    "{city:의} {day} 기온은 {tmin}도에서 {tmax}도 사이가 될 <것으로 보여요|것으로 보입니다|것으로 보인다>.",
    "{precip} 올 확률은 {pop}퍼센트<이다>.",
    "{rain}[외출하실 때는|나가실 때는] [작은 우산을|우산을] 챙기시는 것이 <좋겠어요|좋겠습니다|좋겠다>.",
    "아침과 낮의 기온 차이가 {diff}도 가까이 벌어지니 [건강 관리에|감기에 걸리지 않도록] <유의하세요|유의하십시오|유의해야 한다>.",
    "미세 먼지 농도는 [좋음에서 보통|보통|대체로 좋음] 수준으로 [야외 활동을 하기에|나들이하기에] 무난하<겠어요|겠습니다|겠다>.",
    "바람이 초속 {wind}미터 안팎으로 불어 체감 온도는 실제 기온보다 [더|조금 더] 낮<겠어요|겠습니다|겠다>.",
    "[주말에는|모레부터는] 기온이 [조금 올라 예년보다 조금 높은|점차 내려가 예년보다 조금 낮은|크게 변하지 않고 평년과 비슷한] 날씨를 <보이겠어요|보이겠습니다|보이겠다>.",
    "{hot}한낮에는 햇볕이 강하니 [물을 자주 마시고|그늘에서 자주 쉬고] 무리한 야외 활동은 <피하세요|피하십시오|피하자>.",
    "{cold}길이 얼어 미끄러운 곳이 많겠으니 [출근길|등굣길|운전할 때] 안전에 각별히 <주의하세요|주의하십시오|주의해야 한다>.",
]


def g_weather(rng: random.Random, style: str) -> tuple[str, str]:
    season = rng.choice(SEASONS)
    (lo1, lo2), (hi1, hi2) = SEASON_TEMPS[season]
    tmin = rng.randint(lo1, lo2)
    tmax = max(hi1, min(hi2, tmin + rng.randint(5, 12)))
    sky = rng.choice(SKIES[season])
    rainy = any(w in sky for w in ("비", "소나기", "눈이", "눈이 날리"))
    s = {"day": rng.choice(_words("오늘, 내일, 모레, 이번 주말, 이번 토요일, 다음 주 월요일")),
         "city": rng.choice(FORECAST_CITIES), "precip": "눈이나 비가" if "눈" in sky else "비가",
         "sky": sky, "tmin": str(tmin), "tmax": str(tmax), "diff": str(tmax - tmin),
         "pop": str(rng.choice(range(60, 100, 10)) if rainy else rng.choice(range(0, 40, 10))),
         "wind": str(rng.randint(3, 9))}
    if rainy:
        s["rain"] = ""
    if season == "여름":
        s["hot"] = ""
    if season == "겨울" and tmin < 0:
        s["cold"] = ""
    sents = [render(WEATHER[0], s, style, rng)] + _build(rng, style, s, (WEATHER[1:], 2, 4, True))
    q = render(rng.choice(["{day} {city} 날씨 어때요?", "{day} 날씨 좀 알려 주세요.", "{day} 우산 챙겨야 할까요?"]),
               s, "yo", rng)
    return q, " ".join(sents)


EVENTS = _words("""벼룩시장, 작은 음악회, 독서 모임, 어린이 그림 그리기 대회, 건강 강좌, 요리 교실, 영화 상영회,
나눔 장터, 가을 운동회, 주민 노래자랑, 사진 전시회, 동네 대청소, 도자기 체험 교실, 별자리 관찰 행사""")
FACILITIES = [("엘리베이터", "엘리베이터를"), ("수도", "수돗물을"), ("주차장", "지하 주차장을"),
              ("도서관 열람실", "열람실을"), ("체육관", "체육관을"), ("온라인 민원 서비스", "민원 서비스를")]
WORKS = _words("정기 점검, 보수 공사, 소독 작업, 시설 교체 작업, 물탱크 청소")
VENUES = _words("주민 센터, 아파트 놀이터 옆 광장, 구립 도서관 강당, 시민 공원 잔디밭, 복지관 2층 강당, 학교 운동장")
OFFICES = _words("관리 사무소, 주민 센터, 도서관 안내 데스크, 행정실")
NOTICE_EVENT = [
    "{month}월 {d}일 {wd} {ampm} {h}시부터 {venue}에서 {event:이} <열려요|열립니다|열린다>.",
    "@[주민 여러분 누구나|관심 있는 분은 누구나|가족 단위로도] 참여하실 수 <있어요|있습니다>.",
    "@참가 신청은 {month}월 {d0}일까지 {office}에서 <받아요|받습니다>.",
    "@참가비는 [무료이며|1인당 3천 원이며|1인당 5천 원이며], 선착순 {n}명까지 참여하실 수 <있어요|있습니다>.",
    "@[편한 복장으로 오시면 되고|따로 준비물은 없고|개인 물병을 챙겨 오시면 좋고], 궁금한 점은 {office:으로} 문의해 <주세요|주십시오>.",
    "@[비가 오면|날씨가 좋지 않으면] 일정이 바뀔 수 있으니 [게시판이나 안내 문자를|공지 사항을] 확인해 <주세요|주십시오>.",
    "@[많은 관심과 참여|이웃 여러분의 많은 참여] <부탁드려요|부탁드립니다>.",
]
NOTICE_WORK = [
    "{month}월 {d}일 {wd} {ampm} {h}시부터 {h2}시까지 {fac} {work:이} 있을 <예정이에요|예정입니다|예정이다>.",
    "@작업 시간에는 {fac_obj} 이용하실 수 없으니 [양해|너그러운 양해] <부탁드려요|부탁드립니다>.",
    "@[작업이 일찍 끝나면|작업 일정이 바뀌면] [안내 방송으로|게시판을 통해] 다시 알려 <드릴게요|드리겠습니다>.",
    "@[입주민 여러분의|이용자 여러분의] 너그러운 이해를 <부탁드려요|부탁드립니다>.",
    "@자세한 내용은 {office:으로} 문의해 <주세요|주십시오>.",
]


def g_notice(rng: random.Random, style: str) -> tuple[str, str]:
    if style == "ra":
        style = "sm"
    month = rng.randint(1, 12)
    d = rng.randint(5, 28)
    h = rng.randint(9, 17)
    fac, fac_obj = rng.choice(FACILITIES)
    s = {"month": str(month), "d": str(d), "d0": str(d - rng.randint(1, 4)), "wd": rng.choice(DAYS),
         "ampm": "오전" if h < 12 else ("낮" if h == 12 else "오후"), "h": str(h if h <= 12 else h - 12),
         "h2": str((h + rng.randint(1, 3)) % 12 or 12), "venue": rng.choice(VENUES),
         "event": rng.choice(EVENTS), "office": rng.choice(OFFICES), "n": str(rng.choice(range(10, 60, 5))),
         "fac": fac, "fac_obj": fac_obj, "work": rng.choice(WORKS)}
    if rng.random() < 0.6:
        sents = [render(NOTICE_EVENT[0], s, style, rng)] + _build(rng, style, s, (NOTICE_EVENT[1:], 2, 4, True))
        q = render("이번 {event}에 대해 알려 주세요.", s, "yo", rng)
    else:
        sents = [render(NOTICE_WORK[0], s, style, rng)] + _build(rng, style, s, (NOTICE_WORK[1:], 1, 3, True))
        q = render("{fac} {work} 일정이 어떻게 되나요?", s, "yo", rng)
    return q, " ".join(sents)


def _won(n: int) -> str:
    return f"{n:,}원"


SNACKS = [("김밥", 3500), ("떡볶이", 4500), ("라면", 4000), ("우유", 1800), ("빵", 2500), ("아이스크림", 1500),
          ("주스", 2000), ("도시락", 5500), ("샌드위치", 4800), ("과자", 1200), ("커피", 3000), ("호떡", 1000)]


def g_math(rng: random.Random, style: str) -> tuple[str, str]:
    name, name2 = rng.sample(NAMES, 2)
    kind = rng.randrange(5)
    if kind == 0:
        a = rng.randint(8, 40)
        b = rng.randint(2, a - 1)
        f = rng.choice(FRUITS)
        q = f"{josa(name, '이')} {josa(f, '을')} {a}개 가지고 있다가 {name2}에게 {b}개를 주었어요. 남은 {josa(f, '은')} 몇 개일까요?"
        ans = [f"{a}에서 {josa(str(b), '을')} 빼면 {josa(str(a - b), '이')} <되다>.",
               f"그래서 {name}에게 남은 {josa(f, '은')} {a - b}<개예요|개입니다|개다>."]
    elif kind == 1:
        a, b = rng.randint(3, 12), rng.randint(2, 9)
        q = f"한 상자에 연필이 {a}자루씩 들어 있어요. {b}상자에는 연필이 모두 몇 자루 있을까요?"
        ans = [f"한 상자에 {a}자루씩 {b}상자가 있으니 {a}에 {josa(str(b), '을')} 곱하면 <되다>.",
               f"{a} 곱하기 {josa(str(b), '은')} {a * b}이므로 연필은 모두 {a * b}<자루예요|자루입니다|자루다>."]
    elif kind == 2:
        (i1, p1), (i2, p2) = rng.sample(SNACKS, 2)
        pay = 10000 if p1 + p2 < 10000 else 20000
        q = f"{josa(i1, '은')} {_won(p1)}, {josa(i2, '은')} {_won(p2)}이에요. 두 개를 사고 {_won(pay)}을 내면 거스름돈은 얼마예요?"
        ans = [f"먼저 두 가격을 더하면 {_won(p1)}과 {_won(p2)}을 합해 {_won(p1 + p2)}<이다>.",
               f"{_won(pay)}에서 {_won(p1 + p2)}을 빼면 거스름돈은 {_won(pay - p1 - p2)}<이다>."]
    elif kind == 3:
        h, m = rng.randint(7, 18), rng.choice(range(0, 60, 5))
        dur = rng.choice(range(15, 100, 5))
        tot = h * 60 + m + dur
        hh, mm = divmod(tot, 60)
        def clock(x, y):
            return f"{x}시" + (f" {y}분" if y else "")
        q = f"{josa(name, '은')} {clock(h, m)}에 집에서 출발했어요. 도서관까지 {dur}분이 걸린다면 몇 시에 도착할까요?"
        ans = [f"{clock(h, m)}에서 {dur}분이 지나면 {clock(hh, mm)}<이다>.",
               f"따라서 {josa(name, '은')} {clock(hh, mm)}에 도서관에 도착<해요|합니다|한다>."]
    else:
        a, b = rng.randint(2, 9), rng.randint(2, 6)
        n = a * b
        q = f"사탕 {n}개를 친구 {b}명에게 똑같이 나누어 주면 한 명에게 몇 개씩 줄 수 있을까요?"
        ans = [f"{josa(str(n), '을')} {josa(str(b), '으로')} 나누면 {a}<이다>.",
               f"그래서 한 명에게 {a}개씩 나누어 줄 수 <있다>."]
    extra = rng.choice(["", "", "", "이런 문제는 [그림을 그려 보면|식으로 적어 보면] 더 쉽게 이해할 수 <있다>.",
                        "계산이 끝나면 [거꾸로 계산해서|다른 방법으로 다시 풀어서] 답이 맞는지 확인해 보는 것이 <좋다>."])
    sents = [render(t, {}, style, rng) for t in ans + ([extra] if extra else [])]
    return q, " ".join(sents)


REVIEW_ADJ = _words("가볍고 튼튼해서, 디자인이 깔끔해서, 생각보다 부드러워서, 마감이 꼼꼼해서, 색감이 사진과 똑같아서, 쓰기 편해서")
REVIEW = [
    "[지난달에|며칠 전에|할인 기간에] 산 {color} {item} 후기를 남겨 <볼게요|보겠습니다|본다>.",
    "[배송이 생각보다 빨랐고|포장이 꼼꼼했고] 상품도 {adj} 마음에 <들다.P>.",
    "{crit:은} [설명에 나온 그대로였고|기대했던 것보다 좋았고] [가격 대비 만족도가|전체적인 만족도가] <높다>.",
    "다만 {crit2:은} [조금 아쉬워서|생각과 조금 달라서] 다음에는 미리 꼼꼼히 확인해야겠다고 <생각했어요|생각했습니다|생각했다>.",
    "별점을 준다면 다섯 개 중에 {stars}개를 주고 <싶다>.",
    "{item:을} [처음 사는 사람에게|고민하는 사람에게] 충분히 추천할 <만해요|만합니다|만하다>.",
]
PLACE_REVIEW = [
    "{city}에 있는 [작은|오래된|골목 안] 식당에서 {cfood:을} <먹었어요|먹었습니다|먹었다>.",
    "[점심시간이라|주말이라] [줄이 조금 길었지만|사람이 많았지만] [회전이 빨라서|기다린 보람이 있어서] 금방 <들어갔어요|들어갔습니다|들어갔다>.",
    "{cfood:은} [양이 넉넉하고|간이 딱 알맞고] [재료가 신선해서|맛이 깊어서] 정말 <맛있었어요|맛있었습니다|맛있었다>.",
    "사장님이 [친절하게|웃으며] [먹는 방법을 알려 주셔서|반찬을 더 챙겨 주셔서] 기분 좋게 식사를 <했어요|했습니다|했다>.",
    "{city}에 다시 가면 꼭 [한 번 더|다른 메뉴도 먹으러] 들르고 <싶다>.",
    "식사를 마치고 [근처의|가까운] {s1:까지} 걸어가며 소화를 <시켰어요|시켰습니다|시켰다>.",
]


def g_review(rng: random.Random, style: str) -> tuple[str, str]:
    if rng.random() < 0.5:
        items, crits = ITEMS[rng.choice(list(ITEMS))]
        cr1, cr2 = rng.sample(crits, 2)
        s = {"item": rng.choice(items), "color": rng.choice(COLORS), "adj": rng.choice(REVIEW_ADJ),
             "crit": cr1, "crit2": cr2, "stars": str(rng.choice([3, 4, 4, 5, 5]))}
        sents = [render(REVIEW[0], s, style, rng)] + _build(rng, style, s, (REVIEW[1:], 2, 4, True))
        q = render("{item} 써 보니까 어때요?", s, "yo", rng)
    else:
        s = _travel_slots(rng)
        sents = _build(rng, style, s, (PLACE_REVIEW, 3, 5, True))
        q = render("{city}에서 먹은 음식 중에 뭐가 맛있었어요?", s, "yo", rng)
    return q, " ".join(sents)


# --------------------------------------------------------------------------
# Letters and messages
# --------------------------------------------------------------------------
LETTER_ELDER = [
    "[그동안|요즘] 잘 지내셨어요? 저는 [덕분에|별일 없이] 잘 지내고 있어요.",
    "[날씨가 많이 추워졌는데|요즘 일교차가 큰데|무더위가 계속되는데] 감기 걸리지 않게 [조심하세요|건강 잘 챙기세요].",
    "지난번에 보내 주신 {sfood:은} [정말 맛있게|식구들과 나눠서 맛있게] 먹었어요.",
    "요즘 저는 {time}마다 {place}에서 {act.는} 재미에 빠져 있어요.",
    "[다음 달에|{month}월에] 시간 내서 꼭 [찾아뵐게요|뵈러 갈게요].",
    "그때 {elder}께서 [좋아하시는|즐겨 드시는] {food:을} [사 갈게요|같이 먹으러 가요].",
    "[늘 건강하시고|항상 건강하시고] [행복하세요|웃는 일만 가득하세요].",
    "[보고 싶은 마음을 담아|고마운 마음을 담아] [짧게나마|몇 자] 적어 보내요.",
]
LETTER_FRIEND = [
    "{to:아}, 잘 지내지? [요즘|이번 달에] 많이 바쁘다며?",
    "나는 요즘 {place}에서 {act.는} 재미로 지내고 있어.",
    "지난번에 같이 먹은 {food} 생각이 나서 [연락했어|편지를 써].",
    "[시간 되면|다음 주말에] 같이 [영화 보러 가자|바다 보러 가자|맛있는 거 먹으러 가자|공원에서 자전거 타자|전시회 보러 가자|{city}에 놀러 가자].",
    "너무 무리하지 말고 밥 잘 챙겨 먹어.",
    "[요즘 날씨가 좋아서|날이 많이 풀려서] [밖에|공원에] 자주 나가게 돼.",
    "[답장 기다릴게|곧 보자|또 연락할게]!",
]


def g_letter(rng: random.Random, style: str) -> tuple[str, str]:
    s = _life_slots(rng)
    s.update({"to": rng.choice(NAMES), "month": str(rng.randint(1, 12)), "city": rng.choice(CITIES)[0]})
    if rng.random() < 0.55:
        head = render("[보고 싶은|사랑하는|존경하는] {elder}께.", s, "yo", rng)
        body = [render(LETTER_ELDER[i], s, "yo", rng)
                for i in sorted(rng.sample(range(len(LETTER_ELDER)), rng.randint(3, 5)))]
        tail = f"{s['month']}월 {rng.randint(1, 28)}일, {s['name']} 올림."
        q = render("{elder}께 보낼 편지를 써 주세요.", s, "yo", rng)
    else:
        head = ""
        body = [render(LETTER_FRIEND[0], s, "yo", rng)] + \
            [render(LETTER_FRIEND[i], s, "yo", rng)
             for i in sorted(rng.sample(range(1, len(LETTER_FRIEND)), rng.randint(2, 4)))]
        tail = f"{s['name']}{'이가' if has_batchim(s['name']) else '가'}."
        q = "친구에게 보낼 짧은 편지를 써 줄 수 있어요?"
    return q, " ".join(x for x in [head] + body + [tail] if x)


# --------------------------------------------------------------------------
# Corpus assembly
# --------------------------------------------------------------------------
# (generator, weight, register weights 해요/합쇼/해라, may become a 질문/대답 pair)
GENRES = [
    (g_everyday, 10, (55, 25, 20), True), (g_diary, 6, (25, 0, 75), False),
    (g_story, 8, (25, 0, 75), False), (g_travel, 9, (55, 30, 15), True),
    (g_cooking, 9, (55, 30, 15), True), (g_science, 6, (50, 30, 20), True),
    (g_history, 5, (50, 30, 20), True), (g_knowledge, 4, (50, 30, 20), True),
    (g_tech, 7, (55, 30, 15), True), (g_korean, 7, (55, 30, 15), True),
    (g_health, 7, (55, 30, 15), True), (g_study, 8, (55, 30, 15), True),
    (g_feelings, 7, (65, 25, 10), True), (g_shopping, 7, (50, 40, 10), True),
    (g_dialogue, 3, (100, 0, 0), False), (g_weather, 3, (40, 55, 5), True),
    (g_notice, 3, (30, 70, 0), True), (g_math, 2, (70, 30, 0), True), (g_review, 4, (50, 20, 30), True),
    (g_letter, 3, (100, 0, 0), True),
]
_GEN_W = [g[1] for g in GENRES]
QA_SHARE = 0.18

_BAD_CHARS = re.compile("[A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\uFF21-\uFF3A\uFF41-\uFF5A"
                        "\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\U00020000-\U0002FA1F]")
_HANGUL = re.compile("[\uAC00-\uD7A3\u1100-\u11FF\u3130-\u318F]")
_SENT_SPLIT = re.compile(r"(?<=[.?!])\s+|(?<=[.?!][\"'])\s+")


def normalize(text: str) -> str:
    """Unicode NFC + every whitespace run collapsed to one space (used for ``exclude``)."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def _cap(text: str, n: int) -> str:
    """Keep at most ``n`` sentences: the first n-1 and the last one."""
    sents = split_sentences(text)
    if len(sents) <= n:
        return text
    return " ".join(sents[:n - 1] + sents[-1:])


def _one_doc(rng: random.Random) -> str:
    gen, _, sw, qa_ok = rng.choices(GENRES, weights=_GEN_W)[0]
    if qa_ok and rng.random() < QA_SHARE:
        q, a = gen(rng, rng.choice(("yo", "yo", "sm")))
        return f"질문: {q} 대답: {_cap(a, 6)}"
    text = gen(rng, _style(rng, sw))[1]
    return text if gen is g_dialogue else _cap(text, 7)


class _Excluder:
    """Fast "does this text contain any banned substring?" test (bigram-indexed)."""

    def __init__(self, banned: Iterable[str]):
        self.single: set[str] = set()
        self.by_bigram: dict[str, list[str]] = {}
        for b in sorted(set(banned)):
            if len(b) == 1:
                self.single.add(b)
            else:
                self.by_bigram.setdefault(b[:2], []).append(b)

    def __bool__(self) -> bool:
        return bool(self.single or self.by_bigram)

    def hits(self, text: str) -> bool:
        if self.single and not self.single.isdisjoint(text):
            return True
        if not self.by_bigram:
            return False
        grams = {text[i:i + 2] for i in range(len(text) - 1)}
        for g in grams & self.by_bigram.keys():
            if any(b in text for b in self.by_bigram[g]):
                return True
        return False


def generate_corpus(extra_texts: Iterable[str] = (), *, target_bytes: int = 3_300_000, seed: int = 0,
                    exclude: Iterable[str] = ()) -> list[str]:
    """Return a list of documents (paragraph strings, no empty ones).

    Deterministic for a given (extra_texts, target_bytes, seed, exclude).  ``extra_texts`` (the
    project's own Q/A texts) are kept as-is, one document each, and shuffled in with the procedural
    documents; the procedural part fills up until the UTF-8 size of ``"\\n".join(docs)`` reaches
    ``target_bytes``.  Any document that contains an ``exclude`` string after :func:`normalize`
    (NFC + whitespace runs collapsed to one space), or any Latin letter or Hanja, is dropped.
    """
    rng = random.Random(seed)
    excluder = _Excluder(e for e in (normalize(x) for x in exclude) if e)

    def keep(doc: str) -> bool:
        n = normalize(doc)
        return bool(n) and not _BAD_CHARS.search(n) and not (excluder and excluder.hits(n))

    docs = [t for t in extra_texts if isinstance(t, str) and keep(t)]
    size = sum(len(d.encode("utf-8")) for d in docs) + max(0, len(docs) - 1)
    misses = 0                  # guard against an exclude list that rejects (almost) everything
    while size < target_bytes and misses < 5000:
        doc = _one_doc(rng)
        if not keep(doc):
            misses += 1
            continue
        misses = 0
        size += len(doc.encode("utf-8")) + (1 if docs else 0)
        docs.append(doc)
    rng.shuffle(docs)
    return docs


def split_sentences(doc: str) -> list[str]:
    return [x for x in _SENT_SPLIT.split(doc) if x.strip()]


def corpus_stats(docs: list[str]) -> dict:
    """Size and variety figures: documents, bytes, chars, hangul_share, unique_sentence_share."""
    text = "\n".join(docs)
    non_space = sum(1 for ch in text if not ch.isspace())
    sentences = [s for d in docs for s in split_sentences(d)]
    return {
        "documents": len(docs),
        "bytes": len(text.encode("utf-8")),
        "chars": len(text),
        "hangul_share": round(len(_HANGUL.findall(text)) / max(1, non_space), 4),
        "unique_sentence_share": round(len(set(sentences)) / max(1, len(sentences)), 4),
    }


if __name__ == "__main__":
    import time

    t0 = time.perf_counter()
    corpus = generate_corpus()
    elapsed = time.perf_counter() - t0
    stats = corpus_stats(corpus)
    stats["seconds"] = round(elapsed, 2)
    for key, value in stats.items():
        print(f"{key}: {value}")
