"""Cell lists of the three assignment notebooks (read by ``build_notebooks.py``).

``("md", text)`` and ``("code", text)`` cells are shared; ``("todo", starter, solution)``
cells differ: the starter keeps ``TODO`` (``...``) where the student writes code.
"""

BOOTSTRAP = '''
# 환경 준비: 패키지가 없으면(Colab) 저장소를 받아 설치합니다.
import importlib.util, os, subprocess, sys
if importlib.util.find_spec("chatgpt") is None:
    repo = os.environ.get("KOCHATGPT_REPO", "https://github.com/kochatgpt-course/kochatgpt.git")
    subprocess.run(["git", "clone", "-q", repo, "/content/kochatgpt"], check=True)
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "-e", "/content/kochatgpt[eval]"], check=True)
    sys.path.insert(0, "/content/kochatgpt")
from chatgpt.notebook import setup
cfg = setup()
'''

HOW = '''
**진행 방법**
- `# TODO`가 있는 셀만 고치면 됩니다. 비어 있는 TODO(`TODO`, 즉 `...`)가 남아 있어도 노트북은 끝까지 돌고,
  해당 단계는 `⏭`로 건너뛰며 무엇을 해야 하는지 알려 줍니다. `✅`/`❌` 줄은 바로 확인할 수 있는 자체 점검입니다.
- 마지막 셀이 `evidence.json`(근거 파일)을 쓰고, 리뷰어가 쓰는 것과 같은 채점기
  `python -m chatgpt.rubric check`를 돌려 점검표를 보여 줍니다. 모든 줄이 ✅ PASS이면 제출 준비가 된 것입니다.
- 숫자는 직접 적지 말고 코드가 계산하게 두세요. 채점기는 근거 파일(생성문, 평점, 점수)에서 숫자를 **다시 계산**하므로,
  손으로 고친 숫자는 MISSING이 됩니다.
'''

RETRO = '''
## 회고 (동료 평가용)

아래에 짧게 적어 두세요. 동료 평가는 코드 완성도, 어려운 부분의 주석, 디버깅 기록, 회고, 간결함(PEP 8, 반복 대신 함수,
하드코딩 없음)을 봅니다.
- 무엇이 예상과 달랐나? 어떤 오류를 만났고 어떻게 고쳤나?
- 시간이 더 있다면 무엇을 바꾸겠나?
'''

