"""The corpus generator's template mini-language, and the helper that renders sections of templates.

Templates (stored in ``data_kochatgpt/corpus_lexicon/*.json``) are expanded by :func:`render`:

* ``[a|b|c]``   pick one alternative at random (an alternative may be empty; choices may nest);
* ``<a|b|c>``   pick by register: 해요체 | 합쇼체 | 해라체 (a 4th entry = 반말; fewer entries = the last one);
* ``<좋다>`` / ``<좋다.P>``   a built-in predicate in the paragraph's register (form ``E`` unless given);
* ``<이다>`` / ``<이었다>``   the copula after the text just before it;
* ``{x}`` / ``{x:을}`` / ``{x:이다}``   a slot, optionally with a particle or the copula chosen by 받침 and
  register;
* ``{v.F}`` / ``{v.기:를}``   a predicate slot in form ``F`` (see :meth:`.korean_grammar.Pred.f`).

A template beginning with ``@`` is only used in the polite registers; a template whose slots are not all
filled is skipped by :func:`usable` (so ``{noother}``, ``{spicy}`` ... act as switches set to "").
After expansion a word repeated right after itself is dropped ("매일 매일" → "매일") and spaces are folded.
"""
from __future__ import annotations

import random
import re

from .korean_grammar import STYLE_INDEX, P, Pred, copula, josa

_CHOICE_RE = re.compile(r"\[([^\[\]]*)\]")
_STYLE_RE = re.compile(r"<([^<>]*)>")
_SLOT_RE = re.compile(r"\{(\w+)(?:\.([^:}]+))?(?::([^}]+))?\}")
SPACES = re.compile(r"\s+")
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
            return opts[min(STYLE_INDEX[style], len(opts) - 1)]
        if body in ("이다", "이었다"):      # copula after the text just before
            return copula(m.string[:m.start()], body, style)[m.start():]
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
                return copula(val, part, style)
            return josa(val, part)
        return val

    tpl = _SLOT_RE.sub(slot_sub, tpl)
    tpl = _STYLE_RE.sub(style_sub, tpl)
    tpl = _REPEAT_RE.sub(r"\1", tpl)
    return SPACES.sub(" ", tpl).strip()


def _needs(tpl: str) -> frozenset:
    return frozenset(m.group(1) for m in _SLOT_RE.finditer(tpl))


_NEEDS_CACHE: dict[str, frozenset] = {}


def usable(pool: list[str], slots: dict, style: str) -> list[str]:
    """The templates of ``pool`` whose slots are all in ``slots`` (and not ``@``-polite-only in 해라체)."""
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


def build(rng: random.Random, style: str, slots: dict, *sections) -> list[str]:
    """Render sections ``(pool, lo, hi[, ordered])`` into a list of sentences.

    From each pool, ``randint(lo, hi)`` usable templates are drawn without replacement (kept in the pool's
    order when ``ordered``) and rendered.
    """
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


def pick_style(rng: random.Random, w=(55, 30, 15)) -> str:
    """A register drawn with weights ``w`` for 해요체, 합쇼체, 해라체."""
    return rng.choices(("yo", "sm", "ra"), weights=w)[0]
