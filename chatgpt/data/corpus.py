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
plus diary entries, short stories and short dialogues (반말 and 존댓말, and
질문:/대답: exchanges).  Hundreds of sentence templates are filled from large
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
    first, second = particle.split("/") if "/" in particle else _PAIRS[particle]
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
자연스럽다 부드럽다 맵다 달다 짜다 뻐근하다 수월하다 뛰어나다 후련하다 서툴다 든든하다 싱겁다 고소하다 가볍다 무겁다 아름답다 귀엽다 즐겁다
외롭다 고맙다 반갑다 새롭다 시끄럽다 번거롭다 괴롭다 부담스럽다 조심스럽다 그렇다 이렇다
어떻다 파랗다 빨갛다 노랗다 하얗다 까맣다 넓다 좁다 빠르다 느리다 밝다 어둡다 힘들다
충분하다 확실하다 분명하다 알맞다 적당하다 유용하다 효과적이다 비슷하다 특별하다 친절하다
익숙하다 낯설다 궁금하다 미안하다 죄송하다 감사하다 두렵다 무섭다 초조하다 걱정스럽다
쌀쌀하다 포근하다 선선하다 화창하다 흐리다 맑다 상쾌하다 개운하다 아쉽다 지루하다 안타깝다
훌륭하다 대단하다 똑똑하다 부지런하다 성실하다 꾸준하다 정확하다 적절하다 현명하다 알차다
""".split())
_ADJECTIVES |= {"두렵다", "무섭다", "어둡다", "아쉽다", "걱정스럽다"}
_IRREGULAR.update({"두렵다": ("두려워", "두려우"), "무섭다": ("무서워", "무서우"),
                   "어둡다": ("어두워", "어두우"), "아쉽다": ("아쉬워", "아쉬우"),
                   "걱정스럽다": ("걱정스러워", "걱정스러우")})

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
단짝 친구, 회사 동기, 옆자리 동료, 동아리 친구, 고향 친구, 언니, 오빠, 누나, 형""")
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
    ("강아지와 산책하다", "공원, 동네, 강변"), ("퍼즐을 맞추다", "거실, 방"),
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
