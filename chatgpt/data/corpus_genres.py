"""The genre generators of the pretraining corpus: each draws words from the lexicon and renders templates.

Every generator has the signature ``g_xxx(rng, style) -> (question, paragraph)``: ``style`` is the register
(``yo`` 해요체, ``sm`` 합쇼체, ``ra`` 해라체) and ``question`` is what a user might have asked, used when
:mod:`.corpus` turns a document into a 질문:/대답: pair.  The words, facts and templates are data, loaded
here once from ``data_kochatgpt/corpus_lexicon/<genre>.json`` (see :mod:`.corpus_lexicon`); this module
holds only how they are drawn and put together.  Only ``rng`` is used for randomness, and every list is
drawn from by index, so the output is fixed by the seed and the lexicon.
"""
from __future__ import annotations

import random

from .corpus_lexicon import load
from .corpus_render import build, render, usable
from .korean_grammar import _J_L, P, Ps, Pred, final_consonant, has_batchim, josa


def _tuples(rows, *keys) -> list[tuple]:
    return [tuple(r[k] for k in keys) for r in rows]


def _facts(table) -> list[tuple]:
    return _tuples(table, "topic", "definition", "facts")


def _tips(rows) -> list[tuple[Pred, list[Pred]]]:
    return [(P(r["habit"], adj=False), [P(b) for b in r["benefits"]]) for r in rows]


# --------------------------------------------------------------------------
# Shared words
# --------------------------------------------------------------------------
_C = load("common")
NAMES, PEERS, ELDERS = _C["names"], _C["peers"], _C["elders"]
ACTIVITIES = [(P(a["activity"], adj=False), a["places"]) for a in _C["activities"]]
HOME_ACTS = Ps(*_C["home_activities"], adj=False)
FOODS, DRINKS, OBJECTS = _C["foods"], _C["drinks"], _C["objects"]
SEASON_FOODS = _C["season_foods"]
SEASONS = list(SEASON_FOODS)
TIMES_MADA, DAYS, FRUITS = _C["times"], _C["days"], _C["fruits"]
_LIST = _C["list_answer"]


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


def _list_para(rng: random.Random, style: str, intro: str, preds: list[Pred], s: dict) -> list[str]:
    """첫째, 둘째 ... list of recommendations (a very common answer shape)."""
    out = [render(intro, s, style, rng)]
    for i, p in enumerate(preds):
        last = i == len(preds) - 1 and i >= 2
        mark = rng.choice(_LIST["last_marks"]) if last else rng.choice(_LIST["marks"][i])
        out.append(mark + " " + render(rng.choice(_LIST["shapes"]), {"p": p}, style, rng))
    return out


# --------------------------------------------------------------------------
# Everyday life, diary, stories, travel
# --------------------------------------------------------------------------
EVERYDAY, DIARY, STORY, TRAVEL = load("everyday"), load("diary"), load("story"), load("travel")
SKILLS = Ps(*STORY["skills"], adj=False)
STORIES = [st["steps"] for st in STORY["stories"]]
# (city, sights, local foods, good seasons, ways to get there)
CITIES = _tuples(TRAVEL["cities"], "city", "sights", "foods", "seasons", "transport")


def g_everyday(rng: random.Random, style: str) -> tuple[str, str]:
    s = _life_slots(rng)
    body = build(rng, style, s, (EVERYDAY["answer"], 3, 6))
    q = render(rng.choice(EVERYDAY["questions"]), s, "yo", rng)
    return q, " ".join(body)


def g_diary(rng: random.Random, style: str) -> tuple[str, str]:
    s = _life_slots(rng)
    sents = build(rng, style, s, (DIARY["open"], 1, 1), (DIARY["body"], 2, 4, True), (DIARY["close"], 1, 1))
    if rng.random() < 0.3:
        sents.insert(0, f"{rng.randint(1, 12)}월 {rng.randint(1, 28)}일 {s['day']}, " + sents.pop(0))
    return DIARY["question"], " ".join(sents)


def g_story(rng: random.Random, style: str) -> tuple[str, str]:
    n1, n2 = rng.sample(NAMES, 2)
    sp1, sp2 = rng.sample(STORY["search_places"], 2)
    city = rng.choice(CITIES)
    s = {"name": n1, "name2": n2, "role": rng.choice(STORY["roles"]), "village": rng.choice(STORY["villages"]),
         "obj": rng.choice(OBJECTS), "sp1": sp1, "sp2": sp2, "skill": rng.choice(SKILLS),
         "fruit": rng.choice(FRUITS), "animal": rng.choice(STORY["animals"]), "pet": rng.choice(STORY["pet_names"]),
         "city": city[0], "sight": rng.choice(city[1]), "cfood": rng.choice(city[2])}
    dish = rng.choice(DISHES)
    ings = dish[2]
    s.update({"dish": dish[0], "c1": ings[0],
              "c2": ings[-1] if len(ings) > 1 else dish[3] or STORY["default_seasoning"]})
    story = rng.choice(STORIES)
    # keep the beginning and the end, and an ordered sample of the middle (5-7 sentences)
    mid = story[1:-1]
    need = [i for i, st in enumerate(mid) if st[0].startswith("!")]
    rest = [i for i in range(len(mid)) if i not in need]
    k = max(0, min(len(rest), rng.randint(3, 5) - len(need)))
    picked = sorted(need + rng.sample(rest, k))
    steps = [story[0]] + [mid[i] for i in picked] + [story[-1]]
    sents = [render(rng.choice(st).lstrip("!"), s, style, rng) for st in steps]
    return STORY["question"], " ".join(sents)