ITEM1 = [
    ("md", '''
# 과제 1. 데이터 정제와 디코딩 전략: BLEU/ROUGE와 주관 평가 비교

루브릭 항목 1: *데이터셋의 문제를 분석해 정제하고, 가장 좋은 디코딩 전략을 찾고, BLEU/ROUGE 수치와 주관 평가를 비교한다.*

**학습 목표**
- 결함이 섞인 SFT 파일을 분석하고 정제한 뒤, 정제 전후 건수와 제거 사유를 보고한다.
- 디코딩 전략(greedy, beam, top-k, top-p, temperature …) 3개 이상을 같은 프롬프트에 적용해 표로 비교한다.
- 한국어에 맞게 계산한 BLEU/ROUGE-L(형태소 단위)과 직접 매긴 주관 평가가 같은 결론을 내는지 따져 본다.

**예상 소요 시간 / 하드웨어**: 과제 60–90분. 실행은 `tiny` 프로필 CPU 2코어에서 약 1분
(SFT 체크포인트가 없으면 처음 한 번 약 2분 더). Colab GPU에서는 `kogpt2` 프로필로 같은 코드가 돕니다.

**준비물**: `notebooks/01_decoding`, `02_sft`, `09_data_cleaning`을 먼저 보면 좋습니다.
'''),
    ("md", HOW),
    ("code", BOOTSTRAP),
    ("code", '''
import pandas as pd
from transformers import AutoModelForCausalLM

from chatgpt.assignment import TODO, clean_step, decode_step, evidence_dir, finish, is_todo, subjective_step
from chatgpt.config import repo_root
from chatgpt.data import file_fault_report, read_records
from chatgpt.pipeline import ensure_checkpoint, load_tokenizer

pd.set_option("display.max_colwidth", 80)
out = evidence_dir(1)                  # 근거 파일이 모이는 폴더 (실행할 때마다 비움)
RAW = repo_root() / "data_kochatgpt" / "dirty" / "kochatgpt_1_SFT_dirty.jsonl"
print(file_fault_report(RAW).summary())
'''),
    ("md", '''
## 1. 데이터 정제 (TODO 1)

위 결함 보고서는 이 파일에 어떤 문제가 몇 건 있는지 보여 줍니다. `clean(records)`를 완성하세요.
- 입력: 레코드(dict) 리스트. 출력: `(남길 레코드 리스트, {제거 사유: 건수})`.
- 제거 사유별 건수의 합은 `입력 건수 − 남은 건수`와 같아야 합니다 (아무것도 조용히 버리지 않기).
- 힌트: `chatgpt.data.clean_records(records, "sft")`는 `(레코드, CleanReport)`를 돌려주고 `report.removed`에 사유별
  건수가 있습니다. 그대로 써도 되고, 기준(최소/최대 길이, 근사 중복 `dedupe_near` 등)을 바꿔도 됩니다.
  어떤 기준을 왜 골랐는지 주석으로 남기세요.
'''),
    ("todo", '''
# TODO 1: 정제 함수를 완성하세요.
# def clean(records):
#     ...
#     return kept, removed          # removed = {"duplicate": 3, "empty": 1, ...}
clean = TODO
''', '''
from chatgpt.data import clean_records, dedupe_near


def clean(records):
    """규칙 기반 정제 + 근사 중복 제거. 길이 기준: 답이 5자 미만이면 내용이 없다고 보고 버립니다."""
    kept, report = clean_records(records, "sft", min_chars=5, max_chars=2000)
    removed = {k: v for k, v in report.removed.items() if v}
    kept, near = dedupe_near(kept, "sft", threshold=0.9)      # 글자 3-gram Jaccard ≥ 0.9: 거의 같은 질문
    if near.removed:
        removed["near_duplicate"] = len(near.removed)
    return kept, removed
'''),
    ("code", '''
cleaning = clean_step(RAW, clean, out)
cleaning
'''),
    ("md", '''
## 2. 디코딩 전략 표 (TODO 2)

SFT 모델로 평가용 질문 8개에 답을 만들고, 전략마다 BLEU(0–100)와 ROUGE-L(0–1)을 계산합니다.
`STRATEGIES`는 `{이름: GenerationConfig 필드 덮어쓰기}` 딕셔너리입니다. 쓸 수 있는 필드:
`do_sample`, `temperature`, `top_k`, `top_p`, `num_beams`, `no_repeat_ngram_size`, `repetition_penalty`,
`max_new_tokens`. 서로 다른 전략을 **3개 이상** 넣으세요 (예: greedy, beam, top-p 샘플링).
실행 시간을 줄이려면 `max_new_tokens`를 64 정도로 두세요.
'''),
    ("code", '''
sft_path = ensure_checkpoint(cfg, "sft")          # 없으면 작게 새로 학습합니다
tok = load_tokenizer(str(sft_path))
model = AutoModelForCausalLM.from_pretrained(sft_path).eval()
EVAL = read_records(repo_root() / "data_kochatgpt" / "kochatgpt_eval.json")[:8]
prompts, references = [r["prompt"] for r in EVAL], [r["reference"] for r in EVAL]
'''),
    ("todo", '''
# TODO 2: 디코딩 전략을 3개 이상 정의하세요.
# STRATEGIES = {"greedy": dict(do_sample=False, max_new_tokens=64), ...}
STRATEGIES = TODO
''', '''
STRATEGIES = {
    "greedy": dict(do_sample=False, max_new_tokens=64),
    "beam4_norepeat3": dict(do_sample=False, num_beams=4, no_repeat_ngram_size=3, max_new_tokens=64),
    "topk40_t0.7": dict(do_sample=True, temperature=0.7, top_k=40, top_p=1.0, max_new_tokens=64),
    "topp0.9_t1.0": dict(do_sample=True, temperature=1.0, top_k=0, top_p=0.9, max_new_tokens=64),
}
'''),
    ("code", '''
decoding = decode_step(model, tok, prompts, references, STRATEGIES, out)
if decoding:
    display(pd.DataFrame(decoding["metrics"]).T.round(3))
'''),
    ("md", '''
## 3. 주관 평가 (TODO 3)

아래 표에서 전략별 답을 읽고, 질문마다 1–5점을 매기세요(5 = 정확하고 자연스러운 답). 적어도 **5개 질문**을
모든 전략에 대해 평가합니다. 평가 기준(`CRITERIA`)을 한두 문장으로 먼저 정하고 그 기준대로 매기세요.
가능하면 어느 전략의 답인지 가린 채(블라인드) 평가하세요.
'''),
    ("code", '''
if decoding:
    side = {name: s["responses"][:6] for name, s in decoding["generations"]["strategies"].items()}
    display(pd.DataFrame({"prompt": prompts[:6], **side}))
'''),
    ("todo", '''
# TODO 3: 평가 기준과 점수를 적으세요 (전략 이름은 STRATEGIES와 같게, 점수는 질문 순서대로).
# CRITERIA = "질문에 맞는 내용인가(2점), 반복이 없는가(1점), 문장이 자연스럽게 끝나는가(1점) + 기본 1점"
# RATINGS = {"greedy": [3, 2, 4, 1, 3, 2], "beam4_norepeat3": [...], ...}
CRITERIA = TODO
RATINGS = TODO
''', '''
# 정답 예시는 모델이 다시 학습되어도 돌아가야 하므로, 아래 기준표를 코드로 옮겨 "같은 기준으로 매긴 점수"를 씁니다.
# 실제 과제에서는 사람이 답을 읽고 같은 기준으로 직접 매기세요.
from chatgpt.data import is_polite_ending
from chatgpt.eval import korean_tokens, repetition_rate

CRITERIA = ("1점 기본 + 질문의 핵심어(형태소)가 답에 나오면 최대 2점 + 같은 구절 반복이 없으면 1점 "
            "+ 존댓말로 자연스럽게 끝나면 1점 (1–5점)")


def rate(prompt, answer):
    key = {t for t in korean_tokens(prompt) if len(t) > 1}
    overlap = len(key & set(korean_tokens(answer))) / max(1, len(key))
    return 1 + round(2 * overlap) + (repetition_rate([answer]) == 0) + is_polite_ending(answer)


RATINGS = ({name: [rate(p, a) for p, a in zip(prompts[:6], s["responses"][:6])]
            for name, s in decoding["generations"]["strategies"].items()} if decoding else TODO)
'''),
    ("code", '''
subjective = subjective_step(decoding, RATINGS, CRITERIA, out)
if decoding and subjective:
    table = pd.DataFrame(decoding["metrics"]).T
    table["subjective_mean"] = pd.Series(subjective["means"])
    table["rank_bleu"] = table["bleu"].rank(ascending=False)
    table["rank_subjective"] = table["subjective_mean"].rank(ascending=False)
    display(table.round(3))
'''),
    ("md", '''
## 4. 최적 전략과 비교 (TODO 4)

`BEST`에 가장 좋다고 판단한 전략 이름을, `COMPARISON`에 BLEU/ROUGE 순위와 주관 평가 순위가 일치하는지,
다르다면 왜 다르다고 보는지(참조 답안과 표현이 다르지만 좋은 답, 반복 때문에 n-gram이 부풀려진 답 등)를 적으세요.
숫자는 위 표에서 코드로 가져오세요.
'''),
    ("todo", '''
# TODO 4
BEST = TODO            # 예: "beam4_norepeat3"
COMPARISON = TODO      # 예: f"BLEU 1위는 ..., 주관 평가 1위는 ... 이유: ..."
''', '''
if decoding and subjective:
    bleu_best = max(decoding["metrics"], key=lambda n: decoding["metrics"][n]["bleu"])
    rouge_best = max(decoding["metrics"], key=lambda n: decoding["metrics"][n]["rouge_l"])
    BEST = max(subjective["means"], key=subjective["means"].get)
    agree = table["rank_bleu"].corr(table["rank_subjective"])   # 순위끼리의 피어슨 상관 = 스피어만 상관
    COMPARISON = (f"BLEU 1위는 {bleu_best}, ROUGE-L 1위는 {rouge_best}, 주관 평가 1위는 {BEST}입니다. "
                  f"두 순위의 스피어만 상관은 {agree:.2f}입니다. 참조 답안과 겹치는 n-gram만 세는 BLEU/ROUGE는 "
                  "말은 다르지만 맞는 답을 낮게, 같은 구절을 되풀이하는 답을 높게 볼 수 있어 주관 평가와 어긋날 수 있습니다.")
else:
    BEST = COMPARISON = TODO
'''),
    ("code", '''
evidence = {
    "cleaning": cleaning,
    "decoding": None if is_todo(decoding, BEST) else {"file": decoding["file"], "metrics": decoding["metrics"],
                                                     "best": BEST},
    "subjective": None if is_todo(subjective, COMPARISON) else {**subjective, "comparison": COMPARISON},
}
result = finish(1, out, evidence)
'''),
    ("md", RETRO),
]

