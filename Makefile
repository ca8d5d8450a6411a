# One-command entry points (see README). Everything runs offline on the tiny profile.
PY      ?= python3.11
VENV    := .venv
BIN     := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false
export KOCHATGPT_PROFILE ?= tiny

.PHONY: venv demo test unit notebooks course bench bench-issue16 tiny data clean assignments assignments-check

$(BIN)/.installed: pyproject.toml
	$(PY) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e ".[dev]"
	touch $@

venv: $(BIN)/.installed

tiny: venv                       ## build (or reuse) the tiny Korean GPT-2
	$(BIN)/python -m chatgpt.tiny build

demo: tiny                       ## the main job: SFT → RM → PPO → eval on the tiny profile
	$(BIN)/python -m chatgpt pipeline --profile tiny

unit: tiny
	$(BIN)/python -m pytest tests -q

notebooks: tiny
	$(BIN)/python -m pytest --nbval-lax notebooks -q -p no:cacheprovider

test: tiny                       ## every test: unit + smoke + notebooks (nbval) + assignments (answer keys, starters)
	$(BIN)/python -m chatgpt.data validate data_kochatgpt/kochatgpt_*
	$(BIN)/python -m pytest tests -q
	if ls notebooks/*.ipynb >/dev/null 2>&1; then $(BIN)/python -m pytest --nbval-lax notebooks -q -p no:cacheprovider; fi
	$(MAKE) --no-print-directory assignments-check

course: tiny                     ## execute all notebooks in order into outputs/notebooks (+ HTML)
	$(BIN)/python -m chatgpt.course

bench: tiny                      ## benchmarks against trl (see BENCHMARKS.md)
	$(BIN)/pip install -q -e ".[bench]"
	$(BIN)/python bench/run_all.py

bench-issue16: tiny              ## issue #16: PPO per token vs trl (equal work), SFT vs its GEMM roofline, course time
	PY=$(BIN)/python bench/issue16.sh

data: venv                       ## rebuild the shipped data files from data_kochatgpt/source
	$(BIN)/python data_kochatgpt/build_dataset.py

clean:
	rm -rf outputs

# Assignments (see assignments/README.md): answer keys under nbval, the rubric checker on their evidence
# (all PASS, example report committed), then the untouched starters (no traceback; checker exit code 1 = MISSING).
# One torch thread unless set: on a busy 2-core CPU, 2 threads made item 1's decoding cell ~70× slower (478 s vs 6.6 s, measured).
assignments-check: tiny           ## answer keys under nbval + checker (all PASS) + untouched starters (items named)
	OMP_NUM_THREADS=$${OMP_NUM_THREADS:-1} KOCHATGPT_ASSIGNMENT_DIR=$(CURDIR)/outputs/assignments/solutions \
	  $(BIN)/python -m pytest --nbval-lax assignments/solutions -q -p no:cacheprovider
	$(BIN)/python -m chatgpt.rubric check outputs/assignments/solutions
	OMP_NUM_THREADS=$${OMP_NUM_THREADS:-1} $(BIN)/python assignments/check_starters.py

assignments: assignments-check    ## the same, and rewrite the committed example checker report
	$(BIN)/python -m chatgpt.rubric check outputs/assignments/solutions --json assignments/example_report.json --md assignments/example_report.md
