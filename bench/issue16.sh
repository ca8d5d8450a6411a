#!/usr/bin/env bash
# Issue #16's final measurements in one go (run on a QUIET machine: load average < 0.5 before it starts):
#   PPO at equal work vs trl 1.12 (interleaved, per token, with our profile table), SFT against the
#   shape-matched GEMM roofline, the tiny build's parts, and `make course` from a clean output directory;
#   rewrites the keys ppo.speedup_per_token_vs_trl, sft.share_of_shape_roofline, course.seconds (and
#   tiny_build) of bench/results.json and the issue-16 block of BENCHMARKS.md.  ≈ 17 min on a quiet 2-core machine.
#
#   bench/issue16.sh                    # everything
#   bench/issue16.sh --only ppo sft     # some of them (--skip course …);  --quick: smoke run, results.json untouched
#
# Python: $PY, else ./.venv/bin/python (make venv).
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PY:-}"
if [ -z "$PY" ]; then
  if [ -x .venv/bin/python ]; then PY=.venv/bin/python; else echo "[issue16] no .venv: run make venv, or set PY" >&2; exit 2; fi
fi
export HF_HUB_OFFLINE=1 TOKENIZERS_PARALLELISM=false KOCHATGPT_PROFILE=tiny
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
echo "[issue16] $(date -u +%FT%TZ) load average: $(cut -d' ' -f1-3 /proc/loadavg)  python: $PY"
exec "$PY" bench/issue16.py "$@"