ITEM2 = [
    ("md", '''
# 과제 2. 사람 피드백 대신 AI(규칙) 피드백으로 보상 모델 데이터 만들기

루브릭 항목 2: *새 데이터를 만들거나, 사람 피드백을 AI 판정(LLM API)이나 벤치마크 데이터로 대체하고, 세운 가설과
결과를 비교한다.*

**학습 목표**
- 사람이 순위를 매긴 RM 데이터 일부만 있다고 가정하고, 나머지 질문의 세 답변을 **판정 함수(judge)** 로 순위 매긴다
  (RLAIF: 사람 대신 AI가 선호를 라벨링).
- 만든 RM 파일이 프로젝트 검증기(`chatgpt.data.validate_file`)를 통과하는지, 사람 순위와 얼마나 일치하는지 잰다.
- 사람 라벨만으로 학습한 RM(전)과 사람 + AI 라벨로 학습한 RM(후)을 **같은 held-out 사람 라벨**로 비교하고 가설을 검증한다.

**예상 소요 시간 / 하드웨어**: 과제 60–90분. 실행은 `tiny` 프로필 CPU 2코어에서 약 1분
(SFT 체크포인트가 없으면 처음 한 번 약 2분 더).

판정 함수는 규칙(길이, 반복, 존댓말, 질문 핵심어 …)이어도, RM의 점수여도, LLM API여도 됩니다.
API 키는 코드에 쓰지 말고 환경 변수로 읽으세요.
'''),
    ("md", HOW),
    ("code", BOOTSTRAP),
    ("code", '''
from dataclasses import replace

import pandas as pd

from chatgpt.assignment import (TODO, check, evidence_dir, finish, is_todo, label_step, save_json, skip,
                                train_rm_scores)
from chatgpt.config import repo_root
from chatgpt.data import read_records, split_records, validate_file, write_records
from chatgpt.data.stats import rm_baselines
from chatgpt.pipeline import ensure_checkpoint
from chatgpt.rubric import human_agreement, pair_accuracy, sha256

out = evidence_dir(2)
HUMAN_FILE = repo_root() / "data_kochatgpt" / "kochatgpt_2_RM.jsonl"
train, held = split_records(read_records(HUMAN_FILE), 0.1, seed=0)   # 질문 단위 분할: 같은 질문이 양쪽에 없음
SEED, POOL, HELDOUT = train[:40], train[40:440], held[:60]
UNLABELLED = [{k: v for k, v in r.items() if k != "ranking"} for r in POOL]   # 사람 순위를 지운 400개
print(f"사람 라벨 {len(SEED)}개, 라벨 없는 질문 {len(UNLABELLED)}개, held-out 사람 라벨 {len(HELDOUT)}개")
print("간단한 기준의 사람 순위 일치도(쌍 단위):", rm_baselines(SEED))
'''),
    ("md", '''
## 1. 판정 함수 (TODO 1)

`judge(prompt, [답0, 답1, 답2])`는 답마다 점수 리스트를 돌려줍니다(클수록 좋음). `label_step`이 점수를
`ranking`(0 = 최고)으로 바꿉니다. 위 기준선(`longer`, `polite`)보다 사람 순위와 더 잘 맞는 규칙을 찾아보세요.
`chatgpt.eval`의 `repetition_rate`, `foreign_script_rate`, `korean_tokens`, `chatgpt.data.is_polite_ending`이 쓸모 있습니다.
'''),
    ("todo", '''
# TODO 1: 판정 함수를 완성하세요.
# def judge(prompt, completions):
#     return [score(prompt, c) for c in completions]
judge = TODO
''', '''
from chatgpt.data import is_polite_ending
from chatgpt.eval import foreign_script_rate, korean_tokens, repetition_rate


def judge(prompt, completions):
    """규칙 판정: 반복·외국 문자는 감점, 존댓말 마무리·적당한 길이·질문 핵심어 포함은 가점."""
    key = set(korean_tokens(prompt))
    scores = []
    for c in completions:
        overlap = len(key & set(korean_tokens(c))) / max(1, len(key))
        scores.append(-3 * repetition_rate([c]) - 5 * foreign_script_rate([c]) + is_polite_ending(c)
                      + min(len(c), 200) / 200 + 0.5 * overlap)
    return scores
'''),
    ("code", '''
labelled = label_step(UNLABELLED, judge)
agreement = None
if labelled:
    rm_file = write_records(out / "ai_labelled_rm.json", labelled)
    report = validate_file(rm_file, "rm")
    check(report.ok, f"{rm_file.name}: {len(labelled)}개 레코드, 검증기 통과", report.summary(3))
    value, n_pairs = human_agreement(labelled, POOL)
    print(f"사람 순위와의 쌍 단위 일치도: {value:.3f} ({n_pairs}쌍)")
    save_json(out / "human_pool.json", POOL)        # 채점기가 일치도를 다시 계산할 사람 라벨
    agreement = {"value": value, "pairs": n_pairs, "human_file": "human_pool.json"}
'''),
    ("md", '''
## 2. 가설 (TODO 2)

학습 전에 가설을 적으세요. 예: "사람 라벨 40개에 AI 라벨 400개를 더하면 held-out 정확도가 오른다. 판정 일치도가
0.8 이상이면 라벨 잡음보다 데이터 양의 이득이 크기 때문이다."
'''),
    ("todo", '''
# TODO 2
HYPOTHESIS = TODO
''', '''
HYPOTHESIS = ("사람 라벨 40개만 쓴 RM보다, 사람 라벨 40개 + 규칙 라벨 400개로 학습한 RM의 held-out 사람 라벨 정확도가 "
              "높을 것이다. 규칙의 사람 일치도가 충분히 높으면 라벨 잡음보다 데이터 양의 이득이 크기 때문이다.")
'''),
    ("md", '''
## 3. 전(사람 40) / 후(사람 40 + AI 400) 보상 모델 학습

두 RM 모두 SFT 체크포인트에서 시작해 같은 설정으로 학습하고, 같은 held-out 사람 라벨 쌍에 점수를 매깁니다.
채점기는 쌍별 점수 파일에서 정확도를 다시 계산합니다.
'''),
    ("code", '''
sft_path = ensure_checkpoint(cfg, "sft")
rm_cfg = replace(cfg.rm, epochs=1.0, batch_size=8, max_length=96)
runs = metrics = None
if labelled:
    before = train_rm_scores(sft_path, SEED, HELDOUT, rm_cfg)
    after = train_rm_scores(sft_path, SEED + labelled, HELDOUT, rm_cfg)
    write_records(out / "seed_human_rm.json", SEED)
    save_json(out / "before_scores.json", {"pairs": before})
    save_json(out / "after_scores.json", {"pairs": after})
    runs = {"before": {"train_files": ["seed_human_rm.json"], "scores": "before_scores.json"},
            "after": {"train_files": ["seed_human_rm.json", "ai_labelled_rm.json"], "scores": "after_scores.json"}}
    metrics = {s: {"eval_accuracy": pair_accuracy(p)} for s, p in (("before", before), ("after", after))}
    display(pd.DataFrame(metrics).T.round(3))
else:
    skip("RM 학습", "TODO 1의 판정 함수가 있어야 AI 라벨 데이터를 만들 수 있습니다")
'''),
    ("md", '''
## 4. 결론 (TODO 3)

가설이 맞았는지, 틀렸다면 왜인지(판정 일치도, 라벨 잡음, 데이터 양, 학습 설정) 숫자를 근거로 적으세요.
'''),
    ("todo", '''
# TODO 3
CONCLUSION = TODO
''', '''
if metrics:
    b, a = metrics["before"]["eval_accuracy"], metrics["after"]["eval_accuracy"]
    CONCLUSION = (f"held-out 정확도 {b:.3f} → {a:.3f}로 가설이 {'지지됩니다' if a > b else '지지되지 않습니다'}. "
                  f"규칙 판정의 사람 일치도는 {agreement['value']:.3f}였으므로 AI 라벨의 약 "
                  f"{1 - agreement['value']:.0%}는 사람과 반대 방향의 잡음입니다.")
else:
    CONCLUSION = TODO
'''),
    ("code", '''
evidence = {
    "labeler": None if is_todo(judge) else {"kind": "rule", "description": judge.__doc__ or "규칙 판정 함수"},
    "rm_file": None if not labelled else {"path": "ai_labelled_rm.json", "records": len(labelled),
                                          "sha256": sha256(out / "ai_labelled_rm.json")},
    "agreement": agreement,
    "hypothesis": HYPOTHESIS,
    "runs": runs,
    "metrics": metrics,
    "conclusion": CONCLUSION,
}
result = finish(2, out, evidence)
'''),
    ("md", RETRO),
]

