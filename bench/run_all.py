"""Run every benchmark, collect their last lines into ``bench/results.json`` and rewrite the
tables of ``BENCHMARKS.md`` (``make bench``).

Each bench runs as its own subprocess (one failure does not stop the others); its full output
goes to ``bench/out/logs/<name>.log`` and its last line (``key=value`` pairs) into
``results.json``. Figures of a bench that failed this time are kept from the previous run and
marked stale. Before each bench the share of CPU time used by *other* processes over a few
seconds is sampled and recorded (``busy_before``): this machine may be shared, and the timings
mean little when it is busy.

``BENCHMARKS.md``: only the part between ``<!-- bench:auto:start -->`` and
``<!-- bench:auto:end -->`` is rewritten; the notes around it are kept.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as C  # noqa: E402

RESULTS = C.BENCH / "results.json"
MD = C.REPO / "BENCHMARKS.md"
START, END = "<!-- bench:auto:start -->", "<!-- bench:auto:end -->"

# name → (script, extra args, timeout s)
BENCHES = {
    "sft": ("bench_sft.py", [], 1800),
    "rm": ("bench_rm.py", [], 1800),
    "ppo": ("bench_ppo.py", [], 3600),
    "course": ("bench_course.py", [], 3000),
}
QUICK = {  # --quick: a smoke run of the whole chain (numbers meaningless)
    "sft": ["--steps", "6", "--warmup", "1", "--rounds", "1"],
    "rm": ["--steps", "6", "--warmup", "1", "--eval-pairs", "32"],
    "ppo": ["--iterations", "2", "--eval-prompts", "8", "--eval-samples", "1"],
    "course": ["--budget", "60"],
}
REQUIRED = ("ppo_speedup_vs_trl", "ppo_reward_gain_ours", "ppo_reward_gain_trl", "sft_speedup_vs_trl",
            "sft_share_of_peak")


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--only", nargs="*", choices=list(BENCHES), help="run only these benches")
    p.add_argument("--skip", nargs="*", default=[], choices=list(BENCHES), help="skip these benches")
    p.add_argument("--quick", action="store_true", help="tiny settings: checks the chain, numbers meaningless")
    p.add_argument("--args", nargs="*", default=[], metavar="NAME=ARGS",
                   help='extra arguments for one bench, e.g. --args "ppo=--iterations 6" "sft=--rounds 1"')
    p.add_argument("--no-md", action="store_true", help="do not touch BENCHMARKS.md")
    p.add_argument("--md-only", action="store_true", help="only re-render BENCHMARKS.md from results.json")
    p.add_argument("--collect", nargs="*", choices=list(BENCHES), metavar="NAME",
                   help="do not run: re-read the last lines of bench/out/logs/NAME.log into results.json")
    return p.parse_args(argv)


# --------------------------------------------------------------------------- machine
def cpu_busy_by_others(seconds: float = 3.0) -> float:
    """Share of all CPU time that was non-idle over ``seconds`` while we sleep (≈ other processes)."""
    def snap():
        vals = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
        idle = vals[3] + (vals[4] if len(vals) > 4 else 0)
        return sum(vals), idle
    try:
        t0, i0 = snap()
        time.sleep(seconds)
        t1, i1 = snap()
        return round(1 - (i1 - i0) / max(1, t1 - t0), 3)
    except OSError:
        return float("nan")


def machine_info() -> dict:
    import torch

    return {"platform": platform.platform(), "cpu_model": C.cpu_model(), "cpu_count": os.cpu_count(),
            "torch_threads": torch.get_num_threads(), "python": platform.python_version(),
            "loadavg": list(os.getloadavg()) if hasattr(os, "getloadavg") else None}


def versions() -> dict:
    v = {n: C.pkg_version(n) for n in ("torch", "transformers", "trl", "datasets", "accelerate", "peft")}
    py = C.trl_python()
    v["trl_ppo"] = C.pkg_version("trl", str(py)) if py.exists() else "-"
    return v


# --------------------------------------------------------------------------- running
def run_bench(name: str, extra: list[str], timeout: int, quick: bool = False) -> dict:
    script, args, _ = BENCHES[name]
    logs = C.OUT / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    busy = cpu_busy_by_others()
    cmd_args = args + extra
    C.log(f"== {name}: {script} {' '.join(cmd_args)} (others' CPU share before: {busy:.0%})")
    env = dict(os.environ, HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false", KOCHATGPT_PROFILE="tiny",
               PYTHONUNBUFFERED="1")
    if quick:  # small bench SFT policy / reward model too (cached separately by their stamps)
        env.update(BENCH_SFT_EPOCHS="0.05", BENCH_RM_STEPS="10")
    t0 = time.perf_counter()
    log_path = logs / f"{name}.log"
    try:
        with open(log_path, "w") as f:
            proc = subprocess.run([sys.executable, str(C.BENCH / script)] + args + extra, stdout=f,
                                  stderr=subprocess.STDOUT, text=True, timeout=timeout, env=env, cwd=C.REPO)
        rc = proc.returncode
    except subprocess.TimeoutExpired:
        rc = 124
    seconds = time.perf_counter() - t0
    lines = [ln for ln in log_path.read_text(errors="replace").splitlines() if ln.strip()]
    last = lines[-1] if lines else ""
    is_kv = bool(last) and all("=" in t for t in last.split())
    values = C.parse_kv(last) if is_kv else {}      # a killed bench may have printed a partial line
    for ln in lines:  # informative "skip" lines (e.g. no notebooks yet)
        if ln.startswith("no notebooks"):
            values.setdefault("note", ln)
    C.log(f"   {name}: rc={rc} in {seconds:.0f}s → {last[:300] if rc == 0 else 'FAILED (see ' + str(log_path.relative_to(C.REPO)) + ')'}")
    env_note = {k: env[k] for k in ("BENCH_SFT_EPOCHS", "BENCH_RM_STEPS", "BENCH_THREADS", "BENCH_MODEL") if k in env}
    return {"rc": rc, "seconds": round(seconds, 1), "busy_before": busy, "args": cmd_args, "env": env_note,
            "last_line": last if is_kv else "", "partial": rc != 0 and bool(values),
            "error_tail": "" if rc == 0 else "\n".join(lines[-15:]), "values": values, "quick": quick}


def merge_results(old: dict, runs: dict, machine: dict, vers: dict) -> dict:
    res = {"date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), "machine": machine,
           "versions": vers, "benches": dict(old.get("benches", {}))}
    flat = {k: v for k, v in old.items() if k not in ("date", "machine", "versions", "benches")}
    for name, r in runs.items():
        prev = old.get("benches", {}).get(name, {})
        if r["rc"] == 0 or r.get("partial"):
            r["stale"] = False
            r["date"] = res["date"]
            flat.update({k: v for k, v in r["values"].items() if k not in ("threads", "note")})
        else:  # keep the previous figures, marked stale
            r["stale"] = bool(prev.get("values"))
            r["values"] = prev.get("values", {})
            r["date"] = prev.get("date")
        res["benches"][name] = r
    for k in REQUIRED:
        flat.setdefault(k, float("nan"))
    res.update(flat)
    return res


# --------------------------------------------------------------------------- BENCHMARKS.md
def f(v, nd=3, pct=False, x=False):
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    if isinstance(v, str):
        return v
    if pct:
        return f"{100 * v:.{max(0, nd - 2)}f} %"
    if x:
        return f"{v:.2f}×"
    return f"{v:,.0f}" if abs(v) >= 1000 else f"{v:.{nd}g}"


def render_auto(res: dict) -> str:
    m, v, b = res.get("machine", {}), res.get("versions", {}), res.get("benches", {})
    g = res.get

    def status(name):
        r = b.get(name)
        if not r:
            return "not run"
        s = f"{r.get('seconds', 0):.0f} s, others' CPU share before {f(r.get('busy_before'), pct=True)}"
        if r.get("args"):
            s += f", args `{' '.join(r['args'])}`"
        if r.get("env"):
            s += ", " + ", ".join(f"`{k}={v}`" for k, v in r["env"].items())
        if r.get("rc") != 0:
            s += f", **failed (rc={r.get('rc')})**" + (" — figures below are from the previous run" if r.get("stale")
                                                      else " — partial figures (the sides that finished)"
                                                      if r.get("partial") else "")
        if r.get("quick"):
            s += ", quick settings (smoke run)"
        return s

    def target(ok, key):
        v = g(key)
        if v is None or (isinstance(v, float) and math.isnan(v)):
            return "not measured"
        return "✅ met" if ok else "❌ missed"

    ppo_ok = (g("ppo_speedup_vs_trl", 0) or 0) >= 2.0 and (g("ppo_reward_gain_ours", -9) >= g("ppo_reward_gain_trl", 9))
    sft_ok = (g("sft_share_of_peak", 0) or 0) >= 0.60
    out = [
        f"_Last run: {res.get('date', '–')} — rewritten by `make bench` (`bench/run_all.py`); raw figures in "
        f"[`bench/results.json`](bench/results.json)._",
        "",
        "| machine | |",
        "|---|---|",
        f"| CPU | {m.get('cpu_model', '–')}, {m.get('cpu_count', '–')} cores, torch threads {m.get('torch_threads', '–')} |",
        f"| platform | {m.get('platform', '–')}, Python {m.get('python', '–')} |",
        f"| load average at start | {', '.join(f'{x:.2f}' for x in (m.get('loadavg') or []))} |",
        f"| fp32 matmul peak (2048², measured) | {f(g('matmul_peak_gflops'))} GFLOP/s |",
        f"| versions | torch {v.get('torch')}, transformers {v.get('transformers')}, trl {v.get('trl')} "
        f"(PPO: trl {v.get('trl_ppo')} in `bench/.venv-trl112`), datasets {v.get('datasets')}, "
        f"accelerate {v.get('accelerate')} |",
        "",
        "### Targets",
        "",
        "| target | measured | |",
        "|---|---|---|",
        f"| PPO throughput ≥ 2.0× trl at equal or better reward gain | {f(g('ppo_speedup_vs_trl'), x=True)}, "
        f"gain {f(g('ppo_reward_gain_ours'))} (ours) vs {f(g('ppo_reward_gain_trl'))} (trl) | {target(ppo_ok, 'ppo_speedup_vs_trl')} |",
        f"| SFT ≥ 60 % of the measured fp32 matmul peak | {f(g('sft_share_of_peak'), pct=True)} | {target(sft_ok, 'sft_share_of_peak')} |",
        "",
        f"### PPO — ours vs trl {v.get('trl_ppo')} (`bench/bench_ppo.py`; {status('ppo')})",
        "",
        "| | ours | trl | ours / trl |",
        "|---|---|---|---|",
        f"| seconds per iteration (steady state) | {f(g('ppo_sec_per_iter_ours'))} | {f(g('ppo_sec_per_iter_trl'))} "
        f"| {f(g('ppo_speedup_vs_trl'), x=True)} |",
        f"| rollout tokens/s | {f(g('ppo_rollout_tokens_per_s_ours'))} | {f(g('ppo_rollout_tokens_per_s_trl'))} "
        f"| {f(g('ppo_rollout_speedup_vs_trl'), x=True)} |",
        f"| rollout share of an iteration | {f(g('ppo_rollout_share_ours'), pct=True)} "
        f"| {f(g('ppo_rollout_share_trl'), pct=True)} | |",
        f"| RM score on {g('ppo_eval_prompts', '–')} held-out prompts, after − before (before: "
        f"{f(g('ppo_reward_before'))}) "
        f"| {f(g('ppo_reward_gain_ours'))} | {f(g('ppo_reward_gain_trl'))} | |",
        f"| training reward, mean of last 3 iterations | {f(g('ppo_train_reward_last3_ours'))} "
        f"| {f(g('ppo_train_reward_last3_trl'))} | |",
        "",
        f"{g('ppo_iterations', '–')} iterations × {g('ppo_rollout_batch', '–')} prompts, ≤ {g('ppo_max_new_tokens', '–')} "
        f"new tokens, one PPO epoch, lr {g('ppo_lr', '–')} for policy and value on both sides; policy "
        f"`bench/out/{g('ppo_policy', '–')}`, reward model `bench/out/{g('ppo_reward_model', '–')}` (held-out pair "
        f"accuracy {f(g('ppo_rm_eval_acc'))}); reward gain over {g('ppo_eval_prompts', '–')} held-out prompts × "
        f"{g('ppo_eval_samples', '–')} samples.",
        "",
        f"### SFT — ours vs trl {v.get('trl')} `SFTTrainer` (`bench/bench_sft.py`; {status('sft')})",
        "",
        "| | ours | trl | ours / trl |",
        "|---|---|---|---|",
        f"| tokens/s (non-pad, steady state) | {f(g('sft_tokens_per_s_ours'))} | {f(g('sft_tokens_per_s_trl'))} "
        f"| {f(g('sft_speedup_vs_trl'), x=True)} |",
        f"| ms per step | {f(g('sft_ms_per_step_ours'))} | {f(g('sft_ms_per_step_trl'))} | |",
        f"| achieved model FLOP/s share of the matmul peak | {f(g('sft_share_of_peak'), pct=True)} "
        f"| {f(g('sft_share_of_peak_trl'), pct=True)} | |",
        "",
        f"{g('sft_steps', '–')} steps × {g('sft_batch_size', '–')} sequences (mean {f(g('sft_mean_seq_len'))} tokens, "
        f"padding {f(g('sft_padding_share'), pct=True)} of the batch), {f(g('sft_flops_per_token_m'))} MFLOP per token "
        f"(6·N + 12·L·d·T); ours achieves {f(g('sft_gflops_ours'))} GFLOP/s of {f(g('matmul_peak_gflops'))}.",
        "",
        f"### Reward model — ours vs trl {v.get('trl')} `RewardTrainer` (`bench/bench_rm.py`; {status('rm')})",
        "",
        "| | ours | trl | ours / trl |",
        "|---|---|---|---|",
        f"| pairs/s (steady state) | {f(g('rm_pairs_per_s_ours'))} | {f(g('rm_pairs_per_s_trl'))} "
        f"| {f(g('rm_speedup_vs_trl'), x=True)} |",
        f"| pairs/s, ours with pair batches (trl's arithmetic) | {f(g('rm_pairs_per_s_ours_pairmode'))} "
        f"| {f(g('rm_pairs_per_s_trl'))} | {f(g('rm_pairmode_speedup_vs_trl'), x=True)} |",
        f"| held-out pairwise accuracy ({g('rm_eval_pairs', '–')} pairs) | {f(g('rm_acc_ours'))} "
        f"(pair batches: {f(g('rm_acc_ours_pairmode'))}) | {f(g('rm_acc_trl'))} | |",
        f"| held-out mean margin | {f(g('rm_margin_ours'))} | {f(g('rm_margin_trl'))} | |",
        "",
        f"{g('rm_steps', '–')} steps × {g('rm_batch_records', '–')} records = {g('rm_pairs_per_step', '–')} pairs per "
        "step (all 3 pairs of each record), the same pairs in the same order on every side, from the same "
        "initial model. Ours scores each completion once per step (ranked batches); pair batches and trl "
        "score every pair's two sides.",
        "",
        f"### Course notebooks (`bench/bench_course.py`; {status('course')})",
        "",
    ]
    course = b.get("course", {}).get("values", {})
    nb_keys = [k for k in course if k.startswith("course_") and k.endswith("_s") and k not in
               ("course_total_s", "course_total_ok_s")]
    if "course" not in b:
        out.append("Not run in this pass (`python bench/run_all.py --only course`).")
    elif not course or course.get("course_notebooks", 0) == 0:
        out.append("No notebooks in `notebooks/` at the time of the run: nothing timed "
                   "(`course_total_s=nan`).")
    else:
        out += ["| notebook | wall time (s) |", "|---|---|"]
        out += [f"| {k[len('course_'):-2]} | {f(course[k], 4)} |" for k in nb_keys]
        out.append(f"| **total** ({'cold' if course.get('course_cold') else 'warm'} run) "
                   f"| **{f(course.get('course_total_s', course.get('course_total_ok_s')), 4)}** |")
        if course.get("course_failed") or course.get("course_skipped"):
            out.append(f"\n{course.get('course_failed', 0)} failed, {course.get('course_skipped', 0)} skipped.")
    return "\n".join(out)


SKELETON = f"""# Benchmarks

