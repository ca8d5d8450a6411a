"""Genre generators of the pretraining corpus, part 2: advice and practical documents.

Advice on health, technology, study/work, feelings and shopping (often as a 첫째/둘째 list), and the
practical document types: dialogues, weather forecasts, notices, arithmetic word problems, reviews and
letters.  Same conventions as :mod:`.corpus_genres` (part 1): ``g_xxx(rng, style) -> (question, paragraph)``,
all words and templates loaded from ``data_kochatgpt/corpus_lexicon/<genre>.json``.
"""
from __future__ import annotations

import random

from .corpus_genres import (CITIES, DAYS, FRUITS, HISTORY, NAMES, SCIENCE, SEASONS, _life_slots, _list_para,
                            _tips, _travel_slots, g_tech_concept)
from .corpus_lexicon import load
from .corpus_render import build, render
from .korean_grammar import P, Ps, has_batchim, josa

# --------------------------------------------------------------------------
# Health
# --------------------------------------------------------------------------
HEALTH = load("health")
HEALTH_TIPS = _tips(HEALTH["tips"])
_TIP_BY_DIC = {t.dic: (t, b) for t, b in HEALTH_TIPS}
SYMPTOM_TIPS = {k: [_TIP_BY_DIC[t] for t in v] for k, v in HEALTH["symptom_tips"].items()}
SYMPTOMS = list(SYMPTOM_TIPS)
_SEE_DOCTOR = 5         # HEALTH["answer"][5] (see a doctor) is also added after a list about a symptom


def g_health(rng: random.Random, style: str) -> tuple[str, str]:
    s = {"who": rng.choice(HEALTH["who"])}
    if rng.random() < 0.5:
        symptom = rng.choice(SYMPTOMS)
        pool = SYMPTOM_TIPS[symptom]
        s["symptom"] = symptom
        q = render(rng.choice(HEALTH["symptom_questions"]), s, "yo", rng)
    else:
        pool = HEALTH_TIPS
        q = rng.choice(HEALTH["questions"])
    picked = rng.sample(pool, min(len(pool), 4))
    (h, hb), (h2, h2b) = picked[0], picked[1]
    s.update({"h": h, "hb": rng.choice(hb), "h2": h2, "h2b": rng.choice(h2b)})
    if rng.random() < 0.25:
        intro = rng.choice(HEALTH["list_intros"])
        preds = [t for t, _ in picked]
        sents = _list_para(rng, style, intro, preds[:rng.randint(2, len(preds))], s)
        if "symptom" in s and rng.random() < 0.5:
            sents.append(render(HEALTH["answer"][_SEE_DOCTOR], s, style, rng))
        return q, " ".join(sents)
    return q, " ".join(build(rng, style, s, (HEALTH["answer"], 3, 4), (HEALTH["close"], 0, 1)))


# --------------------------------------------------------------------------
# Technology tips, study and work
# --------------------------------------------------------------------------
TECH = load("tech")
TECH_TIPS = {k: Ps(*v, adj=False) for k, v in TECH["tips"].items()}


def g_tech(rng: random.Random, style: str) -> tuple[str, str]:
    if rng.random() < 0.45:
        return g_tech_concept(rng, style)
    cat = rng.choice(list(TECH_TIPS))
    t, t2, t3 = rng.sample(TECH_TIPS[cat], 3)
    s = {"t": t, "t2": t2, "device": rng.choice(TECH["devices"])}
    q = render(TECH["questions"][cat], s, "yo", rng)
    if rng.random() < 0.3:
        return q, " ".join(_list_para(rng, style, TECH["list_intros"][cat], [t, t2, t3], s))
    return q, " ".join(build(rng, style, s, (TECH["answer"][cat], 2, 4)))


STUDY = load("study")
STUDY_TIPS = _tips(STUDY["study_tips"])
WORK_TIPS = Ps(*STUDY["work_tips"], adj=False)
STUDY_SIT = [(x["situation"], x["question"]) for x in STUDY["study_situations"]]
WORK_SIT = [(x["situation"], x["question"]) for x in STUDY["work_situations"]]
SUBJECTS = STUDY["subjects"]