ITEM3 = [
    ("md", '''
# 과제 3. 더 나은 학습 방법 또는 모델

루브릭 항목 3: *더 나은 instruction-tuning 방법, 개선된 RM 순위 방식, KoGPT-2가 아닌 다른 기반 모델, 또는
accelerate / bitsandbytes로 더 큰 모델을 올리기.*

**학습 목표**
- 같은 데이터·같은 평가에서 **하나만 바꾼** 두 SFT 실행(전/후)을 비교하는 실험을 설계한다.
- 바꿀 수 있는 것: 학습 설정(학습률, 에폭, 배치, 최대 길이, warmup), LoRA 어댑터(`LoRAConfig(r=8, …)`,
  `chatgpt/models/lora.py`), 다른 베이스 모델 경로(`BASE`).
- 각 실행의 베이스 모델·어댑터·설정과 held-out eval loss, BLEU/ROUGE-L을 `report.json`에 남기고 가설과 비교한다.

**예상 소요 시간 / 하드웨어**: 과제 60–90분. 실행은 `tiny` 프로필 CPU 2코어에서 약 1분.
'''),
    ("md", HOW),
    ("code", BOOTSTRAP),
    ("code", '''
from dataclasses import replace

import pandas as pd

from chatgpt.assignment import TODO, check, evidence_dir, finish, is_todo, sft_run, skip
from chatgpt.config import GenerationConfig, LoRAConfig, repo_root
from chatgpt.data import read_records, split_records
from chatgpt.pipeline import base_model_path

out = evidence_dir(3)
BASE, _ = base_model_path(cfg)                       # tiny: 프로젝트의 작은 한국어 GPT-2
records = read_records(repo_root() / "data_kochatgpt" / "kochatgpt_1_SFT.jsonl")[:200]
train, held = split_records(records, 0.1, seed=0)
EVAL = read_records(repo_root() / "data_kochatgpt" / "kochatgpt_eval.json")[:8]
GEN = GenerationConfig(do_sample=False, max_new_tokens=64)    # 비교는 greedy로: 샘플링 운을 빼기 위해
BASELINE = replace(cfg.sft, epochs=1.0, lr=1e-4, batch_size=16, max_length=96, eval_fraction=0.1)
print(f"학습 {len(train)}개, held-out {len(held)}개, 평가 질문 {len(EVAL)}개")
BASELINE
'''),
    ("code", '''
before = sft_run("before", BASE, BASELINE, None, train, held, EVAL, GEN, out)
pd.DataFrame({"before": before["metrics"]}).T.round(3)
'''),
    ("md", '''
## 1. 무엇을 바꿀지 (TODO 1)

`AFTER_SETTINGS`(SFTConfig), `AFTER_LORA`(`LoRAConfig(r=…)` 또는 `None`), `AFTER_BASE`(베이스 모델 경로)를 정하고,
`CHANGE`에 무엇을 바꿨는지, `HYPOTHESIS`에 결과를 예측하고 그 이유를 적으세요. 한 번에 하나만 바꾸는 것이 좋습니다.
실행 시간을 1분 안쪽으로 유지하세요(에폭 × 레코드 수).

곧 들어올 기능(`--base` 프리셋, QLoRA, accelerate)은 강사 안내(`assignments/README.md`)를 보세요. 이 노트북은 지금
저장소에 있는 것만 씁니다.
'''),
    ("todo", '''
# TODO 1
AFTER_SETTINGS = TODO      # 예: replace(BASELINE, lr=5e-4)
AFTER_LORA = None          # 예: LoRAConfig(r=8, alpha=16)
AFTER_BASE = BASE
CHANGE = TODO
HYPOTHESIS = TODO
''', '''
AFTER_SETTINGS = replace(BASELINE, lr=5e-4)
AFTER_LORA = None
AFTER_BASE = BASE
CHANGE = "학습률 1e-4 → 5e-4 (프로젝트 tiny 프로필의 기본 학습률), 나머지 설정·데이터·평가는 그대로"
HYPOTHESIS = ("작은 모델을 180개 레코드로 한 에폭만 학습하면 학습률 1e-4로는 덜 학습된다. 같은 스텝 수에서 학습률을 "
              "5e-4로 올리면 held-out eval loss가 내려가고 ROUGE-L이 오를 것이다.")
'''),
    ("code", '''
after = None
if is_todo(AFTER_SETTINGS):
    skip("after 실행", "TODO 1의 AFTER_SETTINGS를 채우세요")
else:
    after = sft_run("after", AFTER_BASE, AFTER_SETTINGS, AFTER_LORA, train, held, EVAL, GEN, out)
    display(pd.DataFrame({"before": before["metrics"], "after": after["metrics"]}).T.round(3))
    check(after["metrics"]["eval_loss"] < before["metrics"]["eval_loss"], "after의 eval loss가 더 낮음",
          "좋아지지 않아도 결론에서 이유를 설명하면 됩니다")
'''),
    ("md", '''
## 2. 결론 (TODO 2)

가설이 맞았는지 숫자로 답하고, 생성 예시(아래)에서 실제로 달라진 점을 적으세요.
'''),
    ("code", '''
if after:
    import json
    gens = {s: json.loads((out / s / "generations.json").read_text())["responses"][:4] for s in ("before", "after")}
    display(pd.DataFrame({"prompt": [r["prompt"] for r in EVAL[:4]], **gens}))
'''),
    ("todo", '''
# TODO 2
CONCLUSION = TODO
''', '''
if after:
    b, a = before["metrics"], after["metrics"]
    CONCLUSION = (f"eval loss {b['eval_loss']:.3f} → {a['eval_loss']:.3f}, ROUGE-L {b['rouge_l']:.3f} → "
                  f"{a['rouge_l']:.3f}, BLEU {b['bleu']:.2f} → {a['bleu']:.2f}. eval loss 기준으로 가설이 "
                  f"{'지지됩니다' if a['eval_loss'] < b['eval_loss'] else '지지되지 않습니다'}.")
else:
    CONCLUSION = TODO
'''),
    ("code", '''
evidence = {
    "change": CHANGE,
    "hypothesis": HYPOTHESIS,
    "runs": None if after is None else {"before": "before/report.json", "after": "after/report.json"},
    "metrics": None if after is None else {"before": before["metrics"], "after": after["metrics"]},
    "conclusion": CONCLUSION,
}
result = finish(3, out, evidence)
'''),
    ("md", RETRO),
]

NOTEBOOKS = {
    "item1_data_decoding": (1, ITEM1),
    "item2_ai_feedback": (2, ITEM2),
    "item3_better_training": (3, ITEM3),
}