def _travel_slots(rng: random.Random) -> dict:
    city, sights, foods, seasons, trans = rng.choice(CITIES)
    s1, s2 = rng.sample(sights, 2)
    return {"city": city, "s1": s1, "s2": s2, "cfood": rng.choice(foods),
            "season": rng.choice(seasons), "trans": rng.choice(trans),
            "dur": rng.choice(TRAVEL["durations"]), "comp": rng.choice(TRAVEL["companions"]),
            "item": rng.choice(TRAVEL["pack_items"])}


def g_travel(rng: random.Random, style: str) -> tuple[str, str]:
    s = _travel_slots(rng)
    sents = build(rng, style, s, (TRAVEL["answer"], 3, 5), (TRAVEL["general"], 0, 1))
    q = render(rng.choice(TRAVEL["questions"]), s, "yo", rng)
    return q, " ".join(sents)


# --------------------------------------------------------------------------
# Cooking
# --------------------------------------------------------------------------
COOK = load("cooking")
# (dish, kind, things to cut/prepare, other ingredient, seasonings)
DISHES = _tuples(COOK["dishes"], "dish", "kind", "prepare", "other", "seasonings")
VEGETABLES = COOK["vegetables"]
_NO_CUT = set(COOK["no_cut"])


def _cook_slots(rng: random.Random) -> dict:
    dish, kind, cut, other, seas = rng.choice(DISHES)
    cut = cut[:1] + rng.sample(cut[1:], len(cut) - 1)      # the main ingredient stays first
    s = {"dish": dish, "kind": kind, "min": str(rng.choice([3, 5, 7, 10, 15])),
         "people": rng.choice(COOK["servings"]), "veg": rng.choice(VEGETABLES),
         "fruit": rng.choice(COOK["marinade_fruits"])}
    for i, c in enumerate(cut[:3], 1):
        s[f"c{i}"] = c
    if other:
        s["o1"] = other
        s["qo"] = rng.choice(COOK["quantities"].get(other, COOK["default_quantity_other"]))
    else:
        s["noother"] = ""
    cuttable = [c for c in cut if c not in _NO_CUT]
    for i, c in enumerate(cuttable[:2], 1):
        s[f"k{i}"] = c
    for i in (1, 2):
        c = s.get(f"c{i}")
        s[f"q{i}"] = rng.choice(COOK["quantities"].get(c, COOK["default_quantity"]))
    if any(x in seas for x in COOK["spicy_seasonings"]):
        s["spicy"] = ""
    late = [c for c in COOK["add_late"] if c in cut]
    if late:
        s["late"] = late[0]
    seas = rng.sample(seas, len(seas))
    for i, c in enumerate(seas[:3], 1):
        s[f"s{i}"] = c
    return s


def g_cooking(rng: random.Random, style: str) -> tuple[str, str]:
    s = _cook_slots(rng)
    if rng.random() < 0.2:
        sents = build(rng, style, s, (COOK["kitchen_tips"], 3, 5))
        return rng.choice(COOK["tip_questions"]), " ".join(sents)
    steps = COOK["steps"]
    steps = steps[s["kind"]] if s["kind"] != "soupb" else steps["soupb"] + steps["soup"][1:]
    sents = build(rng, style, s, (COOK["open"], 1, 1), (COOK["ingredients"], 0, 1), (COOK["prepare"], 0, 1),
                  (steps, 2, 3, True), (COOK["close"], 0, 1))
    q = render(rng.choice(COOK["questions"]), s, "yo", rng)
    return q, " ".join(sents)


# --------------------------------------------------------------------------
# Fact-based topics: science, history, general knowledge, technology concepts
# Each entry: (topic, short definition or None, fact sentences)
# --------------------------------------------------------------------------
FACTS = load("facts")
_NO_CONNECTIVE = tuple(FACTS["no_connective_after"])
SCIENCE, HISTORY = _facts(load("science")["topics"]), _facts(load("history")["topics"])


def _fact_para(rng: random.Random, style: str, entry, openers, closers,
               n_facts=(2, 3), p_close=0.6) -> list[str]:
    topic, definition, facts = entry
    s = {"topic": topic}
    if definition:
        s["def"] = definition
    sents = build(rng, style, s, (openers, 1, 1))
    k = min(len(facts), rng.randint(*n_facts))
    for j, i in enumerate(sorted(rng.sample(range(len(facts)), k))):
        t = render(facts[i], s, style, rng)
        if j and not t.startswith(_NO_CONNECTIVE):
            t = rng.choice(FACTS["connectives"]) + t
        sents.append(t)
    if rng.random() < p_close:
        sents += build(rng, style, s, (closers, 1, 1))
    return sents