def g_study(rng: random.Random, style: str) -> tuple[str, str]:
    work = rng.random() < 0.45
    if work:
        t, t2, t3, t4 = rng.sample(WORK_TIPS, 4)
        g1 = g2 = None
    else:
        (t, gs1), (t2, gs2), (t3, _), (t4, _) = rng.sample(STUDY_TIPS, 4)
        g1, g2 = rng.choice(gs1), rng.choice(gs2)
    sit, q = rng.choice(WORK_SIT if work else STUDY_SIT)
    s = {"t": t, "t2": t2, "sit": sit, "subj": rng.choice(SUBJECTS),
         "doing": STUDY["doing"]["work" if work else "study"]}
    if not work:
        s.update({"gain": g1, "gain2": g2})
    if not work and rng.random() < 0.3:
        q = render(STUDY["subject_question"], s, "yo", rng)
        del s["sit"]
    if rng.random() < 0.25:
        intro = rng.choice(STUDY["list_intros"])
        if "sit" not in s:
            intro = STUDY["subject_list_intro"]
        return q, " ".join(_list_para(rng, style, intro, [t, t2, t3, t4][:rng.randint(2, 4)], s))
    return q, " ".join(build(rng, style, s, (STUDY["work_answer" if work else "study_answer"], 3, 5)))


# --------------------------------------------------------------------------
# Feelings
# --------------------------------------------------------------------------
FEEL = load("feelings")
FEELINGS_POS = Ps(*FEEL["positive_feelings"])
CAUSES = [(c["cause"], [P(f) for f in c["feelings"]]) for c in FEEL["causes"]]
COPING = Ps(*FEEL["coping"], adj=False)


def g_feelings(rng: random.Random, style: str) -> tuple[str, str]:
    c1, c2, c3 = rng.sample(COPING, 3)
    if rng.random() < 0.25:
        s = {"pevent": rng.choice(FEEL["positive_events"]), "pf": rng.choice(FEELINGS_POS)}
        q = render(FEEL["positive_question"], s, "yo", rng)
        return q, " ".join(build(rng, style, s, (FEEL["positive_answer"], 2, 4)))
    cause, feels = rng.choice(CAUSES)
    s = {"cause": cause, "f": rng.choice(feels), "c1": c1, "c2": c2, "c3": c3}
    q = render(rng.choice(FEEL["questions"]), s, "yo", rng)
    if rng.random() < 0.2:
        return q, " ".join(_list_para(rng, style, FEEL["list_intro"], [c1, c2, c3], s))
    return q, " ".join(build(rng, style, s, (FEEL["answer"], 2, 4), (FEEL["close"], 0, 1)))


# --------------------------------------------------------------------------
# Shopping and customer service
# --------------------------------------------------------------------------
SHOP = load("shopping")
ITEMS = {k: (v["items"], v["criteria"]) for k, v in SHOP["items"].items()}   # category -> (items, criteria)
COLORS = SHOP["colors"]
_KINDS = SHOP["kinds"]
_KIND_WEIGHTS = [k["weight"] for k in _KINDS.values()]


def g_shopping(rng: random.Random, style: str) -> tuple[str, str]:
    kind = rng.choices(list(_KINDS), weights=_KIND_WEIGHTS)[0]
    items, crits = ITEMS[rng.choice(list(ITEMS))]
    c1, c2 = rng.sample(COLORS, 2)
    cr1, cr2 = rng.sample(crits, 2)
    s = {"item": rng.choice(items), "color": c1, "color2": c2, "crit": cr1, "crit2": cr2,
         "days": str(rng.choice([7, 14]))}
    service = _KINDS[kind]["customer_service"]
    if style == "ra" and service:
        style = "yo"
    pool = _KINDS[kind]["answer"]
    if service:
        greet = rng.choice(SHOP["greetings"])
        sents = [render(greet, s, style, rng)] + build(rng, style, s, (pool, 2, 4, True))
    else:
        sents = build(rng, style, s, (pool, 2, 4, kind == "story"))  # tips: any order
    q = render(rng.choice(_KINDS[kind]["questions"]), s, "yo", rng)
    return q, " ".join(sents)