Side-by-side measurements of this package against trl on the project's tiny Korean GPT-2.
Run them with `make bench`.

## Latest figures

{START}
{END}
"""


def write_md(res: dict) -> None:
    text = MD.read_text() if MD.exists() else SKELETON
    if START not in text or END not in text:
        text = text.rstrip() + "\n\n## Latest figures\n\n" + START + "\n" + END + "\n"
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    MD.write_text(head + START + "\n" + render_auto(res) + "\n" + END + tail)


def main(argv=None) -> int:
    a = parse_args(argv)
    C.setup_env()
    old = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    if a.md_only:
        write_md(old)
        return 0
    if a.collect:
        runs = {}
        for n in a.collect:
            log_path = C.OUT / "logs" / f"{n}.log"
            lines = [ln for ln in log_path.read_text(errors="replace").splitlines() if ln.strip()]
            values = C.parse_kv(lines[-1]) if lines else {}
            ok = bool(values) and all("=" in t for t in lines[-1].split())
            runs[n] = {"rc": 0 if ok else 1, "seconds": float("nan"), "busy_before": float("nan"), "args": [],
                       "env": {}, "last_line": lines[-1] if ok else "", "values": values if ok else {},
                       "error_tail": "" if ok else "\n".join(lines[-15:]), "quick": False, "collected": True}
        res = merge_results(old, runs, old.get("machine") or machine_info(), old.get("versions") or versions())
        RESULTS.write_text(json.dumps(res, indent=1, ensure_ascii=False, default=str) + "\n")
        write_md(res) if not a.no_md else None
        C.log(f"collected {', '.join(a.collect)} from bench/out/logs → {RESULTS.relative_to(C.REPO)}")
        return 0
    names = [n for n in (a.only or list(BENCHES)) if n not in a.skip]
    t0 = time.perf_counter()
    machine = machine_info()
    C.log(f"machine: {machine['cpu_model']} × {machine['cpu_count']}, load {machine['loadavg']}")
    if any(n in names for n in ("ppo",)):
        try:
            C.ensure_trl_venv()
        except subprocess.CalledProcessError as e:
            C.log(f"could not create the trl 1.12 venv: {e}")
    extra = {n: [] for n in BENCHES}
    for item in a.args:
        n, _, rest = item.partition("=")
        if n not in BENCHES:
            raise SystemExit(f"--args: unknown bench {n!r} in {item!r}")
        extra[n] += rest.split()
    runs = {}
    for n in names:
        runs[n] = run_bench(n, (QUICK[n] if a.quick else []) + extra[n], BENCHES[n][2], quick=a.quick)
    if RESULTS.exists():  # re-read: another run_all (other benches) may have written it meanwhile
        old = json.loads(RESULTS.read_text())
    res = merge_results({} if a.quick else old, runs, machine, versions())
    target = C.OUT / "results_quick.json" if a.quick else RESULTS   # a smoke run never replaces the figures
    target.write_text(json.dumps(res, indent=1, ensure_ascii=False, default=str) + "\n")
    if not (a.no_md or a.quick):
        write_md(res)
    C.log(f"all benches done in {time.perf_counter() - t0:.0f}s → {target.relative_to(C.REPO)}"
          + ("" if (a.no_md or a.quick) else f", {MD.name}"))
    summary = {k: res.get(k) for k in REQUIRED}
    summary["failed"] = sum(1 for r in runs.values() if r["rc"] != 0)
    print(C.kv_line(summary), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
