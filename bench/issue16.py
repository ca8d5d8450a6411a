"""Issue #16's measurements in one run: PPO at equal work, SFT against its shape-matched roofline, the course.

    bench/issue16.sh                     # = python bench/issue16.py (≈ 17 min on a quiet 2-core machine)
    python bench/issue16.py --only ppo sft          # or --skip course
    python bench/issue16.py --quick      # smoke run: tiny settings, writes bench/out/issue16_quick.json only

Steps (each a subprocess; its full output in ``bench/out/logs/issue16_<step>.log``):

1. ``ppo``    — ``bench/bench_ppo_tokens.py --profile``: our PPOTrainer vs trl 1.12 on fixed-length
   rollouts, interleaved blocks, per generated/trained token, plus our profile table;
2. ``sft``    — ``bench/bench_sft.py``: tokens/s vs trl, share of the 2048² matmul peak (kept for
   continuity) and of the shape-matched GEMM roofline;
3. ``course`` — ``make course`` (= ``python -m chatgpt.course``) from an empty output directory
   (``KOCHATGPT_OUTPUT_DIR=bench/out/course_clean``), after the tiny build (timed separately: a cache
   hit unless the tiny model's fingerprint changed);
4. ``tiny``   — the tiny build's parts (corpus, tokenizer, packing, pretraining extrapolated from 40 of its
   steps) in a temporary cache, and 20 steps of the pretraining loop with this package's fast paths
   against 20 of ``tiny.pretrain``'s, alternating (``bench/tiny_build_parts.py``); ≈ 2 min.

The load average is recorded before and after every step. ``bench/results.json`` gets (or keeps) the
nested keys ``ppo.speedup_per_token_vs_trl``, ``sft.share_of_shape_roofline`` and ``course.seconds``
with the rest of each step's figures, the machine (CPU model, cores, torch threads) and the date;
the block between ``<!-- issue16:start -->`` and ``<!-- issue16:end -->`` of ``BENCHMARKS.md`` is
rewritten from them. A step that fails keeps its previous figures.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as C  # noqa: E402

RESULTS = C.BENCH / "results.json"
MD = C.REPO / "BENCHMARKS.md"
START, END = "<!-- issue16:start -->", "<!-- issue16:end -->"
STEPS = ("ppo", "sft", "tiny", "course")
QUICK = {"ppo": ["--iterations", "2", "--rounds", "1", "--max-new-tokens", "16"],
         "sft": ["--steps", "8", "--warmup", "1", "--rounds", "1"]}


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--only", nargs="*", choices=STEPS, help="run only these steps")
    p.add_argument("--skip", nargs="*", default=[], choices=STEPS, help="skip these steps")
    p.add_argument("--quick", action="store_true", help="smoke run (numbers meaningless, results.json untouched)")
    p.add_argument("--ppo-args", default="", help="extra arguments for bench_ppo_tokens.py")
    p.add_argument("--sft-args", default="", help="extra arguments for bench_sft.py")
    p.add_argument("--no-md", action="store_true", help="do not touch BENCHMARKS.md")
    p.add_argument("--md-only", action="store_true", help="only re-render BENCHMARKS.md from results.json")
    return p.parse_args(argv)


def machine() -> dict:
    import torch

    return {"cpu_model": C.cpu_model(), "cpu_count": os.cpu_count(), "torch_threads": torch.get_num_threads()}


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def run(name: str, cmd: list[str], timeout: int, env: dict | None = None) -> tuple[int, str, float]:
    logs = C.OUT / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    log = logs / f"issue16_{name}.log"
    C.log(f"== {name}: {' '.join(cmd)}  (loadavg {os.getloadavg()[0]:.2f})")
    t0 = time.perf_counter()
    try:
        with open(log, "w") as f:
            rc = subprocess.run(cmd, stdout=f, stderr=subprocess.STDOUT, timeout=timeout, cwd=C.REPO,
                                env=dict(os.environ, PYTHONUNBUFFERED="1", **(env or {}))).returncode
    except subprocess.TimeoutExpired:
        rc = 124
    sec = time.perf_counter() - t0
    lines = [ln for ln in log.read_text(errors="replace").splitlines() if ln.strip()]
    C.log(f"   {name}: rc={rc} in {sec:.0f}s (loadavg {os.getloadavg()[0]:.2f})"
          + ("" if rc == 0 else f" — FAILED, see {log.relative_to(C.REPO)}"))
    return rc, lines[-1] if lines else "", sec


def step_ppo(a) -> dict | None:
    extra = QUICK["ppo"] if a.quick else []
    before = os.getloadavg()
    rc, last, sec = run("ppo", [sys.executable, str(C.BENCH / "bench_ppo_tokens.py"), "--profile", *extra,
                                *a.ppo_args.split()], 2400)
    if rc != 0:
        return None
    v = C.parse_kv(last)
    prof = (C.OUT / "profile_ppo_tokens.txt")
    return {"speedup_per_token_vs_trl": v["ppo_speedup_per_token_vs_trl"], **{k.removeprefix("ppo_"): x for k, x in
            v.items() if k != "ppo_speedup_per_token_vs_trl"}, "seconds": round(sec, 1),
            "loadavg_before": list(before), "loadavg_after": list(os.getloadavg()),
            "profile": prof.read_text() if prof.exists() else ""}


def step_sft(a) -> dict | None:
    extra = QUICK["sft"] if a.quick else []
    before = os.getloadavg()
    rc, last, sec = run("sft", [sys.executable, str(C.BENCH / "bench_sft.py"), *extra, *a.sft_args.split()], 1800)
    if rc != 0:
        return None
    v = C.parse_kv(last)
    return {"share_of_shape_roofline": v["sft_share_of_shape_roofline"],
            **{k.removeprefix("sft_"): x for k, x in v.items() if k != "sft_share_of_shape_roofline"},
            "seconds": round(sec, 1), "loadavg_before": list(before), "loadavg_after": list(os.getloadavg())}


def step_course(a) -> dict | None:
    out_dir = C.OUT / ("course_quick" if a.quick else "course_clean")
    if out_dir.exists():
        shutil.rmtree(out_dir)                       # a clean outputs/: every checkpoint is built by its notebook
    out_dir.mkdir(parents=True)
    env = {"KOCHATGPT_OUTPUT_DIR": str(out_dir), "KOCHATGPT_PROFILE": "tiny", "HF_HUB_OFFLINE": "1",
           "TOKENIZERS_PARALLELISM": "false"}
    before = os.getloadavg()
    venv = Path(sys.executable).parent.parent
    rc, _, tiny_sec = run("tiny_build", [sys.executable, "-m", "chatgpt.tiny", "build"], 1800, env)
    if rc != 0:
        return None
    prefixes = ["09"] if a.quick else []
    if a.quick or not (venv / "bin" / ".installed").exists():
        cmd = [sys.executable, "-m", "chatgpt.course", *prefixes]
    else:   # `make course`, with this venv, never re-installing it (-o: treat the install marker as up to date)
        cmd = ["make", "--no-print-directory", "-o", f"{venv}/bin/.installed", "course", f"VENV={venv}"]
    rc, _, sec = run("course", cmd, 3000, env)
    t = out_dir / "notebooks" / "timings.json"
    if rc != 0 or not t.exists():
        return None
    tm = json.loads(t.read_text())
    return {"seconds": round(tm["seconds"], 1), "notebooks": {k: round(v, 1) for k, v in tm["notebooks"].items()},
            "tiny_build_call_seconds": round(tiny_sec, 1), "command_seconds": round(sec, 1),
            # recorded relative to the repository (no machine paths in results.json)
            "command": " ".join(cmd).replace(f"{C.REPO}/", ""),
            "loadavg_before": list(before), "loadavg_after": list(os.getloadavg()),
            "kernel_machine": tm.get("machine")}


def step_tiny(a) -> dict | None:
    extra = ["--steps", "2", "--compare-fast", "4"] if a.quick else ["--steps", "40", "--compare-fast", "20"]
    before = os.getloadavg()
    rc, last, sec = run("tiny", [sys.executable, str(C.BENCH / "tiny_build_parts.py"), *extra], 1800)
    return None if rc != 0 else {**C.parse_kv(last), "seconds": round(sec, 1), "loadavg_before": list(before)}


# --------------------------------------------------------------------------- BENCHMARKS.md
def _f(v, nd=3):
    if isinstance(v, (int, float)):
        return f"{v:,.0f}" if abs(v) >= 1000 else f"{v:.{nd}g}"
    return str(v)


def _head(r: dict) -> str:
    m = r.get("machine", {})
    la = r.get("loadavg_before") or []
    run = r.get("run_loadavg_before") or []
    own = (f"; load average {run[0]:.2f} before the run, {la[0]:.2f} before this step (the 1-minute average still "
           f"holds the previous step's own two threads)") if run and la and abs(run[0] - la[0]) > 0.05 else (
        f"; load average before {la[0] if la else float('nan'):.2f}")
    return (f"{m.get('cpu_model', '?')}, {m.get('cpu_count', '?')} cores, torch threads {m.get('torch_threads', '?')}; "
            f"{r.get('date', '?')}{own}")


def render(res: dict) -> str:
    out = ["_Rewritten by `bench/issue16.sh` (`bench/issue16.py`) from `bench/results.json` "
           "(keys `ppo`, `sft`, `course`)._", ""]
    p = res.get("ppo")
    if p:
        ok = p["speedup_per_token_vs_trl"] >= 2.0
        out += [f"### PPO at equal work — ours vs trl 1.12 ({_head(p)})", "",
                f"Fixed-length rollouts: {p.get('rollout_batch')} prompts × exactly {p.get('new_tokens')} new tokens "
                f"(eos suppressed on both sides), {p.get('epochs')} PPO epochs of minibatch {p.get('minibatch')}; "
                f"{p.get('rounds')} interleaved rounds of (ours, trl) blocks of {p.get('iterations_per_block')} "
                f"iterations (first of each excluded); load average during the blocks "
                f"{p.get('loadavg_min', float('nan')):.2f}–{p.get('loadavg_max', float('nan')):.2f}.", "",
                "| ms per token | ours | trl | trl / ours |", "|---|---|---|---|"]
        for k, label in (("generation", "rollout: generation, per generated token"),
                         ("scoring", "rollout: scoring (ref, RM, value, GAE), per generated token"),
                         ("update", "update, per trained token (tokens × epochs)"),
                         ("other", "other (loading, logging), per generated token")):
            o, t = p.get(f"{k}_ms_per_token_ours"), p.get(f"{k}_ms_per_token_trl")
            sp = p.get({"generation": "gen_speedup", "scoring": "scoring_speedup",
                        "update": "update_speedup"}.get(k, ""), None)
            out.append(f"| {label} | {_f(o)} | {_f(t)} | {f'{sp:.2f}×' if sp is not None else '–'} |")
        out += [f"| **whole iteration, per generated token** | **{_f(p.get('ms_per_token_ours'))}** | "
                f"**{_f(p.get('ms_per_token_trl'))}** | **{p['speedup_per_token_vs_trl']:.2f}×** "
                f"(median of rounds {p.get('speedup_per_token_median_round', float('nan')):.2f}×) |",
                f"| seconds per iteration | {_f(p.get('sec_per_iter_ours'))} | {_f(p.get('sec_per_iter_trl'))} | |",
                f"| CPU seconds per iteration (process time; ratio) | {_f(p.get('cpu_sec_per_iter_ours'))} | "
                f"{_f(p.get('cpu_sec_per_iter_trl'))} | {p.get('speedup_per_token_vs_trl_cpu', float('nan')):.2f}× |",
                f"| share of the iteration's GEMM roofline (linear layers + LM head at their shapes, prompt width "
                f"{p.get('prompt_width')}) | {100 * p.get('share_of_gemm_roofline_ours', float('nan')):.0f} % | "
                f"{100 * p.get('share_of_gemm_roofline_trl', float('nan')):.0f} % | |",
                "", f"Target ≥ 2.0× per token for the whole iteration: {'✅ met' if ok else '❌ missed'}. If our "
                f"iteration ran at its GEMM roofline, trl's measured time would be "
                f"{p.get('roofline_speedup_bound', float('nan')):.2f}× it (the bound at equal work: both sides do the "
                f"same body GEMMs; ours skips the LM head on prompt positions).", ""]
        if p.get("profile"):
            out += ["Where our time goes (one iteration, `torch.profiler` and phase timers; "
                    "`bench/out/profile_ppo_tokens.txt`):", ""]
            prof = p["profile"].split("\nTop operators")[0].strip().splitlines()
            out += prof[1:] + [""]
    s = res.get("sft")
    if s:
        ok = s["share_of_shape_roofline"] >= 0.70
        out += [f"### SFT against the shape-matched GEMM roofline ({_head(s)})", "",
                "| | ours | trl |", "|---|---|---|",
                f"| tokens/s (non-pad, steady state) | {_f(s.get('tokens_per_s_ours'))} | {_f(s.get('tokens_per_s_trl'))} |",
                f"| **share of the shape-matched roofline** (GEMMs at the model's shapes, real tokens, "
                f"head on labelled positions; {_f(s.get('roofline_tokens_per_s'))} tokens/s) | "
                f"**{100 * s['share_of_shape_roofline']:.1f} %** | {100 * s.get('share_of_shape_roofline_trl', float('nan')):.1f} % |",
                f"| share of the roofline on the padded shapes (body on B × T_max) | "
                f"{100 * s.get('share_of_shape_roofline_padded', float('nan')):.1f} % | |",
                f"| … and with the attention matmuls (QKᵀ, softmax·V) | "
                f"{100 * s.get('share_of_shape_roofline_padded_attn', float('nan')):.1f} % | |",
                f"| share of the 2048² fp32 matmul peak ({_f(s.get('matmul_peak_gflops'))} GFLOP/s; old figure) | "
                f"{100 * s.get('share_of_peak', float('nan')):.1f} % | {100 * s.get('share_of_peak_trl', float('nan')):.1f} % |",
                f"| speedup vs trl | {s.get('speedup_vs_trl', float('nan')):.2f}× | |",
                "", f"Batches: {s.get('order', 'shuffled')} (the same batches to both trainers, read in order); "
                f"{100 * s.get('padding_share', float('nan')):.1f} % of their tokens are padding"
                + (f" ({100 * s['padding_share_shuffled']:.1f} % with shuffled records)"
                   if 'padding_share_shuffled' in s else "") + ". "
                f"The roofline's GEMMs run at {_f(s.get('roofline_gflops'))} GFLOP/s on these shapes. "
                f"Target ≥ 70 % of the shape-matched roofline: {'✅ met' if ok else '❌ missed'}.", ""]
    c = res.get("course")
    if c:
        ok = c["seconds"] <= 360
        out += [f"### Course notebooks (`make course`, clean output directory; {_head(c)})", "",
                "| notebook | seconds |", "|---|---|"]
        out += [f"| {k} | {v:.1f} |" for k, v in c.get("notebooks", {}).items()]
        out += [f"| **total ({len(c.get('notebooks', {}))} notebooks)** | **{c['seconds']:.1f}** "
                f"({c['seconds'] / 60:.1f} min) |", "",
                f"Tiny build call before it: {c.get('tiny_build_call_seconds', float('nan')):.1f} s (a cache hit unless "
                f"the build's fingerprint changed). Target ≤ 6 min: {'✅ met' if ok else '❌ missed'}.", ""]
    t = res.get("tiny_build")
    if t:
        out += [f"### Tiny build, by part (`bench/tiny_build_parts.py`, temporary cache; {_head(t)})", "",
                "| part | seconds |", "|---|---|"]
        out += [f"| {k.removeprefix('tiny_').removesuffix('_s')} | {v:.1f} |" for k, v in t.items()
                if k.startswith("tiny_") and k.endswith("_s")]
        out += ["", f"Pretraining extrapolated from {t.get('tiny_steps_timed')} of {t.get('tiny_steps')} steps "
                f"({_f(t.get('tiny_pretrain_ms_per_step'))} ms/step). Proposal, measured on "
                f"{t.get('tiny_compare_steps')} steps from the same weights and batches, alternating: the package's "
                f"fast paths (GELU in one kernel or its σ form, the LM-head cross-entropy with gradients in the "
                f"forward pass, fused AdamW) take "
                f"{_f(t.get('tiny_pretrain_ms_per_step_fast'))} ms/step against {_f(t.get('tiny_pretrain_ms_per_step_plain'))} "
                f"({t.get('tiny_pretrain_fast_speedup', float('nan')):.2f}×), loss after those steps "
                f"{t.get('tiny_loss_after_n_fast', float('nan')):.4f} vs {t.get('tiny_loss_after_n_plain', float('nan')):.4f}.", ""]
    return "\n".join(out).rstrip() + "\n"


def write_md(res: dict) -> None:
    text = MD.read_text()
    block = f"{START}\n{render(res)}{END}"
    if START in text and END in text:
        text = text[: text.index(START)] + block + text[text.index(END) + len(END):]
    else:
        text = text.rstrip() + "\n\n## Issue #16: equal-work PPO, shape-matched roofline, course time\n\n" + block + "\n"
    MD.write_text(text)


def main(argv=None) -> int:
    a = parse_args(argv)
    C.setup_env()
    res = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    if a.md_only:
        write_md(res)
        return 0
    names = [s for s in (a.only or STEPS) if s not in a.skip]
    mach, t0, run_load = machine(), time.perf_counter(), list(os.getloadavg())
    C.log(f"issue #16 measurements: {names}; {mach}; loadavg {os.getloadavg()}")
    fns = {"ppo": step_ppo, "sft": step_sft, "course": step_course, "tiny": step_tiny}
    new = {}
    for n in names:
        r = fns[n](a)
        if r is None:
            C.log(f"{n}: failed — previous figures kept")
            continue
        r.update(machine=mach, date=now(), quick=a.quick, run_loadavg_before=run_load)
        r.setdefault("loadavg_before", list(os.getloadavg()))
        new["tiny_build" if n == "tiny" else n] = r
    res.update(new)
    target = C.OUT / "issue16_quick.json" if a.quick else RESULTS
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(res, indent=1, ensure_ascii=False, default=str) + "\n")
    if not (a.quick or a.no_md):
        write_md(res)
    summary = {"ppo_speedup_per_token_vs_trl": res.get("ppo", {}).get("speedup_per_token_vs_trl", float("nan")),
               "sft_share_of_shape_roofline": res.get("sft", {}).get("share_of_shape_roofline", float("nan")),
               "course_seconds": res.get("course", {}).get("seconds", float("nan")),
               "failed": len(names) - len(new), "seconds": round(time.perf_counter() - t0)}
    C.log(f"done → {target.relative_to(C.REPO)}" + ("" if a.quick or a.no_md else f", {MD.name}"))
    print(C.kv_line(summary), flush=True)
    return 0 if len(new) == len(names) else 1


if __name__ == "__main__":
    sys.exit(main())