# --------------------------------------------------------------------------
# Dialogues (반말 between friends, 존댓말 in shops, streets, classrooms)
# --------------------------------------------------------------------------
DIALOGUE = load("dialogue")


def g_dialogue(rng: random.Random, style: str) -> tuple[str, str]:
    s = _life_slots(rng)
    a, b, c = rng.sample(NAMES, 3)
    items, _ = ITEMS[rng.choice(list(ITEMS))]
    s.update({"a": a, "b": b, "c": c, "meet": rng.choice(DIALOGUE["meeting_places"]), "subj": rng.choice(SUBJECTS),
              "trouble": rng.choice(DIALOGUE["troubles"]), "obj2": rng.choice(DIALOGUE["borrowed_items"]),
              "item": rng.choice(items), "color": rng.choice(COLORS), "spot": rng.choice(DIALOGUE["spots"]),
              "symptom": rng.choice(SYMPTOMS), "hotel": rng.choice(DIALOGUE["hotels"]),
              "topic": rng.choice(SCIENCE + HISTORY)[0]})
    pool = DIALOGUE["friends"] if rng.random() < 0.5 else DIALOGUE["polite"]
    lines = [render(rng.choice(line), s, "yo", rng) for line in rng.choice(pool)]
    return "", " ".join(lines)


# --------------------------------------------------------------------------
# Number-rich genres: weather forecasts, notices, arithmetic, reviews
# --------------------------------------------------------------------------
WEATHER = load("weather")
FORECAST_CITIES = [c[0] for c in CITIES] + WEATHER["extra_cities"]