def _fact_genre(name: str):
    lex = load(name)
    table = _facts(lex["topics"])
    questions = FACTS["questions"] + lex["extra_questions"]

    def gen(rng: random.Random, style: str) -> tuple[str, str]:
        entry = rng.choice(table)
        sents = _fact_para(rng, style, entry, lex["open"], lex["close"])
        s = {"topic": entry[0]}
        if entry[1]:
            s["def"] = entry[1]
        q = render(rng.choice(usable(questions, s, "yo")), s, "yo", rng)
        return q, " ".join(sents)
    gen.__name__ = gen.__qualname__ = f"g_{name}"
    return gen


g_science = _fact_genre("science")
g_history = _fact_genre("history")
g_knowledge = _fact_genre("knowledge")
g_tech_concept = _fact_genre("tech")


# --------------------------------------------------------------------------
# The Korean language: spelling, particles, honorifics, proverbs
# --------------------------------------------------------------------------
KOREAN = load("korean")
_SPELL, _JOSA, _HONOR, _PROVERB = KOREAN["spelling"], KOREAN["particles"], KOREAN["honorifics"], KOREAN["proverbs"]
SPELLING = _facts(_SPELL["topics"])
HONORIFICS = _tuples(_HONOR["words"], "plain", "honorific", "example")
PROVERBS = _tuples(_PROVERB["proverbs"], "proverb", "meaning", "situation", "example")


def _korean_nouns() -> tuple[list[str], list[str]]:
    pool = sorted(set(FOODS + OBJECTS + DRINKS + VEGETABLES + _JOSA["example_nouns"]))
    return [w for w in pool if has_batchim(w) and final_consonant(w) != _J_L], \
           [w for w in pool if not has_batchim(w)]


NOUNS_B, NOUNS_V = _korean_nouns()


def _ira(word: str) -> str:
    return "이라는" if has_batchim(word) else "라는"


def g_korean(rng: random.Random, style: str) -> tuple[str, str]:
    r = rng.random()
    if r < 0.3:
        entry = rng.choice(SPELLING)
        sents = _fact_para(rng, style, entry, _SPELL["open"], _SPELL["close"], n_facts=(1, 4))
        pair = "'와 '" in entry[0] or "'과 '" in entry[0]
        q = rng.choice(_SPELL["pair_questions" if pair else "questions"]).format(topic=entry[0])
        if entry[0] in _SPELL["topic_questions"]:
            q = rng.choice(_SPELL["topic_questions"][entry[0]])
        return q, " ".join(sents)
    if r < 0.55:   # particles chosen by the final consonant, with fresh example words
        kind = rng.choice(_JOSA["kinds"])
        a, b = kind.split("/")
        n1, n3 = rng.sample(NOUNS_B, 2)
        n2, n4 = rng.sample(NOUNS_V, 2)
        l1 = rng.choice(_JOSA["rieul_words"])
        s = {"qa": f"'{a}'", "qb": f"'{b}'", "n1": n1, "n2": n2, "n1j": josa(n1, kind), "n2j": josa(n2, kind),
             "n3": n3, "n4": n4, "n3j": f"'{josa(n3, kind)}'", "n4j": f"'{josa(n4, kind)}'"}
        tpl = list(_JOSA["answer"])
        if kind == "으로/로":
            s["l1"], s["l1j"] = l1, f"'{josa(l1, kind)}'"
            tpl.append(_JOSA["answer_rieul"])
        tpl.append(_JOSA["answer_last"])
        sents = [render(t, s, style, rng) for t in tpl[:2]] + \
            [render(tpl[2 + i], s, style, rng)
             for i in sorted(rng.sample(range(len(tpl) - 2), rng.randint(1, len(tpl) - 2)))]
        return _JOSA["question"].format(a=a, b=b), " ".join(sents)
    if r < 0.75:
        plain, hon, ex = rng.choice(HONORIFICS)
        s = {"plain": plain, "hq": f"'{hon}'", "ex": ex}
        sents = [render(_HONOR["answer"][0], s, style, rng)] + \
            build(rng, style, s, (_HONOR["answer"][1:], 1, 3), (_HONOR["general"], 0, 2))
        q = rng.choice(_HONOR["questions"]).format(plain=plain, ira=_ira(plain))
        return q, " ".join(sents)
    pv, mean, situ, ex = rng.choice(PROVERBS)
    s = {"pv": pv, "pvj": _ira(pv), "mean": mean, "situ": situ, "ex": ex, "name": rng.choice(NAMES)}
    sents = build(rng, style, s, (_PROVERB["asked"], 0, 1), (_PROVERB["meaning"], 1, 1),
                  (_PROVERB["usage"], 1, 2, True), (_PROVERB["closing"], 0, 1))
    q = rng.choice(_PROVERB["questions"]).format(pv=pv, ira=_ira(pv), eun="은" if has_batchim(pv) else "는")
    return q, " ".join(sents)
