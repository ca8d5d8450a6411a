"""Korean grammar for the corpus generator: particles by final consonant, and verb/adjective conjugation.

:func:`josa` attaches the particle that fits a word's last syllable (책을 / 사과를, 서울로 / 부산으로);
:class:`Pred` conjugates a verb or adjective (or a phrase ending in one, "책을 읽다") into every form the
templates ask for, in four registers: 해요체 ``yo``, 합쇼체 ``sm``, 해라체 ``ra`` and 반말 ``ban``.  The
regular rules are code; the words they get wrong -- irregular stems (듣다 → 들어, 돕다 → 도와) -- and the
list of adjectives are data, in ``data_kochatgpt/corpus_lexicon/grammar.json``.
"""
from __future__ import annotations

from .corpus_lexicon import load

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


# Irregular stems: dictionary form of the last word -> (아/어 form, 으 stem); adjectives (descriptive verbs)
# among predicates, by last word.  Both from grammar.json.
_IRREGULAR = {k: tuple(v) for k, v in load("grammar")["irregular"].items()}
_ADJECTIVES = frozenset(load("grammar")["adjectives"])

STYLE_INDEX = {"yo": 0, "sm": 1, "ra": 2, "ban": 3}   # register -> position in a <해요|합쇼|해라|반말> choice


class Pred:
    """A verb or adjective with every form the templates need.

    ``dic`` is the dictionary form and may be a phrase ("책을 읽다"); only its
    last word is conjugated.  ``a`` (아/어 form) and ``u`` (으 stem) default to
    the regular rule or to the ``_IRREGULAR`` table and may be given explicitly.
    """

    __slots__ = ("dic", "adj", "S", "A", "U", "lstem", "hon", "_cache")

    def __init__(self, dic: str, a: str | None = None, u: str | None = None,
                 adj: bool | None = None):
        if not dic.endswith("다"):
            raise ValueError(f"predicate {dic!r}: a verb or adjective must be given in its dictionary form (…다)")
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
        i = STYLE_INDEX[style]
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
    """:func:`P` of each spec."""
    return [P(s, adj) for s in specs]


def copula(word: str, kind: str, style: str) -> str:
    """``word`` + the copula ``이다`` or ``이었다`` in ``style`` (책이에요, 의자예요, 학생이었습니다)."""
    i = STYLE_INDEX[style]
    if kind == "이다":
        return (josa(word, "이에요"), word + "입니다", josa(word, "이다"), josa(word, "이야"))[i]
    if kind == "이었다":
        stem = josa(word, "이었다")[:-1]
        return (stem + "어요", stem + "습니다", stem + "다", stem + "어")[i]
    raise KeyError(kind)