def g_weather(rng: random.Random, style: str) -> tuple[str, str]:
    season = rng.choice(SEASONS)
    temps = WEATHER["season_temps"][season]
    (lo1, lo2), (hi1, hi2) = temps["min"], temps["max"]
    tmin = rng.randint(lo1, lo2)
    tmax = max(hi1, min(hi2, tmin + rng.randint(5, 12)))
    sky = rng.choice(WEATHER["skies"][season])
    rainy = any(w in sky for w in ("비", "소나기", "눈이", "눈이 날리"))
    s = {"day": rng.choice(WEATHER["days"]),
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
    answer = WEATHER["answer"]
    sents = [render(answer[0], s, style, rng)] + build(rng, style, s, (answer[1:], 2, 4, True))
    q = render(rng.choice(WEATHER["questions"]), s, "yo", rng)
    return q, " ".join(sents)


NOTICE = load("notice")


def g_notice(rng: random.Random, style: str) -> tuple[str, str]:
    if style == "ra":
        style = "sm"
    month = rng.randint(1, 12)
    d = rng.randint(5, 28)
    h = rng.randint(9, 17)
    fac, fac_obj = rng.choice(NOTICE["facilities"])
    s = {"month": str(month), "d": str(d), "d0": str(d - rng.randint(1, 4)), "wd": rng.choice(DAYS),
         "ampm": "오전" if h < 12 else ("낮" if h == 12 else "오후"), "h": str(h if h <= 12 else h - 12),
         "h2": str((h + rng.randint(1, 3)) % 12 or 12), "venue": rng.choice(NOTICE["venues"]),
         "event": rng.choice(NOTICE["events"]), "office": rng.choice(NOTICE["offices"]),
         "n": str(rng.choice(range(10, 60, 5))), "fac": fac, "fac_obj": fac_obj, "work": rng.choice(NOTICE["works"])}
    kind, (lo, hi) = ("event", (2, 4)) if rng.random() < 0.6 else ("work", (1, 3))
    answer = NOTICE[f"{kind}_answer"]
    sents = [render(answer[0], s, style, rng)] + build(rng, style, s, (answer[1:], lo, hi, True))
    q = render(NOTICE[f"{kind}_question"], s, "yo", rng)
    return q, " ".join(sents)


def _won(n: int) -> str:
    return f"{n:,}원"


MATH = load("math")
SNACKS = [(x["name"], x["price"]) for x in MATH["snacks"]]


def _clock(x: int, y: int) -> str:
    return f"{x}시" + (f" {y}분" if y else "")


def g_math(rng: random.Random, style: str) -> tuple[str, str]:
    # The problems are built here, not in math.json: each sentence is computed from its numbers.
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
        hh, mm = divmod(h * 60 + m + dur, 60)
        q = f"{josa(name, '은')} {_clock(h, m)}에 집에서 출발했어요. 도서관까지 {dur}분이 걸린다면 몇 시에 도착할까요?"
        ans = [f"{_clock(h, m)}에서 {dur}분이 지나면 {_clock(hh, mm)}<이다>.",
               f"따라서 {josa(name, '은')} {_clock(hh, mm)}에 도서관에 도착<해요|합니다|한다>."]
    else:
        a, b = rng.randint(2, 9), rng.randint(2, 6)
        n = a * b
        q = f"사탕 {n}개를 친구 {b}명에게 똑같이 나누어 주면 한 명에게 몇 개씩 줄 수 있을까요?"
        ans = [f"{josa(str(n), '을')} {josa(str(b), '으로')} 나누면 {a}<이다>.",
               f"그래서 한 명에게 {a}개씩 나누어 줄 수 <있다>."]
    extra = rng.choice(MATH["closing"])
    sents = [render(t, {}, style, rng) for t in ans + ([extra] if extra else [])]
    return q, " ".join(sents)


REVIEW = load("review")


def g_review(rng: random.Random, style: str) -> tuple[str, str]:
    if rng.random() < 0.5:
        items, crits = ITEMS[rng.choice(list(ITEMS))]
        cr1, cr2 = rng.sample(crits, 2)
        s = {"item": rng.choice(items), "color": rng.choice(COLORS), "adj": rng.choice(REVIEW["praise"]),
             "crit": cr1, "crit2": cr2, "stars": str(rng.choice([3, 4, 4, 5, 5]))}
        answer = REVIEW["product_answer"]
        sents = [render(answer[0], s, style, rng)] + build(rng, style, s, (answer[1:], 2, 4, True))
        q = render(REVIEW["product_question"], s, "yo", rng)
    else:
        s = _travel_slots(rng)
        sents = build(rng, style, s, (REVIEW["place_answer"], 3, 5, True))
        q = render(REVIEW["place_question"], s, "yo", rng)
    return q, " ".join(sents)


# --------------------------------------------------------------------------
# Letters and messages
# --------------------------------------------------------------------------
LETTER = load("letter")


def g_letter(rng: random.Random, style: str) -> tuple[str, str]:
    s = _life_slots(rng)
    s.update({"to": rng.choice(NAMES), "month": str(rng.randint(1, 12)), "city": rng.choice(CITIES)[0]})
    if rng.random() < 0.55:
        elder = LETTER["elder"]
        head = render(LETTER["elder_greeting"], s, "yo", rng)
        body = [render(elder[i], s, "yo", rng) for i in sorted(rng.sample(range(len(elder)), rng.randint(3, 5)))]
        tail = f"{s['month']}월 {rng.randint(1, 28)}일, {s['name']} 올림."
        q = render(LETTER["elder_question"], s, "yo", rng)
    else:
        friend = LETTER["friend"]
        head = ""
        body = [render(friend[0], s, "yo", rng)] + \
            [render(friend[i], s, "yo", rng) for i in sorted(rng.sample(range(1, len(friend)), rng.randint(2, 4)))]
        tail = f"{s['name']}{'이가' if has_batchim(s['name']) else '가'}."
        q = LETTER["friend_question"]
    return q, " ".join(x for x in [head] + body + [tail] if x)
